/**
 * Vector charts drawn with pdfkit's own paths (no images): horizontal bars, a heatmap and a score
 * history line with the band zones behind it. Each draws below the current position and moves it.
 * Each is one tagged Figure whose alternative text states the chart's data in words, in the
 * report's language, computed from the same values that are drawn (decision 035).
 */
import { COLOURS, type Report } from "./pdf";

const MARGIN_LEFT = 56;

export interface Bar {
  label: string;
  value: number;
  colour?: string;
}

export function barChart(r: Report, bars: Bar[], options: { unit?: string; labelWidth?: number } = {}): void {
  const d = r.doc;
  const labelWidth = options.labelWidth ?? 150;
  const rowH = 18;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const trackW = r.width - labelWidth - 60;
  r.ensureSpace(bars.length * rowH + 10);
  const { t, f } = r.words;
  const items = bars.map((b) => t("pdf.alt.item", { label: b.label, value: `${f.number(b.value)}${options.unit ?? ""}` })).join("; ");
  r.figure(t("pdf.alt.bars", { items: items || t("pdf.alt.noData") }), () => drawBars(r, bars, { labelWidth, rowH, max, trackW, unit: options.unit }));
  d.x = MARGIN_LEFT;
  d.moveDown(0.6);
}

function drawBars(r: Report, bars: Bar[], o: { labelWidth: number; rowH: number; max: number; trackW: number; unit?: string }): void {
  const d = r.doc;
  const { labelWidth, rowH, max, trackW } = o;
  for (const b of bars) {
    const y = d.y;
    d.fontSize(9).fillColor(COLOURS.ink);
    r.write(b.label, MARGIN_LEFT, y + 3, { width: labelWidth - 8, lineBreak: false, ellipsis: true });
    d.rect(MARGIN_LEFT + labelWidth, y + 3, trackW, 11).fill(COLOURS.soft);
    const w = (b.value / max) * trackW;
    if (w > 0) d.rect(MARGIN_LEFT + labelWidth, y + 3, Math.max(w, 1.5), 11).fill(b.colour ?? COLOURS.brand);
    d.fillColor(COLOURS.ink);
    r.write(`${r.words.f.number(b.value)}${o.unit ?? ""}`, MARGIN_LEFT + labelWidth + trackW + 6, y + 3, { width: 54, lineBreak: false });
    d.y = y + rowH;
  }
}

/** Colour of a mean score by band thresholds. */
export function bandColour(score: number | null): string {
  if (score === null) return COLOURS.band.none!;
  return score >= 75 ? COLOURS.band.critical! : score >= 50 ? COLOURS.band.high! : score >= 25 ? COLOURS.band.medium! : COLOURS.band.low!;
}

export interface HeatCell {
  mean: number | null;
  count: number;
}

/** Rows × columns, each cell coloured by its mean score and labelled with it and its count. */
export function heatmap(r: Report, rows: string[], columns: string[], cell: (row: string, column: string) => HeatCell | undefined): void {
  const d = r.doc;
  const labelW = 110;
  const cellW = Math.min(70, (r.width - labelW) / Math.max(1, columns.length));
  const cellH = 26;
  r.ensureSpace(cellH * (rows.length + 1) + 30);
  const { t, f } = r.words;
  const cells = rows.flatMap((row) =>
    columns.flatMap((c) => {
      const v = cell(row, c);
      return v && v.count > 0 ? [t("pdf.alt.heatCell", { row, column: c, mean: f.number(v.mean, { maximumFractionDigits: 0 }), n: f.number(v.count) })] : [];
    }),
  );
  r.figure(t("pdf.alt.heatmap", { cells: cells.join("; ") || t("pdf.alt.noData") }), () => drawHeatmap(r, rows, columns, cell, { labelW, cellW, cellH }));
  d.x = MARGIN_LEFT;
  d.fontSize(8).fillColor(COLOURS.muted);
  r.paragraph(r.words.t("pdf.heatmap.note"), { muted: true, size: 8 });
  d.fillColor(COLOURS.ink);
}

function drawHeatmap(r: Report, rows: string[], columns: string[], cell: (row: string, column: string) => HeatCell | undefined, o: { labelW: number; cellW: number; cellH: number }): void {
  const d = r.doc;
  const { labelW, cellW, cellH } = o;
  let y = d.y;
  // Each sector name at a size where its longest word fits: never broken mid-word (issue 17).
  columns.forEach((c, i) => {
    d.fontSize(r.fitSize(c, cellW - 2, 7.5, true)).fillColor(COLOURS.muted);
    r.write(c, MARGIN_LEFT + labelW + i * cellW, y, { width: cellW - 2, height: 20, align: "center", ellipsis: true }, true);
  });
  y += 22;
  for (const row of rows) {
    d.fontSize(8.5).fillColor(COLOURS.ink);
    r.write(row, MARGIN_LEFT, y + 8, { width: labelW - 6, lineBreak: false, ellipsis: true });
    columns.forEach((c, i) => {
      const v = cell(row, c);
      const x = MARGIN_LEFT + labelW + i * cellW;
      if (!v || v.count === 0) {
        d.rect(x + 1, y + 1, cellW - 2, cellH - 2).fill("#f4f5f7");
        return;
      }
      d.rect(x + 1, y + 1, cellW - 2, cellH - 2).fill(bandColour(v.mean));
      d.fontSize(8).fillColor("#ffffff");
      r.write(r.words.f.number(v.mean, { maximumFractionDigits: 0 }), x + 1, y + 4, { width: cellW - 2, align: "center", lineBreak: false }, true);
      d.fontSize(6.5);
      r.write(`n=${r.words.f.number(v.count)}`, x + 1, y + 14, { width: cellW - 2, align: "center", lineBreak: false });
    });
    y += cellH;
  }
  d.y = y + 6;
}

export interface HistoryPoint {
  at: number;
  score: number;
}

/** The score over time on a 0–100 axis with the four band zones behind it. */
export function historyChart(r: Report, points: HistoryPoint[]): void {
  const d = r.doc;
  const h = 130;
  const left = MARGIN_LEFT + 28;
  const w = r.width - 40;
  r.ensureSpace(h + 40);
  const { t, f } = r.words;
  const said = points.map((p) => t("pdf.alt.item", { label: f.date(p.at), value: f.number(p.score, { maximumFractionDigits: 1 }) })).join("; ");
  r.figure(t("pdf.alt.history", { points: said || t("pdf.alt.noData") }), () => drawHistory(r, points, { h, left, w }));
  d.x = MARGIN_LEFT;
  d.fillColor(COLOURS.ink);
  d.moveDown(0.4);
}

function drawHistory(r: Report, points: HistoryPoint[], o: { h: number; left: number; w: number }): void {
  const d = r.doc;
  const { h, left, w } = o;
  const top = d.y + 4;
  const yOf = (score: number) => top + h - (score / 100) * h;
  const zones: [number, number, string][] = [
    [0, 25, "#e6f4ea"],
    [25, 50, "#fff4d6"],
    [50, 75, "#fde6da"],
    [75, 100, "#f6d5d8"],
  ];
  for (const [from, to, colour] of zones) d.rect(left, yOf(to), w, yOf(from) - yOf(to)).fill(colour);
  d.font("Sans").fontSize(7).fillColor(COLOURS.muted);
  for (const tick of [0, 25, 50, 75, 100]) r.write(r.words.f.number(tick), MARGIN_LEFT, yOf(tick) - 4, { width: 24, align: "right", lineBreak: false });
  if (points.length > 0) {
    const first = points[0]!.at;
    const last = points[points.length - 1]!.at;
    const xOf = (at: number) => (last === first ? left + w / 2 : left + ((at - first) / (last - first)) * w);
    d.lineWidth(1.5).strokeColor(COLOURS.brand);
    points.forEach((p, i) => (i === 0 ? d.moveTo(xOf(p.at), yOf(p.score)) : d.lineTo(xOf(p.at), yOf(p.score))));
    if (points.length > 1) d.stroke();
    for (const p of points) d.circle(xOf(p.at), yOf(p.score), 2.5).fill(COLOURS.brand);
    d.fillColor(COLOURS.muted).fontSize(7);
    r.write(r.words.f.date(first), left, top + h + 4, { width: 80, lineBreak: false });
    if (last !== first) r.write(r.words.f.date(last), left + w - 80, top + h + 4, { width: 80, align: "right", lineBreak: false });
  }
  d.y = top + h + 18;
}
