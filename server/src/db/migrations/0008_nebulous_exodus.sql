CREATE TABLE "scale_administrations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"family_id" uuid NOT NULL,
	"case_id" uuid,
	"scale_id" text NOT NULL,
	"scale_version" integer NOT NULL,
	"occasion" text NOT NULL,
	"respondent" text NOT NULL,
	"respondent_user_id" uuid,
	"answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" text DEFAULT 'in_progress' NOT NULL,
	"score" jsonb,
	"started_by" uuid,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone,
	"revision" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "scale_admin_occasion" CHECK ("scale_administrations"."occasion" IN ('intake','midway','evaluation','other')),
	CONSTRAINT "scale_admin_respondent" CHECK ("scale_administrations"."respondent" IN ('caregiver','social_worker')),
	CONSTRAINT "scale_admin_status" CHECK ("scale_administrations"."status" IN ('in_progress','complete','abandoned')),
	CONSTRAINT "scale_admin_completed" CHECK (("scale_administrations"."status" = 'complete') = ("scale_administrations"."completed_at" IS NOT NULL AND "scale_administrations"."score" IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE "scale_definitions" (
	"id" text NOT NULL,
	"version" integer NOT NULL,
	"definition" jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"built_in" boolean DEFAULT false NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "scale_definitions_id_version_pk" PRIMARY KEY("id","version")
);
--> statement-breakpoint
ALTER TABLE "scale_administrations" ADD CONSTRAINT "scale_administrations_family_id_families_id_fk" FOREIGN KEY ("family_id") REFERENCES "public"."families"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scale_administrations" ADD CONSTRAINT "scale_administrations_respondent_user_id_users_id_fk" FOREIGN KEY ("respondent_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scale_administrations" ADD CONSTRAINT "scale_administrations_started_by_users_id_fk" FOREIGN KEY ("started_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scale_administrations" ADD CONSTRAINT "scale_administrations_scale_fk" FOREIGN KEY ("scale_id","scale_version") REFERENCES "public"."scale_definitions"("id","version") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scale_definitions" ADD CONSTRAINT "scale_definitions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "scale_admin_family_idx" ON "scale_administrations" USING btree ("family_id","scale_id","completed_at");--> statement-breakpoint
CREATE INDEX "scale_admin_respondent_idx" ON "scale_administrations" USING btree ("respondent_user_id");