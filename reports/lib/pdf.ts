/**
 * The report layout every report shares, on pdfkit: cover page, table of contents with links,
 * PDF bookmarks, a header and footer on every page ("page X of Y", report id, data as of), headings,
 * paragraphs, key–value blocks and tables that break across pages and repeat their header.
 *
 * Deterministic by construction: the creation date is the data-as-of time, nothing reads the clock
 * or random numbers, and callers pass rows in a stable order; the same data gives the same bytes.
 * (pdfkit's file /ID is an MD5 of the info dictionary, so it follows the data too.)
 *
 * Archivable and accessible (issue 21, decision 035): PDF/A-2b (XMP with pdfaid, the sRGB output
 * intent, every font embedded: DejaVu is the default font, so pdfkit never selects Helvetica) and
 * tagged: every drawing is either content of a structure element (H1, H2, P, Table/TR/TH/TD, L/LI,
 * TOC/TOCI/Link, Figure with Alt) or an Artifact (rules, shading, header and footer), in the
 * document's reading order under one Document element. Helpers tag what they draw, so every report
 * is tagged without knowing about it.
 */
import PDFDocument from "pdfkit";
import QRCode from "qrcode";
import { FONTS, SCRIPT_FONTS, scriptRuns, WORD_GAP, withWordBreaks, type Run } from "./fonts";
import type { Words } from "./words";

export type PageSize = "A4" | "LETTER";

export interface ReportMeta {
  /** Public report id, printed on every page. */
  id: string;
  title: string;
  subtitle: string;
  /** The issuing organisation. */
  author: string;
  subject: string;
  keywords: string[];
  dataAsOf: Date;
  pageSize: PageSize;
  /** The report's language: its words, numbers and dates. */
  words: Words;
  /**
   * The full public verify address of this report (`<PUBLIC_BASE_URL>/verify?q=<id>`), printed on
   * the cover, the closing and every footer and drawn as a QR code. Part of what the bytes depend on.
   */
  verifyUrl: string;
  /**
   * A state the reader must see on every page, the cover's too (a filing not yet approved:
   * "DRAFT — not approved"), printed above the running header. An artifact there, so the report
   * also says it in its text (the cover) for a screen reader. Absent in every other report, whose
   * bytes it therefore leaves as they were.
   */
  marking?: string;
}

type Struct = PDFKit.PDFStructureElement;
type StructOptions = PDFKit.Mixins.StructureElementOptions & { scope?: "Row" | "Column" };

/** Text for the XMP packet: pdfkit interpolates the info values into XML as they are. */
const xml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const xmpDate = (d: Date) => `${d.toISOString().split(".")[0]}Z`;

type TextOptions = PDFKit.Mixins.TextOptions;

export const COLOURS = {
  ink: "#1b1f24",
  muted: "#55606e",
  line: "#c9ced6",
  soft: "#eef2f7",
  brand: "#12467a",
  band: { low: "#2e7d4f", medium: "#c28a00", high: "#d1541b", critical: "#8b0d1a", none: "#9aa3ad" } as Record<string, string>,
};

const MARGIN = { top: 72, bottom: 64, left: 56, right: 56 };

export interface RenderedReport {
  doc: PDFKit.PDFDocument;
  pages: number;
}

export interface Column {
  header: string;
  /** Share of the content width (the shares of a table add up to 1). */
  width: number;
  align?: "left" | "right";
}

interface TocEntry {
  title: string;
  level: 1 | 2;
  page: number;
  destination: string;
}

const iso = (d: Date) => d.toISOString().slice(0, 10);
const MAX_CELL = 600;
const fontOf = (run: Run, bold: boolean) => (run.font ? (bold ? run.font.bold : run.font.regular) : bold ? "Sans-Bold" : "Sans");

export class Report {
  readonly doc: PDFKit.PDFDocument;
  private toc: TocEntry[] = [];
  private tocPage = -1;
  private sectionCount = 0;
  /** The root of the structure tree; everything tagged hangs under it in reading order. */
  private readonly root: Struct;
  private tocStruct: Struct | null = null;

  readonly words: Words;

  constructor(readonly meta: ReportMeta) {
    this.words = meta.words;
    this.doc = new PDFDocument({
      size: meta.pageSize,
      margins: MARGIN,
      bufferPages: true,
      autoFirstPage: false,
      pdfVersion: "1.7",
      subset: "PDF/A-2b",
      tagged: true,
      // pdfkit selects its default font at once: Helvetica, a standard-14 font PDF/A does not allow
      // unembedded. None here; "Sans" (DejaVu) is selected below, before anything is drawn. (Not
      // `font: FONTS.regular`: pdfkit then never caches "Sans", the same face under another key,
      // and reads the font file again at every font("Sans") call, 30 times slower.)
      font: null as unknown as string,
      lang: meta.words.lang,
      displayTitle: true,
      info: {
        Title: meta.title,
        Author: meta.author,
        Subject: meta.subject,
        Keywords: [...meta.keywords, meta.id].join(", "),
        Creator: meta.words.t("pdf.creator"),
        Producer: meta.words.t("pdf.producer"),
        CreationDate: meta.dataAsOf,
        ModDate: meta.dataAsOf,
        // ASCII, so that the verify page can read it from an altered copy of the file.
        ReportId: meta.id,
      } as PDFKit.DocumentInfo,
    });
    this.doc.registerFont("Sans", FONTS.regular);
    this.doc.registerFont("Sans-Bold", FONTS.bold);
    this.doc.registerFont("Mono", FONTS.mono);
    // Registered, not embedded: a font is embedded (its subset) only once a run is drawn in it.
    for (const f of SCRIPT_FONTS) {
      this.doc.registerFont(f.regular, f.files.regular);
      this.doc.registerFont(f.bold, f.files.bold);
    }
    this.doc.font("Sans");
    this.writeXmpFromInfo();
    this.root = this.doc.struct("Document", { lang: meta.words.lang });
    this.doc.addStructure(this.root);
  }

  /**
   * pdfkit writes the info values into the XMP packet without escaping them (an issuer named
   * "Smith & Sons" would make it invalid XML) and without the modification date or the language,
   * which PDF/A wants to match the info dictionary. Our own packet body, from the same info.
   */
  private writeXmpFromInfo(): void {
    const doc = this.doc as unknown as { info: Record<string, string | Date>; appendXML(x: string): void; _addInfo(): void };
    const m = this.meta;
    doc._addInfo = () => {
      const info = doc.info;
      doc.appendXML(
        [
          `<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">`,
          `<xmp:CreateDate>${xmpDate(m.dataAsOf)}</xmp:CreateDate>`,
          `<xmp:ModifyDate>${xmpDate(m.dataAsOf)}</xmp:ModifyDate>`,
          `<xmp:MetadataDate>${xmpDate(m.dataAsOf)}</xmp:MetadataDate>`,
          `<xmp:CreatorTool>${xml(String(info.Creator))}</xmp:CreatorTool>`,
          `</rdf:Description>`,
          `<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">`,
          `<dc:format>application/pdf</dc:format>`,
          `<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${xml(m.title)}</rdf:li></rdf:Alt></dc:title>`,
          `<dc:creator><rdf:Seq><rdf:li>${xml(m.author)}</rdf:li></rdf:Seq></dc:creator>`,
          `<dc:description><rdf:Alt><rdf:li xml:lang="x-default">${xml(m.subject)}</rdf:li></rdf:Alt></dc:description>`,
          `<dc:language><rdf:Bag><rdf:li>${xml(m.words.lang)}</rdf:li></rdf:Bag></dc:language>`,
          `<dc:identifier>${xml(m.id)}</dc:identifier>`,
          `</rdf:Description>`,
          `<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">`,
          `<pdf:Producer>${xml(String(info.Producer))}</pdf:Producer>`,
          `<pdf:Keywords>${xml(String(info.Keywords))}</pdf:Keywords>`,
          `</rdf:Description>`,
        ].join("\n"),
      );
    };
  }

  /**
   * Draws `draw` as the content of a new structure element under `parent` (the document when
   * absent), in reading order. Nothing may start a page inside `draw` but pdfkit's own text flow
   * (which carries the marking over); callers make room first.
   */
  tag(type: string, draw: () => void, options: StructOptions = {}, parent: Struct = this.root): void {
    const el = this.doc.struct(type, options as PDFKit.Mixins.StructureElementOptions);
    parent.add(el);
    el.add(draw);
    el.end();
  }

  /** A structure element whose children are added by `fill` (a table, a row, a list). */
  group(type: string, fill: (el: Struct) => void, parent: Struct = this.root, options: StructOptions = {}): void {
    const el = this.doc.struct(type, options as PDFKit.Mixins.StructureElementOptions);
    parent.add(el);
    fill(el);
    el.end();
  }

  /** Draws decoration (rules, shading, running header and footer) outside the structure: screen readers skip it. */
  artifact(draw: () => void, type?: "Pagination" | "Layout"): void {
    this.doc.markContent("Artifact", type ? { type } : undefined);
    draw();
    this.doc.endMarkedContent();
  }

  /** A figure: what `draw` draws is read as `alt`, which states in words what it shows. */
  figure(alt: string, draw: () => void): void {
    this.tag("Figure", draw, { alt });
  }

  /**
   * Draws text in the fonts its scripts need (DejaVu, or the Noto font of a script DejaVu lacks),
   * one pdfkit run per script; leaves the last font selected. Size and colour as set before.
   */
  write(raw: string, x: number | undefined, y: number | undefined, options: TextOptions = {}, bold = false): void {
    const d = this.doc;
    const text = options.lineBreak === false ? raw : withWordBreaks(raw);
    const runs = scriptRuns(text);
    // One line cut with "…" (a running header's long title): pdfkit would wrap it instead (at a
    // hyphen), so it is cut here. A line that fits is drawn as before, byte for byte.
    const overflows = () => options.lineBreak === false && options.ellipsis && options.width !== undefined && this.widthOf(text, bold) > options.width;
    if (runs.length <= 1 && !overflows()) {
      const run = runs[0] ?? { text, font: null };
      d.font(fontOf(run, bold));
      // A right-to-left run is laid out whole (not word by word) so that its words come in reading order.
      d.text(text, x, y, run.font?.rtl ? { ...options, features: [] } : options);
      return;
    }
    // Every run on one baseline: that of the tallest font the text uses.
    const size = this.fontSizeNow();
    const ascent = Math.max(...runs.map((run) => this.ascenderOf(fontOf(run, bold))));
    const baseline = -(ascent / 1000) * size;
    if (options.lineBreak === false) {
      this.writeLine(runs, x ?? d.x, y ?? d.y, options, bold, baseline);
      return;
    }
    runs.forEach((run, i) => {
      d.font(fontOf(run, bold));
      const opts: TextOptions = { ...(i === 0 ? options : {}), baseline, continued: i < runs.length - 1, ...(run.font?.rtl ? { features: [] } : {}) };
      if (i === 0) d.text(run.text, x, y, opts);
      else d.text(run.text, opts);
    });
  }

  /** One line of runs placed side by side, cut with "…" where it would pass `options.width`. */
  private writeLine(runs: Run[], x: number, y: number, options: TextOptions, bold: boolean, baseline: number): void {
    const d = this.doc;
    const width = options.width ?? Infinity;
    const widths = runs.map((run) => d.font(fontOf(run, bold)).widthOfString(run.text));
    const total = widths.reduce((a, b) => a + b, 0);
    const free = Math.max(0, width - total);
    let at = x + (options.align === "right" ? free : options.align === "center" ? free / 2 : 0);
    const end = x + width;
    const ellipsis = d.font(bold ? "Sans-Bold" : "Sans").widthOfString("…");
    for (const [i, run] of runs.entries()) {
      let piece = run.text;
      let w = widths[i]!;
      const cut = at + w > end;
      if (cut) {
        // Drop characters (whole code points) until the piece and the ellipsis fit.
        const chars = [...piece];
        d.font(fontOf(run, bold));
        while (chars.length && at + d.widthOfString(chars.join("")) + ellipsis > end) chars.pop();
        piece = chars.join("");
        w = piece ? d.widthOfString(piece) : 0;
      }
      if (piece) {
        d.font(fontOf(run, bold)).text(piece, at, y, { lineBreak: false, baseline, goTo: options.goTo, ...(run.font?.rtl ? { features: [] } : {}) });
        at += w;
      }
      if (cut) {
        d.font(bold ? "Sans-Bold" : "Sans").text("…", at, y, { lineBreak: false, baseline });
        break;
      }
    }
    d.x = x;
  }

  private fontSizeNow(): number {
    return (this.doc as unknown as { _fontSize: number })._fontSize;
  }

  /** The ascender of a registered font, in thousandths of the size. */
  private ascenderOf(name: string): number {
    return (this.doc.font(name) as unknown as { _font: { ascender: number } })._font.ascender;
  }

  /** The height `text` takes at the current size in `width`, in the tallest of the fonts it needs. */
  heightOf(raw: string, width: number, bold = false): number {
    const d = this.doc;
    const text = withWordBreaks(raw);
    const names = new Set(scriptRuns(text).map((r) => fontOf(r, bold)));
    if (names.size === 0) names.add(bold ? "Sans-Bold" : "Sans");
    return Math.max(...[...names].map((name) => d.font(name).heightOfString(text, { width })));
  }

  /** The width of `text` on one line at the current size, each run in its font. */
  widthOf(text: string, bold = false): number {
    const d = this.doc;
    return scriptRuns(text).reduce((sum, run) => sum + d.font(fontOf(run, bold)).widthOfString(run.text), 0);
  }

  get width(): number {
    return this.doc.page.width - MARGIN.left - MARGIN.right;
  }

  private get bottom(): number {
    return this.doc.page.height - MARGIN.bottom;
  }

  private addPage(): void {
    this.doc.addPage();
    this.doc.font("Sans").fontSize(10).fillColor(COLOURS.ink);
  }

  /** Starts a new page when fewer than `height` points are left on this one. */
  ensureSpace(height: number): void {
    if (this.doc.y + height > this.bottom) this.addPage();
  }

  /** The cover: title, subtitle, what the report is about, and who issued it. */
  cover(facts: [string, string][], note: string): void {
    this.addPage();
    const d = this.doc;
    this.artifact(() => d.rect(0, 0, d.page.width, 8).fill(COLOURS.brand), "Layout");
    d.fillColor(COLOURS.muted).fontSize(11);
    this.tag("P", () => this.write(this.meta.author, MARGIN.left, 120, { width: this.width }));
    d.moveDown(1.5);
    d.fillColor(COLOURS.ink).fontSize(26);
    this.tag("H1", () => this.write(this.meta.title, MARGIN.left, d.y, { width: this.width }, true));
    d.moveDown(0.4);
    d.fontSize(14).fillColor(COLOURS.muted);
    this.tag("P", () => this.write(this.meta.subtitle, MARGIN.left, d.y, { width: this.width }));
    d.moveDown(2);
    this.keyValues(facts, 140);
    d.moveDown(2);
    d.fontSize(9).fillColor(COLOURS.muted);
    this.tag("P", () => this.write(note, MARGIN.left, d.y, { width: this.width }));
    // The way to check the document, at the foot of the cover where a scanner finds it.
    const size = 78;
    const top = this.bottom - size;
    if (d.y + 12 < top) this.verifyBlock(top, size);
  }

  /**
   * The QR code of the verify address with the address beside it, from `top` (a block `size` high).
   * The QR is a figure whose alternative text is the address; the address is a paragraph.
   */
  verifyBlock(top: number, size = 78): void {
    const d = this.doc;
    const { t } = this.words;
    const url = this.meta.verifyUrl;
    // The QR's alternative text is the address it encodes, nothing else.
    this.figure(url, () => this.qr(url, MARGIN.left, top, size));
    const x = MARGIN.left + size + 14;
    const w = this.width - size - 14;
    d.fontSize(9).fillColor(COLOURS.ink);
    this.tag("P", () => this.write(t("pdf.verify.lead"), x, top + 6, { width: w }, true));
    d.moveDown(0.2);
    d.fontSize(9).fillColor(COLOURS.brand);
    // The address whole, never cut: a reader may have to type it.
    this.group("P", (para) => this.tag("Link", () => d.font("Mono").text(url, x, d.y, { width: w, link: url }), {}, para));
    d.fillColor(COLOURS.ink).font("Sans");
    d.x = MARGIN.left;
    d.y = Math.max(d.y, top + size) + 8;
  }

  /** A QR code drawn as vector squares (no image): the module matrix of the `qrcode` package. */
  private qr(text: string, x: number, y: number, size: number): void {
    const d = this.doc;
    const { modules } = QRCode.create(text, { errorCorrectionLevel: "M" });
    const n = modules.size;
    const quiet = 2;
    const cell = size / (n + 2 * quiet);
    d.rect(x, y, size, size).fill("#ffffff");
    for (let row = 0; row < n; row++) {
      for (let col = 0; col < n; col++) {
        if (modules.get(row, col)) d.rect(x + (col + quiet) * cell, y + (row + quiet) * cell, cell, cell);
      }
    }
    d.fill("#000000");
  }

  /** Reserves the page after the cover for the table of contents (filled in by finish()). */
  contentsPage(): void {
    this.addPage();
    this.tocPage = this.doc.bufferedPageRange().count - 1;
    // Placed in the structure here, after the cover, filled in by finish(): the reading order.
    this.tocStruct = this.doc.struct("TOC");
    this.root.add(this.tocStruct);
  }

  /** A numbered section heading, with a bookmark and a table-of-contents entry. */
  section(title: string, options: { newPage?: boolean } = {}): void {
    if (options.newPage ?? true) this.addPage();
    else this.ensureSpace(80);
    this.sectionCount++;
    const numbered = `${this.sectionCount}. ${title}`;
    this.heading(numbered, 1);
  }

  subsection(title: string): void {
    // Keep a heading with the first lines of what follows it.
    this.ensureSpace(110);
    this.heading(title, 2);
  }

  private heading(text: string, level: 1 | 2): void {
    const d = this.doc;
    const destination = `s${this.toc.length + 1}`;
    d.addNamedDestination(destination);
    this.toc.push({ title: text, level, page: d.bufferedPageRange().count - 1, destination });
    if (level === 1) d.outline.addItem(text);
    d.moveDown(level === 1 ? 0 : 0.6);
    d.fontSize(level === 1 ? 16 : 12).fillColor(level === 1 ? COLOURS.brand : COLOURS.ink);
    // The cover's title is the H1 above the sections, which are H1 too: no level is skipped.
    this.tag(level === 1 ? "H1" : "H2", () => this.write(text, MARGIN.left, d.y, { width: this.width }, true));
    d.moveDown(0.5);
    d.font("Sans").fontSize(10).fillColor(COLOURS.ink);
  }

  /** `colour`: a paragraph that must stand out (a filing's "Not written"). */
  paragraph(text: string, options: { muted?: boolean; size?: number; colour?: string } = {}): void {
    const d = this.doc;
    d.fontSize(options.size ?? 10).fillColor(options.colour ?? (options.muted ? COLOURS.muted : COLOURS.ink));
    this.ensureSpace(Math.min(this.heightOf(text, this.width), 120));
    this.tag("P", () => this.write(text, MARGIN.left, d.y, { width: this.width, align: "left" }));
    d.moveDown(0.6);
    d.fillColor(COLOURS.ink);
  }

  /** Label–value lines, the label in a column of its own. */
  /** Tagged as a two-column table: each label a row header (TH, scope Row), its value a TD. */
  keyValues(rows: [string, string][], labelWidth = 150): void {
    const d = this.doc;
    this.group("Table", (table) => {
      for (const [label, value] of rows) {
        d.fontSize(10);
        const h = Math.max(this.heightOf(value || "—", this.width - labelWidth), this.heightOf(label, labelWidth - 10), 14);
        this.ensureSpace(h + 4);
        const y = d.y;
        this.group(
          "TR",
          (tr) => {
            d.fontSize(10).fillColor(COLOURS.muted);
            this.tag("TH", () => this.write(label, MARGIN.left, y, { width: labelWidth - 10 }), { scope: "Row" }, tr);
            d.fillColor(COLOURS.ink);
            this.tag("TD", () => this.write(value || "—", MARGIN.left + labelWidth, y, { width: this.width - labelWidth }), {}, tr);
          },
          table,
        );
        d.y = Math.max(d.y, y + h) + 4;
      }
    });
    d.x = MARGIN.left;
  }

  /**
   * A list (L of LI): bulleted (a Lbl "•" and the LBody), or, for items whose text already starts
   * with their number ("1. …", from the catalog), laid out as paragraphs, each LI only an LBody.
   */
  list(items: string[], options: { bullets?: boolean } = {}): void {
    const d = this.doc;
    const bullets = options.bullets ?? true;
    const indent = bullets ? 14 : 0;
    this.group("L", (l) => {
      for (const item of items) {
        d.fontSize(10).fillColor(COLOURS.ink);
        this.ensureSpace(Math.min(this.heightOf(item, this.width - indent), 120));
        const y = d.y;
        this.group(
          "LI",
          (li) => {
            if (bullets) this.tag("Lbl", () => d.font("Sans").text("•", MARGIN.left + 2, y, { lineBreak: false }), {}, li);
            this.tag("LBody", () => this.write(item, MARGIN.left + indent, y, { width: this.width - indent }), {}, li);
          },
          l,
        );
        d.x = MARGIN.left;
        d.moveDown(bullets ? 0.3 : 0.6);
      }
    });
    d.x = MARGIN.left;
    if (bullets) d.moveDown(0.3);
  }

  /**
   * The largest font size, from `size` down to 70 % of it, at which every word of `text` fits in
   * `width`: PDFKit breaks a word that does not fit mid-word ("Manufacturin / g", issue 17).
   * A token longer than that even at the smallest size (a hash) still breaks.
   */
  fitSize(text: string, width: number, size: number, bold = false): number {
    this.doc.fontSize(size);
    const longest = Math.max(0, ...withWordBreaks(text).split(WORD_GAP).map((word) => this.widthOf(word, bold)));
    if (longest <= width) return size;
    return Math.max(size * 0.7, Math.floor(((size * width) / longest) * 10) / 10);
  }

  /** A table; rows break across pages and the header is repeated on each new page. */
  table(columns: Column[], rows: string[][], options: { fontSize?: number; emptyText?: string } = {}): void {
    const d = this.doc;
    const size = options.fontSize ?? 9;
    const pad = 4;
    const widths = columns.map((c) => c.width * this.width);
    if (rows.length === 0) {
      this.paragraph(options.emptyText ?? this.words.t("pdf.none"), { muted: true });
      return;
    }
    const sizeOf = (text: string, i: number, bold: boolean) => this.fitSize(text, widths[i]! - 2 * pad, size, bold);
    const cellHeight = (text: string, i: number, bold = false) => {
      d.fontSize(sizeOf(text, i, bold));
      return this.heightOf(text, widths[i]! - 2 * pad, bold);
    };
    /**
     * One row: its shading and rule are artifacts, its cells TH (scope Column) or TD in a TR. The
     * header repeated on a continuation page is an artifact: the table's one header row already
     * names every column for a screen reader, which reads the table as one, across pages.
     */
    let table: Struct | null = null;
    const drawRow = (cells: string[], header: boolean, shade: boolean, repeated = false) => {
      const h = Math.max(...cells.map((c, i) => cellHeight(c, i, header))) + 2 * pad;
      if (d.y + h > this.bottom) {
        this.addPage();
        if (!header) drawHeader(true);
      }
      const y = d.y;
      this.artifact(() => {
        if (header) d.rect(MARGIN.left, y, this.width, h).fill(COLOURS.soft);
        else if (shade) d.rect(MARGIN.left, y, this.width, h).fill("#f7f8fa");
      });
      const drawCells = (tr: Struct | null) => {
        let x = MARGIN.left;
        cells.forEach((cell, i) => {
          d.fontSize(sizeOf(cell, i, header)).fillColor(COLOURS.ink);
          const cx = x;
          const draw = () => this.write(cell, cx + pad, y + pad, { width: widths[i]! - 2 * pad, align: columns[i]!.align ?? "left" }, header);
          if (tr) this.tag(header ? "TH" : "TD", draw, header ? { scope: "Column" } : {}, tr);
          else draw();
          x += widths[i]!;
        });
      };
      if (repeated) this.artifact(() => drawCells(null), "Pagination");
      else this.group("TR", drawCells, table!);
      this.artifact(() => d.moveTo(MARGIN.left, y + h).lineTo(MARGIN.left + this.width, y + h).lineWidth(0.5).strokeColor(COLOURS.line).stroke());
      d.y = y + h;
    };
    const drawHeader = (repeated: boolean) => drawRow(columns.map((c) => c.header), true, false, repeated);
    this.ensureSpace(60);
    this.group("Table", (el) => {
      table = el;
      drawHeader(false);
      rows.forEach((row, r) => drawRow(row.map((c) => (c.length > MAX_CELL ? `${c.slice(0, MAX_CELL)}…` : c)), false, r % 2 === 1));
    });
    d.x = MARGIN.left;
    d.moveDown(0.8);
  }

  /** Fills the contents page and writes the header and footer on every page but the cover. */
  finish(): RenderedReport {
    const d = this.doc;
    const { count } = d.bufferedPageRange();
    if (this.tocPage >= 0) {
      d.switchToPage(this.tocPage);
      d.x = MARGIN.left;
      d.y = MARGIN.top;
      d.fontSize(16).fillColor(COLOURS.brand);
      const toc = this.tocStruct!;
      // The contents' own heading is a P: it is not a section and must not enter the heading outline.
      this.tag("P", () => this.write(this.words.t("pdf.contents"), MARGIN.left, d.y, { width: this.width }, true), {}, toc);
      d.moveDown(0.8);
      for (const entry of this.toc) {
        const indent = entry.level === 1 ? 0 : 16;
        const y = d.y;
        if (y > this.bottom - 20) break; // a very long contents list stops rather than overflowing
        d.fontSize(entry.level === 1 ? 10.5 : 9.5).fillColor(COLOURS.ink);
        this.group(
          "TOCI",
          (item) => {
            // The link annotation is made here, not by text()'s goTo, which leaves it out of the structure.
            this.group(
              "Link",
              (link) => {
                link.add(() => this.write(entry.title, MARGIN.left + indent, y, { width: this.width - indent - 40, lineBreak: false, ellipsis: true }, entry.level === 1));
                d.goTo(MARGIN.left + indent, y, this.width - indent - 40, d.currentLineHeight(), entry.destination, { structParent: link } as object);
              },
              item,
            );
            this.tag("Reference", () => d.font("Sans").text(this.words.f.number(entry.page + 1), MARGIN.left, y, { width: this.width, align: "right", lineBreak: false }), {}, item);
          },
          toc,
        );
        d.y = y + (entry.level === 1 ? 18 : 15);
      }
      toc.end();
    }
    for (let i = 0; i < count; i++) {
      d.switchToPage(i);
      // Writing in the margins must not push the text onto a new page.
      const saved = d.page.margins.bottom;
      d.page.margins.bottom = 0;
      // The running header and footer repeat on every page: artifacts, which a screen reader skips.
      this.artifact(() => {
        if (this.meta.marking) {
          d.fontSize(10).fillColor(COLOURS.band.critical!);
          this.write(this.meta.marking, MARGIN.left, 16, { width: this.width, align: "center", lineBreak: false }, true);
        }
        d.fontSize(8).fillColor(COLOURS.muted);
        if (i > 0) {
          this.write(this.meta.title, MARGIN.left, 32, { width: this.width * 0.6, lineBreak: false, ellipsis: true });
          d.font("Sans").text(this.meta.id, MARGIN.left, 32, { width: this.width, align: "right", lineBreak: false });
          d.moveTo(MARGIN.left, 46).lineTo(MARGIN.left + this.width, 46).lineWidth(0.5).strokeColor(COLOURS.line).stroke();
        }
        const footerY = d.page.height - 44;
        const { t, f } = this.words;
        this.write(t("pdf.footer.dataAsOf", { at: this.words.dateTime(this.meta.dataAsOf), author: this.meta.author }), MARGIN.left, footerY, { width: this.width * 0.7, lineBreak: false, ellipsis: true });
        this.write(t("pdf.footer.page", { page: f.number(i + 1), pages: f.number(count) }), MARGIN.left, footerY, { width: this.width, align: "right", lineBreak: false });
        d.fontSize(7);
        this.write(t("pdf.footer.verify", { url: this.meta.verifyUrl }), MARGIN.left, footerY + 11, { width: this.width, lineBreak: false, ellipsis: true });
      }, "Pagination");
      d.page.margins.bottom = saved;
    }
    d.end();
    return { doc: d, pages: count };
  }
}

export { iso };
