/** Small pieces shared by the audit pages. */
import { useMemo, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { conflictText, type ConflictWords } from "~/domain/audits/conflict-text";
import type { Conflict } from "~/domain/audits/conflicts";
import type { AuditStatus as Status, AuditType as Type, CorrectiveActionStatus } from "#db/schema";
import { localDay } from "~/domain/audits/local-time";
import { inZone, placeTime, timeInZones, windowInZones, windowText } from "~/domain/audits/zone-text";
import { INDICATORS, type IndicatorCode } from "~/domain/indicators";
import { formatsFor } from "~/i18n/format";
import { languageOf } from "~/i18n/languages";
import { zoneName } from "~/lib/format";
import { BandBadge } from "./risk/band-badge";

export const indicatorLabel = (code: string): string => INDICATORS.find((i) => i.code === code)?.label ?? code;

// The zone-labelled times live beside the domain (the ICS feed and the PDFs use them too); re-exported for the pages.
export { inZone, placeTime, timeInZones, windowInZones, windowText };

const isIndicator = (code: string): code is IndicatorCode => INDICATORS.some((i) => i.code === code);

/** An ILO indicator's name in the reader's language (the glossary's wording). */
export function IndicatorName({ code }: { code: string }) {
  const { t } = useTranslation("audits");
  return <>{isIndicator(code) ? t(`indicator.${code}`) : code}</>;
}

/**
 * An audit's times in the reader's language, each labelled with its zone. English keeps the
 * sentences the platform has always written ("2026-12-08 09:00–13:00 Bangkok time · 10:00–14:00
 * Kuala Lumpur time"); the other languages give the day and clock as their readers write them
 * and the zone's own name in their language from Intl ("เวลาอินโดจีน", "Waktu Indochina").
 */
export interface ZoneText {
  /** A zone's name: "Bangkok time", "Indochina-Zeit". */
  zone(zone: string): string;
  /** A calendar day ("2026-12-08"). */
  day(day: string): string;
  /** One instant in a zone, labelled. */
  at(ms: number, zone: string): string;
  /** An audit's window where it happens, then in the viewer's zone where the clocks differ. */
  window(startsAt: number, endsAt: number, place: string, viewer?: string | null): string;
  /** One instant of an audit the same way. */
  time(ms: number, place: string, viewer?: string | null): string;
  /** The workplace's clock for an entry shown in the viewer's zone (the calendar grid), or null when the clocks agree. */
  place(ms: number, place: string, viewer: string): string | null;
}

const english: ZoneText = { zone: zoneName, day: (d) => d, at: (ms, zone) => `${inZone(ms, zone)} ${zoneName(zone)}`, window: windowInZones, time: timeInZones, place: placeTime };

function zoneTextFor(lng: string, t: ReturnType<typeof useTranslation<"audits">>["t"]): ZoneText {
  if (lng === "en") return english;
  const intl = languageOf(lng).intl;
  const f = formatsFor(lng);
  const clocks = new Map<string, Intl.DateTimeFormat>();
  const clock = (ms: number, zone: string) => {
    let c = clocks.get(zone);
    if (!c) clocks.set(zone, (c = new Intl.DateTimeFormat(intl, { timeStyle: "short", timeZone: zone })));
    return c.format(new Date(ms));
  };
  const zone = (z: string): string => {
    if (!z.includes("/")) return z;
    const name = (style: "longGeneric" | "long") => new Intl.DateTimeFormat(intl, { timeZone: z, timeZoneName: style }).formatToParts(0).find((p) => p.type === "timeZoneName")?.value;
    // The generic name ("Indochina-Zeit"), unless it is a place with a parenthesis ("Malaysia (Ortszeit)"),
    // which would nest inside the label's own: then the zone's long name ("Malaysische Zeit").
    const generic = name("longGeneric");
    const found = generic && !generic.includes("(") ? generic : (name("long") ?? generic);
    // A zone Intl names only by its offset ("GMT+07:00") is said by its city instead.
    return found && !/^(GMT|UTC)[+−-]/.test(found) ? found : t("time.city", { city: z.slice(z.lastIndexOf("/") + 1).replace(/_/g, " ") });
  };
  const stamp = (ms: number, z: string) => t("time.dayAndClock", { day: f.date(ms, z), clock: clock(ms, z) });
  const span = (a: number, b: number, z: string) =>
    localDay(a, z) === localDay(b, z) ? t("time.sameDay", { day: f.date(a, z), from: clock(a, z), to: clock(b, z) }) : t("time.acrossDays", { from: stamp(a, z), to: stamp(b, z) });
  const labelled = (text: string, z: string) => t("time.inZone", { time: text, zone: zone(z) });
  const sameClock = (ms: number, a: string, b: string) => inZone(ms, a) === inZone(ms, b);
  return {
    zone,
    day: (d) => f.date(d),
    at: (ms, z) => labelled(stamp(ms, z), z),
    window(a, b, place, viewer) {
      const here = labelled(span(a, b, place), place);
      if (!viewer || (sameClock(a, place, viewer) && sameClock(b, place, viewer))) return here;
      const oneDay = localDay(a, viewer) === localDay(b, viewer) && localDay(a, place) === localDay(a, viewer);
      const there = oneDay ? t("time.clockSpan", { from: clock(a, viewer), to: clock(b, viewer) }) : span(a, b, viewer);
      return `${here} · ${labelled(there, viewer)}`;
    },
    time(ms, place, viewer) {
      const here = labelled(stamp(ms, place), place);
      if (!viewer || sameClock(ms, place, viewer)) return here;
      return `${here} · ${labelled(localDay(ms, place) === localDay(ms, viewer) ? clock(ms, viewer) : stamp(ms, viewer), viewer)}`;
    },
    place(ms, place, viewer) {
      if (sameClock(ms, place, viewer)) return null;
      return labelled(localDay(ms, place) === localDay(ms, viewer) ? clock(ms, place) : stamp(ms, place), place);
    },
  };
}

/** The zone-labelled times in the language the page is rendered in. */
export function useZoneText(): ZoneText {
  const { t, i18n } = useTranslation("audits");
  const lng = i18n.language;
  return useMemo(() => zoneTextFor(lng, t), [lng, t]);
}

export function AuditType({ type }: { type: string }) {
  const { t } = useTranslation("audits");
  return <>{t(`type.${type as Type}`, { defaultValue: type })}</>;
}

const STATUS_TONE: Record<string, string> = { planned: "badge--muted", confirmed: "", in_progress: "badge--warning", completed: "badge--ok", report_issued: "badge--ok", cancelled: "badge--muted" };

export function AuditStatus({ status }: { status: string }) {
  const { t } = useTranslation("audits");
  return <span className={`badge ${STATUS_TONE[status] ?? ""}`}>{t(`status.${status as Status}`, { defaultValue: status })}</span>;
}

const SEVERITY_TONE: Record<string, string> = { critical: "badge--danger", major: "badge--warning", minor: "", not_observed: "badge--muted" };
type SeverityCode = "critical" | "major" | "minor" | "not_observed";

export function Severity({ result }: { result: string }) {
  const { t } = useTranslation("audits");
  return <span className={`badge ${SEVERITY_TONE[result] ?? ""}`}>{t(`severity.${result as SeverityCode}`, { defaultValue: result })}</span>;
}

export function ActionStatus({ status, overdue }: { status: string; overdue: boolean }) {
  const { t } = useTranslation("audits");
  return (
    <>
      <span className={`badge ${status === "verified_closed" ? "badge--ok" : status === "submitted" ? "" : "badge--muted"}`}>{t(`actionStatus.${status as CorrectiveActionStatus}`, { defaultValue: status })}</span>
      {overdue ? <span className="badge badge--danger">{t("actionStatus.overdue")}</span> : null}
    </>
  );
}

/** One rule's refusal in the reader's language. */
function ConflictText({ conflict }: { conflict: Conflict }) {
  const { t } = useTranslation("audits");
  const zones = useZoneText();
  return <>{conflictText(conflict, { t: t as unknown as ConflictWords["t"], day: zones.day })}</>;
}

/** The rules' refusals, each with its explanation. */
export function ConflictList({ conflicts }: { conflicts: Conflict[] | undefined }) {
  const { t } = useTranslation("audits");
  if (!conflicts?.length) return null;
  return (
    <div className="alert alert--error" role="alert">
      <p>
        <strong>{t("conflict.title")}</strong>
      </p>
      <ul>
        {conflicts.map((c, i) => (
          <li key={i}>
            <ConflictText conflict={c} />
          </li>
        ))}
      </ul>
    </div>
  );
}

export function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </>
  );
}

/**
 * A workplace's risk as the inspectorate may see it: the band and score when a share includes
 * scores, else says so (rather than "not scored yet", which would be a different claim).
 */
export function WorkplaceRisk({ scoreShared, band, score, low, high, confidence }: { scoreShared: boolean; band: string | null; score: number | null; low?: number | null; high?: number | null; confidence?: number | null }) {
  const { t } = useTranslation("audits");
  if (!scoreShared) return <span className="band-badge band-badge--none">{t("risk.notShared")}</span>;
  // One element, so that a page header's flex layout keeps the range beside its band.
  return (
    <span className="band-with-range">
      <BandBadge band={band} score={score} low={low} high={high} confidence={confidence} />
    </span>
  );
}
