import { mkdirSync, rmSync } from "node:fs";
import { openDatabase } from "../../db/client";
import { migrateDatabase } from "../../db/migrate";
import { prepareScoring } from "../../app/domain/risk/setup.server";
import { TEMPLATE_DB, TMP_DIR } from "./paths";

export default async function setup() {
  mkdirSync(TMP_DIR, { recursive: true });
  for (const suffix of ["", "-wal", "-shm"]) rmSync(TEMPLATE_DB + suffix, { force: true });
  const db = openDatabase(TEMPLATE_DB);
  await migrateDatabase(db);
  await prepareScoring(db);
  // Fold the WAL into the main file so that copying the one file copies everything.
  db.$client.pragma("wal_checkpoint(TRUNCATE)");
  db.close();
}
