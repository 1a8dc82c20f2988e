/**
 * The body of a company's page for one of its suppliers or recruiters: the profile beside the
 * current score, then the watchlist matches, then why the score is what it is. One component so
 * that both kinds of entity are explained in the same order and the same words; what differs (the
 * profile's lines, the sections after these) stays with each page.
 */
import type { ComponentProps, ReactNode } from "react";
import { WatchlistMatches } from "~/components/watchlist-matches";
import { ScoreSummary } from "./entity-parts";
import { ScoreExplanation } from "./score-explanation";
import { useRiskText } from "./risk-text";

export function EntityOverview({
  entity,
  score,
  history,
  watchlists,
  children,
}: {
  entity: "supplier" | "recruiter";
  score: ComponentProps<typeof ScoreSummary>["score"] & ComponentProps<typeof ScoreExplanation>["score"];
  history: ComponentProps<typeof ScoreExplanation>["history"];
  watchlists: ComponentProps<typeof WatchlistMatches>["data"];
  /** The profile's lines (`dt`/`dd` pairs). */
  children: ReactNode;
}) {
  const { t } = useRiskText();
  return (
    <>
      <div className="entity-grid">
        <section className="card" aria-labelledby="profile-heading">
          <h2 id="profile-heading">{t("overview.profile")}</h2>
          <dl className="facts">{children}</dl>
        </section>
        <ScoreSummary score={score} entity={entity} />
      </div>

      <WatchlistMatches data={watchlists} entity={entity} />

      <ScoreExplanation score={score} history={history} />
    </>
  );
}
