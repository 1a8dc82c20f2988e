/** Reads a PDF the way a reader would: the text of each page (pdf.js), its metadata and outline. */
import { readFileSync } from "node:fs";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

export interface PdfContent {
  pages: string[];
  text: string;
  info: Record<string, unknown>;
  outline: string[];
  pageSize: [number, number];
}

export async function readPdf(file: string): Promise<PdfContent> {
  const doc = await getDocument({ data: new Uint8Array(readFileSync(file)), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  const pages: string[] = [];
  let pageSize: [number, number] = [0, 0];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    if (i === 1) pageSize = [page.view[2]!, page.view[3]!];
    const content = await page.getTextContent();
    pages.push(content.items.map((item) => ("str" in item ? item.str + (item.hasEOL ? "\n" : " ") : "")).join("").replace(/[ \t]+/g, " "));
  }
  const meta = await doc.getMetadata();
  const outline = ((await doc.getOutline()) ?? []).map((o) => o.title);
  await doc.destroy();
  return { pages, text: pages.join("\n"), info: meta.info as Record<string, unknown>, outline, pageSize };
}

/** The text with every run of white space (line breaks in table cells included) as one space. */
export const flat = (text: string): string => text.replace(/\s+/g, " ");
