CREATE TABLE `watchlist_matches` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`org_id` integer NOT NULL,
	`entity_type` text NOT NULL,
	`entity_id` integer NOT NULL,
	`source_id` integer NOT NULL,
	`entry_key` text NOT NULL,
	`matched_name` text NOT NULL,
	`entity_name` text NOT NULL,
	`similarity` real NOT NULL,
	`status` text DEFAULT 'candidate' NOT NULL,
	`reason` text,
	`decided_by` integer,
	`decided_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`source_id`) REFERENCES `reference_sources`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `watchlist_matches_unique` ON `watchlist_matches` (`entity_type`,`entity_id`,`source_id`,`entry_key`);--> statement-breakpoint
CREATE INDEX `watchlist_matches_org_status_idx` ON `watchlist_matches` (`org_id`,`status`);