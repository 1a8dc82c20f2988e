/**
 * Opens a stored file (evidence, an issued report) for a download. The file is opened before the
 * answer starts: once a body streams, a missing file could only cut the download short, which a
 * browser shows as a broken file. A file that is gone answers 410 with a sentence instead.
 */
import { createReadStream, openSync } from "node:fs";
import { createReadableStreamFromReadable } from "@remix-run/node";

export function openStoredFile(filePath: string, what: string): ReadableStream<Uint8Array> {
  let fd: number;
  try {
    fd = openSync(filePath, "r");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    throw new Response(`${what} is no longer stored on this server, so it cannot be downloaded. Its record (name, size, SHA-256) is kept; ask your administrator to restore the file from a backup.`, {
      status: 410,
      statusText: "Gone",
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "private, no-store" },
    });
  }
  // The stream owns the descriptor from here and closes it at the end or on a cancelled download.
  return createReadableStreamFromReadable(createReadStream("", { fd }));
}
