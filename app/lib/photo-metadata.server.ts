/**
 * A worker's photo loses what its file says about the worker before anyone can download it
 * (issue 19, decision 029). A phone writes into every photo the place it was taken (GPS), the
 * time, the phone's make, model and serial, sometimes the owner's name; a union or inspectorate
 * downloads the original, and a file passed on once more could reach the employer. The pixels are
 * kept, everything else is dropped:
 *
 * - the image is decoded and encoded again by libvips (sharp), which writes no metadata unless
 *   asked to: EXIF (GPS, camera, times), XMP, IPTC, comments and embedded thumbnails (which keep
 *   the uncropped picture) all go. A hand-written segment stripper would have to know every place
 *   a camera hides data; a fresh encode has nowhere to carry it.
 * - the EXIF orientation is applied to the pixels first, so a photo taken sideways still reads the
 *   right way up once the tag that said so is gone.
 * - the stored file, its hash and its size are the cleaned image's: the evidence is the cleaned
 *   photo, and nothing of the original is kept anywhere.
 *
 * A file that only claims to be a photo (right first bytes, broken body) is refused: what cannot be
 * decoded cannot be cleaned, and it would not be readable evidence either.
 */
import { createHash } from "node:crypto";
import { renameSync, rmSync, writeFileSync } from "node:fs";
import sharp from "sharp";
import type { StoredEvidence } from "./evidence.server";

/** Photos larger than this are refused as unreadable (a decompression bomb decodes to gigabytes). 100 megapixels passes any phone. */
const MAX_PIXELS = 100_000_000;

export class UnreadablePhoto extends Error {
  constructor(readonly fileName: string) {
    super(`unreadable photo ${fileName}`);
  }
}

/** True for the stored types that carry camera metadata and are cleaned here. */
export const isPhoto = (file: Pick<StoredEvidence, "mime">) => file.mime === "image/jpeg" || file.mime === "image/png";

/** Re-encodes a stored photo in place without its metadata; returns the stored file's new hash and size. Other files pass unchanged. */
export async function stripPhotoMetadata(file: StoredEvidence): Promise<StoredEvidence> {
  if (!isPhoto(file)) return file;
  let cleaned: Buffer;
  try {
    const image = sharp(file.path, { limitInputPixels: MAX_PIXELS, failOn: "error" }).rotate();
    // JPEG stays JPEG at a quality where re-encoding is not visible; PNG stays lossless.
    cleaned = await (file.mime === "image/jpeg" ? image.jpeg({ quality: 90 }) : image.png()).toBuffer();
  } catch {
    throw new UnreadablePhoto(file.name);
  }
  // Written beside the original and renamed over it: a crash never leaves half a photo.
  const temporary = `${file.path}.clean`;
  try {
    writeFileSync(temporary, cleaned);
    renameSync(temporary, file.path);
  } finally {
    rmSync(temporary, { force: true });
  }
  return { ...file, sha256: createHash("sha256").update(cleaned).digest("hex"), size: cleaned.length };
}
