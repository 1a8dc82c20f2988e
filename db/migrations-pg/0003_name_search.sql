CREATE INDEX "recruiters_name_trgm" ON "recruiters" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "recruiters_external_id_trgm" ON "recruiters" USING gin ("external_id" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "recruiters_licence_number_trgm" ON "recruiters" USING gin ("licence_number" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "suppliers_name_trgm" ON "suppliers" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "suppliers_external_id_trgm" ON "suppliers" USING gin ("external_id" gin_trgm_ops);