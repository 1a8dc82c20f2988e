CREATE TABLE `fee_cases` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`org_id` integer NOT NULL,
	`supplier_id` integer NOT NULL,
	`recruiter_id` integer,
	`origin_country` text NOT NULL,
	`destination_country` text NOT NULL,
	`currency` text NOT NULL,
	`amount_per_worker_minor` integer NOT NULL,
	`workers` integer NOT NULL,
	`source` text NOT NULL,
	`evidence_note` text,
	`evidence_name` text,
	`evidence_path` text,
	`evidence_sha256` text,
	`plan_agreed_on` text,
	`plan_note` text,
	`created_by` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`supplier_id`) REFERENCES `suppliers`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`recruiter_id`) REFERENCES `recruiters`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `fee_cases_org_idx` ON `fee_cases` (`org_id`,`supplier_id`);--> statement-breakpoint
CREATE INDEX `fee_cases_recruiter_idx` ON `fee_cases` (`recruiter_id`);--> statement-breakpoint
CREATE TABLE `fee_confirmations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`instalment_id` integer NOT NULL,
	`grievance_id` integer NOT NULL,
	`answer` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`instalment_id`) REFERENCES `fee_instalments`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`grievance_id`) REFERENCES `grievances`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `fee_confirmations_unique` ON `fee_confirmations` (`instalment_id`,`grievance_id`);--> statement-breakpoint
CREATE TABLE `fee_instalments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`fee_case_id` integer NOT NULL,
	`due_on` text NOT NULL,
	`amount_minor` integer NOT NULL,
	`workers` integer NOT NULL,
	`paid_on` text,
	`proof_name` text,
	`proof_path` text,
	`proof_sha256` text,
	`proof_size` integer,
	`proof_mime` text,
	`recorded_by` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`fee_case_id`) REFERENCES `fee_cases`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `fee_instalments_case_idx` ON `fee_instalments` (`fee_case_id`,`due_on`);--> statement-breakpoint
CREATE TABLE `grievance_access` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`grievance_id` integer NOT NULL,
	`user_id` integer,
	`org_id` integer,
	`what` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`grievance_id`) REFERENCES `grievances`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `grievance_access_case_idx` ON `grievance_access` (`grievance_id`,`id`);--> statement-breakpoint
CREATE TABLE `grievance_channels` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`token` text NOT NULL,
	`org_id` integer NOT NULL,
	`supplier_id` integer,
	`country` text,
	`closed_at` integer,
	`created_by` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`supplier_id`) REFERENCES `suppliers`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `grievance_channels_token_unique` ON `grievance_channels` (`token`);--> statement-breakpoint
CREATE INDEX `grievance_channels_supplier_idx` ON `grievance_channels` (`supplier_id`);--> statement-breakpoint
CREATE INDEX `grievance_channels_org_idx` ON `grievance_channels` (`org_id`);--> statement-breakpoint
CREATE TABLE `grievance_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`grievance_id` integer NOT NULL,
	`type` text NOT NULL,
	`audience` text NOT NULL,
	`org_id` integer,
	`user_id` integer,
	`body` text,
	`data` text DEFAULT '{}' NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`grievance_id`) REFERENCES `grievances`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `grievance_events_case_idx` ON `grievance_events` (`grievance_id`,`id`);--> statement-breakpoint
CREATE TABLE `grievance_files` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`grievance_id` integer NOT NULL,
	`event_id` integer,
	`file_name` text NOT NULL,
	`file_path` text NOT NULL,
	`sha256` text NOT NULL,
	`size` integer NOT NULL,
	`mime` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`grievance_id`) REFERENCES `grievances`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`event_id`) REFERENCES `grievance_events`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `grievance_files_case_idx` ON `grievance_files` (`grievance_id`);--> statement-breakpoint
CREATE TABLE `grievance_recipients` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`grievance_id` integer NOT NULL,
	`org_id` integer NOT NULL,
	`party` text NOT NULL,
	`reason` text NOT NULL,
	`added_by` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`grievance_id`) REFERENCES `grievances`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`added_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `grievance_recipients_unique` ON `grievance_recipients` (`grievance_id`,`org_id`);--> statement-breakpoint
CREATE INDEX `grievance_recipients_org_idx` ON `grievance_recipients` (`org_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `grievances` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_code` text NOT NULL,
	`secret_hash` text NOT NULL,
	`channel_id` integer,
	`supplier_id` integer,
	`country` text,
	`workplace_text` text,
	`categories` text DEFAULT '[]' NOT NULL,
	`since` text,
	`people_count` integer,
	`description` text,
	`text_to_company` integer DEFAULT false NOT NULL,
	`consent` text DEFAULT '[]' NOT NULL,
	`contact_sealed` text,
	`language` text DEFAULT 'en' NOT NULL,
	`intake` text DEFAULT 'online' NOT NULL,
	`recorded_by` integer,
	`recorded_by_org_id` integer,
	`status` text DEFAULT 'new' NOT NULL,
	`urgent` integer DEFAULT false NOT NULL,
	`severity` text,
	`indicators` text DEFAULT '[]' NOT NULL,
	`lead_org_id` integer,
	`assignee_id` integer,
	`due_at` integer,
	`escalated_at` integer,
	`finding` text DEFAULT 'unknown' NOT NULL,
	`finding_at` integer,
	`indicators_applied_at` integer,
	`fee_case_id` integer,
	`remedy` text,
	`worker_rating` integer,
	`closed_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	`updated_at` integer,
	FOREIGN KEY (`channel_id`) REFERENCES `grievance_channels`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`supplier_id`) REFERENCES `suppliers`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`recorded_by_org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`lead_org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`assignee_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "grievances_status_check" CHECK("grievances"."status" in ('new','triaged','in_progress','answered','closed')),
	CONSTRAINT "grievances_finding_check" CHECK("grievances"."finding" in ('unknown','substantiated','not_substantiated'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `grievances_case_code_unique` ON `grievances` (`case_code`);--> statement-breakpoint
CREATE INDEX `grievances_supplier_idx` ON `grievances` (`supplier_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `grievances_lead_idx` ON `grievances` (`lead_org_id`,`status`);--> statement-breakpoint
CREATE INDEX `grievances_due_idx` ON `grievances` (`due_at`) WHERE closed_at is null;--> statement-breakpoint
CREATE TABLE `support_services` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`country` text NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`phone` text,
	`url` text,
	`languages` text DEFAULT '[]' NOT NULL,
	`source` text NOT NULL,
	`verified_by` integer,
	`verified_at` integer NOT NULL,
	`retired_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`verified_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `support_services_country_idx` ON `support_services` (`country`,`kind`);--> statement-breakpoint
-- A case's timeline and its access log are evidence: an entry is never rewritten. (Deleting stays
-- possible so that erasing a whole case, by cascade, can be done when the law asks for it.)
CREATE TRIGGER `grievance_events_no_update` BEFORE UPDATE ON `grievance_events`
BEGIN
  SELECT RAISE(ABORT, 'grievance_events is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `grievance_access_no_update` BEFORE UPDATE ON `grievance_access`
BEGIN
  SELECT RAISE(ABORT, 'grievance_access is append-only');
END;
