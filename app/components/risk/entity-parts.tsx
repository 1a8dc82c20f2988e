/**
 * Small pieces shared by the supplier and recruiter pages (the company's and the partner's): the
 * current-score summary card, a corridor ("India → Malaysia"), a licence status and the
 * recruitment fees, each in words, a red-flag count, and the profile's supply, workforce and
 * provenance lines (one wording for the company's supplier page and a partner's shared view).
 */
import { Link } from "@remix-run/react";
import { BandBadge } from "./band-badge";
import type { Factor } from "~/domain/risk/types";
import { formatDateTime, formatNumber } from "~/lib/format";

/** A share (0–1) as a whole percentage, "—" when unknown. */
export const shareText = (share: number | null) => (share === null ? "—" : `${Math.round(share * 100)} %`);

/** A list cell's red-flag count: marked when there is any, muted when none. */
export function RedFlagCount({ count }: { count: number }) {
  return count > 0 ? (
    <span className="red-flag-count">
      <span aria-hidden="true">⚑ </span>
      {count}
    </span>
  ) : (
    <span className="muted">0</span>
  );
}

/** The profile lines about what a supplier makes and where it stands in the chain (inside a `dl.facts`). */
export function SupplyFacts({ sector, products, tier }: { sector: string | null; products: string[]; tier: number | null }) {
  return (
    <>
      <dt>Sector</dt>
      <dd>{sector ?? "—"}</dd>
      <dt>Products</dt>
      <dd>{products.join(", ") || "—"}</dd>
      <dt>Tier</dt>
      <dd>{tier ?? "—"}</dd>
    </>
  );
}

/** The profile lines about a supplier's workforce, as reported (inside a `dl.facts`). */
export function WorkforceFacts({ workersTotal, migrantShare, femaleShare }: { workersTotal: number | null; migrantShare: number | null; femaleShare: number | null }) {
  return (
    <>
      <dt>Workers</dt>
      <dd>{formatNumber(workersTotal)}</dd>
      <dt>Migrant workers</dt>
      <dd>{shareText(migrantShare)}</dd>
      <dt>Women</dt>
      <dd>{shareText(femaleShare)}</dd>
    </>
  );
}

/** When a record came onto the platform and last changed, with the import that changed it (inside a `dl.facts`). */
export function ProvenanceFacts({ createdAt, updatedAt, lastImportId }: { createdAt: number; updatedAt: number | null; lastImportId: number | null }) {
  return (
    <>
      <dt>On the platform since</dt>
      <dd>{formatDateTime(createdAt)}</dd>
      <dt>Last changed</dt>
      <dd>
        {updatedAt ? formatDateTime(updatedAt) : "never since"}
        {lastImportId ? (
          <>
            {" "}
            (<Link to={`/imports/${lastImportId}`}>import {lastImportId}</Link>)
          </>
        ) : null}
      </dd>
    </>
  );
}

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
