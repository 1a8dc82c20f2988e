/**
 * The risk method, version 2.2 (fixtures/methodology/v2.2.json, decision 031): a supplier's own
 * answers (observations with basis "self-reported") weigh below verified evidence. Checked as
 * properties over random inputs against the real reference tables of a fresh database.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { INDICATOR_CODES } from "~/domain/indicators";
import { loadReferenceData } from "~/domain/reference/reference-data.server";
import { loadMethodologyFile } from "~/domain/risk/default-methodology.server";
import { activeMethodology, ensureDefaultMethodology } from "~/domain/risk/methodology-store.server";
import { indicatorStatus, narrowingQuestions } from "~/domain/risk/narrow-range";
import { scoreSupplier } from "~/domain/risk/score-supplier";
import { compactFactors, expandFactors } from "~/domain/risk/stored-factors";
import { BANDS, type ObservedIndicator, type ScoreResult, type SupplierInputs } from "~/domain/risk/types";
import { rawAll, rawRun } from "../../db/client";
import { createTestDb } from "../support/db";
import { supplierInputs as supplier } from "../support/supplier-inputs";

const db = createTestDb();
const m = (await activeMethodology(db)).methodology;
const v21 = loadMethodologyFile("fixtures/methodology/v2.1.json");
const ref = await loadReferenceData(db);
const credit = m.selfReported!.credit;

const verified = (present: boolean): ObservedIndicator => ({ present, source: "audit of 2026-11-02", date: "2026-11-02" });
const own = (present: boolean): ObservedIndicator => ({ present, source: "questionnaire 3", date: "2026-12-02", basis: "self-reported" });
const sum = (r: ScoreResult) => Math.round(r.factors.reduce((t, f) => t + f.contribution, 0) * 10) / 10 + 0;
const width = (r: ScoreResult) => Math.round((r.range.high - r.range.low) * 10) / 10;
const rank = (band: string) => (BANDS as readonly string[]).indexOf(band);
const line = (r: ScoreResult, code: string) => r.factors.find((f) => f.code === code)!;
const glove = supplier({ country: "MY", sector: "Manufacturing", products: ["Rubber gloves"] });

const basis = fc.constantFrom<ObservedIndicator["basis"]>(undefined, "verified", "self-reported");
const observation = fc.record({ present: fc.boolean(), source: fc.constant("supplier list, import 1"), date: fc.constant("2026-03-04"), basis }).map(({ basis: b, ...o }) => (b ? { ...o, basis: b } : o));
const supplierArb: fc.Arbitrary<SupplierInputs> = fc.record({
  country: fc.option(fc.constantFrom("IN", "MY", "CN", "TH", "CO", "DE", "DK", "BR", "UZ", "QA"), { nil: null }),
  sector: fc.constantFrom(null, "Software", "Manufacturing", "Agriculture", "Fishing", "Textiles", "Mining", "Electronics"),
  products: fc.subarray(["Bricks", "Palm oil", "Cotton", "Shrimp", "Rubber gloves", "Polysilicon", "Machine parts", "Garments"]),
  workersTotal: fc.constant(null),
  migrantShare: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }),
  femaleShare: fc.constant(null),
  indicators: fc.dictionary(fc.constantFrom(...INDICATOR_CODES), observation, { maxKeys: 10 }),
  recruiters: fc.array(fc.record({ licenceStatus: fc.constantFrom("valid", "revoked", "unknown"), feesChargedToWorkers: fc.option(fc.boolean(), { nil: null }), certification: fc.constant(null) }), { maxLength: 2 }),
  mitigations: fc.dictionary(fc.constantFrom("recent_audit_clean", "corrective_actions_closed", "grievance_channel", "union_presence"), observation, { maxKeys: 4 }),
  address: fc.option(fc.constantFrom("Nantong, Jiangsu", "Aksu Prefecture, Xinjiang", "Dorfstraße 5, Michendorf"), { nil: undefined }),
});
/** A supplier and one indicator it has no observation of. */
const withUnobserved = fc.tuple(supplierArb, fc.constantFrom(...INDICATOR_CODES)).map(([s, code]) => {
  const { [code]: _dropped, ...indicators } = s.indicators;
  return [{ ...s, indicators }, code] as const;
});

describe("methodology version 2.2 (self-reported answers below verified evidence)", () => {
  it("ships a credit below 1 with its rationale, and holds the band", () => {
    expect(credit).toBeGreaterThan(0);
    expect(credit).toBeLessThan(1);
    expect(m.selfReported!.rationale).toMatch(/never to certainty/);
    expect(m.selfReported!.holdsBand).toBe(true);
  });

  it("a self-reported absence scores between a verified absence and unknown; its range is never wider than unknown's nor narrower than the verified one's; confidence likewise", () => {
    fc.assert(
      fc.property(withUnobserved, ([inputs, code]) => {
        const unknown = scoreSupplier(inputs, m, ref);
        const said = scoreSupplier({ ...inputs, indicators: { ...inputs.indicators, [code]: own(false) } }, m, ref);
        const checked = scoreSupplier({ ...inputs, indicators: { ...inputs.indicators, [code]: verified(false) } }, m, ref);
        expect(said.score).toBeLessThanOrEqual(unknown.score);
        expect(said.score).toBeGreaterThanOrEqual(checked.score);
        expect(rank(said.band)).toBeLessThanOrEqual(rank(unknown.band));
        expect(rank(said.band)).toBeGreaterThanOrEqual(rank(checked.band));
        expect(width(said)).toBeLessThanOrEqual(width(unknown));
        expect(width(said)).toBeGreaterThanOrEqual(width(checked));
        expect(said.confidence).toBeGreaterThanOrEqual(unknown.confidence);
        expect(said.confidence).toBeLessThanOrEqual(checked.confidence);
        // The line: weight × prior × (1 − credit), never certain, the answer first in its value.
        const mine = line(said, `indicator.${code}`);
        expect(mine).toMatchObject({ known: false, basis: "self-reported", credit });
        expect(mine.contribution).toBeLessThanOrEqual(line(unknown, `indicator.${code}`).contribution);
        expect(Math.abs(mine.contribution - line(unknown, `indicator.${code}`).contribution * (1 - credit))).toBeLessThanOrEqual(0.1);
        expect(mine.value.startsWith("no (self-reported, questionnaire 3, 2026-12-02)")).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it("a self-reported present counts exactly as a verified present: full weight, the red flag and its floor", () => {
    fc.assert(
      fc.property(withUnobserved, ([inputs, code]) => {
        const said = scoreSupplier({ ...inputs, indicators: { ...inputs.indicators, [code]: own(true) } }, m, ref);
        const checked = scoreSupplier({ ...inputs, indicators: { ...inputs.indicators, [code]: verified(true) } }, m, ref);
        expect([said.score, said.band, said.range, said.confidence, said.redFlags]).toEqual([checked.score, checked.band, checked.range, checked.confidence, checked.redFlags]);
        expect(said.factors.map((f) => f.contribution)).toEqual(checked.factors.map((f) => f.contribution));
        expect(line(said, `indicator.${code}`)).toMatchObject({ known: true, basis: "self-reported", value: "yes (self-reported, questionnaire 3, 2026-12-02)" });
      }),
      { numRuns: 300 },
    );
    const admitted = scoreSupplier({ ...supplier({ country: "DE", sector: "Software" }), indicators: { retention_of_documents: own(true) } }, m, ref);
    expect(admitted.redFlags).toEqual(["retention_of_documents"]);
    expect(admitted.score).toBeGreaterThanOrEqual(m.redFlagFloor);
  });

  it("the lines still add up to the score, inside its range, whatever the mix of bases, and store compactly", () => {
    fc.assert(
      fc.property(supplierArb, (inputs) => {
        const r = scoreSupplier(inputs, m, ref);
        expect(sum(r)).toBe(r.score);
        expect(r.range.low).toBeLessThanOrEqual(r.score);
        expect(r.score).toBeLessThanOrEqual(r.range.high);
        expect(r.confidence).toBeGreaterThanOrEqual(0);
        expect(r.confidence).toBeLessThanOrEqual(1);
        expect(expandFactors(JSON.parse(JSON.stringify(compactFactors(r.factors, m, "supplier"))) as unknown[], m, "supplier")).toEqual(r.factors);
      }),
      { numRuns: 400 },
    );
  });

  it("a self-reported mitigation counts credit × its points; a verified one its full points", () => {
    const said = scoreSupplier({ ...glove, indicators: { debt_bondage: verified(false) }, mitigations: { union_presence: own(true) } }, m, ref);
    const checked = scoreSupplier({ ...glove, indicators: { debt_bondage: verified(false) }, mitigations: { union_presence: verified(true) } }, m, ref);
    const weight = m.supplier.mitigations.find((x) => x.code === "union_presence")!.weight;
    expect(line(checked, "mitigation.union_presence").contribution).toBe(-weight);
    expect(line(said, "mitigation.union_presence")).toMatchObject({ contribution: -weight * credit, basis: "self-reported", value: "yes (self-reported, questionnaire 3, 2026-12-02)" });
  });

  it("worked example (docs/methodology.md): the glove maker answers no to every indicator and claims every mitigation: lower, narrower, more confident, still high (held in its band)", () => {
    const before = scoreSupplier(glove, m, ref);
    const denied = { ...glove, indicators: Object.fromEntries(INDICATOR_CODES.map((c) => [c, own(false)])), mitigations: Object.fromEntries(m.supplier.mitigations.map((x) => [x.code, own(true)])) };
    const after = scoreSupplier(denied, m, ref);
    expect([before.score, before.band, before.confidence]).toEqual([63.1, "high", 0.24]);
    expect([after.score, after.band, after.confidence]).toEqual([50, "high", 0.57]);
    expect(line(after, "indicator.debt_bondage").value).toBe(
      "no (self-reported, questionnaire 3, 2026-12-02): counts 0.5 of the expected 0.28 from base 0.02 + TVPRA forced-labour listing (Rubber Gloves — Malaysia) 0.25 + Country context (MY 0.32) 0.013 + Sector baseline (Manufacturing: Manufacturing (baseline 0.5)) 0.015 (noisy-OR)",
    );
    expect(line(after, "indicator.debt_bondage").contribution).toBe(2);
    const hold = line(after, "self_reported_floor");
    expect(hold.value).toMatch(/^without the supplier's 21 self-reported answers the score would be 63\.1 \(the "high" band\)/);
    expect(hold.contribution).toBeGreaterThan(0);
    // Without the hold its own word would have taken it to medium: the hold is what keeps it high.
    const unheld = scoreSupplier(denied, { ...m, selfReported: { ...m.selfReported!, holdsBand: false } }, ref);
    expect(unheld.band).toBe("medium");
    expect(unheld.factors.some((f) => f.code === "self_reported_floor")).toBe(false);
    // The range is what the score becomes once verified: the hold is not in it.
    expect(after.range).toEqual(unheld.range);
    // A verified audit of the same indicators replaces the answers and may lower the band.
    const audited = scoreSupplier({ ...glove, indicators: Object.fromEntries(INDICATOR_CODES.map((c) => [c, verified(false)])), mitigations: { recent_audit_clean: verified(true) } }, m, ref);
    expect(audited.band).toBe("low");
  });

  it("the why panel and the questions read a self-reported absence: its status says so, and a verified answer still narrows it by weight × (1 − credit)", () => {
    const r = scoreSupplier({ ...glove, indicators: { debt_bondage: own(false) } }, m, ref);
    expect(indicatorStatus(line(r, "indicator.debt_bondage"))).toBe("self-reported absent (prior 0.28 × 0.5)");
    const questions = narrowingQuestions(r.factors, 40);
    expect(questions.find((q) => q.code === "debt_bondage")!.narrowsBy).toBe(14 * (1 - credit));
    expect(questions[0]!.code).not.toBe("debt_bondage");
  });

  it("a version without the self-reported section (2.1) gives a supplier's absence no credit and keeps its present", () => {
    const r = scoreSupplier({ ...glove, indicators: { debt_bondage: own(false), deception: own(true) } }, v21, ref);
    const unknown = scoreSupplier({ ...glove, indicators: { deception: verified(true) } }, v21, ref);
    expect([r.score, r.range, r.confidence]).toEqual([unknown.score, unknown.range, unknown.confidence]);
    expect(line(r, "indicator.debt_bondage").contribution).toBe(line(unknown, "indicator.debt_bondage").contribution);
    // Inputs without a self-reported answer score exactly as under 2.1 (2.2 changes nothing else).
    fc.assert(
      fc.property(supplierArb, (inputs) => {
        const plain = { ...inputs, indicators: Object.fromEntries(Object.entries(inputs.indicators).filter(([, o]) => o.basis !== "self-reported")), mitigations: Object.fromEntries(Object.entries(inputs.mitigations).filter(([, o]) => o.basis !== "self-reported")) };
        const a = scoreSupplier(plain, m, ref);
        const b = scoreSupplier(plain, v21, ref);
        expect([a.score, a.band, a.range, a.confidence, a.factors]).toEqual([b.score, b.band, b.range, b.confidence, b.factors]);
      }),
      { numRuns: 200 },
    );
  });

  it("a database created before 2.2 gets it as a draft on its next start (2.1 stays active until the administrator activates 2.2); a new one starts on it", async () => {
    const other = createTestDb();
    expect((await activeMethodology(other)).version).toBe("2.2");
    await rawRun(other, `delete from methodologies where version = '2.2'`);
    await rawRun(other, `update methodologies set status = 'active' where version = '2.1'`);
    await ensureDefaultMethodology(other);
    expect(await rawAll(other, `select version, status from methodologies order by id`)).toEqual([
      { version: "1.0", status: "retired" },
      { version: "2.0", status: "retired" },
      { version: "2.1", status: "active" },
      { version: "2.2", status: "draft" },
    ]);
    await ensureDefaultMethodology(other);
    expect(await rawAll(other, `select count(*) as n from methodologies where version = '2.2'`)).toEqual([{ n: 1 }]);
  });
});
