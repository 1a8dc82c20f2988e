/**
 * The words of the risk components in the reader's language (issue 18): band names, factor
 * labels, the indicators' names and questions, and the scorer's short values ("unknown", "not
 * recorded", "yes (import 12, 2026-03-04)"), translated at the boundary from codes and fixed
 * patterns. Stored scores and their breakdowns are not touched: a value the scorer wrote that
 * matches no pattern (a country's findings, a reference edition's citation) is shown as stored.
 *
 * A label an administrator wrote into a methodology version is data: it is translated only while
 * it is still the shipped English wording, otherwise shown as written.
 */
import { createInstance, type i18n as I18n, type TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { indicatorLabelKey, indicatorQuestionKey, isIndicatorCode } from "~/domain/indicators";
import { readCause } from "~/domain/risk/cause";
import { BANDS, type Band, type Factor } from "~/domain/risk/types";
import { formatsFor, type Formats } from "~/i18n/format";
import { languageOf } from "~/i18n/languages";
import enIndicators from "~/i18n/catalogs/en/indicators.json";
import enRisk from "~/i18n/catalogs/en/risk.json";

type RiskT = TFunction<["risk", "indicators"]>;

let fallback: I18n | null = null;

/**
 * English from the catalogs when no i18next instance is set up (a component rendered on its own,
 * as unit tests do); on pages the provider's instance is always there.
 */
function fallbackInstance(): I18n {
  if (!fallback) {
    fallback = createInstance();
    void fallback.init({ lng: "en", ns: ["risk", "indicators"], defaultNS: "risk", resources: { en: { risk: enRisk, indicators: enIndicators } }, interpolation: { escapeValue: false }, initImmediate: false });
  }
  return fallback;
}

const withZone = new Map<string, Formats>();

/**
 * The reader's formats, with a date-time that works: Intl refuses `timeZoneName` together with
 * `dateStyle`/`timeStyle` (a TypeError), which `formatsFor(…).dateTime` combines (to be fixed in
 * app/i18n/format.ts); the same output from explicit fields: "2 Dec 2026, 08:53 UTC".
 */
function formatsWithZone(code: string): Formats {
  let hit = withZone.get(code);
  if (!hit) {
    const base = formatsFor(code);
    const intl = languageOf(code).intl;
    const byZone = new Map<string, Intl.DateTimeFormat>();
    const fmt = (zone: string) => {
      let f = byZone.get(zone);
      if (!f) byZone.set(zone, (f = new Intl.DateTimeFormat(intl, { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", timeZone: zone, timeZoneName: "short" })));
      return f;
    };
    hit = { ...base, dateTime: (at, timeZone = "UTC") => (at === null || at === undefined ? "—" : fmt(timeZone).format(new Date(at))) };
    withZone.set(code, hit);
  }
  return hit;
}

export interface RiskText {
  t: RiskT;
  i18n: I18n;
  format: Formats;
}

/** `t` for the risk and indicators namespaces, the instance (for `<Trans>`) and the reader's formats. */
export function useRiskText(): RiskText {
  const { t, i18n } = useTranslation(["risk", "indicators"]);
  if (typeof i18n?.t !== "function") {
    const inst = fallbackInstance();
    return { t: inst.getFixedT("en", ["risk", "indicators"]) as unknown as RiskT, i18n: inst, format: formatsWithZone("en") };
  }
  return { t: t as RiskT, i18n, format: formatsWithZone(i18n.language) };
}

export const isBand = (band: string | null | undefined): band is Band => !!band && (BANDS as readonly string[]).includes(band);

const BAND_KEYS = { low: "risk:band.low", medium: "risk:band.medium", high: "risk:band.high", critical: "risk:band.critical" } as const;
const BAND_INLINE_KEYS = { low: "risk:bandInline.low", medium: "risk:bandInline.medium", high: "risk:bandInline.high", critical: "risk:bandInline.critical" } as const;

/** "High", or "Not scored" for anything that is not a band. */
export const bandName = (t: RiskT, band: string | null | undefined): string => (isBand(band) ? t(BAND_KEYS[band]) : t("risk:band.none"));

/** The band inside a sentence ("band high"): lower case where the language writes it so. */
export const bandInline = (t: RiskT, band: string | null | undefined): string => (isBand(band) ? t(BAND_INLINE_KEYS[band]) : t("risk:bandInline.none"));

/** A score as written everywhere: one decimal. */
export const scoreText = (format: Formats, score: number): string => format.number(score, { minimumFractionDigits: 1, maximumFractionDigits: 1 });

const FACTOR_KEYS = {
  country: "risk:factor.country",
  country_index: "risk:factor.countryIndexPlain",
  sector: "risk:factor.sector",
  commodity: "risk:factor.commodity",
  uflpa: "risk:factor.uflpa",
  region: "risk:factor.region",
  migrant_share: "risk:factor.migrantShare",
  recruiter_licence: "risk:factor.recruiterLicence",
  recruiter_fees: "risk:factor.recruiterFees",
  "mitigation.recent_audit_clean": "risk:factor.recentAuditClean",
  "mitigation.corrective_actions_closed": "risk:factor.correctiveActionsClosed",
  "mitigation.grievance_channel": "risk:factor.grievanceChannel",
  "mitigation.union_presence": "risk:factor.unionPresence",
  "mitigation.certified_recruiters": "risk:factor.certifiedRecruiters",
  licence: "risk:factor.licence",
  fees: "risk:factor.fees",
  corridors: "risk:factor.corridors",
  complaints: "risk:factor.complaints",
  served_suppliers: "risk:factor.servedSuppliers",
  organisations_using: "risk:factor.organisationsUsing",
  certification: "risk:factor.certification",
  red_flag_floor: "risk:factor.redFlagFloor",
  watchlist: "risk:factor.watchlist",
  watchlist_floor: "risk:factor.watchlistFloor",
} as const;

const en = fallbackInstance;

/** A key's text if the stored English equals the shipped English (then the methodology did not rename it), else the stored text. */
function shipped(t: RiskT, key: Parameters<RiskT>[0] & string, stored: string): string {
  const english = (en().t as (k: string) => string)(key);
  return english === stored ? (t as unknown as (k: string) => string)(key) : stored;
}

/** An indicator's name ("Debt bondage") from its code; the code itself when it is not one. */
export function indicatorName(t: RiskT, code: string): string {
  return isIndicatorCode(code) ? t(indicatorLabelKey(code)) : code;
}

/** The factor line's label in the reader's language. */
export function factorLabel(t: RiskT, f: Pick<Factor, "code" | "label">): string {
  if (f.code.startsWith("indicator.")) {
    const code = f.code.slice("indicator.".length);
    return isIndicatorCode(code) ? shipped(t, indicatorLabelKey(code), f.label) : f.label;
  }
  const held = /^Held at (\d+(?:\.\d+)?)$/.exec(f.label);
  if (f.code === "held" && held) return t("risk:factor.held", { target: held[1] });
  const region = /^Region floor: (.+)$/.exec(f.label);
  if (f.code === "region_floor" && region) return t("risk:factor.regionFloor", { region: region[1] });
  const index = /^Country index: (.+)$/.exec(f.label);
  if (f.code.startsWith("country_index.") && index) return t("risk:factor.countryIndex", { index: index[1] });
  const key = (FACTOR_KEYS as Record<string, (typeof FACTOR_KEYS)[keyof typeof FACTOR_KEYS]>)[f.code];
  return key ? shipped(t, key, f.label) : f.label;
}

/** The plain question that observes an indicator, in the reader's language. */
export const indicatorQuestion = (t: RiskT, code: string): string | null => (isIndicatorCode(code) ? t(indicatorQuestionKey(code)) : null);

/** A "(source, date)" the scorer wrote: the source is data, "import 12" and "supplier list" are ours. */
function sourceText(t: RiskT, format: Formats, source: string): string {
  const listImport = /^supplier list, import (\d+)$/.exec(source);
  if (listImport) return t("risk:value.supplierListImport", { id: listImport[1] });
  if (source === "supplier list") return t("risk:value.supplierList");
  if (source === "recruiter list") return t("risk:value.recruiterList");
  return grievanceSourceText(t, format, source) ?? source;
}

/**
 * The grievance sources (issue 19), or null for any other: a substantiated case as an indicator's
 * source ("grievance:42", the case number, never the worker's case code), and the computed
 * grievance-channel mitigation ("computed from grievances: channel since 2026-05-01; 9 of 10 cases
 * answered in time; …", app/domain/grievances/channel-mitigation.server.ts), part by part. A
 * computed source with a part this version does not know is shown as stored, whole.
 */
function grievanceSourceText(t: RiskT, format: Formats, source: string): string | null {
  const one = /^grievance:(\d+)$/.exec(source);
  if (one) return t("risk:grievance.case", { id: one[1] });
  const prefix = "computed from grievances: ";
  if (!source.startsWith(prefix)) return null;
  const parts = source.slice(prefix.length).split("; ").map((part) => grievancePart(t, format, part));
  if (parts.some((p) => p === null)) return null;
  return t("risk:grievance.computed", { parts: parts.join("; ") });
}

function grievancePart(t: RiskT, format: Formats, part: string): string | null {
  if (part === "no open grievance channel") return t("risk:grievance.noChannel");
  if (part === "no case due in the last 12 months") return t("risk:grievance.noCaseDue");
  let m = /^channel since (\d{4}-\d{2}-\d{2})$/.exec(part);
  if (m) return t("risk:grievance.channelSince", { date: format.date(m[1]!) });
  m = /^(\d+) of (\d+) cases? answered in time$/.exec(part);
  if (m) return t("risk:grievance.answered", { count: Number(m[2]), inTime: format.number(Number(m[1])), total: format.number(Number(m[2])) });
  m = /^(\d+) (?:remedy|remedies) confirmed by workers$/.exec(part);
  if (m) return t("risk:grievance.remedies", { count: Number(m[1]), number: format.number(Number(m[1])) });
  m = /^(\d+) cases? not remedied by the worker(?:'s|s') rating$/.exec(part);
  if (m) return t("risk:grievance.notRemedied", { count: Number(m[1]), number: format.number(Number(m[1])) });
  return null;
}

/**
 * A factor's source as the scorer cited it: the platform's own ("supplier list, import 12,
 * 2026-12-02", "grievance:42, 2026-10-03") in the reader's words with the date in the reader's
 * format; a published reference source as published (it is a citation).
 */
export function sourceCitation(t: RiskT, format: Formats, citation: string): string {
  const m = /^(supplier list(?:, import \d+)?|recruiter list|grievance:\d+|computed from grievances: .+?)(?:, (\d{4}-\d{2}-\d{2}))?$/.exec(citation);
  if (!m) return citation;
  const source = sourceText(t, format, m[1]!);
  // An unrecognised computed source stays whole, as stored (its date included).
  if (source === m[1] && m[1]!.startsWith("computed from grievances: ")) return citation;
  return m[2] ? t("risk:value.sourceOn", { source, date: format.date(m[2]) }) : source;
}

/**
 * What the input was, in the reader's language where the scorer's sentence is one of its fixed
 * forms; otherwise as stored (it names reference data, which is cited as published).
 */
export function factorValue(t: RiskT, format: Formats, value: string, code?: string): string {
  const specific = code ? lineValue(t, format, value, code) : null;
  if (specific !== null) return specific;
  const simple: Record<string, Parameters<RiskT>[0] & string> = {
    unknown: "risk:value.unknown",
    "not recorded": "risk:value.notRecorded",
    no: "risk:value.no",
    "unknown: no country": "risk:value.unknownNoCountry",
    "unknown: no products on the list": "risk:value.unknownNoProducts",
    "unknown: no recruiter linked": "risk:value.unknownNoRecruiter",
    "unknown: no origin country": "risk:value.unknownNoOrigin",
    "unknown: serves no supplier on the list": "risk:value.unknownNoSupplierServed",
    "suppliers not scored yet": "risk:value.suppliersNotScored",
    "no product or sector in a UFLPA high-priority sector": "risk:value.noUflpaSector",
    "no region with a rule recognised in the address or region": "risk:value.noRegion",
  };
  const key = simple[value];
  if (key) return (t as unknown as (k: string) => string)(key);
  let m = /^(yes|no) \((.*?)(?:, (\d{4}-\d{2}-\d{2}))?\)$/.exec(value);
  if (m) {
    const source = sourceText(t, format, m[2]!);
    const yes = m[1] === "yes";
    if (m[3]) return yes ? t("risk:value.yesFromOn", { source, date: format.date(m[3]) }) : t("risk:value.noFromOn", { source, date: format.date(m[3]) });
    return yes ? t("risk:value.yesFrom", { source }) : t("risk:value.noFrom", { source });
  }
  m = /^(\d+) % migrant workers$/.exec(value);
  if (m) return t("risk:value.migrantShare", { percent: format.percent(Number(m[1]) / 100) });
  m = /^(\d+) of (\d+) linked recruiters without a valid licence$/.exec(value);
  if (m) return t("risk:value.recruitersUnlicensed", { count: Number(m[2]), without: Number(m[1]) });
  m = /^(\d+) of (\d+) linked recruiters charge workers fees$/.exec(value);
  if (m) return t("risk:value.recruitersCharging", { count: Number(m[2]), charging: Number(m[1]) });
  m = /^(\d+) linked, licence status unknown$/.exec(value);
  if (m) return t("risk:value.linkedLicenceUnknown", { count: Number(m[1]) });
  m = /^(\d+) linked, fees unknown$/.exec(value);
  if (m) return t("risk:value.linkedFeesUnknown", { count: Number(m[1]) });
  m = /^licence (valid|expired|revoked|none)$/.exec(value);
  if (m) return t("risk:value.licence", { status: licenceName(t, m[1]!) });
  m = /^(\d+) recorded$/.exec(value);
  if (m) return t("risk:value.complaints", { count: Number(m[1]) });
  m = /^(\d+) organisations?$/.exec(value);
  if (m) return t("risk:value.organisations", { count: Number(m[1]) });
  m = /^unknown: expected (\d+(?:\.\d+)?) from (.*) \(noisy-OR\)$/.exec(value);
  if (m) return t("risk:value.expected", { prior: format.number(Number(m[1]), { minimumFractionDigits: 2, maximumFractionDigits: 2 }), parts: priorParts(t, format, m[2]!) });
  return value;
}

/** A country's name in the reader's language from its ISO code; the stored English name when Intl does not know it. */
function countryName(format: Formats, code: string, stored: string): string {
  // English keeps the reference table's own names ("Russian Federation"), as the sources cite them.
  if (languageOf(format.locale).intl === "en-GB") return stored;
  try {
    const name = new Intl.DisplayNames([languageOf(format.locale).intl], { type: "region" }).of(code);
    return name && name !== code ? name : stored;
  } catch {
    return stored;
  }
}

/** One part of a country assessment ("3 goods listed for forced labour"). */
function countryPart(t: RiskT, part: string): string {
  const goods = /^(\d+) goods? listed for forced labour$/.exec(part);
  if (goods) return t("risk:value.country.goods", { count: Number(goods[1]) });
  const assessment = /^child-labour assessment: (.+)$/.exec(part);
  if (assessment) return t("risk:value.country.assessment", { level: assessment[1] });
  if (part === "forced-labour law below the international standard") return t("risk:value.country.lawBelow");
  if (part === "labour inspectors below the ILO ratio") return t("risk:value.country.inspectorsBelow");
  if (part === "no DOL assessment (goods only)") return t("risk:value.country.noAssessment");
  if (part === "not covered by the DOL findings, no listed goods") return t("risk:value.country.notCovered");
  return part;
}

/** "India (IN): 3 goods listed for forced labour; …" with the country's name and each part translated. */
function countryAssessmentText(t: RiskT, format: Formats, value: string): string | null {
  const m = /^(.+) \(([A-Z]{2})\): (.+)$/.exec(value);
  if (!m) return null;
  const rest = m[3]!;
  const parts = rest === "not covered by the DOL findings, no listed goods" ? [rest] : rest.split("; ");
  return `${countryName(format, m[2]!, m[1]!)} (${m[2]}): ${parts.map((part) => countryPart(t, part)).join("; ")}`;
}

/** A TVPRA listing ("forced labour and child labour (made with tainted inputs)"). */
function listingText(t: RiskT, listing: string): string {
  const downstream = listing.endsWith(" (made with tainted inputs)");
  const kinds = (downstream ? listing.slice(0, -" (made with tainted inputs)".length) : listing).split(" and ").map((k) =>
    k === "forced child labour" ? t("risk:value.listing.forcedChild") : k === "forced labour" ? t("risk:value.listing.forced") : k === "child labour" ? t("risk:value.listing.child") : k,
  );
  const text = listOfTwo(t, kinds);
  return downstream ? t("risk:value.listing.downstream", { listing: text }) : text;
}

const listOfTwo = (t: RiskT, items: string[]): string => (items.length === 2 ? t("risk:value.listing.both", { first: items[0], second: items[1] }) : items.join(", "));

/** The scorer's sentences that belong to one line (country, sector, goods, UFLPA, corridors). */
function lineValue(t: RiskT, format: Formats, value: string, code: string): string | null {
  if (code === "country") return countryAssessmentText(t, format, value);
  if (code === "corridors") {
    const m = /^riskiest origin: (.+)$/.exec(value);
    const text = m ? countryAssessmentText(t, format, m[1]!) : null;
    return text ? t("risk:value.riskiestOrigin", { origin: text }) : null;
  }
  if (code === "sector") {
    const other = /^(.*): other sectors \(baseline (\d+(?:\.\d+)?)\)$/.exec(value);
    if (other) return t("risk:value.sectorOther", { sector: other[1], baseline: format.number(Number(other[2])) });
    const base = /^(.*): (.*) \(baseline (\d+(?:\.\d+)?)\)$/.exec(value);
    if (base) return t("risk:value.sectorBaseline", { sector: base[1], baseline: base[2], intensity: format.number(Number(base[3])) });
    return null;
  }
  if (code === "commodity") {
    const none = /^no product matches a good listed for (.+) \((.*)\)$/.exec(value);
    if (none) return t("risk:value.noGoodMatch", { country: none[1], products: none[2] });
    const hits = value.split("; ").map((hit) => /^(.+) → (.+): (.+)$/.exec(hit));
    if (hits.every((h) => h)) return hits.map((h) => `${h![1]} → ${h![2]}: ${listingText(t, h![3]!)}`).join("; ");
    return null;
  }
  if (code === "uflpa") {
    const notIn = /^not in (.+): the UFLPA presumption does not apply$/.exec(value);
    if (notIn) return t("risk:value.uflpaNotIn", { country: notIn[1] });
    const since = /^(.+) \(high-priority since (.+)\)$/.exec(value);
    if (since) return t("risk:value.uflpaSince", { sector: since[1], since: since[2] });
  }
  return null;
}

const SIGNAL_KEYS = {
  "TVPRA forced-labour listing": "risk:value.prior.tvpraForced",
  "TVPRA child-labour listing": "risk:value.prior.tvpraChild",
  "Country context": "risk:factor.country",
  "Sector baseline": "risk:value.prior.sector",
  "UFLPA high-priority sector (China)": "risk:factor.uflpa",
  "Migrant workforce": "risk:value.prior.migrant",
} as const;

/** "base 0.02 + TVPRA forced-labour listing (Timber — Russian Federation) 0.25 + …": the shipped signal names and details translated. */
function priorParts(t: RiskT, format: Formats, parts: string): string {
  const p = (x: string) => format.number(Number(x));
  return parts
    .split(" + ")
    .map((part) => {
      const base = /^base (\d+(?:\.\d+)?)$/.exec(part);
      if (base) return t("risk:value.prior.base", { value: p(base[1]!) });
      const corridor = /^riskiest corridor \((\S+) (\d+(?:\.\d+)?)\) (\d+(?:\.\d+)?)$/.exec(part);
      if (corridor) return t("risk:value.prior.corridor", { country: corridor[1], intensity: p(corridor[2]!), value: p(corridor[3]!) });
      for (const [label, key] of Object.entries(SIGNAL_KEYS)) {
        const signal = part.startsWith(`${label} (`) ? /\) (\d+(?:\.\d+)?)$/.exec(part) : null;
        if (!signal) continue;
        let detail = part.slice(label.length + 2, part.length - signal[0].length);
        if (label === "Sector baseline") detail = lineValue(t, format, detail, "sector") ?? detail;
        else if (label === "Migrant workforce") detail = factorValue(t, format, detail);
        else if (detail.endsWith(" (tainted inputs)")) detail = t("risk:value.prior.tainted", { detail: detail.slice(0, -" (tainted inputs)".length) });
        return t("risk:value.prior.signal", { signal: (t as unknown as (k: string) => string)(key), detail, value: p(signal[1]!) });
      }
      return part;
    })
    .join(" + ");
}

const LICENCE_KEYS = { valid: "risk:licence.valid", expired: "risk:licence.expired", revoked: "risk:licence.revoked", none: "risk:licence.none", unknown: "risk:licence.unknown" } as const;

/** A licence status in words ("Valid", "No licence"); an unknown code as it is. */
export function licenceName(t: RiskT, status: string): string {
  return status in LICENCE_KEYS ? t(LICENCE_KEYS[status as keyof typeof LICENCE_KEYS]) : status;
}

/** "range 21.2–100.0 · 24 % observed" in the reader's language; empty when neither is known (one-point ranges left out). */
export function rangeLine(t: RiskT, format: Formats, low: number | null | undefined, high: number | null | undefined, confidence: number | null | undefined): string {
  const parts: string[] = [];
  if (low !== null && low !== undefined && high !== null && high !== undefined && low !== high) parts.push(t("risk:badge.range", { low: scoreText(format, low), high: scoreText(format, high) }));
  if (confidence !== null && confidence !== undefined) parts.push(t("risk:badge.observed", { percent: format.percent(confidence) }));
  return parts.join(" · ");
}

/**
 * Why a score was computed in the reader's language: a rescore's stored cause document (keys,
 * app/domain/risk/cause.ts), or an English line ("import 12") recognised as one of the platform's
 * causes. `english` says the line is shown as written (a cause the platform does not know), for
 * the element that holds it alone to carry lang="en".
 */
export function causeWords(t: RiskT, stored: string): { text: string; english: boolean } {
  const cause = readCause(stored);
  const said = "key" in cause ? { text: (t as unknown as (key: string, values?: Record<string, string | number>) => string)(cause.key, cause.values), english: false } : englishCause(t, cause.en);
  return cause.resumed ? { text: t("risk:cause.resumed", { cause: said.text }), english: false } : said;
}

/** A cause alone in its cell (`td`, `dd`), marked lang="en" when it is an English line shown as written. */
export function CauseCell({ as: Tag, cause }: { as: "td" | "dd"; cause: string }) {
  const { t } = useRiskText();
  const words = causeWords(t, cause);
  return <Tag lang={words.english ? "en" : undefined}>{words.text}</Tag>;
}

/** Why a score was computed ("import 12", "methodology 2.1"), in the reader's language where it is one of the platform's causes. */
export function causeText(t: RiskT, cause: string): string {
  return causeWords(t, cause).text;
}

/** An English cause line as the scoring code writes it (per-organisation scorings) or wrote it before issue 18. */
function englishCause(t: RiskT, cause: string): { text: string; english: boolean } {
  const said = (text: string) => ({ text, english: false });
  let m = /^import (\d+)$/.exec(cause);
  if (m) return said(t("risk:cause.import", { id: m[1] }));
  m = /^methodology (\S+)$/.exec(cause);
  if (m) return said(t("risk:cause.methodology", { version: m[1] }));
  m = /^reference (.+)$/.exec(cause);
  if (m) return said(t("risk:cause.reference", { source: m[1] }));
  m = /^findings of audit #(\d+)$/.exec(cause);
  if (m) return said(t("risk:cause.auditFindings", { id: m[1] }));
  m = /^corrective action #(\d+) (opened|verified closed|sent back)$/.exec(cause);
  if (m) return said(m[2] === "opened" ? t("risk:cause.actionOpened", { id: m[1] }) : m[2] === "sent back" ? t("risk:cause.actionSentBack", { id: m[1] }) : t("risk:cause.actionClosed", { id: m[1] }));
  m = /^indicators recorded by (.+)$/.exec(cause);
  if (m) return said(t("risk:cause.indicatorsRecorded", { name: m[1] }));
  m = /^grievance case (\d+) substantiated$/.exec(cause);
  if (m) return said(t("risk:grievance.cause", { id: m[1] }));
  m = /^grievance case (\d+) no longer substantiated$/.exec(cause);
  if (m) return said(t("risk:grievance.causeWithdrawn", { id: m[1] }));
  if (cause === "watchlist match carried to a new edition") return said(t("risk:cause.watchlistCarried"));
  if (cause === "scores missing at start-up") return said(t("risk:cause.missingAtStart"));
  if (cause === "demo seed") return said(t("risk:cause.demoSeed"));
  return { text: cause, english: true };
}
