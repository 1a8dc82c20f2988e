import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guard.server";
import { can } from "~/auth/permissions.server";
import { AuditStatus, AuditType, useZoneText } from "~/components/audits";
import { FilterSelect, FilterSubmit } from "~/components/filters";
import { Pagination } from "~/components/pagination";
import { TableWrap, Th } from "~/components/table-wrap";
import { listAudits, overduePlannedAudits } from "~/domain/audits/audit-views.server";
import { inspectorsOf } from "~/domain/audits/scheduling.server";
import { settingsOf } from "~/domain/audits/settings.server";
import { AUDIT_STATUSES, AUDIT_TYPES } from "#db/schema";
import { serverT } from "~/i18n/i18n.server";
import { useFormat } from "~/i18n/format";
import { withDomainErrors } from "~/lib/http-errors.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

const WHEN = ["upcoming", "past", "all"] as const;

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  const orgId = session.membership?.orgId ?? -1;
  const url = new URL(request.url);
  const pick = <T extends string>(name: string, allowed: readonly T[]): T | undefined => {
    const v = url.searchParams.get(name);
    return v && (allowed as readonly string[]).includes(v) ? (v as T) : undefined;
  };
  const inspector = Number(url.searchParams.get("inspector"));
  const filter = {
    when: pick("when", WHEN) ?? "upcoming",
    status: pick("status", AUDIT_STATUSES),
    type: pick("type", AUDIT_TYPES),
    inspectorId: Number.isSafeInteger(inspector) && inspector > 0 ? inspector : undefined,
    page: Number(url.searchParams.get("page")) || 1,
  };
  const list = await listAudits(context.db, session, filter);
  return { title: serverT(context.locale, "audits")("meta.list"), ...list, overdue: await overduePlannedAudits(context.db, session, orgId), filter, zone: (await settingsOf(context.db, orgId)).timeZone, inspectors: await inspectorsOf(context.db, orgId), canSchedule: can(session, "audits.schedule", { orgId }) };
});

export default function Audits() {
  const { rows, total, page, pages, overdue, filter, zone, inspectors, canSchedule } = useLoaderData<typeof loader>();
  const { t } = useTranslation("audits");
  const zones = useZoneText();
  const f = useFormat();
  const params = { when: filter.when, status: filter.status, type: filter.type, inspector: filter.inspectorId };
  return (
    <>
      <div className="page-header">
        <div>
          <h1>{t("list.title")}</h1>
          <p>
            <Trans t={t} i18nKey="list.intro" values={{ zone: zones.zone(zone) }} components={{ 1: <Link to="/audits/queue" />, 2: <Link to="/audits/plan" /> }} />
          </p>
        </div>
        {canSchedule ? (
          <Link className="button" to="/audits/new">
            {t("list.schedule")}
          </Link>
        ) : null}
      </div>
      {overdue.length ? (
        <div className="alert alert--warning" role="status">
          <p>
            <strong>{t("list.overdue", { count: overdue.length, number: f.number(overdue.length) })}</strong> {t("list.overdueHelp")}
          </p>
          <ul>
            {overdue.map((a) => (
              <li key={a.id}>
                <Link to={`/audits/${a.id}`}>
                  {t("list.overdueItem", { supplier: a.supplierName, window: zones.window(a.startsAt, a.endsAt, a.placeZone, zone) })}
                </Link>{" "}
                <span className="muted">({a.lead})</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <Form method="get" className="card filters" aria-label={t("list.filter.label")}>
        <div className="field">
          <label htmlFor="when">{t("list.filter.when")}</label>
          <select id="when" name="when" defaultValue={filter.when}>
            <option value="upcoming">{t("list.filter.upcoming")}</option>
            <option value="past">{t("list.filter.past")}</option>
            <option value="all">{t("list.filter.all")}</option>
          </select>
        </div>
        <FilterSelect name="status" label={t("list.filter.status")} value={filter.status} any={t("list.filter.anyStatus")} options={AUDIT_STATUSES.map((s) => [s, t(`status.${s}`)])} />
        <FilterSelect name="type" label={t("list.filter.type")} value={filter.type} any={t("list.filter.anyType")} options={AUDIT_TYPES.map((type) => [type, t(`type.${type}`)])} />
        <FilterSelect name="inspector" label={t("list.filter.inspector")} value={filter.inspectorId} any={t("list.filter.everyone")} options={inspectors.map((i) => [i.id, i.name])} />
        <FilterSubmit label={t("list.filter.show")} />
      </Form>
      <div className="card">
        <h2>{t("list.count", { count: total, number: f.number(total) })}</h2>
        {rows.length === 0 ? (
          <p className="muted">{t("list.empty")}</p>
        ) : (
          <TableWrap label={t("list.title")}>
            <table className="stack-table">
              <thead>
                <tr>
                  <Th>{t("list.col.when")}</Th>
                  <Th>{t("list.col.workplace")}</Th>
                  <Th>{t("list.col.type")}</Th>
                  <Th>{t("list.col.status")}</Th>
                  <Th>{t("list.col.lead")}</Th>
                  <Th num>{t("list.col.findings")}</Th>
                </tr>
              </thead>
              <tbody>
                {rows.map((a) => (
                  <tr key={a.id}>
                    <td className="cell-name">
                      <Link to={`/audits/${a.id}`}>{zones.window(a.startsAt, a.endsAt, a.placeZone, zone)}</Link>
                    </td>
                    <td data-label={t("list.col.workplace")}>
                      {a.supplierName}
                      <span className="cell-sub">
                        {a.companyName}
                        {a.country ? ` · ${a.country}` : ""}
                      </span>
                    </td>
                    <td data-label={t("list.col.type")}>
                      <AuditType type={a.type} />
                    </td>
                    <td data-label={t("list.col.status")}>
                      <AuditStatus status={a.status} />
                      {a.overdue ? <span className="badge badge--danger">{t("list.overdueBadge")}</span> : null}
                    </td>
                    <td data-label={t("list.col.lead")}>{a.lead}</td>
                    <td className="num" data-label={t("list.col.findings")}>
                      {f.number(a.findings)}
                      {a.critical ? <span className="cell-sub">{t("list.critical", { count: a.critical, number: f.number(a.critical) })}</span> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
        <Pagination page={page} pages={pages} params={params} label={t("list.pages")} />
      </div>
    </>
  );
}
