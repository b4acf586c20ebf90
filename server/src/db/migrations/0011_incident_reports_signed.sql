-- Incident reports and their addenda are signed records (decision 143): what was signed can never
-- be changed. Only the link to an erased account may be nulled (ON DELETE SET NULL); rows still go
-- with the family's erasure (cascade deletes are allowed).
CREATE OR REPLACE FUNCTION incident_signed_unchanged() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (to_jsonb(NEW) - 'filed_by' - 'author_id') IS DISTINCT FROM (to_jsonb(OLD) - 'filed_by' - 'author_id')
     OR (to_jsonb(NEW) ->> 'filed_by') IS NOT NULL AND (to_jsonb(NEW) ->> 'filed_by') IS DISTINCT FROM (to_jsonb(OLD) ->> 'filed_by')
     OR (to_jsonb(NEW) ->> 'author_id') IS NOT NULL AND (to_jsonb(NEW) ->> 'author_id') IS DISTINCT FROM (to_jsonb(OLD) ->> 'author_id') THEN
    RAISE EXCEPTION '% is signed and cannot be changed; add an addendum', TG_TABLE_NAME USING ERRCODE = 'P0001';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER incident_reports_signed BEFORE UPDATE ON "incident_reports"
  FOR EACH ROW EXECUTE FUNCTION incident_signed_unchanged();
--> statement-breakpoint
CREATE TRIGGER incident_addenda_signed BEFORE UPDATE ON "incident_addenda"
  FOR EACH ROW EXECUTE FUNCTION incident_signed_unchanged();
