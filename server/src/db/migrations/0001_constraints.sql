-- Hand-written: what drizzle-kit cannot express. Runs on PostgreSQL 15 and PGlite alike.
CREATE EXTENSION IF NOT EXISTS btree_gist;
--> statement-breakpoint
-- The same child can never hold two overlapping active bookings, at any station, under any
-- concurrency: the database refuses the second one with SQLSTATE 23P01.
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_child_no_overlap"
  EXCLUDE USING gist ("child_id" WITH =, "period" WITH &&)
  WHERE ("status" IN ('confirmed', 'checked_in'));
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "bookings_waitlist_idx" ON "bookings" ("slot_id", "created_at") WHERE "status" = 'waitlisted';
--> statement-breakpoint
-- The audit log is append-only: rows cannot be deleted, and their facts cannot be rewritten.
-- (Foreign keys may still be nulled when a referenced account is erased.)
CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'P0001';
  END IF;
  IF NEW.action IS DISTINCT FROM OLD.action OR NEW.reason IS DISTINCT FROM OLD.reason
     OR NEW.before IS DISTINCT FROM OLD.before OR NEW.after IS DISTINCT FROM OLD.after
     OR NEW.created_at IS DISTINCT FROM OLD.created_at THEN
    RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'P0001';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON "audit_log"
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
