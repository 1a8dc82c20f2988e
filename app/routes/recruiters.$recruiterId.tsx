import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guard.server";
import { BandBadge } from "~/components/risk/band-badge";
import { CorridorArrow, FeesText, LicenceText, ProvenanceFacts } from "~/components/risk/entity-parts";
import { EntityOverview } from "~/components/risk/entity-overview";
import { TableWrap, Th } from "~/components/table-wrap";
import { NotFound } from "~/domain/errors";
import { countryName } from "~/domain/reference/countries.server";
import { recruiterDetail } from "~/domain/recruiters/recruiters.server";
import { entityWatchlistMatches } from "~/domain/watchlists/entity-matches.server";
import { idParam, withDomainErrors } from "~/lib/actions.server";
import { formatNumber } from "~/lib/format";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.recruiter.name ?? "Recruiter"} · Recruiters · Labour Due Diligence` }];

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, params, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  if (!session.membership) throw new NotFound();
  const detail = await recruiterDetail(context.db, session, session.membership.orgId, idParam(params.recruiterId));
  const r = detail.recruiter;
  const name = (code: string | null) => (code ? countryName(code) : null);
  return {
    recruiter: {
      id: r.id,
      externalId: r.externalId,
      name: r.name,
      country: r.country,
      countryName: name(r.country),
      licenceNumber: r.licenceNumber,
      licenceStatus: r.licenceStatus,
      feesChargedToWorkers: r.feesChargedToWorkers,
      feeAmount: r.feeAmount,
      feeCurrency: r.feeCurrency,
      certification: r.certification,
      origins: r.originCountries.map((c) => name(c) ?? c),
      lastImportId: r.lastImportId,
      createdAt: r.createdAt.getTime(),
      updatedAt: r.updatedAt?.getTime() ?? null,
    },
    score: detail.score,
    history: detail.history,
    suppliers: detail.suppliers.map((s) => ({ ...s, countryName: name(s.country), origins: s.origins.map((c) => name(c) ?? c) })),
    suppliersTotal: detail.suppliersTotal,
    corridors: detail.corridors.map((c) => ({ ...c, originName: name(c.origin), destinationName: name(c.destination) })),
    watchlists: await entityWatchlistMatches(context.db, session, session.membership.orgId, { type: "recruiter", id: r.id }),
  };
});

export default function RecruiterPage() {
  const { recruiter, score, history, suppliers, suppliersTotal, corridors, watchlists } = useLoaderData<typeof loader>();
  return (
    <>
      <p className="breadcrumbs">
        <Link to="/recruiters">Recruiters</Link> ›
      </p>
      <div className="page-header">
        <div>
          <h1>{recruiter.name}</h1>
          <p>
            Labour recruiter · {recruiter.externalId}
            {recruiter.countryName ? ` · ${recruiter.countryName}` : ""}
          </p>
        </div>
        <span className="band-with-range">
          <BandBadge band={score?.band ?? null} score={score?.score ?? null} low={score?.scoreLow} high={score?.scoreHigh} confidence={score?.confidence} />
        </span>
      </div>

      <EntityOverview entity="recruiter" score={score} history={history} watchlists={watchlists}>
        <dt>Recruiter id</dt>
        <dd>{recruiter.externalId}</dd>
        <dt>Country of operation</dt>
        <dd>{recruiter.countryName ? `${recruiter.countryName} (${recruiter.country})` : "—"}</dd>
        <dt>Licence</dt>
        <dd>
          <LicenceText status={recruiter.licenceStatus} number={recruiter.licenceNumber} />
        </dd>
        <dt>Fees paid by workers</dt>
        <dd>
          <FeesText charged={recruiter.feesChargedToWorkers} amount={recruiter.feeAmount} currency={recruiter.feeCurrency} />
        </dd>
        <dt>Certification</dt>
        <dd>{recruiter.certification ?? "none recorded"}</dd>
        <dt>Recruits from</dt>
        <dd>{recruiter.origins.join(", ") || "—"}</dd>
        <dt>Suppliers served</dt>
        <dd>{formatNumber(suppliersTotal)}</dd>
        <ProvenanceFacts createdAt={recruiter.createdAt} updatedAt={recruiter.updatedAt} lastImportId={recruiter.lastImportId} />
      </EntityOverview>

      <section className="card" aria-labelledby="corridors-heading">
        <h2 id="corridors-heading">Corridors</h2>
        {corridors.length === 0 ? (
          <p>No supplier is linked to this recruiter yet, so no corridor is known.</p>
        ) : (
          <TableWrap label="Corridors">
            <table>
              <thead>
                <tr>
                  <Th>Workers from → placed in</Th>
                  <Th num>Suppliers</Th>
                </tr>
              </thead>
              <tbody>
                {corridors.map((c) => (
                  <tr key={`${c.origin ?? ""}-${c.destination ?? ""}`}>
                    <td>
                      <CorridorArrow from={c.originName} to={c.destinationName} />
                    </td>
                    <td className="num">{formatNumber(c.suppliers)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </section>

      <section className="card" aria-labelledby="served-heading">
        <h2 id="served-heading">Suppliers it serves</h2>
        {suppliers.length === 0 ? (
          <p>None linked.</p>
        ) : (
          <>
            {suppliersTotal > suppliers.length ? (
              <p className="muted">
                The {suppliers.length} highest-risk of {formatNumber(suppliersTotal)}. <Link to={`/suppliers?recruiter=${recruiter.id}`}>See them all in the supplier list</Link>.
              </p>
            ) : null}
            <TableWrap label="Suppliers it serves">
              <table>
                <thead>
                  <tr>
                    <Th>Risk score</Th>
                    <Th>Supplier</Th>
                    <Th>Country</Th>
                    <Th>Sector</Th>
                    <Th>Workers from</Th>
                  </tr>
                </thead>
                <tbody>
                  {suppliers.map((s) => (
                    <tr key={s.id}>
                      <td>
                        <BandBadge band={s.riskBand} score={s.riskScore} />
                      </td>
                      <td>
                        <Link to={`/suppliers/${s.id}`}>{s.name}</Link>
                        <span className="cell-sub">{s.externalId}</span>
                      </td>
                      <td>{s.countryName ?? "—"}</td>
                      <td>{s.sector ?? "—"}</td>
                      <td>{s.origins.join(", ") || "—"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          </>
        )}
      </section>
    </>
  );
}
