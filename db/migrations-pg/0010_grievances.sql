CREATE TABLE "fee_cases" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "fee_cases_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"org_id" integer NOT NULL,
	"supplier_id" integer NOT NULL,
	"recruiter_id" integer,
	"origin_country" text NOT NULL,
	"destination_country" text NOT NULL,
	"currency" text NOT NULL,
	"amount_per_worker_minor" integer NOT NULL,
	"workers" integer NOT NULL,
	"source" text NOT NULL,
	"evidence_note" text,
	"evidence_name" text,
	"evidence_path" text,
	"evidence_sha256" text,
	"plan_agreed_on" text,
	"plan_note" text,
	"created_by" integer,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fee_confirmations" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "fee_confirmations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"instalment_id" integer NOT NULL,
	"grievance_id" integer NOT NULL,
	"answer" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fee_instalments" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "fee_instalments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"fee_case_id" integer NOT NULL,
	"due_on" text NOT NULL,
	"amount_minor" integer NOT NULL,
	"workers" integer NOT NULL,
	"paid_on" text,
	"proof_name" text,
	"proof_path" text,
	"proof_sha256" text,
	"proof_size" integer,
	"proof_mime" text,
	"recorded_by" integer,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "grievance_access" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "grievance_access_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"grievance_id" integer NOT NULL,
	"user_id" integer,
	"org_id" integer,
	"what" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "grievance_channels" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "grievance_channels_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"token" text NOT NULL,
	"org_id" integer NOT NULL,
	"supplier_id" integer,
	"country" text,
	"closed_at" timestamp (3) with time zone,
	"created_by" integer,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "grievance_events" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "grievance_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"grievance_id" integer NOT NULL,
	"type" text NOT NULL,
	"audience" text NOT NULL,
	"org_id" integer,
	"user_id" integer,
	"body" text,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "grievance_files" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "grievance_files_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"grievance_id" integer NOT NULL,
	"event_id" integer,
	"file_name" text NOT NULL,
	"file_path" text NOT NULL,
	"sha256" text NOT NULL,
	"size" integer NOT NULL,
	"mime" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "grievance_recipients" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "grievance_recipients_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"grievance_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"party" text NOT NULL,
	"reason" text NOT NULL,
	"added_by" integer,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "grievances" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "grievances_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"case_code" text NOT NULL,
	"secret_hash" text NOT NULL,
	"channel_id" integer,
	"supplier_id" integer,
	"country" text,
	"workplace_text" text,
	"categories" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"since" text,
	"people_count" integer,
	"description" text,
	"text_to_company" boolean DEFAULT false NOT NULL,
	"consent" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"contact_sealed" text,
	"language" text DEFAULT 'en' NOT NULL,
	"intake" text DEFAULT 'online' NOT NULL,
	"recorded_by" integer,
	"recorded_by_org_id" integer,
	"status" text DEFAULT 'new' NOT NULL,
	"urgent" boolean DEFAULT false NOT NULL,
	"severity" text,
	"indicators" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"lead_org_id" integer,
	"assignee_id" integer,
	"due_at" timestamp (3) with time zone,
	"escalated_at" timestamp (3) with time zone,
	"finding" text DEFAULT 'unknown' NOT NULL,
	"finding_at" timestamp (3) with time zone,
	"indicators_applied_at" timestamp (3) with time zone,
	"fee_case_id" integer,
	"remedy" text,
	"worker_rating" integer,
	"closed_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone,
	CONSTRAINT "grievances_status_check" CHECK ("grievances"."status" in ('new','triaged','in_progress','answered','closed')),
	CONSTRAINT "grievances_finding_check" CHECK ("grievances"."finding" in ('unknown','substantiated','not_substantiated'))
);
--> statement-breakpoint
CREATE TABLE "support_services" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "support_services_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"country" text NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"phone" text,
	"url" text,
	"languages" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"source" text NOT NULL,
	"verified_by" integer,
	"verified_at" timestamp (3) with time zone NOT NULL,
	"retired_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "fee_cases" ADD CONSTRAINT "fee_cases_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fee_cases" ADD CONSTRAINT "fee_cases_supplier_id_suppliers_id_fk" FOREIGN KEY ("supplier_id") REFERENCES "public"."suppliers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fee_cases" ADD CONSTRAINT "fee_cases_recruiter_id_recruiters_id_fk" FOREIGN KEY ("recruiter_id") REFERENCES "public"."recruiters"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fee_cases" ADD CONSTRAINT "fee_cases_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fee_confirmations" ADD CONSTRAINT "fee_confirmations_instalment_id_fee_instalments_id_fk" FOREIGN KEY ("instalment_id") REFERENCES "public"."fee_instalments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fee_confirmations" ADD CONSTRAINT "fee_confirmations_grievance_id_grievances_id_fk" FOREIGN KEY ("grievance_id") REFERENCES "public"."grievances"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fee_instalments" ADD CONSTRAINT "fee_instalments_fee_case_id_fee_cases_id_fk" FOREIGN KEY ("fee_case_id") REFERENCES "public"."fee_cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fee_instalments" ADD CONSTRAINT "fee_instalments_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grievance_access" ADD CONSTRAINT "grievance_access_grievance_id_grievances_id_fk" FOREIGN KEY ("grievance_id") REFERENCES "public"."grievances"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grievance_access" ADD CONSTRAINT "grievance_access_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grievance_access" ADD CONSTRAINT "grievance_access_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grievance_channels" ADD CONSTRAINT "grievance_channels_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grievance_channels" ADD CONSTRAINT "grievance_channels_supplier_id_suppliers_id_fk" FOREIGN KEY ("supplier_id") REFERENCES "public"."suppliers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grievance_channels" ADD CONSTRAINT "grievance_channels_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grievance_events" ADD CONSTRAINT "grievance_events_grievance_id_grievances_id_fk" FOREIGN KEY ("grievance_id") REFERENCES "public"."grievances"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grievance_events" ADD CONSTRAINT "grievance_events_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grievance_events" ADD CONSTRAINT "grievance_events_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grievance_files" ADD CONSTRAINT "grievance_files_grievance_id_grievances_id_fk" FOREIGN KEY ("grievance_id") REFERENCES "public"."grievances"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grievance_files" ADD CONSTRAINT "grievance_files_event_id_grievance_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."grievance_events"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grievance_recipients" ADD CONSTRAINT "grievance_recipients_grievance_id_grievances_id_fk" FOREIGN KEY ("grievance_id") REFERENCES "public"."grievances"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grievance_recipients" ADD CONSTRAINT "grievance_recipients_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grievance_recipients" ADD CONSTRAINT "grievance_recipients_added_by_users_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grievances" ADD CONSTRAINT "grievances_channel_id_grievance_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."grievance_channels"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grievances" ADD CONSTRAINT "grievances_supplier_id_suppliers_id_fk" FOREIGN KEY ("supplier_id") REFERENCES "public"."suppliers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grievances" ADD CONSTRAINT "grievances_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grievances" ADD CONSTRAINT "grievances_recorded_by_org_id_organisations_id_fk" FOREIGN KEY ("recorded_by_org_id") REFERENCES "public"."organisations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grievances" ADD CONSTRAINT "grievances_lead_org_id_organisations_id_fk" FOREIGN KEY ("lead_org_id") REFERENCES "public"."organisations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grievances" ADD CONSTRAINT "grievances_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_services" ADD CONSTRAINT "support_services_verified_by_users_id_fk" FOREIGN KEY ("verified_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "fee_cases_org_idx" ON "fee_cases" USING btree ("org_id","supplier_id");--> statement-breakpoint
CREATE INDEX "fee_cases_recruiter_idx" ON "fee_cases" USING btree ("recruiter_id");--> statement-breakpoint
CREATE UNIQUE INDEX "fee_confirmations_unique" ON "fee_confirmations" USING btree ("instalment_id","grievance_id");--> statement-breakpoint
CREATE INDEX "fee_instalments_case_idx" ON "fee_instalments" USING btree ("fee_case_id","due_on");--> statement-breakpoint
CREATE INDEX "grievance_access_case_idx" ON "grievance_access" USING btree ("grievance_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "grievance_channels_token_unique" ON "grievance_channels" USING btree ("token");--> statement-breakpoint
CREATE INDEX "grievance_channels_supplier_idx" ON "grievance_channels" USING btree ("supplier_id");--> statement-breakpoint
CREATE INDEX "grievance_channels_org_idx" ON "grievance_channels" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "grievance_events_case_idx" ON "grievance_events" USING btree ("grievance_id","id");--> statement-breakpoint
CREATE INDEX "grievance_files_case_idx" ON "grievance_files" USING btree ("grievance_id");--> statement-breakpoint
CREATE UNIQUE INDEX "grievance_recipients_unique" ON "grievance_recipients" USING btree ("grievance_id","org_id");--> statement-breakpoint
CREATE INDEX "grievance_recipients_org_idx" ON "grievance_recipients" USING btree ("org_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "grievances_case_code_unique" ON "grievances" USING btree ("case_code");--> statement-breakpoint
CREATE INDEX "grievances_supplier_idx" ON "grievances" USING btree ("supplier_id","created_at");--> statement-breakpoint
CREATE INDEX "grievances_lead_idx" ON "grievances" USING btree ("lead_org_id","status");--> statement-breakpoint
CREATE INDEX "grievances_due_idx" ON "grievances" USING btree ("due_at") WHERE closed_at is null;--> statement-breakpoint
CREATE INDEX "support_services_country_idx" ON "support_services" USING btree ("country","kind");--> statement-breakpoint
-- As in db/migrations/0021_grievances.sql: timeline and access log entries are never rewritten.
CREATE FUNCTION "grievance_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "grievance_events_no_update" BEFORE UPDATE ON "grievance_events"
  FOR EACH ROW EXECUTE FUNCTION "grievance_append_only"();
--> statement-breakpoint
CREATE TRIGGER "grievance_access_no_update" BEFORE UPDATE ON "grievance_access"
  FOR EACH ROW EXECUTE FUNCTION "grievance_append_only"();
