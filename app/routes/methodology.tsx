import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Trans } from "react-i18next";
import { requireUser } from "~/auth/guard.server";
import { BandBadge } from "~/components/risk/band-badge";
import { factorLabel, indicatorName, useRiskText } from "~/components/risk/risk-text";
import { WhyPanel } from "~/components/risk/why-panel";
import { TableWrap, Th } from "~/components/table-wrap";
import { serverT } from "~/i18n/i18n.server";
import { methodologyOverview } from "~/domain/risk/methodology-overview.server";
import { withDomainErrors } from "~/lib/http-errors.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  return { ...(await methodologyOverview(context.db, session)), isAdmin: session.user.isPlatformAdmin, title: serverT(context.locale, "risk")("methodology.metaTitle") };
});

/**
 * The method's own texts (its name, summary, each factor's rationale and source) are the published
 * version's words and are shown as written; the page's frame, the shipped factor names and the
 * indicators' names are in the reader's language (issue 18).
 */
function FactorTable({ caption, rows }: { caption: string; rows: { label: string; weight: number; source?: string; rationale: string; extra?: string }[] }) {
  const { t, format } = useRiskText();
  return (
    <TableWrap label={caption}>
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <Th>{t("methodology.column.factor")}</Th>
            <Th num>{t("methodology.column.weight")}</Th>
            <Th>{t("methodology.column.why")}</Th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.label}>
              <th scope="row">{r.label}</th>
              <td className="num">{format.number(r.weight)}</td>
              <td>
                {/* The published version's own words (English): marked so that screen readers read them as English. */}
                <span lang="en">{r.rationale}</span>
                {r.extra ? <div className="muted">{r.extra}</div> : null}
                {r.source ? <div className="muted">{t("methodology.source", { source: r.source })}</div> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

export default function Methodology() {
  const { version, methodology: m, references, example, isAdmin } = useLoaderData<typeof loader>();
  const { t, i18n, format } = useRiskText();
  const s = m.supplier;
  const r = m.recruiter;
  const n = (x: number) => format.number(x);
  // A shipped factor's name in the reader's language (the methodology's own label when an administrator renamed it).
  const named = <T extends { label: string }>(code: string, spec: T): T => ({ ...spec, label: factorLabel(t, { code, label: spec.label }) });
  return (
    <>
      <div className="page-header">
        <div>
          <h1>{t("methodology.heading", { version })}</h1>
          <p>
            {t("methodology.inForce", { name: m.name, effective: format.date(m.effective) })} {isAdmin ? <Link to="/admin/methodology">{t("methodology.manage")}</Link> : null}
          </p>
        </div>
      </div>
      <div className="card">
        <h2>{t("methodology.howHeading")}</h2>
        {i18n.language === "en" ? null : <p className="muted">{t("methodology.publishedInEnglish")}</p>}
        <p lang="en">{m.summary}</p>
        <p>
          <Trans
            t={t}
            i18n={i18n}
            i18nKey="methodology.bands"
            values={{ medium: n(m.bands.medium), high: n(m.bands.high), critical: n(m.bands.critical), floor: n(m.redFlagFloor) }}
            components={{ 1: <strong /> }}
          />
        </p>
      </div>

      <h2>{t("methodology.supplierInherent")}</h2>
      <FactorTable
        caption={t("methodology.captionSupplierInherent")}
        rows={[
          {
            ...named("country", s.country),
            extra: t("methodology.countryIntensity", {
              share: n(s.country.goodsForcedLabour.share),
              saturation: n(s.country.goodsForcedLabour.saturation),
              prohibition: n(s.country.prohibitionBelowStandard),
              inspectors: n(s.country.inspectorsBelowRatio),
            }),
          },
          { ...named("country_index", s.countryIndex), extra: t("methodology.countryIndexExtra") },
          { ...named("sector", s.sector), extra: t("methodology.sectorBaselines", { baselines: s.sector.baselines.map((b) => `${b.name} ${n(b.intensity)}`).join(", "), other: n(s.sector.otherIntensity) }) },
          {
            ...named("commodity", s.commodity),
            extra: t("methodology.commodityIntensity", { forced: n(s.commodity.forcedLabour), child: n(s.commodity.childLabour), downstream: n(s.commodity.downstreamFactor) }),
          },
          named("uflpa", s.uflpa),
        ]}
      />
      <h2>{t("methodology.supplierObserved")}</h2>
      <FactorTable
        caption={t("methodology.captionSupplierObserved")}
        rows={[
          ...s.indicators.map((i) => ({ label: i.redFlag ? t("methodology.redFlagIndicator", { label: indicatorName(t, i.code) }) : indicatorName(t, i.code), weight: i.weight, rationale: i.rationale })),
          named("migrant_share", s.migrantShare),
          named("recruiter_licence", s.recruiterLicence),
          named("recruiter_fees", s.recruiterFees),
        ]}
      />
      <h2>{t("methodology.supplierMitigations")}</h2>
      <FactorTable caption={t("methodology.captionSupplierMitigations")} rows={s.mitigations.map((x) => ({ label: factorLabel(t, { code: `mitigation.${x.code}`, label: x.label }), weight: -x.weight, rationale: x.rationale }))} />
      <h2>{t("methodology.recruiterHeading")}</h2>
      <FactorTable
        caption={t("methodology.captionRecruiter")}
        rows={[
          named("licence", r.licence),
          named("fees", r.fees),
          named("corridors", r.corridors),
          named("complaints", r.complaints),
          named("served_suppliers", r.servedSuppliers),
          named("organisations_using", r.organisationsUsing),
          { ...named("certification", r.certification), weight: -r.certification.weight },
        ]}
      />

      <h2 id="example">{t("methodology.exampleHeading")}</h2>
      <div className="card">
        <p>{t("methodology.exampleText", { migrant: format.percent(0.8) })}</p>
        <p>
          <BandBadge band={example.result.band} score={example.result.score} low={example.result.range.low} high={example.result.range.high} confidence={example.result.confidence} />
        </p>
      </div>
      <WhyPanel
        factors={example.result.factors}
        score={example.result.score}
        confidence={example.result.confidence}
        inputsHash={t("methodology.exampleHash")}
        methodologyVersion={version}
        computedAt={new Date().toISOString()}
        cause={t("cause.workedExample")}
        title={t("methodology.exampleWhy")}
        id="example-why"
        low={example.result.range.low}
        high={example.result.range.high}
      />

      <h2>{t("methodology.referencesHeading")}</h2>
      <p>{t("methodology.referencesText")}</p>
      <TableWrap label={t("methodology.referencesCaption")}>
        <table>
          <thead>
            <tr>
              <Th>{t("methodology.column.table")}</Th>
              <Th>{t("methodology.column.edition")}</Th>
              <Th num>{t("methodology.column.rows")}</Th>
              <Th>{t("methodology.column.source")}</Th>
            </tr>
          </thead>
          <tbody>
            {references.map((ref) => (
              <tr key={ref.id}>
                <th scope="row">{ref.name}</th>
                <td>{ref.edition}</td>
                <td className="num">{n(ref.rowCount)}</td>
                <td className="citation">{ref.citation}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </>
  );
}
