/**
 * A score's history as a server-rendered SVG line chart: the four bands as shaded horizontal
 * zones with their names written in, one point per stored score (with a <title> tooltip), axis
 * labels, and the same data as a table under a <details> for anyone who would rather read than
 * look (or cannot see the chart). Prop-driven, no JavaScript.
 */
import type { Formats } from "~/i18n/format";
import { languageOf } from "~/i18n/languages";
import { bandInline, bandName, causeText, CauseCell, scoreText, useRiskText } from "./risk-text";

export interface ScoreHistoryPoint {
  /** ISO time of the computation. */
  at: string;
  score: number;
  band: string;
  cause: string;
  /** The methodology version, when known (shown in the table). */
  methodologyVersion?: string;
}

const ZONES = [
  { band: "low", from: 0, to: 25 },
  { band: "medium", from: 25, to: 50 },
  { band: "high", from: 50, to: 75 },
  { band: "critical", from: 75, to: 100 },
] as const;

const WIDTH = 720;
const HEIGHT = 260;
const PAD = { top: 12, right: 84, bottom: 40, left: 48 };
const PLOT_W = WIDTH - PAD.left - PAD.right;
const PLOT_H = HEIGHT - PAD.top - PAD.bottom;

const y = (score: number) => PAD.top + PLOT_H - (Math.max(0, Math.min(100, score)) / 100) * PLOT_H;

/** Up to `max` evenly spaced time ticks, labelled by date (or date and time for short spans). */
function timeTicks(format: Formats, from: number, to: number, max: number): { t: number; label: string }[] {
  if (from === to) return [{ t: from, label: format.date(from) }];
  const short = to - from < 3 * 24 * 3600 * 1000;
  // The axis says "(UTC)" once; a tick is the date and time without the zone.
  const time = new Intl.DateTimeFormat(languageOf(format.locale).intl, { dateStyle: "short", timeStyle: "short", timeZone: "UTC" });
  const label = (t: number) => (short ? time.format(t) : format.date(t));
  const ticks: { t: number; label: string }[] = [];
  for (let i = 0; i < max; i++) {
    const t = from + ((to - from) * i) / (max - 1);
    const l = label(t);
    if (!ticks.some((k) => k.label === l)) ticks.push({ t, label: l });
  }
  return ticks;
}

export function ScoreHistoryChart({ points, title }: { points: ScoreHistoryPoint[]; title?: string }) {
  const { t, format } = useRiskText();
  const heading = title ?? t("history.heading");
  if (points.length === 0) return <p>{t("history.empty")}</p>;
  const sorted = [...points].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const times = sorted.map((p) => Date.parse(p.at));
  const t0 = times[0]!;
  const t1 = times[times.length - 1]!;
  const x = (t: number) => (t1 === t0 ? PAD.left + PLOT_W / 2 : PAD.left + ((t - t0) / (t1 - t0)) * PLOT_W);
  const coords = sorted.map((p, i) => ({ p, cx: x(times[i]!), cy: y(p.score) }));
  const path = coords.map((c, i) => `${i === 0 ? "M" : "L"}${c.cx.toFixed(1)},${c.cy.toFixed(1)}`).join(" ");
  const first = sorted[0]!;
  const last = sorted[sorted.length - 1]!;
  const summary =
    sorted.length === 1
      ? t("history.summaryOne", { score: scoreText(format, last.score), band: bandInline(t, last.band), date: format.date(last.at) })
      : t("history.summaryMany", {
          count: sorted.length,
          from: format.date(first.at),
          to: format.date(last.at),
          firstScore: scoreText(format, first.score),
          firstBand: bandInline(t, first.band),
          lastScore: scoreText(format, last.score),
          lastBand: bandInline(t, last.band),
        });
  const showMethodology = sorted.some((p) => p.methodologyVersion);
  const ticks = timeTicks(format, t0, t1, 5);
  return (
    <figure className="history-chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={t("history.ariaLabel", { title: heading, summary })} className="history-chart__svg">
        {ZONES.map((z) => (
          <g key={z.band}>
            <rect className={`history-zone history-zone--${z.band}`} x={PAD.left} y={y(z.to)} width={PLOT_W} height={y(z.from) - y(z.to)} />
            <text className="history-zone__label" x={PAD.left + PLOT_W + 8} y={(y(z.from) + y(z.to)) / 2} dominantBaseline="middle">
              {bandName(t, z.band)}
            </text>
          </g>
        ))}
        {[0, 25, 50, 75, 100].map((v) => (
          <g key={v}>
            <line className="history-grid" x1={PAD.left - 4} x2={PAD.left + PLOT_W} y1={y(v)} y2={y(v)} />
            <text className="history-axis__tick" x={PAD.left - 8} y={y(v)} textAnchor="end" dominantBaseline="middle">
              {format.number(v)}
            </text>
          </g>
        ))}
        <line className="history-axis" x1={PAD.left} x2={PAD.left} y1={PAD.top} y2={PAD.top + PLOT_H} />
        <line className="history-axis" x1={PAD.left} x2={PAD.left + PLOT_W} y1={PAD.top + PLOT_H} y2={PAD.top + PLOT_H} />
        {ticks.map((k, i) => (
          <text
            key={k.label}
            className="history-axis__tick"
            x={x(k.t)}
            y={PAD.top + PLOT_H + 16}
            textAnchor={ticks.length === 1 ? "middle" : i === 0 ? "start" : i === ticks.length - 1 ? "end" : "middle"}
          >
            {k.label}
          </text>
        ))}
        <text className="history-axis__label" x={PAD.left + PLOT_W / 2} y={HEIGHT - 4} textAnchor="middle">
          {t("history.axisTime")}
        </text>
        <text className="history-axis__label" transform={`translate(12 ${PAD.top + PLOT_H / 2}) rotate(-90)`} textAnchor="middle">
          {t("history.axisScore")}
        </text>
        {coords.length > 1 ? <path className="history-line" d={path} /> : null}
        {coords.map(({ p, cx, cy }, i) => (
          <circle key={`${p.at}-${i}`} className="history-point" cx={cx} cy={cy} r={4.5}>
            <title>
              {p.methodologyVersion
                ? t("history.pointWithMethod", { at: format.dateTime(p.at), score: scoreText(format, p.score), band: bandInline(t, p.band), cause: causeText(t, p.cause), version: p.methodologyVersion })
                : t("history.point", { at: format.dateTime(p.at), score: scoreText(format, p.score), band: bandInline(t, p.band), cause: causeText(t, p.cause) })}
            </title>
          </circle>
        ))}
      </svg>
      <figcaption className="muted">{summary}</figcaption>
      <details className="history-table">
        <summary>{t("history.showTable")}</summary>
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{heading}</caption>
            <thead>
              <tr>
                <th scope="col">{t("history.column.computed")}</th>
                <th scope="col" className="num">
                  {t("history.column.score")}
                </th>
                <th scope="col">{t("history.column.band")}</th>
                <th scope="col">{t("history.column.cause")}</th>
                {showMethodology ? <th scope="col">{t("history.column.methodology")}</th> : null}
              </tr>
            </thead>
            <tbody>
              {[...sorted].reverse().map((p, i) => (
                <tr key={`${p.at}-${i}`}>
                  <td>{format.dateTime(p.at)}</td>
                  <td className="num">{scoreText(format, p.score)}</td>
                  <td>{bandName(t, p.band)}</td>
                  <CauseCell as="td" cause={p.cause} />
                  {showMethodology ? <td>{p.methodologyVersion ? t("history.version", { version: p.methodologyVersion }) : "—"}</td> : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
