/**
 * The product synonym table, extended by the platform administrator, and the products on
 * companies' lists that match no TVPRA good (aggregated terms with counts: the administrator
 * sees words, not whose lists they come from).
 */
import { and, eq, isNotNull, like } from "drizzle-orm";
import { engineKind, rawAll, type Db } from "#db/client";
import { productSynonyms, users } from "#db/schema";
import { authorize, type Actor } from "~/auth/permissions.server";
import { recordEvent } from "../activity-log/activity-log.server";
import { Invalid, NotFound } from "../errors";
import { matchGoods, normaliseTerm } from "../risk/goods-matching";
import { loadReferenceData } from "./reference-data.server";
import { firstRow } from "#db/client";

export async function listSynonyms(db: Db, actor: Actor, q = "") {
  authorize(actor, "reference.manage");
  const term = normaliseTerm(q);
  return await db
      .select({ id: productSynonyms.id, term: productSynonyms.term, good: productSynonyms.good, addedBy: users.name, createdBy: productSynonyms.createdBy })
      .from(productSynonyms)
      .leftJoin(users, eq(users.id, productSynonyms.createdBy))
      .where(term ? like(productSynonyms.term, `%${term}%`) : undefined)
      .orderBy(productSynonyms.term, productSynonyms.good)
      .limit(500);
}

/** The goods a synonym may point to: those of the active TVPRA edition. */
export async function tvpraGoods(db: Db): Promise<string[]> {
  const goods = new Set<string>();
  for (const list of (await loadReferenceData(db)).goodsByCountry.values()) for (const g of list) goods.add(g.good);
  return [...goods].sort((a, b) => a.localeCompare(b));
}

export async function addSynonym(db: Db, actor: Actor, input: { term: string; good: string; ip?: string | null }) {
  authorize(actor, "reference.manage");
  const term = normaliseTerm(input.term);
  if (!term) throw new Invalid("term", "admin:reference.errors.term");
  if (term.length > 80) throw new Invalid("term", "admin:reference.errors.termTooLong", { max: 80 });
  if (!(await tvpraGoods(db)).includes(input.good)) throw new Invalid("good", "admin:reference.errors.good");
  const existing = firstRow(await db.select({ id: productSynonyms.id }).from(productSynonyms).where(and(eq(productSynonyms.term, term), eq(productSynonyms.good, input.good))));
  if (existing) throw new Invalid("term", "admin:reference.errors.synonymExists", { term, good: input.good });
  await db.insert(productSynonyms).values({ term, good: input.good, createdBy: actor.user.id });
  await recordEvent(db, { action: "reference.synonym_added", actorUserId: actor.user.id, targetType: "product_synonym", targetId: term, ip: input.ip, details: { term, good: input.good } });
}

/** Only synonyms an administrator added can be removed; the shipped table is reference data. */
export async function removeSynonym(db: Db, actor: Actor, id: number, ip?: string | null) {
  authorize(actor, "reference.manage");
  const row = firstRow(await db.select().from(productSynonyms).where(and(eq(productSynonyms.id, id), isNotNull(productSynonyms.createdBy))));
  if (!row) throw new NotFound();
  await db.delete(productSynonyms).where(eq(productSynonyms.id, id));
  await recordEvent(db, { action: "reference.synonym_removed", actorUserId: actor.user.id, targetType: "product_synonym", targetId: row.term, ip, details: { term: row.term, good: row.good } });
}

/** Distinct product terms on all lists that match no good, most frequent first. */
export async function unmatchedProducts(db: Db, actor: Actor, limit = 200) {
  authorize(actor, "reference.manage");
  // Each supplier's products column is a JSON array; the engines spell "its elements" differently
  // (SQLite's json_each, PostgreSQL's jsonb_array_elements_text over its jsonb column), and the
  // adapter translates json_each only for a list parameter, not over a column (ADR 022).
  const elements = engineKind(db) === "postgres" ? `cross join lateral jsonb_array_elements_text(s.products) as p(value)` : `, json_each(s.products) p`;
  const rows = await rawAll<{ product: string; suppliers: number }>(
    db,
    `select p.value as product, count(*) as suppliers from suppliers s ${elements} group by p.value order by suppliers desc, product limit 20000`,
  );
  const terms = (await loadReferenceData(db)).productTerms;
  const matches = matchGoods(rows.map((r) => r.product), terms);
  return rows.filter((_, i) => matches[i]!.goods.length === 0).slice(0, limit);
}
