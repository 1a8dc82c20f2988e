/**
 * Contests: a union challenges a shared supplier's score with a comment and optional evidence;
 * the company that owns the supplier answers. Each side sees only its own: the union its
 * contests, the company the contests of its suppliers.
 */
import { and, desc, eq } from "drizzle-orm";
import type { Db } from "#db/client";
import { contests, organisations, suppliers, users } from "#db/schema";
import { authorize, type Actor } from "~/auth/permissions.server";
import type { StoredEvidence } from "~/lib/evidence.server";
import { recordEvent } from "../activity-log/activity-log.server";
import { Invalid, NotFound } from "../errors";
import { requireSharedSupplier } from "../sharing/sharing.server";
import { firstRow } from "#db/client";
import { onlyRow } from "#db/client";

export const COMMENT_MAX = 5_000;

function text(value: string, field: string, what: string): string {
  const trimmed = value.trim();
  if (!trimmed) throw new Invalid(field, `Write ${what}.`);
  if (trimmed.length > COMMENT_MAX) throw new Invalid(field, `${what[0]!.toUpperCase()}${what.slice(1)} may be up to ${COMMENT_MAX.toLocaleString("en-GB")} characters (this one has ${trimmed.length.toLocaleString("en-GB")}).`);
  return trimmed;
}

/**
 * The share under which the actor may contest this supplier's score, or 404/403. Routes call it
 * before reading an upload, so that a refused contest never writes its evidence to disk.
 */
export async function requireContestable(db: Db, actor: Actor, supplierId: number) {
  const share = await requireSharedSupplier(db, actor, supplierId);
  authorize(actor, "contests.raise", { orgId: actor.membership!.orgId });
  if (!share.scope.includes("scores")) throw new NotFound();
  return share;
}

export async function raiseContest(db: Db, actor: Actor, supplierId: number, input: { comment: string; evidence: StoredEvidence | null; ip?: string | null }) {
  const share = await requireContestable(db, actor, supplierId);
  const orgId = actor.membership!.orgId;
  const comment = text(input.comment, "comment", "what you contest and why");
  const supplier = firstRow(await db.select({ riskScoreId: suppliers.riskScoreId }).from(suppliers).where(eq(suppliers.id, supplierId)))!;
  const contest = onlyRow(await db
      .insert(contests)
      .values({
        orgId,
        supplierId,
        companyOrgId: share.fromOrgId,
        riskScoreId: supplier.riskScoreId,
        comment,
        evidenceName: input.evidence?.name ?? null,
        evidencePath: input.evidence?.path ?? null,
        evidenceSha256: input.evidence?.sha256 ?? null,
        evidenceSize: input.evidence?.size ?? null,
        createdBy: actor.user.id,
      })
      .returning());
  await recordEvent(db, { action: "contest.raised", actorUserId: actor.user.id, orgId, targetType: "contest", targetId: contest.id, ip: input.ip, details: { supplierId, companyOrgId: share.fromOrgId, evidenceSha256: contest.evidenceSha256 } });
  return contest;
}

const contestColumns = {
  id: contests.id,
  supplierId: contests.supplierId,
  supplierName: suppliers.name,
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

const selectContests = (db: Db) =>
  db
    .select(contestColumns)
    .from(contests)
    .innerJoin(suppliers, eq(suppliers.id, contests.supplierId))
    .innerJoin(organisations, eq(organisations.id, contests.orgId))
    .leftJoin(users, eq(users.id, contests.createdBy));

/** Contests of one supplier as the viewer may see them: the owner sees all, a partner its own. */
export async function contestsOfSupplier(db: Db, actor: Actor, supplierId: number) {
  const m = actor.membership;
  if (!m) return [];
  const scope = m.orgType === "company" ? eq(contests.companyOrgId, m.orgId) : eq(contests.orgId, m.orgId);
  return await selectContests(db)
      .where(and(eq(contests.supplierId, supplierId), scope))
      .orderBy(desc(contests.createdAt), desc(contests.id));
}

/** The company's inbox of contests on its suppliers. */
export async function contestsForCompany(db: Db, actor: Actor, orgId: number) {
  authorize(actor, "suppliers.view", { orgId });
  return await selectContests(db)
      .where(eq(contests.companyOrgId, orgId))
      .orderBy(desc(contests.createdAt), desc(contests.id))
      .limit(500);
}

/** One contest, for either side; anyone else gets 404. */
export async function findContest(db: Db, actor: Actor, contestId: number) {
  const m = actor.membership;
  const contest = firstRow(await db.select().from(contests).where(eq(contests.id, contestId)));
  if (!contest || !m || (m.orgId !== contest.companyOrgId && m.orgId !== contest.orgId)) throw new NotFound();
  if (m.orgId === contest.companyOrgId) authorize(actor, "suppliers.view", { orgId: m.orgId });
  else await requireSharedSupplier(db, actor, contest.supplierId);
  return contest;
}

export async function answerContest(db: Db, actor: Actor, contestId: number, input: { response: string; close: boolean; ip?: string | null }) {
  const contest = await findContest(db, actor, contestId);
  authorize(actor, "contests.answer", { orgId: contest.companyOrgId });
  const response = text(input.response, "response", "your answer");
  const status = input.close ? "closed" : "answered";
  await db.update(contests).set({ response, status, respondedBy: actor.user.id, respondedAt: new Date() }).where(eq(contests.id, contestId));
  await recordEvent(db, { action: "contest.answered", actorUserId: actor.user.id, orgId: contest.companyOrgId, targetType: "contest", targetId: contestId, ip: input.ip, details: { status } });
}
