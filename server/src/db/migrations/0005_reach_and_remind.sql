CREATE TABLE "booking_reminders" (
	"booking_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"done_at" timestamp with time zone,
	"outcome" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "booking_reminders_booking_id_kind_pk" PRIMARY KEY("booking_id","kind")
);
--> statement-breakpoint
CREATE TABLE "push_jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"notification_id" uuid NOT NULL,
	"subscription_id" uuid NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"held" boolean DEFAULT false NOT NULL,
	"due_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "push_preferences" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"disabled" text[] DEFAULT '{}'::text[] NOT NULL,
	"quiet_start" smallint,
	"quiet_end" smallint,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "push_preferences_quiet_check" CHECK (("push_preferences"."quiet_start" is null) = ("push_preferences"."quiet_end" is null) and coalesce("push_preferences"."quiet_start", 0) between 0 and 1439 and coalesce("push_preferences"."quiet_end", 0) between 0 and 1439)
);
--> statement-breakpoint
CREATE TABLE "push_subscriptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"endpoint" text NOT NULL,
	"p256dh" text NOT NULL,
	"auth" text NOT NULL,
	"label" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_sent_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "users" ALTER COLUMN "email" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "reset_code_hash" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "reset_code_expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "reset_code_failures" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "stations" ADD COLUMN "reminder_hour" integer DEFAULT 18 NOT NULL;--> statement-breakpoint
ALTER TABLE "booking_reminders" ADD CONSTRAINT "booking_reminders_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "push_jobs" ADD CONSTRAINT "push_jobs_notification_id_notifications_id_fk" FOREIGN KEY ("notification_id") REFERENCES "public"."notifications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "push_jobs" ADD CONSTRAINT "push_jobs_subscription_id_push_subscriptions_id_fk" FOREIGN KEY ("subscription_id") REFERENCES "public"."push_subscriptions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "push_preferences" ADD CONSTRAINT "push_preferences_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "push_subscriptions" ADD CONSTRAINT "push_subscriptions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "booking_reminders_due_idx" ON "booking_reminders" USING btree ("due_at") WHERE "booking_reminders"."done_at" IS NULL;--> statement-breakpoint
CREATE INDEX "push_jobs_due_idx" ON "push_jobs" USING btree ("due_at");--> statement-breakpoint
CREATE INDEX "push_jobs_subscription_idx" ON "push_jobs" USING btree ("subscription_id");--> statement-breakpoint
CREATE INDEX "push_jobs_notification_idx" ON "push_jobs" USING btree ("notification_id");--> statement-breakpoint
CREATE UNIQUE INDEX "push_subscriptions_endpoint_key" ON "push_subscriptions" USING btree ("endpoint");--> statement-breakpoint
CREATE INDEX "push_subscriptions_user_idx" ON "push_subscriptions" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_mobile_key" ON "users" USING btree ("phone") WHERE "users"."phone" ~ '^1[3-9][0-9]{9}$';--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_has_identifier" CHECK ("users"."email" IS NOT NULL OR "users"."phone" ~ '^1[3-9][0-9]{9}$');--> statement-breakpoint
ALTER TABLE "stations" ADD CONSTRAINT "stations_reminder_hour_range" CHECK ("stations"."reminder_hour" BETWEEN 0 AND 23);--> statement-breakpoint
-- Backfill (hand-written): confirmed future bookings made before reminders existed get the
-- reminders they would have been planned with (reminder-rules.ts plannedReminders: the evening
-- one only when it falls before the two-hours-before one; nothing already past).
INSERT INTO "booking_reminders" ("booking_id", "kind", "due_at")
SELECT b.id, 'soon', s.starts_at - interval '2 hours'
FROM "bookings" b JOIN "slots" s ON s.id = b.slot_id
WHERE b.status = 'confirmed' AND s.cancelled_at IS NULL AND s.starts_at - interval '2 hours' > now()
ON CONFLICT DO NOTHING;--> statement-breakpoint
INSERT INTO "booking_reminders" ("booking_id", "kind", "due_at")
SELECT b.id, 'evening', e.due
FROM "bookings" b JOIN "slots" s ON s.id = b.slot_id JOIN "stations" st ON st.id = s.station_id
CROSS JOIN LATERAL (
  SELECT ((((s.starts_at AT TIME ZONE st.time_zone)::date - 1) + make_interval(hours => st.reminder_hour))
    AT TIME ZONE st.time_zone) AS due
) e
WHERE b.status = 'confirmed' AND s.cancelled_at IS NULL AND e.due > now()
  AND e.due < s.starts_at - interval '2 hours'
ON CONFLICT DO NOTHING;
