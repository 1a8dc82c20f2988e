/**
 * A report's language (issue 18): its words from the `reports` catalog, its numbers and dates in
 * that language's formats, every date-time with its zone. A report parameter, so that the same
 * data in the same language gives the same bytes.
 */
import type { TFunction } from "i18next";
import { formatsFor, type Formats } from "~/i18n/format";
import { serverT } from "~/i18n/i18n.server";
import { DEFAULT_LANGUAGE, INTERFACE_CODES, languageOf } from "~/i18n/languages";

export type ReportT = TFunction<"reports">;

export interface Words {
  lang: string;
  t: ReportT;
  f: Formats;
  /** An instant with its zone ("2 Dec 2026, 10:00 UTC"). */
  dateTime(at: number | Date, timeZone?: string): string;
}

/** A language a report can be written in: one of the interface languages, English otherwise. */
export const reportLanguage = (code: unknown): string => (typeof code === "string" && INTERFACE_CODES.includes(code) ? code : DEFAULT_LANGUAGE);

const cache = new Map<string, Words>();

export function wordsFor(code: string): Words {
  const lang = reportLanguage(code);
  const hit = cache.get(lang);
  if (hit) return hit;
  const intl = languageOf(lang).intl;
  const zones = new Map<string, Intl.DateTimeFormat>();
  const words: Words = {
    lang,
    t: serverT(lang, "reports"),
    f: formatsFor(lang),
    dateTime: (at, timeZone = "UTC") => {
      let fmt = zones.get(timeZone);
      if (!fmt) zones.set(timeZone, (fmt = new Intl.DateTimeFormat(intl, { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone, timeZoneName: "short" })));
      return fmt.format(at);
    },
  };
  cache.set(lang, words);
  return words;
}
