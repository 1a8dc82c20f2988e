import { useTranslation } from "react-i18next";
import { useFormat } from "~/i18n/format";

export interface StepProgressView {
  done: number;
  total: number;
  fraction: number;
  estimated: boolean;
  startedAt: number;
}

/** What the numbers count: rows of the file, names compared with the watchlists, suppliers and recruiters scored. */
export type ProgressUnit = "rows" | "names" | "entities";

/**
 * A progress bar with its numbers spelled out: done of total, percentage, rate and time left, all
 * computed from what the running worker last reported (`now` is the server's clock at render).
 * An estimated total (the check, before it has read the whole file) says "about".
 */
export function StepProgress({ id, label, unit, progress, now }: { id: string; label: string; unit: ProgressUnit; progress: StepProgressView | null; now: number }) {
  const { t } = useTranslation("imports");
  const f = useFormat();
  const fraction = Math.min(1, Math.max(0, progress?.fraction ?? 0));
  const percent = Math.floor(fraction * 100);
  const seconds = progress ? Math.max(0.001, (now - progress.startedAt) / 1000) : 0;
  const rate = progress && progress.done > 0 ? Math.round(progress.done / seconds) : null;
  const left = progress && fraction > 0 && fraction < 1 ? (seconds * (1 - fraction)) / fraction : null;
  const duration = (s: number) => (s < 90 ? t("progress.seconds", { n: f.number(Math.round(s)) }) : t("progress.minutes", { n: f.number(Math.round(s / 60)) }));
  const parts = [
    progress && progress.total > 0
      ? progress.estimated
        ? t(`progress.countAbout.${unit}`, { done: f.number(progress.done), total: f.number(progress.total) })
        : t(`progress.count.${unit}`, { done: f.number(progress.done), total: f.number(progress.total) })
      : t("progress.starting"),
    t("progress.percent", { n: f.number(percent) }),
    ...(rate !== null ? [t(`progress.rate.${unit}`, { rate: f.number(rate) })] : []),
    ...(left !== null ? [left < 1 ? t("progress.lessThanASecond") : t("progress.timeLeft", { time: duration(left) })] : []),
  ];
  return (
    <div className="progress-block" role="status" aria-live="polite">
      <label htmlFor={id}>{label}</label>
      <progress id={id} max={100} value={percent}>
        {t("progress.percent", { n: f.number(percent) })}
      </progress>
      <p>{parts.join(" · ")}</p>
    </div>
  );
}
