/** Builds the PostgreSQL template database named by DATABASE_URL (run by postgres-setup.ts). */
import { openDatabase, postgresPool } from "../../db/client";
import { migrateDatabase } from "../../db/migrate";
import { prepareScoring } from "../../app/domain/risk/setup.server";

const db = openDatabase(process.env.DATABASE_URL!);
await migrateDatabase(db);
await prepareScoring(db);
// A template database must have no connection while it is copied.
await postgresPool(db).end();
