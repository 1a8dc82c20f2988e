CREATE TABLE `filing_profiles` (
	`org_id` integer PRIMARY KEY NOT NULL,
	`financial_year_end` text NOT NULL,
	`turnover_band` text,
	`sectors` text DEFAULT '[]' NOT NULL,
	`regimes` text DEFAULT '[]' NOT NULL,
	`group_statement` integer DEFAULT false NOT NULL,
	`updated_by` integer,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TABLE `filings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`org_id` integer NOT NULL,
	`regime` text NOT NULL,
	`statement_id` integer NOT NULL,
	`authority` text,
	`reference` text,
	`received_on` text,
	`due_on` text,
	`product` text,
	`raw_material` text,
	`report_id` text,
	`created_by` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`statement_id`) REFERENCES `statements`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`report_id`) REFERENCES `reports`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `filings_org_idx` ON `filings` (`org_id`,`regime`);--> statement-breakpoint
CREATE INDEX `filings_statement_idx` ON `filings` (`statement_id`);--> statement-breakpoint
CREATE TABLE `statement_approvals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`statement_id` integer NOT NULL,
	`approver_name` text NOT NULL,
	`approver_role` text NOT NULL,
	`approved_on` text NOT NULL,
	`section_versions` text NOT NULL,
	`recorded_by` integer,
	`recorded_at` integer NOT NULL,
	FOREIGN KEY (`statement_id`) REFERENCES `statements`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `statement_approvals_statement_idx` ON `statement_approvals` (`statement_id`);--> statement-breakpoint
CREATE TABLE `statement_sections` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`statement_id` integer NOT NULL,
	`section` text NOT NULL,
	`version` integer NOT NULL,
	`body` text NOT NULL,
	`written_by` integer,
	`written_at` integer NOT NULL,
	FOREIGN KEY (`statement_id`) REFERENCES `statements`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`written_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `statement_sections_version_unique` ON `statement_sections` (`statement_id`,`section`,`version`);--> statement-breakpoint
CREATE TABLE `statements` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`org_id` integer NOT NULL,
	`period_start` text NOT NULL,
	`period_end` text NOT NULL,
	`created_by` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `statements_period_unique` ON `statements` (`org_id`,`period_start`,`period_end`);