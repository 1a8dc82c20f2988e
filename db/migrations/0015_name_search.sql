-- Name search through FTS5 (issue 16, item 5): the supplier and recruiter lists' search box
-- ("contains", LIKE '%…%') read every row of the organisation; these indexes let a term of 3 or
-- more characters find its rows directly. The trigram tokenizer indexes every 3-character
-- substring, so looking up a term's trigrams keeps LIKE's meaning of "contains" ("hai" finds
-- "Thailand Agro"); it folds case (Unicode-wide: the list query re-checks its LIKE on the rows found, so results
-- stay exactly LIKE's, which folds ASCII only). Terms under 3 characters keep the plain LIKE.
--
-- Raw SQL only, nothing in db/schema.ts: drizzle has no notion of virtual tables or triggers,
-- and external-content FTS5 tables are not something drizzle-kit can diff (their shadow tables
-- would show up as unknown tables). They are read only through app/domain/list-query.server.ts.
--
-- External content (content=…, content_rowid='id'): the text lives once, in suppliers /
-- recruiters; the index holds only the trigrams, kept in step by the triggers below (insert;
-- update of a searched column, and only when its value really changes, so that an import's
-- re-statement of unchanged names and the scoring's updates cost nothing; delete).
-- detail=none: the index keeps only which rows hold each trigram, not where (measured at 100k
-- suppliers: 2.5 MB instead of 9 MB, built 2.5 times faster, searches as fast): a query asks
-- for rows holding all of the term's trigrams ("abc" AND "bcd" ...), and the LIKE re-checked on
-- those rows keeps what the positions would have (the trigrams in a row, in order).
-- columnsize=0: no per-row size table (only ranking uses it; the lists do not rank by relevance).
--
-- A later migration that rebuilds suppliers or recruiters (drizzle-kit's create __new_… / drop /
-- rename for some column changes) drops these triggers with the table: it must create them
-- again and run the 'rebuild' command (tests/integration/name-search.test.ts checks they exist).
-- On PostgreSQL the same search is a pg_trgm GIN index per column instead, with no triggers:
--   create extension if not exists pg_trgm;
--   create index suppliers_name_trgm on suppliers using gin (name gin_trgm_ops); (and external_id, …)
-- which serves the same ILIKE/LIKE '%…%' directly.
CREATE VIRTUAL TABLE `suppliers_fts` USING fts5(name, external_id, content='suppliers', content_rowid='id', tokenize='trigram', detail=none, columnsize=0);
--> statement-breakpoint
CREATE TRIGGER `suppliers_fts_insert` AFTER INSERT ON `suppliers`
BEGIN
  INSERT INTO suppliers_fts (rowid, name, external_id) VALUES (new.id, new.name, new.external_id);
END;
--> statement-breakpoint
CREATE TRIGGER `suppliers_fts_update` AFTER UPDATE OF name, external_id ON `suppliers`
WHEN old.name IS NOT new.name OR old.external_id IS NOT new.external_id
BEGIN
  INSERT INTO suppliers_fts (suppliers_fts, rowid, name, external_id) VALUES ('delete', old.id, old.name, old.external_id);
  INSERT INTO suppliers_fts (rowid, name, external_id) VALUES (new.id, new.name, new.external_id);
END;
--> statement-breakpoint
CREATE TRIGGER `suppliers_fts_delete` AFTER DELETE ON `suppliers`
BEGIN
  INSERT INTO suppliers_fts (suppliers_fts, rowid, name, external_id) VALUES ('delete', old.id, old.name, old.external_id);
END;
--> statement-breakpoint
INSERT INTO suppliers_fts (suppliers_fts) VALUES ('rebuild');
--> statement-breakpoint
CREATE VIRTUAL TABLE `recruiters_fts` USING fts5(name, external_id, licence_number, content='recruiters', content_rowid='id', tokenize='trigram', detail=none, columnsize=0);
--> statement-breakpoint
CREATE TRIGGER `recruiters_fts_insert` AFTER INSERT ON `recruiters`
BEGIN
  INSERT INTO recruiters_fts (rowid, name, external_id, licence_number) VALUES (new.id, new.name, new.external_id, new.licence_number);
END;
--> statement-breakpoint
CREATE TRIGGER `recruiters_fts_update` AFTER UPDATE OF name, external_id, licence_number ON `recruiters`
WHEN old.name IS NOT new.name OR old.external_id IS NOT new.external_id OR old.licence_number IS NOT new.licence_number
BEGIN
  INSERT INTO recruiters_fts (recruiters_fts, rowid, name, external_id, licence_number) VALUES ('delete', old.id, old.name, old.external_id, old.licence_number);
  INSERT INTO recruiters_fts (rowid, name, external_id, licence_number) VALUES (new.id, new.name, new.external_id, new.licence_number);
END;
--> statement-breakpoint
CREATE TRIGGER `recruiters_fts_delete` AFTER DELETE ON `recruiters`
BEGIN
  INSERT INTO recruiters_fts (recruiters_fts, rowid, name, external_id, licence_number) VALUES ('delete', old.id, old.name, old.external_id, old.licence_number);
END;
--> statement-breakpoint
INSERT INTO recruiters_fts (recruiters_fts) VALUES ('rebuild');
