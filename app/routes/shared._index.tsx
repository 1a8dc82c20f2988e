import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guard.server";
import { Pagination } from "~/components/pagination";
import { BandBadge } from "~/components/risk/band-badge";
import { TableWrap, Th } from "~/components/table-wrap";
import { countryName } from "~/domain/reference/countries.server";
import { listSharedSuppliers } from "~/domain/sharing/shared-suppliers.server";
import { formatDate } from "~/lib/format";
import { withDomainErrors } from "~/lib/http-errors.server";

export const meta: MetaFunction = () => [{ title: "Shared suppliers · Labour Due Diligence" }];

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  const url = new URL(request.url);
  const page = Number(url.searchParams.get("page") ?? "1");
  const result = await listSharedSuppliers(context.db, session, { q: url.searchParams.get("q") ?? "", page: Number.isFinite(page) ? page : 1 });
  return {
    ...result,
    shares: result.shares.map((s) => ({ id: s.id, companyName: s.companyName, since: s.since.getTime(), scope: s.scope })),
    rows: result.rows.map((r) => ({ ...r, countryName: r.country ? countryName(r.country) : null })),
  };
});

export default function SharedSuppliers() {
  const { shares, rows, q, page, pages, total } = useLoaderData<typeof loader>();
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Shared suppliers</h1>
          <p>Suppliers that companies shared with your organisation, with their risk scores and why. You can contest a score you believe is wrong.</p>
        </div>
        <Form method="get" role="search" className="inline-form">
          <label className="visually-hidden" htmlFor="shared-search">
            Search shared suppliers
          </label>
          <input id="shared-search" type="search" name="q" defaultValue={q} placeholder="Name or id" />
          <button className="button button--secondary" type="submit">
            Search
          </button>
        </Form>
      </div>
      {shares.length === 0 ? (
        <div className="card empty-state">
          <h2>Nothing shared with you yet</h2>
          <p>When a company shares suppliers with your organisation, they appear here.</p>
        </div>
      ) : (
        <>
          <ul className="share-list">
            {shares.map((s) => (
              <li key={s.id}>
                Shared by <strong>{s.companyName}</strong> since {formatDate(s.since)} · you see: {s.scope.join(", ")}
              </li>
            ))}
          </ul>
          {rows.length === 0 ? (
            <div className="card empty-state">
              <h2>No supplier matches</h2>
            </div>
          ) : (
            <TableWrap label="Shared suppliers">
              <table className="stack-table">
                <thead>
                  <tr>
                    <Th>Risk</Th>
                    <Th>Name</Th>
                    <Th>Country</Th>
                    <Th>Sector</Th>
                    <Th>Shared by</Th>
                    <Th num>Red flags</Th>
                    <Th num>Your open contests</Th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={r.id}>
                      <td data-label="Risk">
                        <BandBadge band={r.riskBand} score={r.riskScore} low={r.riskScoreLow} high={r.riskScoreHigh} confidence={r.riskConfidence} />
                      </td>
                      <td className="cell-name">
                        <Link to={`/shared/${r.id}`}>{r.name}</Link>
                      </td>
                      <td data-label="Country">{r.countryName ?? "—"}</td>
                      <td data-label="Sector">{r.sector ?? "—"}</td>
                      <td data-label="Shared by">
                        {r.companyName}
                        <div className="muted">since {formatDate(r.since)}</div>
                      </td>
                      <td className="num" data-label="Red flags">{r.riskRedFlags}</td>
                      <td className="num" data-label="Your open contests">{r.openContests}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          )}
          <p className="muted">
            {total} {total === 1 ? "supplier" : "suppliers"}
          </p>
          <Pagination page={page} pages={pages} params={q ? { q } : {}} />
        </>
      )}
    </>
  );
}
