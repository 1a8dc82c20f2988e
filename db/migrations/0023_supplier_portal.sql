CREATE TABLE `questionnaire_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`buyer_org_id` integer NOT NULL,
	`supplier_id` integer NOT NULL,
	`questionnaire` text NOT NULL,
	`due_on` text NOT NULL,
	`response_id` integer,
	`answered_at` integer,
	`created_by` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`buyer_org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`supplier_id`) REFERENCES `suppliers`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`response_id`) REFERENCES `questionnaire_responses`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `questionnaire_requests_supplier_idx` ON `questionnaire_requests` (`supplier_id`);--> statement-breakpoint
CREATE INDEX `questionnaire_requests_buyer_idx` ON `questionnaire_requests` (`buyer_org_id`);--> statement-breakpoint
CREATE TABLE `questionnaire_responses` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`site_id` integer NOT NULL,
	`questionnaire` text NOT NULL,
	`version` text NOT NULL,
	`answers` text DEFAULT '{}' NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`submitted_at` integer,
	`submitted_by` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	`updated_at` integer,
	FOREIGN KEY (`site_id`) REFERENCES `supplier_sites`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`submitted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `questionnaire_responses_site_idx` ON `questionnaire_responses` (`site_id`,`questionnaire`,`status`);--> statement-breakpoint
CREATE TABLE `questionnaire_shares` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`site_id` integer NOT NULL,
	`buyer_org_id` integer NOT NULL,
	`created_by` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	`revoked_at` integer,
	FOREIGN KEY (`site_id`) REFERENCES `supplier_sites`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`buyer_org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `questionnaire_shares_site_idx` ON `questionnaire_shares` (`site_id`);--> statement-breakpoint
CREATE INDEX `questionnaire_shares_buyer_idx` ON `questionnaire_shares` (`buyer_org_id`);--> statement-breakpoint
CREATE TABLE `site_identity_changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`site_id` integer NOT NULL,
	`field` text NOT NULL,
	`before` text,
	`after` text,
	`changed_by` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`site_id`) REFERENCES `supplier_sites`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`changed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `site_identity_changes_site_idx` ON `site_identity_changes` (`site_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `supplier_invitations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`org_id` integer NOT NULL,
	`supplier_id` integer NOT NULL,
	`email` text NOT NULL,
	`token_hash` text NOT NULL,
	`invited_by` integer,
	`expires_at` integer NOT NULL,
	`accepted_at` integer,
	`revoked_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`supplier_id`) REFERENCES `suppliers`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`invited_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `supplier_invitations_token_unique` ON `supplier_invitations` (`token_hash`);--> statement-breakpoint
CREATE INDEX `supplier_invitations_supplier_idx` ON `supplier_invitations` (`supplier_id`);--> statement-breakpoint
CREATE TABLE `supplier_site_links` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`site_id` integer NOT NULL,
	`supplier_id` integer NOT NULL,
	`buyer_org_id` integer NOT NULL,
	`claimed_by` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`site_id`) REFERENCES `supplier_sites`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`supplier_id`) REFERENCES `suppliers`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`buyer_org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`claimed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `supplier_site_links_supplier_unique` ON `supplier_site_links` (`supplier_id`);--> statement-breakpoint
CREATE INDEX `supplier_site_links_site_idx` ON `supplier_site_links` (`site_id`);--> statement-breakpoint
CREATE TABLE `supplier_sites` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`org_id` integer NOT NULL,
	`name` text NOT NULL,
	`country` text,
	`address` text,
	`identifiers` text DEFAULT '{}' NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	`updated_at` integer,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `supplier_sites_org_idx` ON `supplier_sites` (`org_id`);--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_organisations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`type` text NOT NULL,
	`name` text NOT NULL,
	`jurisdictions` text DEFAULT '[]' NOT NULL,
	`deactivated_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	CONSTRAINT "organisations_type_check" CHECK("type" in ('company','inspectorate','union','regulator','supplier'))
);
--> statement-breakpoint
INSERT INTO `__new_organisations`("id", "type", "name", "jurisdictions", "deactivated_at", "created_at") SELECT "id", "type", "name", "jurisdictions", "deactivated_at", "created_at" FROM `organisations`;--> statement-breakpoint
DROP TABLE `organisations`;--> statement-breakpoint
ALTER TABLE `__new_organisations` RENAME TO `organisations`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `organisations_name_unique` ON `organisations` (lower("name"));--> statement-breakpoint
-- A supplier's identity corrections are the history its buyers read: an entry is never rewritten.
-- (The organisations rebuild above is safe only because db/migrate.ts turns foreign keys off
-- around the migrator: with them on, DROP TABLE organisations would cascade-delete every member,
-- supplier and report.)
CREATE TRIGGER `site_identity_changes_no_update` BEFORE UPDATE ON `site_identity_changes`
BEGIN
  SELECT RAISE(ABORT, 'site_identity_changes is append-only');
END;
