/**
 * Recognises what kind of bytes an uploaded "CSV" really holds, and decodes them as a stream.
 * Order: a byte-order mark decides; otherwise valid UTF-8 is UTF-8; otherwise Windows-1252 (the
 * encoding Excel uses for "CSV" in Western locales; Latin-1 is a subset of it). Files that are
 * not text at all (workbooks, PDFs, images) are refused with a message saying what they look like.
 */
import iconv from "iconv-lite";
import type { MessageValues } from "../errors";

export type TextEncoding = "utf-8" | "utf-16le" | "utf-16be" | "windows-1252";

export interface Detected {
  encoding: TextEncoding;
  /** Bytes of byte-order mark to skip. */
  bom: number;
}

/**
 * A file a person must fix before it can be read. Its message is an "imports:refused.*" catalog
 * key with `values`, said in the reader's language where it is shown: beside the upload field
 * (Invalid), or stored as why a check failed (run.server.ts).
 */
export class FileRefused extends Error {
  override name = "FileRefused";
  constructor(
    key: string,
    readonly values?: MessageValues,
  ) {
    super(key);
  }
}

/** What a file that is not text looks like: `kind` names it in the catalog (imports:refused.fileKind.*). */
const SIGNATURES: { bytes: number[]; kind: string }[] = [
  { bytes: [0x50, 0x4b, 0x03, 0x04], kind: "zip" },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], kind: "xls" },
  { bytes: [0x25, 0x50, 0x44, 0x46], kind: "pdf" },
  { bytes: [0x89, 0x50, 0x4e, 0x47], kind: "png" },
  { bytes: [0xff, 0xd8, 0xff], kind: "jpeg" },
  { bytes: [0x1f, 0x8b], kind: "gzip" },
];

const startsWith = (head: Uint8Array, bytes: number[]) => bytes.every((b, i) => head[i] === b);

/** True when `head` is valid UTF-8, allowing a multi-byte character cut off at the end. */
function isUtf8(head: Uint8Array): boolean {
  let i = 0;
  while (i < head.length) {
    const b = head[i]!;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return false;
    for (let k = 1; k <= need; k++) {
      if (i + k >= head.length) return true;
      if ((head[i + k]! & 0xc0) !== 0x80) return false;
    }
    i += need + 1;
  }
  return true;
}

/**
 * UTF-16 text without a byte-order mark: mostly-Latin text has a zero in every other byte. Some
 * exports (old database tools) write it this way.
 */
function utf16WithoutBom(sample: Uint8Array): "utf-16le" | "utf-16be" | null {
  const pairs = Math.floor(Math.min(sample.length, 4096) / 2);
  if (pairs < 4) return null;
  let zeroOdd = 0;
  let zeroEven = 0;
  for (let i = 0; i < pairs; i++) {
    if (sample[2 * i] === 0) zeroEven++;
    if (sample[2 * i + 1] === 0) zeroOdd++;
  }
  if (zeroOdd > pairs * 0.9 && zeroEven < pairs * 0.1) return "utf-16le";
  if (zeroEven > pairs * 0.9 && zeroOdd < pairs * 0.1) return "utf-16be";
  return null;
}

/** Decides the encoding from the first bytes of the file (the caller passes up to 1 MiB). */
export function detectEncoding(head: Uint8Array): Detected {
  if (head.length === 0) throw new FileRefused("imports:refused.empty");
  if (startsWith(head, [0xef, 0xbb, 0xbf])) return { encoding: "utf-8", bom: 3 };
  if (startsWith(head, [0xff, 0xfe])) return { encoding: "utf-16le", bom: 2 };
  if (startsWith(head, [0xfe, 0xff])) return { encoding: "utf-16be", bom: 2 };
  for (const sig of SIGNATURES) {
    if (startsWith(head, sig.bytes)) {
      throw new FileRefused("imports:refused.notCsv", { kind: sig.kind });
    }
  }
  const sample = head.subarray(0, 64 * 1024);
  const utf16 = utf16WithoutBom(sample);
  if (utf16) return { encoding: utf16, bom: 0 };
  if (sample.includes(0)) {
    throw new FileRefused("imports:refused.binary");
  }
  return { encoding: isUtf8(head) ? "utf-8" : "windows-1252", bom: 0 };
}

export const ENCODING_LABEL: Record<TextEncoding, string> = {
  "utf-8": "UTF-8",
  "utf-16le": "UTF-16 (little-endian)",
  "utf-16be": "UTF-16 (big-endian)",
  "windows-1252": "Windows-1252 (Western European)",
};

export interface StreamDecoder {
  write(chunk: Buffer): string;
  end(): string;
}

/** A decoder that can be fed chunks split anywhere, even inside a character. */
export function createDecoder(encoding: TextEncoding): StreamDecoder {
  if (encoding === "windows-1252") {
    const decoder = iconv.getDecoder("win1252");
    return { write: (chunk) => decoder.write(chunk), end: () => decoder.end() ?? "" };
  }
  const decoder = new TextDecoder(encoding, { fatal: false });
  return { write: (chunk) => decoder.decode(chunk, { stream: true }), end: () => decoder.decode() };
}
