CREATE TABLE `report_downloads` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`report_id` text NOT NULL,
	`user_id` integer,
	`org_id` integer,
	`at` integer NOT NULL,
	FOREIGN KEY (`report_id`) REFERENCES `reports`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `report_downloads_report_idx` ON `report_downloads` (`report_id`,`at`);--> statement-breakpoint
CREATE TABLE `reports` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` integer NOT NULL,
	`type` text NOT NULL,
	`title` text NOT NULL,
	`params` text NOT NULL,
	`period_start` text,
	`period_end` text,
	`subject_id` integer,
	`data_as_of` integer NOT NULL,
	`methodology_version` text,
	`reference_versions` text NOT NULL,
	`data_hash` text NOT NULL,
	`file_path` text NOT NULL,
	`sha256` text NOT NULL,
	`size` integer NOT NULL,
	`pages` integer NOT NULL,
	`supersedes` text,
	`submitted_to` integer,
	`submitted_by` integer,
	`submitted_at` integer,
	`issued_by` integer,
	`issued_at` integer NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`submitted_to`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`submitted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`issued_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reports_sha256_unique` ON `reports` (`sha256`);--> statement-breakpoint
CREATE INDEX `reports_org_idx` ON `reports` (`org_id`,`issued_at`);--> statement-breakpoint
CREATE INDEX `reports_submitted_idx` ON `reports` (`submitted_to`,`submitted_at`);--> statement-breakpoint
CREATE INDEX `reports_data_hash_idx` ON `reports` (`data_hash`);--> statement-breakpoint
-- A report submitted to a regulator is evidence: it can be neither changed nor deleted.
CREATE TRIGGER `reports_submitted_immutable` BEFORE UPDATE ON `reports` WHEN OLD.submitted_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a submitted report is immutable'); END;
--> statement-breakpoint
CREATE TRIGGER `reports_submitted_undeletable` BEFORE DELETE ON `reports` WHEN OLD.submitted_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a submitted report cannot be deleted'); END;
