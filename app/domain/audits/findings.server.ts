/**
 * Recording what an audit found, indicator by indicator, with evidence files. A save is all or
 * nothing: the evidence is checked and stored first, the rows written in one transaction, and
 * the files removed again if the transaction fails. The supplier's score follows at once.
 */
import { and, eq } from "drizzle-orm";
import { rmSync } from "node:fs";
import { inTransaction, type Db, firstRow, onlyRow, rawGet } from "#db/client";
import { auditProposals, evidence, findings, FINDING_RESULTS, type FindingResult } from "#db/schema";
import { type Actor } from "~/auth/permissions.server";
import type { StoredEvidence } from "~/lib/evidence.server";
import { recordEvent } from "../activity-log/activity-log.server";
import { Invalid } from "../errors";
import { INDICATORS, isIndicatorCode } from "../indicators";
import { scoreOrganisation, type ScoringOutcome } from "../risk/scoring.server";
import { sharedSupplier } from "../sharing/shared-suppliers.server";
import { emitWebhookEvent } from "../webhooks/subscriptions.server";
import { findingsOf } from "./audit-views.server";
import { checkInterviews } from "./interviews";
import { writeInterviews } from "./interviews.server";
import { addLocalDays, fromLocal, localDay } from "./local-time";
import { requireOwnAudit } from "./scheduling.server";
import { dueDaysFor, settingsOf } from "./settings.server";
import { RECORDING } from "./status";
import { refreshWorkplaceSnapshot } from "./workplaces.server";
import { storeText } from "./plan-text";
import { companyCanSeeAudit } from "./visibility.server";

export const MAX_DESCRIPTION = 5000;
export const MAX_FILES_PER_FINDING = 10;

export interface FindingInput {
  indicator: string;
  /** "" = not assessed (no row). */
  result: FindingResult | "";
  description: string;
  workersInterviewed: string;
}

const GROUP = new Map<string, string>(INDICATORS.map((i) => [i.code, i.group]));

/** The values a refusal names its indicator by: the "actions" catalog nests "indicators:<group>.<indicator>" (the reader's language). */
export const indicatorValues = (code: string): { group: string; indicator: string } => ({ group: GROUP.get(code) ?? "ilo", indicator: code });

/** Validates one checklist row; the field names match the form's (`description.CODE`...). */
function checkRow(row: FindingInput, fileCount: number): { result: FindingResult | ""; description: string; workers: number | null } {
  const code = row.indicator;
  if (!isIndicatorCode(code)) throw new Invalid("form", "actions:errors.unknownIndicator", { code: code.slice(0, 40) });
  // The indicator's name is nested in the message by its key ("$t(indicators:{{group}}.{{indicator}})").
  const indicator = indicatorValues(code);
  if (row.result !== "" && !FINDING_RESULTS.includes(row.result)) throw new Invalid(`result.${code}`, "actions:errors.findingResult", indicator);
  const description = row.description.trim();
  if (description.length > MAX_DESCRIPTION) throw new Invalid(`description.${code}`, "actions:errors.findingTooLong", { ...indicator, max: MAX_DESCRIPTION, length: description.length });
  const observed = row.result === "minor" || row.result === "major" || row.result === "critical";
  if (observed && !description) throw new Invalid(`description.${code}`, "actions:errors.findingDescribe", { ...indicator, result: row.result });
  let workers: number | null = null;
  const w = row.workersInterviewed.trim();
  if (w) {
    if (!/^\d{1,6}$/.test(w)) throw new Invalid(`workers.${code}`, "actions:errors.findingWorkers", { ...indicator, max: 999999, got: w.slice(0, 20) });
    workers = Number(w);
  }
  if (row.result === "" && (description || workers !== null || fileCount)) throw new Invalid(`result.${code}`, "actions:errors.findingNoResult", indicator);
  if (fileCount > MAX_FILES_PER_FINDING) throw new Invalid(`evidence.${code}`, "actions:errors.findingFiles", { ...indicator, count: MAX_FILES_PER_FINDING });
  return { result: row.result, description, workers };
}

export interface SaveFindingsResult extends ScoringOutcome {
  changed: number;
  followUpProposed: boolean;
  /** Whether the interview counts changed (they do not move the score). */
  interviewsChanged: boolean;
}

/**
 * Saves the checklist. `files` are already stored evidence per indicator (see storeEvidence); on
 * any refusal they are deleted, so a failed save leaves neither rows nor files behind.
 */
export async function saveFindings(
  db: Db,
  actor: Actor,
  auditId: number,
  rows: FindingInput[],
  files: Map<string, StoredEvidence[]>,
  options: { ip?: string | null; now?: number; /** The interview grid's cells as typed (interviews.server.ts); absent: left as they are. */ interviews?: Record<string, string> | null } = {},
): Promise<SaveFindingsResult> {
  const now = options.now ?? Date.now();
  try {
    const audit = await requireOwnAudit(db, actor, auditId, "audits.record");
    if (!RECORDING.includes(audit.status)) {
      throw new Invalid("form", "actions:errors.findingsNotRecording", { status: audit.status });
    }
    const existing = new Map((await findingsOf(db, auditId)).map((f) => [f.indicator, f]));
    const checked = rows.map((row) => ({ row, ...checkRow(row, files.get(row.indicator)?.length ?? 0) }));
    const interviews = options.interviews ? checkInterviews(options.interviews) : null;
    let interviewsChanged = false;
    let changed = 0;
    let critical = false;
    // Webhooks (decision 038): "finding.recorded" goes to the organisations whose audit page shows
    // the finding: the inspectorate that recorded it, and the audited company once the audit is
    // visible to it (an unannounced audit not before it started: visibility.server.ts). Written
    // in the findings' transaction, so an event is kept exactly when its finding is.
    const companySees = await companyCanSeeAudit(db, auditId, now);
    const recorded: Record<string, unknown>[] = [];
    await inTransaction(db, async () => {
            if (interviews && (await writeInterviews(db, auditId, interviews))) {
              interviewsChanged = true;
              await recordEvent(db, { action: "audit.interviews_recorded", actorUserId: actor.user.id, orgId: audit.orgId, targetType: "audit", targetId: auditId, ip: options.ip, details: { total: interviews.total, cells: interviews.cells } }, now);
            }
            for (const { row, result, description, workers } of checked) {
              const before = existing.get(row.indicator);
              const added = files.get(row.indicator) ?? [];
              if (result === "critical") critical = true;
              if (result === "") {
                if (!before) continue;
                const hasActions = await rawGet(db, `select 1 from corrective_actions where finding_id = ?`, before.id);
                if (before.evidence.length || hasActions) throw new Invalid(`result.${row.indicator}`, "actions:errors.findingClear", indicatorValues(row.indicator));
                await db.delete(findings).where(eq(findings.id, before.id));
                await recordEvent(db, { action: "finding.removed", actorUserId: actor.user.id, orgId: audit.orgId, targetType: "audit", targetId: auditId, ip: options.ip, details: { indicator: row.indicator, was: before.result } }, now);
                changed++;
                continue;
              }
              const same = before && before.result === result && before.description === description && before.workersInterviewed === workers;
              let findingId = before?.id;
              if (!same) {
                const values = { result, description, workersInterviewed: workers, recordedBy: actor.user.id, recordedAt: new Date(now) };
                if (before) await db.update(findings).set(values).where(eq(findings.id, before.id));
                else findingId = onlyRow(await db.insert(findings).values({ auditId, indicator: row.indicator, ...values }).returning({ id: findings.id })).id;
                await recordEvent(db, { action: "finding.recorded", actorUserId: actor.user.id, orgId: audit.orgId, targetType: "audit", targetId: auditId, ip: options.ip, details: { indicator: row.indicator, result, was: before?.result ?? null, workersInterviewed: workers } }, now);
                recorded.push({ audit: { id: auditId, supplierId: audit.supplierId }, finding: { id: findingId, indicator: row.indicator, result, previousResult: before?.result ?? null } });
                changed++;
              }
              for (const file of added) {
                // The same file again (a retried save, a double click) is already there: keep one copy.
                const known = before?.evidence.some((e) => e.sha256 === file.sha256);
                if (known) {
                  rmSync(file.path, { force: true });
                  continue;
                }
                await db.insert(evidence).values({ findingId: findingId!, orgId: audit.orgId, fileName: file.name, filePath: file.path, sha256: file.sha256, size: file.size, mime: file.mime, uploadedBy: actor.user.id, createdAt: new Date(now) });
                await recordEvent(db, { action: "evidence.uploaded", actorUserId: actor.user.id, orgId: audit.orgId, targetType: "finding", targetId: findingId!, ip: options.ip, details: { name: file.name, sha256: file.sha256, size: file.size } }, now);
                changed++;
              }
            }
            await emitWebhookEvent(db, audit.orgId, "finding.recorded", recorded, now);
            if (companySees) await emitWebhookEvent(db, audit.companyOrgId, "finding.recorded", recorded, now);
          });
    // No follow-up is proposed for a workplace the company no longer shares: it could not be scheduled.
    const followUpProposed = critical && await sharedSupplier(db, audit.orgId, audit.supplierId) !== null && await proposeFollowUp(db, actor, audit, now);
    const outcome = changed ? await scoreOrganisation(db, audit.companyOrgId, { supplierIds: [audit.supplierId], cause: `findings of audit #${auditId}`, now }) : { scored: 0, changed: 0 };
    if (changed) await refreshWorkplaceSnapshot(db, audit, now);
    return { ...outcome, changed, followUpProposed, interviewsChanged };
  } catch (error) {
    for (const list of files.values()) for (const f of list) rmSync(f.path, { force: true });
    throw error;
  }
}

/**
 * A critical finding proposes a follow-up audit when the critical corrective actions fall due
 * (once per audit): the lead inspector accepts, moves or rejects it like any proposal.
 */
async function proposeFollowUp(db: Db, actor: Actor, audit: { id: number; orgId: number; supplierId: number; leadInspectorId: number }, now: number): Promise<boolean> {
  const already = firstRow(await db.select({ id: auditProposals.id }).from(auditProposals).where(and(eq(auditProposals.orgId, audit.orgId), eq(auditProposals.followUpOf, audit.id))));
  const scheduled = await rawGet(db, `select 1 from audits where follow_up_of = ? and status != 'cancelled'`, audit.id);
  if (already || scheduled) return false;
  const settings = await settingsOf(db, audit.orgId);
  const day = addLocalDays(localDay(now, settings.timeZone), settings.criticalDueDays);
  await db.insert(auditProposals)
        .values({
          orgId: audit.orgId,
          supplierId: audit.supplierId,
          type: "follow_up",
          leadInspectorId: audit.leadInspectorId,
          startsAt: new Date(fromLocal(`${day}T09:00`, settings.timeZone)!),
          endsAt: new Date(fromLocal(`${day}T13:00`, settings.timeZone)!),
          // The English line and its catalog keys (plan-text.ts): the plan page says it in the reader's language.
          reason: storeText({ en: `Critical finding in audit #${audit.id}: check the corrective actions when they fall due (${settings.criticalDueDays} days).`, said: { key: "plan.reason.findingFollowUp", values: { id: audit.id, count: settings.criticalDueDays } } }),
          followUpOf: audit.id,
          createdBy: actor.user.id,
          createdAt: new Date(now),
        });
  return true;
}

/** Due date of a corrective action for a finding of this severity recorded on `day`. */
export async function dueDateFor(db: Db, orgId: number, severity: "minor" | "major" | "critical", day: string): Promise<string> {
  return addLocalDays(day, dueDaysFor(await settingsOf(db, orgId), severity));
}
