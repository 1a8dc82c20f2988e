/**
 * Audits done by others (issue 20 item 5): SMETA, amfori BSCI, RBA VAP, SA8000 or a national
 * labour inspection, with the scheme, the body, the day, the rating, the findings per indicator and
 * the report. A supplier records them once for its site and every buyer it shares its answers with
 * recognises them; a buyer may record one for its own record (seen by that buyer only). Nobody else
 * sees them: a site or record of another organisation answers 404.
 *
 * What an audit counts for is computed against `now`, never stored: an audit past its validity, or
 * older than the method's twelve months, stops being a mitigation on the day it expires, without a
 * job having to notice.
 */
import { and, desc, eq } from "drizzle-orm";
import { firstRow, onlyRow, type Db } from "#db/client";
import { supplierSites, suppliers, thirdPartyAudits } from "#db/schema";
import { authorize, type Actor } from "~/auth/permissions.server";
import type { StoredEvidence } from "~/lib/evidence.server";
import { recordEvent } from "../activity-log/activity-log.server";
import { Invalid, NotFound } from "../errors";
import { INDICATORS } from "../indicators";
import { ownRecord, ownSite } from "../questionnaires/access.server";
import { sharedBuyers } from "../questionnaires/buyer-view.server";
import { rescoreBuyerRecords } from "../questionnaires/rescore-buyers.server";
import { scoreOrganisation } from "../risk/scoring.server";
import { addMonths, auditRowsForRecords, auditStanding, type Provenance, type ThirdPartyAuditRow } from "./observations.server";
import type { FindingLevel, RecordThirdPartyAuditInput } from "./schemas";

export { auditStanding, RECENT_AUDIT_MONTHS, thirdPartyObservations, type ThirdPartyAuditRow, type ThirdPartyObservations } from "./observations.server";

/** No scheme certifies for longer (SA8000's certificate cycle): a later validity is a typing error. */
export const MAX_VALIDITY_YEARS = 3;
export const BODY_MAX = 200;
export const RATING_MAX = 40;

export type AuditSubject = { siteId: number } | { supplierId: number };

const dayOf = (t: number) => new Date(t).toISOString().slice(0, 10);
/** The latest day that is not in the future anywhere (UTC+14): an audit closed today in Kiribati is not refused. */
const latestToday = (now: number) => dayOf(now + 14 * 3_600_000);

function isDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const t = Date.parse(`${value}T00:00:00Z`);
  return Number.isFinite(t) && dayOf(t) === value;
}


/** The day typed into `field`, or the refusal beside it. */
function dayField(value: string, field: string): string | Invalid {
  const v = value.trim();
  if (!v) return new Invalid(field, "suppliers:thirdPartyAudits.errors.dayRequired");
  if (!isDay(v)) return new Invalid(field, "suppliers:thirdPartyAudits.errors.day", { value: v.slice(0, 40) });
  return v;
}

/** The checked values of the form, or every refusal at once (Invalid.all), each beside its field. */
export function checkAuditInput(input: RecordThirdPartyAuditInput, now: number) {
  const problems: Invalid[] = [];
  const body = input.body.trim();
  if (!body) problems.push(new Invalid("body", "suppliers:thirdPartyAudits.errors.bodyRequired"));
  else if (body.length > BODY_MAX) problems.push(new Invalid("body", "suppliers:thirdPartyAudits.errors.tooLong", { max: BODY_MAX, length: body.length }));
  const auditedOn = dayField(input.auditedOn, "auditedOn");
  if (auditedOn instanceof Invalid) problems.push(auditedOn);
  else if (auditedOn > latestToday(now)) problems.push(new Invalid("auditedOn", "suppliers:thirdPartyAudits.errors.future", { value: auditedOn }));
  const validUntil = dayField(input.validUntil, "validUntil");
  if (validUntil instanceof Invalid) problems.push(validUntil);
  else if (typeof auditedOn === "string") {
    // Compared with the audit's day only when that day could be read.
    if (validUntil < auditedOn) problems.push(new Invalid("validUntil", "suppliers:thirdPartyAudits.errors.validBefore", { value: validUntil, auditedOn }));
    else if (validUntil > addMonths(auditedOn, MAX_VALIDITY_YEARS * 12)) problems.push(new Invalid("validUntil", "suppliers:thirdPartyAudits.errors.validTooLong", { value: validUntil, years: MAX_VALIDITY_YEARS }));
  }
  const rating = input.rating.trim();
  if (rating.length > RATING_MAX) problems.push(new Invalid("rating", "suppliers:thirdPartyAudits.errors.tooLong", { max: RATING_MAX, length: rating.length }));
  const refused = Invalid.all(problems);
  if (refused) throw refused;
  const findings: Record<string, FindingLevel> = {};
  const values = input as unknown as Record<string, string>;
  for (const { code } of INDICATORS) {
    const level = values[`finding.${code}`];
    if (level) findings[code] = level as FindingLevel;
  }
  return { scheme: input.scheme, body, auditedOn: auditedOn as string, validUntil: validUntil as string, rating: rating || null, findings };
}

/** The organisation that owns the audit's subject: the supplier for a site, the buyer for a record (404 when missing). */
async function subjectOwner(db: Db, subject: AuditSubject): Promise<number> {
  const row =
    "siteId" in subject
      ? firstRow(await db.select({ orgId: supplierSites.orgId }).from(supplierSites).where(eq(supplierSites.id, subject.siteId)).limit(1))
      : firstRow(await db.select({ orgId: suppliers.orgId }).from(suppliers).where(eq(suppliers.id, subject.supplierId)).limit(1));
  if (!row) throw new NotFound();
  return row.orgId;
}

/** Records an audit done by others for the actor's own site or record, with its report when one came. */
export async function recordThirdPartyAudit(db: Db, actor: Actor, subject: AuditSubject, input: RecordThirdPartyAuditInput, report: StoredEvidence | null, now = Date.now(), ip?: string | null): Promise<ThirdPartyAuditRow> {
  const orgId = await subjectOwner(db, subject);
  authorize(actor, "thirdPartyAudits.record", { orgId });
  const checked = checkAuditInput(input, now);
  const row = onlyRow(
    await db
      .insert(thirdPartyAudits)
      .values({
        orgId,
        siteId: "siteId" in subject ? subject.siteId : null,
        supplierId: "supplierId" in subject ? subject.supplierId : null,
        ...checked,
        reportName: report?.name ?? null,
        reportPath: report?.path ?? null,
        reportSha256: report?.sha256 ?? null,
        reportSize: report?.size ?? null,
        reportMime: report?.mime ?? null,
        recordedBy: actor.user.id,
        createdAt: new Date(now),
      })
      .returning(),
  );
  const told = { scheme: row.scheme, body: row.body, auditedOn: row.auditedOn, validUntil: row.validUntil, reportSha256: row.reportSha256 };
  await recordEvent(db, { action: "third_party_audit.recorded", actorUserId: actor.user.id, orgId, targetType: "third_party_audit", targetId: row.id, ip, details: { ...subject, ...told } }, now);
  // A supplier's audit counts in the scores of the buyers it shares with: each is told in its own
  // log, naming its own record and the supplier organisation, not the supplier's staff member.
  if (row.siteId !== null) {
    for (const b of await sharedBuyers(db, row.siteId)) {
      await recordEvent(db, { action: "third_party_audit.recorded", actorUserId: null, orgId: b.buyerOrgId, targetType: "third_party_audit", targetId: row.id, ip, details: { side: "buyer", supplierId: b.supplierId, supplierOrgId: orgId, ...told } }, now);
    }
  }
  // The buyers it reaches see it in their scores at once: every buyer the site is shared with, or the recording buyer's record.
  const cause = `third-party audit ${row.id} recorded`;
  if (row.siteId !== null) await rescoreBuyerRecords(db, row.siteId, null, cause, now);
  else await scoreOrganisation(db, orgId, { supplierIds: [row.supplierId!], cause, now });
  return row;
}

export interface VisibleAudit extends Omit<ThirdPartyAuditRow, "reportPath"> {
  /** Who recorded it, from the reader's side: the supplier (through its share) or the buyer itself. */
  provenance: Provenance;
  standing: ReturnType<typeof auditStanding>;
}

function visible(row: ThirdPartyAuditRow, provenance: VisibleAudit["provenance"], now: number): VisibleAudit {
  const { reportPath: _path, ...rest } = row;
  return { ...rest, provenance, standing: auditStanding(row, now) };
}

/**
 * The one read of third-party audits for a buyer's record: the buyer's own, and those the supplier
 * recorded for the site this record is linked to, while the supplier shares that site with this
 * buyer (a revoked share hides them again). Newest first.
 */
export async function auditsForBuyer(db: Db, actor: Actor, supplierId: number, now = Date.now()): Promise<VisibleAudit[]> {
  const orgId = await subjectOwner(db, { supplierId });
  authorize(actor, "suppliers.view", { orgId });
  const rows = await auditRowsForRecords(db, orgId, [supplierId]);
  return rows.map(({ row, provenance }) => visible(row, provenance, now));
}

/** A supplier's audits of its own site, newest first. */
export async function auditsOfSite(db: Db, actor: Actor, siteId: number, now = Date.now()): Promise<VisibleAudit[]> {
  const orgId = await subjectOwner(db, { siteId });
  authorize(actor, "sites.view", { orgId });
  const rows = await db.select().from(thirdPartyAudits).where(and(eq(thirdPartyAudits.siteId, siteId), eq(thirdPartyAudits.orgId, orgId))).orderBy(desc(thirdPartyAudits.auditedOn), desc(thirdPartyAudits.id));
  return rows.map((row) => visible(row, "supplier", now));
}


export interface AuditReport {
  auditId: number;
  name: string;
  path: string;
  sha256: string | null;
}

function reportOf(row: ThirdPartyAuditRow | undefined): AuditReport {
  // No audit, or one without a report, is the same answer: nothing to download here.
  if (!row?.reportPath || !row.reportName) throw new NotFound();
  return { auditId: row.id, name: row.reportName, path: row.reportPath, sha256: row.reportSha256 };
}

const isId = (id: number) => Number.isSafeInteger(id) && id > 0;

/** The report of one of the supplier's audits of its own site: another organisation's site or audit answers 404. */
export async function siteAuditReport(db: Db, actor: Actor, siteId: number, auditId: number): Promise<AuditReport> {
  // The permission on the actor's own organisation first (a buyer is refused, 403), then the site inside it (404).
  const site = await ownSite(db, actor, "sites.view", siteId);
  if (!isId(auditId)) throw new NotFound();
  return reportOf(firstRow(await db.select().from(thirdPartyAudits).where(and(eq(thirdPartyAudits.id, auditId), eq(thirdPartyAudits.siteId, site.id), eq(thirdPartyAudits.orgId, site.orgId)))));
}

/**
 * The report of an audit the buyer may rely on for this record, through the same read as the list
 * (auditRowsForRecords): its own audit, or the supplier's while the site is shared with it. A
 * revoked share answers 404 at once, like an audit that never existed.
 */
export async function buyerAuditReport(db: Db, actor: Actor, supplierId: number, auditId: number): Promise<AuditReport> {
  const record = await ownRecord(db, actor, "suppliers.view", supplierId);
  if (!isId(auditId)) throw new NotFound();
  const seen = (await auditRowsForRecords(db, record.orgId, [record.id])).find((r) => r.row.id === auditId);
  return reportOf(seen?.row);
}

/**
 * What the buyer's supplier page says in one line: the current audit (valid today) latest by
 * validity, or none. Computed with the list's read, so the card never claims more than the list.
 */
export async function currentAuditForBuyer(db: Db, actor: Actor, supplierId: number, now = Date.now()): Promise<{ current: VisibleAudit | null; total: number }> {
  const audits = await auditsForBuyer(db, actor, supplierId, now);
  const current = audits.filter((a) => !a.standing.expired).sort((a, b) => b.validUntil.localeCompare(a.validUntil) || b.auditedOn.localeCompare(a.auditedOn))[0] ?? null;
  return { current, total: audits.length };
}
