/**
 * A filing (decision 036): the company's one narrative and the platform's figures, rendered as the
 * statement or request pack a regime asks for. One renderer for every regime: what differs between
 * them (parts, the sections each is written from, figures, the tracing part of a request pack, the
 * page limit) is read from REGIMES, and their words from the `reports` catalog (`filing.<regime>.…`),
 * never from layout code of their own.
 *
 * Never presents a draft as approved: without an approval every page carries "DRAFT — not
 * approved" in its header and the cover says so in its text. A section never written prints
 * "Not written"; a figure the platform could not compute prints "unknown", never 0.
 */
import { APPROVER_ROLES, FIGURE_CODES, REGIMES, TURNOVER_BANDS, type FigureCode, type RegimeCode, type RegimePart } from "~/domain/filings/regimes";
import { companyReportBody } from "./company-report";
import { provenance } from "./lib/closing";
import { COLOURS, Report, type RenderedReport } from "./lib/pdf";
import { bandName } from "./lib/text";
import { wordsFor, type Words } from "./lib/words";
import type { FilingData, Provenance } from "./types";

/** A supplier of the chain with its tier (the data groups them by tier). */
type Supplier = NonNullable<FilingData["tiers"]>[number]["suppliers"][number] & { tier: number | null };
/** `t` for keys built from the regime's data (`filing.uk_msa.parts.structure`): checked by the catalog test, not the compiler. */
type LooseT = (key: string, values?: Record<string, unknown>) => string;
const looseT = (w: Words): LooseT => w.t as unknown as LooseT;

const MARGIN_LEFT = 56;
/** The most suppliers the flow chart draws one by one; beyond, it draws each tier's count. */
export const CHART_MAX_SUPPLIERS = 30;

/**
 * The language a filing is written in by default (issue 21 item 5): the regime's first official
 * language, unless the reader's interface language is one of the regime's (a French-speaking user
 * filing in Canada gets French). Any interface language can still be asked for.
 */
export function defaultFilingLanguage(regime: RegimeCode, interfaceLanguage: string): string {
  const { languages } = REGIMES[regime];
  return languages.includes(interfaceLanguage) ? interfaceLanguage : languages[0]!;
}

/**
 * The most pages the filed PDF may have, or null when the regime sets none. Canada (Public Safety
 * Canada's guidance): 10 pages, 20 for a report in both official languages.
 */
export function pageLimitOf(regime: RegimeCode, languages = 1): number | null {
  const limit = REGIMES[regime].pageLimit;
  if (limit === undefined) return null;
  return languages >= 2 ? limit * 2 : limit;
}

/** A figure's value in the report's language: a share as a percentage, null as "unknown" (never 0). */
export function figureValue(w: Words, code: FigureCode, value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return w.t("filing.unknown");
  return code === "share_high_or_critical" ? w.f.percent(value, 1) : w.f.number(value);
}

/**
 * A section's text with its figures inserted: `{{suppliers_assessed}}` becomes the figure's value
 * in the report's language (decision 036: figures are inserted, not typed). A name that is not a
 * figure stays as written.
 */
export function withFigures(w: Words, body: string, figures: FilingData["figures"]): string {
  const values = new Map(figures.map((f) => [f.code, f.value]));
  return body.replace(/\{\{\s*([a-z_]+)\s*\}\}/g, (all, name: string) => ((FIGURE_CODES as readonly string[]).includes(name) ? figureValue(w, name as FigureCode, values.get(name as FigureCode)) : all));
}

/** The text of a section as written, or null when it was never written (or is blank). */
export function sectionBody(data: FilingData, code: string): string | null {
  const body = data.sections.find((s) => s.code === code)?.body ?? null;
  return body && body.trim() ? body.replace(/\r\n?/g, "\n") : null;
}

/** "Director", "Board": a known approver role in the report's language; any other as recorded. */
export function roleName(w: Words, role: string): string {
  return (APPROVER_ROLES as readonly string[]).includes(role) ? looseT(w)(`filing.roles.${role}`) : role;
}

export function turnoverName(w: Words, band: string | null): string {
  if (!band) return w.t("filing.notStated");
  return (TURNOVER_BANDS as readonly string[]).includes(band) ? looseT(w)(`filing.turnover.${band}`) : band;
}

/** "Approved by Jane Doe, Director, on 3 Dec 2026" or the draft's "Not approved". */
function approvalLine(w: Words, approval: FilingData["approval"]): string {
  if (!approval) return w.t("filing.notApproved");
  return w.t("filing.approvedBy", { name: approval.name, role: roleName(w, approval.role), date: w.f.date(approval.approvedOn) });
}

const countryName = (w: Words, country: string) => (/^[A-Za-z]{2}$/.test(country) ? w.f.country(country) : country);

export function filingReport(data: FilingData, p: Provenance): RenderedReport {
  const w = wordsFor(p.language);
  const { t } = w;
  const tt = looseT(w);
  const regime = REGIMES[data.regime];
  const request = regime.kind === "request" ? data.request : undefined;
  const compact = regime.pageLimit !== undefined;
  const name = tt(`filing.${regime.code}.name`);
  const period = t("pdf.period", { from: w.f.date(data.period.from), to: w.f.date(data.period.to) });
  const r = new Report({
    id: p.id,
    // The title keeps ISO days and the request's reference: it names the filing in lists, in every language alike.
    title: request ? t("filing.titleRequest", { name, reference: request.reference }) : t("filing.titleStatement", { name, from: data.period.from, to: data.period.to }),
    subtitle: request ? t("filing.subtitleRequest", { company: data.company.name, product: request.product }) : data.company.name,
    author: p.issuer,
    subject: t("filing.subject", { name, citation: regime.legalBasis }),
    keywords: [name, regime.legalBasis, regime.templateVersion, data.period.from, data.period.to],
    dataAsOf: p.dataAsOf,
    pageSize: p.pageSize,
    words: w,
    verifyUrl: p.verifyUrl,
    marking: data.approval ? undefined : t("filing.draft"),
  });

  const facts: [string, string][] = [
    [t("filing.fact.legalBasis"), regime.legalBasis],
    [t("filing.fact.template"), regime.templateVersion],
    [t("pdf.col.company"), data.company.name],
  ];
  if (request) {
    facts.push(
      [t("filing.fact.authority"), request.authority],
      [t("filing.fact.reference"), request.reference],
      [t("filing.fact.received"), w.f.date(request.receivedOn)],
      [t("filing.fact.due"), w.f.date(request.dueOn)],
      [t("filing.fact.product"), request.product],
      [t("filing.fact.rawMaterial"), request.rawMaterial ?? t("filing.notStated")],
    );
  } else facts.push([t("filing.fact.period"), period]);
  facts.push([t("filing.fact.approval"), approvalLine(w, data.approval)], [t("pdf.provenance.reportId"), p.id]);
  r.cover(facts, [data.approval ? "" : t("filing.draftNote"), t(`filing.coverNote.${regime.kind}`, { citation: regime.legalBasis })].filter(Boolean).join(" "));
  // Canada's report must fit its page limit: no contents page (its bookmarks remain).
  if (!compact) r.contentsPage();

  const n = (x: number) => w.f.number(x);
  regime.parts.forEach((part, i) => {
    const newPage = i === 0 ? !compact : Boolean(part.tracing);
    if (!newPage) {
      // A part's heading stays with its first section's heading and lines, never alone at a page's foot.
      r.doc.moveDown(0.8);
      r.ensureSpace(part.sections.length > 1 ? 190 : 110);
    }
    r.section(tt(`filing.${regime.code}.parts.${part.code}`), { newPage });
    if (regime.code === "au_msa" && part.code === "a_entity") entity(r, w, data, period);
    if (part.tracing) tracing(r, w, data);
    sections(r, w, data, part);
    figures(r, w, data, part.figures);
  });

  r.doc.moveDown(0.8);
  r.ensureSpace(150);
  r.section(t("filing.closing.heading"), { newPage: false });
  r.keyValues([
    [t("filing.fact.approval"), approvalLine(w, data.approval)],
    [t("filing.fact.legalBasis"), regime.legalBasis],
    [t("filing.fact.template"), regime.templateVersion],
    // An id on a line of its own: one broken across lines at a hyphen cannot be typed back.
    ...(data.fullReportId ? [[t("filing.closing.fullReport"), data.fullReportId] as [string, string]] : []),
  ]);
  r.doc.moveDown(0.4);
  r.paragraph(t("filing.closing.figuresAsOf", { date: w.f.date(data.figuresAsOf ?? p.dataAsOf) }));
  if (!compact) {
    // The data annex (decision 036): every figure computed for the filing, not only those its parts print.
    r.doc.moveDown(0.8);
    r.ensureSpace(150);
    r.section(t("filing.annex.heading"), { newPage: false });
    r.paragraph(t("filing.annex.intro"), { muted: true, size: 9 });
    figures(r, w, data, data.figures.map((f) => f.code));
    if (regime.kind === "request") r.paragraph(t("filing.annex.suppliers", { total: n(suppliersOf(data).length) }), { size: 9 });
    if (data.annex) {
      r.section(t("filing.annex.dataHeading"));
      r.paragraph(t("filing.annex.dataIntro", { from: w.f.date(data.annex.period.from), to: w.f.date(data.annex.period.to) }));
      companyReportBody(r, data.annex, p);
    }
  }
  provenance(r, p);
  return r.finish();
}

/** Australia's criterion (a): the reporting entity, from the company's profile. */
function entity(r: Report, w: Words, data: FilingData, period: string): void {
  const { t } = w;
  r.keyValues([
    [t("pdf.col.company"), data.company.name],
    [t("filing.fact.period"), period],
    [t("filing.fact.turnover"), turnoverName(w, data.company.turnoverBand)],
    [t("filing.fact.sectors"), data.company.sectors.join(", ") || t("filing.notStated")],
    [t("filing.fact.group"), data.company.groupStatement ? t("filing.yes") : t("filing.no")],
  ]);
  r.doc.moveDown(0.6);
}

/** A part's sections, each under its own name when the part has several; blank lines split paragraphs. */
function sections(r: Report, w: Words, data: FilingData, part: RegimePart): void {
  const tt = looseT(w);
  for (const code of part.sections) {
    if (part.sections.length > 1) r.subsection(tt(`filing.sections.${code}`));
    const body = sectionBody(data, code);
    if (body === null) {
      r.paragraph(w.t("filing.notWritten"), { colour: COLOURS.band.high });
      continue;
    }
    for (const block of withFigures(w, body, data.figures).split(/\n[ \t]*\n+/)) {
      const text = block.trim();
      if (!text) continue;
      const lines = text.split("\n");
      // Lines that all start with "- " or "• " are a list, tagged as one.
      if (lines.every((l) => /^\s*[-•*]\s+/.test(l))) r.list(lines.map((l) => l.replace(/^\s*[-•*]\s+/, "")));
      else r.paragraph(text);
    }
  }
}

/** The figures a part prints: a two-column table, the figure's name and its value. */
function figures(r: Report, w: Words, data: FilingData, codes: FigureCode[]): void {
  if (codes.length === 0) return;
  const values = new Map(data.figures.map((f) => [f.code, f.value]));
  const tt = looseT(w);
  r.table(
    [
      { header: w.t("filing.figure"), width: 0.72 },
      { header: w.t("pdf.col.value"), width: 0.28, align: "right" },
    ],
    codes.map((code) => [tt(`filing.figures.${code}`), figureValue(w, code, values.get(code))]),
  );
}

const suppliersOf = (data: FilingData): Supplier[] => (data.tiers ?? []).flatMap((tier) => tier.suppliers.map((s) => ({ ...s, tier: tier.tier })));
const tierLabel = (w: Words, tier: number | null) => (tier === null ? w.t("filing.tierUnknown") : w.t("filing.tier", { tier: w.f.number(tier) }));

/** A request pack's supply chain: the product, the flow chart, then each tier's suppliers with their evidence. */
function tracing(r: Report, w: Words, data: FilingData): void {
  const { t } = w;
  const request = data.request;
  if (request) {
    r.keyValues([
      [t("filing.fact.product"), request.product],
      [t("filing.fact.rawMaterial"), request.rawMaterial ?? t("filing.notStated")],
    ]);
    r.doc.moveDown(0.6);
  }
  const all = suppliersOf(data);
  if (all.length === 0) {
    r.paragraph(t("filing.tracing.none"));
    return;
  }
  r.paragraph(t("filing.tracing.intro"), { size: 9 });
  flowChart(r, w, data, all);
  const byId = new Map(all.map((s) => [s.id, s]));
  for (const tier of data.tiers ?? []) {
    if (tier.suppliers.length === 0) continue;
    r.subsection(tierLabel(w, tier.tier));
    r.table(
      [
        { header: t("pdf.col.supplier"), width: 0.2 },
        { header: t("filing.tracing.supplies"), width: 0.16 },
        { header: t("pdf.col.country"), width: 0.11 },
        { header: t("filing.tracing.products"), width: 0.14 },
        { header: t("pdf.col.band"), width: 0.1 },
        { header: t("filing.tracing.evidence"), width: 0.29 },
      ],
      tier.suppliers
        .map((s) => ({ ...s, tier: tier.tier }))
        .flatMap((s) => {
          const cells = [s.name, buyerOf(w, data, s, byId), countryName(w, s.country), s.products.join(", ") || "—", bandName(w, s.band)];
          if (s.evidence.length === 0) return [[...cells, t("filing.tracing.noEvidence")]];
          // Every piece of evidence is listed: a table cell is cut at 600 characters, so a long list
          // goes on in rows of its own, each naming its supplier again.
          return evidenceChunks(s.evidence.map((e) => evidenceLine(w, e))).map((chunk, i) => (i === 0 ? [...cells, chunk] : [s.name, "", "", "", "", chunk]));
        }),
      { fontSize: 7.5 },
    );
  }
}

/** Evidence lines joined into cells of at most 500 characters (a table cuts a cell at 600); a longer line is a cell alone. */
function evidenceChunks(lines: string[]): string[] {
  const chunks: string[] = [];
  for (const line of lines) {
    const last = chunks.length - 1;
    if (last >= 0 && chunks[last]!.length + 1 + line.length <= 500) chunks[last] += `\n${line}`;
    else chunks.push(line);
  }
  return chunks;
}

/** The kinds of evidence the catalog names; any other is printed as recorded (never read as a key or a template). */
const EVIDENCE_KINDS = ["audit", "certificate", "questionnaire", "document", "invoice", "shipment", "contract", "declaration", "lab_test"];

function evidenceLine(w: Words, e: Supplier["evidence"][number]): string {
  const kind = EVIDENCE_KINDS.includes(e.kind) ? looseT(w)(`filing.evidenceKind.${e.kind}`) : e.kind;
  return [`${kind}: ${e.label}`, e.date ? w.f.date(e.date) : null, e.sha256 ? `SHA-256 ${e.sha256.slice(0, 12)}…` : null].filter(Boolean).join(" · ");
}

/** Whom a supplier supplies: its parent, the company for tier 1, or "not recorded". */
function buyerOf(w: Words, data: FilingData, s: Supplier, byId: Map<number, Supplier>): string {
  if (s.parentId !== null) return byId.get(s.parentId)?.name ?? w.t("filing.tracing.buyerUnknown");
  return s.tier === 1 ? data.company.name : w.t("filing.tracing.buyerUnknown");
}

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/**
 * The chain as a vector drawing, from the raw material on the left to the company on the right: a
 * column per tier (the deepest first), a box per supplier, an arrow from each supplier to the one it
 * supplies (tier 1: the company). Beyond CHART_MAX_SUPPLIERS, or more in one tier than a page holds,
 * a box per tier with its count. One Figure; its alternative text gives the chain in words.
 */
function flowChart(r: Report, w: Words, data: FilingData, all: Supplier[]): void {
  const d = r.doc;
  const { t } = w;
  const product = data.request?.product ?? "—";
  const raw = data.request?.rawMaterial ?? null;
  const byId = new Map(all.map((s) => [s.id, s]));
  // Columns: unknown tier first (leftmost), then the deepest tier to tier 1.
  const tiers = [...new Set(all.map((s) => s.tier))].sort((a, b) => (a === null ? -1 : b === null ? 1 : b - a));
  const inTier = (tier: number | null) => all.filter((s) => s.tier === tier);
  const most = Math.max(...tiers.map((tier) => inTier(tier).length));
  const pageRoom = d.page.height - 72 - 64 - 60;
  const gap = 5;
  const fits = pageRoom / most - gap;
  // Below 14 points a box cannot hold a line of 6-point text: a tier that tall is drawn as its count.
  const counts = all.length > CHART_MAX_SUPPLIERS || fits < 14;

  const columns = (raw ? 1 : 0) + tiers.length + 1;
  const hGap = columns > 5 ? 16 : 22;
  const colW = (r.width - hGap * (columns - 1)) / columns;
  const rows = counts ? 1 : most;
  if (counts) r.paragraph(t("filing.chart.countsNote", { total: w.f.number(all.length), max: w.f.number(CHART_MAX_SUPPLIERS) }), { size: 9 });
  // On this page when its boxes can still be 16 points high there (a line each), else on the next.
  const here = (d.page.height - 64 - d.y - 34) / most - gap;
  const boxH = counts ? 40 : Math.min(40, here >= 16 ? here : fits);
  const chartH = 16 + rows * (boxH + gap) + 4;
  r.ensureSpace(chartH + 10);

  const alt = counts
    ? t("filing.chart.altCounts", { product, company: data.company.name, tiers: tiers.map((tier) => t("filing.chart.tierCount", { tier: tierLabel(w, tier), count: inTier(tier).length, n: w.f.number(inTier(tier).length) })).join("; ") })
    : t(raw ? "filing.chart.altRaw" : "filing.chart.alt", {
        product,
        raw: raw ?? "",
        company: data.company.name,
        links: tiers
          .flatMap((tier) =>
            orderColumn(inTier(tier), tiers, all).map((s) => {
              const buyer = s.parentId !== null ? byId.get(s.parentId)?.name : s.tier === 1 ? data.company.name : undefined;
              const values = { supplier: s.name, country: countryName(w, s.country), tier: tierLabel(w, s.tier) };
              return buyer ? t("filing.chart.link", { ...values, buyer }) : t("filing.chart.linkUnknown", values);
            }),
          )
          .join("; "),
      });

  r.figure(alt, () => {
    const top = d.y;
    const boxTop = top + 16;
    const area = rows * (boxH + gap);
    const colX = (i: number) => MARGIN_LEFT + i * (colW + hGap);
    const place = (count: number, i: number): Box => {
      const start = boxTop + (area - count * (boxH + gap)) / 2;
      return { x: 0, y: start + i * (boxH + gap), w: colW, h: boxH };
    };
    const header = (text: string, col: number) => {
      d.fontSize(7).fillColor(COLOURS.muted);
      r.write(text, colX(col), top, { width: colW, align: "center", lineBreak: false });
    };
    const box = (b: Box, title: string, sub: string | null, fill: string) => {
      d.roundedRect(b.x, b.y, b.w, b.h, 3).fillAndStroke(fill, COLOURS.line);
      if (b.h < 26) {
        // A crowded column: the name alone, on up to two lines (the country is in the table and the alternative text).
        d.fillColor(COLOURS.ink).fontSize(5.6);
        r.write(title, b.x + 3, b.y + 2, { width: b.w - 6, height: b.h - 3, ellipsis: true }, true);
        return;
      }
      d.fillColor(COLOURS.ink).fontSize(6.8);
      r.write(title, b.x + 3, b.y + 3, { width: b.w - 6, height: sub ? b.h - 12 : b.h - 4, ellipsis: true }, true);
      if (sub) {
        d.fontSize(6).fillColor(COLOURS.muted);
        r.write(sub, b.x + 3, b.y + b.h - 9, { width: b.w - 6, lineBreak: false, ellipsis: true });
      }
    };
    const arrow = (from: Box, to: Box, dashed = false) => {
      const x1 = from.x + from.w;
      const y1 = from.y + from.h / 2;
      const x2 = to.x - 1;
      const y2 = to.y + to.h / 2;
      d.save();
      d.lineWidth(0.7).strokeColor(COLOURS.muted);
      if (dashed) d.dash(2, { space: 2 });
      d.moveTo(x1, y1).bezierCurveTo(x1 + hGap * 0.6, y1, x2 - hGap * 0.6, y2, x2 - 3, y2).stroke();
      d.undash();
      d.polygon([x2, y2], [x2 - 4, y2 - 2.2], [x2 - 4, y2 + 2.2]).fill(COLOURS.muted);
      d.restore();
    };

    let col = 0;
    let rawBox: Box | null = null;
    if (raw) {
      header(t("filing.chart.rawMaterial"), col);
      rawBox = { ...place(1, 0), x: colX(col) };
      box(rawBox, raw, null, "#fff4d6");
      col++;
    }
    const boxes = new Map<number, Box>();
    const tierBoxes: Box[] = [];
    for (const tier of tiers) {
      header(tierLabel(w, tier), col);
      const members = orderColumn(inTier(tier), tiers, all);
      if (counts) {
        const b = { ...place(1, 0), x: colX(col) };
        const countries = new Set(members.map((s) => s.country)).size;
        box(b, t("filing.chart.suppliers", { total: w.f.number(members.length) }), t("filing.chart.countries", { total: w.f.number(countries) }), COLOURS.soft);
        tierBoxes.push(b);
      } else {
        members.forEach((s, i) => {
          const b = { ...place(members.length, i), x: colX(col) };
          box(b, s.name, countryName(w, s.country), COLOURS.soft);
          boxes.set(s.id, b);
        });
      }
      col++;
    }
    header(t("pdf.col.company"), col);
    const companyBox = { ...place(1, 0), x: colX(col) };
    box(companyBox, data.company.name, null, "#dbe7f3");

    if (counts) {
      if (rawBox && tierBoxes[0]) arrow(rawBox, tierBoxes[0], true);
      tierBoxes.forEach((b, i) => arrow(b, tierBoxes[i + 1] ?? companyBox));
    } else {
      if (rawBox) for (const s of inTier(tiers.find((x) => x !== null) ?? null)) arrow(rawBox, boxes.get(s.id)!, true);
      for (const s of all) {
        const from = boxes.get(s.id)!;
        const to = s.parentId !== null ? boxes.get(s.parentId) : s.tier === 1 ? companyBox : undefined;
        if (to && to !== from) arrow(from, to);
      }
    }
    d.fillColor(COLOURS.ink).fontSize(10);
    d.x = MARGIN_LEFT;
    d.y = boxTop + area + 8;
  });
  d.moveDown(0.4);
}

/**
 * A column's suppliers in the order that crosses fewest arrows: by the position of the one each
 * supplies in the next column (tier 1 as given), ties in the data's order. Deterministic.
 */
function orderColumn(members: Supplier[], tiers: (number | null)[], all: Supplier[]): Supplier[] {
  const position = new Map<number, number>();
  // Positions from tier 1 outwards (the reverse of the drawing's order).
  for (const tier of [...tiers].reverse()) {
    const column = all.filter((s) => s.tier === tier);
    const keyed = column.map((s, i) => ({ s, i, key: s.parentId !== null ? (position.get(s.parentId) ?? Number.MAX_SAFE_INTEGER) : -1 }));
    keyed.sort((a, b) => a.key - b.key || a.i - b.i);
    keyed.forEach(({ s }, i) => position.set(s.id, i));
  }
  return [...members].sort((a, b) => (position.get(a.id) ?? 0) - (position.get(b.id) ?? 0));
}
