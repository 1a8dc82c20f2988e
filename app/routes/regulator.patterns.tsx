import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guard.server";
import { authorize } from "~/auth/permissions.server";
import { TableWrap, Th } from "~/components/table-wrap";
import { MINIMUM_GROUP } from "~/domain/reports/k-anonymity";
import { jurisdictionPatterns, submittingCompanies } from "~/domain/reports/regulator-data.server";
import { formatNumber } from "~/lib/format";
import { withDomainErrors } from "~/lib/http-errors.server";

export const meta: MetaFunction = () => [{ title: "Jurisdiction view · Labour Due Diligence" }];

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  const orgId = session.membership?.orgId ?? -1;
  authorize(session, "regulator.portal", { orgId });
  return { patterns: await jurisdictionPatterns(context.db, await submittingCompanies(context.db, orgId)), minimum: MINIMUM_GROUP };
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
            No personal data, and no group of fewer than {minimum} suppliers: {formatNumber(p.suppressed)} smaller group{p.suppressed === 1 ? " was" : "s were"} pooled or
            left out.
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
          <h2>Countries</h2>
          <Groups label="Country" rows={p.countries} extra="companies" />
        </div>
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
