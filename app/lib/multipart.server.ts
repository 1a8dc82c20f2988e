/**
 * A streaming multipart/form-data reader (RFC 7578) with limits. It replaces Remix's parser, which
 * splits Content-Disposition on every ";" and "=" (so a file named `a=b;c.csv` failed), buffers a
 * part's headers without limit (a 1 MB header overflowed the stack) and throws plain Errors that
 * became 500s. Here every way a body can be malformed ends in a MalformedUpload with a sentence a
 * person can act on; the caller turns it into a 400.
 */

/** The request body is not well-formed multipart/form-data; the message says what is wrong. */
export class MalformedUpload extends Error {
  override name = "MalformedUpload";
}

export interface PartHeaders {
  /** The form field's name. */
  name: string;
  /** The file's base name as the browser sent it ("" when no file was chosen); null for a text field. */
  filename: string | null;
  contentType: string | null;
}

export interface PartSink {
  write(chunk: Uint8Array): void | Promise<void>;
  end(): void | Promise<void>;
}

/** The limits a sender cannot exceed, whatever the route's size limit for files. */
export const MULTIPART_LIMITS = {
  /** All the header lines of one part together. */
  headerBytes: 8 * 1024,
  /** Bytes before the first boundary (browsers send none). */
  preambleBytes: 8 * 1024,
  /** Fields and files in one request. */
  parts: 1000,
};

const CRLF = Buffer.from("\r\n");
const HEADER_END = Buffer.from("\r\n\r\n");

/** The boundary named by a Content-Type header, or a MalformedUpload explaining why there is none. */
export function boundaryOf(contentType: string | null): string {
  const notMultipart = "The form must be sent as multipart/form-data with a boundary, as the platform's upload forms do.";
  if (!contentType) throw new MalformedUpload(notMultipart);
  const [type, ...params] = splitParams(contentType);
  if (type?.toLowerCase() !== "multipart/form-data") throw new MalformedUpload(notMultipart);
  const boundary = params.find(([k]) => k.toLowerCase() === "boundary")?.[1];
  // RFC 2046: 1 to 70 characters, no trailing space.
  if (!boundary || boundary.length > 70 || /[^\x20-\x7e]|\s$/.test(boundary)) throw new MalformedUpload(notMultipart);
  return boundary;
}

/**
 * Splits `type; key=value; key="quoted; value"` into the leading token and its parameters. Quoted
 * values may contain ";" and "=". A quoted value ends at the next quote: browsers do not escape
 * backslashes (a file may be named `a\`), they percent-encode `"`, CR and LF in field and file
 * names (HTML standard), which is undone by the caller.
 */
function splitParams(header: string): [string, ...[string, string][]] {
  let i = 0;
  const readUntil = (stops: string) => {
    const start = i;
    while (i < header.length && !stops.includes(header[i]!)) i++;
    return header.slice(start, i).trim();
  };
  const type = readUntil(";");
  const params: [string, string][] = [];
  while (i < header.length) {
    i++; // the ";"
    const key = readUntil("=;");
    if (header[i] !== "=") {
      if (key) throw new MalformedUpload("A part's header has a parameter without a value.");
      continue;
    }
    i++; // the "="
    while (header[i] === " " || header[i] === "\t") i++;
    let value: string;
    if (header[i] === '"') {
      i++;
      value = "";
      for (;;) {
        if (i >= header.length) throw new MalformedUpload("A part's header has a quoted value that is never closed.");
        const c = header[i++]!;
        if (c === '"') break;
        value += c;
      }
      readUntil(";"); // anything after the closing quote is ignored
    } else {
      value = readUntil(";");
    }
    if (key && !params.some(([k]) => k.toLowerCase() === key.toLowerCase())) params.push([key, value]);
  }
  return [type, ...params];
}

const unescapeHtml = (s: string) => s.replace(/%22/gi, '"').replace(/%0D/gi, "\r").replace(/%0A/gi, "\n");

/** RFC 8187 `filename*=UTF-8''a%20b.pdf`; null when it is not that form. */
function extendedValue(value: string): string | null {
  const m = /^utf-8'[^']*'(.*)$/i.exec(value);
  if (!m) return null;
  try {
    return decodeURIComponent(m[1]!);
  } catch {
    return null;
  }
}

/** A file name without any folder, as RFC 7578 asks, and without control characters. */
function baseName(name: string): string {
  return (name.split(/[/\\]/).pop() ?? "").replace(/\p{Cc}/gu, "");
}

export function parsePartHeaders(raw: Buffer): PartHeaders {
  // Browsers send UTF-8 names raw; undecodable bytes become U+FFFD instead of an exception.
  const text = new TextDecoder("utf-8").decode(raw);
  let disposition: string | null = null;
  let contentType: string | null = null;
  for (const line of text.split("\r\n")) {
    if (!line) continue;
    const colon = line.indexOf(":");
    if (colon <= 0) throw new MalformedUpload("A part's header line has no name (it is missing a colon).");
    const header = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (header === "content-disposition") disposition = value;
    else if (header === "content-type") contentType = value;
  }
  if (disposition === null) throw new MalformedUpload("A part of the form has no Content-Disposition header.");
  const [type, ...params] = splitParams(disposition);
  if (type.toLowerCase() !== "form-data") throw new MalformedUpload("A part of the form is not form-data.");
  const param = (key: string) => params.find(([k]) => k.toLowerCase() === key)?.[1];
  const name = param("name");
  if (name === undefined || name === "") throw new MalformedUpload("A part of the form has no field name.");
  const extended = param("filename*");
  const plain = param("filename");
  const filename = extended !== undefined ? (extendedValue(extended) ?? (plain !== undefined ? unescapeHtml(plain) : "")) : plain !== undefined ? unescapeHtml(plain) : null;
  return { name: unescapeHtml(name), filename: filename === null ? null : baseName(filename), contentType };
}

/**
 * Reads `body` part by part: for each part, `open` is called with its headers and the part's bytes
 * are written to the sink it returns, with backpressure (the next chunk is read only after the
 * sink's write settled). Throws MalformedUpload when the body is not well-formed; an error thrown
 * by a sink (e.g. a size limit) stops the reading and is passed on unchanged.
 */
export async function parseMultipart(body: ReadableStream<Uint8Array> | null, boundary: string, open: (part: PartHeaders) => PartSink | Promise<PartSink>): Promise<void> {
  if (!body) throw new MalformedUpload("The form is empty: the request has no body.");
  // Every boundary is preceded by CRLF, except the very first when there is no preamble: start
  // with a CRLF so that one search finds them all.
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  const keep = delimiter.length - 1;
  let buf: Buffer = Buffer.from(CRLF);
  // Changed inside advance(); typed wide so the loop below does not narrow it to "preamble".
  let state = "preamble" as "preamble" | "boundary" | "headers" | "body" | "done";
  let skipped = 0;
  let parts = 0;
  let sink: PartSink | null = null;
  const reader = body.getReader();
  let ended = false;

  /** Handles what is in `buf`; returns when more bytes are needed. */
  const advance = async (): Promise<void> => {
    for (;;) {
      if (state === "preamble") {
        const at = buf.indexOf(delimiter);
        if (at === -1) {
          skipped += Math.max(0, buf.length - keep);
          if (skipped > MULTIPART_LIMITS.preambleBytes) throw new MalformedUpload("The form's boundary was not found where the body starts.");
          buf = buf.subarray(Math.max(0, buf.length - keep));
          return;
        }
        if (skipped + at > MULTIPART_LIMITS.preambleBytes) throw new MalformedUpload("The form's boundary was not found where the body starts.");
        buf = buf.subarray(at + delimiter.length);
        state = "boundary";
      } else if (state === "boundary") {
        // After a boundary: "--" closes the form, otherwise optional spaces and CRLF open a part.
        if (buf.length < 2) return;
        if (buf[0] === 0x2d && buf[1] === 0x2d) {
          state = "done";
          return;
        }
        const eol = buf.indexOf(CRLF);
        if (eol === -1) {
          if (buf.length > 256) throw new MalformedUpload("A boundary line of the form is malformed.");
          return;
        }
        if (!/^[ \t]*$/.test(buf.subarray(0, eol).toString("latin1"))) throw new MalformedUpload("A boundary line of the form is malformed.");
        buf = buf.subarray(eol + 2);
        state = "headers";
      } else if (state === "headers") {
        // A part with no header lines at all starts directly with the blank line.
        const at = buf.subarray(0, 2).equals(CRLF) ? -2 : buf.indexOf(HEADER_END);
        if (at === -1) {
          if (buf.length > MULTIPART_LIMITS.headerBytes) throw new MalformedUpload(`A part of the form has headers longer than ${MULTIPART_LIMITS.headerBytes / 1024} KB.`);
          return;
        }
        if (at > MULTIPART_LIMITS.headerBytes) throw new MalformedUpload(`A part of the form has headers longer than ${MULTIPART_LIMITS.headerBytes / 1024} KB.`);
        const headers = parsePartHeaders(at < 0 ? Buffer.alloc(0) : buf.subarray(0, at));
        if (++parts > MULTIPART_LIMITS.parts) throw new MalformedUpload(`The form has more than ${MULTIPART_LIMITS.parts} fields and files.`);
        buf = buf.subarray(at < 0 ? 2 : at + 4);
        sink = await open(headers);
        state = "body";
      } else if (state === "body") {
        const at = buf.indexOf(delimiter);
        if (at === -1) {
          // Keep the tail: it may be the start of a delimiter split across chunks.
          if (buf.length > keep) {
            await sink!.write(buf.subarray(0, buf.length - keep));
            buf = buf.subarray(buf.length - keep);
          }
          return;
        }
        if (at > 0) await sink!.write(buf.subarray(0, at));
        buf = buf.subarray(at + delimiter.length);
        const done = sink!;
        sink = null;
        await done.end();
        state = "boundary";
      } else {
        return;
      }
    }
  };

  try {
    while (state !== "done") {
      let result: ReadableStreamReadResult<Uint8Array>;
      try {
        result = await reader.read();
      } catch {
        throw new MalformedUpload("The upload was interrupted before it was complete.");
      }
      if (result.done) {
        ended = true;
        break;
      }
      // Copy: the buffer we keep must not be a view into memory the stream may reuse.
      buf = buf.length ? Buffer.concat([buf, result.value]) : Buffer.from(result.value);
      await advance();
    }
    if (state !== "done") throw new MalformedUpload("The upload ended before it was complete: its closing boundary is missing.");
  } finally {
    // The epilogue after the closing boundary, or the rest of a refused body, is not read.
    if (!ended) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}
