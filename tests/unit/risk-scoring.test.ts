/**
 * The risk method, version 1 (fixtures/methodology/v1.json), checked factor by factor against
 * hand-computed worked examples, and its promises checked as properties over random inputs.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { INDICATOR_CODES } from "~/domain/indicators";
import { loadMethodologyFile } from "~/domain/risk/default-methodology.server";
import { matchGoods, normaliseTerm } from "~/domain/risk/goods-matching";
import { createHash } from "node:crypto";
import { canonical, hashedInputs, inputsHash } from "~/domain/risk/inputs-hash.server";
import { parseMethodology } from "~/domain/risk/methodology";
import { scoreRecruiter } from "~/domain/risk/score-recruiter";
import { bandOf } from "~/domain/risk/score-common";
import { scoreSupplier } from "~/domain/risk/score-supplier";
import { compactFactors, expandFactors } from "~/domain/risk/stored-factors";
import { BANDS, type RecruiterInputs, type SupplierInputs } from "~/domain/risk/types";
import { sampleReference } from "./support/reference";
import { supplierInputs } from "../support/supplier-inputs";

// Version 1 stays reproducible: its worked examples and properties are checked as they always were.
const m = loadMethodologyFile("fixtures/methodology/v1.json");
const ref = sampleReference();
const seen = (present: boolean) => ({ present, source: "supplier list, import 1", date: "2026-03-04" });

const supplier = supplierInputs;
const contribution = (inputs: SupplierInputs, code: string) => scoreSupplier(inputs, m, ref).factors.find((f) => f.code === code)!.contribution;
const sum = (r: ReturnType<typeof scoreSupplier>) => Math.round(r.factors.reduce((t, f) => t + f.contribution, 0) * 10) / 10;

describe("worked examples, factor by factor", () => {
  it("country: 15 × (goods for forced labour / 5 × 0.4 + law below standard 0.2 + inspectors below ratio 0.2 + advancement)", () => {
    // India: 10 goods (capped at 5) → 0.4; law meets the standard; inspectors unknown; Moderate → 0.1. 15 × 0.5 = 7.5
    expect(contribution(supplier({ country: "IN" }), "country")).toBe(7.5);
    // Thailand: 3/5 × 0.4 = 0.24; inspectors below ratio 0.2; Moderate 0.1 → 0.54 × 15 = 8.1
    expect(contribution(supplier({ country: "TH" }), "country")).toBe(8.1);
    // Colombia: 0 goods; law below standard 0.2; inspectors 0.2; Moderate 0.1 → 0.5 × 15 = 7.5
    expect(contribution(supplier({ country: "CO" }), "country")).toBe(7.5);
    // Malaysia: goods only, 4/5 × 0.4 = 0.32 → 4.8
    expect(contribution(supplier({ country: "MY" }), "country")).toBe(4.8);
    // Germany: not covered by the DOL findings → 0, but known.
    const de = scoreSupplier(supplier({ country: "DE" }), m, ref).factors.find((f) => f.code === "country")!;
    expect([de.contribution, de.known]).toEqual([0, true]);
    expect(de.value).toMatch(/not covered by the DOL findings/);
    const india = scoreSupplier(supplier({ country: "IN" }), m, ref).factors.find((f) => f.code === "country")!;
    expect(india.sources).toEqual(["DOL ILAB Findings on the Worst Forms of Child Labor 2022: India"]);
    expect(india.value).toMatch(/child-labour assessment/);
  });

  it("sector: 10 × the sector's baseline (other sectors 0.3)", () => {
    expect(contribution(supplier({ sector: "Construction" }), "sector")).toBe(9);
    expect(contribution(supplier({ sector: "Agriculture" }), "sector")).toBe(10);
    expect(contribution(supplier({ sector: "Food manufacturing" }), "sector")).toBe(5);
    expect(contribution(supplier({ sector: "Software" }), "sector")).toBe(3);
    expect(scoreSupplier(supplier(), m, ref).factors.find((f) => f.code === "sector")!.known).toBe(false);
  });

  it("commodity: 20 for a good listed for forced labour in the supplier's country, 10 for child labour only, half again for a downstream good", () => {
    const bricks = scoreSupplier(supplier({ country: "IN", products: ["Clay bricks"] }), m, ref).factors.find((f) => f.code === "commodity")!;
    expect(bricks.contribution).toBe(20);
    expect(bricks.sources).toEqual(["DOL TVPRA list 2022: Bricks — India — forced child labour and child labour"]);
    expect(contribution(supplier({ country: "CO", products: ["Green coffee"] }), "commodity")).toBe(10);
    expect(contribution(supplier({ country: "MY", products: ["Electronic components"] }), "commodity")).toBe(10);
    // Shrimp is listed for Thailand, not for India: known, no points.
    const other = scoreSupplier(supplier({ country: "IN", products: ["Shrimp"] }), m, ref).factors.find((f) => f.code === "commodity")!;
    expect([other.contribution, other.known]).toEqual([0, true]);
  });

  it("UFLPA: 5 for a Chinese supplier in a high-priority sector, 0 elsewhere", () => {
    expect(contribution(supplier({ country: "CN", products: ["Cotton yarn"] }), "uflpa")).toBe(5);
    expect(contribution(supplier({ country: "IN", products: ["Cotton yarn"] }), "uflpa")).toBe(0);
    expect(contribution(supplier({ country: "CN", products: ["Rice"] }), "uflpa")).toBe(0);
  });

  it("observed indicators: their weight when present, 0 when absent, unknown otherwise", () => {
    expect(contribution(supplier({ indicators: { debt_bondage: seen(true) } }), "indicator.debt_bondage")).toBe(14);
    expect(contribution(supplier({ indicators: { worker_paid_fees: seen(true) } }), "indicator.worker_paid_fees")).toBe(10);
    expect(contribution(supplier({ indicators: { excessive_overtime: seen(false) } }), "indicator.excessive_overtime")).toBe(0);
    const line = scoreSupplier(supplier({ indicators: { deception: seen(true) } }), m, ref).factors.find((f) => f.code === "indicator.deception")!;
    expect(line.sources).toEqual(["supplier list, import 1, 2026-03-04"]);
    expect(line.value).toBe("yes (supplier list, import 1, 2026-03-04)");
  });

  it("migrant share: 6 × share / 50 %, full from half the workforce", () => {
    expect(contribution(supplier({ migrantShare: 0.25 }), "migrant_share")).toBe(3);
    expect(contribution(supplier({ migrantShare: 0.9 }), "migrant_share")).toBe(6);
  });

  it("linked recruiters: 8 when one has no valid licence, 8 when one charges workers fees; certified recruiters mitigate 4", () => {
    const rs = [
      { licenceStatus: "revoked", feesChargedToWorkers: true, certification: null },
      { licenceStatus: "valid", feesChargedToWorkers: false, certification: "IOM IRIS" },
    ];
    expect(contribution(supplier({ recruiters: rs }), "recruiter_licence")).toBe(8);
    expect(contribution(supplier({ recruiters: rs }), "recruiter_fees")).toBe(8);
    expect(contribution(supplier({ recruiters: rs }), "mitigation.certified_recruiters")).toBe(0);
    const certified = [{ licenceStatus: "valid", feesChargedToWorkers: false, certification: "IOM IRIS" }];
    expect(contribution(supplier({ recruiters: certified }), "mitigation.certified_recruiters")).toBe(-4);
  });

  it("mitigations subtract their weight", () => {
    expect(contribution(supplier({ mitigations: { union_presence: seen(true) } }), "mitigation.union_presence")).toBe(-5);
    expect(contribution(supplier({ mitigations: { recent_audit_clean: seen(true) } }), "mitigation.recent_audit_clean")).toBe(-10);
  });

  it("worked example 1 of docs/methodology.md: a brick kiln in India with debt bondage", () => {
    // country 7.5 + sector (Construction) 9 + commodity 20 + UFLPA 0 + debt bondage 14 + migrants 20 % (6 × 0.4 = 2.4) = 52.9
    const r = scoreSupplier(supplier({ country: "IN", sector: "Construction", products: ["Bricks"], migrantShare: 0.2, indicators: { debt_bondage: seen(true) } }), m, ref);
    expect(r.score).toBe(52.9);
    expect(r.band).toBe("high");
    expect(r.redFlags).toEqual(["debt_bondage"]);
    expect(r.factors.some((f) => f.code === "red_flag_floor")).toBe(false);
  });

  it("worked example 2 of docs/methodology.md: a red flag lifts a low sum to the high band", () => {
    // country 0 (Germany) + sector (Manufacturing) 5 + commodity 0 + retained passports 12 = 17 → floor 50 (+33)
    const r = scoreSupplier(supplier({ country: "DE", sector: "Manufacturing", products: ["Machine parts"], indicators: { retention_of_documents: seen(true) } }), m, ref);
    expect(r.score).toBe(50);
    expect(r.band).toBe("high");
    expect(r.factors.find((f) => f.code === "red_flag_floor")!.contribution).toBe(33);
    expect(sum(r)).toBe(50);
    // Known: country 15 + sector 10 + commodity 20 + UFLPA 5 + retention 12 = 62 of 210 → 0.3
    expect(r.confidence).toBe(0.3);
  });

  it("worked example 3 of docs/methodology.md: a recruiter with a revoked licence that charges fees", () => {
    const inputs: RecruiterInputs = {
      country: "MY",
      licenceStatus: "revoked",
      feesChargedToWorkers: true,
      feeAmount: 1200,
      feeCurrency: "USD",
      certification: null,
      originCountries: ["CO"],
      complaints: 0,
      servedSupplierScores: [52.9, null],
      organisationsUsing: 1,
    };
    // licence 25 + fees 25 + corridor CO (7.5 on 15 → 0.5 × 15 = 7.5) + complaints 0 + served 15 × 0.529 = 7.9 + 1 organisation 0 = 65.4
    const r = scoreRecruiter(inputs, m, ref);
    expect(r.score).toBe(65.4);
    expect(r.band).toBe("high");
    expect(r.redFlags).toEqual(["licence_revoked"]);
    expect(r.confidence).toBe(1);
  });
});

describe("bands and the method's data", () => {
  it("put the band boundaries where the method says", () => {
    expect([24.9, 25, 49.9, 50, 74.9, 75].map((s) => bandOf(s, m.bands))).toEqual(["low", "medium", "medium", "high", "high", "critical"]);
  });

  it("refuse a methodology with bands out of order or a missing weight, naming the field", () => {
    const bad = structuredClone(m) as unknown as Record<string, unknown>;
    (bad as { bands: unknown }).bands = { medium: 50, high: 25, critical: 75 };
    expect(() => parseMethodology(bad)).toThrow(/bands/);
    const noWeight = structuredClone(m) as unknown as { supplier: { sector: { weight?: number } } };
    delete noWeight.supplier.sector.weight;
    expect(() => parseMethodology(noWeight)).toThrow(/supplier\.sector\.weight/);
  });

  it("match products to goods through the synonym table and word runs", () => {
    expect(normaliseTerm("  Crude Palm-Oil (CPO) ")).toBe("crude palm oil cpo");
    expect(matchGoods(["Frozen prawns", "Palm oil", "Software"], ref.productTerms).map((x) => x.goods)).toEqual([["Shrimp"], ["Palm Fruit"], []]);
  });
});

const code = fc.constantFrom(...INDICATOR_CODES);
const observation = fc.record({ present: fc.boolean(), source: fc.constant("test"), date: fc.constant("2026-01-01") });
const supplierArb: fc.Arbitrary<SupplierInputs> = fc.record({
  country: fc.constantFrom("IN", "MY", "CN", "TH", "CO", "DE", "FR", null),
  sector: fc.constantFrom("Agriculture", "Construction", "Fishing", "Software", null),
  products: fc.uniqueArray(fc.constantFrom("Bricks", "Palm oil", "Cotton yarn", "Shrimp", "Coffee", "Machine parts"), { maxLength: 3 }).map((p) => p.sort()),
  workersTotal: fc.option(fc.integer({ min: 0, max: 10_000 })),
  migrantShare: fc.option(fc.double({ min: 0, max: 1, noNaN: true })),
  femaleShare: fc.constant(null),
  indicators: fc.dictionary(code, observation, { maxKeys: 8 }),
  recruiters: fc.array(
    fc.record({ licenceStatus: fc.constantFrom("valid", "expired", "revoked", "none", "unknown"), feesChargedToWorkers: fc.option(fc.boolean()), certification: fc.option(fc.constant("IOM IRIS")) }),
    { maxLength: 3 },
  ),
  mitigations: fc.dictionary(fc.constantFrom("recent_audit_clean", "corrective_actions_closed", "grievance_channel", "union_presence"), observation.map((o) => ({ ...o, present: true })), { maxKeys: 4 }),
});
const rank = (band: string) => (BANDS as readonly string[]).indexOf(band);

describe("properties over random inputs", () => {
  it("adding a risk indicator never lowers the score or the band", () => {
    fc.assert(
      fc.property(supplierArb, code, (inputs, c) => {
        const before = scoreSupplier(inputs, m, ref);
        const after = scoreSupplier({ ...inputs, indicators: { ...inputs.indicators, [c]: seen(true) } }, m, ref);
        return after.score >= before.score && rank(after.band) >= rank(before.band);
      }),
      { numRuns: 500 },
    );
  });

  it("removing a mitigation never lowers the score", () => {
    fc.assert(
      fc.property(supplierArb, (inputs) => {
        const before = scoreSupplier(inputs, m, ref);
        for (const key of Object.keys(inputs.mitigations)) {
          const rest = { ...inputs.mitigations };
          delete rest[key];
          if (scoreSupplier({ ...inputs, mitigations: rest }, m, ref).score < before.score) return false;
        }
        return true;
      }),
      { numRuns: 500 },
    );
  });

  it("the score is the held sum of the breakdown, between 0 and 100, with a red flag at least high", () => {
    fc.assert(
      fc.property(supplierArb, (inputs) => {
        const r = scoreSupplier(inputs, m, ref);
        const held = Math.min(100, Math.max(0, sum(r)));
        const flagged = r.redFlags.length === 0 || r.score >= m.redFlagFloor;
        return Math.abs(held - r.score) < 1e-9 && r.score >= 0 && r.score <= 100 && flagged && r.confidence >= 0 && r.confidence <= 1;
      }),
      { numRuns: 500 },
    );
  });

  it("a breakdown stored compactly reads back exactly as computed", () => {
    fc.assert(
      fc.property(supplierArb, (inputs) => {
        const r = scoreSupplier(inputs, m, ref);
        const stored = JSON.parse(JSON.stringify(compactFactors(r.factors, m, "supplier"))) as unknown[];
        return JSON.stringify(expandFactors(stored, m, "supplier")) === JSON.stringify(r.factors) && stored.length <= r.factors.length;
      }),
      { numRuns: 300 },
    );
    const recruiter = scoreRecruiter({ country: null, licenceStatus: "unknown", feesChargedToWorkers: null, feeAmount: null, feeCurrency: null, certification: null, originCountries: [], complaints: 0, servedSupplierScores: [], organisationsUsing: 1 }, m, ref);
    expect(expandFactors(JSON.parse(JSON.stringify(compactFactors(recruiter.factors, m, "recruiter"))) as unknown[], m, "recruiter")).toEqual(recruiter.factors);
  });

  it("the same inputs give the same result and the same hash, whatever the key order", () => {
    fc.assert(
      fc.property(supplierArb, (inputs) => {
        const reordered = Object.fromEntries(Object.entries(inputs).reverse()) as unknown as SupplierInputs;
        return (
          JSON.stringify(scoreSupplier(inputs, m, ref)) === JSON.stringify(scoreSupplier(reordered, m, ref)) &&
          inputsHash("supplier", inputs, m.version, ref.versionIds) === inputsHash("supplier", reordered, m.version, ref.versionIds)
        );
      }),
      { numRuns: 200 },
    );
    expect(inputsHash("supplier", supplier(), "1.0", [1])).not.toBe(inputsHash("supplier", supplier(), "1.1", [1]));
    // The hash composed from the parts is the hash of the canonical whole (as every stored hash was made).
    const whole = createHash("sha256").update(canonical({ kind: "supplier", inputs: supplier(), methodology: "2.0", references: [3, 1, 7] })).digest("hex");
    expect(inputsHash("supplier", supplier(), "2.0", [3, 1, 7])).toBe(whole);
    expect(JSON.parse(hashedInputs("supplier", supplier(), "2.0", [1]).json)).toEqual(JSON.parse(JSON.stringify(supplier())));
  });
});
