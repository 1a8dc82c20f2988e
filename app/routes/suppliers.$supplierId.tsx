import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guard.server";
import { can } from "~/auth/permissions.server";
import { AuditStatus, AuditType, windowInZones } from "~/components/audits";
import { IssueReportForm, PageSizeField } from "~/components/reports";
import { BandBadge } from "~/components/risk/band-badge";
import { CorridorArrow, FeesText, LicenceText, ProvenanceFacts, SupplyFacts, WorkforceFacts } from "~/components/risk/entity-parts";
import { EntityOverview } from "~/components/risk/entity-overview";
import { TableWrap, Th } from "~/components/table-wrap";
import { companySupplierAudits } from "~/domain/audits/visibility.server";
import { NotFound } from "~/domain/errors";
import { countryName } from "~/domain/reference/countries.server";
import { supplierDetail } from "~/domain/suppliers/suppliers.server";
import { entityWatchlistMatches } from "~/domain/watchlists/entity-matches.server";
import { idParam, withDomainErrors } from "~/lib/actions.server";
import { plural } from "~/lib/format";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.supplier.name ?? "Supplier"} · Suppliers · Labour Due Diligence` }];

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, params, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  if (!session.membership) throw new NotFound();
  const detail = await supplierDetail(context.db, session, session.membership.orgId, idParam(params.supplierId));
  const s = detail.supplier;
  const name = (code: string | null) => (code ? countryName(code) : null);
  return {
    supplier: {
      id: s.id,
      externalId: s.externalId,
      name: s.name,
      address: s.address,
      country: s.country,
      countryName: name(s.country),
      sector: s.sector,
      products: s.products,
      tier: s.tier,
      parentExternalId: s.parentExternalId,
      identifiers: s.identifiers,
      workersTotal: s.workersTotal,
      migrantShare: s.migrantShare,
      femaleShare: s.femaleShare,
      lastImportId: s.lastImportId,
      createdAt: s.createdAt.getTime(),
      updatedAt: s.updatedAt?.getTime() ?? null,
    },
    parent: detail.parent,
    score: detail.score,
    history: detail.history,
    corridors: detail.corridors.map((c) => ({ ...c, originName: name(c.origin), destinationName: name(c.destination) })),
    recruiterScores: Object.fromEntries(
      detail.recruiters.map((r) => [r.id, { band: r.riskBand, score: r.riskScore, certification: r.certification, licenceNumber: r.licenceNumber, country: name(r.country) }])
    ),
    openContests: detail.openContests,
    canEdit: detail.canEdit,
    audits: await companySupplierAudits(context.db, session, session.membership.orgId, s.id),
    canReport: can(session, "reports.issue", { orgId: session.membership.orgId }),
    watchlists: await entityWatchlistMatches(context.db, session, session.membership.orgId, { type: "supplier", id: s.id }),
  };
});

export default function SupplierPage() {
  const { supplier, parent, score, history, corridors, recruiterScores, openContests, canEdit, audits, canReport, watchlists } = useLoaderData<typeof loader>();
  const identifiers = Object.entries(supplier.identifiers);
  return (
    <>
      <p className="breadcrumbs">
        <Link to="/suppliers">Suppliers</Link> ›
      </p>
      <div className="page-header">
        <div>
          <h1>{supplier.name}</h1>
          <p>
            {supplier.externalId}
            {supplier.countryName ? ` · ${supplier.countryName}` : ""}
            {supplier.sector ? ` · ${supplier.sector}` : ""}
          </p>
        </div>
        <div className="entity-header__risk">
          <BandBadge band={score?.band ?? null} score={score?.score ?? null} low={score?.scoreLow} high={score?.scoreHigh} confidence={score?.confidence} />
        </div>
      </div>
      {/* The page's actions sit under its title: the page runs to thousands of pixels (issue 17). */}
      {canEdit || canReport ? (
        <div className="actions page-actions" role="group" aria-label="Actions on this supplier">
          {canReport ? (
            <IssueReportForm type="supplier_profile" fields={{ supplierId: supplier.id }} label="Issue risk profile (PDF)">
              <PageSizeField id="profile-page-size" />
            </IssueReportForm>
          ) : null}
          {canEdit ? (
            <Link className="button button--secondary" to={`/suppliers/${supplier.id}/indicators`}>
              Record observed indicators
            </Link>
          ) : null}
        </div>
      ) : null}

      {openContests > 0 ? (
        <div className="alert alert--warning" role="note">
          {plural(openContests, "open contest")} of this supplier’s score by a partner organisation. <Link to="/contests">Answer in Contests</Link>
        </div>
      ) : null}

      <EntityOverview entity="supplier" score={score} history={history} watchlists={watchlists}>
        <dt>Supplier id</dt>
        <dd>{supplier.externalId}</dd>
        {identifiers.map(([k, v]) => (
          <FactRow key={k} label={k.toUpperCase()} value={v} />
        ))}
        <dt>Address</dt>
        <dd>{supplier.address ?? "—"}</dd>
        <dt>Country</dt>
        <dd>{supplier.countryName ? `${supplier.countryName} (${supplier.country})` : "—"}</dd>
        <SupplyFacts sector={supplier.sector} products={supplier.products} tier={supplier.tier} />
        <dt>Parent</dt>
        <dd>
          {parent ? (
            <>
              <Link to={`/suppliers/${parent.id}`}>{parent.name}</Link> <span className="muted">({parent.externalId})</span>
            </>
          ) : supplier.parentExternalId ? (
            <>
              {supplier.parentExternalId} <span className="muted">(not on the platform yet)</span>
            </>
          ) : (
            "—"
          )}
        </dd>
        <WorkforceFacts workersTotal={supplier.workersTotal} migrantShare={supplier.migrantShare} femaleShare={supplier.femaleShare} />
        <ProvenanceFacts createdAt={supplier.createdAt} updatedAt={supplier.updatedAt} lastImportId={supplier.lastImportId} />
      </EntityOverview>

      <section className="card" aria-labelledby="recruiters-heading">
        <h2 id="recruiters-heading">Recruiters and corridors</h2>
        {corridors.length === 0 ? (
          <p>No labour recruiter is linked to this supplier.</p>
        ) : (
          <>
            <p className="muted">Each line is one recruitment corridor: where the workers come from, the recruiter that places them here, and how it recruits.</p>
            <TableWrap label="Recruiters and corridors">
              <table>
                <thead>
                  <tr>
                    <Th>Corridor</Th>
                    <Th>Recruiter</Th>
                    <Th>Licence</Th>
                    <Th>Fees paid by workers</Th>
                    <Th>Certification</Th>
                    <Th>Recruiter risk</Th>
                  </tr>
                </thead>
                <tbody>
                  {corridors.map((c) => {
                    const r = recruiterScores[c.recruiterId];
                    return (
                      <tr key={`${c.recruiterId}-${c.origin ?? ""}`}>
                        <td>
                          <CorridorArrow from={c.originName} to={c.destinationName} />
                        </td>
                        <td>
                          <Link to={`/recruiters/${c.recruiterId}`}>{c.recruiterName}</Link>
                          {r?.country ? <span className="cell-sub">{r.country}</span> : null}
                        </td>
                        <td>
                          <LicenceText status={c.licenceStatus} number={r?.licenceNumber ?? null} />
                        </td>
                        <td>
                          <FeesText charged={c.feesChargedToWorkers} amount={c.feeAmount} currency={c.feeCurrency} />
                        </td>
                        <td>{r?.certification ?? "—"}</td>
                        <td>
                          <BandBadge band={r?.band ?? null} score={r?.score ?? null} />
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </TableWrap>
          </>
        )}
      </section>

      <section className="card" aria-labelledby="audits-heading">
        <h2 id="audits-heading">Audits and corrective actions</h2>
        {audits.length === 0 ? (
          <p className="muted">No audit recorded yet.</p>
        ) : (
          <TableWrap label="Audits">
            <table>
              <thead>
                <tr>
                  <Th>When</Th>
                  <Th>Inspectorate</Th>
                  <Th>Type</Th>
                  <Th>Status</Th>
                  <Th num>Findings</Th>
                  <Th num>Open actions</Th>
                </tr>
              </thead>
              <tbody>
                {audits.map((a) => (
                  <tr key={a.id}>
                    <td>
                      <Link to={`/audits/${a.id}`}>{windowInZones(a.startsAt, a.endsAt, a.placeZone)}</Link>
                    </td>
                    <td>{a.inspectorateName}</td>
                    <td>
                      <AuditType type={a.type} />
                    </td>
                    <td>
                      <AuditStatus status={a.status} />
                    </td>
                    <td className="num">
                      {a.findings}
                      {a.critical ? <span className="cell-sub">{a.critical} critical</span> : null}
                    </td>
                    <td className="num">{a.openActions ? <Link to="/actions">{a.openActions}</Link> : 0}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </section>
    </>
  );
}

function FactRow({ label, value }: { label: string; value: string }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </>
  );
}
