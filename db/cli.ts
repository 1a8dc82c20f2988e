/**
 * Database commands for people: `npm run db:migrate` and `npm run db:seed` (idempotent).
 */
import { openDatabase } from "./client";
import { migrateDatabase } from "./migrate";
import { DEMO_LOGINS, seedDemo } from "./seed";
import { parseEnv } from "../app/env.server";
import { prepareScoring } from "../app/domain/risk/setup.server";

const command = process.argv[2];
const env = parseEnv();
const db = openDatabase(env.DATABASE_PATH);
try {
  migrateDatabase(db);
  prepareScoring(db);
  if (command === "migrate") {
    console.log(`Migrated ${env.DATABASE_PATH}.`);
  } else if (command === "seed") {
    await seedDemo(db);
    console.log(`Seeded the demo workspace into ${env.DATABASE_PATH}. Logins: ${DEMO_LOGINS.map((l) => l.email).join(", ")}`);
  } else {
    console.error("usage: db/cli.ts migrate|seed");
    process.exitCode = 2;
  }
} finally {
  db.$client.close();
}
