import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guard.server";
import { authorize } from "~/auth/permissions.server";
import { AuditType, placeTime } from "~/components/audits";
import { OneTimeLink } from "~/components/one-time-link";
import { calendar, createFeed, feedStatus, revokeFeed } from "~/domain/audits/calendar.server";
import { CalendarFeedSchema } from "~/domain/audits/form-schemas";
import { localTime } from "~/domain/audits/local-time";
import { inspectorsOf } from "~/domain/audits/scheduling.server";
import { runAction, withDomainErrors } from "~/lib/actions.server";
import { formatDateTime, zoneName } from "~/lib/format";

export const meta: MetaFunction = () => [{ title: "Calendar · Audits · Labour Due Diligence" }];

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  const url = new URL(request.url);
  const inspector = Number(url.searchParams.get("inspector"));
  const inspectorId = Number.isSafeInteger(inspector) && inspector > 0 ? inspector : null;
  const cal = await calendar(context.db, session, { view: url.searchParams.get("view"), date: url.searchParams.get("date"), inspectorId });
  return { ...cal, inspectorId, inspectors: await inspectorsOf(context.db, session.membership!.orgId), feed: await feedStatus(context.db, session) };
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
  });
});

const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

export default function Calendar() {
  const { zone, range, today, entries, away, inspectorId, inspectors, feed } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const result = answer?.ok ? answer : null;
  const params = (over: Record<string, string | number | null>) => {
    const p = new URLSearchParams();
    const all = { view: range.view, date: range.anchor, inspector: inspectorId, ...over };
    for (const [k, v] of Object.entries(all)) if (v !== null && v !== "") p.set(k, String(v));
    return `?${p}`;
  };
  const title = range.view === "month" ? `${MONTHS[Number(range.anchor.slice(5, 7)) - 1]} ${range.anchor.slice(0, 4)}` : `Week of ${range.days[0]}`;
  const month = range.anchor.slice(0, 7);
  const onDay = (day: string) => entries.filter((e) => day >= localDayOf(e.startsAt) && day <= localDayOf(e.endsAt - 1));
  const awayOn = (day: string) => away.filter((a) => a.startsOn <= day && a.endsOn >= day);
  function localDayOf(ms: number) {
    return new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" }).format(ms);
  }
  return (
    <>
      <p className="breadcrumbs">
        <Link to="/audits">Audits</Link> ›
      </p>
      <div className="page-header">
        <div>
          <h1>Calendar: {title}</h1>
          <p>
            The calendar is in {zoneName(zone)}; an audit whose workplace keeps another clock also gives its local time. Cancelled audits are not shown.
          </p>
        </div>
        <Link className="button button--secondary" to="/audits/availability">
          Leave and unavailability
        </Link>
      </div>
      <div className="card list-toolbar">
        <nav aria-label="Calendar period" className="actions">
          <Link className="button button--small button--secondary" to={params({ date: range.previous })}>
            ← Previous
          </Link>
          <Link className="button button--small button--secondary" to={params({ date: today })}>
            Today
          </Link>
          <Link className="button button--small button--secondary" to={params({ date: range.next })}>
            Next →
          </Link>
          <Link className="button button--small button--secondary" to={params({ view: range.view === "month" ? "week" : "month" })}>
            {range.view === "month" ? "Week view" : "Month view"}
          </Link>
        </nav>
        <Form method="get" className="inline-form">
          <input type="hidden" name="view" value={range.view} />
          <input type="hidden" name="date" value={range.anchor} />
          <div className="field">
            <label htmlFor="inspector">Whose calendar</label>
            <select id="inspector" name="inspector" defaultValue={inspectorId ?? ""}>
              <option value="">Whole inspectorate</option>
              {inspectors.map((i) => (
                <option key={i.id} value={i.id}>
                  {i.name}
                </option>
              ))}
            </select>
          </div>
          <button className="button button--small button--secondary" type="submit">
            Show
          </button>
        </Form>
      </div>
      <div className="card">
        <table className={`calendar calendar--${range.view}`}>
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              {WEEKDAYS.map((d) => (
                <th key={d} scope="col">
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
                      <span className="calendar__weekday">{WEEKDAYS[d]} </span>
                      {range.view === "month" ? Number(day.slice(8)) : day}
                    </span>
                    <ul>
                      {onDay(day).map((e) => {
                        const there = placeTime(e.startsAt, e.placeZone, zone);
                        return (
                          <li key={e.id} className={`calendar__entry calendar__entry--${e.type}`}>
                            <Link to={`/audits/${e.id}`}>
                              {localTime(e.startsAt, zone)} {e.supplierName}
                            </Link>
                            {there ? <span className="cell-sub">{there}</span> : null}
                            <span className="cell-sub">
                              <AuditType type={e.type} /> · {e.team.join(", ")}
                            </span>
                          </li>
                        );
                      })}
                      {awayOn(day).map((a) => (
                        <li key={`away-${a.id}`} className="calendar__away">
                          {a.name} unavailable
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
        <h2>Your calendar feed</h2>
        <p>
          Subscribe to your audits from your calendar app (iCalendar). The address is private: anyone who has it sees your audits, unannounced ones included.
          Create a new one at any time; the old one stops working.
        </p>
        {result?.feedUrl ? (
          <div className="alert alert--success" role="status">
            <p>Copy this address now; it is shown only once.</p>
            <OneTimeLink href={result.feedUrl} />
          </div>
        ) : null}
        {result?.revoked ? (
          <div className="alert alert--info" role="status">
            The feed was revoked.
          </div>
        ) : null}
        <p className="muted">{feed ? `Active since ${formatDateTime(feed.createdAt)}${feed.lastUsedAt ? `, last read ${formatDateTime(feed.lastUsedAt)}` : ", not read yet"}.` : "No active feed."}</p>
        <div className="actions">
          <Form method="post">
            <input type="hidden" name="intent" value="create-feed" />
            <button className="button button--secondary" type="submit">
              {feed ? "Replace the feed address" : "Create a feed address"}
            </button>
          </Form>
          {feed ? (
            <Form method="post">
              <input type="hidden" name="intent" value="revoke-feed" />
              <button className="button button--danger" type="submit">
                Revoke
              </button>
            </Form>
          ) : null}
        </div>
      </div>
    </>
  );
}
