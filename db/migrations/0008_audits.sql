CREATE TABLE `audit_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`audit_id` integer NOT NULL,
	`at` integer NOT NULL,
	`by_user_id` integer,
	`kind` text NOT NULL,
	`from_status` text,
	`to_status` text,
	`reason` text,
	`details` text,
	FOREIGN KEY (`audit_id`) REFERENCES `audits`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `audit_events_audit_idx` ON `audit_events` (`audit_id`,`at`);--> statement-breakpoint
CREATE TABLE `audit_plans` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`org_id` integer NOT NULL,
	`params` text NOT NULL,
	`proposed` integer NOT NULL,
	`unplaced` text NOT NULL,
	`nothing_fits` text,
	`created_by` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TABLE `audit_proposals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`org_id` integer NOT NULL,
	`supplier_id` integer NOT NULL,
	`type` text NOT NULL,
	`lead_inspector_id` integer NOT NULL,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`priority` real,
	`reason` text NOT NULL,
	`follow_up_of` integer,
	`plan_id` integer,
	`status` text DEFAULT 'pending' NOT NULL,
	`audit_id` integer,
	`decided_by` integer,
	`decided_at` integer,
	`decision_reason` text,
	`created_by` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`supplier_id`) REFERENCES `suppliers`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`lead_inspector_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`plan_id`) REFERENCES `audit_plans`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`audit_id`) REFERENCES `audits`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `audit_proposals_org_status_idx` ON `audit_proposals` (`org_id`,`status`,`starts_at`);--> statement-breakpoint
CREATE TABLE `audit_team` (
	`audit_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`role` text NOT NULL,
	FOREIGN KEY (`audit_id`) REFERENCES `audits`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `audit_team_unique` ON `audit_team` (`audit_id`,`user_id`);--> statement-breakpoint
CREATE INDEX `audit_team_user_idx` ON `audit_team` (`user_id`);--> statement-breakpoint
CREATE TABLE `audits` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`org_id` integer NOT NULL,
	`supplier_id` integer NOT NULL,
	`company_org_id` integer NOT NULL,
	`type` text NOT NULL,
	`status` text DEFAULT 'planned' NOT NULL,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`lead_inspector_id` integer NOT NULL,
	`follow_up_of` integer,
	`notes` text,
	`created_by` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	`updated_at` integer,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`supplier_id`) REFERENCES `suppliers`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`company_org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`lead_inspector_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "audits_window_check" CHECK("audits"."ends_at" > "audits"."starts_at")
);
--> statement-breakpoint
CREATE INDEX `audits_org_starts_idx` ON `audits` (`org_id`,`starts_at`);--> statement-breakpoint
CREATE INDEX `audits_supplier_idx` ON `audits` (`supplier_id`,`starts_at`);--> statement-breakpoint
CREATE INDEX `audits_company_idx` ON `audits` (`company_org_id`,`starts_at`);--> statement-breakpoint
CREATE TABLE `calendar_feeds` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`org_id` integer NOT NULL,
	`token_hash` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	`revoked_at` integer,
	`last_used_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `calendar_feeds_token_unique` ON `calendar_feeds` (`token_hash`);--> statement-breakpoint
CREATE INDEX `calendar_feeds_user_idx` ON `calendar_feeds` (`user_id`,`org_id`);--> statement-breakpoint
CREATE TABLE `corrective_actions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`finding_id` integer NOT NULL,
	`audit_id` integer NOT NULL,
	`org_id` integer NOT NULL,
	`company_org_id` integer NOT NULL,
	`supplier_id` integer NOT NULL,
	`description` text NOT NULL,
	`owner` text NOT NULL,
	`due_on` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`response` text,
	`responded_by` integer,
	`responded_at` integer,
	`verification_note` text,
	`verified_by` integer,
	`verified_at` integer,
	`created_by` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`finding_id`) REFERENCES `findings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`audit_id`) REFERENCES `audits`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`company_org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`supplier_id`) REFERENCES `suppliers`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`responded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`verified_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `corrective_actions_company_idx` ON `corrective_actions` (`company_org_id`,`status`,`due_on`);--> statement-breakpoint
CREATE INDEX `corrective_actions_org_idx` ON `corrective_actions` (`org_id`,`status`,`due_on`);--> statement-breakpoint
CREATE INDEX `corrective_actions_supplier_idx` ON `corrective_actions` (`supplier_id`);--> statement-breakpoint
CREATE INDEX `corrective_actions_finding_idx` ON `corrective_actions` (`finding_id`);--> statement-breakpoint
CREATE TABLE `evidence` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`finding_id` integer,
	`corrective_action_id` integer,
	`org_id` integer NOT NULL,
	`file_name` text NOT NULL,
	`file_path` text NOT NULL,
	`sha256` text NOT NULL,
	`size` integer NOT NULL,
	`mime` text NOT NULL,
	`uploaded_by` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`finding_id`) REFERENCES `findings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`corrective_action_id`) REFERENCES `corrective_actions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`uploaded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "evidence_owner_check" CHECK(("evidence"."finding_id" is null) <> ("evidence"."corrective_action_id" is null))
);
--> statement-breakpoint
CREATE INDEX `evidence_finding_idx` ON `evidence` (`finding_id`);--> statement-breakpoint
CREATE INDEX `evidence_action_idx` ON `evidence` (`corrective_action_id`);--> statement-breakpoint
CREATE TABLE `findings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`audit_id` integer NOT NULL,
	`indicator` text NOT NULL,
	`result` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`workers_interviewed` integer,
	`recorded_by` integer,
	`recorded_at` integer NOT NULL,
	FOREIGN KEY (`audit_id`) REFERENCES `audits`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `findings_audit_indicator_unique` ON `findings` (`audit_id`,`indicator`);--> statement-breakpoint
CREATE TABLE `inspector_availability` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`org_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`starts_on` text NOT NULL,
	`ends_on` text NOT NULL,
	`reason` text NOT NULL,
	`created_by` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "inspector_availability_range_check" CHECK("inspector_availability"."ends_on" >= "inspector_availability"."starts_on")
);
--> statement-breakpoint
CREATE INDEX `inspector_availability_user_idx` ON `inspector_availability` (`user_id`,`starts_on`);--> statement-breakpoint
CREATE TABLE `inspectorate_settings` (
	`org_id` integer PRIMARY KEY NOT NULL,
	`time_zone` text DEFAULT 'UTC' NOT NULL,
	`max_audits_per_inspector_per_day` integer DEFAULT 2 NOT NULL,
	`min_days_between_audits` integer DEFAULT 180 NOT NULL,
	`critical_due_days` integer DEFAULT 30 NOT NULL,
	`major_due_days` integer DEFAULT 60 NOT NULL,
	`minor_due_days` integer DEFAULT 90 NOT NULL,
	`updated_by` integer,
	`updated_at` integer,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
