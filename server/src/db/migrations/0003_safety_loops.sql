CREATE TABLE "alert_escalations" (
	"alert_id" uuid NOT NULL,
	"step" integer NOT NULL,
	"recipients" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "alert_escalations_alert_id_step_pk" PRIMARY KEY("alert_id","step")
);
--> statement-breakpoint
CREATE TABLE "alert_recipients" (
	"alert_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"step" integer NOT NULL,
	CONSTRAINT "alert_recipients_alert_id_user_id_pk" PRIMARY KEY("alert_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "duty_shifts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"weekday" integer NOT NULL,
	"start_minute" integer NOT NULL,
	"end_minute" integer NOT NULL,
	CONSTRAINT "duty_shifts_range" CHECK ("duty_shifts"."weekday" between 1 and 7 and "duty_shifts"."start_minute" >= 0 and "duty_shifts"."start_minute" < "duty_shifts"."end_minute" and "duty_shifts"."end_minute" <= 1440)
);
--> statement-breakpoint
ALTER TABLE "crisis_alerts" ALTER COLUMN "group_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "crisis_alerts" ALTER COLUMN "message_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "phone" text;--> statement-breakpoint
ALTER TABLE "groups" ADD COLUMN "family_id" uuid;--> statement-breakpoint
ALTER TABLE "groups" ADD COLUMN "social_worker_id" uuid;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "followed_up_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "crisis_alerts" ADD COLUMN "kind" text DEFAULT 'crisis' NOT NULL;--> statement-breakpoint
ALTER TABLE "crisis_alerts" ADD COLUMN "tier" text DEFAULT 'distress' NOT NULL;--> statement-breakpoint
ALTER TABLE "crisis_alerts" ADD COLUMN "family_id" uuid;--> statement-breakpoint
ALTER TABLE "crisis_alerts" ADD COLUMN "checkin_id" uuid;--> statement-breakpoint
ALTER TABLE "crisis_alerts" ADD COLUMN "claimed_by" uuid;--> statement-breakpoint
ALTER TABLE "crisis_alerts" ADD COLUMN "claimed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "crisis_alerts" ADD COLUMN "escalation_step" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "crisis_alerts" ADD COLUMN "next_escalation_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "watched_words" ADD COLUMN "tier" text;--> statement-breakpoint
ALTER TABLE "watched_words" ADD COLUMN "forms" text[] DEFAULT '{word,traditional,pinyin,slang}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "watched_words" ADD COLUMN "variants" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "alert_escalations" ADD CONSTRAINT "alert_escalations_alert_id_crisis_alerts_id_fk" FOREIGN KEY ("alert_id") REFERENCES "public"."crisis_alerts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_recipients" ADD CONSTRAINT "alert_recipients_alert_id_crisis_alerts_id_fk" FOREIGN KEY ("alert_id") REFERENCES "public"."crisis_alerts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_recipients" ADD CONSTRAINT "alert_recipients_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duty_shifts" ADD CONSTRAINT "duty_shifts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "alert_recipients_user_idx" ON "alert_recipients" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "duty_shifts_day_idx" ON "duty_shifts" USING btree ("weekday");--> statement-breakpoint
CREATE INDEX "duty_shifts_user_idx" ON "duty_shifts" USING btree ("user_id");--> statement-breakpoint
ALTER TABLE "groups" ADD CONSTRAINT "groups_family_id_families_id_fk" FOREIGN KEY ("family_id") REFERENCES "public"."families"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "groups" ADD CONSTRAINT "groups_social_worker_id_users_id_fk" FOREIGN KEY ("social_worker_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crisis_alerts" ADD CONSTRAINT "crisis_alerts_family_id_families_id_fk" FOREIGN KEY ("family_id") REFERENCES "public"."families"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crisis_alerts" ADD CONSTRAINT "crisis_alerts_checkin_id_stress_checkins_id_fk" FOREIGN KEY ("checkin_id") REFERENCES "public"."stress_checkins"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crisis_alerts" ADD CONSTRAINT "crisis_alerts_claimed_by_users_id_fk" FOREIGN KEY ("claimed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "groups_direct_pair_key" ON "groups" USING btree ("family_id","social_worker_id") WHERE "groups"."kind" = 'direct';--> statement-breakpoint
CREATE UNIQUE INDEX "crisis_alerts_open_stress_key" ON "crisis_alerts" USING btree ("family_id") WHERE "crisis_alerts"."status" = 'open' and "crisis_alerts"."kind" = 'stress';--> statement-breakpoint
CREATE INDEX "crisis_alerts_due_idx" ON "crisis_alerts" USING btree ("next_escalation_at") WHERE "crisis_alerts"."status" = 'open' and "crisis_alerts"."next_escalation_at" is not null;--> statement-breakpoint
ALTER TABLE "groups" ADD CONSTRAINT "groups_direct_has_family" CHECK (("groups"."kind" = 'direct') = ("groups"."family_id" IS NOT NULL));--> statement-breakpoint
ALTER TABLE "crisis_alerts" ADD CONSTRAINT "crisis_alerts_step_range" CHECK ("crisis_alerts"."escalation_step" between 0 and 2);--> statement-breakpoint
UPDATE "crisis_alerts" SET "next_escalation_at" = "created_at" WHERE "status" = 'open' AND "next_escalation_at" IS NULL;
