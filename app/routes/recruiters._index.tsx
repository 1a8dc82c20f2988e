import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guard.server";
import { Pagination, SortTh, queryString } from "~/components/pagination";
import { FeesText, LicenceText } from "~/components/risk/entity-parts";
import { BandBadge, bandLabel } from "~/components/risk/band-badge";
import { TableWrap, Th } from "~/components/table-wrap";
import { countryName } from "~/domain/reference/countries.server";
import { LICENCE_LABELS, LICENCE_STATUSES, listRecruiters, parseRecruiterQuery, recruiterQueryParams } from "~/domain/recruiters.server";
import { BANDS } from "~/domain/risk/types";
import { formatNumber } from "~/lib/format";

export const meta: MetaFunction = () => [{ title: "Recruiters · Labour Due Diligence" }];

export function loader({ request, context }: LoaderFunctionArgs) {
  const session = requireUser(request, context);
  if (!session.membership) throw new Response("Not found", { status: 404, statusText: "Not Found" });
  const parsed = parseRecruiterQuery(new URL(request.url).searchParams);
  const { query, total, page, pages, rows } = listRecruiters(context.db, session, session.membership.orgId, parsed);
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
}

/** The band filter choices (the page's own copy: a .server module is not sent to the browser). */
const BAND_FILTERS = [...BANDS, "none"] as const;

const percent = (share: number | null) => (share === null ? "—" : `${Math.round(share * 100)} %`);

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
        <div className="field">
          <label htmlFor="f-q">Search</label>
          <input id="f-q" type="search" name="q" defaultValue={query.q} placeholder="Name, id or licence number" />
        </div>
        <fieldset>
          <legend>Risk band</legend>
          <div className="checks">
            {BAND_FILTERS.map((b) => (
              <label key={b}>
                <input type="checkbox" name="band" value={b} defaultChecked={query.bands.includes(b)} />
                {b === "none" ? "Not scored yet" : bandLabel(b)}
              </label>
            ))}
          </div>
        </fieldset>
        <div className="field">
          <label htmlFor="f-licence">Licence</label>
          <select id="f-licence" name="licence" defaultValue={query.licence}>
            <option value="">Any licence status</option>
            {licenceOptions.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-fees">Fees paid by workers</label>
          <select id="f-fees" name="fees" defaultValue={query.fees}>
            <option value="">Any</option>
            <option value="yes">Yes: workers pay fees</option>
            <option value="no">No</option>
            <option value="unknown">Unknown</option>
          </select>
        </div>
        {listParams.sort ? (
          <>
            <input type="hidden" name="sort" value={query.sort} />
            <input type="hidden" name="dir" value={query.dir} />
          </>
        ) : null}
        <div className="filters__actions">
          <button className="button" type="submit">
            Apply filters
          </button>
          {filtered ? <Link to={queryString({ sort: listParams.sort, dir: listParams.dir })}>Clear filters</Link> : null}
        </div>
      </Form>

      {rows.length === 0 ? (
        <div className="card empty-state">
          <h2>{filtered ? "No recruiter matches these filters" : "No recruiters yet"}</h2>
          <p>{filtered ? "Try fewer filters." : "Labour recruiters appear here once you import a recruiter list."}</p>
        </div>
      ) : (
        <TableWrap label="Recruiters">
          <table className="entity-list">
            <thead>
              <tr>
                <SortTh column="score" label="Risk score" defaultDir="desc" {...sortProps} />
                <Th num>Confidence</Th>
                <Th num>Red flags</Th>
                <SortTh column="name" label="Name" defaultDir="asc" {...sortProps} />
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
                  <td>
                    <BandBadge band={r.riskBand} score={r.riskScore} low={r.riskScoreLow} high={r.riskScoreHigh} />
                  </td>
                  <td className="num">{percent(r.riskConfidence)}</td>
                  <td className="num">
                    {r.riskRedFlags > 0 ? (
                      <span className="red-flag-count">
                        <span aria-hidden="true">⚑ </span>
                        {r.riskRedFlags}
                      </span>
                    ) : (
                      <span className="muted">0</span>
                    )}
                  </td>
                  <td className="cell-name">
                    <Link to={`/recruiters/${r.id}`}>{r.name}</Link>
                    <span className="cell-sub">{r.externalId}</span>
                  </td>
                  <td>{r.countryName ?? "—"}</td>
                  <td className="cell-wrap">
                    <LicenceText status={r.licenceStatus} number={r.licenceNumber} />
                  </td>
                  <td>
                    <FeesText charged={r.feesChargedToWorkers} amount={r.feeAmount} currency={r.feeCurrency} />
                  </td>
                  <td>{r.certification ?? "—"}</td>
                  <td>{r.origins.join(", ") || "—"}</td>
                  <td className="num">{r.suppliersServed > 0 ? <Link to={`/suppliers?recruiter=${r.id}`}>{formatNumber(r.suppliersServed)}</Link> : "0"}</td>
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
