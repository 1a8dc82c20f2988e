/**
 * The languages the platform speaks (issue 18, decision 025).
 *
 * - "interface" languages cover every page, message, e-mail and report: the people with accounts
 *   (compliance teams, inspectors, union organisers, regulators) work in them.
 * - "worker" languages cover the pages people read without an account — report verification now,
 *   grievance intake and case follow-up next — in the languages of the migrant workers the unions
 *   and inspectorates work with. An account page asked for in a worker language is shown in the
 *   best interface language instead (never half-translated).
 *
 * `intl` is the locale handed to Intl for numbers and dates: British English keeps the day-month
 * order the platform has always used; the others are CLDR's defaults for the language (so Thai
 * dates carry the Buddhist-era year, Bengali and Burmese numbers their own digits, as readers
 * of those languages expect).
 */
export type LanguageKind = "interface" | "worker";

export interface Language {
  code: string;
  /** The language's own name for itself, as the switcher shows it. */
  name: string;
  /** Its English name (for the glossary, logs and administrators). */
  english: string;
  dir: "ltr" | "rtl";
  kind: LanguageKind;
  intl: string;
}

export const LANGUAGES = [
  { code: "en", name: "English", english: "English", dir: "ltr", kind: "interface", intl: "en-GB" },
  { code: "de", name: "Deutsch", english: "German", dir: "ltr", kind: "interface", intl: "de-DE" },
  { code: "fr", name: "Français", english: "French", dir: "ltr", kind: "interface", intl: "fr-FR" },
  { code: "es", name: "Español", english: "Spanish", dir: "ltr", kind: "interface", intl: "es-ES" },
  { code: "ms", name: "Bahasa Melayu", english: "Malay", dir: "ltr", kind: "interface", intl: "ms-MY" },
  { code: "th", name: "ไทย", english: "Thai", dir: "ltr", kind: "interface", intl: "th-TH" },
  { code: "ne", name: "नेपाली", english: "Nepali", dir: "ltr", kind: "worker", intl: "ne-NP" },
  { code: "bn", name: "বাংলা", english: "Bengali", dir: "ltr", kind: "worker", intl: "bn-BD" },
  { code: "my", name: "မြန်မာ", english: "Burmese", dir: "ltr", kind: "worker", intl: "my-MM" },
  { code: "km", name: "ខ្មែរ", english: "Khmer", dir: "ltr", kind: "worker", intl: "km-KH" },
  { code: "hi", name: "हिन्दी", english: "Hindi", dir: "ltr", kind: "worker", intl: "hi-IN" },
  { code: "ur", name: "اردو", english: "Urdu", dir: "rtl", kind: "worker", intl: "ur-PK" },
  { code: "id", name: "Bahasa Indonesia", english: "Indonesian", dir: "ltr", kind: "worker", intl: "id-ID" },
  { code: "vi", name: "Tiếng Việt", english: "Vietnamese", dir: "ltr", kind: "worker", intl: "vi-VN" },
  { code: "fil", name: "Filipino", english: "Filipino", dir: "ltr", kind: "worker", intl: "fil-PH" },
] as const satisfies readonly Language[];

export type LanguageCode = (typeof LANGUAGES)[number]["code"];

export const DEFAULT_LANGUAGE = "en";

/**
 * A pseudo-language made from the English catalogs (accented, 40 % longer, bracketed): a page
 * shown in it reveals text that is not in the catalogs (plain ASCII), truncation and sentences
 * glued together from pieces. Offered only when I18N_PSEUDO=1 (tests, development).
 */
export const PSEUDO_LANGUAGE: Language = { code: "en-XA", name: "[Ƥşeeuudoo]", english: "Pseudo-locale", dir: "ltr", kind: "interface", intl: "en-GB" };

export const INTERFACE_CODES: readonly string[] = LANGUAGES.filter((l) => l.kind === "interface").map((l) => l.code);
export const ALL_CODES: readonly string[] = LANGUAGES.map((l) => l.code);

/**
 * Catalog namespaces: one per feature folder, so a page loads only words it uses on the server and
 * two people translating two features never edit the same file. Worker languages carry `public`
 * (the pages readable without an account) and `questionnaire` (below).
 */
export const NAMESPACES = [
  "common",
  "public",
  "indicators",
  "home",
  "suppliers",
  "imports",
  "risk",
  "audits",
  "contests",
  "reports",
  "sharing",
  "regulator",
  "admin",
  "account",
  "actions",
  "activity",
  "watchlists",
  "grievances",
  "fees",
  "questionnaire",
  "filings",
  "api",
] as const;
export type Namespace = (typeof NAMESPACES)[number];
/**
 * `questionnaire` too (issue 20): the self-assessment is answered by a supplier's HR staff and line
 * managers, often in the language of the workers they came from or manage (Nepali, Bengali,
 * Burmese, Khmer …), so its questions, help and messages exist in every language.
 */
export const WORKER_NAMESPACES: readonly Namespace[] = ["public", "questionnaire", "indicators"];
/*
 * `indicators` (the ILO and recruitment indicators' names, 34 short strings) because the
 * questionnaire says which indicator each question informs. And a part of `common` (below): the
 * words of the signed-in frame a supplier's staff see around the questionnaire (the site's name,
 * the menu, their navigation, sign out), so a page read in Nepali is Nepali from edge to edge.
 * Everything else in `common` would be English there, and no page offered in a worker language
 * shows it.
 */
export const WORKER_COMMON_KEYS = ["site.name", "site.menu", "site.mainNavigation", "nav.home", "nav.members", "nav.activityLog", "nav.apiTokens", "user.signOut"] as const;

/**
 * Pages anyone may read without an account, offered in every language above. Everything else is
 * shown in an interface language. The grievance pages (issue 19): /report (the general page), /g/<token> (a workplace's channel), /case (the worker's case).
 * /supplier-invite/<token> (issue 20): a supplier's staff claim their workplace in the language they read.
 */
const PUBLIC_PATHS = ["/verify", "/sign-in", "/reset-password", "/invite", "/report", "/case", "/g", "/supplier-invite"];
/**
 * Account pages a supplier's staff read in their own language (issue 20): the questionnaire of a
 * workplace and the buyers' clarifications to answer about it. The rest of the supplier's pages
 * (the workplace's identity, sharing, audits) are for its compliance staff and stay in the
 * interface languages.
 */
const SUPPLIER_STAFF_PAGES = /^\/sites\/\d+\/(questionnaire|reviews)$/;
/** Whether a page is offered in every language (the public pages and the supplier staff's) or in the interface languages only. */
export const inEveryLanguage = (pathname: string): boolean => SUPPLIER_STAFF_PAGES.test(pathname) || PUBLIC_PATHS.some((p) => pathname === p || pathname.startsWith(`${p}/`));

export function languageOf(code: string): Language {
  if (code === PSEUDO_LANGUAGE.code) return PSEUDO_LANGUAGE;
  return LANGUAGES.find((l) => l.code === code) ?? LANGUAGES[0];
}
