/**
 * ISO 3166-1 countries from the reference file shipped in fixtures/reference (Debian iso-codes).
 * Read once, on first use. XK (Kosovo) is added because the DOL tables use it, though ISO has not
 * assigned it.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import Papa from "papaparse";

export interface Country {
  alpha2: string;
  alpha3: string;
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
    cache.set(alpha2, { alpha2, alpha3: row.alpha_3?.trim() ?? "", name: row.common_name?.trim() || row.name?.trim() || alpha2 });
  }
  cache.set("XK", { alpha2: "XK", alpha3: "XKX", name: "Kosovo" });
  return cache;
}

export function countryName(alpha2: string): string {
  return countriesByAlpha2().get(alpha2)?.name ?? alpha2;
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
