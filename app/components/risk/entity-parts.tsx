/**
 * Small pieces shared by the supplier and recruiter pages: the current-score summary card, a
 * corridor ("India → Malaysia"), a licence status and the recruitment fees, each in words.
 */
import { BandBadge } from "./band-badge";
import type { Factor } from "~/domain/risk/types";
import { formatDateTime, formatNumber } from "~/lib/format";

export interface ScoreSummaryData {
  score: number;
  band: string;
  confidence: number;
  scoreLow?: number | null;
  scoreHigh?: number | null;
  redFlags: string[];
  factors: Factor[];
  cause: string;
  computedAt: number;
  methodologyVersion: string;
  methodologyName: string;
  references: { id: number; name: string; edition: string }[];
}

export function ScoreSummary({ score, entity }: { score: ScoreSummaryData | null; entity: "supplier" | "recruiter" }) {
  if (!score) {
    return (
      <section className="card" aria-labelledby="score-heading">
        <h2 id="score-heading">Current score</h2>
        <p>
          <BandBadge band={null} score={null} />
        </p>
        <p>This {entity} has not been scored yet. Scores are computed after each import, and again whenever the methodology or the reference data change.</p>
      </section>
    );
  }
  const flagged = score.factors.filter((f) => f.redFlag);
  const flagLabels = flagged.length ? flagged.map((f) => f.label) : score.redFlags;
  return (
    <section className="card" aria-labelledby="score-heading">
      <h2 id="score-heading">Current score</h2>
      <dl className="facts">
        <dt>Score and band</dt>
        <dd>
          <BandBadge band={score.band} score={score.score} /> <span className="muted">of 100</span>
        </dd>
        {score.scoreLow !== null && score.scoreLow !== undefined && score.scoreHigh !== null && score.scoreHigh !== undefined ? (
          <>
            <dt>Range</dt>
            <dd>
              {score.scoreLow.toFixed(1)} to {score.scoreHigh.toFixed(1)}{" "}
              <span className="muted">if every unknown input were absent / present; the score counts each unknown indicator at its expected value</span>
            </dd>
          </>
        ) : null}
        <dt>Confidence</dt>
        <dd>
          {Math.round(score.confidence * 100)} % <span className="muted">of the method’s inputs were known</span>
        </dd>
        <dt>Red flags</dt>
        <dd>{flagLabels.length ? <strong className="red-flag-count">{flagLabels.join("; ")}</strong> : "none"}</dd>
        <dt>Methodology</dt>
        <dd>
          version {score.methodologyVersion} <span className="muted">({score.methodologyName})</span>
        </dd>
        <dt>Computed</dt>
        <dd>{formatDateTime(score.computedAt)}</dd>
        <dt>Cause</dt>
        <dd>{score.cause}</dd>
        <dt>Reference data</dt>
        <dd>{score.references.length ? score.references.map((r) => `${r.name} ${r.edition}`).join("; ") : "—"}</dd>
      </dl>
      <p>
        <a href="#why">Why this score: every factor and its source</a>
      </p>
    </section>
  );
}

export function CorridorArrow({ from, to }: { from: string | null; to: string | null }) {
  return (
    <span className="corridor">
      {from ?? <span className="muted">origin unknown</span>}
      <span aria-hidden="true"> → </span>
      <span className="visually-hidden"> to </span>
      {to ?? <span className="muted">country unknown</span>}
    </span>
  );
}

const LICENCE: Record<string, { text: string; tone: string }> = {
  valid: { text: "Valid", tone: "ok" },
  expired: { text: "Expired", tone: "warning" },
  revoked: { text: "Revoked", tone: "danger" },
  none: { text: "No licence", tone: "danger" },
  unknown: { text: "Unknown", tone: "muted" },
};

export function LicenceText({ status, number }: { status: string; number?: string | null }) {
  const l = LICENCE[status] ?? { text: status, tone: "muted" };
  return (
    <>
      <span className={`badge badge--${l.tone}`}>{l.text}</span>
      {number ? <span className="cell-sub">no. {number}</span> : null}
    </>
  );
}

/** Whether workers pay recruitment fees, and how much each (the employer-pays principle). */
export function FeesText({ charged, amount, currency }: { charged: boolean | null; amount: number | null; currency: string | null }) {
  if (charged === null) return <span className="muted">unknown</span>;
  if (!charged) return <>no</>;
  return (
    <>
      <strong>yes</strong>
      {amount !== null ? <span className="cell-sub">{`${formatNumber(amount)}${currency ? ` ${currency}` : ""} per worker`}</span> : null}
    </>
  );
}
