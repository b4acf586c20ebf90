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
ALTER TABLE "families" ADD COLUMN "household_status" text;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "card" jsonb;--> statement-breakpoint
ALTER TABLE "policy_cards" ADD CONSTRAINT "policy_cards_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "policy_cards_status_idx" ON "policy_cards" USING btree ("status");--> statement-breakpoint
CREATE INDEX "policy_cards_review_idx" ON "policy_cards" USING btree ("review_by") WHERE "policy_cards"."review_notified_at" is null and "policy_cards"."status" <> 'archived';