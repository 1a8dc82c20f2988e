/**
 * A buyer asks the supplier of one of its records for the self-assessment by a date (issue 20,
 * item 4: answer once, share with many). A request is answered by a submission the supplier shares
 * with the buyer, younger than ANSWER_VALIDITY_DAYS: at once when such a submission exists when the
 * buyer asks, or later, when the supplier submits or shares (`answerOpenRequests`, called from the
 * share here and from the submit path). A young submission that is not shared with the buyer
 * leaves the request open: the supplier decides, and its list says that sharing would answer it.
 */
import { and, asc, desc, eq, isNull } from "drizzle-orm";
import { changedRows, firstRow, inTransaction, onlyRow, type Db } from "#db/client";
import { organisations, questionnaireRequests, supplierSiteLinks, supplierSites, users } from "#db/schema";
import type { Actor } from "~/auth/permissions.server";
import { Conflict, Invalid } from "../errors";
import { ownRecord, ownSite } from "./access.server";
import { activeShare, isCurrent, latestSubmission, visibleSubmission } from "./buyer-view.server";
import { SAQ_QUESTIONNAIRE, type RequestState } from "./constants";
import { recordForBoth } from "./log.server";
import { dueOnProblem } from "./requests.schemas";

const dayOf = (t: number) => new Date(t).toISOString().slice(0, 10);

/** A request is overdue once its due day has passed in UTC (as fee instalments are). */
const isOverdue = (dueOn: string, now: number) => dueOn < dayOf(now);

export interface WriteOptions {
  ip?: string | null;
  now?: number;
}

/**
 * Answers every open request of the site's buyers that a shared, young submission can answer now:
 * the request keeps the submission it was answered with and when. Called after a share is
 * created and after a submission (export for the submit path); safe to call at any time, and
 * inside another transaction (it becomes a savepoint). Returns how many requests it answered.
 */
export async function answerOpenRequests(db: Db, siteId: number, options: WriteOptions = {}): Promise<number> {
  const now = options.now ?? Date.now();
  return await inTransaction(db, async () => {
    const site = firstRow(await db.select({ id: supplierSites.id, orgId: supplierSites.orgId, name: supplierSites.name }).from(supplierSites).where(eq(supplierSites.id, siteId)));
    if (!site) return 0;
    const open = await db
      .select({ id: questionnaireRequests.id, buyerOrgId: questionnaireRequests.buyerOrgId, supplierId: questionnaireRequests.supplierId, questionnaire: questionnaireRequests.questionnaire, createdAt: questionnaireRequests.createdAt })
      .from(questionnaireRequests)
      .innerJoin(supplierSiteLinks, and(eq(supplierSiteLinks.supplierId, questionnaireRequests.supplierId), eq(supplierSiteLinks.buyerOrgId, questionnaireRequests.buyerOrgId)))
      .where(and(eq(supplierSiteLinks.siteId, site.id), isNull(questionnaireRequests.answeredAt)))
      .orderBy(asc(questionnaireRequests.id));
    let answered = 0;
    for (const request of open) {
      // Through the one scoped read: no active share with this buyer, no answer.
      const submission = (await visibleSubmission(db, site.id, request.buyerOrgId, request.questionnaire))?.submission;
      if (!submission || !isCurrent(submission, now)) continue;
      const changed = changedRows(await db.update(questionnaireRequests).set({ responseId: submission.id, answeredAt: new Date(now) }).where(and(eq(questionnaireRequests.id, request.id), isNull(questionnaireRequests.answeredAt))));
      if (!changed) continue;
      answered++;
      // "At once": the answers existed before the buyer asked, so the supplier was not asked again.
      const atOnce = submission.submittedAt <= request.createdAt.getTime();
      await recordForBoth(
        db,
        {
          action: "questionnaire.request_answered",
          actorUserId: null,
          acting: "platform",
          targetType: "questionnaire_request",
          targetId: request.id,
          ip: options.ip ?? null,
          supplier: { orgId: site.orgId, siteId: site.id, site: site.name, buyerOrgId: request.buyerOrgId },
          buyer: { orgId: request.buyerOrgId, supplierId: request.supplierId, supplierOrgId: site.orgId },
          details: { responseId: submission.id, submittedOn: dayOf(submission.submittedAt), atOnce },
        },
        now,
      );
    }
    return answered;
  });
}

export interface RequestOutcome {
  requestId: number;
  /** Answered at once from a shared submission younger than the validity period. */
  answered: boolean;
  /** Whether the record is claimed by a supplier (else the request waits for the claim). */
  linked: boolean;
}

/**
 * The buyer asks the supplier of its record `supplierId` for the questionnaire by `dueOn`. One open
 * request per record: a second is refused, naming the first one's due day.
 */
export async function requestQuestionnaire(db: Db, actor: Actor, supplierId: number, input: { dueOn: string }, options: WriteOptions = {}): Promise<RequestOutcome> {
  const now = options.now ?? Date.now();
  const record = await ownRecord(db, actor, "questionnaires.request", supplierId);
  const problem = dueOnProblem(input.dueOn, now);
  if (problem) throw new Invalid("dueOn", problem);
  const dueOn = input.dueOn.trim();
  return await inTransaction(db, async () => {
    const open = firstRow(
      await db
        .select({ id: questionnaireRequests.id, dueOn: questionnaireRequests.dueOn })
        .from(questionnaireRequests)
        .where(and(eq(questionnaireRequests.supplierId, record.id), eq(questionnaireRequests.buyerOrgId, record.buyerOrgId), eq(questionnaireRequests.questionnaire, SAQ_QUESTIONNAIRE), isNull(questionnaireRequests.answeredAt))),
    );
    if (open) throw new Conflict("dueOn", "suppliers:questionnaireRequest.errors.alreadyOpen", { day: open.dueOn });
    const requestId = onlyRow(
      await db
        .insert(questionnaireRequests)
        .values({ buyerOrgId: record.buyerOrgId, supplierId: record.id, questionnaire: SAQ_QUESTIONNAIRE, dueOn, createdBy: actor.user.id, createdAt: new Date(now) })
        .returning({ id: questionnaireRequests.id }),
    ).id;
    const link = record.link;
    await recordForBoth(
      db,
      {
        action: "questionnaire.requested",
        actorUserId: actor.user.id,
        acting: "buyer",
        targetType: "questionnaire_request",
        targetId: requestId,
        ip: options.ip ?? null,
        // An unclaimed record has no supplier organisation to tell yet: it sees the request once it claims the record.
        supplier: link ? { orgId: link.supplierOrgId, siteId: link.siteId, site: link.siteName, buyerOrgId: record.buyerOrgId } : null,
        buyer: { orgId: record.buyerOrgId, supplierId: record.id, supplierOrgId: link?.supplierOrgId ?? null },
        details: { dueOn },
      },
      now,
    );
    const answered = link ? await answerOpenRequests(db, link.siteId, { ip: options.ip ?? null, now }) : 0;
    return { requestId, answered: answered > 0, linked: link !== null };
  });
}

/**
 * The supplier's to-do for one of its sites: every buyer's request for it (records linked to the
 * site), open ones first by due day. `overdue` and `answerableByShare` are computed against `now`:
 * the latter says that the site has a young submission and this buyer has no share, so sharing
 * would answer the request without answering again.
 */
export async function requestsForSite(db: Db, actor: Actor, siteId: number, now = Date.now()) {
  const site = await ownSite(db, actor, "sites.view", siteId);
  const rows = await db
    .select({
      id: questionnaireRequests.id,
      buyerOrgId: questionnaireRequests.buyerOrgId,
      buyer: organisations.name,
      questionnaire: questionnaireRequests.questionnaire,
      dueOn: questionnaireRequests.dueOn,
      createdAt: questionnaireRequests.createdAt,
      answeredAt: questionnaireRequests.answeredAt,
      responseId: questionnaireRequests.responseId,
    })
    .from(questionnaireRequests)
    .innerJoin(supplierSiteLinks, and(eq(supplierSiteLinks.supplierId, questionnaireRequests.supplierId), eq(supplierSiteLinks.buyerOrgId, questionnaireRequests.buyerOrgId)))
    .innerJoin(organisations, eq(organisations.id, questionnaireRequests.buyerOrgId))
    .where(eq(supplierSiteLinks.siteId, site.id))
    .orderBy(asc(questionnaireRequests.dueOn), asc(questionnaireRequests.id));
  const young = new Map<string, boolean>();
  const shared = new Map<number, boolean>();
  const result = [];
  for (const r of rows) {
    const isOpen = r.answeredAt === null;
    if (isOpen && !young.has(r.questionnaire)) {
      const latest = await latestSubmission(db, site.id, r.questionnaire);
      young.set(r.questionnaire, latest !== null && isCurrent(latest, now));
    }
    if (isOpen && !shared.has(r.buyerOrgId)) shared.set(r.buyerOrgId, (await activeShare(db, site.id, r.buyerOrgId)) !== null);
    result.push({
      id: r.id,
      buyerOrgId: r.buyerOrgId,
      buyer: r.buyer,
      questionnaire: r.questionnaire,
      dueOn: r.dueOn,
      createdAt: r.createdAt.getTime(),
      answeredAt: r.answeredAt?.getTime() ?? null,
      responseId: r.responseId,
      state: (isOpen ? "open" : "answered") as RequestState,
      overdue: isOpen && isOverdue(r.dueOn, now),
      answerableByShare: isOpen && young.get(r.questionnaire) === true && shared.get(r.buyerOrgId) === false,
    });
  }
  // Open first (by due day), then the answered ones, latest answer first.
  return [...result.filter((r) => r.state === "open"), ...result.filter((r) => r.state !== "open").sort((a, b) => b.answeredAt! - a.answeredAt! || b.id - a.id)];
}

/**
 * The buyer's view of its requests for one of its records, newest first. An answered request whose
 * share the supplier revoked since reads "withdrawn": the buyer no longer sees the answers.
 */
export async function requestsOfSupplier(db: Db, actor: Actor, supplierId: number, now = Date.now()) {
  const record = await ownRecord(db, actor, "suppliers.view", supplierId);
  const rows = await db
    .select({ id: questionnaireRequests.id, questionnaire: questionnaireRequests.questionnaire, dueOn: questionnaireRequests.dueOn, createdAt: questionnaireRequests.createdAt, answeredAt: questionnaireRequests.answeredAt, by: users.name })
    .from(questionnaireRequests)
    .leftJoin(users, eq(users.id, questionnaireRequests.createdBy))
    .where(and(eq(questionnaireRequests.supplierId, record.id), eq(questionnaireRequests.buyerOrgId, record.buyerOrgId)))
    .orderBy(desc(questionnaireRequests.createdAt), desc(questionnaireRequests.id));
  const shareActive = record.link ? (await activeShare(db, record.link.siteId, record.buyerOrgId)) !== null : false;
  return {
    linked: record.link !== null,
    requests: rows.map((r) => {
      const state: RequestState = r.answeredAt === null ? "open" : shareActive ? "answered" : "withdrawn";
      return { id: r.id, questionnaire: r.questionnaire, dueOn: r.dueOn, createdAt: r.createdAt.getTime(), answeredAt: r.answeredAt?.getTime() ?? null, by: r.by, state, overdue: state === "open" && isOverdue(r.dueOn, now) };
    }),
  };
}
