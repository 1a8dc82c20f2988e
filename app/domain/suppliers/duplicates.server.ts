/**
 * One identity per workplace (issue 20 item 6, decision 033): the review queue of a buyer's
 * probable duplicate supplier records, and the decisions on them (merge, keep apart, undo).
 *
 * Candidates come from three kinds of evidence, strongest first:
 * - the same identifier (OS ID, LEI, DUNS, GLN, VAT, registry number) after normalisation: two
 *   records naming the same registered workplace;
 * - both records linked to the same claimed site (the supplier claimed both: its own word that
 *   they are one workplace, and the only cross-buyer identity there is — another buyer's records
 *   are never read here);
 * - the same name_key (normalised name + country): weaker, two workplaces can share a name.
 *
 * Bounded at any size: each kind is grouped in SQL (only groups of two or more come back, at
 * most GROUP_LIMIT of them), and a large group yields pairs with its first record only, never
 * every pair (a group of 1,000 records with one name is 999 pairs, not half a million).
 * Measured at 100k suppliers in one organisation (SQLite, a throwaway script, 5 % duplicated):
 * the identifier grouping ~180 ms, the name grouping ~40 ms (see decision 033).
 *
 * Nothing here deletes or rewrites a record: a merge sets suppliers.merged_into_id on the other
 * record (every list, count and score skips it), an undo clears it and marks the decision undone.
 */
import { and, desc, eq, inArray, isNull, or } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { firstRow, inTransaction, onlyRow, rawAll, type Db } from "#db/client";
import { supplierDuplicateDecisions, supplierSiteLinks, suppliers, users } from "#db/schema";
import { authorize, can, type Actor } from "~/auth/permissions.server";
import { recordEvent } from "../activity-log/activity-log.server";
import { Conflict, Invalid, NotFound } from "../errors";
import { isIdentifierScheme, normaliseIdentifier } from "../supplier-portal/identifiers";

export type Evidence = { kind: "identifier"; scheme: string; value: string } | { kind: "site" } | { kind: "name" };

/** How much each kind of evidence weighs in the queue's order (an identifier or a claimed site names one workplace; a name may not). */
const WEIGHT: Record<Evidence["kind"], number> = { identifier: 10, site: 10, name: 1 };

/** At most this many groups of each kind are read: the queue is worked through, not read whole. */
const GROUP_LIMIT = 500;
/** A group of up to this many records yields every pair; a larger one only its first record's pairs. */
const ALL_PAIRS_UP_TO = 6;

export interface RecordBrief {
  id: number;
  externalId: string;
  name: string;
  country: string | null;
  sector: string | null;
  address: string | null;
  identifiers: Record<string, string>;
  riskBand: string | null;
  riskScore: number | null;
}

export interface CandidatePair {
  left: RecordBrief;
  right: RecordBrief;
  evidence: Evidence[];
}

const NAME_GROUPS_SQL = `select name_key, coalesce(json_group_array(id), '[]') as ids from suppliers
  where org_id = ? and merged_into_id is null and name_key is not null and name_key <> ''
  group by name_key having count(*) > 1 order by name_key limit ${GROUP_LIMIT}`;

const SITE_GROUPS_SQL = `select l.site_id, coalesce(json_group_array(s.id), '[]') as ids from supplier_site_links l
  join suppliers s on s.id = l.supplier_id
  where l.buyer_org_id = ? and s.org_id = ? and s.merged_into_id is null
  group by l.site_id having count(*) > 1 order by l.site_id limit ${GROUP_LIMIT}`;

const idsOf = (json: unknown): number[] => {
  const list = (typeof json === "string" ? JSON.parse(json) : json) as unknown[];
  return [...new Set(list.map(Number))].sort((a, b) => a - b);
};

/** The pairs a group yields (see ALL_PAIRS_UP_TO), each as [lower id, higher id]. */
function pairsOf(ids: number[]): [number, number][] {
  const out: [number, number][] = [];
  if (ids.length <= ALL_PAIRS_UP_TO) {
    for (let i = 0; i < ids.length; i++) for (let j = i + 1; j < ids.length; j++) out.push([ids[i]!, ids[j]!]);
  } else {
    for (let j = 1; j < ids.length; j++) out.push([ids[0]!, ids[j]!]);
  }
  return out;
}

const pairKey = (a: number, b: number) => (a < b ? `${a}:${b}` : `${b}:${a}`);
const strength = (evidence: Evidence[]) => evidence.reduce((sum, e) => sum + WEIGHT[e.kind], 0);

/**
 * Records sharing a normalised identifier, grouped here rather than in SQL: the identifiers are a
 * JSON object per record, and a GROUP BY over their entries sorts every entry (measured at 100k
 * records with three identifiers each: 7 s on SQLite), where one pass over the records into a map
 * takes a fraction of that. The normalisation is normaliseIdentifier's, the one the portal uses.
 */
async function identifierGroups(db: Db, orgId: number): Promise<{ scheme: string; value: string; ids: number[] }[]> {
  const byKey = new Map<string, number[]>();
  const rows = await db.select({ id: suppliers.id, identifiers: suppliers.identifiers }).from(suppliers).where(and(eq(suppliers.orgId, orgId), isNull(suppliers.mergedIntoId)));
  for (const row of rows) {
    for (const [key, raw] of Object.entries(row.identifiers ?? {})) {
      const scheme = key.trim().toLowerCase().replace(/[\s-]/g, "_");
      if (!isIdentifierScheme(scheme) || typeof raw !== "string") continue;
      const value = normaliseIdentifier(scheme, raw);
      if (!value) continue;
      const k = `${scheme}\u0000${value}`;
      const ids = byKey.get(k);
      if (ids) ids.push(row.id);
      else byKey.set(k, [row.id]);
    }
  }
  const groups: { scheme: string; value: string; ids: number[] }[] = [];
  for (const [k, ids] of byKey) {
    if (ids.length < 2) continue;
    const [scheme, value] = k.split("\u0000") as [string, string];
    groups.push({ scheme, value, ids: [...new Set(ids)].sort((x, y) => x - y) });
  }
  return groups.sort((x, y) => (x.scheme + x.value < y.scheme + y.value ? -1 : 1)).slice(0, GROUP_LIMIT);
}

/** Every candidate pair's evidence, before the kept-apart pairs are taken out. */
async function candidateEvidence(db: Db, orgId: number): Promise<Map<string, Evidence[]>> {
  const byPair = new Map<string, Evidence[]>();
  const add = (ids: number[], evidence: Evidence) => {
    for (const [a, b] of pairsOf(ids)) {
      const key = pairKey(a, b);
      const list = byPair.get(key) ?? [];
      list.push(evidence);
      byPair.set(key, list);
    }
  };
  for (const g of await identifierGroups(db, orgId)) add(g.ids, { kind: "identifier", scheme: g.scheme, value: g.value });
  for (const g of await rawAll<{ ids: unknown }>(db, SITE_GROUPS_SQL, orgId, orgId)) add(idsOf(g.ids), { kind: "site" });
  for (const g of await rawAll<{ ids: unknown }>(db, NAME_GROUPS_SQL, orgId)) add(idsOf(g.ids), { kind: "name" });
  return byPair;
}

/*
 * The candidates are remembered per organisation until its records may have changed: the
 * review page is read again after every decision and every visit, and reading them costs about 1.5 s at 100k records.
 * "Changed" is read in one cheap statement: a new record (the table's highest id), an import
 * committed, a claimed-site link, a decision or an undo (each moves the count), an identity
 * correction. Remembered in this process only; another process's change moves the same version.
 */
const remembered = new WeakMap<object, Map<number, { version: string; byPair: Map<string, Evidence[]> }>>();

async function evidenceVersion(db: Db, orgId: number): Promise<string> {
  const row = await rawAll<Record<string, unknown>>(
    db,
    `select (select max(id) from suppliers) as a, (select max(committed_at) from imports where org_id = ?) as b,
            (select count(*) from supplier_site_links where buyer_org_id = ?) as c,
            (select count(*) + count(undone_at) from supplier_duplicate_decisions where org_id = ?) as d,
            (select max(id) from site_identity_changes) as e`,
    orgId,
    orgId,
    orgId,
  );
  return JSON.stringify(row[0] ?? {});
}

async function rememberedEvidence(db: Db, orgId: number): Promise<Map<string, Evidence[]>> {
  const version = await evidenceVersion(db, orgId);
  let byOrg = remembered.get(db);
  if (!byOrg) remembered.set(db, (byOrg = new Map()));
  const cached = byOrg.get(orgId);
  if (cached && cached.version === version) return cached.byPair;
  const byPair = await candidateEvidence(db, orgId);
  if (byOrg.size > 100) byOrg.clear();
  byOrg.set(orgId, { version, byPair });
  return byPair;
}

/** The pairs the organisation decided to keep apart (and has not undone). A person's decisions: few, read whole. */
async function keptApartKeys(db: Db, orgId: number): Promise<Set<string>> {
  const rows = await db
    .select({ a: supplierDuplicateDecisions.keptId, b: supplierDuplicateDecisions.otherId })
    .from(supplierDuplicateDecisions)
    .where(and(eq(supplierDuplicateDecisions.orgId, orgId), eq(supplierDuplicateDecisions.decision, "kept_apart"), isNull(supplierDuplicateDecisions.undoneAt)));
  return new Set(rows.map((r) => pairKey(r.a, r.b)));
}

const briefColumns = {
  id: suppliers.id,
  externalId: suppliers.externalId,
  name: suppliers.name,
  country: suppliers.country,
  sector: suppliers.sector,
  address: suppliers.address,
  identifiers: suppliers.identifiers,
  riskBand: suppliers.riskBand,
  riskScore: suppliers.riskScore,
};

/**
 * The queue: candidate pairs among the organisation's records that are not merged, strongest
 * evidence first, without the pairs kept apart. `total` is the number of pairs found (within the
 * bounds above), `pairs` the first `limit` of them.
 */
export async function duplicateCandidates(db: Db, actor: Actor, orgId: number, limit = 50): Promise<{ total: number; pairs: CandidatePair[] }> {
  authorize(actor, "suppliers.view", { orgId });
  const [byPair, keptApart] = [await rememberedEvidence(db, orgId), await keptApartKeys(db, orgId)];
  const ranked = [...byPair.entries()]
    .filter(([key]) => !keptApart.has(key))
    .map(([key, evidence]) => ({ ids: key.split(":").map(Number) as [number, number], evidence }))
    .sort((x, y) => strength(y.evidence) - strength(x.evidence) || x.ids[0] - y.ids[0] || x.ids[1] - y.ids[1]);
  const shown = ranked.slice(0, limit);
  const ids = [...new Set(shown.flatMap((p) => p.ids))];
  const briefs = new Map<number, RecordBrief>();
  if (ids.length) {
    for (const r of await db.select(briefColumns).from(suppliers).where(and(eq(suppliers.orgId, orgId), inArray(suppliers.id, ids)))) briefs.set(r.id, r);
  }
  const pairs = shown.flatMap((p) => {
    const left = briefs.get(p.ids[0]);
    const right = briefs.get(p.ids[1]);
    return left && right ? [{ left, right, evidence: p.evidence }] : [];
  });
  return { total: ranked.length, pairs };
}

type Row = typeof suppliers.$inferSelect;

/** Both records, the organisation's own: another organisation's id answers 404 like a missing one. */
async function pairOf(db: Db, orgId: number, a: number, b: number): Promise<[Row, Row]> {
  const rows = await db.select().from(suppliers).where(and(eq(suppliers.orgId, orgId), inArray(suppliers.id, [a, b])));
  const first = rows.find((r) => r.id === a);
  const second = rows.find((r) => r.id === b);
  if (!first || !second) throw new NotFound();
  return [first, second];
}

/** What matches between two records now: stored with a decision, so the history shows why it was taken. */
async function evidenceBetween(db: Db, a: Row, b: Row): Promise<Evidence[]> {
  const out: Evidence[] = [];
  const normalised = (record: Record<string, string>) => {
    const map = new Map<string, string>();
    for (const [key, raw] of Object.entries(record ?? {})) {
      const scheme = key.trim().toLowerCase().replace(/[\s-]/g, "_");
      if (isIdentifierScheme(scheme) && typeof raw === "string" && raw.trim()) map.set(scheme, normaliseIdentifier(scheme, raw));
    }
    return map;
  };
  const other = normalised(b.identifiers);
  for (const [scheme, value] of normalised(a.identifiers)) if (other.get(scheme) === value) out.push({ kind: "identifier", scheme, value });
  const links = await db.select({ supplierId: supplierSiteLinks.supplierId, siteId: supplierSiteLinks.siteId }).from(supplierSiteLinks).where(inArray(supplierSiteLinks.supplierId, [a.id, b.id]));
  const siteA = links.find((l) => l.supplierId === a.id)?.siteId;
  if (siteA !== undefined && siteA === links.find((l) => l.supplierId === b.id)?.siteId) out.push({ kind: "site" });
  if (a.nameKey && a.nameKey === b.nameKey) out.push({ kind: "name" });
  return out;
}

export interface MergeInput {
  keptId: number;
  otherId: number;
  note?: string;
}

/**
 * Folds `otherId` into `keptId`: the other record stays as it is, with merged_into_id set, so every
 * list, count, export and score skips it and the merge can be undone. Refused: a record into
 * itself (400), a record already merged or into a merged record (409: merged_into_id always names
 * a record that is not merged, so there are no chains to follow), and a record that others were
 * merged into (409: merge the pair the other way round, or split those first; re-pointing them
 * silently would make their undo restore the wrong record).
 */
export async function mergeSuppliers(db: Db, actor: Actor, orgId: number, input: MergeInput, ip: string | null = null, now = Date.now()) {
  authorize(actor, "suppliers.merge", { orgId });
  return inTransaction(db, async () => {
    const [kept, other] = await pairOf(db, orgId, input.keptId, input.otherId);
    if (kept.id === other.id) throw new Invalid("form", "suppliers:duplicates.review.errors.self");
    if (other.mergedIntoId !== null) throw new Conflict("form", "suppliers:duplicates.review.errors.alreadyMerged", { name: other.name });
    if (kept.mergedIntoId !== null) throw new Conflict("form", "suppliers:duplicates.review.errors.intoMerged", { name: kept.name });
    const carried = await db.select({ id: suppliers.id }).from(suppliers).where(and(eq(suppliers.orgId, orgId), eq(suppliers.mergedIntoId, other.id)));
    if (carried.length) throw new Conflict("form", "suppliers:duplicates.review.errors.hasMerged", { name: other.name, count: carried.length });
    const evidence = await evidenceBetween(db, kept, other);
    await db.update(suppliers).set({ mergedIntoId: kept.id }).where(and(eq(suppliers.id, other.id), eq(suppliers.orgId, orgId), isNull(suppliers.mergedIntoId)));
    const decision = onlyRow(
      await db
        .insert(supplierDuplicateDecisions)
        .values({ orgId, keptId: kept.id, otherId: other.id, decision: "merged", evidence, note: input.note?.trim() || null, decidedBy: actor.user.id, createdAt: new Date(now) })
        .returning({ id: supplierDuplicateDecisions.id }),
    );
    await recordEvent(db, { action: "supplier.merged", actorUserId: actor.user.id, orgId, targetType: "supplier", targetId: kept.id, ip, details: { supplierId: kept.id, otherId: other.id, decisionId: decision.id } }, now);
    return { decisionId: decision.id, kept: { id: kept.id, name: kept.name }, other: { id: other.id, name: other.name } };
  });
}

export interface KeepApartInput {
  leftId: number;
  rightId: number;
  note?: string;
}

/** Records that the two records are different workplaces: the pair leaves the queue until the decision is undone. */
export async function keepApart(db: Db, actor: Actor, orgId: number, input: KeepApartInput, ip: string | null = null, now = Date.now()) {
  authorize(actor, "suppliers.merge", { orgId });
  return inTransaction(db, async () => {
    const [a, b] = await pairOf(db, orgId, Math.min(input.leftId, input.rightId), Math.max(input.leftId, input.rightId));
    if (a.id === b.id) throw new Invalid("form", "suppliers:duplicates.review.errors.self");
    if (a.mergedIntoId !== null || b.mergedIntoId !== null) throw new Conflict("form", "suppliers:duplicates.review.errors.alreadyMerged", { name: (a.mergedIntoId !== null ? a : b).name });
    const existing = firstRow(
      await db
        .select({ id: supplierDuplicateDecisions.id })
        .from(supplierDuplicateDecisions)
        .where(and(eq(supplierDuplicateDecisions.orgId, orgId), eq(supplierDuplicateDecisions.decision, "kept_apart"), isNull(supplierDuplicateDecisions.undoneAt), eq(supplierDuplicateDecisions.keptId, a.id), eq(supplierDuplicateDecisions.otherId, b.id))),
    );
    if (existing) throw new Conflict("form", "suppliers:duplicates.review.errors.alreadyApart");
    const evidence = await evidenceBetween(db, a, b);
    const decision = onlyRow(
      await db
        .insert(supplierDuplicateDecisions)
        .values({ orgId, keptId: a.id, otherId: b.id, decision: "kept_apart", evidence, note: input.note?.trim() || null, decidedBy: actor.user.id, createdAt: new Date(now) })
        .returning({ id: supplierDuplicateDecisions.id }),
    );
    await recordEvent(db, { action: "supplier.kept_apart", actorUserId: actor.user.id, orgId, targetType: "supplier", targetId: a.id, ip, details: { supplierId: a.id, otherId: b.id, decisionId: decision.id } }, now);
    return { decisionId: decision.id };
  });
}

/**
 * Undoes a decision, with the reason why (kept in the history): a merge is split (the other record
 * is back in every list and count; its next scoring run scores it again), a kept-apart pair
 * returns to the queue. The decision row stays, marked undone: the history keeps both.
 */
export async function undoDuplicateDecision(db: Db, actor: Actor, orgId: number, input: { decisionId: number; reason: string }, ip: string | null = null, now = Date.now()) {
  authorize(actor, "suppliers.merge", { orgId });
  const reason = input.reason.trim();
  if (!reason) throw new Invalid("reason", "suppliers:duplicates.review.errors.reason");
  return inTransaction(db, async () => {
    const decision = firstRow(await db.select().from(supplierDuplicateDecisions).where(and(eq(supplierDuplicateDecisions.id, input.decisionId), eq(supplierDuplicateDecisions.orgId, orgId))));
    if (!decision) throw new NotFound();
    if (decision.undoneAt !== null) throw new Conflict("form", "suppliers:duplicates.review.errors.alreadyUndone");
    if (decision.decision === "merged") {
      await db.update(suppliers).set({ mergedIntoId: null }).where(and(eq(suppliers.id, decision.otherId), eq(suppliers.orgId, orgId), eq(suppliers.mergedIntoId, decision.keptId)));
    }
    await db
      .update(supplierDuplicateDecisions)
      .set({ undoneAt: new Date(now), undoneBy: actor.user.id, undoReason: reason })
      .where(and(eq(supplierDuplicateDecisions.id, decision.id), isNull(supplierDuplicateDecisions.undoneAt)));
    await recordEvent(
      db,
      {
        action: decision.decision === "merged" ? "supplier.merge_undone" : "supplier.kept_apart_undone",
        actorUserId: actor.user.id,
        orgId,
        targetType: "supplier",
        targetId: decision.keptId,
        ip,
        details: { supplierId: decision.keptId, otherId: decision.otherId, decisionId: decision.id },
      },
      now,
    );
    return { decision: decision.decision, keptId: decision.keptId, otherId: decision.otherId };
  });
}

export interface DecisionEntry {
  id: number;
  decision: "merged" | "kept_apart";
  kept: { id: number; name: string; externalId: string };
  other: { id: number; name: string; externalId: string };
  evidence: Evidence[];
  note: string | null;
  decidedBy: string | null;
  createdAt: number;
  undoneAt: number | null;
  undoneBy: string | null;
  undoReason: string | null;
}

/** The organisation's decisions, newest first; with `supplierId`, those naming that record. */
export async function duplicateHistory(db: Db, actor: Actor, orgId: number, options: { supplierId?: number; limit?: number } = {}): Promise<DecisionEntry[]> {
  authorize(actor, "suppliers.view", { orgId });
  const kept = alias(suppliers, "kept");
  const other = alias(suppliers, "other");
  const decider = alias(users, "decider");
  const undoer = alias(users, "undoer");
  const d = supplierDuplicateDecisions;
  const where = [eq(d.orgId, orgId)];
  if (options.supplierId !== undefined) where.push(or(eq(d.keptId, options.supplierId), eq(d.otherId, options.supplierId))!);
  const rows = await db
    .select({
      id: d.id,
      decision: d.decision,
      keptId: kept.id,
      keptName: kept.name,
      keptExternalId: kept.externalId,
      otherId: other.id,
      otherName: other.name,
      otherExternalId: other.externalId,
      evidence: d.evidence,
      note: d.note,
      decidedBy: decider.name,
      createdAt: d.createdAt,
      undoneAt: d.undoneAt,
      undoneBy: undoer.name,
      undoReason: d.undoReason,
    })
    .from(d)
    .innerJoin(kept, and(eq(kept.id, d.keptId), eq(kept.orgId, orgId)))
    .innerJoin(other, and(eq(other.id, d.otherId), eq(other.orgId, orgId)))
    .leftJoin(decider, eq(decider.id, d.decidedBy))
    .leftJoin(undoer, eq(undoer.id, d.undoneBy))
    .where(and(...where))
    .orderBy(desc(d.createdAt), desc(d.id))
    .limit(options.limit ?? 100);
  return rows.map((r) => ({
    id: r.id,
    decision: r.decision,
    kept: { id: r.keptId, name: r.keptName, externalId: r.keptExternalId },
    other: { id: r.otherId, name: r.otherName, externalId: r.otherExternalId },
    evidence: (r.evidence ?? []) as Evidence[],
    note: r.note,
    decidedBy: r.decidedBy,
    createdAt: r.createdAt.getTime(),
    undoneAt: r.undoneAt?.getTime() ?? null,
    undoneBy: r.undoneBy,
    undoReason: r.undoReason,
  }));
}

/**
 * What the supplier page shows about merges: the record this one was merged into (with the
 * decision, for the undo link), and the records merged into this one.
 */
export async function mergeStatus(db: Db, actor: Actor, orgId: number, supplierId: number) {
  authorize(actor, "suppliers.view", { orgId });
  const self = firstRow(await db.select({ mergedIntoId: suppliers.mergedIntoId }).from(suppliers).where(and(eq(suppliers.id, supplierId), eq(suppliers.orgId, orgId))));
  if (!self) throw new NotFound();
  let mergedInto: { id: number; name: string; decisionId: number | null } | null = null;
  if (self.mergedIntoId !== null) {
    const target = firstRow(await db.select({ id: suppliers.id, name: suppliers.name }).from(suppliers).where(and(eq(suppliers.id, self.mergedIntoId), eq(suppliers.orgId, orgId))));
    const decision = firstRow(
      await db
        .select({ decisionId: supplierDuplicateDecisions.id })
        .from(supplierDuplicateDecisions)
        .where(and(eq(supplierDuplicateDecisions.orgId, orgId), eq(supplierDuplicateDecisions.decision, "merged"), isNull(supplierDuplicateDecisions.undoneAt), eq(supplierDuplicateDecisions.otherId, supplierId), eq(supplierDuplicateDecisions.keptId, self.mergedIntoId)))
        .orderBy(desc(supplierDuplicateDecisions.id)),
    );
    if (target) mergedInto = { ...target, decisionId: decision?.decisionId ?? null };
  }
  const merged = await db
    .select({ id: suppliers.id, name: suppliers.name, externalId: suppliers.externalId })
    .from(suppliers)
    .where(and(eq(suppliers.orgId, orgId), eq(suppliers.mergedIntoId, supplierId)))
    .orderBy(suppliers.name, suppliers.id)
    .limit(200);
  return { mergedInto, merged, canMerge: can(actor, "suppliers.merge", { orgId }) };
}

