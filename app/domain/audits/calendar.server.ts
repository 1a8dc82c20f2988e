/**
 * The inspectorate's calendar (month or week, everyone or one inspector) and each inspector's
 * private iCalendar feed (RFC 5545) at a secret URL that can be revoked.
 */
import { and, eq, isNull } from "drizzle-orm";
import ical, { ICalEventStatus } from "ical-generator";
import { inTransaction, type Db, firstRow, rawAll } from "#db/client";
import { calendarFeeds, memberships, users } from "#db/schema";
import { generateToken, hashToken } from "~/auth/tokens.server";
import { authorize, type Actor } from "~/auth/permissions.server";
import { recordEvent } from "../activity-log/activity-log.server";
import { INDICATORS } from "../indicators";
import { addLocalDays, fromLocal, isLocalDate, localDay, weekday } from "./local-time";
import { settingsOf } from "./settings.server";
import { STATUS_LABELS } from "./status";
import { SNAPSHOT_NAME, stillShared } from "./workplaces.server";
import { workplaceZone } from "../reference/country-zones";
import { windowInZones } from "./zone-text";
import { INTERFACE_CODES, languageOf } from "~/i18n/languages";

export type CalendarView = "month" | "week";

export interface CalendarEntry {
  id: number;
  supplierName: string;
  type: string;
  status: string;
  startsAt: number;
  endsAt: number;
  team: string[];
  /** The workplace's zone (issue 17, item 5): the grid is in the viewer's, each entry also says its local time. */
  placeZone: string;
}

export interface CalendarRange {
  view: CalendarView;
  /** The day asked for, and the days shown (whole weeks, Monday first). */
  anchor: string;
  days: string[];
  previous: string;
  next: string;
}

export function calendarRange(view: CalendarView, anchor: string): CalendarRange {
  if (view === "week") {
    const monday = addLocalDays(anchor, 1 - weekday(anchor));
    return { view, anchor, days: Array.from({ length: 7 }, (_, i) => addLocalDays(monday, i)), previous: addLocalDays(anchor, -7), next: addLocalDays(anchor, 7) };
  }
  const first = `${anchor.slice(0, 7)}-01`;
  const start = addLocalDays(first, 1 - weekday(first));
  const nextMonth = addLocalDays(first, 32).slice(0, 7) + "-01";
  const end = addLocalDays(nextMonth, -1);
  const days: string[] = [];
  for (let d = start; d <= end || weekday(d) !== 1; d = addLocalDays(d, 1)) days.push(d);
  return { view, anchor, days, previous: addLocalDays(first, -1).slice(0, 7) + "-01", next: nextMonth };
}

export async function calendar(db: Db, actor: Actor, input: { view: string | null; date: string | null; inspectorId: number | null }, now = Date.now()) {
  const orgId = actor.membership?.orgId ?? -1;
  authorize(actor, "audits.view", { orgId });
  const zone = (await settingsOf(db, orgId)).timeZone;
  const view: CalendarView = input.view === "week" ? "week" : "month";
  const anchor = input.date && isLocalDate(input.date) ? input.date : localDay(now, zone);
  const range = calendarRange(view, anchor);
  const from = fromLocal(`${range.days[0]}T00:00`, zone)!;
  const to = fromLocal(`${addLocalDays(range.days[range.days.length - 1]!, 1)}T00:00`, zone)!;
  const entries = await rawAll<Omit<CalendarEntry, "team" | "placeZone"> & { supplierId: number; country: string | null; team: string }>(
    db,
    `select a.id, a.supplier_id as supplierId, ${SNAPSHOT_NAME} as supplierName, a.workplace_country as country, a.type, a.status, a.starts_at as startsAt, a.ends_at as endsAt,
              coalesce((select json_group_array(u.name) from audit_team t join users u on u.id = t.user_id where t.audit_id = a.id), '[]') as team
       from audits a
       where a.org_id = ? and a.status != 'cancelled' and a.ends_at > ? and a.starts_at < ?
         ${input.inspectorId ? "and exists (select 1 from audit_team t where t.audit_id = a.id and t.user_id = ?)" : ""}
       order by a.starts_at, a.id`,
    orgId,
    new Date(from),
    new Date(to),
    ...(input.inspectorId ? [input.inspectorId] : []),
  );
  const live = await stillShared(db, orgId, entries.map((e) => e.supplierId));
  const away = await rawAll<{ id: number; name: string; startsOn: string; endsOn: string }>(
    db,
    `select v.id, u.name, v.starts_on as startsOn, v.ends_on as endsOn from inspector_availability v join users u on u.id = v.user_id
       where v.org_id = ? and v.ends_on >= ? and v.starts_on <= ? ${input.inspectorId ? "and v.user_id = ?" : ""} order by v.starts_on`,
    orgId,
    range.days[0],
    range.days[range.days.length - 1],
    ...(input.inspectorId ? [input.inspectorId] : []),
  );
  return { zone, range, today: localDay(now, zone), entries: entries.map(({ supplierId, country, ...e }) => ({ ...e, placeZone: workplaceZone(country, zone), supplierName: live.get(supplierId)?.name ?? e.supplierName, team: JSON.parse(e.team) as string[] })), away };
}

/* -------------------------------------- iCalendar feeds -------------------------------------- */

export async function feedStatus(db: Db, actor: Actor) {
  const orgId = actor.membership?.orgId ?? -1;
  authorize(actor, "audits.view", { orgId });
  const feed = firstRow(await db
      .select({ createdAt: calendarFeeds.createdAt, lastUsedAt: calendarFeeds.lastUsedAt })
      .from(calendarFeeds)
      .where(and(eq(calendarFeeds.userId, actor.user.id), eq(calendarFeeds.orgId, orgId), isNull(calendarFeeds.revokedAt))));
  return feed ? { createdAt: feed.createdAt.getTime(), lastUsedAt: feed.lastUsedAt?.getTime() ?? null } : null;
}

/** Revokes the user's current feed (if any) and returns the token of a new one, shown once. */
export async function createFeed(db: Db, actor: Actor, ip: string | null): Promise<string> {
  const orgId = actor.membership?.orgId ?? -1;
  authorize(actor, "audits.view", { orgId });
  const token = generateToken();
  await inTransaction(db, async () => {
        await revokeFeedRows(db, actor.user.id, orgId);
        await db.insert(calendarFeeds).values({ userId: actor.user.id, orgId, tokenHash: hashToken(token) });
        await recordEvent(db, { action: "audit.calendar_feed_created", actorUserId: actor.user.id, orgId, targetType: "user", targetId: actor.user.id, ip });
      });
  return token;
}

async function revokeFeedRows(db: Db, userId: number, orgId: number) {
  await db.update(calendarFeeds).set({ revokedAt: new Date() }).where(and(eq(calendarFeeds.userId, userId), eq(calendarFeeds.orgId, orgId), isNull(calendarFeeds.revokedAt)));
}

export async function revokeFeed(db: Db, actor: Actor, ip: string | null): Promise<void> {
  const orgId = actor.membership?.orgId ?? -1;
  authorize(actor, "audits.view", { orgId });
  await revokeFeedRows(db, actor.user.id, orgId);
  await recordEvent(db, { action: "audit.calendar_feed_revoked", actorUserId: actor.user.id, orgId, targetType: "user", targetId: actor.user.id, ip });
}

const AUDIT_TYPE_KEYS = ["announced", "unannounced", "follow_up", "desk_review"] as const;

/**
 * The feed's words in its owner's saved language (issue 18): a calendar app sends no cookie and
 * its own Accept-Language, so the account's choice is the only one that means anything here.
 * English keeps the lines the feed has always written. The catalog is loaded when a feed is read
 * (not imported at the top: the seed imports this module's neighbours under plain Node).
 */
async function feedWords(locale: string) {
  const { serverT } = await import("~/i18n/i18n.server");
  const { formatsFor } = await import("~/i18n/format");
  const t = serverT(locale, "audits");
  const f = formatsFor(locale);
  return {
    name: t("ics.name"),
    summary: (type: string, name: string) => t(`ics.summary.${(AUDIT_TYPE_KEYS as readonly string[]).includes(type) ? (type as (typeof AUDIT_TYPE_KEYS)[number]) : "other"}`, { name }),
    /** As the audit pages say it (components/audits.tsx): the day and clocks where it happens, labelled with the zone's name, then the inspectorate's. */
    window(startsAt: number, endsAt: number, place: string, own: string) {
      if (locale === "en") return windowInZones(startsAt, endsAt, place, own);
      const intl = languageOf(locale).intl;
      const clock = (ms: number, zone: string) => new Intl.DateTimeFormat(intl, { timeStyle: "short", timeZone: zone }).format(new Date(ms));
      const zoneLabel = (zone: string) => {
        if (!zone.includes("/")) return zone;
        const name = (style: "longGeneric" | "long") => new Intl.DateTimeFormat(intl, { timeZone: zone, timeZoneName: style }).formatToParts(0).find((p) => p.type === "timeZoneName")?.value;
        const generic = name("longGeneric");
        const found = generic && !generic.includes("(") ? generic : (name("long") ?? generic);
        return found && !/^(GMT|UTC)[+−-]/.test(found) ? found : t("time.city", { city: zone.slice(zone.lastIndexOf("/") + 1).replace(/_/g, " ") });
      };
      const span = (zone: string) =>
        localDay(startsAt, zone) === localDay(endsAt, zone)
          ? t("time.sameDay", { day: f.date(startsAt, zone), from: clock(startsAt, zone), to: clock(endsAt, zone) })
          : t("time.acrossDays", { from: t("time.dayAndClock", { day: f.date(startsAt, zone), clock: clock(startsAt, zone) }), to: t("time.dayAndClock", { day: f.date(endsAt, zone), clock: clock(endsAt, zone) }) });
      const here = t("time.inZone", { time: span(place), zone: zoneLabel(place) });
      return clock(startsAt, place) === clock(startsAt, own) && localDay(startsAt, place) === localDay(startsAt, own) ? here : t("ics.windowBoth", { place: here, own: t("time.inZone", { time: span(own), zone: zoneLabel(own) }) });
    },
    statusTeam: (status: string, team: string[]) =>
      t("ics.statusTeam", { status: locale === "en" ? STATUS_LABELS[status as keyof typeof STATUS_LABELS] : t(`status.${status as keyof typeof STATUS_LABELS}`), team: locale === "en" ? team.join(", ") : f.list(team) }),
    checklist: (count: number) => t("ics.checklist", { count }),
  };
}

/**
 * The .ics text for a feed token, or null when the token names no live feed or its owner is no
 * longer in the inspectorate (a removed member's calendar stops at once).
 */
export async function feedCalendar(db: Db, token: string, origin: string, now = Date.now()): Promise<string | null> {
  const feed = firstRow(await db.select().from(calendarFeeds).where(eq(calendarFeeds.tokenHash, hashToken(token))));
  if (!feed || feed.revokedAt) return null;
  const member = firstRow(await db.select({ role: memberships.role }).from(memberships).where(and(eq(memberships.userId, feed.userId), eq(memberships.orgId, feed.orgId))));
  if (!member) return null;
  await db.update(calendarFeeds).set({ lastUsedAt: new Date(now) }).where(eq(calendarFeeds.id, feed.id));
  const owner = firstRow(await db.select({ locale: users.locale }).from(users).where(eq(users.id, feed.userId)));
  const words = await feedWords(owner?.locale && INTERFACE_CODES.includes(owner.locale) ? owner.locale : "en");
  const rows = await rawAll<{ id: number; supplierId: number; supplierName: string; country: string | null; type: string; status: string; startsAt: number; endsAt: number; updatedAt: number | null; createdAt: number; team: string }>(
    db,
    `select a.id, a.supplier_id as supplierId, ${SNAPSHOT_NAME} as supplierName, a.workplace_country as country, a.type, a.status, a.starts_at as startsAt, a.ends_at as endsAt, a.updated_at as updatedAt, a.created_at as createdAt,
              coalesce((select json_group_array(u.name) from audit_team t join users u on u.id = t.user_id where t.audit_id = a.id), '[]') as team
       from audits a join audit_team me on me.audit_id = a.id and me.user_id = ?
       where a.org_id = ? and a.ends_at > ? order by a.starts_at, a.id`,
    feed.userId,
    feed.orgId,
    new Date(now - 90 * 86_400_000),
  );
  const cal = ical({ name: words.name, prodId: { company: "labour-due-diligence", product: "audits", language: "EN" }, timezone: "UTC" });
  // The address (a location) only while the company shares the workplace with its identity: a
  // revoked workplace's event keeps the audit's own title and time, nothing live.
  const live = await stillShared(db, feed.orgId, rows.map((a) => a.supplierId));
  const own = (await settingsOf(db, feed.orgId)).timeZone;
  for (const a of rows) {
    const workplace = live.get(a.supplierId);
    cal.createEvent({
      id: `audit-${a.id}@labour-due-diligence`,
      start: new Date(a.startsAt),
      end: new Date(a.endsAt),
      stamp: new Date(a.updatedAt ?? a.createdAt),
      summary: words.summary(a.type, workplace?.name ?? a.supplierName),
      // DTSTART/DTEND stay in UTC (exact instants every calendar app reads alike; a per-event TZID
      // would need a VTIMEZONE block, which ical-generator only writes with a timezone library).
      // The description says the time where the inspectors stand, and the inspectorate's beside it.
      description: `${words.window(a.startsAt, a.endsAt, workplaceZone(a.country, own), own)}\n${words.statusTeam(a.status, JSON.parse(a.team) as string[])}\n${words.checklist(INDICATORS.length)}`,
      location: workplace?.address ?? undefined,
      url: `${origin}/audits/${a.id}`,
      status: a.status === "cancelled" ? ICalEventStatus.CANCELLED : a.status === "planned" ? ICalEventStatus.TENTATIVE : ICalEventStatus.CONFIRMED,
    });
  }
  // RFC 5545 §3.1: every content line ends with CRLF, the last one too (ical-generator leaves it off).
  return `${cal.toString()}\r\n`;
}
