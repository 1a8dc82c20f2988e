import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guard.server";
import { authorize } from "~/auth/permissions.server";
import { AuditType, useZoneText } from "~/components/audits";
import { OneTimeLink } from "~/components/one-time-link";
import { calendar, createFeed, feedStatus, revokeFeed } from "~/domain/audits/calendar.server";
import { CalendarFeedSchema } from "~/domain/audits/form-schemas";
import { localTime } from "~/domain/audits/local-time";
import { inspectorsOf } from "~/domain/audits/scheduling.server";
import { runAction, withDomainErrors } from "~/lib/actions.server";
import { useFormat } from "~/i18n/format";
import { serverT } from "~/i18n/i18n.server";
import { languageOf } from "~/i18n/languages";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  const url = new URL(request.url);
  const inspector = Number(url.searchParams.get("inspector"));
  const inspectorId = Number.isSafeInteger(inspector) && inspector > 0 ? inspector : null;
  const cal = await calendar(context.db, session, { view: url.searchParams.get("view"), date: url.searchParams.get("date"), inspectorId });
  return { title: serverT(context.locale, "audits")("meta.calendar"), ...cal, inspectorId, inspectors: await inspectorsOf(context.db, session.membership!.orgId), feed: await feedStatus(context.db, session) };
});

export const action = /* @__PURE__ */ withDomainErrors(async ({ request, context }: ActionFunctionArgs) => {
  const session = requireUser(request, context);
  authorize(session, "audits.view", { orgId: session.membership?.orgId ?? -1 });
  return runAction(request, CalendarFeedSchema, async ({ intent }) => {
    if (intent === "revoke-feed") {
      await revokeFeed(context.db, session, context.ip);
      return { ok: true as const, feedUrl: null, revoked: true };
    }
    const token = await createFeed(context.db, session, context.ip);
    return { ok: true as const, feedUrl: `${new URL(request.url).origin}/calendar/${token}.ics`, revoked: false };
  }, context.locale);
});

/** A Monday (2024-01-01): the grid's weeks start on Monday in every language (calendar.server.ts). */
const A_MONDAY = Date.UTC(2024, 0, 1, 12);

/** The weekday and month names of the reader's language, from Intl (CLDR), Monday first. */
function useCalendarNames() {
  const { i18n } = useTranslation();
  const intl = languageOf(i18n.language).intl;
  return useMemo(() => {
    const weekday = new Intl.DateTimeFormat(intl, { weekday: "short", timeZone: "UTC" });
    const monthYear = new Intl.DateTimeFormat(intl, { month: "long", year: "numeric", timeZone: "UTC" });
    const dayOfMonth = new Intl.DateTimeFormat(intl, { day: "numeric", timeZone: "UTC" });
    const days = Array.from({ length: 7 }, (_, i) => new Date(A_MONDAY + i * 86_400_000));
    return {
      weekdays: days.map((d) => weekday.format(d)),
      /** "December 2026", "Dezember 2026", "ธันวาคม 2569" (Thai: the Buddhist-era year, CLDR's default). */
      month: (day: string) => monthYear.format(new Date(`${day.slice(0, 7)}-01T12:00:00Z`)),
      dayOfMonth: (day: string) => dayOfMonth.format(new Date(`${day}T12:00:00Z`)),
    };
  }, [intl]);
}

export default function Calendar() {
  const { zone, range, today, entries, away, inspectorId, inspectors, feed } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const result = answer?.ok ? answer : null;
  const { t } = useTranslation("audits");
  const f = useFormat();
  const zones = useZoneText();
  const names = useCalendarNames();
  const params = (over: Record<string, string | number | null>) => {
    const p = new URLSearchParams();
    const all = { view: range.view, date: range.anchor, inspector: inspectorId, ...over };
    for (const [k, v] of Object.entries(all)) if (v !== null && v !== "") p.set(k, String(v));
    return `?${p}`;
  };
  const title = range.view === "month" ? names.month(range.anchor) : t("calendar.weekOf", { day: f.date(range.days[0]!) });
  const month = range.anchor.slice(0, 7);
  const onDay = (day: string) => entries.filter((e) => day >= localDayOf(e.startsAt) && day <= localDayOf(e.endsAt - 1));
  const awayOn = (day: string) => away.filter((a) => a.startsOn <= day && a.endsOn >= day);
  function localDayOf(ms: number) {
    return new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" }).format(ms);
  }
  return (
    <>
      <p className="breadcrumbs">
        <Link to="/audits">{t("list.title")}</Link> ›
      </p>
      <div className="page-header">
        <div>
          <h1>{t("calendar.title", { period: title })}</h1>
          <p>{t("calendar.intro", { zone: zones.zone(zone) })}</p>
        </div>
        <Link className="button button--secondary" to="/audits/availability">
          {t("availability.title")}
        </Link>
      </div>
      <div className="card list-toolbar">
        <nav aria-label={t("calendar.period")} className="actions">
          <Link className="button button--small button--secondary" to={params({ date: range.previous })}>
            {t("calendar.previous")}
          </Link>
          <Link className="button button--small button--secondary" to={params({ date: today })}>
            {t("calendar.today")}
          </Link>
          <Link className="button button--small button--secondary" to={params({ date: range.next })}>
            {t("calendar.next")}
          </Link>
          <Link className="button button--small button--secondary" to={params({ view: range.view === "month" ? "week" : "month" })}>
            {range.view === "month" ? t("calendar.weekView") : t("calendar.monthView")}
          </Link>
        </nav>
        <Form method="get" className="inline-form">
          <input type="hidden" name="view" value={range.view} />
          <input type="hidden" name="date" value={range.anchor} />
          <div className="field">
            <label htmlFor="inspector">{t("calendar.whose")}</label>
            <select id="inspector" name="inspector" defaultValue={inspectorId ?? ""}>
              <option value="">{t("calendar.everyone")}</option>
              {inspectors.map((i) => (
                <option key={i.id} value={i.id}>
                  {i.name}
                </option>
              ))}
            </select>
          </div>
          <button className="button button--small button--secondary" type="submit">
            {t("calendar.show")}
          </button>
        </Form>
      </div>
      <div className="card">
        <table className={`calendar calendar--${range.view}`}>
          <caption className="visually-hidden" data-intl>
            {title}
          </caption>
          <thead>
            <tr>
              {names.weekdays.map((d, i) => (
                <th key={i} scope="col" data-intl>
                  {d}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {Array.from({ length: range.days.length / 7 }, (_, w) => (
              <tr key={w}>
                {range.days.slice(w * 7, w * 7 + 7).map((day, d) => (
                  <td key={day} className={`calendar__day${day === today ? " calendar__day--today" : ""}${range.view === "month" && day.slice(0, 7) !== month ? " calendar__day--other" : ""}`}>
                    <span className="calendar__date">
                      {/* Shown only where the phone's list view has no weekday column (app.css). */}
                      <span className="calendar__weekday">{names.weekdays[d]} </span>
                      {range.view === "month" ? names.dayOfMonth(day) : f.date(day)}
                    </span>
                    <ul>
                      {onDay(day).map((e) => {
                        const there = zones.place(e.startsAt, e.placeZone, zone);
                        return (
                          <li key={e.id} className={`calendar__entry calendar__entry--${e.type}`}>
                            <Link to={`/audits/${e.id}`}>
                              {localTime(e.startsAt, zone)} {e.supplierName}
                            </Link>
                            {there ? <span className="cell-sub">{there}</span> : null}
                            <span className="cell-sub">
                              <AuditType type={e.type} /> · {f.list(e.team)}
                            </span>
                          </li>
                        );
                      })}
                      {awayOn(day).map((a) => (
                        <li key={`away-${a.id}`} className="calendar__away">
                          {t("calendar.away", { name: a.name })}
                        </li>
                      ))}
                    </ul>
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="card card--form" id="feed">
        <h2>{t("calendar.feed.title")}</h2>
        <p>{t("calendar.feed.intro")}</p>
        {result?.feedUrl ? (
          <div className="alert alert--success" role="status">
            <p>{t("calendar.feed.copyNow")}</p>
            <OneTimeLink href={result.feedUrl} />
          </div>
        ) : null}
        {result?.revoked ? (
          <div className="alert alert--info" role="status">
            {t("calendar.feed.revoked")}
          </div>
        ) : null}
        <p className="muted">
          {feed
            ? feed.lastUsedAt
              ? t("calendar.feed.activeRead", { since: f.dateTime(feed.createdAt, zone), read: f.dateTime(feed.lastUsedAt, zone) })
              : t("calendar.feed.activeUnread", { since: f.dateTime(feed.createdAt, zone) })
            : t("calendar.feed.none")}
        </p>
        <div className="actions">
          <Form method="post">
            <input type="hidden" name="intent" value="create-feed" />
            <button className="button button--secondary" type="submit">
              {feed ? t("calendar.feed.replace") : t("calendar.feed.create")}
            </button>
          </Form>
          {feed ? (
            <Form method="post">
              <input type="hidden" name="intent" value="revoke-feed" />
              <button className="button button--danger" type="submit">
                {t("calendar.feed.revoke")}
              </button>
            </Form>
          ) : null}
        </div>
      </div>
    </>
  );
}
