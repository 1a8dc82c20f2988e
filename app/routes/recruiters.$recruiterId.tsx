import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guard.server";
import { BandBadge } from "~/components/risk/band-badge";
import { CorridorArrow, FeesText, LicenceText, ProvenanceFacts } from "~/components/risk/entity-parts";
import { EntityOverview } from "~/components/risk/entity-overview";
import { TableWrap, Th } from "~/components/table-wrap";
import { NotFound } from "~/domain/errors";
import { countryNameIn } from "~/domain/reference/countries.server";
import { recruiterDetail } from "~/domain/recruiters/recruiters.server";
import { entityWatchlistMatches } from "~/domain/watchlists/entity-matches.server";
import { idParam, withDomainErrors } from "~/lib/actions.server";
import { serverT } from "~/i18n/i18n.server";
import { useFormat } from "~/i18n/format";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "" }];

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, params, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  if (!session.membership) throw new NotFound();
  const detail = await recruiterDetail(context.db, session, session.membership.orgId, idParam(params.recruiterId));
  const r = detail.recruiter;
  const lng = context.locale;
  const name = (code: string | null) => (code ? countryNameIn(code, lng) : null);
  return {
    pageTitle: `${r.name} · ${serverT(lng, "suppliers")("recruiters.title")} · ${serverT(lng, "common")("site.name")}`,
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
  const { t } = useTranslation("suppliers");
  const formats = useFormat();
  return (
    <>
      <p className="breadcrumbs">
        <Link to="/recruiters">{t("recruiters.title")}</Link> ›
      </p>
      <div className="page-header">
        <div>
          <h1 translate="no">{recruiter.name}</h1>
          <p>
            {t("recruiter.kind")} · {recruiter.externalId}
            {recruiter.countryName ? ` · ${recruiter.countryName}` : ""}
          </p>
        </div>
        <span className="band-with-range">
          <BandBadge band={score?.band ?? null} score={score?.score ?? null} low={score?.scoreLow} high={score?.scoreHigh} confidence={score?.confidence} />
        </span>
      </div>

      <EntityOverview entity="recruiter" score={score} history={history} watchlists={watchlists}>
        <dt>{t("recruiter.id")}</dt>
        <dd>{recruiter.externalId}</dd>
        <dt>{t("recruiter.country")}</dt>
        <dd>{recruiter.countryName ? `${recruiter.countryName} (${recruiter.country})` : "—"}</dd>
        <dt>{t("columns.licence")}</dt>
        <dd>
          <LicenceText status={recruiter.licenceStatus} number={recruiter.licenceNumber} />
        </dd>
        <dt>{t("columns.fees")}</dt>
        <dd>
          <FeesText charged={recruiter.feesChargedToWorkers} amount={recruiter.feeAmount} currency={recruiter.feeCurrency} />
        </dd>
        <dt>{t("columns.certification")}</dt>
        <dd>{recruiter.certification ?? t("recruiter.noCertification")}</dd>
        <dt>{t("columns.recruitsFrom")}</dt>
        <dd>{recruiter.origins.join(", ") || "—"}</dd>
        <dt>{t("columns.suppliersServed")}</dt>
        <dd>{formats.number(suppliersTotal)}</dd>
        <ProvenanceFacts createdAt={recruiter.createdAt} updatedAt={recruiter.updatedAt} lastImportId={recruiter.lastImportId} />
      </EntityOverview>

      <section className="card" aria-labelledby="corridors-heading">
        <h2 id="corridors-heading">{t("recruiter.corridors.heading")}</h2>
        {corridors.length === 0 ? (
          <p>{t("recruiter.corridors.none")}</p>
        ) : (
          <TableWrap label={t("recruiter.corridors.heading")}>
            <table>
              <thead>
                <tr>
                  <Th>{t("recruiter.corridors.route")}</Th>
                  <Th num>{t("list.title")}</Th>
                </tr>
              </thead>
              <tbody>
                {corridors.map((c) => (
                  <tr key={`${c.origin ?? ""}-${c.destination ?? ""}`}>
                    <td>
                      <CorridorArrow from={c.originName} to={c.destinationName} />
                    </td>
                    <td className="num">{formats.number(c.suppliers)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </section>

      <section className="card" aria-labelledby="served-heading">
        <h2 id="served-heading">{t("recruiter.served.heading")}</h2>
        {suppliers.length === 0 ? (
          <p>{t("recruiter.served.none")}</p>
        ) : (
          <>
            {suppliersTotal > suppliers.length ? (
              <p className="muted">
                <Trans
                  t={t}
                  i18nKey="recruiter.served.topOf"
                  values={{ shown: formats.number(suppliers.length), total: formats.number(suppliersTotal) }}
                  components={{ 1: <Link to={`/suppliers?recruiter=${recruiter.id}`} /> }}
                />
              </p>
            ) : null}
            <TableWrap label={t("recruiter.served.heading")}>
              <table>
                <thead>
                  <tr>
                    <Th>{t("columns.riskScore")}</Th>
                    <Th>{t("recruiter.served.supplier")}</Th>
                    <Th>{t("columns.country")}</Th>
                    <Th>{t("columns.sector")}</Th>
                    <Th>{t("recruiter.served.workersFrom")}</Th>
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
