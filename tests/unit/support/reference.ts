/**
 * A small ReferenceData built by hand from real rows of fixtures/reference (DOL TVPRA list 2022,
 * DOL findings 2022, UFLPA sectors), so that unit tests of the scorer need no database.
 */
import type { CountryFinding, ReferenceData, TvpraGood } from "../../../app/domain/risk/types";

const FINDINGS = "DOL ILAB Findings on the Worst Forms of Child Labor 2022";
const TVPRA = "DOL TVPRA list 2022";

const finding = (f: Omit<CountryFinding, "source">): CountryFinding => ({ ...f, source: FINDINGS });
const good = (g: Omit<TvpraGood, "source" | "forcedChildLabour" | "downstream"> & Partial<TvpraGood>): TvpraGood => ({ forcedChildLabour: false, downstream: false, ...g, source: TVPRA });

export function sampleReference(): ReferenceData {
  const goods = [
    good({ good: "Bricks", country: "IN", childLabour: true, forcedLabour: true, forcedChildLabour: true }),
    good({ good: "Rice", country: "IN", childLabour: true, forcedLabour: true }),
    good({ good: "Palm Fruit", country: "MY", childLabour: true, forcedLabour: true }),
    good({ good: "Cotton", country: "CN", childLabour: true, forcedLabour: true }),
    good({ good: "Shrimp", country: "TH", childLabour: true, forcedLabour: true }),
    good({ good: "Coffee", country: "CO", childLabour: true, forcedLabour: false }),
    good({ good: "Electronics", country: "MY", childLabour: false, forcedLabour: true, downstream: true }),
  ];
  const goodsByCountry = new Map<string, TvpraGood[]>();
  for (const g of goods) goodsByCountry.set(g.country, [...(goodsByCountry.get(g.country) ?? []), g]);
  return {
    versionIds: [1, 2, 3],
    countryNames: new Map([
      ["IN", "India"],
      ["MY", "Malaysia"],
      ["CN", "China"],
      ["TH", "Thailand"],
      ["CO", "Colombia"],
      ["DE", "Germany"],
    ]),
    findings: new Map([
      // India: 10 goods for forced labour, law meets the standard, inspectors unknown, Moderate Advancement.
      ["IN", finding({ country: "IN", name: "India", advancementLevel: "Moderate Advancement", forcedLabourProhibitionMeetsStandard: true, inspectorsMeetIloRatio: null, palermoRatified: true, goodsForcedLabour: 10, goodsChildLabour: 25 })],
      // Malaysia and China: listed goods only, no assessment.
      ["MY", finding({ country: "MY", name: "Malaysia", advancementLevel: null, forcedLabourProhibitionMeetsStandard: null, inspectorsMeetIloRatio: null, palermoRatified: null, goodsForcedLabour: 4, goodsChildLabour: 1 })],
      ["CN", finding({ country: "CN", name: "China", advancementLevel: null, forcedLabourProhibitionMeetsStandard: null, inspectorsMeetIloRatio: null, palermoRatified: null, goodsForcedLabour: 18, goodsChildLabour: 6 })],
      ["TH", finding({ country: "TH", name: "Thailand", advancementLevel: "Moderate Advancement", forcedLabourProhibitionMeetsStandard: true, inspectorsMeetIloRatio: false, palermoRatified: true, goodsForcedLabour: 3, goodsChildLabour: 3 })],
      ["CO", finding({ country: "CO", name: "Colombia", advancementLevel: "Moderate Advancement", forcedLabourProhibitionMeetsStandard: false, inspectorsMeetIloRatio: false, palermoRatified: true, goodsForcedLabour: 0, goodsChildLabour: 4 })],
    ]),
    goodsByCountry,
    productTerms: new Map([
      ["brick", ["Bricks"]],
      ["rice", ["Rice"]],
      ["palm fruit", ["Palm Fruit"]],
      ["palm oil", ["Palm Fruit"]],
      ["cotton", ["Cotton"]],
      ["shrimp", ["Shrimp"]],
      ["prawn", ["Shrimp"]],
      ["coffee", ["Coffee"]],
      ["electronic", ["Electronics"]],
    ]),
    uflpaSectors: [{ sector: "Cotton and cotton products", designated: "2022", terms: ["cotton and cotton product", "cotton"], source: "UFLPA high-priority sectors 2025" }],
    countryIndexes: [],
    regions: [],
  };
}
