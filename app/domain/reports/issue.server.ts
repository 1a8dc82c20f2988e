/**
 * Issuing a report: gather its data, derive its id and fingerprint from that data, render the PDF
 * to a file while hashing it, then record it. The same data and parameters give the same id and the
 * same bytes, so issuing twice returns the report already issued. The file is complete on disk
 * before its row exists: a crash leaves at most an orphan file, never a row without its file.
 *
 * The rendered PDF is then signed with the organisation's certificate (decision 034): the
 * signature is an incremental update appended to the rendered bytes, so the unsigned content
 * (content_sha256, content_size) stays reproducible while the file as issued (sha256, size) carries
 * the signing time, which is the issuing time `now`.
 */
import { createHash } from "node:crypto";
import { createWriteStream, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { encodeBase32UpperCaseNoPadding } from "@oslojs/encoding";
import { eq } from "drizzle-orm";
import { inTransaction, type Db, firstRow } from "#db/client";
import { reports, type ReportType } from "#db/schema";
import type { PageSize } from "#reports/lib/pdf";
import type { Provenance } from "#reports/types";
import { reportLanguage } from "#reports/lib/words";
import { authorize, type Actor } from "~/auth/permissions.server";
import { takeRateLimit } from "~/auth/rate-limit.server";
import { verifyUrlOf } from "~/lib/public-url.server";
import { recordEvent } from "../activity-log/activity-log.server";
import { Invalid } from "../errors";
import { canonical } from "../risk/inputs-hash.server";
import { prepareReport } from "./prepare.server";
import { signingIdentity, signPdf } from "./signature.server";

export interface IssueRequest {
  type: ReportType;
  /** `language` (an interface language; English when absent) is one of them: a report's language is a parameter like its period. */
  params: Record<string, string | number>;
  pageSize: PageSize;
}

export interface IssuedReport {
  id: string;
  existing: boolean;
}

const sha256 = (text: string) => createHash("sha256").update(text).digest();

/** "R-7K3Q-9XWA-2M4D-HF8C": 80 bits of the fingerprint, so an id says nothing about how many exist. */
export function reportId(fingerprint: string): string {
  const code = encodeBase32UpperCaseNoPadding(sha256(fingerprint).subarray(0, 10));
  return `R-${code.match(/.{4}/g)!.join("-")}`;
}

/** Renders a document into a file, hashing it on the way; resolves with the SHA-256 and size. */
function writePdf(doc: PDFKit.PDFDocument, file: string): Promise<{ sha256: string; size: number }> {
  return new Promise((resolve, reject) => {
    const hash = createHash("sha256");
    let size = 0;
    const out = createWriteStream(file);
    doc.on("data", (chunk: Buffer) => {
      hash.update(chunk);
      size += chunk.length;
    });
    doc.on("error", reject);
    out.on("error", reject);
    out.on("finish", () => resolve({ sha256: hash.digest("hex"), size }));
    doc.pipe(out);
  });
}

export async function issueReport(db: Db, actor: Actor, request: IssueRequest, options: { dir: string; now?: number; ip?: string | null; skipRateLimit?: boolean; publicBaseUrl?: string }): Promise<IssuedReport> {
  const orgId = actor.membership?.orgId ?? -1;
  authorize(actor, "reports.issue", { orgId });
  if (request.pageSize !== "A4" && request.pageSize !== "LETTER") throw new Invalid("pageSize", "reports:validation.pageSize");
  if (request.params.language !== undefined && reportLanguage(request.params.language) !== request.params.language) throw new Invalid("language", "reports:language.invalid");
  // Always stored: a report asked for without a language is the same report as one asked for in English.
  const req: IssueRequest = { ...request, params: { ...request.params, language: reportLanguage(request.params.language) } };
  const now = options.now ?? Date.now();
  const prepared = await prepareReport(db, actor, req, now);
  // The server counts before it hands the work to a worker (issue-in-worker.server.ts).
  if (!options.skipRateLimit) await takeRateLimit(db, "reports.issue", orgId, now);
  const issuer = actor.membership!.orgName;
  const dataHash = createHash("sha256").update(canonical({ type: req.type, params: req.params, data: prepared.loaded.data })).digest("hex");
  const id = reportId(canonical({ orgId, type: req.type, params: req.params, pageSize: req.pageSize, dataAsOf: prepared.loaded.dataAsOf, dataHash }));
  if (firstRow(await db.select({ id: reports.id }).from(reports).where(eq(reports.id, id)))) return { id, existing: true };

  const provenance: Provenance = {
    id,
    issuer,
    dataAsOf: new Date(prepared.loaded.dataAsOf),
    pageSize: req.pageSize,
    methodology: prepared.loaded.methodologyVersion,
    references: prepared.loaded.references,
    dataHash,
    language: String(req.params.language),
    // Not part of the id: the same data issued again is the report already issued, whatever the base URL is now.
    verifyUrl: verifyUrlOf(options.publicBaseUrl, id),
  };
  const store = path.join(options.dir, "reports");
  mkdirSync(store, { recursive: true });
  const final = path.join(store, `${id}.pdf`);
  const temp = `${final}.${process.pid}.partial`;
  // Before rendering: the first report of an organisation creates its certificate (about 0.3 s).
  const identity = await signingIdentity(db, orgId, issuer, now);
  const { doc, pages } = prepared.render(provenance);
  try {
    const content = await writePdf(doc, temp);
    const signed = await signPdf(readFileSync(temp), identity, issuer, new Date(now));
    writeFileSync(temp, signed);
    const file = { sha256: createHash("sha256").update(signed).digest("hex"), size: signed.length };
    renameSync(temp, final);
    await inTransaction(db, async () => {
            await db.insert(reports)
                      .values({
                        id,
                        orgId,
                        type: req.type,
                        title: prepared.title,
                        params: { ...req.params, pageSize: req.pageSize },
                        periodStart: prepared.periodStart ?? null,
                        periodEnd: prepared.periodEnd ?? null,
                        subjectId: prepared.subjectId ?? null,
                        dataAsOf: new Date(prepared.loaded.dataAsOf),
                        methodologyVersion: prepared.loaded.methodologyVersion,
                        referenceVersions: prepared.loaded.referenceVersions,
                        dataHash,
                        filePath: final,
                        sha256: file.sha256,
                        size: file.size,
                        contentSha256: content.sha256,
                        contentSize: content.size,
                        signedAt: new Date(now),
                        signingCertificateId: identity.id,
                        pages,
                        issuedBy: actor.user.id,
                        issuedAt: new Date(now),
                      });
            await recordEvent(db, { action: "report.issued", actorUserId: actor.user.id, orgId, targetType: "report", targetId: id, ip: options.ip, details: { type: req.type, params: req.params, sha256: file.sha256 } }, now);
            await prepared.afterIssue?.(id);
          });
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  return { id, existing: false };
}

/**
 * The language a report is written in: its `language` parameter (English for the reports issued
 * before reports had one). For pages that have already checked who may see the report.
 */
export async function languageOfReport(db: Db, reportId: string): Promise<string> {
  const row = firstRow(await db.select({ params: reports.params }).from(reports).where(eq(reports.id, reportId)));
  // SQLite gives the JSON as text, PostgreSQL as an object.
  const params = (typeof row?.params === "string" ? JSON.parse(row.params) : (row?.params ?? {})) as Record<string, unknown>;
  return reportLanguage(params.language);
}
