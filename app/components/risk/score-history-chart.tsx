/**
 * A score's history as a server-rendered SVG line chart: the four bands as shaded horizontal
 * zones with their names written in, one point per stored score (with a <title> tooltip), axis
 * labels, and the same data as a table under a <details> for anyone who would rather read than
 * look (or cannot see the chart). Prop-driven, no JavaScript.
 */
import { bandLabel } from "./band-badge";
import { formatDate, formatDateTime } from "~/lib/format";

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
function timeTicks(from: number, to: number, max: number): { t: number; label: string }[] {
  if (from === to) return [{ t: from, label: formatDate(from) }];
  const short = to - from < 3 * 24 * 3600 * 1000;
  const label = (t: number) => (short ? formatDateTime(t).replace(" UTC", "") : formatDate(t));
  const ticks: { t: number; label: string }[] = [];
  for (let i = 0; i < max; i++) {
    const t = from + ((to - from) * i) / (max - 1);
    const l = label(t);
    if (!ticks.some((k) => k.label === l)) ticks.push({ t, label: l });
  }
  return ticks;
}

export function ScoreHistoryChart({ points, title = "Score history" }: { points: ScoreHistoryPoint[]; title?: string }) {
  if (points.length === 0) return <p>No score has been stored yet.</p>;
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
      ? `One score: ${last.score.toFixed(1)} (${bandLabel(last.band).toLowerCase()}) on ${formatDate(last.at)}.`
      : `${sorted.length} scores from ${formatDate(first.at)} to ${formatDate(last.at)}: from ${first.score.toFixed(1)} (${bandLabel(first.band).toLowerCase()}) to ${last.score.toFixed(
          1
        )} (${bandLabel(last.band).toLowerCase()}).`;
  const showMethodology = sorted.some((p) => p.methodologyVersion);
  const ticks = timeTicks(t0, t1, 5);
  return (
    <figure className="history-chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={`${title}. ${summary} The table below has every value.`} className="history-chart__svg">
        {ZONES.map((z) => (
          <g key={z.band}>
            <rect className={`history-zone history-zone--${z.band}`} x={PAD.left} y={y(z.to)} width={PLOT_W} height={y(z.from) - y(z.to)} />
            <text className="history-zone__label" x={PAD.left + PLOT_W + 8} y={(y(z.from) + y(z.to)) / 2} dominantBaseline="middle">
              {bandLabel(z.band)}
            </text>
          </g>
        ))}
        {[0, 25, 50, 75, 100].map((v) => (
          <g key={v}>
            <line className="history-grid" x1={PAD.left - 4} x2={PAD.left + PLOT_W} y1={y(v)} y2={y(v)} />
            <text className="history-axis__tick" x={PAD.left - 8} y={y(v)} textAnchor="end" dominantBaseline="middle">
              {v}
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
          Computed (UTC)
        </text>
        <text className="history-axis__label" transform={`translate(12 ${PAD.top + PLOT_H / 2}) rotate(-90)`} textAnchor="middle">
          Score (0–100)
        </text>
        {coords.length > 1 ? <path className="history-line" d={path} /> : null}
        {coords.map(({ p, cx, cy }, i) => (
          <circle key={`${p.at}-${i}`} className="history-point" cx={cx} cy={cy} r={4.5}>
            <title>{`${formatDateTime(p.at)}: ${p.score.toFixed(1)} (${bandLabel(p.band).toLowerCase()}) — ${p.cause}${p.methodologyVersion ? `, methodology ${p.methodologyVersion}` : ""}`}</title>
          </circle>
        ))}
      </svg>
      <figcaption className="muted">{summary}</figcaption>
      <details className="history-table">
        <summary>Show the history as a table</summary>
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">Computed</th>
                <th scope="col" className="num">
                  Score
                </th>
                <th scope="col">Band</th>
                <th scope="col">Cause</th>
                {showMethodology ? <th scope="col">Methodology</th> : null}
              </tr>
            </thead>
            <tbody>
              {[...sorted].reverse().map((p, i) => (
                <tr key={`${p.at}-${i}`}>
                  <td>{formatDateTime(p.at)}</td>
                  <td className="num">{p.score.toFixed(1)}</td>
                  <td>{bandLabel(p.band)}</td>
                  <td>{p.cause}</td>
                  {showMethodology ? <td>{p.methodologyVersion ? `version ${p.methodologyVersion}` : "—"}</td> : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
