import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guard.server";
import { RiskLeadCells, RiskLeadHeaders } from "~/components/entity-list";
import { BandFilterFieldset, FilterActions, FilterSearch, FilterSelect } from "~/components/filters";
import { Pagination, SortTh, queryString } from "~/components/pagination";
import { shareText } from "~/components/risk/entity-parts";
import { TableWrap, Th } from "~/components/table-wrap";
import { NotFound } from "~/domain/errors";
import { countryName } from "~/domain/reference/countries.server";
import { hasFilters, listSuppliers, parseSupplierQuery, supplierFilterChoices, supplierQueryParams } from "~/domain/suppliers/suppliers.server";
import { formatDate, formatNumber } from "~/lib/format";
import { withDomainErrors } from "~/lib/http-errors.server";

export const meta: MetaFunction = () => [{ title: "Suppliers · Labour Due Diligence" }];

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  // Suppliers belong to a company; anyone else has no supplier list of their own.
  if (!session.membership) throw new NotFound();
  const orgId = session.membership.orgId;
  const parsed = parseSupplierQuery(new URL(request.url).searchParams);
  const { query, total, page, pages, rows } = await listSuppliers(context.db, session, orgId, parsed);
  const choices = await supplierFilterChoices(context.db, session, orgId, query.recruiterId);
  const listParams = supplierQueryParams(query);
  return {
    query,
    // Link parameters are built here: the .server module that knows them never reaches the browser.
    listParams,
    filterParams: supplierQueryParams(query, { sort: false }),
    exportHref: `/suppliers.csv${queryString(listParams).replace(/^\?$/, "")}`,
    total,
    page,
    pages,
    filtered: hasFilters(query),
    rows: rows.map((r) => ({ ...r, countryName: r.country ? countryName(r.country) : null })),
    countries: choices.countries.map((code) => ({ code, name: countryName(code) })).sort((a, b) => a.name.localeCompare(b.name)),
    sectors: choices.sectors,
    recruiters: choices.recruiters,
    recruitersTotal: choices.recruitersTotal,
  };
});

const PRODUCTS_SHOWN = 3;

function sortDescription(sort: string, dir: "asc" | "desc"): string {
  const asc = dir === "asc";
  switch (sort) {
    case "name":
      return asc ? "by name (A–Z)" : "by name (Z–A)";
    case "country":
      return asc ? "by country (A–Z)" : "by country (Z–A)";
    case "workers":
      return asc ? "fewest workers first" : "most workers first";
    case "updated":
      return asc ? "least recently changed first" : "most recently changed first";
    default:
      return asc ? "lowest risk first" : "highest risk first";
  }
}
export default function Suppliers() {
  const { query, listParams, filterParams, exportHref, total, page, pages, filtered, rows, countries, sectors, recruiters, recruitersTotal } = useLoaderData<typeof loader>();
  const sortProps = { sort: query.sort, dir: query.dir, params: filterParams };
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Suppliers</h1>
          <p>
            {formatNumber(total)} {total === 1 ? "supplier" : "suppliers"}
            {filtered ? " match these filters" : ""}, {sortDescription(query.sort, query.dir)}.
          </p>
        </div>
        <a className="button button--secondary" href={exportHref} download>
          Export CSV<span className="visually-hidden"> of the {filtered ? "filtered " : ""}suppliers</span>
        </a>
      </div>

      <Form method="get" className="card filters" role="search" aria-label="Filter suppliers">
        <FilterSearch value={query.q} placeholder="Name or supplier id" />
        <BandFilterFieldset selected={query.bands} />
        <FilterSelect name="country" id="f-country" label="Country" value={query.country} any="All countries" options={countries.map((c) => [c.code, c.name])} />
        <FilterSelect name="sector" id="f-sector" label="Sector" value={query.sector} any="All sectors" options={sectors.map((s) => [s, s])} />
        <div className="field">
          <label htmlFor="f-product">Product contains</label>
          <input id="f-product" type="text" name="product" defaultValue={query.product} placeholder="e.g. cotton" />
        </div>
        <div className="field">
          <label htmlFor="f-recruiter">Recruiter</label>
          {recruitersTotal > recruiters.length ? (
            <span className="hint" id="f-recruiter-hint">
              The first {recruiters.length} of {formatNumber(recruitersTotal)} by name; for another, use “Suppliers served” on the <Link to="/recruiters">recruiter list</Link>.
            </span>
          ) : null}
          <select
            id="f-recruiter"
            name="recruiter"
            defaultValue={query.recruiterId === null ? "" : String(query.recruiterId)}
            aria-describedby={recruitersTotal > recruiters.length ? "f-recruiter-hint" : undefined}
          >
            <option value="">Any recruiter</option>
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
              Only with red flags
            </label>
          </span>
        </div>
        <FilterActions sort={listParams.sort ? { sort: query.sort, dir: query.dir } : null} filtered={filtered} />
      </Form>

      {rows.length === 0 ? (
        <div className="card empty-state">
          <h2>{filtered ? "No supplier matches these filters" : "No suppliers yet"}</h2>
          <p>{filtered ? "Try fewer filters, or another name or id." : "Your supplier list appears here once it is on the platform."}</p>
          {filtered ? null : (
            <p>
              <Link to="/imports">Import a supplier list</Link>
            </p>
          )}
        </div>
      ) : (
        <TableWrap label="Suppliers">
          <table className="entity-list stack-table">
            <thead>
              <tr>
                <RiskLeadHeaders {...sortProps} />
                <SortTh column="country" label="Country" defaultDir="asc" {...sortProps} />
                <Th>Sector</Th>
                <Th>Products</Th>
                <SortTh column="workers" label="Workers" defaultDir="desc" num {...sortProps} />
                <Th num>Migrant share</Th>
                <SortTh column="updated" label="Updated" defaultDir="desc" {...sortProps} />
              </tr>
            </thead>
            <tbody>
              {rows.map((s) => (
                <tr key={s.id}>
                  <RiskLeadCells row={s} href={`/suppliers/${s.id}`} />
                  <td data-label="Country">{s.countryName ?? "—"}</td>
                  <td data-label="Sector">{s.sector ?? "—"}</td>
                  <td className="cell-products" data-label="Products">
                    {s.products.slice(0, PRODUCTS_SHOWN).join(", ") || "—"}
                    {s.products.length > PRODUCTS_SHOWN ? <span className="muted"> +{s.products.length - PRODUCTS_SHOWN} more</span> : null}
                  </td>
                  <td className="num" data-label="Workers">{formatNumber(s.workersTotal)}</td>
                  <td className="num" data-label="Migrant share">{shareText(s.migrantShare)}</td>
                  <td className="cell-date" data-label="Updated">{formatDate(s.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <Pagination page={page} pages={pages} params={listParams} label="Supplier pages" />
    </>
  );
}
