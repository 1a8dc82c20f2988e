/**
 * Database commands for people:
 *   npm run db:migrate            apply the committed migrations
 *   npm run db:seed               seed the demo workspace (idempotent)
 *   npm run db:backup [FILE]      consistent copy of the live database (safe while the app runs)
 *   npm run db:restore FILE       replace the database with a checked backup (stop the app first)
 */
import path from "node:path";
import { openDatabase } from "./client";
import { backupDatabase, restoreDatabase, type CheckedFile } from "./backup";
import { DatabaseUnusable } from "./health";
import { migrateDatabase } from "./migrate";
import { DEMO_LOGINS, seedDemo } from "./seed";
import { parseEnv } from "../app/env.server";
import { prepareScoring } from "../app/domain/risk/setup.server";

const [command, argument] = process.argv.slice(2);
const env = parseEnv();
const describe = (c: CheckedFile) => `${c.file}: ${(c.bytes / 1024 / 1024).toFixed(1)} MB, integrity ok, ${c.suppliers} suppliers, ${c.auditLogEntries} audit-log entries`;

async function main(): Promise<void> {
  if (command === "restore") {
    if (!argument) throw new DatabaseUnusable("Name the backup to restore: npm run db:restore FILE");
    const { restored, previous } = restoreDatabase(argument, env.DATABASE_PATH);
    console.log(`Restored ${env.DATABASE_PATH} from ${describe(restored)}.`);
    if (previous) console.log(`The database it replaced is kept as ${previous}.`);
    return;
  }
  const db = openDatabase(env.DATABASE_PATH);
  try {
    if (command === "backup") {
      console.log(`Backed up ${env.DATABASE_PATH} to ${describe(backupDatabase(db, argument ?? null))}.`);
      return;
    }
    await migrateDatabase(db);
    await prepareScoring(db);
    if (command === "migrate") {
      console.log(`Migrated ${env.DATABASE_PATH}.`);
    } else if (command === "seed") {
      await seedDemo(db, { uploadsDir: path.resolve(env.UPLOADS_DIR) });
      console.log(`Seeded the demo workspace into ${env.DATABASE_PATH}. Logins: ${DEMO_LOGINS.map((l) => l.email).join(", ")}`);
    } else {
      console.error("usage: db/cli.ts migrate | seed | backup [FILE] | restore FILE");
      process.exitCode = 2;
    }
  } finally {
    db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof DatabaseUnusable ? error.message : error);
  process.exitCode = 1;
});
