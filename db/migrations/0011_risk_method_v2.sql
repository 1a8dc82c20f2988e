ALTER TABLE `risk_scores` ADD `score_low` real;--> statement-breakpoint
ALTER TABLE `risk_scores` ADD `score_high` real;--> statement-breakpoint
ALTER TABLE `staged_suppliers` ADD `region` text;--> statement-breakpoint
ALTER TABLE `suppliers` ADD `region` text;--> statement-breakpoint
ALTER TABLE `suppliers` ADD `risk_score_low` real;--> statement-breakpoint
ALTER TABLE `suppliers` ADD `risk_score_high` real;