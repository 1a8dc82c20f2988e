CREATE TABLE `dashboard_snapshots` (
	`org_id` integer PRIMARY KEY NOT NULL,
	`version` text NOT NULL,
	`data` text NOT NULL,
	`computed_at` integer NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade
);
