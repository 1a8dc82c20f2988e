import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guard.server";
import { RiskLeadCells, RiskLeadHeaders } from "~/components/entity-list";
import { BandFilterFieldset, FilterActions, FilterSearch, FilterSelect } from "~/components/filters";
import { Pagination } from "~/components/pagination";
import { FeesText, LicenceText } from "~/components/risk/entity-parts";
import { TableWrap, Th } from "~/components/table-wrap";
import { NotFound } from "~/domain/errors";
import { countryNameIn } from "~/domain/reference/countries.server";
import { LICENCE_STATUSES, listRecruiters, parseRecruiterQuery, recruiterQueryParams } from "~/domain/recruiters/recruiters.server";
import { serverT } from "~/i18n/i18n.server";
import { useFormat } from "~/i18n/format";
import { withDomainErrors } from "~/lib/http-errors.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "" }];

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  if (!session.membership) throw new NotFound();
  const parsed = parseRecruiterQuery(new URL(request.url).searchParams);
  const { query, total, page, pages, rows } = await listRecruiters(context.db, session, session.membership.orgId, { ...parsed, language: context.locale });
  const lng = context.locale;
  const t = serverT(lng, "suppliers");
  return {
    pageTitle: `${t("recruiters.title")} · ${serverT(lng, "common")("site.name")}`,
    query,
    // Link parameters are built here: the .server module that knows them never reaches the browser.
    listParams: recruiterQueryParams(query),
    filterParams: recruiterQueryParams(query, { sort: false }),
    total,
    page,
    pages,
    licenceOptions: LICENCE_STATUSES.map((value) => ({ value, label: t(`recruiters.licence.${value}`) })),
    filtered: !!(query.q || query.bands.length || query.licence || query.fees),
    rows: rows.map((r) => ({ ...r, countryName: r.country ? countryNameIn(r.country, lng) : null, origins: r.originCountries.map((c) => countryNameIn(c, lng)) })),
  };
});

/** The fees filter's choices (values as parseRecruiterQuery reads them). */
const FEE_OPTIONS = ["yes", "no", "unknown"] as const;

export default function Recruiters() {
  const { query, listParams, filterParams, total, page, pages, filtered, rows, licenceOptions } = useLoaderData<typeof loader>();
  const { t } = useTranslation("suppliers");
  const formats = useFormat();
  const sortProps = { sort: query.sort, dir: query.dir, params: filterParams };
  const sortText = query.sort === "name" ? (query.dir === "asc" ? t("list.sort.nameAsc") : t("list.sort.nameDesc")) : query.dir === "asc" ? t("list.sort.riskAsc") : t("list.sort.riskDesc");
  const counted = { count: total, n: formats.number(total), sort: sortText };
  return (
    <>
      <div className="page-header">
        <div>
          <h1>{t("recruiters.title")}</h1>
          <p>{filtered ? t("recruiters.countFiltered", counted) : t("recruiters.count", counted)}</p>
        </div>
      </div>

      <Form method="get" className="card filters" role="search" aria-label={t("recruiters.filterLabel")}>
        <FilterSearch value={query.q} placeholder={t("recruiters.searchPlaceholder")} />
        <BandFilterFieldset selected={query.bands} />
        <FilterSelect name="licence" id="f-licence" label={t("columns.licence")} value={query.licence} any={t("recruiters.anyLicence")} options={licenceOptions.map((o) => [o.value, o.label])} />
        <FilterSelect name="fees" id="f-fees" label={t("columns.fees")} value={query.fees} any={t("recruiters.anyFees")} options={FEE_OPTIONS.map((v) => [v, t(`recruiters.fees.${v}`)])} />
        <FilterActions sort={listParams.sort ? { sort: query.sort, dir: query.dir } : null} filtered={filtered} />
      </Form>

      {rows.length === 0 ? (
        <div className="card empty-state">
          <h2>{filtered ? t("recruiters.empty.filteredTitle") : t("recruiters.empty.title")}</h2>
          <p>{filtered ? t("recruiters.empty.filteredText") : t("recruiters.empty.text")}</p>
        </div>
      ) : (
        <TableWrap label={t("recruiters.title")}>
          <table className="entity-list stack-table">
            <thead>
              <tr data-sort-label={t("list.sortBy")}>
                <RiskLeadHeaders {...sortProps} />
                <Th>{t("columns.country")}</Th>
                <Th>{t("columns.licence")}</Th>
                <Th>{t("columns.fees")}</Th>
                <Th>{t("columns.certification")}</Th>
                <Th>{t("columns.recruitsFrom")}</Th>
                <Th num>{t("columns.suppliersServed")}</Th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <RiskLeadCells row={r} href={`/recruiters/${r.id}`} />
                  <td data-label={t("columns.country")}>{r.countryName ?? "—"}</td>
                  <td className="cell-wrap" data-label={t("columns.licence")}>
                    <LicenceText status={r.licenceStatus} number={r.licenceNumber} />
                  </td>
                  <td data-label={t("columns.fees")}>
                    <FeesText charged={r.feesChargedToWorkers} amount={r.feeAmount} currency={r.feeCurrency} />
                  </td>
                  <td data-label={t("columns.certification")}>{r.certification ?? "—"}</td>
                  <td data-label={t("columns.recruitsFrom")}>{r.origins.join(", ") || "—"}</td>
                  <td className="num" data-label={t("columns.suppliersServed")}>
                    {r.suppliersServed > 0 ? <Link to={`/suppliers?recruiter=${r.id}`}>{formats.number(r.suppliersServed)}</Link> : formats.number(0)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <Pagination page={page} pages={pages} params={listParams} label={t("recruiters.pages")} />
    </>
  );
}
