ALTER TABLE "watched_words" ADD COLUMN "tier" text;--> statement-breakpoint
ALTER TABLE "watched_words" ADD COLUMN "forms" text[] DEFAULT '{word,traditional,pinyin,slang}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "watched_words" ADD COLUMN "variants" text[] DEFAULT '{}'::text[] NOT NULL;