/**
 * The contract between the parts of risk scoring: what the scorer reads (inputs and reference
 * data) and what it returns (a score with its breakdown). Pure types, shared by the reference
 * loader, the scorer, the persistence and the pages.
 */

export const BANDS = ["low", "medium", "high", "critical"] as const;
export type Band = (typeof BANDS)[number];

export type FactorLayer = "inherent" | "observed" | "mitigation";

/** One line of "why this score". */
export interface Factor {
  /** Stable code, e.g. "country", "sector", "commodity", "uflpa", "indicator.retention_of_documents". */
  code: string;
  layer: FactorLayer;
  /** For people: "Country context". */
  label: string;
  /** What the input was, for people: "India (IN)", "yes, from import 12 on 2026-03-04", "unknown". */
  value: string;
  /** The factor's weight in the methodology. */
  weight: number;
  /** Points this factor adds to the 0–100 score (negative for a mitigation); 0 when unknown. */
  contribution: number;
  /** Whether the input was known (confidence is the weighted share of known inputs). */
  known: boolean;
  /** Citations, e.g. "DOL TVPRA list 2022: Bricks — India — forced labour". */
  sources: string[];
  /** Set when this factor is a red flag that is present. */
  redFlag?: boolean;
  /** Set when the line rests on the supplier's own word (methodology 2.2, decision 031). */
  basis?: "self-reported";
  /**
   * Set on a risk line a self-reported absence narrows (known stays false: it may still be
   * present): the share 0–1 of its weight counted as observed in the confidence; its span in the
   * range is weight × (1 − credit) instead of the whole weight.
   */
  credit?: number;
}

export interface ScoreResult {
  /** 0–100, rounded to one decimal. */
  score: number;
  band: Band;
  /** 0–1: weighted share of the method's inputs that were known. */
  confidence: number;
  /** Codes of the red flags present (each lifts the band to at least "high"). */
  redFlags: string[];
  factors: Factor[];
  /**
   * What the score would be if every unknown input were absent (low) or present (high), floors
   * and the 0–100 hold applied. Mitigations not recorded count as absent in both.
   */
  range: { low: number; high: number };
}

/** An observed indicator with where it came from. */
export interface ObservedIndicator {
  present: boolean;
  /** "import 12", "audit of 2026-03-04, critical", ... */
  source: string;
  /** ISO date (YYYY-MM-DD) of the observation. */
  date: string;
  /**
   * Who vouches for it: absent or "verified" (a list, an audit, a case: every input before
   * methodology 2.2) or "self-reported" (the supplier's own answer, weighed below verified
   * evidence; decision 031). Left out when verified, so that existing inputs keep their hash.
   */
  basis?: "verified" | "self-reported";
}

/** Everything the supplier score depends on (besides the methodology and the reference data). */
export interface SupplierInputs {
  country: string | null;
  /** The address as listed (version 2 reads sub-national regions from it); absent when none. */
  address?: string;
  /** The list's region column (ISO 3166-2 code or a name), absent when none. */
  region?: string;
  sector: string | null;
  products: string[];
  workersTotal: number | null;
  /** Fractions 0..1. */
  migrantShare: number | null;
  femaleShare: number | null;
  /** Indicator code (app/domain/indicators.ts) → observation; absent = unknown. */
  indicators: Record<string, ObservedIndicator>;
  /** The recruiters that place workers with this supplier. */
  recruiters: { licenceStatus: string; feesChargedToWorkers: boolean | null; certification: string | null }[];
  /** Mitigation code → observation (e.g. "recent_audit_clean", "grievance_channel", "union_presence"). */
  mitigations: Record<string, ObservedIndicator>;
  /** Confirmed watchlist matches (ADR 016), absent when none; a red flag in version 2. */
  watchlist?: WatchlistHit[];
}

/** A watchlist entry a person confirmed as this supplier, with the edition it comes from. */
export interface WatchlistHit {
  /** The entry as listed, e.g. "Example Gloves Sdn Bhd". */
  entry: string;
  /** The list column of the entry, e.g. "CBP Withhold Release Order". */
  list: string;
  listedOn: string;
  /** The entry's own source (Federal Register notice, press release …). */
  entrySource: string;
  /** The edition: reference source name and edition, e.g. "UFLPA Entity List 2026-11". */
  edition: string;
  /** Who confirmed it and when (YYYY-MM-DD). */
  confirmedOn: string;
}

export interface RecruiterInputs {
  country: string | null;
  licenceStatus: string;
  feesChargedToWorkers: boolean | null;
  feeAmount: number | null;
  feeCurrency: string | null;
  certification: string | null;
  /** Corridors: origin countries (alpha-2). */
  originCountries: string[];
  /** Number of complaints / grievances recorded against the recruiter. */
  complaints: number;
  /** Current scores (0–100) of the suppliers the recruiter serves (null when not scored). */
  servedSupplierScores: (number | null)[];
  /** How many organisations list this recruiter (by normalised name + country). */
  organisationsUsing: number;
  /** Confirmed watchlist matches (ADR 016), absent when none; a red flag in version 2. */
  watchlist?: WatchlistHit[];
}

/** One TVPRA list row, as the scorer reads it. */
export interface TvpraGood {
  good: string;
  country: string;
  childLabour: boolean;
  forcedLabour: boolean;
  forcedChildLabour: boolean;
  downstream: boolean;
  /** Citation, e.g. "DOL TVPRA list 2022". */
  source: string;
}

/** One DOL country-findings row, as the scorer reads it (null = not in the source). */
export interface CountryFinding {
  country: string;
  name: string;
  advancementLevel: string | null;
  forcedLabourProhibitionMeetsStandard: boolean | null;
  inspectorsMeetIloRatio: boolean | null;
  palermoRatified: boolean | null;
  goodsForcedLabour: number;
  goodsChildLabour: number;
  /** Citation, e.g. "DOL ILAB Findings on the Worst Forms of Child Labor 2022". */
  source: string;
}

/**
 * The active reference editions, loaded into plain maps for fast scoring. Built by
 * app/domain/reference/reference-data.server.ts from the database.
 */
export interface ReferenceData {
  /** The editions used (ids of reference_sources), stored with every score. */
  versionIds: number[];
  /** alpha-2 → English name. */
  countryNames: Map<string, string>;
  findings: Map<string, CountryFinding>;
  /** alpha-2 → TVPRA rows for that country. */
  goodsByCountry: Map<string, TvpraGood[]>;
  /** Normalised term → TVPRA good names (synonyms plus each good's own name). */
  productTerms: Map<string, string[]>;
  /** UFLPA high-priority sectors, each with the normalised terms that match it. */
  uflpaSectors: { sector: string; designated: string; terms: string[]; source: string }[];
  /** Additional country-level tables (0–100 values), e.g. a licensed index. */
  countryIndexes: { name: string; edition: string; values: Map<string, number>; source: string }[];
  /** Sub-national region rules (reference table "regions"), matched against address and region. */
  regions: RegionRule[];
}

export interface RegionRule {
  /** ISO 3166-1 alpha-2 of the country the region belongs to. */
  country: string;
  /** ISO 3166-2 code, e.g. CN-XJ. */
  code: string;
  name: string;
  /** Normalised names and spellings (Latin without diacritics, lower case; CJK as written). */
  patterns: string[];
  /** The band a supplier in this region is lifted to at least (null: recognised only). */
  floorBand: Band | null;
  /** Why: the statute or listing, as the row gives it, then the table's citation. */
  basis: string;
  source: string;
}
