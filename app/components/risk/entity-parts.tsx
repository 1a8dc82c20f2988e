/**
 * Small pieces shared by the supplier and recruiter pages (the company's and the partner's): the
 * current-score summary card, a corridor ("India → Malaysia"), a licence status and the
 * recruitment fees, each in words, a red-flag count, and the profile's supply, workforce and
 * provenance lines (one wording for the company's supplier page and a partner's shared view).
 */
import { Link } from "@remix-run/react";
import { BandBadge } from "./band-badge";
import type { Factor } from "~/domain/risk/types";
import { CauseCell, factorLabel, licenceName, scoreText, useRiskText } from "./risk-text";

/** A share (0–1) as a whole percentage, "—" when unknown (English; in components, `useShareText()`). */
export const shareText = (share: number | null) => (share === null ? "—" : `${Math.round(share * 100)} %`);

/** A share (0–1) as a whole percentage in the reader's number format, "—" when unknown. */
export function useShareText(): (share: number | null) => string {
  const { format } = useRiskText();
  return (share) => format.percent(share);
}

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
  const { t, format } = useRiskText();
  return (
    <>
      <dt>{t("facts.sector")}</dt>
      <dd>{sector ?? "—"}</dd>
      <dt>{t("facts.products")}</dt>
      <dd>{products.join(", ") || "—"}</dd>
      <dt>{t("facts.tier")}</dt>
      <dd>{tier === null ? "—" : format.number(tier)}</dd>
    </>
  );
}

/** The profile lines about a supplier's workforce, as reported (inside a `dl.facts`). */
export function WorkforceFacts({ workersTotal, migrantShare, femaleShare }: { workersTotal: number | null; migrantShare: number | null; femaleShare: number | null }) {
  const { t, format } = useRiskText();
  return (
    <>
      <dt>{t("facts.workers")}</dt>
      <dd>{format.number(workersTotal)}</dd>
      <dt>{t("facts.migrantWorkers")}</dt>
      <dd>{format.percent(migrantShare)}</dd>
      <dt>{t("facts.women")}</dt>
      <dd>{format.percent(femaleShare)}</dd>
    </>
  );
}

/** When a record came onto the platform and last changed, with the import that changed it (inside a `dl.facts`). */
export function ProvenanceFacts({ createdAt, updatedAt, lastImportId }: { createdAt: number; updatedAt: number | null; lastImportId: number | null }) {
  const { t, format } = useRiskText();
  return (
    <>
      <dt>{t("facts.onPlatformSince")}</dt>
      <dd>{format.dateTime(createdAt)}</dd>
      <dt>{t("facts.lastChanged")}</dt>
      <dd>
        {updatedAt ? format.dateTime(updatedAt) : t("facts.neverSince")}
        {lastImportId ? (
          <>
            {" "}
            (<Link to={`/imports/${lastImportId}`}>{t("facts.importLink", { id: lastImportId })}</Link>)
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
  const { t, format } = useRiskText();
  if (!score) {
    return (
      <section className="card" aria-labelledby="score-heading">
        <h2 id="score-heading">{t("summary.heading")}</h2>
        <p>
          <BandBadge band={null} score={null} />
        </p>
        <p>{entity === "supplier" ? t("summary.notScoredSupplier") : t("summary.notScoredRecruiter")}</p>
      </section>
    );
  }
  const flagged = score.factors.filter((f) => f.redFlag);
  const flagLabels = flagged.length ? flagged.map((f) => factorLabel(t, f)) : score.redFlags;
  return (
    <section className="card" aria-labelledby="score-heading">
      <h2 id="score-heading">{t("summary.heading")}</h2>
      <dl className="facts">
        <dt>{t("summary.scoreAndBand")}</dt>
        <dd>
          <BandBadge band={score.band} score={score.score} /> <span className="muted">{t("summary.of100")}</span>
        </dd>
        {score.scoreLow !== null && score.scoreLow !== undefined && score.scoreHigh !== null && score.scoreHigh !== undefined ? (
          <>
            <dt>{t("summary.range")}</dt>
            <dd>
              {t("summary.rangeValue", { low: scoreText(format, score.scoreLow), high: scoreText(format, score.scoreHigh) })} <span className="muted">{t("summary.rangeHelp")}</span>
            </dd>
          </>
        ) : null}
        <dt>{t("summary.confidence")}</dt>
        <dd>
          {format.percent(score.confidence)} <span className="muted">{t("summary.confidenceHelp")}</span>
        </dd>
        <dt>{t("summary.redFlags")}</dt>
        <dd>{flagLabels.length ? <strong className="red-flag-count">{flagLabels.join("; ")}</strong> : t("summary.noRedFlags")}</dd>
        <dt>{t("summary.methodology")}</dt>
        <dd>
          {t("summary.version", { version: score.methodologyVersion })} <span className="muted">({score.methodologyName})</span>
        </dd>
        <dt>{t("summary.computed")}</dt>
        <dd>{format.dateTime(score.computedAt)}</dd>
        <dt>{t("summary.cause")}</dt>
        <CauseCell as="dd" cause={score.cause} />
        <dt>{t("summary.references")}</dt>
        <dd>{score.references.length ? score.references.map((r) => `${r.name} ${r.edition}`).join("; ") : "—"}</dd>
      </dl>
      <p>
        <a href="#why">{t("summary.whyLink")}</a>
      </p>
    </section>
  );
}

export function CorridorArrow({ from, to }: { from: string | null; to: string | null }) {
  const { t } = useRiskText();
  return (
    <span className="corridor">
      {from ?? <span className="muted">{t("corridor.originUnknown")}</span>}
      <span aria-hidden="true"> → </span>
      <span className="visually-hidden"> {t("corridor.to")} </span>
      {to ?? <span className="muted">{t("corridor.countryUnknown")}</span>}
    </span>
  );
}

const LICENCE_TONE: Record<string, string> = { valid: "ok", expired: "warning", revoked: "danger", none: "danger", unknown: "muted" };

export function LicenceText({ status, number }: { status: string; number?: string | null }) {
  const { t } = useRiskText();
  return (
    <>
      <span className={`badge badge--${LICENCE_TONE[status] ?? "muted"}`}>{licenceName(t, status)}</span>
      {number ? <span className="cell-sub">{t("licence.number", { number })}</span> : null}
    </>
  );
}

/** Whether workers pay recruitment fees, and how much each (the employer-pays principle). */
export function FeesText({ charged, amount, currency }: { charged: boolean | null; amount: number | null; currency: string | null }) {
  const { t, format } = useRiskText();
  if (charged === null) return <span className="muted">{t("fees.unknown")}</span>;
  if (!charged) return <>{t("fees.no")}</>;
  return (
    <>
      <strong>{t("fees.yes")}</strong>
      {amount !== null ? <span className="cell-sub">{t("fees.perWorker", { amount: currency ? `${format.number(amount)} ${currency}` : format.number(amount) })}</span> : null}
    </>
  );
}
