import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guard.server";
import { can } from "~/auth/permissions.server";
import { AuditType, useZoneText, WorkplaceRisk } from "~/components/audits";
import { Pagination } from "~/components/pagination";
import { TableWrap, Th } from "~/components/table-wrap";
import { PRIORITY_RULES, type KeyedReason } from "~/domain/audits/priority";
import { priorityQueue } from "~/domain/audits/queue.server";
import { settingsOf } from "~/domain/audits/settings.server";
import { jurisdictionsOf } from "~/domain/audits/workplaces.server";
import { withDomainErrors } from "~/lib/http-errors.server";
import { useFormat } from "~/i18n/format";
import { serverT } from "~/i18n/i18n.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

const PAGE = 50;

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  const orgId = session.membership?.orgId ?? -1;
  const url = new URL(request.url);
  const q = url.searchParams.get("q") ?? "";
  const queue = await priorityQueue(context.db, session, Date.now(), { q });
  const pages = Math.max(1, Math.ceil(queue.length / PAGE));
  const page = Math.min(pages, Math.max(1, Number(url.searchParams.get("page")) || 1));
  return {
    title: serverT(context.locale, "audits")("meta.queue"),
    rows: queue.slice((page - 1) * PAGE, page * PAGE).map((r, i) => ({ ...r, rank: (page - 1) * PAGE + i + 1 })),
    total: queue.length,
    page,
    pages,
    q,
    zone: (await settingsOf(context.db, orgId)).timeZone,
    jurisdictions: await jurisdictionsOf(context.db, orgId),
    canSchedule: can(session, "audits.schedule", { orgId }),
  };
});

export default function Queue() {
  const { rows, total, page, pages, q, zone, jurisdictions, canSchedule } = useLoaderData<typeof loader>();
  const R = PRIORITY_RULES;
  const { t, i18n } = useTranslation("audits");
  const zones = useZoneText();
  const f = useFormat();
  const band = (b: string | number | undefined) => (b === "critical" || b === "high" || b === "medium" || b === "low" ? t(`band.${b}`) : String(b ?? ""));
  // English keeps the reason lines the queue has always written (and stores); other languages say them from their keys.
  const reasonText = (label: string, why: KeyedReason | undefined) => {
    if (i18n.language === "en" || !why) return label;
    const v = why.values;
    return t(why.key, {
      ...v,
      count: Number(v.count ?? 0),
      number: f.number(Number(v.count ?? 0)),
      score: f.number(Number(v.score ?? 0)),
      band: band(v.band),
      top: f.number(Number(v.top ?? 0), { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
      observed: f.percent(Number(v.observed ?? 0) / 100),
      overdue: f.number(Number(v.overdue ?? 0)),
      day: typeof v.day === "string" ? zones.day(v.day) : "",
    });
  };
  return (
    <>
      <p className="breadcrumbs">
        <Link to="/audits">{t("list.title")}</Link> ›
      </p>
      <div className="page-header">
        <div>
          <h1>{t("queue.title")}</h1>
          <p>{t("queue.intro", { jurisdictions: jurisdictions.join(", ") || t("queue.noJurisdiction") })}</p>
        </div>
        {canSchedule ? (
          <Link className="button" to="/audits/plan">
            {t("queue.propose")}
          </Link>
        ) : null}
      </div>
      <details className="card">
        <summary>{t("queue.how.title")}</summary>
        <p>
          <Trans
            t={t}
            i18nKey="queue.how.text"
            values={{
              unscored: R.unscoredScore,
              perYear: R.pointsPerYearSinceAudit,
              maxSince: R.maxSinceAudit,
              perAction: R.perOpenAction,
              perOverdue: R.perOverdueAction,
              maxActions: R.maxActions,
              perGrievance: R.perGrievance,
              maxGrievances: R.maxGrievances,
              perCase: R.perGrievanceCase,
              maxCases: R.maxGrievanceCases,
              perPoint: f.number(R.rangePointsPerScorePoint),
              maxRange: R.maxRange,
            }}
            components={{ 1: <em />, 2: <em /> }}
          />
        </p>
      </details>
      <Form method="get" className="card inline-form" role="search" aria-label={t("queue.search")}>
        <div className="field">
          <label htmlFor="q">{t("queue.workplaceName")}</label>
          <input id="q" name="q" type="search" defaultValue={q} maxLength={100} />
        </div>
        <button className="button button--secondary" type="submit">
          {t("queue.searchButton")}
        </button>
      </Form>
      <div className="card">
        <h2>{t("queue.count", { count: total, number: f.number(total) })}</h2>
        {rows.length === 0 ? (
          <p className="muted">{t("queue.empty")}</p>
        ) : (
          <TableWrap label={t("queue.title")}>
            <table className="stack-table">
              <thead>
                <tr>
                  <Th num>{t("queue.col.rank")}</Th>
                  <Th>{t("queue.col.workplace")}</Th>
                  <Th>{t("queue.col.risk")}</Th>
                  <Th num>{t("queue.col.priority")}</Th>
                  <Th>{t("queue.col.why")}</Th>
                  <Th>{t("queue.col.next")}</Th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.supplierId}>
                    <td className="num" data-label={t("queue.col.rank")}>
                      {f.number(r.rank)}
                    </td>
                    <td className="cell-name">
                      <Link to={`/shared/${r.supplierId}`}>{r.name}</Link>
                      <span className="cell-sub">
                        {r.companyName} · {r.country} · {r.sector ?? t("sectorUnknown")}
                      </span>
                    </td>
                    <td data-label={t("queue.col.risk")}>
                      <WorkplaceRisk scoreShared={r.scoreShared} band={r.riskBand} score={r.riskScore} low={r.riskScoreLow} high={r.riskScoreHigh} confidence={r.riskConfidence} />
                    </td>
                    <td className="num" data-label={t("queue.col.priority")}>
                      <strong>{f.number(r.priority)}</strong>
                    </td>
                    <td data-label={t("queue.col.why")}>
                      <ul className="reasons">
                        {r.reasons.map((reason, i) => (
                          <li key={reason.label}>
                            {reasonText(reason.label, r.why[i])} <span className="muted">+{f.number(reason.points)}</span>
                          </li>
                        ))}
                      </ul>
                    </td>
                    <td data-label={t("queue.col.next")}>
                      {r.nextAudit ? (
                        <>
                          <Link to={`/audits/${r.nextAudit.id}`}>{zones.time(r.nextAudit.startsAt, r.nextAudit.placeZone, zone)}</Link>
                          <span className="cell-sub">
                            <AuditType type={r.nextAudit.type} />
                          </span>
                        </>
                      ) : canSchedule ? (
                        <Link className="button button--small button--secondary" to={`/audits/new?supplier=${r.supplierId}`} aria-label={t("queue.scheduleOf", { name: r.name })}>
                          {t("queue.schedule")}
                        </Link>
                      ) : (
                        "—"
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
        <Pagination page={page} pages={pages} params={{ q }} label={t("queue.pages")} />
      </div>
    </>
  );
}
