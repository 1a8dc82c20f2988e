CREATE TABLE `questionnaire_files` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`site_id` integer NOT NULL,
	`question_id` text NOT NULL,
	`name` text NOT NULL,
	`path` text NOT NULL,
	`sha256` text NOT NULL,
	`size` integer NOT NULL,
	`mime` text NOT NULL,
	`uploaded_by` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`site_id`) REFERENCES `supplier_sites`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`uploaded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `questionnaire_files_site_idx` ON `questionnaire_files` (`site_id`);--> statement-breakpoint
CREATE TABLE `questionnaire_reviews` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`response_id` integer NOT NULL,
	`buyer_org_id` integer NOT NULL,
	`outcome` text NOT NULL,
	`question_id` text,
	`message` text,
	`reply` text,
	`replied_by` integer,
	`replied_at` integer,
	`created_by` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`response_id`) REFERENCES `questionnaire_responses`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`buyer_org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`replied_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `questionnaire_reviews_response_idx` ON `questionnaire_reviews` (`response_id`);--> statement-breakpoint
CREATE INDEX `questionnaire_reviews_buyer_idx` ON `questionnaire_reviews` (`buyer_org_id`);--> statement-breakpoint
CREATE TABLE `supplier_duplicate_decisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`org_id` integer NOT NULL,
	`kept_id` integer NOT NULL,
	`other_id` integer NOT NULL,
	`decision` text NOT NULL,
	`evidence` text DEFAULT '[]' NOT NULL,
	`note` text,
	`decided_by` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	`undone_at` integer,
	`undone_by` integer,
	`undo_reason` text,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`kept_id`) REFERENCES `suppliers`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`other_id`) REFERENCES `suppliers`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`undone_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `supplier_duplicate_decisions_org_idx` ON `supplier_duplicate_decisions` (`org_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `supplier_duplicate_decisions_kept_idx` ON `supplier_duplicate_decisions` (`kept_id`);--> statement-breakpoint
CREATE INDEX `supplier_duplicate_decisions_other_idx` ON `supplier_duplicate_decisions` (`other_id`);--> statement-breakpoint
ALTER TABLE `suppliers` ADD `merged_into_id` integer;--> statement-breakpoint
CREATE INDEX `suppliers_merged_into_idx` ON `suppliers` (`merged_into_id`) WHERE merged_into_id is not null;