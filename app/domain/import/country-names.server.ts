/**
 * Country names as people write them in their own language, for the list import: the ISO 3166-1
 * codes and names of the reference file (countries.server.ts), plus the country names of every
 * language shipped by `i18n-iso-countries` (CLDR-derived: Deutschland, Allemagne, Alemania, España,
 * Türkei, Elfenbeinküste, เยอรมนี, Jerman...). Decision 018 says why this package and how
 * ambiguous names are handled.
 *
 * A name that stands for more than one country ("Congo", "Korea", "Virgin Islands") is never
 * resolved to one of them: the caller gets the candidates, to ask for the ISO code.
 */
import countries from "i18n-iso-countries";
import { countriesByAlpha2, resolveCountry, type Country } from "../reference/countries.server";

export type CountryNameMatch =
  | { ok: true; code: string }
  | { ok: false; ambiguous: Country[]; suggestion: null }
  | { ok: false; ambiguous: null; suggestion: Country | null };

/**
 * Lower case, accents and apostrophes dropped, punctuation to spaces; letters of every script kept
 * (Thai, Arabic, Cyrillic...). For Latin text it gives the same key as countries.server.ts.
 */
export function nameKeyOf(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/ß/g, "ss")
    .replace(/['’`]/g, "")
    .replace(/[^\p{L}\p{N}\p{M}]+/gu, " ")
    .trim();
}

/** A word-part of this many countries' names at most is reported as ambiguous ("Korea"); more is just unknown ("Islands"). */
const MAX_PARTIAL_CANDIDATES = 4;

let index: Map<string, Set<string>> | null = null;

/** Every name of every language → the codes it names (one, except for names such as "Congo"). */
function nameIndex(): Map<string, Set<string>> {
  if (index) return index;
  index = new Map();
  const known = countriesByAlpha2();
  for (const lang of countries.langs()) {
    for (const [code, names] of Object.entries(countries.getNames(lang, { select: "all" }))) {
      if (!known.has(code)) continue;
      for (const name of names) {
        const key = nameKeyOf(name);
        if (key.length < 2) continue;
        let codes = index.get(key);
        if (!codes) index.set(key, (codes = new Set()));
        codes.add(code);
      }
    }
  }
  return index;
}

const country = (code: string): Country => countriesByAlpha2().get(code) ?? { alpha2: code, alpha3: "", numeric: "", name: code };

/** The countries one of whose names holds `key` as whole words ("korea" in "south korea", "korea selatan"). */
function partOfNames(key: string): Set<string> {
  const found = new Set<string>();
  const padded = ` ${key} `;
  for (const [name, codes] of nameIndex()) {
    if (name.length > key.length && ` ${name} `.includes(padded)) for (const c of codes) found.add(c);
  }
  return found;
}

/**
 * Reads a country cell: an ISO code (alpha-2 or alpha-3) or a name in any language the package
 * knows, in any case, with or without accents and punctuation. Otherwise the countries the name
 * could mean, or the closest name as a suggestion.
 */
export function resolveCountryName(text: string): CountryNameMatch {
  const key = nameKeyOf(text);
  // Codes (and the short forms countries.server.ts knows: UK, USA, UAE) decide first: two- and
  // three-letter words also occur inside names ("et" in "Trinité-et-Tobago").
  const iso = resolveCountry(text);
  if (key.length <= 3 && iso.ok) return iso;
  const codes = new Set(nameIndex().get(key));
  if (codes.size > 0) {
    // A name of one country in a language, and of another in the ISO file or another language, is ambiguous.
    if (iso.ok) codes.add(iso.code);
    if (codes.size === 1) return { ok: true, code: [...codes][0]! };
    return { ok: false, ambiguous: [...codes].sort().map(country), suggestion: null };
  }
  if (key.length >= 4) {
    const partial = partOfNames(key);
    if (partial.size >= 2 && partial.size <= MAX_PARTIAL_CANDIDATES) return { ok: false, ambiguous: [...partial].sort().map(country), suggestion: null };
  }
  return iso.ok ? iso : { ok: false, ambiguous: null, suggestion: iso.suggestion };
}
