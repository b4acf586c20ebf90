ALTER TABLE "staff_qualifications" ADD COLUMN "notice_sent_for" date;--> statement-breakpoint
ALTER TABLE "staff_qualifications" ADD COLUMN "swept_for" date;--> statement-breakpoint
CREATE INDEX "staff_qualifications_expires_idx" ON "staff_qualifications" USING btree ("expires_on");