/**
 * The risk method, version 2 (fixtures/methodology/v2.json): unknown is not safe. Checked as
 * properties over random inputs against the real reference tables of a fresh database (the DOL
 * TVPRA list 2022, the DOL findings, the UFLPA sectors and the region rules).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { INDICATOR_CODES } from "~/domain/indicators";
import { loadReferenceData } from "~/domain/reference/reference-data.server";
import { loadMethodologyFile } from "~/domain/risk/default-methodology.server";
import { activeMethodology } from "~/domain/risk/methodology-store.server";
import { matchRegion } from "~/domain/risk/regions";
import { scoreRecruiter } from "~/domain/risk/score-recruiter";
import { scoreSupplier } from "~/domain/risk/score-supplier";
import { compactFactors, expandFactors } from "~/domain/risk/stored-factors";
import { BANDS, type ObservedIndicator } from "~/domain/risk/types";
import { rangeText } from "~/components/risk/band-badge";
import { suppliers } from "#db/schema";
import { listSuppliers } from "~/domain/suppliers/suppliers.server";
import { storedScore } from "~/domain/risk/score-history.server";
import { scoreOrganisation } from "~/domain/risk/scoring.server";
import { createTestDb } from "../support/db";
import { makeOrgWithRoles } from "../support/factories";
import { supplierInputs } from "../support/supplier-inputs";
import { onlyRow, rawAll } from "../../db/client";

const db = createTestDb();
const active = await activeMethodology(db);
const m = active.methodology;
const ref = await loadReferenceData(db);

const seen = (present: boolean): ObservedIndicator => ({ present, source: "audit of 2026-11-02", date: "2026-11-02" });
const supplier = supplierInputs;
const sum = (r: ReturnType<typeof scoreSupplier>) => Math.round(r.factors.reduce((t, f) => t + f.contribution, 0) * 10) / 10 + 0;
const rank = (band: string) => (BANDS as readonly string[]).indexOf(band);

/** Every (country, good) the TVPRA list names for forced labour (or forced child labour). */
const forcedPairs = [...ref.goodsByCountry.values()].flat().filter((g) => (g.forcedLabour || g.forcedChildLabour) && !g.downstream);
const sectors = [null, "Software", "Manufacturing", "Logistics", "Agriculture", "Fishing", "Textiles", "Mining", "Hospitality", "Electronics"];
const xj = ref.regions.find((r) => r.code === "CN-XJ")!;
const cleanAudit = Object.fromEntries(INDICATOR_CODES.map((c) => [c, seen(false)]));

const observation = fc.record({ present: fc.boolean(), source: fc.constant("supplier list, import 1"), date: fc.constant("2026-03-04") });
const supplierArb = fc.record({
  country: fc.option(fc.constantFrom("IN", "MY", "CN", "TH", "CO", "DE", "DK", "BR", "UZ", "QA"), { nil: null }),
  sector: fc.constantFrom(...sectors),
  products: fc.subarray(["Bricks", "Palm oil", "Cotton", "Shrimp", "Coffee", "Rubber gloves", "Polysilicon", "Machine parts", "Garments"]),
  workersTotal: fc.constant(null),
  migrantShare: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }),
  femaleShare: fc.constant(null),
  indicators: fc.dictionary(fc.constantFrom(...INDICATOR_CODES), observation, { maxKeys: 8 }),
  recruiters: fc.array(fc.record({ licenceStatus: fc.constantFrom("valid", "revoked", "expired", "none", "unknown"), feesChargedToWorkers: fc.option(fc.boolean(), { nil: null }), certification: fc.option(fc.constant("IRIS"), { nil: null }) }), { maxLength: 2 }),
  mitigations: fc.dictionary(fc.constantFrom("recent_audit_clean", "corrective_actions_closed", "grievance_channel", "union_presence"), observation.map((o) => ({ ...o, present: true })), { maxKeys: 4 }),
  address: fc.option(fc.constantFrom("Nantong, Jiangsu", "Aksu Prefecture, Xinjiang", "GT Road, Amritsar", "乌鲁木齐市天山区", "Dorfstraße 5, Michendorf"), { nil: undefined }),
});

describe("methodology version 2 (unknown is not safe)", () => {
  it("is the active method of a new database (2.2, which weighs self-reported answers), versions 1.0, 2.0 and 2.1 kept retired for reproducibility", async () => {
    expect(active.version).toBe("2.2");
    const rows = await rawAll(db, `select version, status from methodologies order by id`);
    expect(rows).toEqual([
      { version: "1.0", status: "retired" },
      { version: "2.0", status: "retired" },
      { version: "2.1", status: "retired" },
      { version: "2.2", status: "active" },
    ]);
    // 2.1 is 2.0 with recruiter priors: the supplier side is the same definition, so supplier scores do not move.
    const v20 = loadMethodologyFile("fixtures/methodology/v2.json");
    const v21 = loadMethodologyFile("fixtures/methodology/v2.1.json");
    expect({ ...v21, version: "", name: "", summary: "", recruiter: { ...v21.recruiter, priors: undefined } }).toEqual({ ...v20, version: "", name: "", summary: "", recruiter: { ...v20.recruiter, priors: undefined } });
    // 2.2 is 2.1 with the self-reported section: inputs without a self-reported answer score as under 2.1.
    expect({ ...active.methodology, version: "", name: "", effective: "", summary: "", selfReported: undefined }).toEqual({ ...v21, version: "", name: "", effective: "", summary: "" });
    expect(forcedPairs.length).toBeGreaterThan(100);
  });

  it("2.1: a recruiter's unknown licence and fee practice are not safe; recording them replaces the prior; 2.0 left them at 0", () => {
    const agency = { country: "NP", licenceStatus: "unknown", feesChargedToWorkers: null, feeAmount: null, feeCurrency: null, certification: null, originCountries: ["NP"], complaints: 0, servedSupplierScores: [], organisationsUsing: 1 };
    const unknown = scoreRecruiter(agency, m, ref);
    const line = (r: typeof unknown, code: string) => r.factors.find((f) => f.code === code)!;
    expect(line(unknown, "fees")).toMatchObject({ known: false });
    expect(line(unknown, "fees").contribution).toBeGreaterThan(0);
    expect(line(unknown, "fees").value).toMatch(/^unknown: expected 0\.\d\d from base 0\.2 \+ riskiest corridor \(NP [\d.]+\) [\d.]+ \(noisy-OR\)$/);
    expect(line(unknown, "licence").contribution).toBeGreaterThan(0);
    // The sum of the lines is the score; the top of the range counts a possibly revoked licence (a red flag).
    expect(Math.round(unknown.factors.reduce((t, f) => t + f.contribution, 0) * 10) / 10).toBe(unknown.score);
    expect(unknown.range.high).toBeGreaterThanOrEqual(m.redFlagFloor);
    const v20 = loadMethodologyFile("fixtures/methodology/v2.json");
    const before = scoreRecruiter(agency, v20, ref);
    expect(line(before, "fees").contribution).toBe(0);
    expect(unknown.score).toBeGreaterThan(before.score);
    // Recorded: a valid licence and no fees score below the unknown; fees charged score above it.
    const clean = scoreRecruiter({ ...agency, licenceStatus: "valid", feesChargedToWorkers: false }, m, ref);
    const charging = scoreRecruiter({ ...agency, licenceStatus: "valid", feesChargedToWorkers: true }, m, ref);
    expect(clean.score).toBeLessThan(unknown.score);
    expect(charging.score).toBeGreaterThan(clean.score);
    expect(line(clean, "fees").contribution).toBe(0);
  });

  it("worked example of docs/methodology.md (version 2): a Malaysian rubber-glove maker, nothing observed, then audited clean", () => {
    const glove = supplier({ country: "MY", sector: "Manufacturing", products: ["Rubber gloves"] });
    const r = scoreSupplier(glove, m, ref);
    const line = (code: string) => r.factors.find((f) => f.code === code)!;
    expect([line("country").contribution, line("sector").contribution, line("commodity").contribution]).toEqual([4.8, 5, 20]);
    expect(line("indicator.debt_bondage")).toMatchObject({ contribution: 4, known: false });
    expect(line("indicator.debt_bondage").value).toBe(
      "unknown: expected 0.28 from base 0.02 + TVPRA forced-labour listing (Rubber Gloves — Malaysia) 0.25 + Country context (MY 0.32) 0.013 + Sector baseline (Manufacturing: Manufacturing (baseline 0.5)) 0.015 (noisy-OR)",
    );
    expect(line("indicator.restriction_of_movement").contribution).toBe(1.2);
    expect([r.score, r.band, r.confidence, r.range]).toEqual([63.1, "high", 0.24, { low: 29.8, high: 100 }]);
    const audited = scoreSupplier({ ...glove, indicators: cleanAudit, mitigations: { recent_audit_clean: seen(true) } }, m, ref);
    expect([audited.score, audited.band, audited.confidence, audited.range]).toEqual([22.5, "low", 0.9, { low: 19.8, high: 41.8 }]);
  });

  it("a supplier in a country–good pair listed by the TVPRA list for forced labour, with nothing observed, is at least high; an audit that found no indicator lowers it", () => {
    fc.assert(
      fc.property(fc.constantFrom(...forcedPairs), fc.constantFrom(...sectors), (pair, sector) => {
        const inputs = supplier({ country: pair.country, sector, products: [pair.good] });
        const r = scoreSupplier(inputs, m, ref);
        expect(rank(r.band), `${pair.good} — ${pair.country}: ${r.score}`).toBeGreaterThanOrEqual(rank("high"));
        expect(r.range.low).toBeLessThanOrEqual(r.score);
        expect(r.range.high).toBeGreaterThanOrEqual(r.score);
        const audited = scoreSupplier({ ...inputs, indicators: cleanAudit, mitigations: { recent_audit_clean: seen(true) } }, m, ref);
        expect(audited.score).toBeLessThan(r.score);
        expect(audited.confidence).toBeGreaterThan(r.confidence);
      }),
      { numRuns: 400 },
    );
  });

  it("a supplier producing in the Xinjiang Uyghur Autonomous Region is critical whatever else is known, a red flag citing UFLPA §3", () => {
    const spelled = fc.constantFrom(...xj.patterns);
    fc.assert(
      fc.property(supplierArb, spelled, fc.constantFrom("address", "region"), fc.boolean(), (inputs, name, field, knownCountry) => {
        const where = field === "address" ? { address: `No. 8 Industrial Road, ${name} 830000` } : { region: name };
        const r = scoreSupplier({ ...inputs, country: knownCountry ? "CN" : null, address: undefined, ...where }, m, ref);
        expect(r.band).toBe("critical");
        expect(r.redFlags).toContain("region.CN-XJ");
        const line = r.factors.find((f) => f.code === "region")!;
        expect(line.redFlag).toBe(true);
        expect(line.sources.join(" ")).toMatch(/Pub\. L\. 117-78, §3/);
        expect(sum(r)).toBe(r.score);
      }),
      { numRuns: 300 },
    );
  });

  it("recognises the region from names, spellings, Chinese and ISO 3166-2 codes, showing the matched text", () => {
    const at = (address: string, country: string | null = "CN", region?: string) => matchRegion({ country, address, region }, ref.regions);
    expect(at("Room 5, 88 Beijing Rd, Ürümqi 830000")?.text).toBe("Ürümqi");
    expect(at("Hetian County, Hotan Prefecture")?.text).toBe("Hetian");
    expect(at("新疆维吾尔自治区乌鲁木齐市")?.text).toBe("新疆维吾尔自治区");
    expect(at("Shihezi Economic Development Zone")?.text).toBe("Shihezi");
    expect(at("", "CN", "CN-XJ")).toMatchObject({ field: "region", text: "CN-XJ" });
    expect(at("Aksu, Kazakhstan", "KZ")).toBeNull();
    expect(at("Nantong, Jiangsu")).toBeNull();
    expect(at("Kashgarian Street 4, Shanghai")).toBeNull();
    const r = scoreSupplier(supplier({ country: "CN", sector: "Agriculture", products: ["Cotton"], address: "Aksu Prefecture, Xinjiang" }), m, ref);
    expect(r.factors.find((f) => f.code === "region")!.value).toMatch(/^CN-XJ Xinjiang Uyghur Autonomous Region: "(Aksu|Xinjiang)" in the address/);
    // A supplier there that nothing else marks is lifted by a floor line of its own.
    const bare = scoreSupplier(supplier({ country: "CN", address: "88 Beijing Rd, Ürümqi" }), m, ref);
    expect(bare.factors.find((f) => f.code === "region_floor")).toMatchObject({ label: "Region floor: Xinjiang Uyghur Autonomous Region" });
    expect([bare.score, bare.band, sum(bare)]).toEqual([75, "critical", 75]);
  });

  it("low-risk contexts (no listed good, high-income OECD country, low-exposure sector) stay low", () => {
    const oecd = ["DE", "DK", "FR", "NL", "SE", "NO", "FI", "AT", "BE", "CH", "JP", "AU", "NZ", "CA", "GB", "IE", "LU", "IS"].filter((c) => !ref.goodsByCountry.has(c));
    expect(oecd.length).toBeGreaterThan(10);
    fc.assert(
      fc.property(
        fc.constantFrom(...oecd),
        fc.constantFrom("Manufacturing", "Machining", "Logistics", "Dairy", "Software", "Engineering services"),
        fc.subarray(["Machine parts", "Milk", "Cheese", "Bearings", "Software licences"]),
        fc.dictionary(fc.constantFrom(...INDICATOR_CODES), fc.constant(seen(false)), { maxKeys: 6 }),
        (country, sector, products, absent) => {
          const r = scoreSupplier(supplier({ country, sector, products, indicators: absent }), m, ref);
          expect(r.band, `${country} ${sector}: ${r.score}`).toBe("low");
        },
      ),
      { numRuns: 300 },
    );
  });

  it("adding evidence of an indicator never lowers the score or the band", () => {
    fc.assert(
      fc.property(supplierArb, fc.constantFrom(...INDICATOR_CODES), (inputs, code) => {
        const before = scoreSupplier(inputs, m, ref);
        const after = scoreSupplier({ ...inputs, indicators: { ...inputs.indicators, [code]: seen(true) } }, m, ref);
        return after.score >= before.score && rank(after.band) >= rank(before.band);
      }),
      { numRuns: 500 },
    );
  });

  it("the sum of the breakdown is the score (floors and the 0–100 hold are lines), inside its range, and stores compactly", () => {
    fc.assert(
      fc.property(supplierArb, (inputs) => {
        const r = scoreSupplier(inputs, m, ref);
        expect(sum(r)).toBe(r.score);
        expect(r.score).toBeGreaterThanOrEqual(0);
        expect(r.score).toBeLessThanOrEqual(100);
        expect(r.range.low).toBeLessThanOrEqual(r.score);
        expect(r.score).toBeLessThanOrEqual(r.range.high);
        expect(expandFactors(JSON.parse(JSON.stringify(compactFactors(r.factors, m, "supplier"))) as unknown[], m, "supplier")).toEqual(r.factors);
      }),
      { numRuns: 500 },
    );
  });

  it("a score held at 0 is 0, never -0 (a counterexample the property above once drew)", () => {
    const seen = { present: true, source: "supplier list, import 1", date: "2026-03-04" };
    const r = scoreSupplier(
      { country: "CN", sector: "Logistics", products: [], workersTotal: null, migrantShare: 0, femaleShare: null, indicators: {}, recruiters: [], mitigations: { recent_audit_clean: seen, union_presence: seen, grievance_channel: seen }, address: undefined },
      m,
      ref,
    );
    expect(Object.is(r.score, 0)).toBe(true);
    expect(sum(r)).toBe(r.score);
  });

  it("stores the range with every score and shows it with the confidence beside the band; a region column is read like the address", async () => {
    const fresh = createTestDb();
    const company = await makeOrgWithRoles(fresh, "company");
    const add = async (externalId: string, values: Partial<typeof suppliers.$inferInsert>) => onlyRow(await fresh.insert(suppliers).values({ orgId: company.org.id, externalId, name: externalId, ...values }).returning());
    const glove = await add("GLOVE", { country: "MY", sector: "Manufacturing", products: ["Rubber gloves"], address: "Lot 5, Klang, Selangor" });
    const pvc = await add("PVC", { country: "CN", sector: "Chemicals", products: ["PVC resin"], region: "新疆" });
    await scoreOrganisation(fresh, company.org.id, { cause: "test" });
    const rows = (await listSuppliers(fresh, company.viewer.actor, company.org.id)).rows;
    const g = rows.find((r) => r.id === glove.id)!;
    expect(g.riskBand).toBe("high");
    expect(g.riskScoreLow).toBeLessThan(g.riskScore!);
    expect(g.riskScoreHigh).toBeGreaterThan(g.riskScore!);
    expect(rangeText(g.riskScoreLow, g.riskScoreHigh, g.riskConfidence)).toMatch(/^range \d+\.\d–\d+\.\d · \d+ % observed$/);
    const p = rows.find((r) => r.id === pvc.id)!;
    expect([p.riskBand, p.riskRedFlags]).toEqual(["critical", 1]);
    const stored = (await storedScore(fresh, company.org.id, "supplier", pvc.id, (await fresh.select().from(suppliers)).find((x) => x.id === pvc.id)!.riskScoreId))!;
    expect(stored.factors.find((f) => f.code === "region")!.value).toBe('CN-XJ Xinjiang Uyghur Autonomous Region: "新疆" in the region column; at least critical');
    expect(stored.scoreLow).toBe(75);
  });
});
