import { causeText, useRiskText } from "~/components/risk/risk-text";

export interface ScoringRunView {
  id: number;
  cause: string;
  status: "running" | "done" | "failed";
  total: number;
  done: number;
  changed: number;
  failure: string | null;
  startedAt: number;
  finishedAt: number | null;
}

/** Meta tags that refresh the page every two seconds while a run is going (works without JavaScript). */
export function refreshWhileRunning(run: Pick<ScoringRunView, "status"> | null | undefined) {
  return run?.status === "running" ? [{ httpEquiv: "refresh", content: "2" } as const] : [];
}

/** The latest platform-wide rescoring: a live progress bar while it runs, its outcome after. */
export function ScoringRunStatus({ run }: { run: ScoringRunView | null }) {
  const { t, format } = useRiskText();
  if (!run) return <p>{t("rescoring.none")}</p>;
  const percent = format.percent(run.total ? Math.min(1, Math.round((run.done / run.total) * 100) / 100) : 0);
  return (
    <div className="scoring-run" role="status" aria-live="polite">
      <p>
        <strong>{t("rescoring.run", { id: run.id })}</strong> {t("rescoring.started", { cause: causeText(t, run.cause), at: format.dateTime(run.startedAt) })}
      </p>
      {run.status === "running" ? (
        <>
          <progress max={run.total || 1} value={run.done} aria-label={t("rescoring.progress")}>
            {percent}
          </progress>
          <p className="muted">{t("rescoring.running", { count: run.total, done: format.number(run.done), total: format.number(run.total), percent })}</p>
        </>
      ) : run.status === "done" ? (
        <p>{t("rescoring.finished", { at: run.finishedAt ? format.dateTime(run.finishedAt) : "", done: format.number(run.done), changed: format.number(run.changed) })}</p>
      ) : (
        <div className="alert alert--error">{t("rescoring.stopped", { failure: run.failure ?? "" })}</div>
      )}
    </div>
  );
}

/** The rescoring status as a card of its own, as the administrator's pages show it. */
export function ScoringRunCard({ run }: { run: ScoringRunView | null }) {
  const { t } = useRiskText();
  return (
    <div className="card">
      <h2>{t("rescoring.heading")}</h2>
      <ScoringRunStatus run={run} />
    </div>
  );
}
