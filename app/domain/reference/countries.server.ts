/**
 * ISO 3166-1 countries from the reference file shipped in fixtures/reference (Debian iso-codes).
 * Read once, on first use. XK (Kosovo) is added because the DOL tables use it, though ISO has not
 * assigned it.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import countries from "i18n-iso-countries";
import Papa from "papaparse";
import { DEFAULT_LANGUAGE, languageOf } from "~/i18n/languages";

export interface Country {
  alpha2: string;
  alpha3: string;
  /** ISO 3166-1 numeric, as three digits ("458"); empty for XK. */
  numeric: string;
  name: string;
}

export const COUNTRIES_FILE = path.resolve(process.cwd(), "fixtures/reference/iso3166_1_countries.csv");

let cache: Map<string, Country> | null = null;

/** Drops the `#` source lines that head every reference file. */
export function stripSourceLines(text: string): string {
  return text
    .split(/\r?\n/)
    .filter((line) => !line.startsWith("#"))
    .join("\n");
}

export function countriesByAlpha2(): Map<string, Country> {
  if (cache) return cache;
  const parsed = Papa.parse<Record<string, string>>(stripSourceLines(readFileSync(COUNTRIES_FILE, "utf8")), {
    header: true,
    skipEmptyLines: true,
  });
  cache = new Map();
  for (const row of parsed.data) {
    const alpha2 = row.alpha_2?.trim();
    if (!alpha2) continue;
    cache.set(alpha2, { alpha2, alpha3: row.alpha_3?.trim() ?? "", numeric: row.numeric?.trim() ?? "", name: row.common_name?.trim() || row.name?.trim() || alpha2 });
  }
  cache.set("XK", { alpha2: "XK", alpha3: "XKX", numeric: "", name: "Kosovo" });
  return cache;
}

export function countryName(alpha2: string): string {
  return countriesByAlpha2().get(alpha2)?.name ?? alpha2;
}

/**
 * A country's name in the reader's language (issue 18). English is the ISO file's common name, as
 * `countryName` gives it; another language takes the name i18n-iso-countries gives in it
 * (CLDR-derived, decision 018: "Malaysia" in German, "มาเลเซีย" in Thai), else the English name.
 * A function of its own rather than a second parameter of `countryName`, which is passed to
 * `.map` in places (the index would be read as a language).
 */
export function countryNameIn(alpha2: string, lng: string): string {
  if (lng === "en" || lng === "en-XA") return countryName(alpha2);
  return countries.getName(alpha2, lng) ?? countryName(alpha2);
}

/**
 * Country names in the reader's language, as the company home and its world map show them: the
 * reference data's own English names in English (as before), CLDR's names (Intl.DisplayNames) in
 * the other languages. One function for the page's table and the SVG map beside it, so that the
 * two never name a country differently.
 */
export function countryNames(locale: string): (code: string) => string {
  if (locale === DEFAULT_LANGUAGE) return countryName;
  const regions = new Intl.DisplayNames([languageOf(locale).intl], { type: "region", fallback: "none" });
  return (code) => {
    try {
      return regions.of(code) ?? countryName(code);
    } catch {
      return countryName(code);
    }
  };
}

/**
 * Parses a list of alpha-2 codes typed as "MY, TH ID". Returns the codes, or the first value
 * that is not a known code.
 */
export function parseCountryCodes(text: string): { ok: true; codes: string[] } | { ok: false; bad: string } {
  const known = countriesByAlpha2();
  const codes: string[] = [];
  for (const part of text.split(/[\s,;]+/).filter(Boolean)) {
    const code = part.toUpperCase();
    if (!known.has(code)) return { ok: false, bad: part };
    if (!codes.includes(code)) codes.push(code);
  }
  return { ok: true, codes };
}

/** Names people write that ISO does not list (ISO's own names, official and common names are known already). */
const COUNTRY_VARIANTS: Record<string, string> = {
  usa: "US", "u s a": "US", "u s": "US", america: "US", "united states of america": "US",
  uk: "GB", "great britain": "GB", britain: "GB", england: "GB", scotland: "GB", wales: "GB", "northern ireland": "GB",
  turkey: "TR", turkiye: "TR",
  "ivory coast": "CI", "cote divoire": "CI", "cote d ivoire": "CI",
  russia: "RU", "south korea": "KR", korea: "KR", "north korea": "KP", "dprk": "KP",
  "viet nam": "VN", vietnam: "VN", laos: "LA", "lao pdr": "LA", burma: "MM",
  "czech republic": "CZ", swaziland: "SZ", macedonia: "MK", "north macedonia": "MK",
  "drc": "CD", "dr congo": "CD", "congo drc": "CD", "democratic republic of the congo": "CD", "congo kinshasa": "CD",
  "republic of the congo": "CG", "congo brazzaville": "CG",
  palestine: "PS", "holland": "NL", "the netherlands": "NL", "uae": "AE", "emirates": "AE",
  "cape verde": "CV", "east timor": "TL", "hong kong sar": "HK", "macau": "MO", "brunei": "BN",
  "bolivia": "BO", "venezuela": "VE", "iran": "IR", "syria": "SY", "tanzania": "TZ", "moldova": "MD", "taiwan": "TW", "kosovo": "XK",
};

/** Lower case, no accents, no punctuation: "Côte d'Ivoire" → "cote d ivoire". */
export function countryKey(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/['’`]/g, "")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

let byKey: Map<string, string> | null = null;

function countryIndex(): Map<string, string> {
  if (byKey) return byKey;
  byKey = new Map();
  const parsed = Papa.parse<Record<string, string>>(stripSourceLines(readFileSync(COUNTRIES_FILE, "utf8")), { header: true, skipEmptyLines: true });
  for (const row of parsed.data) {
    const code = row.alpha_2?.trim();
    if (!code) continue;
    for (const name of [row.alpha_2, row.alpha_3, row.name, row.official_name, row.common_name]) {
      if (name?.trim()) byKey.set(countryKey(name), code);
    }
    // "Korea, Republic of" is also written "Republic of Korea".
    const comma = row.name?.match(/^(.*), (.*)$/);
    if (comma) byKey.set(countryKey(`${comma[2]} ${comma[1]}`), code);
  }
  for (const [name, code] of Object.entries(COUNTRY_VARIANTS)) byKey.set(countryKey(name), code);
  byKey.set("xk", "XK");
  byKey.set("xkx", "XK");
  return byKey;
}

function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      best = Math.min(best, cur[j]!);
    }
    if (best > limit) return limit + 1;
    prev = cur;
  }
  return prev[b.length]!;
}

export type CountryMatch = { ok: true; code: string } | { ok: false; suggestion: Country | null };

/**
 * Reads a country as people write it: alpha-2, alpha-3, ISO names (official or common) and
 * common variants, in any case and with or without accents. Otherwise offers the closest name.
 */
export function resolveCountry(text: string): CountryMatch {
  const key = countryKey(text);
  const code = countryIndex().get(key);
  if (code) return { ok: true, code };
  let best: { code: string; distance: number; prefix: number } | null = null;
  if (key.length >= 4) {
    const limit = Math.max(1, Math.floor(key.length / 4));
    for (const [candidate, candidateCode] of countryIndex()) {
      if (candidate.length < 4) continue;
      const distance = editDistance(key, candidate, limit);
      if (distance > limit) continue;
      // Ties go to the name that starts like the text: "Chine" is China rather than Chile.
      let prefix = 0;
      while (prefix < key.length && key[prefix] === candidate[prefix]) prefix++;
      if (!best || distance < best.distance || (distance === best.distance && prefix > best.prefix)) best = { code: candidateCode, distance, prefix };
    }
  }
  return { ok: false, suggestion: best ? (countriesByAlpha2().get(best.code) ?? null) : null };
}
