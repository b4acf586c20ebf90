ALTER TABLE "users" ADD COLUMN "phone" text;--> statement-breakpoint
ALTER TABLE "groups" ADD COLUMN "family_id" uuid;--> statement-breakpoint
ALTER TABLE "groups" ADD COLUMN "social_worker_id" uuid;--> statement-breakpoint
ALTER TABLE "watched_words" ADD COLUMN "tier" text;--> statement-breakpoint
ALTER TABLE "watched_words" ADD COLUMN "forms" text[] DEFAULT '{word,traditional,pinyin,slang}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "watched_words" ADD COLUMN "variants" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "groups" ADD CONSTRAINT "groups_family_id_families_id_fk" FOREIGN KEY ("family_id") REFERENCES "public"."families"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "groups" ADD CONSTRAINT "groups_social_worker_id_users_id_fk" FOREIGN KEY ("social_worker_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "groups_direct_pair_key" ON "groups" USING btree ("family_id","social_worker_id") WHERE "groups"."kind" = 'direct';--> statement-breakpoint
ALTER TABLE "groups" ADD CONSTRAINT "groups_direct_has_family" CHECK (("groups"."kind" = 'direct') = ("groups"."family_id" IS NOT NULL));