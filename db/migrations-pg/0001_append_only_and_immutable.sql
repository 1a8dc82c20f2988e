-- PostgreSQL equivalents of the SQLite triggers in db/migrations/0001_audit_log_append_only.sql
-- and 0009_reports.sql, with the same names and the same messages (ADR 021). PostgreSQL has one
-- thing SQLite has not: TRUNCATE, which removes rows without firing row triggers, so each table
-- also refuses TRUNCATE (a statement trigger) where SQLite's DELETE trigger would have refused.

-- The audit log is evidence: no code path may rewrite or remove an entry.
CREATE FUNCTION "audit_log_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "audit_log_no_update" BEFORE UPDATE ON "audit_log"
  FOR EACH ROW EXECUTE FUNCTION "audit_log_append_only"();
--> statement-breakpoint
CREATE TRIGGER "audit_log_no_delete" BEFORE DELETE ON "audit_log"
  FOR EACH ROW EXECUTE FUNCTION "audit_log_append_only"();
--> statement-breakpoint
CREATE TRIGGER "audit_log_no_truncate" BEFORE TRUNCATE ON "audit_log"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_log_append_only"();
--> statement-breakpoint

-- A report submitted to a regulator is evidence: it can be neither changed nor deleted.
CREATE FUNCTION "reports_submitted_immutable"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'a submitted report is immutable';
END;
$$;
--> statement-breakpoint
CREATE FUNCTION "reports_submitted_undeletable"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Row trigger (DELETE, also when reached by ON DELETE CASCADE from organisations): the WHEN
  -- clause below has already chosen a submitted row. Statement trigger (TRUNCATE): look.
  IF TG_LEVEL = 'ROW' OR EXISTS (SELECT 1 FROM "reports" WHERE "submitted_at" IS NOT NULL) THEN
    RAISE EXCEPTION 'a submitted report cannot be deleted';
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "reports_submitted_immutable" BEFORE UPDATE ON "reports"
  FOR EACH ROW WHEN (OLD."submitted_at" IS NOT NULL) EXECUTE FUNCTION "reports_submitted_immutable"();
--> statement-breakpoint
CREATE TRIGGER "reports_submitted_undeletable" BEFORE DELETE ON "reports"
  FOR EACH ROW WHEN (OLD."submitted_at" IS NOT NULL) EXECUTE FUNCTION "reports_submitted_undeletable"();
--> statement-breakpoint
CREATE TRIGGER "reports_submitted_untruncatable" BEFORE TRUNCATE ON "reports"
  FOR EACH STATEMENT EXECUTE FUNCTION "reports_submitted_undeletable"();
