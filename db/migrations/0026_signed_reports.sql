CREATE TABLE `signing_certificates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`org_id` integer NOT NULL,
	`certificate_pem` text NOT NULL,
	`sealed_private_key` text NOT NULL,
	`fingerprint` text NOT NULL,
	`not_before` integer NOT NULL,
	`not_after` integer NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	`retired_at` integer,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `signing_certificates_active_unique` ON `signing_certificates` (`org_id`) WHERE retired_at is null;--> statement-breakpoint
CREATE UNIQUE INDEX `signing_certificates_fingerprint_unique` ON `signing_certificates` (`fingerprint`);--> statement-breakpoint
ALTER TABLE `reports` ADD `content_sha256` text;--> statement-breakpoint
ALTER TABLE `reports` ADD `content_size` integer;--> statement-breakpoint
ALTER TABLE `reports` ADD `signed_at` integer;--> statement-breakpoint
ALTER TABLE `reports` ADD `signing_certificate_id` integer REFERENCES signing_certificates(id);--> statement-breakpoint
CREATE INDEX `reports_content_sha256_idx` ON `reports` (`content_sha256`);