CREATE TABLE `sealing_keys` (
	`name` text PRIMARY KEY NOT NULL,
	`check_value` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL
);
