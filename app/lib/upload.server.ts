/**
 * Reads a multipart upload, streaming each file to disk (never into memory) and stopping at the
 * size limit. Files are returned from a map built by this request's own handler, so a crafted
 * text field can never name a path on the server.
 */
import { randomUUID } from "node:crypto";
import { createWriteStream, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { unstable_composeUploadHandlers, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData, type UploadHandler } from "@remix-run/node";

export interface UploadedFile {
  path: string;
  name: string;
  size: number;
}

export type UploadResult = { ok: true; form: FormData; files: Map<string, UploadedFile> } | { ok: false; tooLarge: true };

class TooLarge extends Error {}

export async function readUpload(request: Request, directory: string, maxBytes: number): Promise<UploadResult> {
  const incoming = path.join(directory, "incoming");
  mkdirSync(incoming, { recursive: true });
  const files = new Map<string, UploadedFile>();
  const toDisk: UploadHandler = async ({ filename, data }) => {
    if (filename === undefined) return undefined;
    const key = randomUUID();
    const file = path.join(incoming, `${key}.upload`);
    const out = createWriteStream(file);
    let size = 0;
    try {
      for await (const chunk of data) {
        size += chunk.length;
        if (size > maxBytes) throw new TooLarge();
        if (!out.write(chunk)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
      }
      await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
    } catch (error) {
      out.destroy();
      rmSync(file, { force: true });
      throw error;
    }
    files.set(key, { path: file, name: path.basename(filename), size });
    return key;
  };
  try {
    const form = await unstable_parseMultipartFormData(request, unstable_composeUploadHandlers(toDisk, unstable_createMemoryUploadHandler({ maxPartSize: 10_000 })));
    return { ok: true, form, files };
  } catch (error) {
    for (const f of files.values()) rmSync(f.path, { force: true });
    if (error instanceof TooLarge) return { ok: false, tooLarge: true };
    throw error;
  }
}

/** The file uploaded under `name`, or null when none was chosen. */
export function uploadedFile(upload: { form: FormData; files: Map<string, UploadedFile> }, name: string): UploadedFile | null {
  const key = upload.form.get(name);
  const file = typeof key === "string" ? upload.files.get(key) : undefined;
  if (!file || (file.size === 0 && !file.name)) {
    if (file) rmSync(file.path, { force: true });
    return null;
  }
  return file;
}

/** Every file uploaded under `name` (an input with `multiple`), skipping empty choices. */
export function uploadedFiles(upload: { form: FormData; files: Map<string, UploadedFile> }, name: string): UploadedFile[] {
  const out: UploadedFile[] = [];
  for (const key of upload.form.getAll(name)) {
    const file = typeof key === "string" ? upload.files.get(key) : undefined;
    if (!file) continue;
    if (file.size === 0 && !file.name) rmSync(file.path, { force: true });
    else out.push(file);
  }
  return out;
}

/** Deletes the temporary files of an upload that was refused before they were used. */
export function discardUpload(upload: { files: Map<string, UploadedFile> }): void {
  for (const f of upload.files.values()) rmSync(f.path, { force: true });
}
