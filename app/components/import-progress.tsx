import { formatNumber } from "~/lib/format";

export interface StepProgressView {
  done: number;
  total: number;
  fraction: number;
  estimated: boolean;
  startedAt: number;
}

function duration(seconds: number): string {
  if (seconds < 90) return `${Math.round(seconds)} s`;
  return `${Math.round(seconds / 60)} min`;
}

/**
 * A progress bar with its numbers spelled out: done of total, percentage, rate and time left, all
 * computed from what the running worker last reported (`now` is the server's clock at render).
 * An estimated total (the check, before it has read the whole file) says "about".
 */
export function StepProgress({ id, label, unit, progress, now }: { id: string; label: string; unit: string; progress: StepProgressView | null; now: number }) {
  const fraction = Math.min(1, Math.max(0, progress?.fraction ?? 0));
  const percent = Math.floor(fraction * 100);
  const seconds = progress ? Math.max(0.001, (now - progress.startedAt) / 1000) : 0;
  const rate = progress && progress.done > 0 ? Math.round(progress.done / seconds) : null;
  const left = progress && fraction > 0 && fraction < 1 ? (seconds * (1 - fraction)) / fraction : null;
  return (
    <div className="progress-block" role="status" aria-live="polite">
      <label htmlFor={id}>{label}</label>
      <progress id={id} max={100} value={percent}>
        {percent} %
      </progress>
      <p>
        {progress && progress.total > 0 ? (
          <>
            {formatNumber(progress.done)} of {progress.estimated ? "about " : ""}
            {formatNumber(progress.total)} {unit}
          </>
        ) : (
          <>Starting…</>
        )}
        {" · "}
        {percent} %{rate !== null ? ` · ${formatNumber(rate)} ${unit} per second` : ""}
        {left !== null ? ` · ${left < 1 ? "less than a second" : `about ${duration(left)}`} left` : ""}
      </p>
    </div>
  );
}
