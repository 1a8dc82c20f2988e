import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guard.server";
import { FilterSubmit } from "~/components/filters";
import { Pagination, queryString } from "~/components/pagination";
import { TableWrap, Th } from "~/components/table-wrap";
import { browseLog, type LogFilter } from "~/domain/activity-log/activity-log-view.server";
import { eventName, groupName } from "~/domain/activity-log/sentences.server";
import { useFormat } from "~/i18n/format";
import { serverT } from "~/i18n/i18n.server";
import { withDomainErrors } from "~/lib/http-errors.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "" }];

export function readLogFilter(url: URL): LogFilter {
  const text = (name: string) => url.searchParams.get(name)?.trim().slice(0, 100) || undefined;
  return { action: text("action"), from: text("from"), to: text("to"), q: text("q"), page: Number(url.searchParams.get("page")) || 1 };
}

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  const filter = readLogFilter(new URL(request.url));
  // Each entry is put into words in the reader's language now; the stored entries keep their codes.
  const log = await browseLog(context.db, session, filter, context.locale);
  // Names, not codes, in the filter (issue 17); the codes stay the values posted and in the CSV.
  const groups = [...new Set(log.actions.map((a) => a.split(".")[0]!))].map((group) => ({
    group,
    label: groupName(group, context.locale),
    actions: log.actions.filter((a) => a.startsWith(`${group}.`)).map((a) => ({ action: a, label: eventName(a, context.locale) })),
  }));
  return {
    pageTitle: `${serverT(context.locale, "activity")("page.title")} · ${serverT(context.locale, "common")("site.name")}`,
    rows: log.rows.map((r) => ({ id: r.id, at: r.at, actorName: r.actorName, actorEmail: r.actorEmail, organisation: r.organisation, ip: r.ip, sentence: r.sentence })),
    total: log.total,
    page: log.page,
    pages: log.pages,
    groups,
    platformWide: log.platformWide,
    filter,
  };
});

export default function AuditLog() {
  const { rows, total, page, pages, groups, platformWide, filter } = useLoaderData<typeof loader>();
  const { t } = useTranslation("activity");
  const f = useFormat();
  const params = { action: filter.action, from: filter.from, to: filter.to, q: filter.q };
  const filtered = Boolean(filter.action || filter.from || filter.to || filter.q);
  return (
    <>
      <div className="page-header">
        <div>
          <h1>{t("page.title")}</h1>
          <p>{platformWide ? t("page.introPlatform") : t("page.introOrganisation")}</p>
        </div>
        <a className="button button--secondary" href={`/activity-log.csv${queryString(params)}`} download title={t("page.exportHint")}>
          {t("page.export")}
        </a>
      </div>
      <Form method="get" className="card filters" aria-label={t("page.filterLabel")}>
        <div className="field">
          <label htmlFor="action">{t("page.event")}</label>
          <select id="action" name="action" defaultValue={filter.action ?? ""}>
            <option value="">{t("page.allEvents")}</option>
            {groups.map((g) => (
              <optgroup key={g.group} label={g.label}>
                <option value={`${g.group}.`}>{t("page.groupAll", { group: g.label })}</option>
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
          <label htmlFor="from">{t("page.from")}</label>
          <input id="from" name="from" type="date" defaultValue={filter.from ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="to">{t("page.to")}</label>
          <input id="to" name="to" type="date" defaultValue={filter.to ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="q">{t("page.person")}</label>
          <input id="q" name="q" type="search" defaultValue={filter.q ?? ""} maxLength={100} />
        </div>
        <FilterSubmit />
      </Form>
      <div className="card">
        <h2>{t("page.entries", { count: total })}</h2>
        {rows.length === 0 ? (
          <p>{filtered ? t("page.emptyFiltered") : t("page.empty")}</p>
        ) : (
          <TableWrap label={t("page.tableLabel")}>
            <table className="stack-table">
              <thead>
                <tr>
                  <Th>{t("page.col.time")}</Th>
                  <Th>{t("page.col.what")}</Th>
                  <Th>{t("page.col.who")}</Th>
                  <Th>{t("page.col.email")}</Th>
                  {platformWide ? <Th>{t("page.col.organisation")}</Th> : null}
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.id}>
                    <td data-label={t("page.col.time")}>{f.dateTime(r.at)}</td>
                    {/* On a phone the sentence heads the entry's card (cell-name). */}
                    <td className="log-sentence cell-name">{r.sentence}</td>
                    {/* Name and e-mail from the users table, each in its own cell: a display name cannot pass for an address. */}
                    <td data-label={t("page.col.who")}>
                      {r.actorName ?? "—"}
                      {r.ip ? <span className="cell-sub">{r.ip}</span> : null}
                    </td>
                    <td className="cell-wrap" data-label={t("page.col.email")}>
                      {r.actorEmail ?? "—"}
                    </td>
                    {platformWide ? <td data-label={t("page.col.organisation")}>{r.organisation ?? "—"}</td> : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
        <Pagination page={page} pages={pages} params={params} label={t("page.pagesLabel")} />
      </div>
    </>
  );
}
