/**
 * The identifiers crosswalk of a workplace (issue 20): which schemes a site may carry, and what a
 * well-formed value of each looks like. A value is normalised before it is checked (spaces and,
 * where the scheme has none, hyphens and dots removed; letters upper-cased), because people copy
 * identifiers from letters and registries with their grouping spaces and in lower case; what is
 * stored is the canonical form, so two records of the same workplace compare equal.
 */

export const IDENTIFIER_SCHEMES = ["os_id", "lei", "duns", "gln", "vat", "registry"] as const;
export type IdentifierScheme = (typeof IDENTIFIER_SCHEMES)[number];

export const isIdentifierScheme = (value: string): value is IdentifierScheme => (IDENTIFIER_SCHEMES as readonly string[]).includes(value);

/** ISO 17442: 18 alphanumerics and two check digits, ISO 7064 MOD 97-10 over the whole (letters A=10 … Z=35) leaves 1. */
export function leiCheckDigitsValid(lei: string): boolean {
  if (!/^[0-9A-Z]{18}[0-9]{2}$/.test(lei)) return false;
  let remainder = 0;
  for (const ch of lei) {
    const digits = /[0-9]/.test(ch) ? ch : String(ch.charCodeAt(0) - 55);
    for (const d of digits) remainder = (remainder * 10 + Number(d)) % 97;
  }
  return remainder === 1;
}

/** GS1 mod-10: from the right, excluding the check digit, weights 3, 1, 3, …; the check digit completes the sum to a multiple of 10. */
export function gs1CheckDigitValid(digits: string): boolean {
  if (!/^[0-9]+$/.test(digits) || digits.length < 2) return false;
  const body = digits.slice(0, -1);
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum += Number(body[body.length - 1 - i]) * (i % 2 === 0 ? 3 : 1);
  return (10 - (sum % 10)) % 10 === Number(digits[digits.length - 1]);
}

/** The canonical form of a value as typed. */
export function normaliseIdentifier(scheme: IdentifierScheme, raw: string): string {
  const trimmed = raw.trim().replace(/\s+/g, scheme === "registry" ? " " : "");
  if (scheme === "registry") return trimmed;
  const upper = trimmed.toUpperCase();
  // DUNS is often written 12-345-6789, a GLN or a VAT number with dots; an LEI and an OS ID have no separators.
  return scheme === "duns" || scheme === "gln" || scheme === "vat" ? upper.replace(/[-.]/g, "") : upper;
}

/**
 * Why a (normalised) value is not a well-formed identifier of its scheme: the catalog key of the
 * refusal (`home:site.invalid.<scheme>`, naming the field, the value and the form expected), or null.
 */
export function identifierProblem(scheme: IdentifierScheme, value: string): string | null {
  const ok = (() => {
    switch (scheme) {
      case "lei":
        return leiCheckDigitsValid(value);
      case "gln":
        return /^[0-9]{13}$/.test(value) && gs1CheckDigitValid(value);
      case "duns":
        return /^[0-9]{9}$/.test(value);
      // Open Supply Hub: country code, year and day of the year it was first listed, six characters.
      case "os_id":
        return /^[A-Z]{2}[0-9]{7}[0-9A-Z]{6}$/.test(value);
      // VAT and tax numbers differ by country: an optional country prefix and 4 to 18 letters and digits.
      case "vat":
        return /^[A-Z0-9]{4,20}$/.test(value);
      case "registry":
        // eslint-disable-next-line no-control-regex -- control characters are what this refuses
        return value.length >= 1 && value.length <= 60 && !/[<>\u0000-\u001f\u007f]/u.test(value);
    }
  })();
  return ok ? null : `home:site.invalid.${scheme}`;
}

/**
 * The identifiers of a buyer's record as a site starts with them: known schemes only (the keys of
 * an imported list may be written "LEI" or "lei"), each normalised, and only the well-formed ones:
 * a site's crosswalk never holds a value its own form would refuse. The supplier adds the rest.
 */
export function siteIdentifiersFrom(record: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, raw] of Object.entries(record)) {
    const scheme = key.trim().toLowerCase().replace(/[\s-]/g, "_");
    if (!isIdentifierScheme(scheme) || typeof raw !== "string") continue;
    const value = normaliseIdentifier(scheme, raw);
    if (value && identifierProblem(scheme, value) === null) out[scheme] = value;
  }
  return out;
}
