/**
 * AES-256-GCM sealing under a key that is not in the database (decisions 028 and 034): a copy of
 * the database (a backup, a leaked dump) reveals nothing sealed with it. Each use has its own key,
 * given in base64 in an environment variable or kept in a file (created with mode 0600 on first
 * use); operators keep the files on another volume and out of database backups
 * (docs/operations.md). One loader and one format for every use, so a fix lands in all of them.
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

export interface SealingKeySpec {
  /** The variable holding the key itself (32 bytes, base64), e.g. GRIEVANCE_KEY. */
  env: string;
  /** The variable naming the key file, e.g. GRIEVANCE_KEY_FILE. */
  fileEnv: string;
  /** The file used when neither variable is set, relative to the working directory. */
  defaultFile: string;
}

const VERSION = "v1";
// Per spec, per thread: a worker thread loads the key again from the same env / file.
const cache = new Map<string, Buffer>();

export function sealingKeyFile(spec: SealingKeySpec): string {
  return process.env[spec.fileEnv] || path.join(...spec.defaultFile.split("/"));
}

/** Where the key of `spec` comes from, in words for an operator's error message. */
export function sealingKeySource(spec: SealingKeySpec): string {
  return process.env[spec.env] ? spec.env : `the key file ${sealingKeyFile(spec)}`;
}

export function loadSealingKey(spec: SealingKeySpec): Buffer {
  const known = cache.get(spec.env);
  if (known) return known;
  const fromEnv = process.env[spec.env];
  if (fromEnv) {
    const key = Buffer.from(fromEnv, "base64");
    if (key.length !== 32) throw new Error(`${spec.env}: expected 32 bytes in base64 (openssl rand -base64 32)`);
    cache.set(spec.env, key);
    return key;
  }
  const file = sealingKeyFile(spec);
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    // "wx": if another process created it a moment ago, fail here and read theirs below.
    try {
      writeFileSync(file, randomBytes(32).toString("base64") + "\n", { flag: "wx", mode: 0o600 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    chmodSync(file, 0o600);
  }
  const key = Buffer.from(readFileSync(file, "utf8").trim(), "base64");
  if (key.length !== 32) throw new Error(`${file}: expected 32 bytes in base64`);
  cache.set(spec.env, key);
  return key;
}

/** For tests that change a key. */
export function forgetSealingKey(spec: SealingKeySpec): void {
  cache.delete(spec.env);
}

/** "v1:<iv>:<tag>:<ciphertext>", each base64. */
export function seal(key: Buffer, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [VERSION, iv.toString("base64"), cipher.getAuthTag().toString("base64"), body.toString("base64")].join(":");
}

/** The plain text, or null if the sealed value was made with another key or altered (GCM refuses both). */
export function unseal(key: Buffer, sealed: string): string | null {
  const [version, iv, tag, body] = sealed.split(":");
  if (version !== VERSION || !iv || !tag || body === undefined) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64"));
    decipher.setAuthTag(Buffer.from(tag, "base64"));
    return Buffer.concat([decipher.update(Buffer.from(body, "base64")), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
