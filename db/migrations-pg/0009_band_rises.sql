ALTER TABLE "suppliers" ADD COLUMN "risk_band_before" text;--> statement-breakpoint
ALTER TABLE "suppliers" ADD COLUMN "risk_rose_at" timestamp (3) with time zone;--> statement-breakpoint
-- Suppliers scored before this migration: the band of the score stored just before the current one
-- (by computed_at, then id), and, when the current score's band is higher, when it was computed:
-- what the company home read from the score history until now (band rank as in BAND_RANK; an
-- unknown band never rises, nor is risen from).
UPDATE "suppliers" SET "risk_band_before" = (SELECT p."band" FROM "risk_scores" cur JOIN "risk_scores" p ON p."entity_type" = 'supplier' AND p."entity_id" = "suppliers"."id" AND (p."computed_at" < cur."computed_at" OR (p."computed_at" = cur."computed_at" AND p."id" < cur."id")) WHERE cur."id" = "suppliers"."risk_score_id" ORDER BY p."computed_at" DESC, p."id" DESC LIMIT 1) WHERE "risk_score_id" IS NOT NULL;--> statement-breakpoint
UPDATE "suppliers" SET "risk_rose_at" = (SELECT cur."computed_at" FROM "risk_scores" cur WHERE cur."id" = "suppliers"."risk_score_id" AND (CASE cur."band" WHEN 'low' THEN 0 WHEN 'medium' THEN 1 WHEN 'high' THEN 2 WHEN 'critical' THEN 3 ELSE -1 END) > (CASE "suppliers"."risk_band_before" WHEN 'low' THEN 0 WHEN 'medium' THEN 1 WHEN 'high' THEN 2 WHEN 'critical' THEN 3 ELSE 99 END)) WHERE "risk_band_before" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "suppliers_org_rose_idx" ON "suppliers" USING btree ("org_id","risk_rose_at") WHERE risk_rose_at is not null;