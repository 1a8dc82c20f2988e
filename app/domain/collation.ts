/**
 * Text folding for search and keys for sorting by name, the same for every reader's language
 * where that is what people expect, and the same on both engines (docs/decisions/027-collation.md).
 *
 * Search folds case Unicode-wide, with Turkish İ and ı both folded to i (language-independent:
 * "istanbul" finds "İSTANBUL" and "İstanbul", "tarim" finds "Tarım"); accents are kept ("muller"
 * does not find "Müller", as before). Every character folds to exactly one character (İ's
 * lower case is two, "i" and a combining dot: it is folded before lowering), so a LIKE pattern
 * over the folded text lines up character for character with the stored text.
 */

/** The search fold: İ and ı to i, then Unicode lower case. One character for one character. */
export function foldForSearch(text: string): string {
  return text.replace(/[İı]/g, "i").toLowerCase();
}

/**
 * The same fold in PostgreSQL, for a column or expression: ICU's lower case of the root locale
 * (the database's own locale may be C, which lowers ASCII only).
 */
export const FOLD_PG = (expression: string) => `lower(translate(${expression}, 'İı', 'ii') collate "und-x-icu")`;

/** Thai vowels written before the consonant they follow in speech (and in dictionaries). */
const THAI_PREVOWEL = /([\u0E40-\u0E44])([\u0E01-\u0E2E])/g;

/**
 * A sort key whose binary order (SQLite's BINARY, code point order) approximates the root
 * collation at the primary level for the platform's languages: accents and case are set aside
 * first ("Äpfel" beside "Apfel", not after "Z"), Thai sorts by its consonants (a prevowel is
 * read after the consonant it precedes), and Spanish readers get ñ after n. The name itself ends
 * the key, so names equal at the first level still sort the same way every time.
 */
export function sortKey(name: string, language = "en"): string {
  let base = name.normalize("NFKD");
  if (language === "es") base = base.replace(/[nN]\u0303/g, (m) => `${m[0]}\u{10FFFD}`);
  base = foldForSearch(base.replace(/\p{M}/gu, "")).replace(/ß/g, "ss").replace(THAI_PREVOWEL, "$2$1");
  return `${base}\u0000${name}`;
}

/**
 * PostgreSQL's ICU collation for a reader's language (the collations initdb creates from ICU, as
 * "<language>-x-icu"); the root collation ("und-x-icu") for the rest.
 */
const ICU_TAILORED = new Set(["de", "fr", "es", "th", "ms", "tr"]);
export const icuCollation = (language: string): string => (ICU_TAILORED.has(language) ? `${language}-x-icu` : "und-x-icu");
