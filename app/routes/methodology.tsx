import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guard.server";
import { BandBadge } from "~/components/risk/band-badge";
import { WhyPanel } from "~/components/risk/why-panel";
import { TableWrap, Th } from "~/components/table-wrap";
import { INDICATORS } from "~/domain/indicators";
import { methodologyOverview } from "~/domain/risk/methodology-overview.server";
import { formatNumber } from "~/lib/format";
import { withDomainErrors } from "~/lib/http-errors.server";

export const meta: MetaFunction = () => [{ title: "Methodology · Labour Due Diligence" }];

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  return { ...(await methodologyOverview(context.db, session)), isAdmin: session.user.isPlatformAdmin };
});

const LABELS = new Map<string, string>(INDICATORS.map((i) => [i.code, i.label]));

function FactorTable({ caption, rows }: { caption: string; rows: { label: string; weight: number; source?: string; rationale: string; extra?: string }[] }) {
  return (
    <TableWrap label={caption}>
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <Th>Factor</Th>
            <Th num>Weight (points)</Th>
            <Th>Why, and from where</Th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.label}>
              <th scope="row">{r.label}</th>
              <td className="num">{r.weight}</td>
              <td>
                {r.rationale}
                {r.extra ? <div className="muted">{r.extra}</div> : null}
                {r.source ? <div className="muted">Source: {r.source}</div> : null}
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
  const s = m.supplier;
  const r = m.recruiter;
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Methodology {version}</h1>
          <p>
            {m.name}, in force since {m.effective}. {isAdmin ? <Link to="/admin/methodology">Manage versions</Link> : null}
          </p>
        </div>
      </div>
      <div className="card">
        <h2>How a score is made</h2>
        <p>{m.summary}</p>
        <p>
          Bands: <strong>low</strong> below {m.bands.medium}, <strong>medium</strong> from {m.bands.medium}, <strong>high</strong> from {m.bands.high}, <strong>critical</strong> from {m.bands.critical}. A red flag lifts the score
          to at least {m.redFlagFloor}. Confidence is the weighted share of the risk inputs that were known.
        </p>
      </div>

      <h2>Supplier: inherent risk</h2>
      <FactorTable
        caption="Supplier inherent-risk factors"
        rows={[
          { ...s.country, extra: `Intensity: ${s.country.goodsForcedLabour.share} × goods listed for forced labour (full from ${s.country.goodsForcedLabour.saturation}), + ${s.country.prohibitionBelowStandard} if the law is below the international standard, + ${s.country.inspectorsBelowRatio} if inspectors are below the ILO ratio, + the advancement level.` },
          { ...s.countryIndex, extra: "Applies once per country index loaded as a reference source." },
          { ...s.sector, extra: `${s.sector.baselines.map((b) => `${b.name} ${b.intensity}`).join(", ")}; other sectors ${s.sector.otherIntensity}.` },
          { ...s.commodity, extra: `Forced labour ${s.commodity.forcedLabour}, child labour only ${s.commodity.childLabour}, × ${s.commodity.downstreamFactor} for goods made with tainted inputs.` },
          s.uflpa,
        ]}
      />
      <h2>Supplier: observed indicators</h2>
      <FactorTable
        caption="Supplier observed-indicator factors"
        rows={[
          ...s.indicators.map((i) => ({ label: `${LABELS.get(i.code) ?? i.code}${i.redFlag ? " (red flag)" : ""}`, weight: i.weight, rationale: i.rationale })),
          s.migrantShare,
          s.recruiterLicence,
          s.recruiterFees,
        ]}
      />
      <h2>Supplier: mitigations</h2>
      <FactorTable caption="Supplier mitigations" rows={s.mitigations.map((x) => ({ label: x.label, weight: -x.weight, rationale: x.rationale }))} />
      <h2>Recruiter score</h2>
      <FactorTable caption="Recruiter factors" rows={[r.licence, r.fees, r.corridors, r.complaints, r.servedSuppliers, r.organisationsUsing, { ...r.certification, weight: -r.certification.weight }]} />

      <h2 id="example">Worked example</h2>
      <div className="card">
        <p>
          A palm-oil estate in Malaysia, agriculture, 80 % migrant workers; worker interviews found passports held by the employer and recruitment fees paid by workers; time records showed no excessive
          overtime; the company has a grievance channel; one linked recruiter, licensed, charges workers fees. Computed now with the active method and reference data:
        </p>
        <p>
          <BandBadge band={example.result.band} score={example.result.score} low={example.result.range.low} high={example.result.range.high} confidence={example.result.confidence} />
        </p>
      </div>
      <WhyPanel factors={example.result.factors} score={example.result.score} confidence={example.result.confidence} inputsHash="(example, not stored)" methodologyVersion={version} computedAt={new Date().toISOString()} cause="worked example" title="Why this example scores what it does" id="example-why" low={example.result.range.low} high={example.result.range.high} />

      <h2>Reference data in use</h2>
      <p>
        The DOL country table is a child-labour assessment that also records forced-labour law and inspection; it is not a forced-labour prevalence index. No verified machine-readable copy of the Global
        Slavery Index, the US TIP report tiers or the ITUC Global Rights Index ships with the platform; an administrator may load such a table as a country index, with its source.
      </p>
      <TableWrap label="Reference editions in use">
        <table>
          <thead>
            <tr>
              <Th>Table</Th>
              <Th>Edition</Th>
              <Th num>Rows</Th>
              <Th>Source</Th>
            </tr>
          </thead>
          <tbody>
            {references.map((ref) => (
              <tr key={ref.id}>
                <th scope="row">{ref.name}</th>
                <td>{ref.edition}</td>
                <td className="num">{formatNumber(ref.rowCount)}</td>
                <td className="citation">{ref.citation}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </>
  );
}
