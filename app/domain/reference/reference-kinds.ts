/**
 * What each kind of reference table must contain, how its rows are keyed (so that two editions
 * can be compared row by row) and how each cell is checked. Validation messages name the row as a
 * spreadsheet does (the header is the first row after the `#` lines) and the column.
 */
import type { ReferenceKind } from "#db/schema";
import { normaliseTerm } from "../risk/goods-matching";

export interface KindSpec {
  label: string;
  required: string[];
  /** Required columns that may not be blank in any row (others may be blank where the source is). */
  nonEmpty: string[];
  /** Columns that must be "yes" / "no" (blank allowed where the source has no value). */
  yesNo?: string[];
  /** Columns that must be whole numbers when not blank. */
  integers?: string[];
  /** Column holding an ISO 3166-1 alpha-2 code. */
  country?: string;
  key: (row: Record<string, string>) => string;
}

export const KIND_SPECS: Record<ReferenceKind, KindSpec> = {
  countries: { label: "ISO 3166-1 countries", required: ["alpha_2", "alpha_3", "name"], nonEmpty: ["alpha_2", "name"], key: (r) => r.alpha_2!.trim().toUpperCase() },
  tvpra_goods: {
    label: "TVPRA goods list (good × country)",
    required: ["good", "country", "iso2", "child_labor", "forced_labor", "forced_child_labor", "downstream_good"],
    nonEmpty: ["good", "iso2", "child_labor", "forced_labor", "forced_child_labor", "downstream_good"],
    yesNo: ["child_labor", "forced_labor", "forced_child_labor", "downstream_good"],
    country: "iso2",
    key: (r) => `${normaliseTerm(r.good!)}|${r.iso2!.trim().toUpperCase()}`,
  },
  country_findings: {
    label: "DOL country findings",
    required: ["country", "iso2", "tvpra_goods_forced_labor", "tvpra_goods_child_labor", "advancement_level_2022", "forced_labor_prohibition_meets_intl_standard", "labor_inspectors_meet_ilo_ratio"],
    nonEmpty: ["country", "iso2"],
    integers: ["tvpra_goods_listed", "tvpra_goods_forced_labor", "tvpra_goods_child_labor"],
    country: "iso2",
    key: (r) => r.iso2!.trim().toUpperCase(),
  },
  ilo_indicators: { label: "ILO indicators of forced labour", required: ["indicator_no", "indicator"], nonEmpty: ["indicator_no", "indicator"], integers: ["indicator_no"], key: (r) => r.indicator_no!.trim() },
  uflpa_sectors: { label: "UFLPA high-priority sectors", required: ["sector", "designated"], nonEmpty: ["sector", "designated"], key: (r) => normaliseTerm(r.sector!) },
  country_index: { label: "Country index (0–100)", required: ["iso2", "value"], nonEmpty: ["iso2", "value"], country: "iso2", key: (r) => r.iso2!.trim().toUpperCase() },
  regions: {
    label: "Sub-national region rules (ISO 3166-2)",
    required: ["country", "iso_3166_2", "name", "patterns", "floor_band", "basis"],
    nonEmpty: ["country", "iso_3166_2", "name", "patterns", "basis"],
    country: "country",
    key: (r) => r.iso_3166_2!.trim().toUpperCase(),
  },
  watchlist: {
    label: "Watchlist of named entities (UFLPA Entity List, WRO/Findings, national lists, recruiter blacklists)",
    required: ["name", "aliases", "country", "list", "listed_on", "source"],
    nonEmpty: ["name", "list", "listed_on", "source"],
    country: "country",
    key: (r) => `${r.name!.trim().toLowerCase().replace(/\s+/g, " ")}|${(r.country ?? "").trim().toUpperCase()}|${r.list!.trim().toLowerCase()}`,
  },
};
