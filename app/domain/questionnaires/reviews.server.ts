/**
 * The buyer's review of a supplier's shared answers, and the supplier's reply (issue 20, item 2:
 * "the buyer reviews and may ask for clarification"). A review is always of the submission the
 * buyer sees now through the one scoped read (buyer-view.server.ts, visibleSubmission): without an
 * active share there is nothing to review, and another company's record, a missing one and an
 * unshared one all answer 404 alike. The supplier reads the reviews of its own sites' submissions
 * and replies to clarifications; every review and reply goes to both organisations' logs.
 */
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { changedRows, firstRow, inTransaction, onlyRow, type Db } from "#db/client";
import { organisations, questionnaireFiles, questionnaireResponses, questionnaireReviews, recruiters, supplierRecruiters, supplierSites, users } from "#db/schema";
import type { Actor } from "~/auth/permissions.server";
import { recordEvent } from "../activity-log/activity-log.server";
import { Conflict, Invalid, NotFound } from "../errors";
import { derivedExternalId, nameKey } from "../import/dedupe";
import { scoreOrganisation } from "../risk/scoring.server";
import { ownRecord, ownSite, recordOfBuyer } from "./access.server";
import { answersForBuyer, visibleSubmission, type Submission } from "./buyer-view.server";
import { readAnswers } from "./engine";
import { recordForBoth } from "./log.server";
import { loadQuestionnaire } from "./registry.server";
import { REVIEW_MESSAGE_MAX } from "./reviews.schemas";
import { requestsOfSupplier, type WriteOptions } from "./requests.server";

export const isId = (id: number) => Number.isSafeInteger(id) && id > 0;

/**
 * The buyer's record, its site and the submission it sees now, after `action` is allowed; 404
 * when there is none to see (not linked, not shared, nothing submitted), as for a missing record:
 * a buyer learns nothing through a review or download it could not read on the answers page.
 */
async function sharedSubmission(db: Db, actor: Actor, action: "questionnaires.review" | "suppliers.view", supplierId: number) {
  const record = await ownRecord(db, actor, action, supplierId);
  if (!record.link) throw new NotFound();
  const visible = await visibleSubmission(db, record.link.siteId, record.buyerOrgId);
  if (!visible?.submission) throw new NotFound();
  return { record, link: record.link, submission: visible.submission };
}

/** The questions shown for a submission's answers (those a clarification may be about). */
export function questionsOf(submission: Pick<Submission, "questionnaire" | "version" | "answers">): string[] {
  const read = readAnswers(loadQuestionnaire(submission.questionnaire, submission.version), submission.answers);
  return read.sections.flatMap((s) => s.questions.map((q) => q.id));
}

export type ReviewInput = { outcome: "accepted"; responseId: number } | { outcome: "clarification"; responseId: number; questionId: string; message: string };

/**
 * The buyer accepts the answers it sees or asks for a clarification about one question ("" for the
 * whole). `responseId` is the submission the buyer read: a newer one submitted meanwhile refuses
 * the review (it would be about answers the buyer has not seen).
 */
export async function reviewAnswers(db: Db, actor: Actor, supplierId: number, input: ReviewInput, options: WriteOptions = {}): Promise<{ reviewId: number }> {
  const now = options.now ?? Date.now();
  const { record, link, submission } = await sharedSubmission(db, actor, "questionnaires.review", supplierId);
  if (submission.id !== input.responseId) throw new Conflict("form", "suppliers:answers.review.errors.stale");
  let questionId: string | null = null;
  let message: string | null = null;
  if (input.outcome === "clarification") {
    message = input.message.trim();
    if (!message) throw new Invalid("message", "suppliers:answers.review.errors.messageRequired");
    if (message.length > REVIEW_MESSAGE_MAX) throw new Invalid("message", "suppliers:answers.review.errors.messageTooLong");
    const q = input.questionId.trim();
    if (q) {
      if (!questionsOf(submission).includes(q)) throw new Invalid("questionId", "suppliers:answers.review.errors.question");
      questionId = q;
    }
  }
  return await inTransaction(db, async () => {
    const reviewId = onlyRow(
      await db
        .insert(questionnaireReviews)
        .values({ responseId: submission.id, buyerOrgId: record.buyerOrgId, outcome: input.outcome, questionId, message, createdBy: actor.user.id, createdAt: new Date(now) })
        .returning({ id: questionnaireReviews.id }),
    ).id;
    await recordForBoth(
      db,
      {
        action: "questionnaire.reviewed",
        actorUserId: actor.user.id,
        acting: "buyer",
        targetType: "questionnaire_review",
        targetId: reviewId,
        ip: options.ip ?? null,
        supplier: { orgId: link.supplierOrgId, siteId: link.siteId, site: link.siteName, buyerOrgId: record.buyerOrgId },
        buyer: { orgId: record.buyerOrgId, supplierId: record.id, supplierOrgId: link.supplierOrgId },
        details: { outcome: input.outcome, responseId: submission.id, ...(questionId ? { questionId } : {}) },
      },
      now,
    );
    return { reviewId };
  });
}

const reviewColumns = {
  id: questionnaireReviews.id,
  responseId: questionnaireReviews.responseId,
  buyerOrgId: questionnaireReviews.buyerOrgId,
  outcome: questionnaireReviews.outcome,
  questionId: questionnaireReviews.questionId,
  message: questionnaireReviews.message,
  reply: questionnaireReviews.reply,
  repliedAt: questionnaireReviews.repliedAt,
  createdAt: questionnaireReviews.createdAt,
  version: questionnaireResponses.version,
  submittedAt: questionnaireResponses.submittedAt,
};

type ReviewRow = { id: number; responseId: number; buyerOrgId: number; outcome: "accepted" | "clarification"; questionId: string | null; message: string | null; reply: string | null; repliedAt: Date | null; createdAt: Date; version: string; submittedAt: Date | null };

const plain = (r: ReviewRow) => ({
  id: r.id,
  responseId: r.responseId,
  outcome: r.outcome,
  questionId: r.questionId,
  message: r.message,
  reply: r.reply,
  repliedAt: r.repliedAt?.getTime() ?? null,
  createdAt: r.createdAt.getTime(),
  version: r.version,
  submittedAt: r.submittedAt?.getTime() ?? null,
  /** A clarification not answered yet. */
  open: r.outcome === "clarification" && r.reply === null,
});

/**
 * The buyer's own reviews of the site's submissions, newest first, with the supplier's replies;
 * only while the share is active (a revoked share hides the supplier's replies with its answers).
 */
export async function reviewsForBuyer(db: Db, actor: Actor, supplierId: number) {
  const record = await ownRecord(db, actor, "suppliers.view", supplierId);
  if (!record.link) return [];
  if (!(await visibleSubmission(db, record.link.siteId, record.buyerOrgId))) return [];
  const rows = await db
    .select({ ...reviewColumns, by: users.name })
    .from(questionnaireReviews)
    .innerJoin(questionnaireResponses, eq(questionnaireResponses.id, questionnaireReviews.responseId))
    .leftJoin(users, eq(users.id, questionnaireReviews.createdBy))
    .where(and(eq(questionnaireReviews.buyerOrgId, record.buyerOrgId), eq(questionnaireResponses.siteId, record.link.siteId)))
    .orderBy(desc(questionnaireReviews.createdAt), desc(questionnaireReviews.id));
  return rows.map((r) => ({ ...plain(r), by: r.by }));
}

/**
 * The supplier's view of the reviews of one of its sites' submissions: open clarifications first
 * (oldest first: the longest waiting), then the rest, newest first. Each names the buyer; a review
 * exists only if the buyer had an active share when it wrote it, so every buyer here is one the
 * site shares or shared with.
 */
export async function reviewsForSite(db: Db, actor: Actor, siteId: number) {
  const site = await ownSite(db, actor, "sites.view", siteId);
  const rows = await db
    .select({ ...reviewColumns, buyer: organisations.name, repliedBy: users.name })
    .from(questionnaireReviews)
    .innerJoin(questionnaireResponses, eq(questionnaireResponses.id, questionnaireReviews.responseId))
    .innerJoin(organisations, eq(organisations.id, questionnaireReviews.buyerOrgId))
    .leftJoin(users, eq(users.id, questionnaireReviews.repliedBy))
    .where(eq(questionnaireResponses.siteId, site.id))
    .orderBy(asc(questionnaireReviews.createdAt), asc(questionnaireReviews.id));
  const all = rows.map((r) => ({ ...plain(r), buyer: r.buyer, repliedBy: r.repliedBy }));
  return { site, reviews: [...all.filter((r) => r.open), ...all.filter((r) => !r.open).reverse()] };
}

/**
 * The supplier answers a clarification about one of its own sites' submissions. Another site's
 * review answers 404 like a missing one; a second reply is refused (the first stays what the buyer read).
 */
export async function replyToClarification(db: Db, actor: Actor, siteId: number, input: { reviewId: number; reply: string }, options: WriteOptions = {}): Promise<void> {
  const now = options.now ?? Date.now();
  const site = await ownSite(db, actor, "questionnaires.answer", siteId);
  const reply = input.reply.trim();
  if (!reply) throw new Invalid("reply", "questionnaire:reviews.errors.replyRequired");
  if (reply.length > REVIEW_MESSAGE_MAX) throw new Invalid("reply", "questionnaire:reviews.errors.replyTooLong");
  await inTransaction(db, async () => {
    const review = isId(input.reviewId)
      ? firstRow(
          await db
            .select({ id: questionnaireReviews.id, outcome: questionnaireReviews.outcome, buyerOrgId: questionnaireReviews.buyerOrgId, repliedAt: questionnaireReviews.repliedAt, responseId: questionnaireReviews.responseId })
            .from(questionnaireReviews)
            .innerJoin(questionnaireResponses, eq(questionnaireResponses.id, questionnaireReviews.responseId))
            .innerJoin(supplierSites, eq(supplierSites.id, questionnaireResponses.siteId))
            .where(and(eq(questionnaireReviews.id, input.reviewId), eq(questionnaireResponses.siteId, site.id), eq(supplierSites.orgId, site.orgId))),
        )
      : undefined;
    if (!review || review.outcome !== "clarification") throw new NotFound();
    if (review.repliedAt) throw new Conflict("reply", "questionnaire:reviews.errors.alreadyReplied");
    const changed = changedRows(
      await db
        .update(questionnaireReviews)
        .set({ reply, repliedBy: actor.user.id, repliedAt: new Date(now) })
        .where(and(eq(questionnaireReviews.id, review.id), eq(questionnaireReviews.outcome, "clarification"))),
    );
    if (!changed) throw new NotFound();
    await recordForBoth(
      db,
      {
        action: "questionnaire.clarification_replied",
        actorUserId: actor.user.id,
        acting: "supplier",
        targetType: "questionnaire_review",
        targetId: review.id,
        ip: options.ip ?? null,
        supplier: { orgId: site.orgId, siteId: site.id, site: site.name, buyerOrgId: review.buyerOrgId },
        buyer: { orgId: review.buyerOrgId, supplierId: await recordOfBuyer(db, site.id, review.buyerOrgId), supplierOrgId: site.orgId },
        details: { responseId: review.responseId },
      },
      now,
    );
  });
}

/**
 * A file answered to a file question of the submission the buyer sees now: 404 unless the share is
 * active and the file id is an answer in that submission (an id of another site, another
 * submission or a draft's upload is not served).
 */
export async function sharedAnswerFile(db: Db, actor: Actor, supplierId: number, fileId: number) {
  const { link, submission } = await sharedSubmission(db, actor, "suppliers.view", supplierId);
  if (!isId(fileId)) throw new NotFound();
  const def = loadQuestionnaire(submission.questionnaire, submission.version);
  const shown = new Set(questionsOf(submission));
  const answered = def.questions.filter((q) => q.type === "file" && shown.has(q.id) && submission.answers[q.id] === fileId);
  if (answered.length === 0) throw new NotFound();
  const file = firstRow(
    await db
      .select({ id: questionnaireFiles.id, name: questionnaireFiles.name, path: questionnaireFiles.path, sha256: questionnaireFiles.sha256 })
      .from(questionnaireFiles)
      .where(and(eq(questionnaireFiles.id, fileId), eq(questionnaireFiles.siteId, link.siteId), inArray(questionnaireFiles.questionId, answered.map((q) => q.id)))),
  );
  if (!file) throw new NotFound();
  return file;
}

/** The names of the files answered in a submission, by id (for the answers page's links). */
export async function answerFileNames(db: Db, siteId: number, ids: number[]): Promise<Record<number, string>> {
  if (ids.length === 0) return {};
  const rows = await db.select({ id: questionnaireFiles.id, name: questionnaireFiles.name }).from(questionnaireFiles).where(and(eq(questionnaireFiles.siteId, siteId), inArray(questionnaireFiles.id, ids)));
  return Object.fromEntries(rows.map((r) => [r.id, r.name]));
}

/**
 * The supplier page's compact card: the state of the answers in answersForBuyer's words, the open
 * requests and the clarifications still awaiting the supplier's reply.
 */
export async function answersSummary(db: Db, actor: Actor, supplierId: number, now = Date.now()) {
  const answers = await answersForBuyer(db, actor, supplierId, { now });
  const { requests } = await requestsOfSupplier(db, actor, supplierId, now);
  const reviews = await reviewsForBuyer(db, actor, supplierId);
  return {
    state: answers.state,
    submittedAt: answers.state === "shared" ? answers.response.submittedAt : null,
    current: answers.state === "shared" ? answers.current : null,
    openRequests: requests.filter((r) => r.state === "open").length,
    overdueRequests: requests.filter((r) => r.overdue).length,
    awaitingReply: reviews.filter((r) => r.open).length,
  };
}

export interface NamedRecruiter {
  name: string;
  country: string;
  /** The buyer's recruiter record with this name and country, if it has one. */
  recruiterId: number | null;
  /** Whether that recruiter is already linked to this supplier record for this corridor. */
  linked: boolean;
}

/** The recruiters' name key as imports compute it (dedupe.ts): one record per name and country. */
const recruiterKey = (name: string, country: string) => nameKey(name, country);

/**
 * The labour recruiters the supplier named in the submission the buyer sees now (the questions of
 * type "recruiters" shown for its answers), each with the buyer's own record of it, if any. Empty
 * without a shared submission.
 */
export async function namedRecruiters(db: Db, actor: Actor, supplierId: number): Promise<NamedRecruiter[]> {
  const record = await ownRecord(db, actor, "suppliers.view", supplierId);
  if (!record.link) return [];
  const submission = (await visibleSubmission(db, record.link.siteId, record.buyerOrgId))?.submission;
  if (!submission) return [];
  const def = loadQuestionnaire(submission.questionnaire, submission.version);
  const read = readAnswers(def, submission.answers);
  const entries = new Map<string, { name: string; country: string }>();
  for (const s of read.sections) for (const q of s.questions) if (q.answer?.kind === "recruiters") for (const e of q.answer.list) entries.set(recruiterKey(e.name, e.country), e);
  if (entries.size === 0) return [];
  const existing = await db
    .select({ id: recruiters.id, nameKey: recruiters.nameKey })
    .from(recruiters)
    .where(and(eq(recruiters.orgId, record.buyerOrgId), inArray(recruiters.nameKey, [...entries.keys()])))
    .orderBy(asc(recruiters.id));
  const byKey = new Map<string, number>();
  for (const r of existing) if (r.nameKey && !byKey.has(r.nameKey)) byKey.set(r.nameKey, r.id);
  const links = byKey.size
    ? await db
        .select({ recruiterId: supplierRecruiters.recruiterId, origin: supplierRecruiters.originCountry })
        .from(supplierRecruiters)
        .where(and(eq(supplierRecruiters.supplierId, record.id), inArray(supplierRecruiters.recruiterId, [...byKey.values()])))
    : [];
  return [...entries.entries()].map(([key, e]) => {
    const recruiterId = byKey.get(key) ?? null;
    return { name: e.name, country: e.country, recruiterId, linked: recruiterId !== null && links.some((l) => l.recruiterId === recruiterId && l.origin === e.country) };
  });
}

/**
 * "Add to my recruiters": every recruiter the supplier named becomes a recruiter record of the
 * buyer (one it already has by name and country is reused, not duplicated) linked to this
 * supplier record with the corridor the supplier gave (origin country). The record is scored
 * again at once, with the recruiters that now serve it. Self-reported like the answers: the new
 * records carry no licence or fee facts (licence "unknown"), which the buyer's own list supplies.
 */
export async function addNamedRecruiters(db: Db, actor: Actor, supplierId: number, options: WriteOptions = {}): Promise<{ created: number; linked: number }> {
  const now = options.now ?? Date.now();
  const record = await ownRecord(db, actor, "suppliers.edit", supplierId);
  const named = await namedRecruiters(db, actor, supplierId);
  if (!record.link || named.length === 0) throw new NotFound();
  const outcome = await inTransaction(db, async () => {
    let created = 0;
    let linked = 0;
    for (const n of named) {
      let recruiterId = n.recruiterId;
      if (recruiterId === null) {
        const key = recruiterKey(n.name, n.country);
        recruiterId = onlyRow(
          await db
            .insert(recruiters)
            .values({ orgId: record.buyerOrgId, externalId: derivedExternalId(key), name: n.name, country: n.country, originCountries: [n.country], nameKey: key, licenceStatus: "unknown" })
            .returning({ id: recruiters.id }),
        ).id;
        created++;
      }
      if (!n.linked) {
        const rows = await db.insert(supplierRecruiters).values({ supplierId: record.id, recruiterId, originCountry: n.country, createdAt: new Date(now) }).onConflictDoNothing().returning({ id: supplierRecruiters.id });
        linked += rows.length;
      }
    }
    await recordEvent(
      db,
      { action: "questionnaire.recruiters_added", actorUserId: actor.user.id, orgId: record.buyerOrgId, targetType: "supplier", targetId: record.id, ip: options.ip ?? null, details: { supplierId: record.id, created, linked } },
      now,
    );
    return { created, linked };
  });
  if (outcome.linked > 0) await scoreOrganisation(db, record.buyerOrgId, { supplierIds: [record.id], cause: `recruiters named in the supplier's questionnaire answers added (supplier ${record.id})`, now });
  return outcome;
}
