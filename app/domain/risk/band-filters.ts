/**
 * The risk-band filter of the supplier and recruiter lists: the four bands, and "none" for an
 * entity not scored yet. A plain module beside BANDS rather than part of a .server one: the
 * pages draw their checkboxes from the same list the servers parse the query string with (a
 * .server module is never sent to the browser, so each page used to keep a copy of its own).
 */
import { BANDS, type Band } from "./types";

/** A band filter value: one of the bands, or "none" for an entity not scored yet. */
export type BandFilter = Band | "none";

export const BAND_FILTERS: readonly BandFilter[] = [...BANDS, "none"];

export const isBandFilter = (value: string): value is BandFilter => (BAND_FILTERS as readonly string[]).includes(value);

/** The distinct band filters in a query string's `band` parameters; any other value is dropped. */
export const parseBandFilters = (params: URLSearchParams): BandFilter[] => [...new Set(params.getAll("band"))].filter(isBandFilter);
