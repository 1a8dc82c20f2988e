/**
 * The regulator's review of submitted reports on a real database: acknowledge, request a
 * correction (with a reason, confirmed), the company sees it on the report and on its home, answers
 * with a correcting report, and the regulator accepts; refused steps leave the database unchanged;
 * only the regulator the report went to may review it.
 */
import { eq } from "drizzle-orm";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { organisations, reportReviews, users } from "#db/schema";
import { seedDemo } from "#db/seed";
import { companyHome } from "~/domain/home/company.server";
import { issueReport } from "~/domain/reports/issue.server";
import { submitReport } from "~/domain/reports/reports.server";
import { reissueFieldsOf, reviewOf, reviewReport } from "~/domain/reports/reviews.server";
import * as reportRoute from "~/routes/reports.$reportId";
import { firstRow, rawAll, rawRun } from "../../db/client";
import { createTestDb, databaseRefusal } from "../support/db";
import { actorFor, makeOrgWithRoles } from "../support/factories";
import { TMP_DIR } from "../support/paths";
import { contextFor, get, post, responseOf } from "../support/routes";

async function world() {
  const db = createTestDb();
  await seedDemo(db);
  const org = async (name: string) => firstRow(await db.select().from(organisations).where(eq(organisations.name, name)))!.id;
  const user = async (email: string) => firstRow(await db.select().from(users).where(eq(users.email, email)))!.id;
  const companyId = await org("Northwind Fresh Foods GmbH");
  const regulatorId = await org("Supply Chain Supervisory Authority");
  const dir = path.join(TMP_DIR, `reviews-${process.pid}-${Math.random().toString(36).slice(2)}`);
  const companyUser = await user("compliance@northwind.example");
  const regulatorUser = await user("supervisor@regulator.example");
  return {
    db,
    dir,
    companyId,
    regulatorId,
    companyUser,
    regulatorUser,
    company: await actorFor(db, companyUser, companyId),
    regulator: await actorFor(db, regulatorUser, regulatorId),
  };
}

const year = { from: "2026-01-01", to: "2026-12-31" };

describe("the regulator's review of a submitted report", () => {
  it("acknowledge, request a correction (confirmed, with a reason), the company answers, the regulator accepts", { timeout: 60_000 }, async () => {
    const w = await world();
    const first = await issueReport(w.db, w.company, { type: "company_due_diligence", params: year, pageSize: "A4" }, { dir: w.dir });
    // Not submitted yet: the regulator cannot even see it.
    expect((await responseOf(() => reviewReport(w.db, w.regulator, first.id, { step: "acknowledged", reason: "" }))).status).toBe(404);
    await submitReport(w.db, w.company, first.id, { regulatorId: w.regulatorId, supersedes: null });
    expect((await reviewOf(w.db, w.regulator, first.id))!.state).toBe("submitted");

    // Through the route, as the page posts: acknowledging is taken at once.
    const regulatorContext = await contextFor(w.db, w.regulatorUser, w.regulatorId);
    const ack = await responseOf(() => reportRoute.action({ request: post(`/reports/${first.id}`, { intent: "review", step: "acknowledged" }), params: { reportId: first.id }, context: regulatorContext }));
    expect(ack.status).toBe(302);
    expect(ack.headers.get("Location")).toBe(`/reports/${first.id}?reviewed=acknowledged`);
    // Acknowledging twice is refused beside the step, nothing written.
    const again = await responseOf(() => reportRoute.action({ request: post(`/reports/${first.id}`, { intent: "review", step: "acknowledged" }), params: { reportId: first.id }, context: regulatorContext }));
    expect(again.status).toBe(400);
    expect(((await again.json()) as { errors: Record<string, string> }).errors.step).toMatch(/already acknowledged/);

    // A correction request needs a reason; the refusal keeps the input and writes nothing.
    const blank = await responseOf(() => reportRoute.action({ request: post(`/reports/${first.id}`, { intent: "review", step: "correction_requested", reason: "   ", confirm: "yes" }), params: { reportId: first.id }, context: regulatorContext }));
    expect(blank.status).toBe(400);
    expect(((await blank.json()) as { errors: Record<string, string> }).errors.reason).toMatch(/what must be corrected/);
    // Without confirm=yes: the consequence is stated, nothing is written.
    const reason = "Section 3 omits the two fishing suppliers in Thailand.";
    const ask = await responseOf(() => reportRoute.action({ request: post(`/reports/${first.id}`, { intent: "review", step: "correction_requested", reason }), params: { reportId: first.id }, context: regulatorContext }));
    expect(ask.status).toBe(200);
    expect(await ask.json()).toEqual({ ok: true, confirmReview: { step: "correction_requested", reason } });
    expect((await rawAll(w.db, `select id from report_reviews where report_id = ?`, first.id)).length).toBe(1);
    const confirmed = await responseOf(() => reportRoute.action({ request: post(`/reports/${first.id}`, { intent: "review", step: "correction_requested", reason, confirm: "yes" }), params: { reportId: first.id }, context: regulatorContext }));
    expect(confirmed.status).toBe(302);

    // The company sees the request and its reason on the report and as a to-do on its home.
    const seen = (await reviewOf(w.db, w.company, first.id))!;
    expect(seen.state).toBe("correction_requested");
    expect(seen.requestedCorrection?.reason).toBe(reason);
    expect(seen.next).toEqual([]);
    expect(seen.steps.map((s) => [s.action, s.by])).toEqual([
      ["acknowledged", "Supply Chain Supervisory Authority"],
      ["correction_requested", "Supply Chain Supervisory Authority"],
    ]);
    const home = await companyHome(w.db, w.company, w.companyId);
    expect(home.correctionsRequested.total).toBe(1);
    expect(home.correctionsRequested.latest[0]).toMatchObject({ id: first.id, regulator: "Supply Chain Supervisory Authority", reason });
    // The form to issue the correcting report carries the same kind and period.
    expect(await reissueFieldsOf(w.db, w.company, first.id)).toEqual({ type: "company_due_diligence", corrects: first.id, from: year.from, to: year.to, pageSize: "A4", language: "en" });

    // Accepting before the correction arrives is refused in words.
    await expect(reviewReport(w.db, w.regulator, first.id, { step: "accepted", reason: "" })).rejects.toThrow("reports:errors.review.waitForCorrection");

    // The company corrects its data and submits the correcting report.
    await rawRun(w.db, `update suppliers set workers_total = coalesce(workers_total, 0) + 1, updated_at = ? where org_id = ? and external_id = 'NW-0001'`, new Date(Date.now() + 5000), w.companyId);
    const second = await issueReport(w.db, w.company, { type: "company_due_diligence", params: year, pageSize: "A4" }, { dir: w.dir, now: Date.now() + 6000 });
    await submitReport(w.db, w.company, second.id, { regulatorId: w.regulatorId, supersedes: first.id });
    expect((await companyHome(w.db, w.company, w.companyId)).correctionsRequested.total).toBe(0);
    const corrected = (await reviewOf(w.db, w.regulator, first.id))!;
    expect(corrected.state).toBe("corrected");
    expect(corrected.next).toEqual(["accepted"]);
    await expect(reviewReport(w.db, w.regulator, first.id, { step: "correction_requested", reason: "again" })).rejects.toThrow("reports:errors.review.correctionArrived");
    expect(await reviewReport(w.db, w.regulator, first.id, { step: "accepted", reason: "" })).toBe("accepted");
    // The correcting report has its own review, from the start.
    expect((await reviewOf(w.db, w.regulator, second.id))!.state).toBe("submitted");
    expect(await reviewReport(w.db, w.regulator, second.id, { step: "accepted", reason: "" })).toBe("accepted");
    await expect(reviewReport(w.db, w.regulator, second.id, { step: "acknowledged", reason: "" })).rejects.toThrow("reports:errors.review.alreadyAccepted");

    // Append-only: the steps can be neither changed nor removed.
    expect(await databaseRefusal(w.db.update(reportReviews).set({ reason: "changed" }).where(eq(reportReviews.reportId, first.id)))).toBeTruthy();
    expect(await databaseRefusal(w.db.delete(reportReviews).where(eq(reportReviews.reportId, first.id)))).toBeTruthy();
    const events = await rawAll<{ action: string }>(w.db, `select action from audit_log where action = 'report.reviewed' and target_id in (?, ?)`, first.id, second.id);
    expect(events.length).toBe(4); // acknowledged, correction requested, two acceptances

    // The company's page loads with the review, the regulator's too.
    const page = await responseOf(() => reportRoute.loader({ request: get(`/reports/${first.id}`), params: { reportId: first.id }, context: regulatorContext }));
    expect(((await page.json()) as { review: { state: string } }).review.state).toBe("accepted");
  });

  it("only the regulator the report went to reviews it: another regulator 404, its viewer 403, the company 404", { timeout: 60_000 }, async () => {
    const w = await world();
    const report = await issueReport(w.db, w.company, { type: "company_due_diligence", params: year, pageSize: "A4" }, { dir: w.dir });
    await submitReport(w.db, w.company, report.id, { regulatorId: w.regulatorId, supersedes: null });
    const other = await makeOrgWithRoles(w.db, "regulator");
    const mine = await makeOrgWithRoles(w.db, "regulator");
    expect((await responseOf(() => reviewReport(w.db, other.admin.actor, report.id, { step: "acknowledged", reason: "" }))).status).toBe(404);
    expect((await responseOf(() => reviewReport(w.db, w.company, report.id, { step: "acknowledged", reason: "" }))).status).toBe(404);
    // A viewer of the regulator the report went to: reads, may not review.
    await rawRun(w.db, `insert into memberships (user_id, org_id, role, created_at) values (?, ?, 'viewer', ?)`, mine.viewer.user.id, w.regulatorId, new Date());
    const viewer = await actorFor(w.db, mine.viewer.user.id, w.regulatorId);
    expect((await reviewOf(w.db, viewer, report.id))!.next).toEqual([]);
    expect((await responseOf(() => reviewReport(w.db, viewer, report.id, { step: "acknowledged", reason: "" }))).status).toBe(403);
    expect((await rawAll(w.db, `select id from report_reviews`)).length).toBe(0);
  });

  it("refuses a review step in the reader's language: German for a German regulator, with the numbers in German", { timeout: 60_000 }, async () => {
    const w = await world();
    const report = await issueReport(w.db, w.company, { type: "company_due_diligence", params: year, pageSize: "A4" }, { dir: w.dir });
    await submitReport(w.db, w.company, report.id, { regulatorId: w.regulatorId, supersedes: null });
    const german = await contextFor(w.db, w.regulatorUser, w.regulatorId, "de");
    const send = async (fields: Record<string, string>) => {
      const res = await responseOf(() => reportRoute.action({ request: post(`/reports/${report.id}`, { intent: "review", ...fields }), params: { reportId: report.id }, context: german }));
      return { status: res.status, errors: res.status === 400 ? ((await res.json()) as { errors: Record<string, string> }).errors : {} };
    };
    expect((await send({ step: "acknowledged" })).status).toBe(302);
    // The state machine's refusal, beside the step, in German.
    expect(await send({ step: "acknowledged" })).toEqual({ status: 400, errors: { step: "Der Eingang dieses Berichts wurde bereits bestätigt." } });
    // A correction request without a reason, and one too long (the count in German digits).
    expect((await send({ step: "correction_requested", reason: " ", confirm: "yes" })).errors.reason).toBe("Geben Sie an, was korrigiert werden muss: Das Unternehmen liest diesen Text.");
    expect((await send({ step: "correction_requested", reason: "x".repeat(2500), confirm: "yes" })).errors.reason).toBe("Höchstens 2.000 Zeichen (dieser Text hat 2.500).");
    // Thai for a Thai reader, English by default.
    const thai = await contextFor(w.db, w.regulatorUser, w.regulatorId, "th");
    const th = await responseOf(() => reportRoute.action({ request: post(`/reports/${report.id}`, { intent: "review", step: "acknowledged" }), params: { reportId: report.id }, context: thai }));
    expect(((await th.json()) as { errors: Record<string, string> }).errors.step).toBe("ได้รับทราบรายงานนี้แล้ว");
    expect((await rawAll(w.db, `select id from report_reviews where report_id = ?`, report.id)).length).toBe(1);
  });
});
