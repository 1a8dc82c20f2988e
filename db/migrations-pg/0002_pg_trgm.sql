-- Name search (db/migrations/0015_name_search.sql): SQLite uses FTS5 trigram tables kept in step
-- by triggers; PostgreSQL serves the same LIKE/ILIKE '%…%' from trigram GIN indexes on the
-- columns themselves (db/schema.pg.ts, migration 0003), which need pg_trgm. pg_trgm ships with
-- the server (Debian's postgresql-15 includes it) and is a trusted extension since PostgreSQL 13,
-- so the database owner may create it without being a superuser.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
