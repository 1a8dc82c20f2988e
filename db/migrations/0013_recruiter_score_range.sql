ALTER TABLE `recruiters` ADD `risk_score_low` real;--> statement-breakpoint
ALTER TABLE `recruiters` ADD `risk_score_high` real;--> statement-breakpoint
-- Recruiters scored before this migration: their range comes from their current score row.
UPDATE `recruiters` SET `risk_score_low` = (SELECT `score_low` FROM `risk_scores` WHERE `risk_scores`.`id` = `recruiters`.`risk_score_id`), `risk_score_high` = (SELECT `score_high` FROM `risk_scores` WHERE `risk_scores`.`id` = `recruiters`.`risk_score_id`) WHERE `risk_score_id` IS NOT NULL;
