/**
 * A worker's contact details, sealed with AES-256-GCM under a key that is not in the database: a
 * copy of the database (a backup, a leaked dump) does not reveal who complained. The key comes
 * from GRIEVANCE_KEY (32 bytes, base64) or from the file GRIEVANCE_KEY_FILE (default
 * data/keys/grievance-contact.key, created with mode 0600 on first use). Operators keep that file
 * on another volume and out of database backups (docs/operations.md). Decision 028.
 */
import { hkdfSync } from "node:crypto";
import { eq } from "drizzle-orm";
import { firstRow, type Db } from "#db/client";
import { sealingKeys } from "#db/schema";
import { forgetSealingKey, loadSealingKey, seal, sealingKeySource, unseal, type SealingKeySpec } from "~/lib/sealing.server";

const KEY: SealingKeySpec = { env: "GRIEVANCE_KEY", fileEnv: "GRIEVANCE_KEY_FILE", defaultFile: "data/keys/grievance-contact.key" };
const loadKey = () => loadSealingKey(KEY);

/** "v1:<iv>:<tag>:<ciphertext>", each base64. */
export function sealContact(plain: string): string {
  return seal(loadKey(), plain);
}

/** The contact, or null if the sealed value was made with another key or altered (GCM refuses both). */
export function openContact(sealed: string): string | null {
  return unseal(loadKey(), sealed);
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
  forgetSealingKey(KEY);
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
    const where = sealingKeySource(KEY);
    throw new Error(
      `The workers' contact details in this database were sealed with another key than ${where}. ` +
        "Start with the key they were sealed with (the GRIEVANCE_KEY every node shares, or the key file kept with the database's backups); " +
        "without it the contacts cannot be read, and the server will not seal new ones under a different key.",
    );
  }
}
