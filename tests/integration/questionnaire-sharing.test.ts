/**
 * Answer once, share with many (issue 20, item 4) on a real database, both engines: a supplier's
 * submitted answers reach a buyer only through an active share with that buyer (revoked → gone at
 * once; a share with another buyer gives nothing; a draft never), only buyers that list the site
 * can be shared with, a new buyer's request is answered at once from a shared submission younger
 * than ANSWER_VALIDITY_DAYS (an older one is not reused), an open request is answered by a later
 * share or submission, every function answers a foreign or missing id with 404, and every change
 * is in both organisations' activity logs in words.
 */
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { onlyRow, type Db } from "#db/client";
import { auditLog, questionnaireRequests, questionnaireResponses, questionnaireShares, supplierSiteLinks, supplierSites, suppliers } from "#db/schema";
import type { Actor } from "~/auth/permissions.server";
import { browseLog } from "~/domain/activity-log/activity-log-view.server";
import { Conflict, Forbidden, Invalid, NotFound } from "~/domain/errors";
import { answersForBuyer } from "~/domain/questionnaires/buyer-view.server";
import { ANSWER_VALIDITY_DAYS, DAY_MS, SAQ_QUESTIONNAIRE } from "~/domain/questionnaires/constants";
import { requestQuestionnaireSchema } from "~/domain/questionnaires/requests.schemas";
import { answerOpenRequests, requestQuestionnaire, requestsForSite, requestsOfSupplier } from "~/domain/questionnaires/requests.server";
import { revokeShare, shareableBuyers, shareAnswers, sharesOfSite } from "~/domain/questionnaires/sharing.server";
import { createTestDb } from "../support/db";
import { makeOrgWithRoles } from "../support/factories";

const NOW = Date.UTC(2026, 11, 3, 9); // 3 December 2026, 09:00 UTC
const at = (daysAgo: number) => new Date(NOW - daysAgo * DAY_MS);
const dayIn = (days: number) => new Date(NOW + days * DAY_MS).toISOString().slice(0, 10);

/** A submitted (or draft) response of a site, written directly: the submit path is another module's. */
async function respond(db: Db, siteId: number, status: "draft" | "submitted", daysAgo: number, answers: Record<string, unknown> = { fees_paid_by_workers: "no" }) {
  return onlyRow(
    await db
      .insert(questionnaireResponses)
      .values({ siteId, questionnaire: SAQ_QUESTIONNAIRE, version: "1", answers, status, submittedAt: status === "submitted" ? at(daysAgo) : null, createdAt: at(daysAgo + 1) })
      .returning(),
  );
}

async function record(db: Db, orgId: number, name: string) {
  return onlyRow(await db.insert(suppliers).values({ orgId, externalId: name, name, country: "VN", workersTotal: 300 }).returning());
}

/** A supplier organisation's site claimed from each buyer's record (the portal's claim, written directly). */
async function world() {
  const db = createTestDb();
  const supplier = await makeOrgWithRoles(db, "supplier");
  const otherSupplier = await makeOrgWithRoles(db, "supplier");
  const buyerA = await makeOrgWithRoles(db, "company");
  const buyerB = await makeOrgWithRoles(db, "company");
  const buyerC = await makeOrgWithRoles(db, "company");
  const stranger = await makeOrgWithRoles(db, "company");
  const site = onlyRow(await db.insert(supplierSites).values({ orgId: supplier.org.id, name: "Mekong Garment Factory 2", country: "VN" }).returning());
  const otherSite = onlyRow(await db.insert(supplierSites).values({ orgId: otherSupplier.org.id, name: "Elsewhere Mill", country: "VN" }).returning());
  const recA = await record(db, buyerA.org.id, "Mekong Garment (A's list)");
  const recB = await record(db, buyerB.org.id, "Mekong Garments Co (B's list)");
  const recC = await record(db, buyerC.org.id, "MGC Factory 2 (C's list)");
  const recStranger = await record(db, stranger.org.id, "Unclaimed Mill");
  const recOtherSite = await record(db, stranger.org.id, "Elsewhere Mill (stranger's list)");
  for (const [rec, buyer] of [
    [recA, buyerA],
    [recB, buyerB],
    [recC, buyerC],
  ] as const)
    await db.insert(supplierSiteLinks).values({ siteId: site.id, supplierId: rec.id, buyerOrgId: buyer.org.id, claimedBy: supplier.admin.user.id });
  await db.insert(supplierSiteLinks).values({ siteId: otherSite.id, supplierId: recOtherSite.id, buyerOrgId: stranger.org.id });
  return { db, supplier, otherSupplier, buyerA, buyerB, buyerC, stranger, site, otherSite, recA, recB, recC, recStranger, recOtherSite };
}

const opts = { now: NOW, ip: "203.0.113.9" };

async function refusal(call: Promise<unknown>): Promise<unknown> {
  try {
    await call;
  } catch (error) {
    return error;
  }
  throw new Error("expected a refusal");
}

const sentences = async (db: Db, actor: Actor) => (await browseLog(db, actor, {}, "en")).rows.map((r) => r.sentence);

describe("questionnaire shares: scoped, revocable, only with a buyer that lists the site", () => {
  it("shows buyer A the latest submission once shared, never buyer B, never a draft; revoking takes it away at once", async () => {
    const w = await world();
    const { db } = w;
    // Nothing claimed: the stranger's record is not linked.
    expect(await answersForBuyer(db, w.stranger.viewer.actor, w.recStranger.id, opts)).toEqual({ state: "not_linked" });
    // Claimed, answered, not shared: the buyer is not told whether there are answers.
    const older = await respond(db, w.site.id, "submitted", 40, { fees_paid_by_workers: "yes" });
    const latest = await respond(db, w.site.id, "submitted", 10, { fees_paid_by_workers: "no" });
    await respond(db, w.site.id, "draft", 1, { fees_paid_by_workers: "draft answer" });
    // A draft that carries a submission time (answers reopened, e.g. for a clarification) is still a draft.
    await db.insert(questionnaireResponses).values({ siteId: w.site.id, questionnaire: SAQ_QUESTIONNAIRE, version: "1", answers: { fees_paid_by_workers: "draft answer" }, status: "draft", submittedAt: at(2) });
    expect(await answersForBuyer(db, w.buyerA.viewer.actor, w.recA.id, opts)).toEqual({ state: "not_shared" });

    const shared = await shareAnswers(db, w.supplier.admin.actor, w.site.id, w.buyerA.org.id, opts);
    expect(shared.created).toBe(true);
    const seen = await answersForBuyer(db, w.buyerA.viewer.actor, w.recA.id, opts);
    expect(seen.state).toBe("shared");
    if (seen.state !== "shared") throw new Error("unreachable");
    // The latest SUBMITTED response, not the older one, not the newer draft.
    expect(seen.response).toEqual({ id: latest.id, questionnaire: SAQ_QUESTIONNAIRE, version: "1", answers: { fees_paid_by_workers: "no" }, submittedAt: NOW - 10 * DAY_MS });
    expect(seen.sharedSince).toBe(NOW);
    expect(seen.current).toBe(true);
    expect(seen.validUntil).toBe(NOW - 10 * DAY_MS + ANSWER_VALIDITY_DAYS * DAY_MS);
    expect(JSON.stringify(seen)).not.toContain("draft answer");
    expect(seen.response.id).not.toBe(older.id);
    // A share with A gives B, who lists the same site, nothing.
    expect(await answersForBuyer(db, w.buyerB.viewer.actor, w.recB.id, opts)).toEqual({ state: "not_shared" });

    const { revoked } = await revokeShare(db, w.supplier.admin.actor, shared.shareId, { ...opts, now: NOW + 1000 });
    expect(revoked).toBe(true);
    expect(await answersForBuyer(db, w.buyerA.viewer.actor, w.recA.id, opts)).toEqual({ state: "not_shared" });
    // Revoking again changes nothing and logs nothing more.
    expect(await revokeShare(db, w.supplier.admin.actor, shared.shareId, opts)).toEqual({ revoked: false });
    expect((await db.select().from(auditLog).where(eq(auditLog.action, "questionnaire.share_revoked"))).length).toBe(2);

    // The supplier's page: the share, revoked, with the buyer's name and who shared.
    const list = await sharesOfSite(db, w.supplier.viewer.actor, w.site.id);
    expect(list).toEqual([{ id: shared.shareId, buyerOrgId: w.buyerA.org.id, buyer: w.buyerA.org.name, createdAt: NOW, revokedAt: NOW + 1000, by: w.supplier.admin.user.name, active: false }]);
  });

  it("says 'nothing submitted' to a buyer it shares with while only a draft exists", async () => {
    const w = await world();
    await respond(w.db, w.site.id, "draft", 2, { fees_paid_by_workers: "maybe" });
    await shareAnswers(w.db, w.supplier.admin.actor, w.site.id, w.buyerA.org.id, opts);
    expect(await answersForBuyer(w.db, w.buyerA.member.actor, w.recA.id, opts)).toEqual({ state: "nothing_submitted", sharedSince: NOW });
  });

  it("is idempotent: sharing twice with a buyer keeps one active share and one log entry per side", async () => {
    const w = await world();
    const first = await shareAnswers(w.db, w.supplier.admin.actor, w.site.id, w.buyerA.org.id, opts);
    const second = await shareAnswers(w.db, w.supplier.admin.actor, w.site.id, w.buyerA.org.id, opts);
    expect(second).toEqual({ shareId: first.shareId, created: false, answered: 0 });
    expect((await w.db.select().from(questionnaireShares).where(eq(questionnaireShares.siteId, w.site.id))).length).toBe(1);
    expect((await w.db.select().from(auditLog).where(eq(auditLog.action, "questionnaire.shared"))).length).toBe(2);
    // After a revocation a new share is a new row: the history keeps both.
    await revokeShare(w.db, w.supplier.admin.actor, first.shareId, opts);
    const third = await shareAnswers(w.db, w.supplier.admin.actor, w.site.id, w.buyerA.org.id, opts);
    expect(third.created).toBe(true);
    expect(third.shareId).not.toBe(first.shareId);
    expect((await sharesOfSite(w.db, w.supplier.admin.actor, w.site.id)).map((s) => s.active).sort()).toEqual([false, true]);
  });

  it("refuses, as 404, a buyer that does not list the site, an unknown organisation and the supplier itself; nothing is written", async () => {
    const w = await world();
    for (const buyerOrgId of [w.stranger.org.id, 999_999, w.supplier.org.id, w.otherSupplier.org.id, -1, Number.NaN]) {
      expect(await refusal(shareAnswers(w.db, w.supplier.admin.actor, w.site.id, buyerOrgId, opts)), String(buyerOrgId)).toBeInstanceOf(NotFound);
    }
    expect(await w.db.select().from(questionnaireShares)).toEqual([]);
    expect(await w.db.select().from(auditLog)).toEqual([]);
    // The choices offered: exactly the three buyers listing the site.
    expect((await shareableBuyers(w.db, w.supplier.viewer.actor, w.site.id)).map((b) => b.orgId).sort((a, b) => a - b)).toEqual([w.buyerA.org.id, w.buyerB.org.id, w.buyerC.org.id].sort((a, b) => a - b));
  });

  it("lets only a supplier admin share or revoke (403 for members and buyers), and answers every foreign or missing id with 404", async () => {
    const w = await world();
    const { db } = w;
    const share = await shareAnswers(db, w.supplier.admin.actor, w.site.id, w.buyerA.org.id, opts);
    const foreignShare = onlyRow(await db.insert(questionnaireShares).values({ siteId: w.otherSite.id, buyerOrgId: w.stranger.org.id }).returning());
    await requestQuestionnaire(db, w.buyerB.member.actor, w.recB.id, { dueOn: dayIn(30) }, opts);

    expect(await refusal(shareAnswers(db, w.supplier.member.actor, w.site.id, w.buyerB.org.id, opts))).toBeInstanceOf(Forbidden);
    expect(await refusal(revokeShare(db, w.supplier.member.actor, share.shareId, opts))).toBeInstanceOf(Forbidden);
    expect(await refusal(shareAnswers(db, w.buyerA.admin.actor, w.site.id, w.buyerA.org.id, opts))).toBeInstanceOf(Forbidden);
    expect(await refusal(sharesOfSite(db, w.buyerA.admin.actor, w.site.id))).toBeInstanceOf(Forbidden);
    expect(await refusal(requestQuestionnaire(db, w.buyerA.viewer.actor, w.recA.id, { dueOn: dayIn(30) }, opts))).toBeInstanceOf(Forbidden);
    expect(await refusal(requestQuestionnaire(db, w.supplier.admin.actor, w.recA.id, { dueOn: dayIn(30) }, opts))).toBeInstanceOf(Forbidden);
    expect(await refusal(answersForBuyer(db, w.supplier.admin.actor, w.recA.id, opts))).toBeInstanceOf(Forbidden);

    // Another supplier organisation's site and share, and ids that do not exist: 404 alike.
    const other = w.otherSupplier.admin.actor;
    for (const siteId of [w.site.id, 987_654]) {
      expect(await refusal(shareAnswers(db, other, siteId, w.buyerA.org.id, opts))).toBeInstanceOf(NotFound);
      expect(await refusal(sharesOfSite(db, other, siteId))).toBeInstanceOf(NotFound);
      expect(await refusal(shareableBuyers(db, other, siteId))).toBeInstanceOf(NotFound);
      expect(await refusal(requestsForSite(db, other, siteId, NOW))).toBeInstanceOf(NotFound);
    }
    for (const shareId of [share.shareId, 987_654]) expect(await refusal(revokeShare(db, other, shareId, opts))).toBeInstanceOf(NotFound);
    expect(await refusal(revokeShare(db, w.supplier.admin.actor, foreignShare.id, opts))).toBeInstanceOf(NotFound);
    // Another company's supplier record: 404 for the buyer functions.
    for (const supplierId of [w.recA.id, 987_654]) {
      expect(await refusal(answersForBuyer(db, w.buyerB.admin.actor, supplierId, opts))).toBeInstanceOf(NotFound);
      expect(await refusal(requestQuestionnaire(db, w.buyerB.admin.actor, supplierId, { dueOn: dayIn(30) }, opts))).toBeInstanceOf(NotFound);
      expect(await refusal(requestsOfSupplier(db, w.buyerB.admin.actor, supplierId, NOW))).toBeInstanceOf(NotFound);
    }
    // Nothing changed by the refusals: the one share is active, the one request is B's.
    expect((await db.select().from(questionnaireShares).where(eq(questionnaireShares.siteId, w.site.id))).map((s) => s.revokedAt)).toEqual([null]);
    expect((await db.select().from(questionnaireRequests)).map((r) => r.buyerOrgId)).toEqual([w.buyerB.org.id]);
  });
});

describe("questionnaire requests: answer once, share with many", () => {
  it("answers a third buyer's request at once from a shared young submission, logged for both", async () => {
    const w = await world();
    const { db } = w;
    const submission = await respond(db, w.site.id, "submitted", 100);
    await shareAnswers(db, w.supplier.admin.actor, w.site.id, w.buyerA.org.id, opts);
    await shareAnswers(db, w.supplier.admin.actor, w.site.id, w.buyerC.org.id, opts);
    const outcome = await requestQuestionnaire(db, w.buyerC.member.actor, w.recC.id, { dueOn: dayIn(30) }, opts);
    expect(outcome).toEqual({ requestId: outcome.requestId, answered: true, linked: true });
    const row = onlyRow(await db.select().from(questionnaireRequests).where(eq(questionnaireRequests.id, outcome.requestId)));
    expect(row.responseId).toBe(submission.id);
    expect(row.answeredAt?.getTime()).toBe(NOW);
    const buyerView = await requestsOfSupplier(db, w.buyerC.viewer.actor, w.recC.id, NOW);
    expect(buyerView).toEqual({ linked: true, requests: [{ id: outcome.requestId, questionnaire: SAQ_QUESTIONNAIRE, dueOn: dayIn(30), createdAt: NOW, answeredAt: NOW, by: w.buyerC.member.user.name, state: "answered", overdue: false }] });
    // The supplier's list says so too, with the buyer's name.
    const todo = await requestsForSite(db, w.supplier.viewer.actor, w.site.id, NOW);
    expect(todo.map((r) => [r.buyer, r.state, r.responseId])).toEqual([[w.buyerC.org.name, "answered", submission.id]]);

    // Both logs, in words: the buyer's names its own record and the supplier organisation.
    const day = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" }).format(at(100));
    const buyerLog = await sentences(db, w.buyerC.admin.actor);
    expect(buyerLog).toContain(`Questionnaire request ${outcome.requestId} for ${w.recC.name} was answered at once from answers ${w.supplier.org.name} had already submitted on ${day} and shares with this organisation.`);
    expect(buyerLog).toContain(`${w.buyerC.member.user.name} asked the supplier of ${w.recC.name} to answer the questionnaire by ${new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" }).format(new Date(`${dayIn(30)}T00:00:00Z`))}.`);
    expect(buyerLog).toContain(`${w.supplier.org.name} shared its questionnaire answers for ${w.recC.name} with this organisation.`);
    const supplierLog = await sentences(db, w.supplier.admin.actor);
    expect(supplierLog).toContain(`Questionnaire request ${outcome.requestId} of ${w.buyerC.org.name} for “${w.site.name}” was answered at once from the answers already submitted on ${day}, without answering again.`);
    expect(supplierLog).toContain(`${w.supplier.admin.user.name} shared the questionnaire answers of “${w.site.name}” with ${w.buyerC.org.name}.`);
    // Neither side's log shows the other's people or the other side's own names: the buyer never sees the site's
    // name, the supplier never the buyer's name for the record.
    expect(buyerLog.join("\n")).not.toContain(w.supplier.admin.user.name);
    expect(buyerLog.join("\n")).not.toContain(w.site.name);
    expect(supplierLog.join("\n")).not.toContain(w.recC.name);
    expect(supplierLog.join("\n")).not.toContain(w.buyerC.member.user.name);
    // Buyer A's log has nothing of C's request.
    expect((await sentences(db, w.buyerA.admin.actor)).join("\n")).not.toContain("request");
  });

  it("does not reuse a submission older than the validity period: the request stays open", async () => {
    const w = await world();
    await respond(w.db, w.site.id, "submitted", ANSWER_VALIDITY_DAYS + 35);
    await shareAnswers(w.db, w.supplier.admin.actor, w.site.id, w.buyerA.org.id, opts);
    const outcome = await requestQuestionnaire(w.db, w.buyerA.member.actor, w.recA.id, { dueOn: dayIn(14) }, opts);
    expect(outcome.answered).toBe(false);
    expect(onlyRow(await w.db.select().from(questionnaireRequests)).answeredAt).toBeNull();
    const [todo] = await requestsForSite(w.db, w.supplier.admin.actor, w.site.id, NOW);
    // Sharing would not answer it: the answers are too old; the supplier must answer again.
    expect(todo).toMatchObject({ state: "open", answerableByShare: false, overdue: false });
    // The buyer still sees the old answers it is shared, marked as no longer current.
    const seen = await answersForBuyer(w.db, w.buyerA.viewer.actor, w.recA.id, opts);
    expect(seen).toMatchObject({ state: "shared", current: false });
    // One day inside the period is enough, one day outside is not (the boundary).
    const fresh = await respond(w.db, w.site.id, "submitted", ANSWER_VALIDITY_DAYS - 1);
    expect(await answerOpenRequests(w.db, w.site.id, { now: NOW })).toBe(1);
    expect(onlyRow(await w.db.select().from(questionnaireRequests)).responseId).toBe(fresh.id);
  });

  it("leaves a request open while a young submission is not shared with the buyer, and says sharing would answer it; the share answers it", async () => {
    const w = await world();
    const { db } = w;
    const submission = await respond(db, w.site.id, "submitted", 20);
    await shareAnswers(db, w.supplier.admin.actor, w.site.id, w.buyerA.org.id, opts);
    const outcome = await requestQuestionnaire(db, w.buyerB.member.actor, w.recB.id, { dueOn: dayIn(7) }, opts);
    expect(outcome.answered).toBe(false);
    expect((await requestsOfSupplier(db, w.buyerB.viewer.actor, w.recB.id, NOW)).requests.map((r) => r.state)).toEqual(["open"]);
    // Overdue is computed against the time given: eight days later the due day has passed.
    const [todo] = await requestsForSite(db, w.supplier.viewer.actor, w.site.id, NOW);
    expect(todo).toMatchObject({ id: outcome.requestId, buyer: w.buyerB.org.name, state: "open", answerableByShare: true, overdue: false });
    expect((await requestsForSite(db, w.supplier.viewer.actor, w.site.id, NOW + 8 * DAY_MS))[0]).toMatchObject({ overdue: true });
    expect((await requestsOfSupplier(db, w.buyerB.viewer.actor, w.recB.id, NOW + 8 * DAY_MS)).requests[0]).toMatchObject({ overdue: true });

    const later = NOW + 2 * DAY_MS;
    const shared = await shareAnswers(db, w.supplier.admin.actor, w.site.id, w.buyerB.org.id, { now: later, ip: null });
    expect(shared.answered).toBe(1);
    const row = onlyRow(await db.select().from(questionnaireRequests));
    expect([row.responseId, row.answeredAt?.getTime()]).toEqual([submission.id, later]);
    expect((await requestsForSite(db, w.supplier.viewer.actor, w.site.id, later))[0]).toMatchObject({ state: "answered", answerableByShare: false, overdue: false });

    // Revoked afterwards: the buyer's request reads "withdrawn" and the answers are gone.
    const shareId = (await sharesOfSite(db, w.supplier.admin.actor, w.site.id)).find((s) => s.buyerOrgId === w.buyerB.org.id)!.id;
    expect(shareId).toBe(shared.shareId);
    await revokeShare(db, w.supplier.admin.actor, shareId, { now: later + 1 });
    expect((await requestsOfSupplier(db, w.buyerB.viewer.actor, w.recB.id, later)).requests.map((r) => r.state)).toEqual(["withdrawn"]);
    expect(await answersForBuyer(db, w.buyerB.viewer.actor, w.recB.id, opts)).toEqual({ state: "not_shared" });
  });

  it("answers an open request when the supplier submits later (the submit path calls answerOpenRequests), and not a request of a buyer it does not share with", async () => {
    const w = await world();
    const { db } = w;
    await shareAnswers(db, w.supplier.admin.actor, w.site.id, w.buyerA.org.id, opts);
    const a = await requestQuestionnaire(db, w.buyerA.member.actor, w.recA.id, { dueOn: dayIn(30) }, opts);
    const b = await requestQuestionnaire(db, w.buyerB.member.actor, w.recB.id, { dueOn: dayIn(30) }, opts);
    expect([a.answered, b.answered]).toEqual([false, false]);
    // A draft answers nothing.
    await respond(db, w.site.id, "draft", 0);
    expect(await answerOpenRequests(db, w.site.id, { now: NOW })).toBe(0);
    const submitted = onlyRow(await db.insert(questionnaireResponses).values({ siteId: w.site.id, questionnaire: SAQ_QUESTIONNAIRE, version: "1", answers: {}, status: "submitted", submittedAt: new Date(NOW + DAY_MS) }).returning());
    expect(await answerOpenRequests(db, w.site.id, { now: NOW + DAY_MS })).toBe(1);
    const rows = await db.select().from(questionnaireRequests);
    expect(rows.find((r) => r.id === a.requestId)).toMatchObject({ responseId: submitted.id });
    expect(rows.find((r) => r.id === b.requestId)).toMatchObject({ responseId: null, answeredAt: null });
    // Answering again answers nothing twice.
    expect(await answerOpenRequests(db, w.site.id, { now: NOW + 2 * DAY_MS })).toBe(0);
    // Not "at once": the answers came after the request.
    const day = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" }).format(new Date(NOW + DAY_MS));
    expect(await sentences(db, w.buyerA.admin.actor)).toContain(`Questionnaire request ${a.requestId} for ${w.recA.name} was answered: ${w.supplier.org.name} shares answers submitted on ${day}.`);
    // A site that does not exist has nothing to answer.
    expect(await answerOpenRequests(db, 987_654, { now: NOW })).toBe(0);
  });

  it("waits for a claim: a request for an unclaimed record is open, logged only for the buyer", async () => {
    const w = await world();
    const outcome = await requestQuestionnaire(w.db, w.stranger.member.actor, w.recStranger.id, { dueOn: dayIn(30) }, opts);
    expect(outcome).toMatchObject({ answered: false, linked: false });
    expect(await requestsOfSupplier(w.db, w.stranger.viewer.actor, w.recStranger.id, NOW)).toMatchObject({ linked: false, requests: [{ state: "open" }] });
    expect((await w.db.select().from(auditLog)).map((e) => e.orgId)).toEqual([w.stranger.org.id]);
    // The supplier that claims another record of the stranger sees none of it.
    expect(await requestsForSite(w.db, w.otherSupplier.admin.actor, w.otherSite.id, NOW)).toEqual([]);
  });

  it("refuses a due day that is missing, not a day, past or years ahead (schema and domain alike), and a second open request; nothing written", async () => {
    const w = await world();
    const schema = requestQuestionnaireSchema(() => NOW);
    const cases: [string, string][] = [
      ["", "suppliers:questionnaireRequest.errors.dueOnRequired"],
      ["   ", "suppliers:questionnaireRequest.errors.dueOnRequired"],
      ["31/03/2027", "suppliers:questionnaireRequest.errors.dueOnFormat"],
      ["2027-02-30", "suppliers:questionnaireRequest.errors.dueOnFormat"],
      ["2027-3-1", "suppliers:questionnaireRequest.errors.dueOnFormat"],
      [dayIn(-2), "suppliers:questionnaireRequest.errors.dueOnPast"],
      ["2207-01-01", "suppliers:questionnaireRequest.errors.dueOnTooFar"],
    ];
    for (const [dueOn, message] of cases) {
      const parsed = schema.safeParse({ dueOn });
      expect(parsed.success, dueOn).toBe(false);
      expect(parsed.error?.issues[0]?.message, dueOn).toBe(message);
      const error = await refusal(requestQuestionnaire(w.db, w.buyerA.member.actor, w.recA.id, { dueOn }, opts));
      expect(error, dueOn).toBeInstanceOf(Invalid);
      expect([(error as Invalid).field, (error as Invalid).message], dueOn).toEqual(["dueOn", message]);
    }
    // Today is not past, even where it is still yesterday in UTC; a field left out of the form is "required".
    expect(schema.safeParse({ dueOn: dayIn(0) }).success).toBe(true);
    expect(schema.safeParse({ dueOn: dayIn(-0.5) }).success).toBe(true);
    expect(schema.safeParse({}).error?.issues[0]?.message).toBe("suppliers:questionnaireRequest.errors.dueOnRequired");
    expect(await w.db.select().from(questionnaireRequests)).toEqual([]);
    expect(await w.db.select().from(auditLog)).toEqual([]);

    await requestQuestionnaire(w.db, w.buyerA.member.actor, w.recA.id, { dueOn: ` ${dayIn(30)} ` }, opts);
    const again = await refusal(requestQuestionnaire(w.db, w.buyerA.admin.actor, w.recA.id, { dueOn: dayIn(60) }, opts));
    expect(again).toBeInstanceOf(Conflict);
    expect((again as Conflict).values).toEqual({ day: dayIn(30) });
    expect((await w.db.select().from(questionnaireRequests)).map((r) => r.dueOn)).toEqual([dayIn(30)]);
    // Another buyer of the same site may ask at the same time: the open request is per record.
    await requestQuestionnaire(w.db, w.buyerB.member.actor, w.recB.id, { dueOn: dayIn(60) }, opts);
    expect(await w.db.select().from(questionnaireRequests).where(and(eq(questionnaireRequests.buyerOrgId, w.buyerB.org.id)))).toHaveLength(1);
  });
});
