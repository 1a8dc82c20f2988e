CREATE TABLE `audit_interviews` (
	`audit_id` integer NOT NULL,
	`gender` text NOT NULL,
	`origin` text NOT NULL,
	`count` integer NOT NULL,
	FOREIGN KEY (`audit_id`) REFERENCES `audits`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "audit_interviews_gender_check" CHECK("audit_interviews"."gender" in ('woman','man','other')),
	CONSTRAINT "audit_interviews_origin_check" CHECK("audit_interviews"."origin" in ('migrant','national')),
	CONSTRAINT "audit_interviews_count_check" CHECK("audit_interviews"."count" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `audit_interviews_unique` ON `audit_interviews` (`audit_id`,`gender`,`origin`);--> statement-breakpoint
CREATE TABLE `report_reviews` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`report_id` text NOT NULL,
	`org_id` integer NOT NULL,
	`action` text NOT NULL,
	`reason` text,
	`created_by` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`report_id`) REFERENCES `reports`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "report_reviews_action_check" CHECK("report_reviews"."action" in ('acknowledged','accepted','correction_requested'))
);
--> statement-breakpoint
CREATE INDEX `report_reviews_report_idx` ON `report_reviews` (`report_id`,`id`);--> statement-breakpoint
CREATE INDEX `report_reviews_org_idx` ON `report_reviews` (`org_id`,`created_at`);--> statement-breakpoint
ALTER TABLE `contests` ADD `kind` text DEFAULT 'score' NOT NULL;--> statement-breakpoint
ALTER TABLE `contests` ADD `factor` text;--> statement-breakpoint
ALTER TABLE `organisations` ADD `deactivated_at` integer;--> statement-breakpoint
-- A regulator's review steps are its record of what it told the company: never rewritten or removed.
CREATE TRIGGER `report_reviews_no_update` BEFORE UPDATE ON `report_reviews`
BEGIN
  SELECT RAISE(ABORT, 'report_reviews is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `report_reviews_no_delete` BEFORE DELETE ON `report_reviews`
BEGIN
  SELECT RAISE(ABORT, 'report_reviews is append-only');
END;
