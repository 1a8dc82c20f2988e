import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guard.server";
import { WorldMap } from "~/components/charts/world-map";
import { TableWrap, Th } from "~/components/table-wrap";
import { MINIMUM_GROUP } from "~/domain/reports/k-anonymity";
import { regulatorPatterns } from "~/domain/reports/regulator-data.server";
import { formatNumber } from "~/lib/format";
import { withDomainErrors } from "~/lib/http-errors.server";

export const meta: MetaFunction = () => [{ title: "Jurisdiction view · Labour Due Diligence" }];

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  return { patterns: await regulatorPatterns(context.db, session), minimum: MINIMUM_GROUP };
});

function Groups({ label, rows, extra }: { label: string; rows: { label: string; suppliers: number; companies?: number; charging?: number; higher?: number | null }[]; extra?: "companies" | "charging" | "higher" }) {
  if (rows.length === 0) return <p className="muted">Nothing to show in groups of {MINIMUM_GROUP} suppliers or more.</p>;
  return (
    <TableWrap label={label}>
      <table>
        <thead>
          <tr>
            <Th>{label}</Th>
            <Th num>Suppliers</Th>
            {extra === "companies" ? <Th num>Companies</Th> : null}
            {extra === "charging" ? <Th num>With recruiters charging workers fees</Th> : null}
            {extra === "higher" ? <Th num>Range reaches a higher band</Th> : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.label}>
              <td>{r.label}</td>
              <td className="num">{formatNumber(r.suppliers)}</td>
              {extra === "companies" ? <td className="num">{formatNumber(r.companies ?? null)}</td> : null}
              {extra === "charging" ? <td className="num">{formatNumber(r.charging ?? null)}</td> : null}
              {extra === "higher" ? <td className="num">{formatNumber(r.higher ?? null)}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

export default function Patterns() {
  const { patterns: p, minimum } = useLoaderData<typeof loader>();
  return (
    <>
      <p className="breadcrumbs">
        <Link to="/regulator">Submitted reports</Link> ›
      </p>
      <div className="page-header">
        <div>
          <h1>Jurisdiction view</h1>
          <p>
            Patterns across the {formatNumber(p.companies)} compan{p.companies === 1 ? "y" : "ies"} that submitted reports to you ({formatNumber(p.suppliers)} suppliers).
            No personal data, and no group of fewer than {minimum} suppliers.
          </p>
          <p>
            {p.pooled ? `${formatNumber(p.pooled)} smaller group${p.pooled === 1 ? " is" : "s are"} shown pooled into regions, sector families or “other”. ` : ""}
            {p.suppressed
              ? `${formatNumber(p.suppressedSuppliers)} supplier${p.suppressedSuppliers === 1 ? "" : "s"} in ${formatNumber(p.suppressed)} group${p.suppressed === 1 ? "" : "s"} not shown (still under ${minimum} after pooling).`
              : "Nothing was left out."}
          </p>
        </div>
      </div>
      <div className="grid">
        <div className="card">
          <h2>Risk bands</h2>
          <Groups label="Band" rows={p.bands} extra="higher" />
          <p className="muted small">
            A band is the score with unknown inputs counted at their expected value; the last column counts suppliers whose range (every unknown input present) reaches a higher band.
          </p>
        </div>
        <div className="card">
          <h2>Sectors</h2>
          <Groups label="Sector" rows={p.sectors} extra="companies" />
        </div>
      </div>
      <div className="card">
        <h2>Countries</h2>
        {p.countries.length === 0 ? (
          <p className="muted">Nothing to show in groups of {MINIMUM_GROUP} suppliers or more.</p>
        ) : (
          <WorldMap
            src="/regulator/map.svg"
            alt={`World map: ${p.countries.filter((c) => c.code && !c.pooled).length} countries with ${minimum} suppliers or more, shaded by mean score; the table beside it lists every country and pooled group shown.`}
            rows={p.countries.map((c) => ({ country: c.pooled ? "" : (c.code ?? ""), name: c.label, suppliers: c.suppliers, scored: c.scored, meanScore: c.meanScore }))}
            whose="these suppliers"
            linkCountry={null}
            note={`Only countries with ${minimum} suppliers or more are shaded; grey ones have none, or too few to show. Pooled groups are in the table only.`}
          />
        )}
      </div>
      <div className="card">
        <h2>Recruiters used by several companies</h2>
        <Groups label="Recruiter" rows={p.sharedRecruiters} extra="companies" />
      </div>
      <div className="card">
        <h2>Corridors and fee practices</h2>
        <Groups label="Corridor" rows={p.corridors} extra="charging" />
      </div>
    </>
  );
}
