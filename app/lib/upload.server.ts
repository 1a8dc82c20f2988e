/**
 * Reads a multipart upload, streaming each file to disk (never into memory) and stopping at the
 * size limit. Files are returned from a map built by this request's own handler, so a crafted
 * text field can never name a path on the server.
 *
 * Temporary files live in `<uploads>/incoming` only for the request that wrote them: a route moves
 * the ones it keeps (next to their database row) and calls discardUpload in a `finally`, so a
 * refused or failed request leaves nothing behind.
 */
import { randomUUID } from "node:crypto";
import { createWriteStream, mkdirSync, rmSync, type WriteStream } from "node:fs";
import path from "node:path";
import { translateMessage } from "~/i18n/i18n.server";
import { BodyTooLarge, FieldTooLong, MalformedUpload, parseMultipart, type PartSink } from "./multipart.server";

export interface UploadedFile {
  path: string;
  name: string;
  size: number;
}

export interface Upload {
  form: FormData;
  files: Map<string, UploadedFile>;
}

export type UploadResult = ({ ok: true } & Upload) | { ok: false; tooLarge: true };

/** A text field may hold this many bytes: a 5,000-character comment in Thai is about 15 KB. */
export const TEXT_FIELD_MAX_BYTES = 64 * 1024;

/** Room in a body for its text fields and part headers, beyond the route's limit for files. */
const BODY_OVERHEAD_BYTES = 8 * 1024 * 1024;

class TooLarge extends Error {}

/** A field name the sender chose, as it may be shown back: no control characters, at most 60 characters. */
const shown = (field: string) => field.replace(/\p{Cc}/gu, "").slice(0, 60);

/** A plain-text 400 or 413 answer: what was wrong with the request, in a sentence in the reader's language. */
function refused(status: 400 | 413, message: string): Response {
  return new Response(message, { status, statusText: status === 400 ? "Bad Request" : "Content Too Large", headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}

/**
 * The request's fields and files. `maxBytes` limits the files together. A body that is not
 * well-formed multipart (no boundary, cut short, oversized headers, a text field over
 * TEXT_FIELD_MAX_BYTES) is answered by throwing a 400/413 Response with a sentence in `locale`
 * (the request's, `context.locale`: the error page shows the text as it is); nothing it
 * wrote stays on disk. A refused body is read to its end (up to `maxBytes` more) before the answer,
 * so that a client still sending receives it rather than a reset connection.
 */
export async function readUpload(request: Request, directory: string, maxBytes: number, locale: string): Promise<UploadResult> {
  const incoming = path.join(directory, "incoming");
  const files = new Map<string, UploadedFile>();
  const form = new FormData();
  // Every file this request started, finished or not, so that a failure removes them all.
  const written: { file: string; out: WriteStream }[] = [];
  let total = 0;

  const toDisk = (field: string, name: string): PartSink => {
    mkdirSync(incoming, { recursive: true });
    const key = randomUUID();
    const file = path.join(incoming, `${key}.upload`);
    const out = createWriteStream(file);
    written.push({ file, out });
    let size = 0;
    return {
      async write(chunk) {
        size += chunk.length;
        total += chunk.length;
        if (total > maxBytes) throw new TooLarge();
        if (!out.write(chunk)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
      },
      async end() {
        await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
        files.set(key, { path: file, name, size });
        form.append(field, key);
      },
    };
  };

  try {
    await parseMultipart(
      request.body,
      request.headers.get("Content-Type"),
      { field: (name, value) => form.append(name, value), file: (part) => toDisk(part.name, part.filename) },
      // After a refusal, the rest of the body (up to the route's limit) is read so the client gets the answer.
      { fieldBytes: TEXT_FIELD_MAX_BYTES, bodyBytes: maxBytes + BODY_OVERHEAD_BYTES, drainBytes: maxBytes },
    );
    return { ok: true, form, files };
  } catch (error) {
    // Close each file before deleting it: a stream still opening would otherwise create its file
    // after the delete.
    await Promise.all(written.map(({ out }) => new Promise<void>((resolve) => (out.closed ? resolve() : out.once("close", () => resolve()).destroy()))));
    for (const { file } of written) rmSync(file, { force: true });
    if (error instanceof TooLarge || error instanceof BodyTooLarge) return { ok: false, tooLarge: true };
    if (error instanceof FieldTooLong) throw refused(413, translateMessage(locale, error.message, { field: shown(error.field), kb: TEXT_FIELD_MAX_BYTES / 1024 }));
    if (error instanceof MalformedUpload) {
      const values = typeof error.values.field === "string" ? { ...error.values, field: shown(error.values.field) } : error.values;
      // The reason is a sentence of its own, put into the language's frame ("… could not be read. <reason>").
      throw refused(400, translateMessage(locale, "public:upload.couldNotRead", { reason: translateMessage(locale, error.message, values) }));
    }
    throw error;
  }
}

/** The file uploaded under `name`, or null when none was chosen. */
export function uploadedFile(upload: Upload, name: string): UploadedFile | null {
  const key = upload.form.get(name);
  const file = typeof key === "string" ? upload.files.get(key) : undefined;
  if (!file || (file.size === 0 && !file.name)) {
    if (file) rmSync(file.path, { force: true });
    return null;
  }
  return file;
}

/** Every file uploaded under `name` (an input with `multiple`), skipping empty choices. */
export function uploadedFiles(upload: Upload, name: string): UploadedFile[] {
  const out: UploadedFile[] = [];
  for (const key of upload.form.getAll(name)) {
    const file = typeof key === "string" ? upload.files.get(key) : undefined;
    if (!file) continue;
    if (file.size === 0 && !file.name) rmSync(file.path, { force: true });
    else out.push(file);
  }
  return out;
}

/**
 * Deletes the temporary files of an upload. Files a route moved into place are no longer at
 * their temporary path, so calling this in a `finally` removes exactly what was not kept
 * (including files sent under field names the route never reads).
 */
export function discardUpload(upload: { files: Map<string, UploadedFile> }): void {
  for (const f of upload.files.values()) rmSync(f.path, { force: true });
}
