CREATE TABLE "signing_certificates" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "signing_certificates_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"org_id" integer NOT NULL,
	"certificate_pem" text NOT NULL,
	"sealed_private_key" text NOT NULL,
	"fingerprint" text NOT NULL,
	"not_before" timestamp (3) with time zone NOT NULL,
	"not_after" timestamp (3) with time zone NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"retired_at" timestamp (3) with time zone
);
--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "content_sha256" text;--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "content_size" integer;--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "signed_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "signing_certificate_id" integer;--> statement-breakpoint
ALTER TABLE "signing_certificates" ADD CONSTRAINT "signing_certificates_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "signing_certificates_active_unique" ON "signing_certificates" USING btree ("org_id") WHERE retired_at is null;--> statement-breakpoint
CREATE UNIQUE INDEX "signing_certificates_fingerprint_unique" ON "signing_certificates" USING btree ("fingerprint");--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_signing_certificate_id_signing_certificates_id_fk" FOREIGN KEY ("signing_certificate_id") REFERENCES "public"."signing_certificates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "reports_content_sha256_idx" ON "reports" USING btree ("content_sha256");