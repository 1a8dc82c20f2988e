/**
 * Anyone, signed in or not, can check a report: upload the PDF (its SHA-256 must be one the
 * platform issued) or type its id, file hash, unsigned-content hash or data fingerprint. A file
 * that names one of our report ids but does not match it was altered after it was issued.
 *
 * A signed report's file is also checked as a signature (decision 034): the CMS must verify over
 * the whole file and its certificate must be the one the report was signed with on record. Only
 * then does the verdict name the signer and the signing time. A file re-signed with any other
 * certificate (a look-alike with the organisation's name included) is refused as such.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { rawGet, type Db } from "#db/client";
import type { ReportType } from "#db/schema";
import { readSignature } from "./signature.server";

export interface Verified {
  id: string;
  type: ReportType;
  title: string;
  issuer: string;
  issuedAt: number;
  dataAsOf: number;
  periodStart: string | null;
  periodEnd: string | null;
  sha256: string;
  submittedTo: string | null;
  submittedAt: number | null;
  supersededBy: string | null;
  /** Null for a report issued before reports were signed. */
  signedAt: number | null;
  certificateFingerprint: string | null;
}

/** Who signed the file and when, from its verified signature and the certificate on record. */
export interface Signer {
  organisation: string;
  signedAt: number;
  fingerprint: string;
}

/**
 * "authentic" only when a file was checked and its SHA-256 is one we issued; an id or hash typed
 * in proves only that such a report was "issued", not that the copy someone holds is unaltered.
 */
export type Verdict =
  /** `signer` only when the file's signature was verified and its certificate is the one on record. */
  | { kind: "authentic"; report: Verified; by: "file"; signer: Signer | null }
  | { kind: "issued"; report: Verified; by: "id" | "hash" }
  | { kind: "altered"; report: Verified }
  /** A valid signature, but by a certificate this platform did not issue for the report: not authentic. */
  | { kind: "foreignSignature"; report: Verified; subject: string; fingerprint: string }
  | { kind: "unknown"; reason: UnknownReason; values?: { id: string } };

/**
 * Why nothing was found, as a code: the page words it from the `public` catalog (`verify.reason.*`)
 * in the reader's language, worker languages included. The route adds its own two (no file sent,
 * a file over the size limit).
 */
export type UnknownReason = "empty" | "notPdf" | "unknownFile" | "unknownId" | "unknownHash" | "badQuery" | "noFile" | "tooLarge";

const ID = /R-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}/;

async function find(db: Db, column: "id" | "sha256" | "data_hash" | "content_sha256", value: string): Promise<Verified | null> {
  return (
    (await rawGet<Verified>(
      db,
      `select r.id, r.type, r.title, o.name as issuer, r.issued_at as issuedAt, r.data_as_of as dataAsOf, r.period_start as periodStart, r.period_end as periodEnd, r.sha256,
                g.name as submittedTo, r.submitted_at as submittedAt,
                (select n.id from reports n where n.supersedes = r.id and n.submitted_at is not null limit 1) as supersededBy,
                r.signed_at as signedAt, c.fingerprint as certificateFingerprint
         from reports r join organisations o on o.id = r.org_id left join organisations g on g.id = r.submitted_to
              left join signing_certificates c on c.id = r.signing_certificate_id where r.${column} = ? order by r.issued_at limit 1`,
      value,
    )) ?? null
  );
}

export async function verifyFile(db: Db, file: string): Promise<Verdict> {
  return await verifyBytes(db, readFileSync(file));
}

/** The same check on bytes in hand (the API receives the file in its JSON body). */
export async function verifyBytes(db: Db, bytes: Buffer): Promise<Verdict> {
  if (bytes.length === 0) return { kind: "unknown", reason: "empty" };
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const exact = await find(db, "sha256", sha256);
  if (exact) {
    // The bytes are the ones issued; the signature is checked all the same, and named only if it holds.
    const signature = exact.certificateFingerprint ? readSignature(bytes) : null;
    const signer =
      signature?.valid && signature.fingerprint === exact.certificateFingerprint && exact.signedAt !== null
        ? { organisation: exact.issuer, signedAt: signature.signedAt ?? exact.signedAt, fingerprint: signature.fingerprint }
        : null;
    return { kind: "authentic", report: exact, by: "file", signer };
  }
  if (bytes.subarray(0, 5).toString("latin1") !== "%PDF-") return { kind: "unknown", reason: "notPdf" };
  // The id is in the document's metadata (Keywords) as plain text.
  const named = ID.exec(bytes.toString("latin1"))?.[0];
  const claimed = named ? await find(db, "id", named) : null;
  if (!claimed) return { kind: "unknown", reason: "unknownFile" };
  // Not the file issued. A signature that holds but whose certificate is not the report's on
  // record is someone else's (e.g. the unsigned content re-signed with a self-made certificate
  // bearing the organisation's name): said as such. Anything else (a broken signature, bytes
  // appended after it, no signature) is an altered copy.
  const signature = readSignature(bytes);
  if (signature.valid && signature.fingerprint !== claimed.certificateFingerprint) return { kind: "foreignSignature", report: claimed, subject: signature.subject, fingerprint: signature.fingerprint };
  return { kind: "altered", report: claimed };
}

export async function verifyText(db: Db, text: string): Promise<Verdict> {
  const q = text.trim();
  const id = ID.exec(q.toUpperCase())?.[0];
  if (id) {
    const r = await find(db, "id", id);
    return r ? { kind: "issued", report: r, by: "id" } : { kind: "unknown", reason: "unknownId", values: { id } };
  }
  if (/^[0-9a-fA-F]{64}$/.test(q)) {
    const hex = q.toLowerCase();
    const r = (await find(db, "sha256", hex)) ?? (await find(db, "content_sha256", hex)) ?? (await find(db, "data_hash", hex));
    return r ? { kind: "issued", report: r, by: "hash" } : { kind: "unknown", reason: "unknownHash" };
  }
  return { kind: "unknown", reason: "badQuery" };
}
