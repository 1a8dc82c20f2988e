import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guard.server";
import { can } from "~/auth/permissions.server";
import { TableWrap, Th } from "~/components/table-wrap";
import { CaseBadges } from "~/components/grievances";
import { CaseListFilter } from "~/domain/grievances/cases.schemas";
import { casesFor, smallWorkplaceCounts } from "~/domain/grievances/views.server";
import { useFormat } from "~/i18n/format";
import { serverT } from "~/i18n/i18n.server";
import { withDomainErrors } from "~/lib/http-errors.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "" }];

/** The cases that reached the organisation (through the one scoped read), and for a company its small workplaces' quarterly counts. */
export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  const show = CaseListFilter.parse(new URL(request.url).searchParams.get("show") ?? undefined);
  const now = Date.now();
  const all = await casesFor(context.db, session);
  const cases = all.filter((c) => (show === "closed" ? c.status === "closed" : c.status !== "closed"));
  const company = session.membership?.orgType === "company";
  const orgId = session.membership?.orgId ?? -1;
  return {
    pageTitle: `${serverT(context.locale, "grievances")("list.title")} · ${serverT(context.locale, "common")("site.name")}`,
    show,
    company,
    now,
    openCount: all.filter((c) => c.status !== "closed").length,
    closedCount: all.filter((c) => c.status === "closed").length,
    cases: cases.map((c) => ({ ...c, dueAt: c.dueAt?.getTime() ?? null, escalatedAt: c.escalatedAt?.getTime() ?? null, createdAt: c.createdAt.getTime() })),
    counts: company ? await smallWorkplaceCounts(context.db, session, now) : [],
    // The page's own actions, for those who may use them (the navigation lists /grievances only).
    canChannels: can(session, "grievances.channels", { orgId }),
    canRecord: can(session, "grievances.record", { orgId }),
  };
});

export default function Grievances() {
  const { show, company, cases, counts, now, openCount, closedCount, canChannels, canRecord } = useLoaderData<typeof loader>();
  const { t } = useTranslation("grievances");
  const f = useFormat();
  return (
    <>
      <div className="page-header">
        <div>
          <h1>{t("list.title")}</h1>
          <p>{company ? t("list.introCompany") : t("list.introHandler")}</p>
        </div>
        {canChannels || canRecord ? (
          <div className="actions">
            {canRecord ? (
              <Link className="button" to="/grievances/new">
                {t("list.actions.record")}
              </Link>
            ) : null}
            {canChannels ? (
              <Link className="button button--secondary" to="/grievances/channels">
                {t("list.actions.channels")}
              </Link>
            ) : null}
          </div>
        ) : null}
      </div>
      {/* Two views, as links: they work without JavaScript and can be bookmarked. */}
      <nav className="card filters" aria-label={t("list.filter.label")}>
        <p>
          {show === "open" ? <strong aria-current="page">{t("list.filter.open", { count: openCount })}</strong> : <Link to="?show=open">{t("list.filter.open", { count: openCount })}</Link>}
          {" · "}
          {show === "closed" ? <strong aria-current="page">{t("list.filter.closed", { count: closedCount })}</strong> : <Link to="?show=closed">{t("list.filter.closed", { count: closedCount })}</Link>}
        </p>
      </nav>
      <div className="card">
        <h2>{show === "closed" ? t("list.closedHeading") : t("list.openHeading")}</h2>
        {cases.length === 0 ? (
          <p className="muted">{show === "closed" ? t("list.noneClosed") : t("list.noneOpen")}</p>
        ) : (
          <TableWrap label={t("list.title")}>
            <table className="stack-table">
              <thead>
                <tr>
                  <Th>{t("list.column.case")}</Th>
                  <Th>{t("list.column.what")}</Th>
                  <Th>{t("list.column.workplace")}</Th>
                  <Th>{t("list.column.status")}</Th>
                  <Th>{t("list.column.due")}</Th>
                  <Th>{t("list.column.received")}</Th>
                </tr>
              </thead>
              <tbody>
                {cases.map((c) => (
                  <tr key={c.id}>
                    <td className="cell-name">
                      <Link to={`/grievances/${c.id}`}>{t("case.number", { id: c.id })}</Link>
                      {c.isLead && !company ? <span className="cell-sub">{t("list.youLead")}</span> : null}
                    </td>
                    <td data-label={t("list.column.what")}>{c.categories.map((k) => t(`case.category.${k}`)).join(", ")}</td>
                    <td data-label={t("list.column.workplace")}>
                      {c.workplaceName ?? t("list.generalReport")}
                      {c.country ? <span className="cell-sub">{c.country}</span> : null}
                    </td>
                    <td data-label={t("list.column.status")}>
                      <CaseBadges status={c.status} urgent={c.urgent} escalated={c.escalatedAt !== null} overdue={c.status !== "closed" && c.dueAt !== null && c.dueAt < now} />
                    </td>
                    <td data-label={t("list.column.due")}>{c.status === "closed" || c.dueAt === null ? "—" : f.date(c.dueAt)}</td>
                    <td data-label={t("list.column.received")}>{f.date(c.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </div>
      {company ? (
        <div className="card">
          <h2>{t("list.small.heading")}</h2>
          <p>{t("list.small.why")}</p>
          {counts.length === 0 ? (
            <p className="muted">{t("list.small.none")}</p>
          ) : (
            <TableWrap label={t("list.small.heading")}>
              <table className="stack-table">
                <thead>
                  <tr>
                    <Th>{t("list.small.quarter")}</Th>
                    <Th>{t("list.column.workplace")}</Th>
                    <Th>{t("list.column.what")}</Th>
                    <Th num>{t("list.small.cases")}</Th>
                  </tr>
                </thead>
                <tbody>
                  {counts.map((q) => (
                    <tr key={`${q.supplierId}-${q.quarter}-${q.category}`}>
                      <td className="cell-name">{q.quarter}</td>
                      <td data-label={t("list.column.workplace")}>{q.workplaceName}</td>
                      <td data-label={t("list.column.what")}>{t(`case.category.${q.category}`)}</td>
                      <td data-label={t("list.small.cases")} className="num">
                        {f.number(q.cases)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          )}
        </div>
      ) : null}
    </>
  );
}
