CREATE TABLE `contests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`org_id` integer NOT NULL,
	`supplier_id` integer NOT NULL,
	`company_org_id` integer NOT NULL,
	`risk_score_id` integer,
	`comment` text NOT NULL,
	`evidence_name` text,
	`evidence_path` text,
	`evidence_sha256` text,
	`evidence_size` integer,
	`status` text DEFAULT 'open' NOT NULL,
	`response` text,
	`responded_by` integer,
	`responded_at` integer,
	`created_by` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`supplier_id`) REFERENCES `suppliers`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`company_org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`risk_score_id`) REFERENCES `risk_scores`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`responded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `contests_supplier_idx` ON `contests` (`supplier_id`);--> statement-breakpoint
CREATE INDEX `contests_company_idx` ON `contests` (`company_org_id`,`status`);--> statement-breakpoint
CREATE INDEX `contests_org_idx` ON `contests` (`org_id`);--> statement-breakpoint
CREATE TABLE `methodologies` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`version` text NOT NULL,
	`name` text NOT NULL,
	`definition` text NOT NULL,
	`status` text NOT NULL,
	`created_by` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	`activated_at` integer,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `methodologies_version_unique` ON `methodologies` (`version`);--> statement-breakpoint
CREATE UNIQUE INDEX `methodologies_one_active` ON `methodologies` (`status`) WHERE status = 'active';--> statement-breakpoint
CREATE TABLE `product_synonyms` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`term` text NOT NULL,
	`good` text NOT NULL,
	`created_by` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `product_synonyms_term_good_unique` ON `product_synonyms` (`term`,`good`);--> statement-breakpoint
CREATE TABLE `reference_rows` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`source_id` integer NOT NULL,
	`key` text NOT NULL,
	`data` text NOT NULL,
	FOREIGN KEY (`source_id`) REFERENCES `reference_sources`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reference_rows_source_key_unique` ON `reference_rows` (`source_id`,`key`);--> statement-breakpoint
CREATE TABLE `reference_sources` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`edition` text NOT NULL,
	`citation` text NOT NULL,
	`file_name` text NOT NULL,
	`file_sha256` text NOT NULL,
	`status` text NOT NULL,
	`row_count` integer NOT NULL,
	`loaded_by` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	`activated_at` integer,
	FOREIGN KEY (`loaded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `reference_sources_kind_status_idx` ON `reference_sources` (`kind`,`status`);--> statement-breakpoint
CREATE UNIQUE INDEX `reference_sources_one_active` ON `reference_sources` (`kind`,`name`) WHERE status = 'active';--> statement-breakpoint
CREATE TABLE `risk_scores` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`org_id` integer NOT NULL,
	`entity_type` text NOT NULL,
	`entity_id` integer NOT NULL,
	`score` real NOT NULL,
	`band` text NOT NULL,
	`confidence` real NOT NULL,
	`red_flags` text NOT NULL,
	`factors` text NOT NULL,
	`methodology_id` integer NOT NULL,
	`reference_versions` text NOT NULL,
	`inputs` text NOT NULL,
	`inputs_hash` text NOT NULL,
	`cause` text NOT NULL,
	`computed_at` integer NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`methodology_id`) REFERENCES `methodologies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `risk_scores_entity_idx` ON `risk_scores` (`entity_type`,`entity_id`,`computed_at`);--> statement-breakpoint
CREATE INDEX `risk_scores_org_idx` ON `risk_scores` (`org_id`,`computed_at`);--> statement-breakpoint
CREATE TABLE `scoring_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`cause` text NOT NULL,
	`status` text NOT NULL,
	`total` integer DEFAULT 0 NOT NULL,
	`done` integer DEFAULT 0 NOT NULL,
	`changed` integer DEFAULT 0 NOT NULL,
	`failure` text,
	`started_by` integer,
	`started_at` integer NOT NULL,
	`finished_at` integer,
	FOREIGN KEY (`started_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TABLE `shares` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`from_org_id` integer NOT NULL,
	`to_org_id` integer NOT NULL,
	`scope` text NOT NULL,
	`filter` text DEFAULT '{}' NOT NULL,
	`created_by` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	`revoked_at` integer,
	FOREIGN KEY (`from_org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`to_org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `shares_to_idx` ON `shares` (`to_org_id`);--> statement-breakpoint
CREATE INDEX `shares_from_idx` ON `shares` (`from_org_id`);--> statement-breakpoint
ALTER TABLE `recruiters` ADD `risk_score` real;--> statement-breakpoint
ALTER TABLE `recruiters` ADD `risk_band` text;--> statement-breakpoint
ALTER TABLE `recruiters` ADD `risk_confidence` real;--> statement-breakpoint
ALTER TABLE `recruiters` ADD `risk_red_flags` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `recruiters` ADD `risk_score_id` integer;--> statement-breakpoint
ALTER TABLE `suppliers` ADD `risk_score` real;--> statement-breakpoint
ALTER TABLE `suppliers` ADD `risk_band` text;--> statement-breakpoint
ALTER TABLE `suppliers` ADD `risk_confidence` real;--> statement-breakpoint
ALTER TABLE `suppliers` ADD `risk_red_flags` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `suppliers` ADD `risk_score_id` integer;--> statement-breakpoint
CREATE INDEX `suppliers_org_score_idx` ON `suppliers` (`org_id`,`risk_score`);--> statement-breakpoint
CREATE INDEX `suppliers_org_sector_idx` ON `suppliers` (`org_id`,`sector`);