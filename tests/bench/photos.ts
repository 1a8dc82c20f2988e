/**
 * What cleaning a worker's photo of its metadata costs at intake (decision 029): a 12-megapixel
 * phone JPEG with EXIF (GPS, phone, orientation), re-encoded by stripPhotoMetadata, beside the
 * raw baseline of the same run — what storing it byte for byte costs (read, SHA-256, write).
 */
import { createHash } from "node:crypto";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { stripPhotoMetadata } from "../../app/lib/photo-metadata.server";

export interface PhotoCost {
  megapixels: number;
  inputKb: number;
  cleanMs: number;
  rawMs: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function photoCleaning(runs: number): Promise<PhotoCost> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "bench-photos-"));
  try {
    const [width, height] = [4000, 3000];
    // Noise, not a flat colour: a real photo's entropy decides the encoder's work.
    const photo = await sharp({ create: { width, height, channels: 3, background: "#808080", noise: { type: "gaussian", mean: 128, sigma: 40 } } })
      .jpeg({ quality: 85 })
      .withExif({ IFD0: { Make: "PhoneCo", Model: "X1" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "3/1 8/1 0/1" } })
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const source = path.join(dir, "photo.jpg");
    writeFileSync(source, photo);
    const clean: number[] = [];
    const raw: number[] = [];
    for (let i = 0; i < runs + 1; i++) {
      const copy = path.join(dir, `copy-${i}.jpg`);
      copyFileSync(source, copy);
      let t = performance.now();
      await stripPhotoMetadata({ name: "photo.jpg", path: copy, sha256: "", size: statSync(copy).size, mime: "image/jpeg" });
      const c = performance.now() - t;
      t = performance.now();
      const bytes = readFileSync(source);
      createHash("sha256").update(bytes).digest("hex");
      writeFileSync(path.join(dir, `raw-${i}.jpg`), bytes);
      const r = performance.now() - t;
      // The first round warms libvips and the file cache for both sides; it is not counted.
      if (i > 0) {
        clean.push(c);
        raw.push(r);
      }
    }
    return { megapixels: (width * height) / 1e6, inputKb: photo.length / 1024, cleanMs: median(clean), rawMs: median(raw) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
