/**
 * Anyone, signed in or not, can check a report: upload the PDF (its SHA-256 must be one the
 * platform issued) or type its id, file hash or data fingerprint. A file that names one of our
 * report ids but does not match it was altered after it was issued.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { rawGet, type Db } from "#db/client";
import type { ReportType } from "#db/schema";

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
}

/**
 * "authentic" only when a file was checked and its SHA-256 is one we issued; an id or hash typed
 * in proves only that such a report was "issued", not that the copy someone holds is unaltered.
 */
export type Verdict =
  | { kind: "authentic"; report: Verified; by: "file" }
  | { kind: "issued"; report: Verified; by: "id" | "hash" }
  | { kind: "altered"; report: Verified }
  | { kind: "unknown"; reason: UnknownReason; values?: { id: string } };

/**
 * Why nothing was found, as a code: the page words it from the `public` catalog (`verify.reason.*`)
 * in the reader's language, worker languages included. The route adds its own two (no file sent,
 * a file over the size limit).
 */
export type UnknownReason = "empty" | "notPdf" | "unknownFile" | "unknownId" | "unknownHash" | "badQuery" | "noFile" | "tooLarge";

const ID = /R-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}/;

async function find(db: Db, column: "id" | "sha256" | "data_hash", value: string): Promise<Verified | null> {
  return (
    (await rawGet<Verified>(
      db,
      `select r.id, r.type, r.title, o.name as issuer, r.issued_at as issuedAt, r.data_as_of as dataAsOf, r.period_start as periodStart, r.period_end as periodEnd, r.sha256,
                g.name as submittedTo, r.submitted_at as submittedAt,
                (select n.id from reports n where n.supersedes = r.id and n.submitted_at is not null limit 1) as supersededBy
         from reports r join organisations o on o.id = r.org_id left join organisations g on g.id = r.submitted_to where r.${column} = ? order by r.issued_at limit 1`,
      value,
    )) ?? null
  );
}

export async function verifyFile(db: Db, file: string): Promise<Verdict> {
  const bytes = readFileSync(file);
  if (bytes.length === 0) return { kind: "unknown", reason: "empty" };
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const exact = await find(db, "sha256", sha256);
  if (exact) return { kind: "authentic", report: exact, by: "file" };
  if (bytes.subarray(0, 5).toString("latin1") !== "%PDF-") return { kind: "unknown", reason: "notPdf" };
  // The id is in the document's metadata (Keywords) as plain text.
  const named = ID.exec(bytes.toString("latin1"))?.[0];
  const claimed = named ? await find(db, "id", named) : null;
  if (claimed) return { kind: "altered", report: claimed };
  return { kind: "unknown", reason: "unknownFile" };
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
    const r = (await find(db, "sha256", hex)) ?? (await find(db, "data_hash", hex));
    return r ? { kind: "issued", report: r, by: "hash" } : { kind: "unknown", reason: "unknownHash" };
  }
  return { kind: "unknown", reason: "badQuery" };
}
