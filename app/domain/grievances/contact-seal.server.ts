/**
 * A worker's contact details, sealed with AES-256-GCM under a key that is not in the database: a
 * copy of the database (a backup, a leaked dump) does not reveal who complained. The key comes
 * from GRIEVANCE_KEY (32 bytes, base64) or from the file GRIEVANCE_KEY_FILE (default
 * data/keys/grievance-contact.key, created with mode 0600 on first use). Operators keep that file
 * on another volume and out of database backups (docs/operations.md). Decision 028.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { firstRow, type Db } from "#db/client";
import { sealingKeys } from "#db/schema";

const VERSION = "v1";
let cached: Buffer | null = null;

function keyFile(): string {
  return process.env.GRIEVANCE_KEY_FILE || path.join("data", "keys", "grievance-contact.key");
}

function loadKey(): Buffer {
  if (cached) return cached;
  const fromEnv = process.env.GRIEVANCE_KEY;
  if (fromEnv) {
    const key = Buffer.from(fromEnv, "base64");
    if (key.length !== 32) throw new Error("GRIEVANCE_KEY: expected 32 bytes in base64 (openssl rand -base64 32)");
    return (cached = key);
  }
  const file = keyFile();
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
  return (cached = key);
}

/** "v1:<iv>:<tag>:<ciphertext>", each base64. */
export function sealContact(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", loadKey(), iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [VERSION, iv.toString("base64"), cipher.getAuthTag().toString("base64"), body.toString("base64")].join(":");
}

/** The contact, or null if the sealed value was made with another key or altered (GCM refuses both). */
export function openContact(sealed: string): string | null {
  const [version, iv, tag, body] = sealed.split(":");
  if (version !== VERSION || !iv || !tag || body === undefined) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", loadKey(), Buffer.from(iv, "base64"));
    decipher.setAuthTag(Buffer.from(tag, "base64"));
    return Buffer.concat([decipher.update(Buffer.from(body, "base64")), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}

/**
 * A key for another purpose (e.g. signing the intake form's time), derived from the same secret so
 * that operators keep one key file; HKDF with a label keeps the two uses independent.
 */
export function derivedKey(label: string): Buffer {
  return Buffer.from(hkdfSync("sha256", loadKey(), Buffer.alloc(0), label, 32));
}

/** For tests that change the key. */
export function forgetContactKey(): void {
  cached = null;
}

const CHECK = "ldd-grievance-contact-key-check";

/**
 * At start-up: the key this process was given must be the one the database's contacts are sealed
 * with. The first start records a sealed check value; every later start opens it, and a process
 * with another key (a second node without the shared GRIEVANCE_KEY, a database restored without
 * its key file) stops with a message instead of sealing new contacts under a key the others lack.
 */
export async function assertContactKey(db: Db): Promise<void> {
  const row = firstRow(await db.select().from(sealingKeys).where(eq(sealingKeys.name, "grievance-contact")));
  if (!row) {
    await db.insert(sealingKeys).values({ name: "grievance-contact", checkValue: sealContact(CHECK) }).onConflictDoNothing();
    return;
  }
  if (openContact(row.checkValue) !== CHECK) {
    const where = process.env.GRIEVANCE_KEY ? "GRIEVANCE_KEY" : `the key file ${keyFile()}`;
    throw new Error(
      `The workers' contact details in this database were sealed with another key than ${where}. ` +
        "Start with the key they were sealed with (the GRIEVANCE_KEY every node shares, or the key file kept with the database's backups); " +
        "without it the contacts cannot be read, and the server will not seal new ones under a different key.",
    );
  }
}
