CREATE TABLE `third_party_audits` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`org_id` integer NOT NULL,
	`site_id` integer,
	`supplier_id` integer,
	`scheme` text NOT NULL,
	`body` text NOT NULL,
	`audited_on` text NOT NULL,
	`valid_until` text NOT NULL,
	`rating` text,
	`findings` text DEFAULT '{}' NOT NULL,
	`report_name` text,
	`report_path` text,
	`report_sha256` text,
	`report_size` integer,
	`report_mime` text,
	`recorded_by` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`site_id`) REFERENCES `supplier_sites`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`supplier_id`) REFERENCES `suppliers`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "third_party_audits_subject_check" CHECK(("third_party_audits"."site_id" is null) <> ("third_party_audits"."supplier_id" is null))
);
--> statement-breakpoint
CREATE INDEX `third_party_audits_site_idx` ON `third_party_audits` (`site_id`);--> statement-breakpoint
CREATE INDEX `third_party_audits_supplier_idx` ON `third_party_audits` (`supplier_id`);