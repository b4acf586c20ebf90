CREATE TABLE "policy_cards" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"title_en" text,
	"summary_en" text,
	"kind" text NOT NULL,
	"eligibility" jsonb NOT NULL,
	"steps" text[] NOT NULL,
	"documents" text[] DEFAULT '{}'::text[] NOT NULL,
	"where_to_apply" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"deadline" date,
	"source_name" text NOT NULL,
	"source_url" text,
	"checked_on" date NOT NULL,
	"review_by" date NOT NULL,
	"review_notified_at" timestamp with time zone,
	"keywords" text[] DEFAULT '{}'::text[] NOT NULL,
	"author_id" uuid,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "policy_cards_status_check" CHECK ("policy_cards"."status" in ('draft', 'published', 'archived'))
);
--> statement-breakpoint
CREATE TABLE "report_project_social_workers" (
	"project_id" uuid NOT NULL,
	"social_worker_id" uuid NOT NULL,
	CONSTRAINT "report_project_social_workers_project_id_social_worker_id_pk" PRIMARY KEY("project_id","social_worker_id")
);
--> statement-breakpoint
CREATE TABLE "report_projects" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"district" text,
	"station_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"from_date" date NOT NULL,
	"to_date" date NOT NULL,
	"family_ids" uuid[],
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "report_projects_range" CHECK ("report_projects"."from_date" <= "report_projects"."to_date")
);
--> statement-breakpoint
ALTER TABLE "families" ADD COLUMN "household_status" text;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "card" jsonb;--> statement-breakpoint
ALTER TABLE "policy_cards" ADD CONSTRAINT "policy_cards_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_project_social_workers" ADD CONSTRAINT "report_project_social_workers_project_id_report_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."report_projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_project_social_workers" ADD CONSTRAINT "report_project_social_workers_social_worker_id_users_id_fk" FOREIGN KEY ("social_worker_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_projects" ADD CONSTRAINT "report_projects_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "policy_cards_status_idx" ON "policy_cards" USING btree ("status");--> statement-breakpoint
CREATE INDEX "policy_cards_review_idx" ON "policy_cards" USING btree ("review_by") WHERE "policy_cards"."review_notified_at" is null and "policy_cards"."status" <> 'archived';--> statement-breakpoint
CREATE INDEX "rpsw_sw_idx" ON "report_project_social_workers" USING btree ("social_worker_id");