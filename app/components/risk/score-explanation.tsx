/**
 * A stored score as every entity page shows it: the "why this score" panel and the history chart.
 * One component so that the company's pages and a partner's shared view explain scores alike.
 */
import type { Factor } from "~/domain/risk/types";
import { ScoreHistoryChart } from "./score-history-chart";
import { WhyPanel } from "./why-panel";
import { useRiskText } from "./risk-text";

export interface StoredScoreView {
  factors: Factor[];
  score: number;
  confidence: number;
  inputsHash: string;
  methodologyVersion: string;
  computedAt: number;
  cause: string;
  /** The range (methodology 2); null or absent before version 2. */
  scoreLow?: number | null;
  scoreHigh?: number | null;
}

export interface HistoryRow {
  at: number;
  score: number;
  band: string;
  cause: string;
  methodologyVersion?: string;
}

export function ScoreExplanation({ score, history, contestHref }: { score: StoredScoreView | null; history: HistoryRow[]; contestHref?: (code: string) => string | null }) {
  const { t } = useRiskText();
  return (
    <>
      {score ? (
        <WhyPanel
          factors={score.factors}
          score={score.score}
          confidence={score.confidence}
          inputsHash={score.inputsHash}
          methodologyVersion={score.methodologyVersion}
          computedAt={new Date(score.computedAt).toISOString()}
          cause={score.cause}
          low={score.scoreLow}
          high={score.scoreHigh}
          contestHref={contestHref}
        />
      ) : null}
      <section className="card" aria-labelledby="history-heading">
        <h2 id="history-heading">{t("history.heading")}</h2>
        <ScoreHistoryChart title={t("history.heading")} points={history.map((h) => ({ at: new Date(h.at).toISOString(), score: h.score, band: h.band, cause: h.cause, methodologyVersion: h.methodologyVersion }))} />
      </section>
    </>
  );
}
