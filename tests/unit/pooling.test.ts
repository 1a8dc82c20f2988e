/** Pooling small groups into wider categories before suppressing what is still too small. */
import { describe, expect, it } from "vitest";
import { poolThenSuppress } from "~/domain/reports/pooling";
import { m49Of, M49_SUB_REGIONS } from "~/domain/reference/m49-regions";
import { sectorFamilyOf } from "~/domain/reports/sector-families";
import { countriesByAlpha2 } from "~/domain/reference/countries.server";

type G = { label: string; suppliers: number; code: string };
const merge = (label: string, small: readonly G[]): G => ({ label, code: "", suppliers: small.reduce((t, g) => t + g.suppliers, 0) });
const subRegion = (g: G) => (m49Of(g.code) ? { key: m49Of(g.code)!.subRegion, label: m49Of(g.code)!.subRegion } : null);
const region = (g: G) => (m49Of(g.code) ? { key: m49Of(g.code)!.region, label: m49Of(g.code)!.region } : null);
const g = (code: string, suppliers: number): G => ({ label: code, code, suppliers });

describe("pooling before suppressing", () => {
  it("without categories: groups of five or more, one 'other' pool if it reaches five, the rest counted as left out", () => {
    expect(poolThenSuppress([g("a", 7), g("b", 5)], [], merge, "other")).toEqual({ shown: [g("a", 7), g("b", 5)], suppressed: { groups: 0, suppliers: 0 }, pooled: 0 });
    expect(poolThenSuppress([g("a", 9), g("b", 3), g("c", 2)], [], merge, "other")).toEqual({ shown: [g("a", 9), { label: "other", code: "", suppliers: 5, pooled: 2 }], suppressed: { groups: 0, suppliers: 0 }, pooled: 2 });
    expect(poolThenSuppress([g("a", 9), g("b", 4)], [], merge, "other")).toEqual({ shown: [g("a", 9)], suppressed: { groups: 1, suppliers: 4 }, pooled: 0 });
    expect(poolThenSuppress([g("a", 1)], [], merge, "other")).toEqual({ shown: [], suppressed: { groups: 1, suppliers: 1 }, pooled: 0 });
  });

  it("pools countries into their sub-region, then region, and leaves out only what is still under five", () => {
    // Every country is under five: suppression alone would show one 'other' cell or nothing.
    const groups = [g("MY", 2), g("TH", 2), g("VN", 2), g("TR", 2), g("QA", 1), g("IN", 2), g("PL", 1), g("DE", 1), g("BR", 1)];
    const r = poolThenSuppress(groups, [subRegion, region], merge, "other countries");
    expect(r.shown.map((s) => [s.label, s.suppliers, s.pooled])).toEqual([
      ["South-eastern Asia", 6, 3],
      // Western Asia (3) and Southern Asia (2) are too small alone: together as Asia.
      ["Asia", 5, 3],
    ]);
    // Europe (2) and the Americas (1) stay under five even together: left out, and counted.
    expect(r.suppressed).toEqual({ groups: 3, suppliers: 3 });
    expect(r.pooled).toBe(6);
    // Nothing is lost or counted twice.
    expect(r.shown.reduce((t, s) => t + s.suppliers, 0) + r.suppressed.suppliers).toBe(groups.reduce((t, s) => t + s.suppliers, 0));
  });
});

describe("the categories", () => {
  it("places every ISO country but Antarctica in exactly one M49 sub-region", () => {
    const seen = M49_SUB_REGIONS.flatMap((s) => s.countries.split(" "));
    expect(new Set(seen).size).toBe(seen.length);
    const missing = [...countriesByAlpha2().keys()].filter((code) => !m49Of(code));
    expect(missing).toEqual(["AQ"]);
    expect(m49Of("MY")).toEqual({ region: "Asia", subRegion: "South-eastern Asia" });
    expect(m49Of("DE")).toEqual({ region: "Europe", subRegion: "Western Europe" });
  });

  it("places sectors in ISIC families, and leaves an unknown one in none", () => {
    expect(sectorFamilyOf("Agriculture")).toMatch(/^Agriculture, forestry and fishing/);
    expect(sectorFamilyOf("Fishing")).toMatch(/^Agriculture, forestry and fishing/);
    expect(sectorFamilyOf("Forestry")).toMatch(/^Agriculture, forestry and fishing/);
    expect(sectorFamilyOf("Logistics")).toMatch(/^Transportation/);
    expect(sectorFamilyOf("Construction")).toMatch(/^Construction/);
    expect(sectorFamilyOf("Astrology")).toBeNull();
  });
});
