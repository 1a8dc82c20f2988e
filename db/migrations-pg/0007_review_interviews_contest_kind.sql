CREATE TABLE "audit_interviews" (
	"audit_id" integer NOT NULL,
	"gender" text NOT NULL,
	"origin" text NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "audit_interviews_gender_check" CHECK ("audit_interviews"."gender" in ('woman','man','other')),
	CONSTRAINT "audit_interviews_origin_check" CHECK ("audit_interviews"."origin" in ('migrant','national')),
	CONSTRAINT "audit_interviews_count_check" CHECK ("audit_interviews"."count" >= 0)
);
--> statement-breakpoint
CREATE TABLE "report_reviews" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "report_reviews_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"report_id" text NOT NULL,
	"org_id" integer NOT NULL,
	"action" text NOT NULL,
	"reason" text,
	"created_by" integer,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "report_reviews_action_check" CHECK ("report_reviews"."action" in ('acknowledged','accepted','correction_requested'))
);
--> statement-breakpoint
ALTER TABLE "contests" ADD COLUMN "kind" text DEFAULT 'score' NOT NULL;--> statement-breakpoint
ALTER TABLE "contests" ADD COLUMN "factor" text;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "deactivated_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "audit_interviews" ADD CONSTRAINT "audit_interviews_audit_id_audits_id_fk" FOREIGN KEY ("audit_id") REFERENCES "public"."audits"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_reviews" ADD CONSTRAINT "report_reviews_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_reviews" ADD CONSTRAINT "report_reviews_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_reviews" ADD CONSTRAINT "report_reviews_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "audit_interviews_unique" ON "audit_interviews" USING btree ("audit_id","gender","origin");--> statement-breakpoint
CREATE INDEX "report_reviews_report_idx" ON "report_reviews" USING btree ("report_id","id");--> statement-breakpoint
CREATE INDEX "report_reviews_org_idx" ON "report_reviews" USING btree ("org_id","created_at");--> statement-breakpoint
-- A regulator's review steps are its record of what it told the company: never rewritten or
-- removed (the same triggers and message as db/migrations/0018).
CREATE FUNCTION "report_reviews_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'report_reviews is append-only';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "report_reviews_no_update" BEFORE UPDATE ON "report_reviews"
  FOR EACH ROW EXECUTE FUNCTION "report_reviews_append_only"();
--> statement-breakpoint
CREATE TRIGGER "report_reviews_no_delete" BEFORE DELETE ON "report_reviews"
  FOR EACH ROW EXECUTE FUNCTION "report_reviews_append_only"();
--> statement-breakpoint
CREATE TRIGGER "report_reviews_no_truncate" BEFORE TRUNCATE ON "report_reviews"
  FOR EACH STATEMENT EXECUTE FUNCTION "report_reviews_append_only"();
