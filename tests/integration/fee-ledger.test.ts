/**
 * The recruitment-fee repayment ledger (issue 19, item 6) on a real database: totals per currency
 * (JPY has no minor unit, NPR two), confirmation by workers through their case code (counts only
 * for the company), unpaid instalments past due as findings, another company's fee case as 404,
 * the amounts people type, and the case code's secret and rate limit guarding the worker's answer.
 */
import { eq } from "drizzle-orm";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { auditLog, feeCases, feeConfirmations, feeInstalments, grievanceEvents, grievanceRecipients, grievances, organisations, recruiters, shares, suppliers } from "#db/schema";
import { forwardCase } from "~/domain/grievances/cases.server";
import { createChannel } from "~/domain/grievances/channels.server";
import { submitGrievance, type IntakeInput } from "~/domain/grievances/intake.server";
import { channelByToken } from "~/domain/grievances/routing.server";
import { caseFor } from "~/domain/grievances/views.server";
import { companyHome } from "~/domain/home/company.server";
import { companyReportData } from "~/domain/reports/company-report-data.server";
import { SetPlanSchema, type RecordFeeCaseInput } from "~/domain/fees/fees.schemas";
import { feeCaseDetail, feeFile, feeTotals, recordFeeCase, recordInstalmentPaid, setRepaymentPlan } from "~/domain/fees/fees.server";
import { currencyDigits, formatMoney, parseAmount } from "~/domain/fees/money";
import { linkableFeeCases, linkFeeCase, workerConfirmInstalment, workerFeeView } from "~/domain/fees/worker-fees.server";
import { storeEvidence } from "~/lib/evidence.server";
import { onlyRow } from "../../db/client";
import * as feeCasePage from "~/routes/fees.$feeCaseId";
import * as feesIndex from "~/routes/fees._index";
import * as grievancePage from "~/routes/grievances.$grievanceId";
import { createTestDb } from "../support/db";
import { contextFor, get, post, responseOf } from "../support/routes";
import { makeOrgWithRoles } from "../support/factories";

const NOW = Date.UTC(2026, 10, 15, 12); // 15 November 2026
const DAY = 86_400_000;

const uploads = mkdtempSync(path.join(tmpdir(), "fee-ledger-"));
let fileNo = 0;
/** A proof of payment as an upload would hand it over: a small PDF in the incoming folder. */
function proof() {
  const file = path.join(uploads, `upload-${fileNo++}.upload`);
  writeFileSync(file, "%PDF-1.4\n% bank transfer receipt\n");
  return storeEvidence({ path: file, name: "receipt.pdf", size: 30 }, uploads, "proof");
}

const plan = (agreedOn: string, rows: { dueOn: string; amount: string; workers: string }[]) => {
  const form: Record<string, string> = { intent: "plan", agreedOn, note: "" };
  rows.forEach((r, i) => {
    form[`dueOn${i + 1}`] = r.dueOn;
    form[`amount${i + 1}`] = r.amount;
    form[`workers${i + 1}`] = r.workers;
  });
  return SetPlanSchema.parse(form);
};

async function world() {
  const db = createTestDb();
  const company = await makeOrgWithRoles(db, "company");
  const other = await makeOrgWithRoles(db, "company");
  const union = await makeOrgWithRoles(db, "union");
  const inspectorate = await makeOrgWithRoles(db, "inspectorate");
  await db.update(organisations).set({ jurisdictions: ["MY"] }).where(eq(organisations.id, inspectorate.org.id));
  const factory = onlyRow(await db.insert(suppliers).values({ orgId: company.org.id, externalId: "F1", name: "Penang Gloves", country: "MY", workersTotal: 400 }).returning());
  const yard = onlyRow(await db.insert(suppliers).values({ orgId: company.org.id, externalId: "F2", name: "Osaka Shipyard", country: "JP", workersTotal: 120 }).returning());
  const foreign = onlyRow(await db.insert(suppliers).values({ orgId: other.org.id, externalId: "X1", name: "Elsewhere Ltd", country: "MY", workersTotal: 50 }).returning());
  const agency = onlyRow(await db.insert(recruiters).values({ orgId: company.org.id, externalId: "R1", name: "Kathmandu Manpower" }).returning());
  const foreignAgency = onlyRow(await db.insert(recruiters).values({ orgId: other.org.id, externalId: "R9", name: "Other Manpower" }).returning());
  await db.insert(shares).values({ fromOrgId: company.org.id, toOrgId: union.org.id, scope: ["identity", "scores"], filter: {} });
  return { db, company, other, union, inspectorate, factory, yard, foreign, agency, foreignAgency };
}

type World = Awaited<ReturnType<typeof world>>;

const nprCase = (w: World, over: Partial<RecordFeeCaseInput> = {}): RecordFeeCaseInput => ({
  supplierId: String(w.factory.id),
  recruiterId: String(w.agency.id),
  originCountry: "np",
  destinationCountry: "MY",
  currency: "npr",
  amount: "45,000.50",
  workers: "10",
  source: "grievance",
  evidenceNote: "Ten workers showed receipts from the agency in Kathmandu.",
  ...over,
});

describe("amounts as people type them", () => {
  it("reads grouped digits by the currency's minor unit and refuses the rest with a reason", () => {
    expect(currencyDigits("JPY")).toBe(0);
    expect(currencyDigits("NPR")).toBe(2);
    expect(parseAmount("45,000.50", "NPR")).toEqual({ ok: true, minor: 4_500_050 });
    expect(parseAmount("45000", "NPR")).toEqual({ ok: true, minor: 4_500_000 });
    expect(parseAmount("0.29", "USD")).toEqual({ ok: true, minor: 29 });
    expect(parseAmount("¥ 120 000", "JPY")).toEqual({ ok: true, minor: 120_000 });
    expect(parseAmount("NPR 1,000", "NPR")).toEqual({ ok: true, minor: 100_000 });
    const problem = (typed: string, currency = "NPR") => {
      const r = parseAmount(typed, currency);
      return r.ok ? "accepted" : r.problem;
    };
    expect(problem("1.2.3")).toBe("format");
    expect(problem("-5")).toBe("negative");
    expect(problem("")).toBe("required");
    expect(problem("   ")).toBe("required");
    expect(problem("1e9")).toBe("format");
    expect(problem("1,5")).toBe("format");
    expect(problem("12,34,567")).toBe("format");
    expect(problem("100.5", "JPY")).toBe("tooManyDigits");
    expect(problem("1.005")).toBe("tooManyDigits");
    expect(problem("0.00")).toBe("zero");
    expect(problem("99999999999999999999")).toBe("tooLarge");
    expect(problem("abc")).toBe("format");
    expect(formatMoney(4_500_050, "NPR", "en")).toContain("45,000.50");
    expect(formatMoney(120_000, "JPY", "en")).toBe("¥120,000");
  });

  it("refuses each nasty amount beside the amount field, keeps nothing, and names what was expected", async () => {
    const w = await world();
    for (const amount of ["1.2.3", "-5", "", "1e9"]) {
      const refusal = await recordFeeCase(w.db, w.company.member.actor, nprCase(w, { amount }), null).catch((e: unknown) => e);
      expect(refusal, amount).toMatchObject({ name: "Invalid", field: "amount" });
      expect((refusal as Error).message).toMatch(/^fees:errors\.amount\./);
    }
    expect(await recordFeeCase(w.db, w.company.member.actor, nprCase(w, { currency: "XYZ" }), null).catch((e: unknown) => e)).toMatchObject({ field: "currency", message: "fees:errors.currency" });
    expect(await recordFeeCase(w.db, w.company.member.actor, nprCase(w, { workers: "0" }), null).catch((e: unknown) => e)).toMatchObject({ field: "workers" });
    expect(await recordFeeCase(w.db, w.company.member.actor, nprCase(w, { originCountry: "Nepal" }), null).catch((e: unknown) => e)).toMatchObject({ field: "originCountry" });
    expect(await recordFeeCase(w.db, w.company.member.actor, nprCase(w, { evidenceNote: " " }), null).catch((e: unknown) => e)).toMatchObject({ field: "evidenceNote", message: "fees:errors.evidenceRequired" });
    // Another company's supplier or recruiter is refused like an unknown one.
    expect(await recordFeeCase(w.db, w.company.member.actor, nprCase(w, { supplierId: String(w.foreign.id) }), null).catch((e: unknown) => e)).toMatchObject({ field: "supplierId" });
    expect(await recordFeeCase(w.db, w.company.member.actor, nprCase(w, { recruiterId: String(w.foreignAgency.id) }), null).catch((e: unknown) => e)).toMatchObject({ field: "recruiterId" });
    expect(await w.db.select().from(feeCases)).toEqual([]);
    // A viewer may read the ledger, not write it; a union may do neither.
    await expect(recordFeeCase(w.db, w.company.viewer.actor, nprCase(w), null)).rejects.toMatchObject({ name: "Forbidden" });
    await expect(feeTotals(w.db, w.union.member.actor)).rejects.toMatchObject({ name: "Forbidden" });
  });
});

describe("totals, plans and findings", () => {
  it("sums per currency (NPR and JPY), counts partial confirmations, and makes an unpaid instalment past due a finding", async () => {
    const w = await world();
    const m = w.company.member.actor;
    const npr = await recordFeeCase(w.db, m, nprCase(w), null, null, NOW);
    expect(npr).toMatchObject({ currency: "NPR", amountPerWorkerMinor: 4_500_050, workers: 10, originCountry: "NP", recruiterId: w.agency.id });
    const jpy = await recordFeeCase(w.db, m, nprCase(w, { supplierId: String(w.yard.id), recruiterId: "", originCountry: "VN", destinationCountry: "JP", currency: "JPY", amount: "120,000", workers: "4", source: "audit", evidenceNote: "" }), proof(), null, NOW);
    expect(jpy.amountPerWorkerMinor).toBe(120_000);
    expect(jpy.evidenceSha256).toMatch(/^[0-9a-f]{64}$/);

    // NPR: two instalments of five workers each; JPY: one for all four (past due, unpaid).
    await setRepaymentPlan(w.db, m, npr.id, plan("2026-09-01", [
      { dueOn: "2026-10-01", amount: "225,002.50", workers: "5" },
      { dueOn: "2026-12-01", amount: "225002.50", workers: "5" },
    ]), NOW);
    await setRepaymentPlan(w.db, m, jpy.id, plan("2026-09-01", [{ dueOn: "2026-11-01", amount: "480000", workers: "4" }]), NOW);
    const [first, second] = await w.db.select().from(feeInstalments).where(eq(feeInstalments.feeCaseId, npr.id)).orderBy(feeInstalments.dueOn);
    expect(first!.amountMinor).toBe(22_500_250);

    // Paid as planned, with proof; a different amount, a future day or no proof is refused.
    const pay = (amount: string, paidOn: string, file = proof() as ReturnType<typeof proof> | null) => recordInstalmentPaid(w.db, m, npr.id, { intent: "pay", instalmentId: first!.id, paidOn, amount }, file, null, NOW);
    expect(await pay("225,000", "2026-10-01").catch((e: unknown) => e)).toMatchObject({ field: "amount", message: "fees:errors.amountNotPlanned" });
    expect(await pay("225,002.50", "2026-11-17").catch((e: unknown) => e)).toMatchObject({ field: "paidOn", message: "fees:errors.dayFuture" });
    expect(await pay("225,002.50", "2026-02-30").catch((e: unknown) => e)).toMatchObject({ field: "paidOn", message: "fees:errors.day" });
    expect(await pay("225,002.50", "2026-10-01", null).catch((e: unknown) => e)).toMatchObject({ field: "proof" });
    await pay("225,002.50", "2026-10-02");
    expect(await pay("225,002.50", "2026-10-02").catch((e: unknown) => e)).toMatchObject({ name: "Conflict", field: "instalmentId" });

    // A plan that repays more than was identified is refused; the paid instalment survives a new plan.
    expect(await setRepaymentPlan(w.db, m, npr.id, plan("2026-09-01", [{ dueOn: "2026-12-01", amount: "300,000", workers: "5" }]), NOW).catch((e: unknown) => e)).toMatchObject({ field: "form", message: "fees:errors.planExceeds" });
    expect(await setRepaymentPlan(w.db, m, npr.id, plan("2026-09-01", [{ dueOn: "2026-12-01", amount: "1", workers: "11" }]), NOW).catch((e: unknown) => e)).toMatchObject({ field: "workers1", message: "fees:errors.workersMax" });

    // Three of the five workers of the paid instalment confirm through their cases: two "received", one "partly".
    const channel = (await channelByToken(w.db, (await createChannel(w.db, w.company.member.actor, { supplierId: w.factory.id, country: null })).token))!;
    const input: IntakeInput = { categories: ["fees_debt"], since: "2026-05", peopleCount: 10, description: "We paid the agency 45,000 rupees each.", workplaceText: null, country: null, consent: ["union", "company"], textToCompany: false, contact: null, language: "ne" };
    const cases = [];
    for (let i = 0; i < 3; i++) cases.push(await submitGrievance(w.db, { channel, input, ip: `192.0.2.${10 + i}` }, NOW));
    for (const c of cases) await linkFeeCase(w.db, w.union.member.actor, c.id, npr.id, null, NOW);
    await workerConfirmInstalment(w.db, cases[0]!.caseCode, cases[0]!.secret, "192.0.2.10", first!.id, "received", NOW);
    await workerConfirmInstalment(w.db, cases[1]!.caseCode, cases[1]!.secret, "192.0.2.11", first!.id, "received", NOW);
    const view = await workerConfirmInstalment(w.db, cases[2]!.caseCode, cases[2]!.secret, "192.0.2.12", first!.id, "partly", NOW);
    expect(view.instalments).toEqual([{ id: first!.id, paidOn: "2026-10-02", amountMinor: 22_500_250, workers: 5, perWorkerMinor: 4_500_050, answer: "partly" }]);

    const totals = await feeTotals(w.db, w.company.viewer.actor, {}, NOW);
    expect(totals.currencies).toEqual([
      // JPY: 4 × 120,000 identified; nothing repaid; the 1 November instalment is overdue.
      { currency: "JPY", identified: 480_000, repaid: 0, confirmed: 0, overdue: 1, overdueAmount: 480_000 },
      // NPR: 10 × 45,000.50; one instalment paid, 2 of its 5 workers confirmed it: 2/5 of 225,002.50.
      { currency: "NPR", identified: 45_000_500, repaid: 22_500_250, confirmed: 9_000_100, overdue: 0, overdueAmount: 0 },
    ]);
    expect(totals.overdue).toEqual([{ instalmentId: expect.any(Number), feeCaseId: jpy.id, supplierId: w.yard.id, supplierName: "Osaka Shipyard", dueOn: "2026-11-01", amountMinor: 480_000, currency: "JPY" }]);
    expect(totals.suppliers.map((s) => [s.supplierName, s.currencies.map((c) => c.currency)])).toEqual([
      ["Osaka Shipyard", ["JPY"]],
      ["Penang Gloves", ["NPR"]],
    ]);
    // The company home shows the same figures, computed by the same function.
    expect((await companyHome(w.db, w.company.viewer.actor, w.company.org.id, NOW)).fees).toEqual({ currencies: totals.currencies, overdue: 1, workerPaid: { suppliers: 0, withoutCase: 0 }, canRecord: false });
    // The due-diligence report carries the same figures, as of its data date (overdue then).
    const report = await companyReportData(w.db, w.company.member.actor, w.company.org.id, { from: "2026-01-01", to: "2026-12-31" }, NOW);
    expect(report.data.fees).toEqual((await feeTotals(w.db, w.company.viewer.actor, {}, report.dataAsOf)).currencies);
    expect(report.data.fees!.map((c) => c.currency)).toEqual(["JPY", "NPR"]);
    // One supplier only.
    expect((await feeTotals(w.db, w.company.viewer.actor, { supplierId: w.yard.id }, NOW)).currencies.map((c) => c.currency)).toEqual(["JPY"]);
    // The second NPR instalment (due 1 December) is not overdue yet; a month later it is.
    expect((await feeTotals(w.db, w.company.viewer.actor, {}, NOW + 20 * DAY)).overdue.map((o) => o.instalmentId)).toEqual([expect.any(Number), second!.id]);

    // The company sees per instalment how many answered what, never which case.
    const detail = await feeCaseDetail(w.db, w.company.viewer.actor, npr.id, NOW);
    expect(detail.instalments[0]).toMatchObject({ paidOn: "2026-10-02", confirmations: { received: 2, partly: 1, notReceived: 0 }, confirmedMinor: 9_000_100 });
    expect(detail.linkedCases).toBe(3);
    expect(JSON.stringify(detail)).not.toMatch(/caseCode|grievanceId/);
    for (const c of cases) expect(JSON.stringify(detail)).not.toContain(c.caseCode);
    // Nor does its grievance view say which case is linked, or what the worker answered (the union
    // forwarded the case to the company within the worker's consent: a recipient row, as forwarding writes it).
    await w.db.insert(grievanceRecipients).values({ grievanceId: cases[0]!.id, orgId: w.company.org.id, party: "company", reason: "forwarded" });
    const companyView = await caseFor(w.db, w.company.viewer.actor, cases[0]!.id, NOW);
    expect(companyView.feeCaseId).toBeNull();
    expect(companyView.timeline.map((e) => e.type)).not.toContain("fee_confirmed");
    expect(companyView.timeline.map((e) => e.type)).not.toContain("fee_linked");
    // The union that linked it reads the answer on its case.
    const unionView = await caseFor(w.db, w.union.member.actor, cases[2]!.id, NOW);
    expect(unionView.feeCaseId).toBe(npr.id);
    expect(unionView.timeline.find((e) => e.type === "fee_confirmed")?.data).toEqual({ instalmentId: first!.id, answer: "partly" });
    // The company's log names the fee case and the answer, not the case.
    const logged = await w.db.select().from(auditLog).where(eq(auditLog.action, "fee.confirmed"));
    expect(logged).toHaveLength(3);
    expect(logged.every((l) => l.orgId === w.company.org.id && l.targetType === "fee_case" && l.ip === null && !JSON.stringify(l.details).includes("grievance"))).toBe(true);

    // Proof downloads: the company's own; another company's fee case is 404 like a missing one.
    expect((await feeFile(w.db, w.company.viewer.actor, npr.id, first!.id)).name).toBe("receipt.pdf");
    await expect(feeFile(w.db, w.company.viewer.actor, npr.id, second!.id)).rejects.toMatchObject({ name: "NotFound" });
  });

  it("answers 404 for another company's fee case, exactly as for one that does not exist", async () => {
    const w = await world();
    const fee = await recordFeeCase(w.db, w.company.member.actor, nprCase(w), null, null, NOW);
    const stranger = await feeCaseDetail(w.db, w.other.admin.actor, fee.id, NOW).catch((e: unknown) => e);
    const missing = await feeCaseDetail(w.db, w.other.admin.actor, fee.id + 1000, NOW).catch((e: unknown) => e);
    expect(stranger).toMatchObject({ name: "NotFound" });
    expect(missing).toMatchObject({ name: "NotFound" });
    await expect(setRepaymentPlan(w.db, w.other.member.actor, fee.id, plan("2026-09-01", [{ dueOn: "2026-10-01", amount: "1", workers: "1" }]), NOW)).rejects.toMatchObject({ name: "NotFound" });
    await expect(feeFile(w.db, w.other.admin.actor, fee.id, null)).rejects.toMatchObject({ name: "NotFound" });
    expect((await feeTotals(w.db, w.other.admin.actor, {}, NOW)).currencies).toEqual([]);
  });
});

describe("the company home's fee card", () => {
  it("counts the suppliers whose indicators show workers paying recruitment fees, and those still without a fee case", async () => {
    const w = await world();
    const knits = onlyRow(await w.db.insert(suppliers).values({ orgId: w.company.org.id, externalId: "F3", name: "Dhaka Knits", country: "BD", workersTotal: 90 }).returning());
    const unknown = onlyRow(await w.db.insert(suppliers).values({ orgId: w.company.org.id, externalId: "F4", name: "Unasked Ltd", country: "BD", workersTotal: 30 }).returning());
    // Observed "yes" at two suppliers, "no" at one, not asked at another; another company's supplier is not counted.
    await w.db.update(suppliers).set({ indicators: { worker_paid_fees: true } }).where(eq(suppliers.id, w.factory.id));
    await w.db.update(suppliers).set({ indicators: { debt_bondage: true, worker_paid_fees: true } }).where(eq(suppliers.id, w.yard.id));
    await w.db.update(suppliers).set({ indicators: { worker_paid_fees: false, debt_bondage: true } }).where(eq(suppliers.id, knits.id));
    await w.db.update(suppliers).set({ indicators: { recruitment_debt: true } }).where(eq(suppliers.id, unknown.id));
    await w.db.update(suppliers).set({ indicators: { worker_paid_fees: true } }).where(eq(suppliers.id, w.foreign.id));
    const card = async (actor = w.company.viewer.actor) => (await companyHome(w.db, actor, w.company.org.id, NOW)).fees;

    // No case yet: the card has the two suppliers to say, not "nothing recorded" alone; a viewer may not record one.
    expect(await card()).toEqual({ currencies: [], overdue: 0, workerPaid: { suppliers: 2, withoutCase: 2 }, canRecord: false });
    expect((await card(w.company.member.actor)).canRecord).toBe(true);
    // A case for one of them: its totals, and one supplier still without a case.
    await recordFeeCase(w.db, w.company.member.actor, nprCase(w), null, null, NOW);
    const one = await card();
    expect(one.currencies.map((c) => [c.currency, c.identified])).toEqual([["NPR", 45_000_500]]);
    expect(one.workerPaid).toEqual({ suppliers: 2, withoutCase: 1 });
    // A case for the other (and one at a supplier where fees were not observed): none left without a case.
    await recordFeeCase(w.db, w.company.member.actor, nprCase(w, { supplierId: String(w.yard.id), currency: "JPY", amount: "120000" }), null, null, NOW);
    await recordFeeCase(w.db, w.company.member.actor, nprCase(w, { supplierId: String(knits.id) }), null, null, NOW);
    expect((await card()).workerPaid).toEqual({ suppliers: 2, withoutCase: 0 });
    // The other company sees its own supplier only.
    expect((await companyHome(w.db, w.other.viewer.actor, w.other.org.id, NOW)).fees.workerPaid).toEqual({ suppliers: 1, withoutCase: 1 });
  });
});

describe("the worker's confirmation through the case code", () => {
  it("links only within the case's workplace, refuses a wrong secret, and applies the lookup rate limit", async () => {
    const w = await world();
    const fee = await recordFeeCase(w.db, w.company.member.actor, nprCase(w), null, null, NOW);
    const yardFee = await recordFeeCase(w.db, w.company.member.actor, nprCase(w, { supplierId: String(w.yard.id) }), null, null, NOW);
    await setRepaymentPlan(w.db, w.company.member.actor, fee.id, plan("2026-09-01", [{ dueOn: "2026-10-01", amount: "90,001", workers: "2" }, { dueOn: "2026-12-01", amount: "90,001", workers: "2" }]), NOW);
    const [paid, unpaid] = await w.db.select().from(feeInstalments).where(eq(feeInstalments.feeCaseId, fee.id)).orderBy(feeInstalments.dueOn);
    await recordInstalmentPaid(w.db, w.company.member.actor, fee.id, { intent: "pay", instalmentId: paid!.id, paidOn: "2026-10-01", amount: "90001" }, proof(), null, NOW);

    const channel = (await channelByToken(w.db, (await createChannel(w.db, w.company.member.actor, { supplierId: w.factory.id, country: null })).token))!;
    const input: IntakeInput = { categories: ["fees_debt"], since: null, peopleCount: null, description: null, workplaceText: null, country: null, consent: ["union"], textToCompany: false, contact: null, language: "ne" };
    const r = await submitGrievance(w.db, { channel, input, ip: "198.51.100.40" }, NOW);

    // Not linked yet: nothing to answer, and nothing to see.
    expect(await workerFeeView(w.db, { id: r.id })).toBeNull();
    expect(await workerConfirmInstalment(w.db, r.caseCode, r.secret, "198.51.100.40", paid!.id, "received", NOW).catch((e: unknown) => e)).toMatchObject({ name: "Invalid", field: "instalmentId", message: "public:fees.errors.instalment" });

    // Who may link: the union the case reached, to a fee case of the same workplace only.
    await expect(linkFeeCase(w.db, w.company.admin.actor, r.id, fee.id)).rejects.toMatchObject({ name: "Forbidden" });
    await expect(linkFeeCase(w.db, w.union.viewer.actor, r.id, fee.id)).rejects.toMatchObject({ name: "Forbidden" });
    await expect(linkFeeCase(w.db, w.inspectorate.member.actor, r.id, fee.id)).rejects.toMatchObject({ name: "NotFound" });
    await expect(linkFeeCase(w.db, w.union.member.actor, r.id, yardFee.id)).rejects.toMatchObject({ name: "NotFound" });
    expect((await linkableFeeCases(w.db, w.union.member.actor, r.id, NOW)).map((c) => c.id)).toEqual([fee.id]);
    await linkFeeCase(w.db, w.union.member.actor, r.id, fee.id, "203.0.113.9", NOW);
    await linkFeeCase(w.db, w.union.member.actor, r.id, fee.id, "203.0.113.9", NOW);
    expect((await linkableFeeCases(w.db, w.union.member.actor, r.id, NOW))[0]!.linked).toBe(true);
    expect(await w.db.select().from(grievanceEvents).where(eq(grievanceEvents.type, "fee_linked"))).toHaveLength(1);

    // The worker sees the paid instalment only (not the one still due).
    const seen = (await workerFeeView(w.db, { id: r.id }))!;
    expect(seen.instalments.map((i) => i.id)).toEqual([paid!.id]);
    expect(seen.instalments[0]!.perWorkerMinor).toBe(4_500_050);
    expect(await workerConfirmInstalment(w.db, r.caseCode, r.secret, "198.51.100.40", unpaid!.id, "received", NOW).catch((e: unknown) => e)).toMatchObject({ field: "instalmentId" });

    // A wrong secret is refused like an unknown code; nothing is stored.
    expect(await workerConfirmInstalment(w.db, r.caseCode, "AAAA-AAAA-AAAA-AAAA-AAAA", "198.51.100.41", paid!.id, "not_received", NOW).catch((e: unknown) => e)).toMatchObject({ name: "Invalid", message: "public:case.errors.wrong" });
    expect(await w.db.select().from(feeConfirmations)).toEqual([]);

    // The answer, then a changed answer: one row per case and instalment.
    await workerConfirmInstalment(w.db, r.caseCode.toLowerCase(), r.secret, "198.51.100.40", paid!.id, "not_received", NOW);
    await workerConfirmInstalment(w.db, r.caseCode, r.secret, "198.51.100.40", paid!.id, "received", NOW + 1000);
    expect((await w.db.select().from(feeConfirmations)).map((c) => c.answer)).toEqual(["received"]);

    // Every try counts against the client's allowance (20 per 15 minutes), right secret or wrong.
    const ip = "198.51.100.77";
    for (let i = 0; i < 20; i++) await workerConfirmInstalment(w.db, r.caseCode, i % 2 ? r.secret : "WRONG", ip, paid!.id, "received", NOW).catch(() => undefined);
    await expect(workerConfirmInstalment(w.db, r.caseCode, r.secret, ip, paid!.id, "received", NOW)).rejects.toMatchObject({ name: "RateLimited" });
    // Another client is not held up.
    await workerConfirmInstalment(w.db, r.caseCode, r.secret, "198.51.100.78", paid!.id, "partly", NOW);
    expect((await feeCaseDetail(w.db, w.company.viewer.actor, fee.id, NOW)).instalments[0]!.confirmations).toEqual({ received: 0, partly: 1, notReceived: 0 });
  });
});

describe("the pages refuse bad input beside the field, keep it, and store nothing", () => {
  const multipart = (path: string, fields: Record<string, string>, file?: { field: string; name: string; body: string }) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    if (file) form.append(file.field, new Blob([file.body]), file.name);
    return new Request(`http://localhost${path}`, { method: "POST", body: form });
  };

  it("/fees: a nasty amount answers 400 with the amount's message and the typed values; a good one redirects to the case", async () => {
    const w = await world();
    const context = await contextFor(w.db, w.company.member.user.id, w.company.org.id);
    const fields = { supplierId: String(w.factory.id), recruiterId: "", originCountry: "NP", destinationCountry: "MY", currency: "NPR", amount: "1.2.3", workers: "10", source: "audit", evidenceNote: "Receipts." };
    const refused = await responseOf(() => feesIndex.action({ request: multipart("/fees", fields), context, params: {} } as never));
    expect(refused.status).toBe(400);
    const body = (await refused.json()) as { errors: Record<string, string>; values: Record<string, string> };
    expect(body.errors.amount).toContain("1.2.3");
    expect(body.values).toMatchObject({ amount: "1.2.3", originCountry: "NP", evidenceNote: "Receipts." });
    expect(await w.db.select().from(feeCases)).toEqual([]);
    // A file that is no evidence (a web page) is refused beside the file field, nothing stored.
    const page = await responseOf(() => feesIndex.action({ request: multipart("/fees", { ...fields, amount: "45000" }, { field: "evidence", name: "x.html", body: "<html><script>alert(1)</script>" }), context, params: {} } as never));
    expect(page.status).toBe(400);
    expect(((await page.json()) as { errors: Record<string, string> }).errors.evidence).toBeTruthy();
    expect(await w.db.select().from(feeCases)).toEqual([]);
    const done = await responseOf(() => feesIndex.action({ request: multipart("/fees", { ...fields, amount: "45,000" }), context, params: {} } as never));
    expect(done.status).toBe(302);
    const fee = onlyRow(await w.db.select().from(feeCases));
    expect(done.headers.get("Location")).toBe(`/fees/${fee.id}?recorded=1`);
    expect(fee.amountPerWorkerMinor).toBe(4_500_000);

    // /fees/:id: a plan row with a bad day answers beside that row's field, in German for a German reader.
    const de = await contextFor(w.db, w.company.member.user.id, w.company.org.id, "de");
    const plan = await responseOf(() => feeCasePage.action({ request: multipart(`/fees/${fee.id}`, { intent: "plan", agreedOn: "2026-09-01", dueOn1: "2026-10-01", amount1: "100", workers1: "2", dueOn2: "2026-13-01", amount2: "100", workers2: "2" }), context: de, params: { feeCaseId: String(fee.id) } } as never));
    expect(plan.status).toBe(400);
    const planBody = (await plan.json()) as { errors: Record<string, string>; values: Record<string, string>; intent: string };
    expect(planBody.intent).toBe("plan");
    expect(planBody.errors.dueOn2).toContain("JJJJ-MM-TT");
    expect(planBody.values.dueOn2).toBe("2026-13-01");
    expect(await w.db.select().from(feeInstalments)).toEqual([]);
  });
});

describe("the grievance case page links a worker's case to a fee case (intent fee-link)", () => {
  type FeeLinkData = { linked: { id: number; supplierName: string; recruiterName: string | null; origin: string } | null; canLink: boolean; choices: { id: number; supplierName: string; recruiterName: string | null; origin: string; destination: string }[] } | null;
  type Page = { feeLink: FeeLinkData; c: { feeCaseId: number | null; timeline: { type: string; data: Record<string, unknown> }[] } };

  it("offers the workplace's fee cases to the union, links one, and refuses a malformed id, a foreign fee case, a viewer and the company", async () => {
    const w = await world();
    const fee = await recordFeeCase(w.db, w.company.member.actor, nprCase(w), null, null, NOW);
    const second = await recordFeeCase(w.db, w.company.member.actor, nprCase(w, { recruiterId: "", currency: "USD", amount: "1,200" }), null, null, NOW);
    const yardFee = await recordFeeCase(w.db, w.company.member.actor, nprCase(w, { supplierId: String(w.yard.id) }), null, null, NOW);
    const foreignFee = await recordFeeCase(w.db, w.other.member.actor, nprCase(w, { supplierId: String(w.foreign.id), recruiterId: "" }), null, null, NOW);
    const channel = (await channelByToken(w.db, (await createChannel(w.db, w.company.member.actor, { supplierId: w.factory.id, country: null })).token))!;
    const input: IntakeInput = { categories: ["fees_debt"], since: null, peopleCount: null, description: null, workplaceText: null, country: null, consent: ["union", "company"], textToCompany: false, contact: null, language: "ne" };
    const r = await submitGrievance(w.db, { channel, input, ip: "198.51.100.40" }, NOW);
    // The company receives the case too (the worker allowed it).
    await forwardCase(w.db, w.union.member.actor, r.id, "company", NOW);

    const params = { grievanceId: String(r.id) };
    const union = await contextFor(w.db, w.union.member.user.id, w.union.org.id);
    const load = async (ctx: typeof union) => (await (await responseOf(() => grievancePage.loader({ request: get(`/grievances/${r.id}`), context: ctx, params }))).json()) as Page;
    const send = (ctx: typeof union, feeCaseId: string) => responseOf(() => grievancePage.action({ request: post(`/grievances/${r.id}`, { intent: "fee-link", feeCaseId }), context: ctx, params }));
    const linkedId = async () => onlyRow(await w.db.select({ feeCaseId: grievances.feeCaseId }).from(grievances).where(eq(grievances.id, r.id))).feeCaseId;

    // Before: the union's choices are this workplace's fee cases only, each named by supplier, recruiter and corridor.
    const before = await load(union);
    expect(before.feeLink).toMatchObject({ linked: null, canLink: true });
    expect(before.feeLink!.choices.map((c) => c.id)).toEqual([fee.id, second.id]);
    expect(before.feeLink!.choices[0]).toMatchObject({ supplierName: "Penang Gloves", recruiterName: "Kathmandu Manpower", origin: "Nepal", destination: "Malaysia" });
    expect(before.feeLink!.choices[1]!.recruiterName).toBeNull();

    // A malformed id: 400 beside the field, the typed text kept, nothing linked.
    const malformed = await send(union, "twelve");
    expect(malformed.status).toBe(400);
    const body = (await malformed.json()) as { errors: Record<string, string>; values: Record<string, string>; intent: string };
    expect(body).toMatchObject({ intent: "fee-link", errors: { feeCaseId: "Choose a fee case." }, values: { feeCaseId: "twelve" } });
    // Another workplace's fee case, another company's and a missing one: 404, as if they did not exist.
    for (const id of [yardFee.id, foreignFee.id, foreignFee.id + 1000]) expect((await send(union, String(id))).status, String(id)).toBe(404);
    // A union viewer reads the case but does not act (403 before the form is read); the company may not link (403).
    expect((await send(await contextFor(w.db, w.union.viewer.user.id, w.union.org.id), String(fee.id))).status).toBe(403);
    const company = await contextFor(w.db, w.company.admin.user.id, w.company.org.id);
    expect((await send(company, String(fee.id))).status).toBe(403);
    // A union the case never reached: 404.
    const stranger = await makeOrgWithRoles(w.db, "union");
    expect((await send(await contextFor(w.db, stranger.admin.user.id, stranger.org.id), String(fee.id))).status).toBe(404);
    expect(await linkedId()).toBeNull();

    // Linked: back to the case page with the confirmation; the page names the fee case and offers no other.
    const done = await send(union, String(fee.id));
    expect(done.status).toBe(302);
    expect(done.headers.get("Location")).toBe(`/grievances/${r.id}?done=fee-link#timeline`);
    expect(await linkedId()).toBe(fee.id);
    const after = await load(union);
    expect(after.feeLink).toMatchObject({ linked: { id: fee.id, supplierName: "Penang Gloves", recruiterName: "Kathmandu Manpower" }, canLink: false, choices: [] });
    expect(after.c.timeline.find((e) => e.type === "fee_linked")?.data).toEqual({ feeCaseId: fee.id });
    // The union's viewer sees the link too (read-only).
    expect((await load(await contextFor(w.db, w.union.viewer.user.id, w.union.org.id))).feeLink).toMatchObject({ linked: { id: fee.id }, canLink: false });
    // Another fee case now: a conflict beside the field, the first link kept.
    const again = await send(union, String(second.id));
    expect(again.status).toBe(409);
    expect(((await again.json()) as { errors: Record<string, string> }).errors.feeCaseId).toBe(`This case is already linked to fee case ${fee.id}.`);
    expect(await linkedId()).toBe(fee.id);

    // The company's page carries nothing of the link: not the fee case, not the note.
    const companyPage = await load(company);
    expect(companyPage.feeLink).toBeNull();
    expect(companyPage.c.feeCaseId).toBeNull();
    expect(companyPage.c.timeline.map((e) => e.type)).not.toContain("fee_linked");
  });
});
