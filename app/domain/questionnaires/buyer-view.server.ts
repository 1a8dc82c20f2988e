/**
 * The one scoped read of a supplier's questionnaire answers by a buyer (issue 20, item 4), as
 * sharedSupplierView() is for partners of a company: every buyer-facing read of answers, and the
 * answering of requests, goes through `visibleSubmission`. A buyer sees the latest SUBMITTED
 * response of the site its record is linked to, only while the supplier's share with that buyer is
 * active: a revoked share shows nothing at once, a share with another buyer shows this one
 * nothing, and a draft is never read here at all.
 */
import { and, asc, desc, eq, isNotNull, isNull } from "drizzle-orm";
import { firstRow, rawAll, type Db } from "#db/client";
import { questionnaireResponses, questionnaireShares } from "#db/schema";
import type { Actor } from "~/auth/permissions.server";
import { ownRecord } from "./access.server";
import { ANSWER_VALIDITY_DAYS, DAY_MS, SAQ_QUESTIONNAIRE } from "./constants";

export interface Submission {
  id: number;
  questionnaire: string;
  version: string;
  answers: Record<string, unknown>;
  submittedAt: number;
}

/** The site's latest submitted response to the questionnaire (never a draft), or null. */
export async function latestSubmission(db: Db, siteId: number, questionnaire = SAQ_QUESTIONNAIRE): Promise<Submission | null> {
  const row = firstRow(
    await db
      .select({ id: questionnaireResponses.id, questionnaire: questionnaireResponses.questionnaire, version: questionnaireResponses.version, answers: questionnaireResponses.answers, submittedAt: questionnaireResponses.submittedAt })
      .from(questionnaireResponses)
      .where(and(eq(questionnaireResponses.siteId, siteId), eq(questionnaireResponses.questionnaire, questionnaire), eq(questionnaireResponses.status, "submitted"), isNotNull(questionnaireResponses.submittedAt)))
      .orderBy(desc(questionnaireResponses.submittedAt), desc(questionnaireResponses.id))
      .limit(1),
  );
  // A submitted row always has its time (the submit path sets both); one without is not a submission
  // (and is left out above, so that PostgreSQL, which sorts nulls first when descending, cannot pick it).
  if (!row?.submittedAt) return null;
  return { ...row, answers: row.answers ?? {}, submittedAt: row.submittedAt.getTime() };
}

/** The site's active share with the buyer (the oldest, should several exist), or null. */
export async function activeShare(db: Db, siteId: number, buyerOrgId: number): Promise<{ id: number; since: number } | null> {
  const row = firstRow(
    await db
      .select({ id: questionnaireShares.id, since: questionnaireShares.createdAt })
      .from(questionnaireShares)
      .where(and(eq(questionnaireShares.siteId, siteId), eq(questionnaireShares.buyerOrgId, buyerOrgId), isNull(questionnaireShares.revokedAt)))
      .orderBy(asc(questionnaireShares.id))
      .limit(1),
  );
  return row ? { id: row.id, since: row.since.getTime() } : null;
}

/**
 * The buyers the site's evidence reaches now: each buyer organisation that lists the site and holds
 * an active share, with its (first) record of it. What a supplier records for its site is told to
 * these buyers and no other.
 */
export async function sharedBuyers(db: Db, siteId: number): Promise<{ buyerOrgId: number; supplierId: number }[]> {
  const buyers = await rawAll<{ buyerOrgId: number; supplierId: number }>(
    db,
    `select l.buyer_org_id as "buyerOrgId", min(l.supplier_id) as "supplierId" from supplier_site_links l where l.site_id = ? group by l.buyer_org_id order by l.buyer_org_id`,
    siteId,
  );
  const shared: { buyerOrgId: number; supplierId: number }[] = [];
  for (const b of buyers) if (await activeShare(db, siteId, Number(b.buyerOrgId))) shared.push({ buyerOrgId: Number(b.buyerOrgId), supplierId: Number(b.supplierId) });
  return shared;
}

/** Whether a submission is young enough to answer a new request (ANSWER_VALIDITY_DAYS). */
export const isCurrent = (submission: Pick<Submission, "submittedAt">, now: number) => now - submission.submittedAt < ANSWER_VALIDITY_DAYS * DAY_MS;

/** The last moment a submission answers new requests. */
export const validUntil = (submission: Pick<Submission, "submittedAt">) => submission.submittedAt + ANSWER_VALIDITY_DAYS * DAY_MS;

/**
 * What `buyerOrgId` may see of a site's answers: null without an active share (then nothing at
 * all, not even whether there are answers), else the share and the latest submission (or null).
 */
export async function visibleSubmission(db: Db, siteId: number, buyerOrgId: number, questionnaire = SAQ_QUESTIONNAIRE): Promise<{ share: { id: number; since: number }; submission: Submission | null } | null> {
  const share = await activeShare(db, siteId, buyerOrgId);
  if (!share) return null;
  return { share, submission: await latestSubmission(db, siteId, questionnaire) };
}

export type BuyerAnswers =
  | { state: "not_linked" }
  | { state: "not_shared" }
  | { state: "nothing_submitted"; sharedSince: number }
  | { state: "shared"; sharedSince: number; response: Submission; validUntil: number; current: boolean };

/**
 * The company's own supplier record → the site it is linked to → that site's latest submitted
 * answers, while shared with this company. Another company's record answers 404. The three states
 * without answers are told apart (constants.ts, BUYER_ANSWER_STATES) in an order that gives
 * nothing away: whether an unshared site has answered is not said.
 */
export async function answersForBuyer(db: Db, actor: Actor, supplierId: number, options: { now?: number } = {}): Promise<BuyerAnswers> {
  const now = options.now ?? Date.now();
  const record = await ownRecord(db, actor, "suppliers.view", supplierId);
  if (!record.link) return { state: "not_linked" };
  const visible = await visibleSubmission(db, record.link.siteId, record.buyerOrgId);
  if (!visible) return { state: "not_shared" };
  if (!visible.submission) return { state: "nothing_submitted", sharedSince: visible.share.since };
  return { state: "shared", sharedSince: visible.share.since, response: visible.submission, validUntil: validUntil(visible.submission), current: isCurrent(visible.submission, now) };
}
