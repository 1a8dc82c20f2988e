/**
 * Contests: a union challenges a shared supplier's score with a comment and optional evidence,
 * about the score as a whole or one line of its breakdown (`factor`). Two kinds (`kind`):
 * - "score": the data about this supplier is wrong; the company that owns the supplier answers.
 * - "method": the risk method is wrong; the platform administrator, who owns the method, answers.
 *   The company sees these read-only: they are about its supplier's score, which it must be able
 *   to explain, and the union's form says so before it sends one.
 * Each side sees only its own: the union its contests, the company the contests of its suppliers,
 * the platform administrator the method contests, without the supplier's name or data (operating
 * the platform does not need them, docs/permissions.md).
 */
import { and, desc, eq, inArray, type SQL } from "drizzle-orm";
import { rawGet, type Db } from "#db/client";
import { contests, organisations, suppliers, users, type ContestKind } from "#db/schema";
import { authorize, can, type Actor } from "~/auth/permissions.server";
import type { StoredEvidence } from "~/lib/evidence.server";
import { recordEvent } from "../activity-log/activity-log.server";
import { Forbidden, Invalid, NotFound } from "../errors";
import { readFactors } from "../risk/methodology-store.server";
import type { Factor } from "../risk/types";
import { sharedSupplierSummaries } from "../sharing/shared-suppliers.server";
import { requireSharedSupplier } from "../sharing/sharing.server";
import { firstRow, onlyRow } from "#db/client";
import { contestableFactors, factorText } from "./factors";

export const COMMENT_MAX = 5_000;

export type ContestStatus = "open" | "answered" | "closed";

/**
 * The comment or the answer, trimmed. The messages are catalog keys of `contests` (issue 18), read in
 * the reader's language by the action contract; the empty comment's stays the sentence the domain
 * tests name (tests/integration/sharing.test.ts) until those tests read keys.
 */
function text(value: string, field: "comment" | "response"): string {
  const trimmed = value.trim();
  if (!trimmed) throw new Invalid(field, field === "comment" ? "contests:validation.commentRequired" : "contests:validation.responseRequired");
  if (trimmed.length > COMMENT_MAX) throw new Invalid(field, `contests:validation.${field}TooLong`, { max: COMMENT_MAX, length: trimmed.length });
  return trimmed;
}

/** A stored score's breakdown and the methodology version it was computed with, or null. */
async function breakdown(db: Db, riskScoreId: number | null): Promise<{ factors: Factor[]; methodologyVersion: string } | null> {
  if (riskScoreId === null) return null;
  const row = await rawGet<{ factors: string; methodologyId: number; version: string }>(
    db,
    `select r.factors, r.methodology_id as methodologyId, m.version from risk_scores r join methodologies m on m.id = r.methodology_id where r.id = ?`,
    riskScoreId,
  );
  return row ? { factors: await readFactors(db, row.methodologyId, "supplier", row.factors), methodologyVersion: row.version } : null;
}

/**
 * The share under which the actor may contest this supplier's score, or 404/403. Routes call it
 * before reading an upload, so that a refused contest never writes its evidence to disk.
 */
export async function requireContestable(db: Db, actor: Actor, supplierId: number) {
  const share = await requireSharedSupplier(db, actor, supplierId);
  authorize(actor, "contests.raise", { orgId: actor.membership!.orgId });
  // No score shared, nothing to contest: the same 404 as a supplier that is not shared.
  if (!share.scope.includes("scores")) throw new NotFound();
  return share;
}

export async function raiseContest(db: Db, actor: Actor, supplierId: number, input: { comment: string; evidence: StoredEvidence | null; kind?: ContestKind; factor?: string | null; ip?: string | null }) {
  const share = await requireContestable(db, actor, supplierId);
  const orgId = actor.membership!.orgId;
  const kind = input.kind ?? "score";
  const comment = text(input.comment, "comment");
  const supplier = firstRow(await db.select({ riskScoreId: suppliers.riskScoreId }).from(suppliers).where(eq(suppliers.id, supplierId)))!;
  const factor = input.factor ?? null;
  if (factor !== null) {
    // Only a line of the breakdown the union is shown: the supplier's current score (scores scope checked above).
    const current = await breakdown(db, supplier.riskScoreId);
    if (!current) throw new Invalid("factor", "contests:validation.noScoreYet");
    if (!contestableFactors(current.factors).some((f) => f.code === factor)) throw new Invalid("factor", "contests:validation.unknownFactor");
  }
  const contest = onlyRow(await db
      .insert(contests)
      .values({
        orgId,
        supplierId,
        companyOrgId: share.fromOrgId,
        riskScoreId: supplier.riskScoreId,
        kind,
        factor,
        comment,
        evidenceName: input.evidence?.name ?? null,
        evidencePath: input.evidence?.path ?? null,
        evidenceSha256: input.evidence?.sha256 ?? null,
        evidenceSize: input.evidence?.size ?? null,
        createdBy: actor.user.id,
      })
      .returning());
  await recordEvent(db, { action: "contest.raised", actorUserId: actor.user.id, orgId, targetType: "contest", targetId: contest.id, ip: input.ip, details: { supplierId, companyOrgId: share.fromOrgId, kind, ...(factor ? { factor } : {}), evidenceSha256: contest.evidenceSha256 } });
  return contest;
}

const contestColumns = {
  id: contests.id,
  kind: contests.kind,
  factor: contests.factor,
  riskScoreId: contests.riskScoreId,
  supplierId: contests.supplierId,
  companyOrgId: contests.companyOrgId,
  orgName: organisations.name,
  comment: contests.comment,
  evidenceName: contests.evidenceName,
  evidenceSha256: contests.evidenceSha256,
  evidenceSize: contests.evidenceSize,
  status: contests.status,
  response: contests.response,
  respondedAt: contests.respondedAt,
  createdAt: contests.createdAt,
  createdByName: users.name,
};

/** Whose view a list is read for: it decides the supplier's name and how much of the factor is said. */
type Reader = { as: "company" } | { as: "union"; partnerOrgId: number } | { as: "platform" };

/** One contest as a page shows it: no raw keys, only what this reader may see. */
export interface ContestView {
  id: number;
  kind: ContestKind;
  supplierId: number;
  /** Null for the platform administrator, who does not see companies' supplier data. */
  supplierName: string | null;
  companyName: string | null;
  orgName: string;
  /** The contested line in words ("Withholding of wages: observed"), null for the score as a whole. */
  factorText: string | null;
  /** The methodology version of the contested score ("2"), when it had one. */
  methodologyVersion: string | null;
  comment: string;
  evidenceName: string | null;
  evidenceSha256: string | null;
  evidenceSize: number | null;
  status: ContestStatus;
  response: string | null;
  respondedAt: Date | null;
  createdAt: Date;
  createdByName: string | null;
  /**
   * For the union: whether the supplier is still shared with it. Once the company revokes or
   * narrows its share past this supplier, the union keeps its own contest (comment, evidence,
   * status, the company's answer) but nothing more of the supplier: no name, no line's state.
   * Always true for the company and the platform administrator.
   */
  shared: boolean;
}

async function readContests(db: Db, reader: Reader, where: SQL | undefined, limit = 500): Promise<ContestView[]> {
  const rows = await db
    .select(contestColumns)
    .from(contests)
    .innerJoin(organisations, eq(organisations.id, contests.orgId))
    .leftJoin(users, eq(users.id, contests.createdBy))
    .where(where)
    .orderBy(desc(contests.createdAt), desc(contests.id))
    .limit(limit);
  if (rows.length === 0) return [];
  const companyIds = [...new Set(rows.map((r) => r.companyOrgId))];
  const companies = new Map((await db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(inArray(organisations.id, companyIds))).map((o) => [o.id, o.name]));

  // The supplier's name as this reader may see it. A partner reads it through the scoped view: a
  // contest on a supplier no longer shared, or shared without its identity, says "Supplier <id>".
  const supplierIds = [...new Set(rows.map((r) => r.supplierId))];
  let names = new Map<number, string>();
  let partnerScope = new Map<number, string[]>();
  if (reader.as === "company") {
    names = new Map((await db.select({ id: suppliers.id, name: suppliers.name }).from(suppliers).where(inArray(suppliers.id, supplierIds))).map((s) => [s.id, s.name]));
  } else if (reader.as === "union") {
    const views = await sharedSupplierSummaries(db, reader.partnerOrgId, { ids: supplierIds, ordered: false });
    names = new Map(views.map((v) => [v.id, v.name]));
    partnerScope = new Map(views.map((v) => [v.id, v.scope]));
  }

  const scores = new Map<number, Awaited<ReturnType<typeof breakdown>>>();
  for (const id of new Set(rows.map((r) => r.riskScoreId).filter((id): id is number => id !== null))) scores.set(id, await breakdown(db, id));

  return rows.map((r) => {
    const score = r.riskScoreId === null ? null : (scores.get(r.riskScoreId) ?? null);
    const line = r.factor ? score?.factors.find((f) => f.code === r.factor) : undefined;
    // The company sees its own supplier's data; a partner the state only while its share includes
    // the indicators (as the breakdown it is shown); the platform administrator the line's name only.
    // A supplier no longer shared: the line's name only, as the administrator reads it.
    const shared = reader.as !== "union" || partnerScope.has(r.supplierId);
    const detail = reader.as === "company" || (reader.as === "union" && shared && (line?.layer !== "observed" || (partnerScope.get(r.supplierId) ?? []).includes("indicators"))) ? "state" : "label";
    return {
      id: r.id,
      kind: r.kind,
      supplierId: r.supplierId,
      supplierName: reader.as === "platform" ? null : (names.get(r.supplierId) ?? `Supplier ${r.supplierId}`),
      companyName: reader.as === "platform" ? null : (companies.get(r.companyOrgId) ?? null),
      orgName: r.orgName,
      factorText: r.factor ? (line ? factorText(line, detail) : "a line no longer in the score's breakdown") : null,
      methodologyVersion: score?.methodologyVersion ?? null,
      comment: r.comment,
      evidenceName: r.evidenceName,
      evidenceSha256: r.evidenceSha256,
      evidenceSize: r.evidenceSize,
      status: r.status,
      response: r.response,
      respondedAt: r.respondedAt,
      createdAt: r.createdAt,
      createdByName: r.createdByName,
      shared,
    };
  });
}

/** Contests of one supplier as the viewer may see them: the owner sees all, a partner its own. */
export async function contestsOfSupplier(db: Db, actor: Actor, supplierId: number) {
  const m = actor.membership;
  if (!m) return [];
  if (m.orgType === "company") return await readContests(db, { as: "company" }, and(eq(contests.supplierId, supplierId), eq(contests.companyOrgId, m.orgId)));
  return await readContests(db, { as: "union", partnerOrgId: m.orgId }, and(eq(contests.supplierId, supplierId), eq(contests.orgId, m.orgId)));
}

/** The company's inbox of contests on its suppliers (method contests too, read-only). */
export async function contestsForCompany(db: Db, actor: Actor, orgId: number, status?: ContestStatus) {
  authorize(actor, "suppliers.view", { orgId });
  return await readContests(db, { as: "company" }, and(eq(contests.companyOrgId, orgId), status ? eq(contests.status, status) : undefined));
}

/**
 * The contests this user deals with, newest first, optionally of one status: a company its
 * suppliers', a union its own ("My contests"), the platform administrator the method contests.
 * Counts by status are over the whole list, so the filter's links say how many each shows.
 */
export async function myContests(db: Db, actor: Actor, status?: ContestStatus) {
  const m = actor.membership;
  let reader: Reader;
  let scope: SQL;
  if (!m) {
    // Only the platform administrator has no organisation; anyone else is refused here.
    authorize(actor, "contests.method");
    reader = { as: "platform" };
    scope = eq(contests.kind, "method");
  } else if (m.orgType === "company") {
    authorize(actor, "suppliers.view", { orgId: m.orgId });
    reader = { as: "company" };
    scope = eq(contests.companyOrgId, m.orgId);
  } else {
    // A union's own contests. Only a union raises contests: other partners have no such list (403).
    authorize(actor, "shared.view", { orgId: m.orgId });
    if (m.orgType !== "union") throw new Forbidden();
    reader = { as: "union", partnerOrgId: m.orgId };
    scope = eq(contests.orgId, m.orgId);
  }
  const counts = { open: 0, answered: 0, closed: 0 };
  for (const row of await db.select({ status: contests.status }).from(contests).where(scope)) counts[row.status] += 1;
  const list = await readContests(db, reader, and(scope, status ? eq(contests.status, status) : undefined));
  return { as: reader.as, counts, total: counts.open + counts.answered + counts.closed, contests: list };
}

/**
 * One contest, for either side (the union's even once the supplier is no longer shared with it),
 * and for the platform administrator if it is a method contest; anyone else gets 404, exactly as for a contest that does not exist.
 */
export async function findContest(db: Db, actor: Actor, contestId: number) {
  const m = actor.membership;
  const contest = firstRow(await db.select().from(contests).where(eq(contests.id, contestId)));
  if (!contest) throw new NotFound();
  if (m && m.orgId === contest.companyOrgId) authorize(actor, "suppliers.view", { orgId: m.orgId });
  // The union's own record stays readable after the company revokes or narrows its share: what it
  // wrote and the answer it was sent are its own; readContests withholds the supplier's data.
  else if (m && m.orgId === contest.orgId) authorize(actor, "shared.view", { orgId: m.orgId });
  else if (!(contest.kind === "method" && can(actor, "contests.method"))) throw new NotFound();
  return contest;
}

/** One contest as `myContests` shows it, plus who may answer it. */
export async function contestDetail(db: Db, actor: Actor, contestId: number) {
  const contest = await findContest(db, actor, contestId);
  const m = actor.membership;
  const reader: Reader = m && m.orgId === contest.companyOrgId ? { as: "company" } : m && m.orgId === contest.orgId ? { as: "union", partnerOrgId: m.orgId } : { as: "platform" };
  const [view] = await readContests(db, reader, eq(contests.id, contest.id), 1);
  const canAnswer = contest.kind === "method" ? can(actor, "contests.method") : can(actor, "contests.answer", { orgId: contest.companyOrgId });
  return { contest: view!, as: reader.as, canAnswer };
}

export async function answerContest(db: Db, actor: Actor, contestId: number, input: { response: string; close: boolean; ip?: string | null }) {
  const contest = await findContest(db, actor, contestId);
  // A method contest is answered by the owner of the method only: the company sees it, may not answer it (403).
  if (contest.kind === "method") authorize(actor, "contests.method");
  else authorize(actor, "contests.answer", { orgId: contest.companyOrgId });
  const response = text(input.response, "response");
  const status = input.close ? "closed" : "answered";
  await db.update(contests).set({ response, status, respondedBy: actor.user.id, respondedAt: new Date() }).where(eq(contests.id, contestId));
  // The log of the organisation whose admins must see it: the company's for its suppliers, the union's for the method.
  await recordEvent(db, { action: "contest.answered", actorUserId: actor.user.id, orgId: contest.kind === "method" ? contest.orgId : contest.companyOrgId, targetType: "contest", targetId: contestId, ip: input.ip, details: { status, kind: contest.kind } });
}
