/**
 * Country names in the reader's language (issue 18): Intl's region names for an ISO code, and the
 * reference list's English name in English (as before) and where Intl has none.
 */
import { languageOf } from "~/i18n/languages";
import { countryName } from "../reference/countries.server";

const cache = new Map<string, Intl.DisplayNames>();

export function countryNameIn(locale: string, code: string): string {
  if (locale === "en" || locale === "en-XA") return countryName(code);
  const intl = languageOf(locale).intl;
  let names = cache.get(intl);
  if (!names) cache.set(intl, (names = new Intl.DisplayNames([intl], { type: "region", fallback: "none" })));
  try {
    return (/^[A-Z]{2}$/.test(code) ? names.of(code) : undefined) ?? countryName(code);
  } catch {
    return countryName(code);
  }
}
