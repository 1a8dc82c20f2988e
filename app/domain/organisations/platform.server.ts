/** The platform administrator's overview: how many organisations of each type, and people. */
import { count } from "drizzle-orm";
import type { Db } from "#db/client";
import { organisations, users } from "#db/schema";
import { authorize, type Actor } from "~/auth/permissions.server";
import { firstRow } from "#db/client";

export async function platformOverview(db: Db, actor: Actor) {
  authorize(actor, "organisations.manage");
  const byType = await db.select({ type: organisations.type, n: count() }).from(organisations).groupBy(organisations.type);
  const people = firstRow(await db.select({ n: count() }).from(users))?.n ?? 0;
  return { byType: Object.fromEntries(byType.map((r) => [r.type, r.n])) as Record<string, number>, people };
}
