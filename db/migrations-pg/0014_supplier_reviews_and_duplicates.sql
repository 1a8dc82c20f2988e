CREATE TABLE "questionnaire_files" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "questionnaire_files_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"site_id" integer NOT NULL,
	"question_id" text NOT NULL,
	"name" text NOT NULL,
	"path" text NOT NULL,
	"sha256" text NOT NULL,
	"size" integer NOT NULL,
	"mime" text NOT NULL,
	"uploaded_by" integer,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "questionnaire_reviews" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "questionnaire_reviews_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"response_id" integer NOT NULL,
	"buyer_org_id" integer NOT NULL,
	"outcome" text NOT NULL,
	"question_id" text,
	"message" text,
	"reply" text,
	"replied_by" integer,
	"replied_at" timestamp (3) with time zone,
	"created_by" integer,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supplier_duplicate_decisions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "supplier_duplicate_decisions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"org_id" integer NOT NULL,
	"kept_id" integer NOT NULL,
	"other_id" integer NOT NULL,
	"decision" text NOT NULL,
	"evidence" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"note" text,
	"decided_by" integer,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"undone_at" timestamp (3) with time zone,
	"undone_by" integer,
	"undo_reason" text
);
--> statement-breakpoint
ALTER TABLE "suppliers" ADD COLUMN "merged_into_id" integer;--> statement-breakpoint
ALTER TABLE "questionnaire_files" ADD CONSTRAINT "questionnaire_files_site_id_supplier_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."supplier_sites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "questionnaire_files" ADD CONSTRAINT "questionnaire_files_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "questionnaire_reviews" ADD CONSTRAINT "questionnaire_reviews_response_id_questionnaire_responses_id_fk" FOREIGN KEY ("response_id") REFERENCES "public"."questionnaire_responses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "questionnaire_reviews" ADD CONSTRAINT "questionnaire_reviews_buyer_org_id_organisations_id_fk" FOREIGN KEY ("buyer_org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "questionnaire_reviews" ADD CONSTRAINT "questionnaire_reviews_replied_by_users_id_fk" FOREIGN KEY ("replied_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "questionnaire_reviews" ADD CONSTRAINT "questionnaire_reviews_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supplier_duplicate_decisions" ADD CONSTRAINT "supplier_duplicate_decisions_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supplier_duplicate_decisions" ADD CONSTRAINT "supplier_duplicate_decisions_kept_id_suppliers_id_fk" FOREIGN KEY ("kept_id") REFERENCES "public"."suppliers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supplier_duplicate_decisions" ADD CONSTRAINT "supplier_duplicate_decisions_other_id_suppliers_id_fk" FOREIGN KEY ("other_id") REFERENCES "public"."suppliers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supplier_duplicate_decisions" ADD CONSTRAINT "supplier_duplicate_decisions_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supplier_duplicate_decisions" ADD CONSTRAINT "supplier_duplicate_decisions_undone_by_users_id_fk" FOREIGN KEY ("undone_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "questionnaire_files_site_idx" ON "questionnaire_files" USING btree ("site_id");--> statement-breakpoint
CREATE INDEX "questionnaire_reviews_response_idx" ON "questionnaire_reviews" USING btree ("response_id");--> statement-breakpoint
CREATE INDEX "questionnaire_reviews_buyer_idx" ON "questionnaire_reviews" USING btree ("buyer_org_id");--> statement-breakpoint
CREATE INDEX "supplier_duplicate_decisions_org_idx" ON "supplier_duplicate_decisions" USING btree ("org_id","created_at");--> statement-breakpoint
CREATE INDEX "supplier_duplicate_decisions_kept_idx" ON "supplier_duplicate_decisions" USING btree ("kept_id");--> statement-breakpoint
CREATE INDEX "supplier_duplicate_decisions_other_idx" ON "supplier_duplicate_decisions" USING btree ("other_id");--> statement-breakpoint
CREATE INDEX "suppliers_merged_into_idx" ON "suppliers" USING btree ("merged_into_id") WHERE merged_into_id is not null;