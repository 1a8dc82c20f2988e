/**
 * The buyer's review of shared answers and the supplier's reply (issue 20, item 2), both engines:
 * a buyer without an active share can neither review nor download the answers' files (404, like a
 * missing record); a clarification is answered by the supplier of the site and by no other; every
 * review and reply is in both organisations' logs; a request is answered at once from existing
 * answers; the buyer's answers page reads the four states.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { onlyRow, type Db } from "#db/client";
import { auditLog, questionnaireFiles, questionnaireResponses, questionnaireReviews, recruiters, supplierRecruiters, supplierSiteLinks, supplierSites, suppliers } from "#db/schema";
import type { Actor } from "~/auth/permissions.server";
import { browseLog } from "~/domain/activity-log/activity-log-view.server";
import { Conflict, Forbidden, Invalid, NotFound } from "~/domain/errors";
import { nameKey } from "~/domain/import/dedupe";
import { DAY_MS, SAQ_QUESTIONNAIRE } from "~/domain/questionnaires/constants";
import { requestQuestionnaire, requestsOfSupplier } from "~/domain/questionnaires/requests.server";
import { BuyerAnswersSchema, REVIEW_MESSAGE_MAX } from "~/domain/questionnaires/reviews.schemas";
import { addNamedRecruiters, answersSummary, namedRecruiters, replyToClarification, reviewAnswers, reviewsForBuyer, reviewsForSite, sharedAnswerFile } from "~/domain/questionnaires/reviews.server";
import { revokeShare, shareAnswers } from "~/domain/questionnaires/sharing.server";
import { createTestDb } from "../support/db";
import { makeOrgWithRoles } from "../support/factories";

const NOW = Date.UTC(2026, 11, 3, 9);
const at = (daysAgo: number) => new Date(NOW - daysAgo * DAY_MS);
const dayIn = (days: number) => new Date(NOW + days * DAY_MS).toISOString().slice(0, 10);
const opts = { now: NOW, ip: "203.0.113.9" };

async function refusal(call: Promise<unknown>): Promise<unknown> {
  try {
    await call;
  } catch (error) {
    return error;
  }
  throw new Error("expected a refusal");
}

/** A supplier with a site claimed from buyer A's and buyer B's records, a submission answering a file question. */
async function world() {
  const db = createTestDb();
  const supplier = await makeOrgWithRoles(db, "supplier");
  const otherSupplier = await makeOrgWithRoles(db, "supplier");
  const buyerA = await makeOrgWithRoles(db, "company");
  const buyerB = await makeOrgWithRoles(db, "company");
  const site = onlyRow(await db.insert(supplierSites).values({ orgId: supplier.org.id, name: "Mekong Garment Factory 2", country: "VN" }).returning());
  const otherSite = onlyRow(await db.insert(supplierSites).values({ orgId: otherSupplier.org.id, name: "Elsewhere Mill", country: "VN" }).returning());
  const recA = onlyRow(await db.insert(suppliers).values({ orgId: buyerA.org.id, externalId: "A-1", name: "Mekong (A)", country: "VN" }).returning());
  const recB = onlyRow(await db.insert(suppliers).values({ orgId: buyerB.org.id, externalId: "B-1", name: "Mekong (B)", country: "VN" }).returning());
  await db.insert(supplierSiteLinks).values({ siteId: site.id, supplierId: recA.id, buyerOrgId: buyerA.org.id, claimedBy: supplier.admin.user.id });
  await db.insert(supplierSiteLinks).values({ siteId: site.id, supplierId: recB.id, buyerOrgId: buyerB.org.id, claimedBy: supplier.admin.user.id });
  const file = onlyRow(
    await db.insert(questionnaireFiles).values({ siteId: site.id, questionId: "grievance_procedure_file", name: "procedure.pdf", path: "/tmp/none/procedure.pdf", sha256: "ab".repeat(32), size: 10, mime: "application/pdf" }).returning(),
  );
  // A file of the same site that is not an answer (an earlier upload, replaced).
  const stray = onlyRow(
    await db.insert(questionnaireFiles).values({ siteId: site.id, questionId: "grievance_procedure_file", name: "old.pdf", path: "/tmp/none/old.pdf", sha256: "cd".repeat(32), size: 10, mime: "application/pdf" }).returning(),
  );
  const response = onlyRow(
    await db
      .insert(questionnaireResponses)
      .values({ siteId: site.id, questionnaire: SAQ_QUESTIONNAIRE, version: "2", answers: { fees_paid_by_workers: true, grievance_channel: true, grievance_procedure_file: file.id }, status: "submitted", submittedAt: at(20), createdAt: at(21) })
      .returning(),
  );
  return { db, supplier, otherSupplier, buyerA, buyerB, site, otherSite, recA, recB, file, stray, response };
}

const sentences = async (db: Db, actor: Actor) => (await browseLog(db, actor, {}, "en")).rows.map((r) => r.sentence);

describe("buyers' reviews of shared answers", () => {
  it("refuses review and file download without an active share (404, as for a missing record)", async () => {
    const w = await world();
    const { db } = w;
    const accept = { outcome: "accepted" as const, responseId: w.response.id };
    // Not shared yet.
    expect(await refusal(reviewAnswers(db, w.buyerA.member.actor, w.recA.id, accept, opts))).toBeInstanceOf(NotFound);
    expect(await refusal(sharedAnswerFile(db, w.buyerA.member.actor, w.recA.id, w.file.id))).toBeInstanceOf(NotFound);
    expect((await answersSummary(db, w.buyerA.viewer.actor, w.recA.id, NOW)).state).toBe("not_shared");

    await shareAnswers(db, w.supplier.admin.actor, w.site.id, w.buyerA.org.id, opts);
    // Shared with A: A downloads the answered file, not a stray upload, not a made-up id.
    expect((await sharedAnswerFile(db, w.buyerA.viewer.actor, w.recA.id, w.file.id)).name).toBe("procedure.pdf");
    expect(await refusal(sharedAnswerFile(db, w.buyerA.viewer.actor, w.recA.id, w.stray.id))).toBeInstanceOf(NotFound);
    expect(await refusal(sharedAnswerFile(db, w.buyerA.viewer.actor, w.recA.id, 99999))).toBeInstanceOf(NotFound);
    // B lists the same site, without a share: nothing; and B cannot reach A's record at all.
    expect(await refusal(sharedAnswerFile(db, w.buyerB.viewer.actor, w.recB.id, w.file.id))).toBeInstanceOf(NotFound);
    expect(await refusal(sharedAnswerFile(db, w.buyerB.viewer.actor, w.recA.id, w.file.id))).toBeInstanceOf(NotFound);
    expect(await refusal(reviewAnswers(db, w.buyerB.member.actor, w.recB.id, accept, opts))).toBeInstanceOf(NotFound);
    expect(await refusal(reviewAnswers(db, w.buyerB.member.actor, w.recA.id, accept, opts))).toBeInstanceOf(NotFound);
    // A viewer reads but does not review; a supplier cannot review at all.
    expect(await refusal(reviewAnswers(db, w.buyerA.viewer.actor, w.recA.id, accept, opts))).toBeInstanceOf(Forbidden);
    expect(await refusal(reviewAnswers(db, w.supplier.admin.actor, w.recA.id, accept, opts))).toBeInstanceOf(Forbidden);

    await reviewAnswers(db, w.buyerA.member.actor, w.recA.id, accept, opts);
    expect(await reviewsForBuyer(db, w.buyerA.viewer.actor, w.recA.id)).toHaveLength(1);

    // Revoked: the download, the review and even the history of reviews are gone at once.
    const share = (await db.query.questionnaireShares.findFirst())!;
    await revokeShare(db, w.supplier.admin.actor, share.id, opts);
    expect(await refusal(sharedAnswerFile(db, w.buyerA.viewer.actor, w.recA.id, w.file.id))).toBeInstanceOf(NotFound);
    expect(await refusal(reviewAnswers(db, w.buyerA.member.actor, w.recA.id, accept, opts))).toBeInstanceOf(NotFound);
    expect(await reviewsForBuyer(db, w.buyerA.viewer.actor, w.recA.id)).toEqual([]);
  });

  it("asks for a clarification, checks it, and the supplier of the site (only) replies once; both logs say so", async () => {
    const w = await world();
    const { db } = w;
    await shareAnswers(db, w.supplier.admin.actor, w.site.id, w.buyerA.org.id, opts);
    const ask = (over: Partial<{ questionId: string; message: string; responseId: number }> = {}) =>
      reviewAnswers(db, w.buyerA.admin.actor, w.recA.id, { outcome: "clarification", responseId: w.response.id, questionId: "fees_paid_by_workers", message: "Who pays the visa fee?", ...over }, opts);
    // Refusals name the field; nothing is saved.
    expect(await refusal(ask({ message: "   " }))).toMatchObject({ field: "message" });
    expect(await refusal(ask({ message: "x".repeat(REVIEW_MESSAGE_MAX + 1) }))).toMatchObject({ field: "message" });
    expect(await refusal(ask({ questionId: "no_such_question" }))).toMatchObject({ field: "questionId" });
    // A question hidden for these answers (recruiters_list shows only when recruiters are used) is not one of them.
    expect(await refusal(ask({ questionId: "recruiters_list" }))).toBeInstanceOf(Invalid);
    expect(await refusal(ask({ responseId: w.response.id + 1000 }))).toBeInstanceOf(Conflict);
    expect(await db.select().from(questionnaireReviews)).toEqual([]);
    // The form's schema refuses the same with catalog keys.
    const parsed = BuyerAnswersSchema.safeParse({ intent: "clarify", responseId: String(w.response.id), questionId: "", message: "" });
    expect(parsed.success).toBe(false);

    const { reviewId } = await ask();
    const whole = await ask({ questionId: "", message: "Please upload the housing inspection." });
    const buyerView = await reviewsForBuyer(db, w.buyerA.viewer.actor, w.recA.id);
    expect(buyerView.map((r) => [r.questionId, r.open])).toEqual([
      [null, true],
      ["fees_paid_by_workers", true],
    ]);
    expect((await answersSummary(db, w.buyerA.viewer.actor, w.recA.id, NOW)).awaitingReply).toBe(2);

    // Another supplier, or a supplier viewer, cannot reply; another site's id answers 404.
    expect(await refusal(replyToClarification(db, w.otherSupplier.admin.actor, w.site.id, { reviewId, reply: "Hijack" }, opts))).toBeInstanceOf(NotFound);
    expect(await refusal(replyToClarification(db, w.otherSupplier.admin.actor, w.otherSite.id, { reviewId, reply: "Hijack" }, opts))).toBeInstanceOf(NotFound);
    expect(await refusal(replyToClarification(db, w.supplier.viewer.actor, w.site.id, { reviewId, reply: "No" }, opts))).toBeInstanceOf(Forbidden);
    expect(await refusal(replyToClarification(db, w.buyerA.admin.actor, w.site.id, { reviewId, reply: "No" }, opts))).toBeInstanceOf(Forbidden);
    expect(await refusal(replyToClarification(db, w.supplier.member.actor, w.site.id, { reviewId, reply: "  " }, opts))).toMatchObject({ field: "reply" });

    // The supplier's page: open clarifications first, with the buyer's name.
    const before = await reviewsForSite(db, w.supplier.viewer.actor, w.site.id);
    expect(before.reviews.map((r) => [r.id, r.buyer, r.open])).toEqual([
      [reviewId, w.buyerA.org.name, true],
      [whole.reviewId, w.buyerA.org.name, true],
    ]);
    await replyToClarification(db, w.supplier.member.actor, w.site.id, { reviewId, reply: "The employer pays it; receipts attached." }, { ...opts, now: NOW + 1000 });
    expect(await refusal(replyToClarification(db, w.supplier.member.actor, w.site.id, { reviewId, reply: "Again" }, opts))).toBeInstanceOf(Conflict);
    const row = (await db.select().from(questionnaireReviews).where(eq(questionnaireReviews.id, reviewId)))[0]!;
    expect(row).toMatchObject({ reply: "The employer pays it; receipts attached.", repliedBy: w.supplier.member.user.id });
    expect(row.repliedAt?.getTime()).toBe(NOW + 1000);
    const after = await reviewsForBuyer(db, w.buyerA.viewer.actor, w.recA.id);
    expect(after.find((r) => r.id === reviewId)).toMatchObject({ open: false, reply: "The employer pays it; receipts attached.", repliedAt: NOW + 1000 });
    expect((await reviewsForSite(db, w.supplier.viewer.actor, w.site.id)).reviews.map((r) => r.id)).toEqual([whole.reviewId, reviewId]);

    // Both logs, in words, each naming what its side knows.
    const buyerLog = await sentences(db, w.buyerA.admin.actor);
    expect(buyerLog.some((s) => s.includes("asked the supplier of") && s.includes("Mekong (A)"))).toBe(true);
    expect(buyerLog.some((s) => s.includes(`${w.supplier.org.name} replied to a clarification`))).toBe(true);
    const supplierLog = await sentences(db, w.supplier.admin.actor);
    expect(supplierLog.some((s) => s.includes(`${w.buyerA.org.name} asked for a clarification`) && s.includes("Mekong Garment Factory 2"))).toBe(true);
    expect(supplierLog.some((s) => s.includes("replied to the clarification"))).toBe(true);
    // B saw nothing of it.
    expect((await sentences(db, w.buyerB.admin.actor)).some((s) => s.includes("clarification"))).toBe(false);
    expect((await db.select().from(auditLog).where(eq(auditLog.action, "questionnaire.reviewed"))).length).toBe(4);
  });

  it("answers a new request at once from shared answers younger than the validity period", async () => {
    const w = await world();
    const { db } = w;
    await shareAnswers(db, w.supplier.admin.actor, w.site.id, w.buyerB.org.id, opts);
    const outcome = await requestQuestionnaire(db, w.buyerB.member.actor, w.recB.id, { dueOn: dayIn(30) }, opts);
    expect(outcome).toMatchObject({ answered: true, linked: true });
    const { requests } = await requestsOfSupplier(db, w.buyerB.viewer.actor, w.recB.id, NOW);
    expect(requests.map((r) => r.state)).toEqual(["answered"]);
    const summary = await answersSummary(db, w.buyerB.viewer.actor, w.recB.id, NOW);
    expect(summary).toMatchObject({ state: "shared", submittedAt: NOW - 20 * DAY_MS, current: true, openRequests: 0 });
    // A without a share: the request stays open.
    expect((await requestQuestionnaire(db, w.buyerA.member.actor, w.recA.id, { dueOn: dayIn(30) }, opts)).answered).toBe(false);
    expect((await answersSummary(db, w.buyerA.viewer.actor, w.recA.id, NOW)).openRequests).toBe(1);
  });

  it("adds the recruiters the supplier named to the buyer's recruiters, reusing one it has, once", async () => {
    const w = await world();
    const { db } = w;
    await db
      .update(questionnaireResponses)
      .set({ answers: { fees_paid_by_workers: false, grievance_channel: false, recruiters_used: true, recruiters_list: [{ name: "Hanoi Manpower JSC", country: "VN" }, { name: "Kathmandu Overseas Pvt. Ltd.", country: "NP" }] } })
      .where(eq(questionnaireResponses.id, w.response.id));
    // Without a share: nothing named, nothing to add (404).
    expect(await namedRecruiters(db, w.buyerA.member.actor, w.recA.id)).toEqual([]);
    expect(await refusal(addNamedRecruiters(db, w.buyerA.member.actor, w.recA.id, opts))).toBeInstanceOf(NotFound);
    await shareAnswers(db, w.supplier.admin.actor, w.site.id, w.buyerA.org.id, opts);
    // A recruiter A already has by name and country (in capitals, as an import keys it) is reused; B's is not A's.
    const known = onlyRow(await db.insert(recruiters).values({ orgId: w.buyerA.org.id, externalId: "R-1", name: "HANOI MANPOWER JSC", country: "VN", nameKey: nameKey("HANOI MANPOWER JSC", "VN") }).returning());
    await db.insert(recruiters).values({ orgId: w.buyerB.org.id, externalId: "R-9", name: "Kathmandu Overseas Pvt. Ltd.", country: "NP" });
    const named = await namedRecruiters(db, w.buyerA.viewer.actor, w.recA.id);
    expect(named.map((n) => [n.name, n.country, n.recruiterId, n.linked])).toEqual([
      ["Hanoi Manpower JSC", "VN", named[0]!.recruiterId, false],
      ["Kathmandu Overseas Pvt. Ltd.", "NP", null, false],
    ]);
    expect(named[0]!.recruiterId).toBe(known.id);
    // A viewer may read but not add.
    expect(await refusal(addNamedRecruiters(db, w.buyerA.viewer.actor, w.recA.id, opts))).toBeInstanceOf(Forbidden);
    expect(await addNamedRecruiters(db, w.buyerA.member.actor, w.recA.id, opts)).toEqual({ created: 1, linked: 2 });
    const own = await db.select().from(recruiters).where(eq(recruiters.orgId, w.buyerA.org.id));
    expect(own.map((r) => r.name).sort()).toEqual(["HANOI MANPOWER JSC", "Kathmandu Overseas Pvt. Ltd."]);
    const links = await db.select().from(supplierRecruiters).where(eq(supplierRecruiters.supplierId, w.recA.id));
    expect(links.map((l) => l.originCountry).sort()).toEqual(["NP", "VN"]);
    // Again: nothing new.
    expect(await addNamedRecruiters(db, w.buyerA.member.actor, w.recA.id, opts)).toEqual({ created: 0, linked: 0 });
    expect((await namedRecruiters(db, w.buyerA.viewer.actor, w.recA.id)).every((n) => n.linked)).toBe(true);
    expect((await sentences(db, w.buyerA.admin.actor)).some((s) => s.includes("added the labour recruiters named") && s.includes("1 new"))).toBe(true);
  });
});
