CREATE TABLE "third_party_audits" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "third_party_audits_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"org_id" integer NOT NULL,
	"site_id" integer,
	"supplier_id" integer,
	"scheme" text NOT NULL,
	"body" text NOT NULL,
	"audited_on" text NOT NULL,
	"valid_until" text NOT NULL,
	"rating" text,
	"findings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"report_name" text,
	"report_path" text,
	"report_sha256" text,
	"report_size" integer,
	"report_mime" text,
	"recorded_by" integer,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "third_party_audits_subject_check" CHECK (("third_party_audits"."site_id" is null) <> ("third_party_audits"."supplier_id" is null))
);
--> statement-breakpoint
ALTER TABLE "third_party_audits" ADD CONSTRAINT "third_party_audits_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "third_party_audits" ADD CONSTRAINT "third_party_audits_site_id_supplier_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."supplier_sites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "third_party_audits" ADD CONSTRAINT "third_party_audits_supplier_id_suppliers_id_fk" FOREIGN KEY ("supplier_id") REFERENCES "public"."suppliers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "third_party_audits" ADD CONSTRAINT "third_party_audits_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "third_party_audits_site_idx" ON "third_party_audits" USING btree ("site_id");--> statement-breakpoint
CREATE INDEX "third_party_audits_supplier_idx" ON "third_party_audits" USING btree ("supplier_id");