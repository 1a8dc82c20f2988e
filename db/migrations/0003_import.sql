CREATE TABLE `import_issues` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`import_id` integer NOT NULL,
	`row` integer NOT NULL,
	`severity` text NOT NULL,
	`column` text,
	`value` text,
	`message` text NOT NULL,
	FOREIGN KEY (`import_id`) REFERENCES `imports`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `import_issues_import_row_idx` ON `import_issues` (`import_id`,`row`);--> statement-breakpoint
CREATE TABLE `import_mappings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`org_id` integer NOT NULL,
	`kind` text NOT NULL,
	`header_signature` text NOT NULL,
	`mapping` text NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `import_mappings_unique` ON `import_mappings` (`org_id`,`kind`,`header_signature`);--> statement-breakpoint
CREATE TABLE `imports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`org_id` integer NOT NULL,
	`kind` text NOT NULL,
	`status` text NOT NULL,
	`file_name` text NOT NULL,
	`file_path` text NOT NULL,
	`file_size` integer NOT NULL,
	`file_sha256` text NOT NULL,
	`encoding` text NOT NULL,
	`delimiter` text NOT NULL,
	`headers` text NOT NULL,
	`mapping` text NOT NULL,
	`counts` text,
	`failure` text,
	`created_by` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	`analysed_at` integer,
	`committed_by` integer,
	`committed_at` integer,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`committed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `imports_org_created_idx` ON `imports` (`org_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `staged_links` (
	`import_id` integer NOT NULL,
	`external_id` text NOT NULL,
	`other_id` integer NOT NULL,
	FOREIGN KEY (`import_id`) REFERENCES `imports`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `staged_links_import_idx` ON `staged_links` (`import_id`);--> statement-breakpoint
CREATE TABLE `staged_recruiters` (
	`import_id` integer NOT NULL,
	`row` integer NOT NULL,
	`verdict` text NOT NULL,
	`target_id` integer,
	`external_id` text NOT NULL,
	`name_key` text NOT NULL,
	`row_hash` text NOT NULL,
	`name` text NOT NULL,
	`licence_number` text,
	`licence_status` text,
	`country` text,
	`origin_countries` text,
	`fees_charged_to_workers` integer,
	`fee_amount` real,
	`fee_currency` text,
	`certification` text,
	FOREIGN KEY (`import_id`) REFERENCES `imports`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `staged_recruiters_import_idx` ON `staged_recruiters` (`import_id`,`verdict`);--> statement-breakpoint
CREATE TABLE `staged_suppliers` (
	`import_id` integer NOT NULL,
	`row` integer NOT NULL,
	`verdict` text NOT NULL,
	`target_id` integer,
	`external_id` text NOT NULL,
	`name_key` text NOT NULL,
	`row_hash` text NOT NULL,
	`name` text NOT NULL,
	`address` text,
	`country` text,
	`sector` text,
	`products` text,
	`tier` integer,
	`parent_external_id` text,
	`workers_total` integer,
	`migrant_share` real,
	`female_share` real,
	`identifiers` text,
	`indicators` text,
	FOREIGN KEY (`import_id`) REFERENCES `imports`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `staged_suppliers_import_idx` ON `staged_suppliers` (`import_id`,`verdict`);--> statement-breakpoint
ALTER TABLE `recruiters` ADD `fee_amount` real;--> statement-breakpoint
ALTER TABLE `recruiters` ADD `fee_currency` text;--> statement-breakpoint
ALTER TABLE `recruiters` ADD `name_key` text;--> statement-breakpoint
ALTER TABLE `recruiters` ADD `row_hash` text;--> statement-breakpoint
ALTER TABLE `recruiters` ADD `last_import_id` integer;--> statement-breakpoint
CREATE INDEX `recruiters_org_name_key_idx` ON `recruiters` (`org_id`,`name_key`);--> statement-breakpoint
ALTER TABLE `suppliers` ADD `parent_external_id` text;--> statement-breakpoint
ALTER TABLE `suppliers` ADD `identifiers` text DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE `suppliers` ADD `name_key` text;--> statement-breakpoint
ALTER TABLE `suppliers` ADD `row_hash` text;--> statement-breakpoint
ALTER TABLE `suppliers` ADD `last_import_id` integer;--> statement-breakpoint
CREATE INDEX `suppliers_org_name_key_idx` ON `suppliers` (`org_id`,`name_key`);