import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guard.server";
import { RiskLeadCells, RiskLeadHeaders } from "~/components/entity-list";
import { BandFilterFieldset, FilterActions, FilterSearch, FilterSelect } from "~/components/filters";
import { Pagination, SortTh, queryString } from "~/components/pagination";
import { shareText } from "~/components/risk/entity-parts";
import { TableWrap, Th } from "~/components/table-wrap";
import { NotFound } from "~/domain/errors";
import { countryNameIn } from "~/domain/reference/countries.server";
import { hasFilters, listSuppliers, parseSupplierQuery, supplierFilterChoices, supplierQueryParams } from "~/domain/suppliers/suppliers.server";
import { serverT } from "~/i18n/i18n.server";
import { formatsFor, useFormat } from "~/i18n/format";
import { withDomainErrors } from "~/lib/http-errors.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "" }];

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  // Suppliers belong to a company; anyone else has no supplier list of their own.
  if (!session.membership) throw new NotFound();
  const orgId = session.membership.orgId;
  const parsed = parseSupplierQuery(new URL(request.url).searchParams);
  const { query, total, page, pages, rows } = await listSuppliers(context.db, session, orgId, { ...parsed, language: context.locale });
  const choices = await supplierFilterChoices(context.db, session, orgId, query.recruiterId);
  const listParams = supplierQueryParams(query);
  const lng = context.locale;
  const compare = formatsFor(lng).compare;
  return {
    pageTitle: `${serverT(lng, "suppliers")("list.title")} · ${serverT(lng, "common")("site.name")}`,
    query,
    // Link parameters are built here: the .server module that knows them never reaches the browser.
    listParams,
    filterParams: supplierQueryParams(query, { sort: false }),
    exportHref: `/suppliers.csv${queryString(listParams).replace(/^\?$/, "")}`,
    total,
    page,
    pages,
    filtered: hasFilters(query),
    rows: rows.map((r) => ({ ...r, countryName: r.country ? countryNameIn(r.country, lng) : null })),
    countries: choices.countries.map((code) => ({ code, name: countryNameIn(code, lng) })).sort((a, b) => compare(a.name, b.name)),
    sectors: choices.sectors,
    recruiters: choices.recruiters,
    recruitersTotal: choices.recruitersTotal,
  };
});

const PRODUCTS_SHOWN = 3;

/** The catalog key that says how the list is ordered. */
function sortKey(sort: string, dir: "asc" | "desc") {
  const asc = dir === "asc";
  switch (sort) {
    case "name":
      return asc ? "list.sort.nameAsc" : "list.sort.nameDesc";
    case "country":
      return asc ? "list.sort.countryAsc" : "list.sort.countryDesc";
    case "workers":
      return asc ? "list.sort.workersAsc" : "list.sort.workersDesc";
    case "updated":
      return asc ? "list.sort.updatedAsc" : "list.sort.updatedDesc";
    default:
      return asc ? "list.sort.riskAsc" : "list.sort.riskDesc";
  }
}
export default function Suppliers() {
  const { query, listParams, filterParams, exportHref, total, page, pages, filtered, rows, countries, sectors, recruiters, recruitersTotal } = useLoaderData<typeof loader>();
  const { t } = useTranslation("suppliers");
  const formats = useFormat();
  const sortProps = { sort: query.sort, dir: query.dir, params: filterParams };
  const counted = { count: total, n: formats.number(total), sort: t(sortKey(query.sort, query.dir)) };
  return (
    <>
      <div className="page-header">
        <div>
          <h1>{t("list.title")}</h1>
          <p>{filtered ? t("list.countFiltered", counted) : t("list.count", counted)}</p>
          <p>
            {/* No count here: finding the pairs reads every record's identifiers (about 1.5 s at 100k), too much for every list view. */}
            <Link to="/suppliers/duplicates" data-testid="duplicates-link">
              {t("duplicates.review.listLink")}
            </Link>
          </p>
        </div>
        <a className="button button--secondary" href={exportHref} download>
          <Trans t={t} i18nKey={filtered ? "list.exportFiltered" : "list.export"} components={{ 1: <span className="visually-hidden" /> }} />
        </a>
      </div>

      <Form method="get" className="card filters" role="search" aria-label={t("list.filterLabel")}>
        <FilterSearch value={query.q} placeholder={t("list.searchPlaceholder")} />
        <BandFilterFieldset selected={query.bands} />
        <FilterSelect name="country" id="f-country" label={t("columns.country")} value={query.country} any={t("list.allCountries")} options={countries.map((c) => [c.code, c.name])} />
        <FilterSelect name="sector" id="f-sector" label={t("columns.sector")} value={query.sector} any={t("list.allSectors")} options={sectors.map((s) => [s, s])} />
        <div className="field">
          <label htmlFor="f-product">{t("list.productLabel")}</label>
          <input id="f-product" type="text" name="product" defaultValue={query.product} placeholder={t("list.productPlaceholder")} />
        </div>
        <div className="field">
          <label htmlFor="f-recruiter">{t("list.recruiterLabel")}</label>
          {recruitersTotal > recruiters.length ? (
            <span className="hint" id="f-recruiter-hint">
              <Trans
                t={t}
                i18nKey="list.recruiterHint"
                values={{ shown: formats.number(recruiters.length), total: formats.number(recruitersTotal) }}
                components={{ 1: <Link to="/recruiters" /> }}
              />
            </span>
          ) : null}
          <select
            id="f-recruiter"
            name="recruiter"
            defaultValue={query.recruiterId === null ? "" : String(query.recruiterId)}
            aria-describedby={recruitersTotal > recruiters.length ? "f-recruiter-hint" : undefined}
          >
            <option value="">{t("list.anyRecruiter")}</option>
            {recruiters.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
                {r.country ? ` (${r.country})` : ""}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <span className="checks">
            <label>
              <input type="checkbox" name="redFlags" value="1" defaultChecked={query.redFlags} />
              {t("list.onlyRedFlags")}
            </label>
          </span>
        </div>
        <FilterActions sort={listParams.sort ? { sort: query.sort, dir: query.dir } : null} filtered={filtered} />
      </Form>

      {rows.length === 0 ? (
        <div className="card empty-state">
          <h2>{filtered ? t("list.empty.filteredTitle") : t("list.empty.title")}</h2>
          <p>{filtered ? t("list.empty.filteredText") : t("list.empty.text")}</p>
          {filtered ? null : (
            <p>
              <Link to="/imports">{t("list.empty.import")}</Link>
            </p>
          )}
        </div>
      ) : (
        <TableWrap label={t("list.title")}>
          <table className="entity-list stack-table">
            <thead>
              <tr data-sort-label={t("list.sortBy")}>
                <RiskLeadHeaders {...sortProps} />
                <SortTh column="country" label={t("columns.country")} defaultDir="asc" {...sortProps} />
                <Th>{t("columns.sector")}</Th>
                <Th>{t("columns.products")}</Th>
                <SortTh column="workers" label={t("columns.workers")} defaultDir="desc" num {...sortProps} />
                <Th num>{t("columns.migrantShare")}</Th>
                <SortTh column="updated" label={t("columns.updated")} defaultDir="desc" {...sortProps} />
              </tr>
            </thead>
            <tbody>
              {rows.map((s) => (
                <tr key={s.id}>
                  <RiskLeadCells row={s} href={`/suppliers/${s.id}`} />
                  <td data-label={t("columns.country")}>{s.countryName ?? "—"}</td>
                  <td data-label={t("columns.sector")}>{s.sector ?? "—"}</td>
                  <td className="cell-products" data-label={t("columns.products")}>
                    {s.products.slice(0, PRODUCTS_SHOWN).join(", ") || "—"}
                    {s.products.length > PRODUCTS_SHOWN ? <span className="muted"> {t("list.moreProducts", { n: formats.number(s.products.length - PRODUCTS_SHOWN) })}</span> : null}
                  </td>
                  <td className="num" data-label={t("columns.workers")}>{formats.number(s.workersTotal)}</td>
                  <td className="num" data-label={t("columns.migrantShare")}>{shareText(s.migrantShare)}</td>
                  <td className="cell-date" data-label={t("columns.updated")}>{formats.date(s.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <Pagination page={page} pages={pages} params={listParams} label={t("list.pages")} />
    </>
  );
}
