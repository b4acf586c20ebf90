CREATE TABLE "case_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"ref_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_goals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"domain" text NOT NULL,
	"goal" text NOT NULL,
	"actions" text[] DEFAULT '{}'::text[] NOT NULL,
	"target_date" date,
	"status" text DEFAULT 'open' NOT NULL,
	"progress_note" text,
	"respite_sessions_per_month" integer,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"author_id" uuid,
	"occurred_on" date NOT NULL,
	"duration_minutes" integer NOT NULL,
	"goal_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"notes" text NOT NULL,
	"shared_with_family" boolean DEFAULT false NOT NULL,
	"subject" text,
	"follow_up_status" text,
	"follow_up_by" uuid,
	"follow_up_at" timestamp with time zone,
	"policy_card_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_records_follow_up_kinds" CHECK ("case_records"."follow_up_status" IS NULL OR "case_records"."kind" IN ('referral', 'resource_linking')),
	CONSTRAINT "case_records_duration" CHECK ("case_records"."duration_minutes" >= 0)
);
--> statement-breakpoint
CREATE TABLE "case_stage_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"from_stage" text NOT NULL,
	"to_stage" text NOT NULL,
	"reason" text,
	"by_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"signoff" text DEFAULT 'none' NOT NULL,
	"signoff_by" uuid,
	"signoff_at" timestamp with time zone,
	"signoff_comment" text
);
--> statement-breakpoint
CREATE TABLE "case_workers" (
	"case_id" uuid NOT NULL,
	"social_worker_id" uuid NOT NULL,
	"role" text NOT NULL,
	"added_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_workers_case_id_social_worker_id_pk" PRIMARY KEY("case_id","social_worker_id")
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"family_id" uuid,
	"stage" text DEFAULT 'intake' NOT NULL,
	"risk_level" text NOT NULL,
	"source" text NOT NULL,
	"presenting_problems" text[] DEFAULT '{}'::text[] NOT NULL,
	"problem_note" text,
	"strengths" text,
	"opened_by" uuid,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	"closed_reason" text,
	"purge_after" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cases_closed_has_time" CHECK (("cases"."stage" = 'closed') = ("cases"."closed_at" IS NOT NULL))
);
--> statement-breakpoint
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
ALTER TABLE "families" ADD COLUMN "household_status" text;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "card" jsonb;--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_goals" ADD CONSTRAINT "case_goals_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_goals" ADD CONSTRAINT "case_goals_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_records" ADD CONSTRAINT "case_records_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_records" ADD CONSTRAINT "case_records_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_records" ADD CONSTRAINT "case_records_follow_up_by_users_id_fk" FOREIGN KEY ("follow_up_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_records" ADD CONSTRAINT "case_records_policy_card_id_policy_cards_id_fk" FOREIGN KEY ("policy_card_id") REFERENCES "public"."policy_cards"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_stage_changes" ADD CONSTRAINT "case_stage_changes_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_stage_changes" ADD CONSTRAINT "case_stage_changes_by_id_users_id_fk" FOREIGN KEY ("by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_stage_changes" ADD CONSTRAINT "case_stage_changes_signoff_by_users_id_fk" FOREIGN KEY ("signoff_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_workers" ADD CONSTRAINT "case_workers_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_workers" ADD CONSTRAINT "case_workers_social_worker_id_users_id_fk" FOREIGN KEY ("social_worker_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_workers" ADD CONSTRAINT "case_workers_added_by_users_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_family_id_families_id_fk" FOREIGN KEY ("family_id") REFERENCES "public"."families"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_opened_by_users_id_fk" FOREIGN KEY ("opened_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_cards" ADD CONSTRAINT "policy_cards_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_project_social_workers" ADD CONSTRAINT "report_project_social_workers_project_id_report_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."report_projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_project_social_workers" ADD CONSTRAINT "report_project_social_workers_social_worker_id_users_id_fk" FOREIGN KEY ("social_worker_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_projects" ADD CONSTRAINT "report_projects_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scale_administrations" ADD CONSTRAINT "scale_administrations_family_id_families_id_fk" FOREIGN KEY ("family_id") REFERENCES "public"."families"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scale_administrations" ADD CONSTRAINT "scale_administrations_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scale_administrations" ADD CONSTRAINT "scale_administrations_respondent_user_id_users_id_fk" FOREIGN KEY ("respondent_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scale_administrations" ADD CONSTRAINT "scale_administrations_started_by_users_id_fk" FOREIGN KEY ("started_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scale_administrations" ADD CONSTRAINT "scale_administrations_scale_fk" FOREIGN KEY ("scale_id","scale_version") REFERENCES "public"."scale_definitions"("id","version") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scale_definitions" ADD CONSTRAINT "scale_definitions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_events_case_idx" ON "case_events" USING btree ("case_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "case_events_ref_key" ON "case_events" USING btree ("case_id","kind","ref_id");--> statement-breakpoint
CREATE INDEX "case_goals_case_idx" ON "case_goals" USING btree ("case_id","created_at");--> statement-breakpoint
CREATE INDEX "case_records_case_idx" ON "case_records" USING btree ("case_id","occurred_on");--> statement-breakpoint
CREATE INDEX "case_stage_changes_case_idx" ON "case_stage_changes" USING btree ("case_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "case_stage_changes_one_pending_key" ON "case_stage_changes" USING btree ("case_id") WHERE "case_stage_changes"."signoff" = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX "case_workers_one_lead_key" ON "case_workers" USING btree ("case_id") WHERE "case_workers"."role" = 'lead';--> statement-breakpoint
CREATE INDEX "case_workers_sw_idx" ON "case_workers" USING btree ("social_worker_id");--> statement-breakpoint
CREATE UNIQUE INDEX "cases_one_open_per_family_key" ON "cases" USING btree ("family_id") WHERE "cases"."stage" <> 'closed';--> statement-breakpoint
CREATE INDEX "cases_family_idx" ON "cases" USING btree ("family_id","opened_at");--> statement-breakpoint
CREATE INDEX "cases_purge_idx" ON "cases" USING btree ("purge_after") WHERE "cases"."purge_after" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "policy_cards_status_idx" ON "policy_cards" USING btree ("status");--> statement-breakpoint
CREATE INDEX "policy_cards_review_idx" ON "policy_cards" USING btree ("review_by") WHERE "policy_cards"."review_notified_at" is null and "policy_cards"."status" <> 'archived';--> statement-breakpoint
CREATE INDEX "rpsw_sw_idx" ON "report_project_social_workers" USING btree ("social_worker_id");--> statement-breakpoint
CREATE INDEX "scale_admin_family_idx" ON "scale_administrations" USING btree ("family_id","scale_id","completed_at");--> statement-breakpoint
CREATE INDEX "scale_admin_respondent_idx" ON "scale_administrations" USING btree ("respondent_user_id");