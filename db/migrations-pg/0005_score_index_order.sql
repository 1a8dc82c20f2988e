DROP INDEX "suppliers_org_score_idx";--> statement-breakpoint
DROP INDEX "suppliers_org_band_score_idx";--> statement-breakpoint
DROP INDEX "suppliers_org_red_flags_idx";--> statement-breakpoint
CREATE INDEX "suppliers_org_score_idx" ON "suppliers" USING btree ("org_id","risk_score" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "suppliers_org_band_score_idx" ON "suppliers" USING btree ("org_id","risk_band","risk_score" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "suppliers_org_red_flags_idx" ON "suppliers" USING btree ("org_id","risk_score" DESC NULLS LAST) WHERE risk_red_flags > 0;