/**
 * The supplier answers the questionnaire (issue 20) on a real database, both engines: a save with a
 * refused answer writes nothing and names each refused question; a partial save keeps a draft; a
 * follow-up whose gate is answered otherwise is pruned; a file answer must be a file of the same
 * site; a submission with a required question unanswered changes nothing; a submission answers the
 * open requests of the buyers it is shared with and scores their records again, in both logs; the
 * next draft starts from the submitted answers the latest version still asks; answers given to
 * version 1 stay readable with version 1; the page's action keeps the input of a refused form.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { firstRow, onlyRow } from "#db/client";
import { questionnaireFiles, questionnaireRequests, questionnaireResponses, riskScores, supplierSiteLinks, supplierSites, suppliers } from "#db/schema";
import { browseLog } from "~/domain/activity-log/activity-log-view.server";
import { NotFound } from "~/domain/errors";
import { answersForBuyer } from "~/domain/questionnaires/buyer-view.server";
import { DAY_MS, SAQ_QUESTIONNAIRE } from "~/domain/questionnaires/constants";
import { readAnswers } from "~/domain/questionnaires/engine";
import { loadQuestionnaire } from "~/domain/questionnaires/registry.server";
import { requestQuestionnaire } from "~/domain/questionnaires/requests.server";
import { questionnaireForSite, saveAnswers, siteFile, siteQuestionnaireStatus, submitResponse } from "~/domain/questionnaires/responses.server";
import { shareAnswers } from "~/domain/questionnaires/sharing.server";
import { storeEvidence } from "~/lib/evidence.server";
import { action } from "~/routes/sites.$siteId_.questionnaire";
import { createTestDb } from "../support/db";
import { makeOrgWithRoles } from "../support/factories";
import { contextFor, responseOf } from "../support/routes";

const NOW = Date.UTC(2026, 11, 3, 9);
const dayIn = (days: number) => new Date(NOW + days * DAY_MS).toISOString().slice(0, 10);
const opts = { now: NOW, ip: "203.0.113.9" };
const UPLOADS = "tests/.tmp/uploads/questionnaire-answering";

/** Every required question of version 2 answered with its reassuring answer (no follow-up opened but the grievance file). */
const COMPLETE: Record<string, string> = {
  workforce_migrant: "no",
  fees_paid_by_workers: "no",
  fees_employer_pays_policy: "yes",
  documents_held: "no",
  contract_language: "own_language",
  contract_terms_as_promised: "yes",
  wages_paid_in_full_on_time: "yes",
  wages_largest_deduction: "0",
  wages_loans_to_workers: "no",
  hours_weeks_over_60: "0",
  hours_overtime_refusable: "yes",
  housing_provided: "no",
  housing_remote: "no",
  resign_without_penalty: "yes",
  resign_deposit_forfeited: "no",
  resign_threatened: "no",
  grievance_channel: "yes",
  grievance_violence_reported: "no",
  recruiters_used: "no",
  recruiters_agency_employed: "no",
};

async function world() {
  const db = createTestDb();
  const supplier = await makeOrgWithRoles(db, "supplier");
  const otherSupplier = await makeOrgWithRoles(db, "supplier");
  const buyer = await makeOrgWithRoles(db, "company");
  const otherBuyer = await makeOrgWithRoles(db, "company");
  const site = onlyRow(await db.insert(supplierSites).values({ orgId: supplier.org.id, name: "Mekong Garment Factory 2", country: "VN" }).returning());
  const otherSite = onlyRow(await db.insert(supplierSites).values({ orgId: otherSupplier.org.id, name: "Elsewhere Mill", country: "VN" }).returning());
  const record = onlyRow(await db.insert(suppliers).values({ orgId: buyer.org.id, externalId: "MGF2", name: "Mekong Garment", country: "VN", workersTotal: 300 }).returning());
  const otherRecord = onlyRow(await db.insert(suppliers).values({ orgId: otherBuyer.org.id, externalId: "MGF2-B", name: "Mekong Garments Co", country: "VN", workersTotal: 300 }).returning());
  await db.insert(supplierSiteLinks).values({ siteId: site.id, supplierId: record.id, buyerOrgId: buyer.org.id, claimedBy: supplier.admin.user.id });
  await db.insert(supplierSiteLinks).values({ siteId: site.id, supplierId: otherRecord.id, buyerOrgId: otherBuyer.org.id, claimedBy: supplier.admin.user.id });
  return { db, supplier, otherSupplier, buyer, otherBuyer, site, otherSite, record, otherRecord };
}

const rows = async (w: Awaited<ReturnType<typeof world>>) => await w.db.select().from(questionnaireResponses).where(eq(questionnaireResponses.siteId, w.site.id)).orderBy(questionnaireResponses.id);

/** A small PDF stored as the evidence store keeps it. */
function storedPdf(name = "procedure.pdf") {
  mkdirSync(path.join(UPLOADS, "incoming"), { recursive: true });
  const file = path.join(UPLOADS, "incoming", `${Math.random().toString(36).slice(2)}.upload`);
  writeFileSync(file, "%PDF-1.4 grievance procedure");
  return storeEvidence({ path: file, name, size: 27 }, path.join(UPLOADS, "questionnaire-files"), "grievance_procedure_file");
}

async function refusal(call: Promise<unknown>): Promise<unknown> {
  try {
    await call;
  } catch (error) {
    return error;
  }
  throw new Error("expected a refusal");
}

describe("the supplier answers the questionnaire", () => {
  it("refuses a save with a bad answer whole, naming each refused question, and writes nothing", async () => {
    const w = await world();
    const out = await saveAnswers(w.db, w.supplier.member.actor, w.site.id, { workforce_migrant: "maybe", fees_paid_by_workers: "no", hours_weeks_over_60: "sixty" }, [], opts);
    expect(out.ok).toBe(false);
    if (out.ok) throw new Error("unreachable");
    expect(Object.keys(out.errors).sort()).toEqual(["hours_weeks_over_60", "workforce_migrant"]);
    expect(out.errors.workforce_migrant!.message).toBe("questionnaire:error.yesNo");
    expect(out.errors.hours_weeks_over_60!.values).toMatchObject({ given: "sixty" });
    expect(await rows(w)).toEqual([]);
    expect((await siteQuestionnaireStatus(w.db, w.supplier.viewer.actor, w.site.id, NOW)).state).toBe("none");
  });

  it("keeps a partial save as a draft with its progress, and prunes a follow-up whose gate closed", async () => {
    const w = await world();
    const first = await saveAnswers(w.db, w.supplier.member.actor, w.site.id, { workforce_migrant: "yes", workforce_migrant_share: "40,5" }, [], opts);
    expect(first).toMatchObject({ ok: true, submitted: false });
    const [draft] = await rows(w);
    expect(draft).toMatchObject({ status: "draft", version: "2", answers: { workforce_migrant: true, workforce_migrant_share: 40.5 }, submittedAt: null });
    const status = await siteQuestionnaireStatus(w.db, w.supplier.viewer.actor, w.site.id, NOW);
    expect(status).toMatchObject({ state: "draft", answered: 2 });
    if (status.state !== "draft" || !first.ok) throw new Error("unreachable");
    expect(status.total).toBe(first.total);
    // The gate answered "no": the share of migrant workers is no longer asked, and not kept.
    await saveAnswers(w.db, w.supplier.member.actor, w.site.id, { workforce_migrant: "no", fees_paid_by_workers: "no" }, [], opts);
    const after = await rows(w);
    expect(after).toHaveLength(1);
    expect(after[0]!.answers).toEqual({ workforce_migrant: false, fees_paid_by_workers: false });
    // An emptied field removes its answer.
    await saveAnswers(w.db, w.supplier.member.actor, w.site.id, { fees_paid_by_workers: "" }, [], opts);
    expect((await rows(w))[0]!.answers).toEqual({ workforce_migrant: false });
  });

  it("accepts a file of the same site as a file answer, refuses another site's, and serves it to its own organisation only", async () => {
    const w = await world();
    const theirs = onlyRow(await w.db.insert(questionnaireFiles).values({ siteId: w.otherSite.id, questionId: "grievance_procedure_file", name: "theirs.pdf", path: "/nowhere.pdf", sha256: "1".repeat(64), size: 1, mime: "application/pdf" }).returning());
    const refused = await saveAnswers(w.db, w.supplier.member.actor, w.site.id, { grievance_channel: "yes", grievance_procedure_file: String(theirs.id) }, [], opts);
    expect(refused.ok).toBe(false);
    if (refused.ok) throw new Error("unreachable");
    expect(Object.keys(refused.errors)).toEqual(["grievance_procedure_file"]);
    expect(await rows(w)).toEqual([]);

    const stored = storedPdf();
    const saved = await saveAnswers(w.db, w.supplier.member.actor, w.site.id, { grievance_channel: "yes" }, [{ questionId: "grievance_procedure_file", stored }], opts);
    expect(saved.ok).toBe(true);
    const fileId = (await rows(w))[0]!.answers.grievance_procedure_file as number;
    expect(fileId).toBeGreaterThan(0);
    expect(await siteFile(w.db, w.supplier.viewer.actor, w.site.id, fileId)).toMatchObject({ id: fileId, name: "procedure.pdf" });
    // The id kept in the form on the next save is accepted (it is this site's).
    expect((await saveAnswers(w.db, w.supplier.member.actor, w.site.id, { grievance_procedure_file: String(fileId) }, [], opts)).ok).toBe(true);
    // Another organisation asking for it, through its own site or this one: 404 like a missing file.
    expect(await refusal(siteFile(w.db, w.otherSupplier.admin.actor, w.site.id, fileId))).toBeInstanceOf(NotFound);
    expect(await refusal(siteFile(w.db, w.otherSupplier.admin.actor, w.otherSite.id, fileId))).toBeInstanceOf(NotFound);
    expect(await refusal(siteFile(w.db, w.supplier.admin.actor, w.site.id, theirs.id))).toBeInstanceOf(NotFound);
    // A file for a question the answers hide is not kept.
    const hidden = await saveAnswers(w.db, w.supplier.member.actor, w.site.id, { grievance_channel: "no" }, [{ questionId: "grievance_procedure_file", stored: storedPdf("late.pdf") }], opts);
    expect(hidden.ok).toBe(true);
    expect((await w.db.select().from(questionnaireFiles).where(eq(questionnaireFiles.name, "late.pdf"))).length).toBe(0);
  });

  it("refuses a submission with a required question unanswered and changes nothing", async () => {
    const w = await world();
    await saveAnswers(w.db, w.supplier.member.actor, w.site.id, { workforce_migrant: "no" }, [], opts);
    const before = await rows(w);
    const { documents_held: _left, ...incomplete } = COMPLETE;
    const out = await submitResponse(w.db, w.supplier.member.actor, w.site.id, { ...incomplete, hours_overtime_refusable: "no" }, [], opts);
    expect(out.ok).toBe(false);
    if (out.ok) throw new Error("unreachable");
    expect(Object.keys(out.errors)).toEqual(["documents_held"]);
    expect(out.errors.documents_held!.message).toBe("questionnaire:error.required");
    expect(await rows(w)).toEqual(before);
    // A viewer may read, not answer.
    expect((await refusal(saveAnswers(w.db, w.supplier.viewer.actor, w.site.id, COMPLETE, [], opts))) instanceof Error).toBe(true);
    // Another organisation's site answers 404 like a missing one.
    expect(await refusal(saveAnswers(w.db, w.otherSupplier.admin.actor, w.site.id, COMPLETE, [], opts))).toBeInstanceOf(NotFound);
    expect(await refusal(saveAnswers(w.db, w.otherSupplier.admin.actor, 999_999, COMPLETE, [], opts))).toBeInstanceOf(NotFound);
  });

  it("in a low-risk context the short questionnaire is all a submission needs; elsewhere every required question", async () => {
    const w = await world();
    // The first low-risk country among these, in the active method's reference data: a test that
    // finds none fails, it does not pass vacuously.
    let lowRisk: { country: string; short: Set<string> } | null = null;
    for (const country of ["DK", "NO", "FI", "SE", "NL", "DE", "CH", "NZ", "IS", "AT", "JP", "CA"]) {
      await w.db.update(supplierSites).set({ country }).where(eq(supplierSites.id, w.site.id));
      const page = await questionnaireForSite(w.db, w.supplier.member.actor, w.site.id, NOW);
      if (!page.lowRisk) continue;
      lowRisk = { country, short: new Set(page.short) };
      break;
    }
    expect(lowRisk, "no low-risk country among the candidates").not.toBeNull();
    const def = loadQuestionnaire(SAQ_QUESTIONNAIRE);
    const required = def.questions.filter((q) => q.required && !q.showIf).map((q) => q.id);
    const shortOnly = Object.fromEntries(Object.entries(COMPLETE).filter(([id]) => lowRisk!.short.has(id)));
    expect(Object.keys(shortOnly).length).toBeLessThan(required.length);
    const out = await submitResponse(w.db, w.supplier.member.actor, w.site.id, shortOnly, [], opts);
    expect(out.ok).toBe(true);
    // The same answers from a site in a higher-risk context are refused, naming what is left: a
    // Thai workplace its buyer lists as a shrimp processor (the sector and products come from the
    // records it claimed).
    await w.db.update(supplierSites).set({ country: "TH" }).where(eq(supplierSites.id, w.site.id));
    await w.db.update(suppliers).set({ sector: "Fishing", products: ["Shrimp"] }).where(eq(suppliers.id, w.record.id));
    expect((await questionnaireForSite(w.db, w.supplier.member.actor, w.site.id, NOW)).lowRisk).toBe(false);
    const refused = await submitResponse(w.db, w.supplier.member.actor, w.site.id, shortOnly, [], { ...opts, now: NOW + 60_000 });
    expect(refused.ok).toBe(false);
    if (refused.ok) throw new Error("unreachable");
    expect(Object.keys(refused.errors).sort()).toEqual(required.filter((id) => !(id in shortOnly)).sort());
  });

  it("a submission answers the open requests of the buyers it is shared with, rescoring their records, in both logs", async () => {
    const w = await world();
    await shareAnswers(w.db, w.supplier.admin.actor, w.site.id, w.buyer.org.id, opts);
    await requestQuestionnaire(w.db, w.buyer.admin.actor, w.record.id, { dueOn: dayIn(14) }, opts);
    await requestQuestionnaire(w.db, w.otherBuyer.admin.actor, w.otherRecord.id, { dueOn: dayIn(14) }, opts);
    const scoredBefore = firstRow(await w.db.select({ scoreId: suppliers.riskScoreId }).from(suppliers).where(eq(suppliers.id, w.record.id)))!.scoreId;

    const out = await submitResponse(w.db, w.supplier.member.actor, w.site.id, { ...COMPLETE, documents_held: "yes", documents_returned_same_day: "no" }, [], { ...opts, now: NOW + 60_000 });
    expect(out).toMatchObject({ ok: true, submitted: true });
    const [row] = await rows(w);
    expect(row).toMatchObject({ status: "submitted", submittedBy: w.supplier.member.user.id });
    expect(row!.submittedAt?.getTime()).toBe(NOW + 60_000);

    const requests = await w.db.select().from(questionnaireRequests).orderBy(questionnaireRequests.id);
    // The shared buyer's request is answered with this submission; the other buyer, not shared with, waits.
    expect(requests.map((r) => [r.buyerOrgId, r.responseId])).toEqual([
      [w.buyer.org.id, row!.id],
      [w.otherBuyer.org.id, null],
    ]);
    // The record is scored again with the answers: "documents kept and not returned" is a self-reported red flag.
    const scoreId = firstRow(await w.db.select({ scoreId: suppliers.riskScoreId }).from(suppliers).where(eq(suppliers.id, w.record.id)))!.scoreId;
    expect(scoreId).not.toBeNull();
    expect(scoreId).not.toBe(scoredBefore);
    const stored = firstRow(await w.db.select().from(riskScores).where(eq(riskScores.id, scoreId!)))!;
    expect(JSON.stringify(stored.factors)).toContain("self-reported");
    // The other buyer's record, not shared with, is not scored with the answers.
    const otherScoreId = firstRow(await w.db.select({ scoreId: suppliers.riskScoreId }).from(suppliers).where(eq(suppliers.id, w.otherRecord.id)))!.scoreId;
    if (otherScoreId !== null) expect(JSON.stringify(firstRow(await w.db.select().from(riskScores).where(eq(riskScores.id, otherScoreId)))!.factors)).not.toContain("self-reported");
    const seen = await answersForBuyer(w.db, w.buyer.viewer.actor, w.record.id, { now: NOW + 60_000 });
    expect(seen.state).toBe("shared");

    const supplierLog = (await browseLog(w.db, w.supplier.admin.actor, {}, "en")).rows.map((r) => r.sentence);
    const buyerLog = (await browseLog(w.db, w.buyer.admin.actor, {}, "en")).rows.map((r) => r.sentence);
    const otherBuyerLog = (await browseLog(w.db, w.otherBuyer.admin.actor, {}, "en")).rows.map((r) => r.sentence);
    expect(supplierLog.some((s) => s.includes("submitted the questionnaire answers (version 2) of “Mekong Garment Factory 2”; shared with 1 buyer(s)"))).toBe(true);
    expect(buyerLog.some((s) => s.includes("submitted new questionnaire answers (version 2)"))).toBe(true);
    // A buyer it is not shared with is not told that the supplier submitted.
    expect(otherBuyerLog.some((s) => s.includes("submitted new questionnaire answers"))).toBe(false);
  });

  it("starts the next draft from the submitted answers; answers to version 1 stay readable with version 1", async () => {
    const w = await world();
    // An old submission to version 1, with hours_max_weekly (retired in version 2).
    const v1 = onlyRow(
      await w.db
        .insert(questionnaireResponses)
        .values({ siteId: w.site.id, questionnaire: SAQ_QUESTIONNAIRE, version: "1", answers: { workforce_migrant: false, hours_max_weekly: 66, documents_held: false }, status: "submitted", submittedAt: new Date(NOW - 30 * DAY_MS), createdAt: new Date(NOW - 31 * DAY_MS) })
        .returning(),
    );
    const page = await questionnaireForSite(w.db, w.supplier.viewer.actor, w.site.id, NOW);
    // The page starts from the answers version 2 still asks.
    expect(page.answers).toEqual({ workforce_migrant: false, documents_held: false });
    expect(page.definition.version).toBe("2");
    await saveAnswers(w.db, w.supplier.member.actor, w.site.id, { hours_weeks_over_60: "3" }, [], opts);
    const [old, draft] = await rows(w);
    expect(old).toEqual(v1);
    expect(draft).toMatchObject({ status: "draft", version: "2", answers: { workforce_migrant: false, documents_held: false, hours_weeks_over_60: 3 } });
    const read = readAnswers(loadQuestionnaire(SAQ_QUESTIONNAIRE, old!.version), old!.answers);
    expect(read.sections.flatMap((s) => s.questions).find((q) => q.id === "hours_max_weekly")?.answer).toEqual({ kind: "number", value: 66, unitKey: "questionnaire:unit.hours" });

    // Submitted, then changed: a new draft row, the submission untouched.
    expect((await submitResponse(w.db, w.supplier.member.actor, w.site.id, COMPLETE, [], opts)).ok).toBe(true);
    const submitted = (await rows(w))[1]!;
    await saveAnswers(w.db, w.supplier.member.actor, w.site.id, { hours_overtime_refusable: "no" }, [], { ...opts, now: NOW + 1000 });
    const all = await rows(w);
    expect(all).toHaveLength(3);
    expect(all[1]).toEqual(submitted);
    expect(all[2]).toMatchObject({ status: "draft", answers: { ...submitted.answers, hours_overtime_refusable: false } });
  });

  it("the page's action refuses a bad answer with every message beside its question and the input kept", async () => {
    const w = await world();
    const form = new FormData();
    form.set("intent", "submit");
    form.set("workforce_migrant", "perhaps");
    form.set("fees_paid_by_workers", "no");
    form.set("file.grievance_procedure_file", new Blob(["%PDF-1.4 x"], { type: "application/pdf" }), "p.pdf");
    const context = await contextFor(w.db, w.supplier.member.user.id, w.supplier.org.id);
    const request = new Request(`http://localhost/sites/${w.site.id}/questionnaire`, { method: "POST", body: form });
    const response = await responseOf(() => action({ request, context, params: { siteId: String(w.site.id) } }));
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: Record<string, string>; values: Record<string, string> };
    expect(body.errors.workforce_migrant).toContain("“perhaps”");
    expect(body.values).toMatchObject({ workforce_migrant: "perhaps", fees_paid_by_workers: "no" });
    expect(await rows(w)).toEqual([]);
    expect(await w.db.select().from(questionnaireFiles).where(and(eq(questionnaireFiles.siteId, w.site.id)))).toEqual([]);
  });
});
