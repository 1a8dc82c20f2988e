/**
 * Activity-log entries for data leaving the platform: CSV exports and evidence downloads. Each is
 * recorded for the organisation of the person who took the data, before the first byte is sent,
 * so that a download cut short is still on record.
 */
import { countDistinct, eq } from "drizzle-orm";
import type { Db } from "#db/client";
import { importIssues } from "#db/schema";
import type { Actor } from "~/auth/permissions.server";
import { recordEvent } from "./activity-log.server";
import { listSuppliers, supplierQueryParams, type SupplierQuery } from "../suppliers/suppliers.server";
import { firstRow } from "#db/client";

/** The supplier list export: the filters and sort as in the list's address, and how many rows they select. */
export async function recordSupplierExport(db: Db, actor: Actor, orgId: number, query: SupplierQuery, ip: string | null): Promise<void> {
  const rows = (await listSuppliers(db, actor, orgId, { ...query, page: 1 })).total;
  await recordEvent(db, { action: "export.suppliers", actorUserId: actor.user.id, orgId, ip, details: { filters: supplierQueryParams(query), rows } });
}

/** An import's error report: which import, and how many of its rows have problems. */
export async function recordImportErrorsExport(db: Db, actor: Actor, importId: number, ip: string | null): Promise<void> {
  const rows = firstRow(await db.select({ n: countDistinct(importIssues.row) }).from(importIssues).where(eq(importIssues.importId, importId)))?.n ?? 0;
  await recordEvent(db, { action: "export.import_errors", actorUserId: actor.user.id, orgId: actor.membership?.orgId ?? null, targetType: "import", targetId: importId, ip, details: { rows } });
}

/** An evidence file downloaded: a finding's or corrective action's ("evidence"), or a contest's. */
export async function recordEvidenceDownload(db: Db, actor: Actor, file: { targetType: "evidence" | "contest" | "fee_case" | "questionnaire_file"; targetId: number; fileName: string; sha256?: string | null }, ip: string | null): Promise<void> {
  await recordEvent(db, {
        action: "evidence.downloaded",
        actorUserId: actor.user.id,
        orgId: actor.membership?.orgId ?? null,
        targetType: file.targetType,
        targetId: file.targetId,
        ip,
        details: { fileName: file.fileName, ...(file.sha256 ? { sha256: file.sha256 } : {}) },
      });
}
