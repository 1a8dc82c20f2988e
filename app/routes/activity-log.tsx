import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guard.server";
import { FilterSubmit } from "~/components/filters";
import { Pagination, queryString } from "~/components/pagination";
import { TableWrap, Th } from "~/components/table-wrap";
import { browseLog, type LogFilter } from "~/domain/activity-log/activity-log-view.server";
import { EVENT_GROUPS, eventName } from "~/domain/activity-log/sentences.server";
import { formatDateTime } from "~/lib/format";
import { withDomainErrors } from "~/lib/http-errors.server";

export const meta: MetaFunction = () => [{ title: "Activity log · Labour Due Diligence" }];

export function readLogFilter(url: URL): LogFilter {
  const text = (name: string) => url.searchParams.get(name)?.trim().slice(0, 100) || undefined;
  return { action: text("action"), from: text("from"), to: text("to"), q: text("q"), page: Number(url.searchParams.get("page")) || 1 };
}

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  const filter = readLogFilter(new URL(request.url));
  const log = await browseLog(context.db, session, filter);
  // Names, not codes, in the filter (issue 17); the codes stay the values posted and in the CSV.
  const groups = [...new Set(log.actions.map((a) => a.split(".")[0]!))].map((group) => ({
    group,
    label: EVENT_GROUPS[group] ?? "Other events",
    actions: log.actions.filter((a) => a.startsWith(`${group}.`)).map((a) => ({ action: a, label: eventName(a) })),
  }));
  return { rows: log.rows.map((r) => ({ id: r.id, at: r.at, actorName: r.actorName, actorEmail: r.actorEmail, organisation: r.organisation, ip: r.ip, sentence: r.sentence })), total: log.total, page: log.page, pages: log.pages, groups, platformWide: log.platformWide, filter };
});

export default function AuditLog() {
  const { rows, total, page, pages, groups, platformWide, filter } = useLoaderData<typeof loader>();
  const params = { action: filter.action, from: filter.from, to: filter.to, q: filter.q };
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Activity log</h1>
          <p>
            Every security-relevant event {platformWide ? "on the platform" : "of your organisation"}: sign-ins, members, imports, score recomputations, shares,
            audits, findings, reports. Entries can never be changed or deleted. The CSV export has each entry&apos;s event code and recorded details.
          </p>
        </div>
        <a className="button button--secondary" href={`/activity-log.csv${queryString(params)}`} download>
          Export CSV
        </a>
      </div>
      <Form method="get" className="card filters" aria-label="Filter the activity log">
        <div className="field">
          <label htmlFor="action">Event</label>
          <select id="action" name="action" defaultValue={filter.action ?? ""}>
            <option value="">All events</option>
            {groups.map((g) => (
              <optgroup key={g.group} label={g.label}>
                <option value={`${g.group}.`}>{g.label}: all</option>
                {g.actions.map((a) => (
                  <option key={a.action} value={a.action}>
                    {a.label}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="from">From</label>
          <input id="from" name="from" type="date" defaultValue={filter.from ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="to">To</label>
          <input id="to" name="to" type="date" defaultValue={filter.to ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="q">Person</label>
          <input id="q" name="q" type="search" defaultValue={filter.q ?? ""} maxLength={100} />
        </div>
        <FilterSubmit />
      </Form>
      <div className="card">
        <h2>
          {total} entr{total === 1 ? "y" : "ies"}
        </h2>
        <TableWrap label="Activity log">
          <table className="stack-table">
            <thead>
              <tr>
                <Th>Time</Th>
                <Th>What happened</Th>
                <Th>Who</Th>
                <Th>E-mail</Th>
                {platformWide ? <Th>Organisation</Th> : null}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td data-label="Time">{formatDateTime(r.at)}</td>
                  {/* On a phone the sentence heads the entry's card (cell-name). */}
                  <td className="log-sentence cell-name">{r.sentence}</td>
                  {/* Name and e-mail from the users table, each in its own cell: a display name cannot pass for an address. */}
                  <td data-label="Who">
                    {r.actorName ?? "—"}
                    {r.ip ? <span className="cell-sub">{r.ip}</span> : null}
                  </td>
                  <td className="cell-wrap" data-label="E-mail">
                    {r.actorEmail ?? "—"}
                  </td>
                  {platformWide ? <td data-label="Organisation">{r.organisation ?? "—"}</td> : null}
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
        <Pagination page={page} pages={pages} params={params} label="Activity log pages" />
      </div>
    </>
  );
}
