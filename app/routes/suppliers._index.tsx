import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guard.server";
import { countryName } from "~/domain/reference/countries.server";
import { listSuppliers } from "~/domain/suppliers.server";
import { TableWrap, Th } from "~/components/table-wrap";
import { formatNumber } from "~/lib/format";

export const meta: MetaFunction = () => [{ title: "Suppliers · Labour Due Diligence" }];

export function loader({ request, context }: LoaderFunctionArgs) {
  const session = requireUser(request, context);
  // Suppliers belong to a company; anyone else has no supplier list of their own.
  if (!session.membership) throw new Response("Not found", { status: 404, statusText: "Not Found" });
  const url = new URL(request.url);
  const page = Number(url.searchParams.get("page") ?? "1");
  const result = listSuppliers(context.db, session, session.membership.orgId, { q: url.searchParams.get("q") ?? "", page: Number.isFinite(page) ? page : 1 });
  return { ...result, rows: result.rows.map((r) => ({ ...r, countryName: r.country ? countryName(r.country) : null })) };
}

const percent = (share: number | null) => (share === null ? "—" : `${Math.round(share * 100)} %`);

export default function Suppliers() {
  const { q, page, pages, total, rows } = useLoaderData<typeof loader>();
  const pageLink = (n: number) => `?${new URLSearchParams({ ...(q ? { q } : {}), page: String(n) })}`;
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Suppliers</h1>
          <p>
            {total} {total === 1 ? "supplier" : "suppliers"}
            {q ? ` matching "${q}"` : ""}
          </p>
        </div>
        <Form method="get" role="search" className="inline-form">
          <label className="visually-hidden" htmlFor="supplier-search">
            Search suppliers
          </label>
          <input id="supplier-search" type="search" name="q" defaultValue={q} placeholder="Name, id or country code" />
          <button className="button button--secondary" type="submit">
            Search
          </button>
        </Form>
      </div>
      {rows.length === 0 ? (
        <div className="card empty-state">
          <h2>{q ? "No supplier matches" : "No suppliers yet"}</h2>
          <p>{q ? "Try another name, id or a two-letter country code." : "Your supplier list appears here once it is on the platform."}</p>
        </div>
      ) : (
        <TableWrap label="Suppliers">
          <table>
            <thead>
              <tr>
                <Th>Id</Th>
                <Th>Name</Th>
                <Th>Country</Th>
                <Th>Sector</Th>
                <Th>Products</Th>
                <Th num>Tier</Th>
                <Th num>Workers</Th>
                <Th num>Migrant share</Th>
              </tr>
            </thead>
            <tbody>
              {rows.map((s) => (
                <tr key={s.id}>
                  <td>{s.externalId}</td>
                  <td>{s.name}</td>
                  <td>{s.countryName ?? "—"}</td>
                  <td>{s.sector ?? "—"}</td>
                  <td>{s.products.join(", ") || "—"}</td>
                  <td className="num">{s.tier ?? "—"}</td>
                  <td className="num">{formatNumber(s.workersTotal)}</td>
                  <td className="num">{percent(s.migrantShare)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {pages > 1 ? (
        <nav className="pagination" aria-label="Pages">
          {page > 1 ? <Link to={pageLink(page - 1)}>← Previous</Link> : <span />}
          <span>
            Page {page} of {pages}
          </span>
          {page < pages ? <Link to={pageLink(page + 1)}>Next →</Link> : <span />}
        </nav>
      ) : null}
    </>
  );
}
