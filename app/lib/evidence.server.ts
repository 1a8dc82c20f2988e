/**
 * Evidence files (photos, PDFs, documents) attached to contests and, later, audit findings. The
 * type is decided by the file's first bytes, not by its name or the browser's claim; files are
 * stored outside public/ under a random name with their SHA-256, and only ever served as a
 * download (see evidenceResponse), so an uploaded HTML page can never run in our origin.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { InputError } from "~/domain/errors";
import { openStoredFile } from "./stored-file.server";
import type { UploadedFile } from "./upload.server";

export const EVIDENCE_MAX_BYTES = 20 * 1024 * 1024;

/**
 * The kinds of evidence accepted. `ext` names the stored file (and so tells evidenceResponse the
 * type); `names` are the extensions a download may keep, any other name gets `.ext` appended.
 * Text is named `.txt` and served as text/plain whatever it contains, so markup that the
 * start-of-file check below lets through (`<div>`, `<iframe>`) is never opened as HTML.
 */
const TYPES: { label: string; mime: string; ext: string; names: string[]; test: (b: Buffer) => boolean }[] = [
  { label: "PDF", mime: "application/pdf", ext: "pdf", names: ["pdf"], test: (b) => b.subarray(0, 5).toString("latin1") === "%PDF-" },
  { label: "PNG image", mime: "image/png", ext: "png", names: ["png"], test: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { label: "JPEG image", mime: "image/jpeg", ext: "jpg", names: ["jpg", "jpeg"], test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  // Office documents (docx, xlsx) are zip containers.
  { label: "Office document", mime: "application/octet-stream", ext: "zip", names: ["zip", "docx", "xlsx", "pptx", "odt", "ods", "odp"], test: (b) => b.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])) },
  // A file that starts like a web page is refused outright; other markup further in is just text.
  { label: "plain text", mime: "text/plain; charset=utf-8", ext: "txt", names: ["txt"], test: (b) => !b.includes(0) && !/^\s*<(!doctype|html|script|svg|\?xml)/i.test(b.toString("utf8")) },
];

/** The name a file of this type is shown and downloaded under: its own if the extension fits. */
function nameForType(name: string, type: (typeof TYPES)[number]): string {
  const ext = /\.([^.]+)$/.exec(name)?.[1]?.toLowerCase();
  return ext && type.names.includes(ext) ? name : `${name}.${type.ext}`;
}

/** The type of a stored file, from the extension storeEvidence gave it. */
function storedType(storedPath: string): (typeof TYPES)[number] | undefined {
  const ext = path.extname(storedPath).slice(1).toLowerCase();
  return TYPES.find((t) => t.ext === ext);
}

export interface StoredEvidence {
  name: string;
  path: string;
  sha256: string;
  size: number;
  mime: string;
}

/** A file name safe to show and to put in a Content-Disposition header. */
export function safeFileName(name: string): string {
  const base = path.basename(name.replace(/\\/g, "/")).normalize("NFC");
  const cleaned = base.replace(/[\p{Cc}"<>:|?*/\\]/gu, "_").replace(/^\.+/, "").slice(0, 120);
  return cleaned || "evidence";
}

/**
 * Checks an uploaded evidence file and moves it into the evidence store; refuses with a catalog key
 * ("common:evidence.*") and values. `accept`: the types (mime) this form takes, when narrower than
 * all evidence (a worker sends photos and PDFs only).
 */
export function storeEvidence(file: UploadedFile, directory: string, field = "evidence", accept?: readonly string[]): StoredEvidence {
  try {
    if (file.size === 0) throw new InputError(field, "common:evidence.empty", { name: safeFileName(file.name) });
    if (file.size > EVIDENCE_MAX_BYTES) throw new InputError(field, "common:evidence.tooLarge", { max: EVIDENCE_MAX_BYTES / 1024 / 1024 });
    const head = readFileSync(file.path).subarray(0, 4096);
    const type = TYPES.find((t) => t.test(head));
    if (!type || (accept && !accept.includes(type.mime))) throw new InputError(field, "common:evidence.wrongType", { name: safeFileName(file.name) });
    const store = path.join(directory, "evidence");
    mkdirSync(store, { recursive: true });
    const target = path.join(store, `${randomUUID()}.${type.ext}`);
    const sha256 = createHash("sha256").update(readFileSync(file.path)).digest("hex");
    renameSync(file.path, target);
    return { name: nameForType(safeFileName(file.name), type), path: target, sha256, size: statSync(target).size, mime: type.mime };
  } catch (error) {
    rmSync(file.path, { force: true });
    throw error;
  }
}

/**
 * A download of stored evidence: always an attachment, never sniffed or rendered inline. The type
 * and the name's extension follow what the content was found to be when it was stored, also for
 * files stored before names were corrected (an old `page.html` is served as `page.html.txt`).
 */
export function evidenceResponse(stored: { path: string; name: string }): Response {
  const type = storedType(stored.path);
  const name = type ? nameForType(safeFileName(stored.name), type) : safeFileName(stored.name);
  const stream = openStoredFile(stored.path, "This evidence file");
  const ascii = name.replace(/[^\x20-\x7e]/g, "_");
  return new Response(stream, {
    headers: {
      "Content-Type": type?.mime ?? "application/octet-stream",
      "Content-Disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "Cache-Control": "private, no-store",
    },
  });
}

/** Stores several files; if one is refused, the ones already stored and the rest are removed. */
export function storeEvidenceFiles(files: UploadedFile[], directory: string, field: string, accept?: readonly string[]): StoredEvidence[] {
  const stored: StoredEvidence[] = [];
  try {
    for (const file of files) stored.push(storeEvidence(file, directory, field, accept));
    return stored;
  } catch (error) {
    for (const s of stored) rmSync(s.path, { force: true });
    for (const f of files) rmSync(f.path, { force: true });
    throw error;
  }
}

/**
 * Stores the files as evidence, then runs `save`, which writes their database rows. If `save`
 * throws (a refused comment, a missing permission, a database error), the stored files are
 * removed again: no evidence file stays on disk without its row.
 */
export async function saveWithEvidence<T>(files: UploadedFile[], directory: string, field: string, save: (stored: StoredEvidence[]) => Promise<T> | T): Promise<T> {
  const stored = storeEvidenceFiles(files, directory, field);
  try {
    return await save(stored);
  } catch (error) {
    discardStoredEvidence(stored);
    throw error;
  }
}

/** Removes stored evidence files whose save was refused. */
export function discardStoredEvidence(files: Iterable<StoredEvidence>): void {
  for (const f of files) rmSync(f.path, { force: true });
}
