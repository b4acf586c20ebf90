ALTER TABLE "activity_signups" ADD COLUMN "remind_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "group_activities" ADD COLUMN "cancelled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "group_activities" ADD COLUMN "cancel_reason" text;--> statement-breakpoint
CREATE INDEX "activity_signups_remind_idx" ON "activity_signups" USING btree ("remind_at") WHERE "activity_signups"."remind_at" IS NOT NULL;