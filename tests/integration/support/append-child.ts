/**
 * A second process for tests/integration/data-layer.test.ts: appends `count` entries to an
 * organisation's jurisdictions, each one a read-then-write in its own transaction, on the database
 * named by argv (a SQLite file or a PostgreSQL URL; DATABASE_URL in the environment chooses the tables).
 */
import { eq } from "drizzle-orm";
import { firstRow, inTransaction, openDatabase } from "../../../db/client";
import { organisations } from "../../../db/schema";

const [location, orgIdText, countText, tag] = process.argv.slice(2) as [string, string, string, string];
const db = openDatabase(location, { busyTimeoutMs: 30_000 });
const orgId = Number(orgIdText);
for (let i = 0; i < Number(countText); i++) {
  await inTransaction(db, async () => {
    const row = firstRow(await db.select({ jurisdictions: organisations.jurisdictions }).from(organisations).where(eq(organisations.id, orgId)))!;
    await new Promise((resolve) => setTimeout(resolve, 1)); // let the other process try meanwhile
    await db.update(organisations).set({ jurisdictions: [...row.jurisdictions, `${tag}${i}`] }).where(eq(organisations.id, orgId));
  });
}
db.close();
