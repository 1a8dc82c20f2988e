/** The platform administrator's overview: how many organisations of each type, and people. */
import { count } from "drizzle-orm";
import type { Db } from "#db/client";
import { organisations, users } from "#db/schema";
import { authorize, type Actor } from "~/auth/permissions.server";

export function platformOverview(db: Db, actor: Actor) {
  authorize(actor, "organisations.manage");
  const byType = db.select({ type: organisations.type, n: count() }).from(organisations).groupBy(organisations.type).all();
  const people = db.select({ n: count() }).from(users).get()?.n ?? 0;
  return { byType: Object.fromEntries(byType.map((r) => [r.type, r.n])) as Record<string, number>, people };
}
