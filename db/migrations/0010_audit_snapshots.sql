ALTER TABLE `audits` ADD `workplace_name` text;--> statement-breakpoint
ALTER TABLE `audits` ADD `workplace_external_id` text;--> statement-breakpoint
ALTER TABLE `audits` ADD `workplace_country` text;--> statement-breakpoint
ALTER TABLE `audits` ADD `workplace_sector` text;--> statement-breakpoint
ALTER TABLE `audits` ADD `workplace_address` text;--> statement-breakpoint
ALTER TABLE `audits` ADD `workplace_company` text;--> statement-breakpoint
ALTER TABLE `audits` ADD `workplace_score` real;--> statement-breakpoint
ALTER TABLE `audits` ADD `workplace_band` text;--> statement-breakpoint
ALTER TABLE `audits` ADD `workplace_snapshot_at` integer;--> statement-breakpoint
-- Audits made before snapshots existed keep the workplace's identity as it stands at migration
-- time (identity was in every share they were scheduled under). No score is backfilled: whether
-- the share then included scores is not known, and a score the inspectorate never saw must not appear.
UPDATE `audits` SET
  `workplace_name` = (SELECT s.`name` FROM `suppliers` s WHERE s.`id` = `audits`.`supplier_id`),
  `workplace_external_id` = (SELECT s.`external_id` FROM `suppliers` s WHERE s.`id` = `audits`.`supplier_id`),
  `workplace_country` = (SELECT s.`country` FROM `suppliers` s WHERE s.`id` = `audits`.`supplier_id`),
  `workplace_sector` = (SELECT s.`sector` FROM `suppliers` s WHERE s.`id` = `audits`.`supplier_id`),
  `workplace_address` = (SELECT s.`address` FROM `suppliers` s WHERE s.`id` = `audits`.`supplier_id`),
  `workplace_company` = (SELECT o.`name` FROM `organisations` o WHERE o.`id` = `audits`.`company_org_id`),
  `workplace_snapshot_at` = coalesce(`updated_at`, `created_at`);
