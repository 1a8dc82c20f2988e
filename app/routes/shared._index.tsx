import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guard.server";
import { Pagination } from "~/components/pagination";
import { BandBadge } from "~/components/risk/band-badge";
import { TableWrap, Th } from "~/components/table-wrap";
import { countryNameIn } from "~/domain/sharing/country-names.server";
import { listSharedSuppliers } from "~/domain/sharing/shared-suppliers.server";
import { useFormat } from "~/i18n/format";
import { serverT } from "~/i18n/i18n.server";
import { withDomainErrors } from "~/lib/http-errors.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "" }];

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  const url = new URL(request.url);
  const page = Number(url.searchParams.get("page") ?? "1");
  const result = await listSharedSuppliers(context.db, session, { q: url.searchParams.get("q") ?? "", page: Number.isFinite(page) ? page : 1 });
  return {
    ...result,
    pageTitle: `${serverT(context.locale, "sharing")("shared.title")} · ${serverT(context.locale, "common")("site.name")}`,
    shares: result.shares.map((s) => ({ id: s.id, companyName: s.companyName, since: s.since.getTime(), scope: s.scope })),
    rows: result.rows.map((r) => ({ ...r, countryName: r.country ? countryNameIn(context.locale, r.country) : null })),
  };
});

export default function SharedSuppliers() {
  const { shares, rows, q, page, pages, total } = useLoaderData<typeof loader>();
  const { t } = useTranslation(["sharing", "common"]);
  const f = useFormat();
  return (
    <>
      <div className="page-header">
        <div>
          <h1>{t("shared.title")}</h1>
          <p>{t("shared.intro")}</p>
        </div>
        <Form method="get" role="search" className="inline-form">
          <label className="visually-hidden" htmlFor="shared-search">
            {t("shared.search.label")}
          </label>
          <input id="shared-search" type="search" name="q" defaultValue={q} placeholder={t("shared.search.placeholder")} />
          <button className="button button--secondary" type="submit">
            {t("common:action.search")}
          </button>
        </Form>
      </div>
      {shares.length === 0 ? (
        <div className="card empty-state">
          <h2>{t("shared.empty.heading")}</h2>
          <p>{t("shared.empty.text")}</p>
        </div>
      ) : (
        <>
          <ul className="share-list">
            {shares.map((s) => (
              <li key={s.id}>
                <Trans
                  t={t}
                  i18nKey="shared.shareLine"
                  values={{ company: s.companyName, date: f.date(s.since), scopes: f.list(s.scope.map((x) => t(`scope.${x}.short`))) }}
                  components={{ 1: <strong /> }}
                />
              </li>
            ))}
          </ul>
          {rows.length === 0 ? (
            <div className="card empty-state">
              <h2>{t("shared.noMatch")}</h2>
            </div>
          ) : (
            <TableWrap label={t("shared.title")}>
              <table className="stack-table">
                <thead>
                  <tr>
                    <Th>{t("shared.column.risk")}</Th>
                    <Th>{t("shared.column.name")}</Th>
                    <Th>{t("shared.column.country")}</Th>
                    <Th>{t("shared.column.sector")}</Th>
                    <Th>{t("shared.column.sharedBy")}</Th>
                    <Th num>{t("shared.column.redFlags")}</Th>
                    <Th num>{t("shared.column.openContests")}</Th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={r.id}>
                      <td data-label={t("shared.column.risk")}>
                        <BandBadge band={r.riskBand} score={r.riskScore} low={r.riskScoreLow} high={r.riskScoreHigh} confidence={r.riskConfidence} />
                      </td>
                      <td className="cell-name">
                        <Link to={`/shared/${r.id}`}>{r.name}</Link>
                      </td>
                      <td data-label={t("shared.column.country")}>{r.countryName ?? "—"}</td>
                      <td data-label={t("shared.column.sector")}>{r.sector ?? "—"}</td>
                      <td data-label={t("shared.column.sharedBy")}>
                        {r.companyName}
                        <div className="muted">{t("shared.since", { date: f.date(r.since) })}</div>
                      </td>
                      <td className="num" data-label={t("shared.column.redFlags")}>
                        {f.number(r.riskRedFlags)}
                      </td>
                      <td className="num" data-label={t("shared.column.openContests")}>
                        {f.number(r.openContests)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          )}
          <p className="muted">{t("common:count.suppliers", { count: total })}</p>
          <Pagination page={page} pages={pages} params={q ? { q } : {}} />
        </>
      )}
    </>
  );
}
