/**
 * Reads multipart/form-data (RFC 7578) with busboy, and turns every way a body can be refused into
 * a typed error with a sentence a person can act on (the caller answers 400 or 413), never a
 * plain Error that would become a 500. Remix's own parser is not used: it split file names on
 * "=" and ";", had no header limit and threw plain Errors.
 *
 * A refused body is not cut off: the rest of it is read and discarded (up to a bound) before the
 * caller answers, so that the client, still sending, receives the answer instead of a reset.
 */
import busboy from "busboy";
import type { Readable } from "node:stream";
import type { MessageValues } from "~/domain/errors";

/**
 * The request body is not well-formed multipart/form-data. The message is a `public:upload.*`
 * catalog key with `values`, translated where the answer is built (readUpload): the public
 * namespace, because uploads are also sent from pages read without an account.
 */
export class MalformedUpload extends Error {
  override name = "MalformedUpload";
  constructor(
    key: string,
    readonly values: MessageValues = {},
  ) {
    super(key);
  }
}

/** A text field is longer than the `fieldBytes` limit (readUpload says by how much, in the reader's language). */
export class FieldTooLong extends Error {
  override name = "FieldTooLong";
  constructor(readonly field: string) {
    super("public:upload.fieldTooLong");
  }
}

/** The body is larger than the `bodyBytes` limit. */
export class BodyTooLarge extends Error {
  override name = "BodyTooLarge";
}

export interface FilePart {
  /** The form field's name. */
  name: string;
  /** The file's base name as the browser sent it ("" when no file was chosen). */
  filename: string;
  contentType: string;
}

export interface PartSink {
  write(chunk: Uint8Array): void | Promise<void>;
  end(): void | Promise<void>;
}

export interface MultipartHandlers {
  /** A text field, decoded as UTF-8. */
  field(name: string, value: string): void;
  /** A file: its bytes are written to the sink returned, with backpressure. */
  file(part: FilePart): PartSink | Promise<PartSink>;
}

export interface MultipartOptions {
  /** Largest text field, in bytes: a longer one is refused with FieldTooLong. */
  fieldBytes: number;
  /** Largest body, in bytes (parts busboy skips and any epilogue count too): BodyTooLarge. */
  bodyBytes: number;
  /** After a refusal, at most this many more bytes are read and discarded; a longer rest is cut. */
  drainBytes: number;
}

/** The limits a sender cannot exceed, whatever the route's size limit for files. */
export const MULTIPART_LIMITS = {
  /** All the header lines of one part together: busboy's fixed limit. */
  headerBytes: 16 * 1024,
  /** Fields and files in one request. */
  parts: 1000,
};

const NOT_MULTIPART = "public:upload.notMultipart";
const CUT_SHORT = "public:upload.cutShort";

/** busboy's errors (plain Errors named by their message) as the keys of words for the person who sent the form. */
const BUSBOY_ERRORS: Record<string, string> = {
  "Missing Content-Type": NOT_MULTIPART,
  "Malformed content type": NOT_MULTIPART,
  "Multipart: Boundary not found": NOT_MULTIPART,
  "Unexpected end of form": CUT_SHORT,
  "Unexpected end of file": CUT_SHORT,
  "Malformed part header": "public:upload.badHeader",
};

function malformed(error: unknown): MalformedUpload {
  const message = error instanceof Error ? error.message : "";
  if (message.startsWith("Unsupported content type")) return new MalformedUpload(NOT_MULTIPART);
  // Only badHeader has a placeholder; the others ignore the value.
  return new MalformedUpload(BUSBOY_ERRORS[message] ?? "public:upload.malformed", { kb: MULTIPART_LIMITS.headerBytes / 1024 });
}

/** Browsers percent-encode `"`, CR and LF in field and file names (HTML standard); busboy leaves them so. */
const unescapeName = (s: string) => s.replace(/%22/gi, '"').replace(/%0D/gi, "\r").replace(/%0A/gi, "\n");

/**
 * Reads `body` part by part, in order: text fields go to `handlers.field`, each file's bytes to the
 * sink `handlers.file` returns (the next part is handled only after that sink's end settled).
 * Throws MalformedUpload, FieldTooLong or BodyTooLarge when the body is refused; an error thrown by
 * a handler or sink (e.g. a size limit) stops the reading and is passed on unchanged. Once this
 * settles, no handler is called again.
 */
export async function parseMultipart(body: ReadableStream<Uint8Array> | null, contentType: string | null, handlers: MultipartHandlers, options: MultipartOptions): Promise<void> {
  const reader = body?.getReader();
  let parser: busboy.Busboy | null = null;
  // Typed wide: it is set from callbacks, which TypeScript's narrowing does not see.
  let failure = null as { error: unknown } | null;
  // Destroying the parser ends any wait for it (it emits "close").
  const fail = (error: unknown) => {
    if (failure) return;
    failure = { error };
    parser?.destroy();
  };

  // busboy also reads application/x-www-form-urlencoded; the upload forms never send it.
  if (!contentType || !/^\s*multipart\/form-data\s*(;|$)/i.test(contentType)) fail(new MalformedUpload(NOT_MULTIPART));
  else if (!reader) fail(new MalformedUpload("public:upload.empty"));
  else {
    try {
      parser = busboy({
        headers: { "content-type": contentType },
        // Browsers send names as raw UTF-8 bytes.
        defParamCharset: "utf8",
        // One more byte than allowed, so that a field of exactly `fieldBytes` is not "truncated";
        // one more part, so that "partsLimit" means more than MULTIPART_LIMITS.parts parts.
        limits: { fieldSize: options.fieldBytes + 1, parts: MULTIPART_LIMITS.parts + 1 },
      });
    } catch (error) {
      fail(malformed(error));
    }
  }

  // Parts are handled one after another, in the order they arrive.
  let queue = Promise.resolve();
  const inOrder = (task: () => Promise<void> | void, skip = () => {}) => {
    queue = queue.then(() => (failure ? skip() : task())).catch(fail);
  };
  const nameOf = (name: string | undefined) => {
    if (!name) throw new MalformedUpload("public:upload.noFieldName");
    return unescapeName(name);
  };

  if (parser) {
    const p = parser;
    p.on("error", (error) => fail(malformed(error)));
    p.on("partsLimit", () => fail(new MalformedUpload("public:upload.tooManyParts", { max: MULTIPART_LIMITS.parts })));
    p.on("field", (name, value, info) =>
      inOrder(() => {
        const field = nameOf(name);
        if (info.valueTruncated) throw new FieldTooLong(field);
        // busboy gives undefined for a part whose declared charset it does not know.
        if (typeof value !== "string") throw new MalformedUpload("public:upload.charset", { field });
        handlers.field(field, value);
      }),
    );
    p.on("file", (name, stream, info) => {
      // A stream destroyed before its turn (the body was refused) must not throw unhandled.
      stream.on("error", () => undefined);
      inOrder(
        async () => {
          // busboy keeps only the base name (RFC 7578); control characters are dropped as well.
          const filename = unescapeName(info.filename ?? "").replace(/\p{Cc}/gu, "");
          const sink = await handlers.file({ name: nameOf(name), filename, contentType: info.mimeType });
          await copy(stream, sink);
        },
        () => void stream.resume(),
      );
    });
  }

  // Feed the parser, respecting its backpressure; count every byte against `bodyBytes`.
  let read = 0;
  let ended = false;
  try {
    while (parser && !failure) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader!.read();
      } catch {
        ended = true; // the stream is errored: there is nothing left to drain or cancel
        throw new MalformedUpload("public:upload.interrupted");
      }
      if (chunk.done) {
        ended = true;
        break;
      }
      read += chunk.value.length;
      if (read > options.bodyBytes) throw new BodyTooLarge();
      // A part may have failed while the chunk was awaited: the parser is gone then.
      if (failure) break;
      if (!parser.write(chunk.value)) await until(parser, "drain");
    }
    if (parser && !failure) {
      parser.end();
      await until(parser, "close");
    }
  } catch (error) {
    fail(error);
  }
  // busboy may fail within end() ("Unexpected end of form"); its 'error' event comes a tick later.
  if (parser?.errored) fail(malformed(parser.errored));
  await queue;
  if (!failure) return;

  // Refused: read and discard the rest, so that the client, still sending, gets the answer.
  if (reader && !ended) {
    let drained = 0;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) {
          ended = true;
          break;
        }
        drained += value.length;
        if (drained > options.drainBytes) break;
      }
    } catch {
      ended = true;
    }
    if (!ended) await reader.cancel().catch(() => undefined);
  }
  throw failure.error;
}

/** Resolves on `event` or when the stream closes (also when it was destroyed). */
function until(stream: busboy.Busboy, event: "drain" | "close"): Promise<void> {
  if (stream.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      stream.off(event, done).off("close", done);
      resolve();
    };
    stream.once(event, done).once("close", done);
  });
}

/** Copies a file part to its sink: busboy's errors become MalformedUpload, the sink's pass unchanged. */
async function copy(stream: Readable, sink: PartSink): Promise<void> {
  const chunks = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  for (;;) {
    let next: IteratorResult<Buffer>;
    try {
      next = await chunks.next();
    } catch (error) {
      throw malformed(error);
    }
    if (next.done) break;
    await sink.write(next.value);
  }
  await sink.end();
}
