import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { CORRECTIVE_ACTION_STATUSES } from "#db/schema";
import { requireUser } from "~/auth/guard.server";
import { ActionStatus, Severity } from "~/components/audits";
import { FilterSelect, FilterSubmit } from "~/components/filters";
import { Pagination } from "~/components/pagination";
import { TableWrap, Th } from "~/components/table-wrap";
import { listActions } from "~/domain/audits/corrective-actions.server";
import { indicatorLabelKey, isIndicatorCode } from "~/domain/indicators";
import { useFormat } from "~/i18n/format";
import { serverT } from "~/i18n/i18n.server";
import { withDomainErrors } from "~/lib/http-errors.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "" }];

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  const url = new URL(request.url);
  const status = url.searchParams.get("status");
  const filter = {
    status: status && (CORRECTIVE_ACTION_STATUSES as readonly string[]).includes(status) ? status : undefined,
    overdue: url.searchParams.get("overdue") === "1",
    page: Number(url.searchParams.get("page")) || 1,
  };
  return {
    ...(await listActions(context.db, session, filter)),
    filter,
    side: session.membership!.orgType === "company" ? ("company" as const) : ("inspectorate" as const),
    pageTitle: serverT(context.locale, "actions")("meta.list"),
  };
});

export default function Actions() {
  const { rows, total, overdue, page, pages, filter, side } = useLoaderData<typeof loader>();
  const { t } = useTranslation(["actions", "indicators", "audits"]);
  const f = useFormat();
  return (
    <>
      <div className="page-header">
        <div>
          <h1>{t("list.title")}</h1>
          <p>{side === "company" ? t("list.introCompany") : t("list.introInspectorate")}</p>
        </div>
      </div>
      {overdue ? (
        <div className="alert alert--warning" role="status">
          <Trans t={t} i18nKey="list.overdue" count={overdue} values={{ number: f.number(overdue) }} components={{ 1: <Link to="?overdue=1" /> }} />
        </div>
      ) : null}
      <Form method="get" className="card filters" aria-label={t("list.filterLabel")}>
        <FilterSelect name="status" label={t("list.status")} value={filter.status} any={t("list.anyStatus")} options={CORRECTIVE_ACTION_STATUSES.map((s) => [s, t(`audits:actionStatus.${s}`)])} />
        <label className="checkbox">
          <input type="checkbox" name="overdue" value="1" defaultChecked={filter.overdue} /> {t("list.overdueOnly")}
        </label>
        <FilterSubmit />
      </Form>
      <div className="card">
        <h2>{t("list.total", { count: total, number: f.number(total) })}</h2>
        {rows.length === 0 ? (
          <p className="muted">{t("list.none")}</p>
        ) : (
          <TableWrap label={t("list.title")}>
            <table className="stack-table">
              <thead>
                <tr>
                  <Th>{t("list.column.action")}</Th>
                  <Th>{t("list.column.workplace")}</Th>
                  <Th>{t("list.column.finding")}</Th>
                  <Th>{t("list.column.owner")}</Th>
                  <Th>{t("list.column.due")}</Th>
                  <Th>{t("list.column.status")}</Th>
                </tr>
              </thead>
              <tbody>
                {rows.map((a) => (
                  <tr key={a.id}>
                    <td className="cell-name">
                      {/* The inspector's own words: not translated. */}
                      <Link to={`/actions/${a.id}`}>{a.description.length > 80 ? `${a.description.slice(0, 80)}…` : a.description}</Link>
                    </td>
                    <td data-label={t("list.column.workplace")}>
                      {a.supplierName}
                      <span className="cell-sub">{side === "company" ? a.inspectorateName : a.companyName}</span>
                    </td>
                    <td data-label={t("list.column.finding")}>
                      {isIndicatorCode(a.indicator) ? t(indicatorLabelKey(a.indicator)) : a.indicator} <Severity result={a.severity} />
                    </td>
                    <td data-label={t("list.column.owner")}>{t(`owner.${a.owner}`)}</td>
                    <td data-label={t("list.column.due")}>{f.date(a.dueOn)}</td>
                    <td data-label={t("list.column.status")}>
                      <ActionStatus status={a.status} overdue={a.overdue} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
        <Pagination page={page} pages={pages} params={{ status: filter.status, overdue: filter.overdue ? 1 : undefined }} label={t("list.pages")} />
      </div>
    </>
  );
}
