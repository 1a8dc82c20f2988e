/**
 * Numbers, percentages, money, dates and times in the reader's language (issue 18), with Intl.
 * Every date-time says its time zone: inspectors, companies and regulators sit in different zones
 * and must read the same moment. Sorting uses the language's collation (Thai, Turkish İ/ı).
 *
 * `formatsFor(locale)` on the server (CSV, PDFs, messages); `useFormat()` in components, which
 * reads the language the page is rendered in.
 */
import { useTranslation } from "react-i18next";
import { languageOf } from "./languages";

export interface Formats {
  locale: string;
  number(n: number | null | undefined, options?: Intl.NumberFormatOptions): string;
  /** 0.125 → "12.5 %" in French, "12.5%" in English. */
  percent(fraction: number | null | undefined, digits?: number): string;
  money(amount: number | null | undefined, currency: string): string;
  /** A calendar day ("2026-12-01" or an instant read in `timeZone`), without a time. */
  date(at: number | string | Date | null | undefined, timeZone?: string): string;
  /** An instant with its zone: "1 Dec 2026, 10:00 UTC", "1. Dez. 2026, 11:00 MEZ". */
  dateTime(at: number | string | Date | null | undefined, timeZone?: string): string;
  /** Ordered lists and joined names: "A, B and C" / "A, B et C". */
  list(items: string[], type?: "conjunction" | "disjunction"): string;
  compare(a: string, b: string): number;
  bytes(n: number): string;
  /** A country's name from its ISO alpha-2 code, in the reader's language (CLDR via Intl): "Malaysia", "มาเลเซีย". */
  country(alpha2: string): string;
}

const DASH = "—";
const cache = new Map<string, Formats>();

/** A calendar day stored as "YYYY-MM-DD" is a day, not an instant: read it at noon UTC so no zone moves it. */
const asDate = (at: number | string | Date): Date => (typeof at === "string" && /^\d{4}-\d{2}-\d{2}$/.test(at) ? new Date(`${at}T12:00:00Z`) : new Date(at));

export function formatsFor(code: string): Formats {
  const hit = cache.get(code);
  if (hit) return hit;
  const intl = languageOf(code).intl;
  const numbers = new Intl.NumberFormat(intl);
  const collator = new Intl.Collator(intl, { sensitivity: "base", numeric: true });
  const regions = new Intl.DisplayNames(intl, { type: "region", fallback: "code" });
  const dayFormats = new Map<string, Intl.DateTimeFormat>();
  const timeFormats = new Map<string, Intl.DateTimeFormat>();
  const day = (zone: string) => {
    let f = dayFormats.get(zone);
    if (!f) dayFormats.set(zone, (f = new Intl.DateTimeFormat(intl, { dateStyle: "medium", timeZone: zone })));
    return f;
  };
  const time = (zone: string) => {
    let f = timeFormats.get(zone);
    // dateStyle/timeStyle cannot be combined with timeZoneName (Intl throws): the parts, spelled out.
    if (!f) timeFormats.set(zone, (f = new Intl.DateTimeFormat(intl, { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", timeZone: zone, timeZoneName: "short" })));
    return f;
  };
  const formats: Formats = {
    locale: code,
    number: (n, options) => (n === null || n === undefined || Number.isNaN(n) ? DASH : options ? new Intl.NumberFormat(intl, options).format(n) : numbers.format(n)),
    percent: (fraction, digits = 0) =>
      fraction === null || fraction === undefined ? DASH : new Intl.NumberFormat(intl, { style: "percent", maximumFractionDigits: digits }).format(fraction),
    money: (amount, currency) => (amount === null || amount === undefined ? DASH : new Intl.NumberFormat(intl, { style: "currency", currency }).format(amount)),
    date: (at, timeZone = "UTC") => (at === null || at === undefined ? DASH : day(timeZone).format(asDate(at))),
    dateTime: (at, timeZone = "UTC") => (at === null || at === undefined ? DASH : time(timeZone).format(new Date(at))),
    list: (items, type = "conjunction") => new Intl.ListFormat(intl, { type }).format(items),
    compare: (a, b) => collator.compare(a, b),
    country: (alpha2) => {
      try {
        return regions.of(alpha2.toUpperCase()) ?? alpha2;
      } catch {
        return alpha2;
      }
    },
    bytes: (n) =>
      n < 1024
        ? new Intl.NumberFormat(intl, { style: "unit", unit: "byte", unitDisplay: "long" }).format(n)
        : n < 1024 * 1024
          ? new Intl.NumberFormat(intl, { style: "unit", unit: "kilobyte", maximumFractionDigits: 1 }).format(n / 1024)
          : new Intl.NumberFormat(intl, { style: "unit", unit: "megabyte", maximumFractionDigits: 1 }).format(n / 1024 / 1024),
  };
  cache.set(code, formats);
  return formats;
}

/** The formats of the language this page is rendered in. */
export function useFormat(): Formats {
  const { i18n } = useTranslation();
  return formatsFor(i18n.language);
}

/** Case-insensitive search in the reader's language: Turkish "İstanbul" matches "istanbul". */
export const searchKey = (text: string, code: string): string => text.toLocaleLowerCase(languageOf(code).intl).normalize("NFKD").replace(/\p{M}/gu, "");
