/**
 * "Why this score": every factor of a stored score, grouped by layer (inherent context, observed
 * indicators, mitigation), with what the input was, its weight, the points it adds and the
 * sources it rests on, then the sum. A compliance team must be able to read this aloud in front
 * of a court, so nothing here is carried by colour alone: signs, words and a text marker do it.
 * Prop-driven (no data fetching), so the union's shared view renders the same panel.
 */
import { indicatorStatus, narrowingQuestions } from "~/domain/risk/narrow-range";
import { round1 } from "~/domain/risk/score-common";
import type { Factor, FactorLayer } from "~/domain/risk/types";
import { TableWrap } from "~/components/table-wrap";
import { formatDateTime } from "~/lib/format";

export interface WhyPanelProps {
  factors: Factor[];
  score: number;
  confidence: number;
  inputsHash: string;
  methodologyVersion: string;
  computedAt: string | Date;
  cause: string;
  /** Heading text; defaults to "Why this score". */
  title?: string;
  /** The section's id (a link target: the indicators page returns to "#why"). */
  id?: string;
  /** The score's range (methodology 2): every unknown input absent / present; absent before version 2. */
  low?: number | null;
  high?: number | null;
  /** Where to contest one line (a union's shared view), or null for a line that cannot be contested; absent: no links. */
  contestHref?: (code: string) => string | null;
}

const LAYERS: { layer: FactorLayer; title: string; help: string }[] = [
  {
    layer: "inherent",
    title: "Inherent risk (context)",
    help: "The context: country, sector, goods on the TVPRA and UFLPA lists, corridors.",
  },
  {
    layer: "observed",
    title: "Observed indicators",
    help: "What was observed: ILO forced-labour and recruitment indicators, each with its evidence.",
  },
  {
    layer: "mitigation",
    title: "Mitigation",
    help: "What lowers the risk: clean recent audits, verified corrective actions, grievance channels, union presence, certified recruiters.",
  },
];

/** "+12.5", "−3.0", "0.0" (a true minus sign, so screen readers say "minus"). */
export const signedPoints = (n: number): string => {
  const rounded = Math.round(n * 10) / 10;
  if (rounded === 0) return "0.0";
  return `${rounded > 0 ? "+" : "−"}${Math.abs(rounded).toFixed(1)}`;
};

const formatWeight = (w: number): string => (Number.isInteger(w) ? String(w) : String(Math.round(w * 1000) / 1000));


/** A small bar proportional to the contribution, right of the axis for risk, left for mitigation. */
function ContributionBar({ value, max }: { value: number; max: number }) {
  const share = max > 0 ? Math.min(1, Math.abs(value) / max) : 0;
  const width = `${(share * 50).toFixed(1)}%`;
  return (
    <span className="why-bar" aria-hidden="true">
      <span className={`why-bar__fill ${value < 0 ? "why-bar__fill--minus" : "why-bar__fill--plus"}`} style={value < 0 ? { right: "50%", width } : { left: "50%", width }} />
    </span>
  );
}

function unknownText(withPoints: number, unknown: number): string {
  if (withPoints === 0) return "They add no points.";
  if (withPoints === unknown) return "Each counts at its expected value given the context (the prior shown in its line): unknown is not safe.";
  return `${withPoints} of them count at their expected value given the context (the prior shown in the line); the others add no points.`;
}

export function WhyPanel({ factors, score, confidence, inputsHash, methodologyVersion, computedAt, cause, title = "Why this score", id = "why", low, high, contestHref }: WhyPanelProps) {
  const questions = narrowingQuestions(factors);
  const hasRange = low !== null && low !== undefined && high !== null && high !== undefined;
  const max = Math.max(1, ...factors.map((f) => Math.abs(f.contribution)));
  const sum = round1(factors.reduce((acc, f) => acc + f.contribution, 0));
  const redFlags = factors.filter((f) => f.redFlag);
  const unknown = factors.filter((f) => !f.known).length;
  // Version 1 added nothing for an unknown input; version 2 counts its expected value (the prior).
  const unknownWithPoints = factors.filter((f) => !f.known && f.contribution !== 0).length;
  const regionFlag = redFlags.some((f) => f.code === "region");
  const watchlistFlag = redFlags.some((f) => f.code === "watchlist");
  const shortHash = inputsHash.length > 16 ? `${inputsHash.slice(0, 12)}…${inputsHash.slice(-4)}` : inputsHash;
  return (
    <section className="card why-panel" id={id} aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{title}</h2>
      <p>
        Score <strong>{score.toFixed(1)}</strong> of 100 from methodology <strong>version {methodologyVersion}</strong>, computed {formatDateTime(computedAt)} (cause: {cause}). Confidence{" "}
        <strong>{Math.round(confidence * 100)} %</strong> (the weighted share of the method’s inputs that were known).
        {hasRange ? (
          <>
            {" "}
            Range <strong>{`${low.toFixed(1)}–${high.toFixed(1)}`}</strong>: the score if every unknown input were absent, or present.
          </>
        ) : null}
        {unknown > 0 ? ` ${unknown} of ${factors.length} factor lines were not known; they are listed last in each layer. ${unknownText(unknownWithPoints, unknown)}` : " Every factor was known."}
      </p>
      {redFlags.length > 0 ? (
        <div className="alert alert--warning" role="note">
          <strong>
            {redFlags.length === 1 ? "1 red flag" : `${redFlags.length} red flags`}: {redFlags.map((f) => f.label).join("; ")}.
          </strong>{" "}
          {regionFlag ? "Production in a region named by law (its rule and statute are in the line below) lifts the band to the rule's floor. " : null}
          {watchlistFlag ? "A confirmed match on a watchlist (the list edition and entry are in the line below) lifts the band to at least high. " : null}
          {redFlags.length > (regionFlag ? 1 : 0) + (watchlistFlag ? 1 : 0)
            ? "An indicator red flag alone lifts the band to at least high, whatever the points add up to: the ILO notes that a single indicator can itself mean forced labour."
            : null}
        </div>
      ) : null}
      {factors.length === 0 ? <p>This score has no factor lines.</p> : null}
      {LAYERS.map(({ layer, title: layerTitle, help }) => {
        // Known inputs first, then the unknown ones (no points in version 1, their prior in version 2).
        const inLayer = factors.filter((f) => f.layer === layer);
        const rows = [...inLayer.filter((f) => f.known), ...inLayer.filter((f) => !f.known)];
        if (rows.length === 0) return null;
        const subtotal = round1(inLayer.reduce((acc, f) => acc + f.contribution, 0));
        const layerId = `${id}-${layer}`;
        return (
          <div key={layer} className="why-layer">
            <h3 id={layerId} className="why-layer__title">
              {layerTitle}
            </h3>
            <p className="why-layer__help" id={`${layerId}-help`}>
              {help}
            </p>
            <TableWrap label={layerTitle}>
              <table className="stack-table" aria-labelledby={layerId} aria-describedby={`${layerId}-help`}>
                <thead>
                  <tr>
                    <th scope="col">Factor</th>
                    <th scope="col">Value</th>
                    <th scope="col" className="num">
                      Weight
                    </th>
                    <th scope="col" className="num">
                      Points
                    </th>
                    <th scope="col">Sources</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((f) => (
                    <tr key={f.code} className={f.redFlag ? "why-row--flag" : f.known ? undefined : "why-row--unknown"}>
                      <th scope="row" className="why-factor">
                        {f.redFlag ? (
                          <span className="why-flag">
                            <span aria-hidden="true">⚑ </span>Red flag:{" "}
                          </span>
                        ) : null}
                        {f.label}
                        {contestHref?.(f.code) ? (
                          // A plain link (this panel is rendered outside the router too): it works without JavaScript.
                          <a className="why-contest" href={contestHref(f.code)!}>
                            Contest<span className="visually-hidden"> {f.label}</span>
                          </a>
                        ) : null}
                      </th>
                      <td data-label="Value">
                        {indicatorStatus(f) ? <span className={`why-status why-status--${f.known ? "observed" : "prior"}`}>{indicatorStatus(f)}: </span> : null}
                        {f.value}
                        {f.known || /unknown|not recorded|not known/i.test(f.value) ? null : <span className="muted"> (not known)</span>}
                      </td>
                      <td className="num" data-label="Weight">{formatWeight(f.weight)}</td>
                      <td className="num why-points" data-label="Points">
                        <span className="why-points__value">{signedPoints(f.contribution)}</span>
                        <ContributionBar value={f.contribution} max={max} />
                      </td>
                      <td className="why-sources" data-label="Sources">
                        {f.sources.length === 0 ? (
                          <span className="muted">—</span>
                        ) : (
                          <ul>
                            {f.sources.map((s) => (
                              <li key={s}>
                                <cite>{s}</cite>
                              </li>
                            ))}
                          </ul>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row" colSpan={3}>
                      Subtotal, {layerTitle.toLowerCase()}
                    </th>
                    <td className="num">{signedPoints(subtotal)}</td>
                    <td />
                  </tr>
                </tfoot>
              </table>
            </TableWrap>
          </div>
        );
      })}
      {questions.length > 0 ? (
        <section className="why-narrow" aria-labelledby={`${id}-narrow`}>
          <h3 id={`${id}-narrow`} className="why-layer__title">
            What would narrow this range most
          </h3>
          <p className="why-layer__help">
            The unknown indicators that span the most points of the range. Either answer narrows it: a “no” takes up to that many points off the top, a “yes” raises the bottom (to the red-flag floor for a red-flag indicator).
          </p>
          <ol>
            {questions.map((q) => (
              <li key={q.code}>
                <strong>{q.question}</strong> <span className="muted">({q.label}: up to {q.narrowsBy.toFixed(1)} points{q.prior === null ? "" : `; counts now at its prior ${q.prior.toFixed(2)}`})</span>
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      {factors.length > 0 ? (
        <p className="why-sum">
          Sum of points <strong>{signedPoints(sum)}</strong> = <strong>score {score.toFixed(1)}</strong>
          {Math.abs(sum - score) >= 0.05 ? <span className="muted"> (the sum is rounded and held within 0–100 by the methodology)</span> : null}
        </p>
      ) : null}
      {/^[0-9a-f]{64}$/i.test(inputsHash) ? (
        <div className="why-hash">
          <p>
            Inputs fingerprint (SHA-256):{" "}
            <code title={inputsHash} className="mono">
              {shortHash}
            </code>
          </p>
          <p className="muted">
            It is computed from the inputs as they were scored, the methodology version and the reference editions used. Recomputing it from the stored inputs gives the same fingerprint, and scoring
            those inputs again gives the same score: it shows exactly which data this number rests on, and that they have not changed since.
          </p>
          <details>
            <summary>Show the full fingerprint</summary>
            <code className="mono why-hash__full">{inputsHash}</code>
          </details>
        </div>
      ) : (
        <p className="why-hash muted">Inputs fingerprint: {inputsHash}</p>
      )}
    </section>
  );
}
