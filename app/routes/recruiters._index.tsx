import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guard.server";
import { RiskLeadCells, RiskLeadHeaders } from "~/components/entity-list";
import { BandFilterFieldset, FilterActions, FilterSearch, FilterSelect } from "~/components/filters";
import { Pagination } from "~/components/pagination";
import { FeesText, LicenceText } from "~/components/risk/entity-parts";
import { TableWrap, Th } from "~/components/table-wrap";
import { NotFound } from "~/domain/errors";
import { countryName } from "~/domain/reference/countries.server";
import { LICENCE_LABELS, LICENCE_STATUSES, listRecruiters, parseRecruiterQuery, recruiterQueryParams } from "~/domain/recruiters/recruiters.server";
import { formatNumber } from "~/lib/format";
import { withDomainErrors } from "~/lib/http-errors.server";

export const meta: MetaFunction = () => [{ title: "Recruiters · Labour Due Diligence" }];

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  if (!session.membership) throw new NotFound();
  const parsed = parseRecruiterQuery(new URL(request.url).searchParams);
  const { query, total, page, pages, rows } = await listRecruiters(context.db, session, session.membership.orgId, parsed);
  return {
    query,
    // Link parameters are built here: the .server module that knows them never reaches the browser.
    listParams: recruiterQueryParams(query),
    filterParams: recruiterQueryParams(query, { sort: false }),
    total,
    page,
    pages,
    licenceOptions: LICENCE_STATUSES.map((value) => ({ value, label: LICENCE_LABELS[value] })),
    filtered: !!(query.q || query.bands.length || query.licence || query.fees),
    rows: rows.map((r) => ({ ...r, countryName: r.country ? countryName(r.country) : null, origins: r.originCountries.map((c) => countryName(c)) })),
  };
});

/** The fees filter's choices (values as parseRecruiterQuery reads them). */
const FEE_OPTIONS = [
  ["yes", "Yes: workers pay fees"],
  ["no", "No"],
  ["unknown", "Unknown"],
] as const;

export default function Recruiters() {
  const { query, listParams, filterParams, total, page, pages, filtered, rows, licenceOptions } = useLoaderData<typeof loader>();
  const sortProps = { sort: query.sort, dir: query.dir, params: filterParams };
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Recruiters</h1>
          <p>
            {formatNumber(total)} labour {total === 1 ? "recruiter" : "recruiters"}
            {filtered ? " match these filters" : ""},{" "}
            {query.sort === "name" ? (query.dir === "asc" ? "by name (A–Z)" : "by name (Z–A)") : query.dir === "asc" ? "lowest risk first" : "highest risk first"}.
          </p>
        </div>
      </div>

      <Form method="get" className="card filters" role="search" aria-label="Filter recruiters">
        <FilterSearch value={query.q} placeholder="Name, id or licence number" />
        <BandFilterFieldset selected={query.bands} />
        <FilterSelect name="licence" id="f-licence" label="Licence" value={query.licence} any="Any licence status" options={licenceOptions.map((o) => [o.value, o.label])} />
        <FilterSelect name="fees" id="f-fees" label="Fees paid by workers" value={query.fees} any="Any" options={FEE_OPTIONS} />
        <FilterActions sort={listParams.sort ? { sort: query.sort, dir: query.dir } : null} filtered={filtered} />
      </Form>

      {rows.length === 0 ? (
        <div className="card empty-state">
          <h2>{filtered ? "No recruiter matches these filters" : "No recruiters yet"}</h2>
          <p>{filtered ? "Try fewer filters." : "Labour recruiters appear here once you import a recruiter list."}</p>
        </div>
      ) : (
        <TableWrap label="Recruiters">
          <table className="entity-list stack-table">
            <thead>
              <tr>
                <RiskLeadHeaders {...sortProps} />
                <Th>Country</Th>
                <Th>Licence</Th>
                <Th>Fees paid by workers</Th>
                <Th>Certification</Th>
                <Th>Recruits from</Th>
                <Th num>Suppliers served</Th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <RiskLeadCells row={r} href={`/recruiters/${r.id}`} />
                  <td data-label="Country">{r.countryName ?? "—"}</td>
                  <td className="cell-wrap" data-label="Licence">
                    <LicenceText status={r.licenceStatus} number={r.licenceNumber} />
                  </td>
                  <td data-label="Fees paid by workers">
                    <FeesText charged={r.feesChargedToWorkers} amount={r.feeAmount} currency={r.feeCurrency} />
                  </td>
                  <td data-label="Certification">{r.certification ?? "—"}</td>
                  <td data-label="Recruits from">{r.origins.join(", ") || "—"}</td>
                  <td className="num" data-label="Suppliers served">{r.suppliersServed > 0 ? <Link to={`/suppliers?recruiter=${r.id}`}>{formatNumber(r.suppliersServed)}</Link> : "0"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <Pagination page={page} pages={pages} params={listParams} label="Recruiter pages" />
    </>
  );
}
