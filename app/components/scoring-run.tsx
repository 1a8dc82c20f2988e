import { formatDateTime, formatNumber } from "~/lib/format";

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
  if (!run) return <p>No rescoring has run yet.</p>;
  const percent = run.total ? Math.min(100, Math.round((run.done / run.total) * 100)) : 0;
  return (
    <div className="scoring-run" role="status" aria-live="polite">
      <p>
        <strong>Rescoring #{run.id}</strong> ({run.cause}), started {formatDateTime(run.startedAt)}
      </p>
      {run.status === "running" ? (
        <>
          <progress max={run.total || 1} value={run.done} aria-label="Rescoring progress">
            {percent} %
          </progress>
          <p className="muted">
            {formatNumber(run.done)} of {formatNumber(run.total)} suppliers and recruiters ({percent} %). This page refreshes itself.
          </p>
        </>
      ) : run.status === "done" ? (
        <p>
          Finished {run.finishedAt ? formatDateTime(run.finishedAt) : ""}: {formatNumber(run.done)} scored, {formatNumber(run.changed)} with a new score.
        </p>
      ) : (
        <div className="alert alert--error">Stopped: {run.failure}</div>
      )}
    </div>
  );
}

/** The rescoring status as a card of its own, as the administrator's pages show it. */
export function ScoringRunCard({ run }: { run: ScoringRunView | null }) {
  return (
    <div className="card">
      <h2>Rescoring</h2>
      <ScoringRunStatus run={run} />
    </div>
  );
}
