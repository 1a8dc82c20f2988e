/**
 * The active reference editions, read into the plain maps the scorer takes (ReferenceData). Cached
 * per set of editions and synonyms, so scoring a million suppliers reads the tables once.
 */
import { rawAll, rawGet, type Db } from "#db/client";
import { normaliseTerm } from "../risk/goods-matching";
import { normaliseRegionPattern } from "../risk/regions";
import { BANDS, type Band, type CountryFinding, type ReferenceData, type TvpraGood } from "../risk/types";
import { referenceRowsOf } from "./sources.server";

interface SourceRow {
  id: number;
  kind: string;
  name: string;
  edition: string;
}

/**
 * Words that place a product in a UFLPA high-priority sector, beside the sector's own name. Kept
 * here, in one visible table, because the DHS sector names are broad categories, not products.
 */
const UFLPA_TERMS: Record<string, string[]> = {
  apparel: ["apparel", "garment", "clothing", "textile", "knitwear", "shirt"],
  "cotton and cotton product": ["cotton", "cotton yarn", "cotton fabric"],
  "silica based product including polysilicon": ["polysilicon", "silicon", "silica", "solar", "photovoltaic", "wafer", "ingot"],
  "tomatoe and downstream product": ["tomato", "tomato paste", "ketchup"],
  aluminum: ["aluminum", "aluminium"],
  "polyvinyl chloride pvc": ["pvc", "polyvinyl chloride"],
  seafood: ["seafood", "fish", "shrimp", "squid", "tuna"],
  steel: ["steel"],
  copper: ["copper"],
  lithium: ["lithium", "lithium ion battery", "battery"],
  "caustic soda": ["caustic soda", "sodium hydroxide"],
  "red date": ["red date", "jujube"],
};

const yesNo = (v: string | undefined): boolean | null => (v === "yes" ? true : v === "no" ? false : null);
const int = (v: string | undefined): number => (v && /^\d+$/.test(v) ? Number(v) : 0);

let cache: { key: string; data: ReferenceData } | null = null;

/**
 * Watchlist editions (ADR 016) are left out: a list changes no score by itself, only a match a
 * person confirmed does, and that match (with its edition) is part of the scored entity's inputs.
 */
async function activeSources(db: Db, replace?: number): Promise<SourceRow[]> {
  const active = await rawAll<SourceRow>(db, `select id, kind, name, edition from reference_sources where status = 'active' and kind <> 'watchlist' order by id`);
  if (replace === undefined) return active;
  const candidate = await rawGet<SourceRow>(db, `select id, kind, name, edition from reference_sources where id = ?`, replace);
  if (!candidate || candidate.kind === "watchlist") return active;
  return [...active.filter((s) => !(s.kind === candidate.kind && s.name === candidate.name)), candidate].sort((a, b) => a.id - b.id);
}

/**
 * The reference data of the active editions; with `replace`, as it would be if that (pending)
 * edition replaced the active one of its kind and name (for "what would change").
 */
export async function loadReferenceData(db: Db, options: { replace?: number } = {}): Promise<ReferenceData> {
  const sources = await activeSources(db, options.replace);
  const synonymsStamp = await rawGet<{ s: string }>(db, `select count(*) || ':' || coalesce(max(id), 0) as s from product_synonyms`);
  const key = `${sources.map((s) => s.id).join(",")}|${synonymsStamp?.s ?? ""}`;
  if (cache?.key === key) return cache.data;

  const data: ReferenceData = {
    versionIds: sources.map((s) => s.id),
    countryNames: new Map([["XK", "Kosovo"]]),
    findings: new Map(),
    goodsByCountry: new Map(),
    productTerms: new Map(),
    uflpaSectors: [],
    countryIndexes: [],
    regions: [],
  };
  const addTerm = (term: string, good: string) => {
    if (!term) return;
    const list = data.productTerms.get(term) ?? [];
    if (!list.includes(good)) list.push(good);
    data.productTerms.set(term, list);
  };
  for (const source of sources) {
    const citation = `${source.name} ${source.edition}`;
    const rows = [...(await referenceRowsOf(db, source.id)).values()];
    switch (source.kind) {
      case "countries":
        for (const r of rows) data.countryNames.set(r.alpha_2!, r.common_name || r.name!);
        break;
      case "country_findings":
        for (const r of rows) {
          const finding: CountryFinding = {
            country: r.iso2!,
            name: r.country!,
            advancementLevel: r.advancement_level_2022 || null,
            forcedLabourProhibitionMeetsStandard: yesNo(r.forced_labor_prohibition_meets_intl_standard),
            inspectorsMeetIloRatio: yesNo(r.labor_inspectors_meet_ilo_ratio),
            palermoRatified: yesNo(r.palermo_protocol_ratified),
            goodsForcedLabour: int(r.tvpra_goods_forced_labor),
            goodsChildLabour: int(r.tvpra_goods_child_labor),
            source: citation,
          };
          data.findings.set(finding.country, finding);
        }
        break;
      case "tvpra_goods":
        for (const r of rows) {
          const good: TvpraGood = {
            good: r.good!,
            country: r.iso2!,
            childLabour: r.child_labor === "yes",
            forcedLabour: r.forced_labor === "yes",
            forcedChildLabour: r.forced_child_labor === "yes",
            downstream: r.downstream_good === "yes",
            source: citation,
          };
          const list = data.goodsByCountry.get(good.country) ?? [];
          list.push(good);
          data.goodsByCountry.set(good.country, list);
          // A good matches its own name, with and without its parenthesis ("Bricks (clay)").
          addTerm(normaliseTerm(good.good), good.good);
          addTerm(normaliseTerm(good.good.replace(/\(.*?\)/g, "")), good.good);
        }
        break;
      case "uflpa_sectors":
        for (const r of rows) {
          const own = normaliseTerm(r.sector!);
          data.uflpaSectors.push({ sector: r.sector!, designated: r.designated ?? "", terms: [own, ...(UFLPA_TERMS[own] ?? [])].map(normaliseTerm), source: citation });
        }
        break;
      case "regions":
        for (const r of rows) {
          const band = (r.floor_band ?? "").trim();
          data.regions.push({
            country: r.country!.trim().toUpperCase(),
            code: r.iso_3166_2!.trim().toUpperCase(),
            name: r.name!,
            patterns: [...new Set(r.patterns!.split(";").map(normaliseRegionPattern).filter(Boolean))],
            floorBand: (BANDS as readonly string[]).includes(band) ? (band as Band) : null,
            basis: r.basis!,
            source: citation,
          });
        }
        data.regions.sort((a, b) => a.code.localeCompare(b.code));
        break;
      case "country_index":
        data.countryIndexes.push({ name: source.name, edition: source.edition, values: new Map(rows.map((r) => [r.iso2!.toUpperCase(), Number(r.value)])), source: citation });
        break;
    }
  }
  for (const { term, good } of await rawAll<{ term: string; good: string }>(db, `select term, good from product_synonyms order by id`)) addTerm(term, good);
  for (const list of data.goodsByCountry.values()) list.sort((a, b) => a.good.localeCompare(b.good));
  cache = { key, data };
  return data;
}
