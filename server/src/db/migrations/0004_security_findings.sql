CREATE TABLE "family_join_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"family_id" uuid NOT NULL,
	"requester_id" uuid NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "families" ALTER COLUMN "invite_code" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "families" ADD COLUMN "invite_expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "refresh_tokens" ADD COLUMN "family_id" uuid DEFAULT gen_random_uuid() NOT NULL;--> statement-breakpoint
ALTER TABLE "refresh_tokens" ADD COLUMN "family_started_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "refresh_tokens" ADD COLUMN "revoked_reason" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "token_version" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "bookings" ADD COLUMN "awaiting_family" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "family_join_requests" ADD CONSTRAINT "family_join_requests_family_id_families_id_fk" FOREIGN KEY ("family_id") REFERENCES "public"."families"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "family_join_requests" ADD CONSTRAINT "family_join_requests_requester_id_users_id_fk" FOREIGN KEY ("requester_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "family_join_requests" ADD CONSTRAINT "family_join_requests_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "fjr_family_idx" ON "family_join_requests" USING btree ("family_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "fjr_one_pending_key" ON "family_join_requests" USING btree ("requester_id") WHERE "family_join_requests"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "refresh_tokens_family_idx" ON "refresh_tokens" USING btree ("family_id");--> statement-breakpoint
-- Codes from before decision 080 never expire and social workers could read them: end them all.
UPDATE "families" SET "invite_code" = NULL, "invite_expires_at" = NULL;--> statement-breakpoint
-- Decision 088: future staff bookings made on a family's behalf wait for the family's confirmation.
UPDATE "bookings" b SET "awaiting_family" = true FROM "users" u WHERE u."id" = b."booked_by" AND u."role" = 'station_staff' AND b."on_behalf" AND b."status" IN ('confirmed', 'waitlisted') AND upper(b."period") > now();--> statement-breakpoint
-- Decision 086: existing sign-ins started when their token was issued.
UPDATE "refresh_tokens" SET "family_started_at" = "created_at";
