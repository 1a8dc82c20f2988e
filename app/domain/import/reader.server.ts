/**
 * Streams the records of a stored upload: bytes → text (any supported encoding, chunks split
 * anywhere) → papaparse → records, in batches. Memory stays bounded whatever the file size.
 *
 * Papaparse's own stream mode hands over one row at a time through a Node stream, which costs
 * more than the parsing itself; instead each decoded chunk is cut after its last complete record
 * (a line break outside quotes) and parsed as one string, which is papaparse's fast path.
 */
import { closeSync, createReadStream, openSync, readSync } from "node:fs";
import Papa from "papaparse";
import { createDecoder, FileRefused, type TextEncoding } from "./encoding.server";

export interface ReadOptions {
  encoding: TextEncoding;
  delimiter: string;
  /**
   * Called with the number of bytes of the file read so far, before the records they hold are
   * yielded (for progress: the share of the file behind each batch).
   */
  onBytes?: (bytes: number) => void;
}

/**
 * Bytes read at a time, and so about the size of a batch: large enough that papaparse's per-call
 * cost does not show, small enough that a progress bar moves (a 50,000-row list is ~8 batches).
 */
const CHUNK_BYTES = 1 << 20;

/** A quoted field longer than this never closed: the file is broken, not big. */
const MAX_PENDING_CHARS = 32 * 1024 * 1024;

/** Length of the byte-order mark the file starts with (0 when none). */
export function byteOrderMarkLength(filePath: string): number {
  const fd = openSync(filePath, "r");
  try {
    const head = Buffer.alloc(3);
    const n = readSync(fd, head, 0, 3, 0);
    if (n >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 3;
    if (n >= 2 && ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff))) return 2;
    return 0;
  } finally {
    closeSync(fd);
  }
}

/**
 * Excel's delimiter declaration: a first line `sep=;` (any one character) tells Excel which
 * delimiter the file uses, and Excel neither shows nor counts that line. Neither do we: the
 * declared delimiter wins over guessing, and the header is the line after it. Returns the
 * delimiter and the length of the line with its line break, or null when the file has none.
 * A `sep=` line that names no usable delimiter is refused rather than read as a header.
 */
export function separatorLine(text: string): { delimiter: string; length: number } | null {
  if (!/^sep=/i.test(text)) return null;
  const line = /^[^\r\n]*(?:\r\n|\r|\n|$)/.exec(text)![0];
  // The character itself, then optionally more of it (a spreadsheet padding the row to the
  // width of the table) and trailing blanks.
  const declared = /^sep=([^\r\n"])\1*[ \t]*(?:\r\n|\r|\n)?$/i.exec(line);
  if (!declared) {
    throw new FileRefused("imports:refused.separatorLine", { line: line.trim().slice(0, 40) });
  }
  return { delimiter: declared[1]!, length: line.length };
}

/** Index just after the last line break that is outside quotes, or -1. */
function lastRecordEnd(text: string): number {
  let quotes = 0;
  for (let i = text.indexOf('"'); i !== -1; i = text.indexOf('"', i + 1)) quotes++;
  let cut = text.length;
  for (;;) {
    const nl = text.lastIndexOf("\n", cut - 1);
    if (nl === -1) return -1;
    // Quotes after this line break change the parity; count them to know if nl is inside quotes.
    for (let i = text.indexOf('"', nl + 1); i !== -1 && i < cut; i = text.indexOf('"', i + 1)) quotes--;
    if (quotes % 2 === 0) return nl + 1;
    cut = nl;
  }
}

/**
 * Yields the file's records in order, each as its list of fields; blank lines come through as
 * `[""]` so that the caller's row numbers match the spreadsheet's.
 */
export async function* readRecords(filePath: string, options: ReadOptions): AsyncGenerator<string[][]> {
  const bom = byteOrderMarkLength(filePath);
  const decoder = createDecoder(options.encoding);
  let recordsSoFar = 0;
  // Line endings are made uniform first: a file that mixes CRLF and LF (pasted lists) would
  // otherwise have papaparse read two lines as one record.
  const parse = (text: string) => {
    const result = Papa.parse<string[]>(text.replace(/\r\n?/g, "\n"), { delimiter: options.delimiter, newline: "\n", skipEmptyLines: false });
    const unclosed = result.errors.find((e) => e.code === "MissingQuotes");
    if (unclosed) {
      throw new FileRefused("imports:refused.unclosedQuoteInRow", { row: recordsSoFar + (unclosed.row ?? 0) + 1 });
    }
    recordsSoFar += result.data.length;
    return result.data;
  };
  let bytes = bom;
  let pending = "";
  /** Whether the start of the file was looked at for a `sep=` line (dropped, as Excel does). */
  let started = false;
  const start = (final: boolean) => {
    if (started || (!final && !/[\r\n]/.test(pending))) return;
    started = true;
    const declaration = separatorLine(pending);
    if (declaration) pending = pending.slice(declaration.length);
  };
  for await (const chunk of createReadStream(filePath, { start: bom, highWaterMark: CHUNK_BYTES })) {
    bytes += (chunk as Buffer).length;
    pending += decoder.write(chunk as Buffer);
    start(false);
    // Before the yield: the consumer reads the count while it handles these records (reported
    // after it, a file of one chunk showed 0 % until the end).
    options.onBytes?.(bytes);
    const end = lastRecordEnd(pending);
    if (end > 0) {
      // Parse through the final line break; the trailing empty record it leaves is dropped.
      const rows = parse(pending.slice(0, end - 1).replace(/\r$/, ""));
      pending = pending.slice(end);
      yield rows;
    } else if (pending.length > MAX_PENDING_CHARS) {
      throw new FileRefused("imports:refused.unclosedQuote");
    }
  }
  pending += decoder.end();
  start(true);
  if (pending.replace(/[\r\n]+$/, "") !== "") yield parse(pending.replace(/\r?\n$/, ""));
}
