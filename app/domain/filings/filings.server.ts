/**
 * Filings (issue 21, decision 036): the company's filing profile, its statements (one narrative per
 * period, every save a version), the approval of one exact set of versions by a named person, and
 * the filings that render a statement under a regime. Everything belongs to the company: another
 * organisation's statement or filing answers 404 like a missing one.
 *
 * Figures are never typed: a section names them (`{{suppliers_assessed}}`), they are computed from
 * the records when shown and when issued, and printed with the date they are as of.
 */
import { and, asc, desc, eq } from "drizzle-orm";
import { firstRow, inTransaction, rawAll, rawGet, type Db } from "#db/client";
import { filingProfiles, filings, organisations, statementApprovals, statements, statementSections } from "#db/schema";
import type { FilingData } from "#reports/types";
import { defaultFilingLanguage, figureValue } from "#reports/filing";
import { reportLanguage, wordsFor } from "#reports/lib/words";
import { authorize, type Actor } from "~/auth/permissions.server";
import { recordEvent } from "../activity-log/activity-log.server";
import { COMPANY_VISIBLE } from "../audits/visibility.server";
import { companyReportData } from "../reports/company-report-data.server";
import { Conflict, Invalid, NotFound } from "../errors";
import { isDay } from "../fees/fees.server";
import { FIGURE_CODES, REGIMES, SECTION_CODES, financialYear, sectionsOf, statementDue, type FigureCode, type RegimeCode, type SectionCode } from "./regimes";
import type { z } from "zod";
import type { ApprovalSchema, FilingSchema, ProfileSchema, SectionSchema } from "./filings.schemas";

const DAY = 86_400_000;
const dayOf = (t: number) => new Date(t).toISOString().slice(0, 10);
/** The latest day that is not in the future anywhere (UTC+14): an approval signed today in Sydney is not "tomorrow". */
const latestToday = (now: number) => dayOf(now + 14 * 3_600_000);

const orgOf = (actor: Actor) => actor.membership?.orgId ?? -1;

/* ---------------------------------------------------------------- the profile */

export type Profile = typeof filingProfiles.$inferSelect;

export async function filingProfile(db: Db, actor: Actor): Promise<Profile | null> {
  const orgId = orgOf(actor);
  authorize(actor, "filings.view", { orgId });
  return firstRow(await db.select().from(filingProfiles).where(eq(filingProfiles.orgId, orgId))) ?? null;
}

export async function saveProfile(db: Db, actor: Actor, input: z.infer<typeof ProfileSchema>, now = Date.now()): Promise<void> {
  const orgId = orgOf(actor);
  authorize(actor, "filings.write", { orgId });
  // "02-30" passes the form's pattern; no year has it.
  const [m, d] = [Number(input.financialYearEnd.slice(0, 2)), Number(input.financialYearEnd.slice(3))];
  if (d > new Date(Date.UTC(2024, m, 0)).getUTCDate()) throw new Invalid("financialYearEnd", "filings:errors.yearEnd");
  const values = { financialYearEnd: input.financialYearEnd, turnoverBand: input.turnoverBand, sectors: input.sectors, regimes: input.regimes, groupStatement: input.groupStatement, updatedBy: actor.user.id, updatedAt: new Date(now) };
  await inTransaction(db, async () => {
    await db.insert(filingProfiles).values({ orgId, ...values }).onConflictDoUpdate({ target: filingProfiles.orgId, set: values });
    await recordEvent(db, { action: "filing.profile_saved", actorUserId: actor.user.id, orgId, targetType: "organisation", targetId: orgId, details: { regimes: input.regimes, financialYearEnd: input.financialYearEnd } }, now);
  });
}

/* ---------------------------------------------------------------- figures */

export type Figures = Record<FigureCode, number | null>;

/**
 * The figures for a period, from the company's own records: counts of what exists as of now
 * (suppliers, scores), counts of what happened in the period (audits, grievances, repayments).
 * `asOf` is when they were computed; the page and the filing print it.
 */
export async function computeFigures(db: Db, orgId: number, period: { from: string; to: string }, now: number): Promise<Figures> {
  const start = new Date(Date.parse(`${period.from}T00:00:00Z`));
  const end = new Date(Date.parse(`${period.to}T00:00:00Z`) + DAY);
  const nowAt = new Date(now);
  const s = (await rawGet<{ listed: number; assessed: number; high: number | null; countries: number }>(
    db,
    `select count(*) as listed, count(risk_score) as assessed, sum(case when risk_band in ('high', 'critical') then 1 else 0 end) as high, count(distinct country) as countries
       from suppliers where org_id = ? and merged_into_id is null`,
    orgId,
  ))!;
  const one = async (sqlText: string, ...args: unknown[]) => Number((await rawGet<{ n: number | null }>(db, sqlText, ...args))?.n ?? 0);
  const visible = `from audits a where a.company_org_id = ? and ${COMPANY_VISIBLE} and a.starts_at >= ? and a.starts_at < ?`;
  const today = dayOf(now);
  const high = Number(s.high ?? 0);
  return {
    suppliers_listed: Number(s.listed),
    suppliers_assessed: Number(s.assessed),
    suppliers_high_or_critical: high,
    // A share of nothing is unknown, not 0 %: no supplier assessed must not read as no risk.
    share_high_or_critical: Number(s.assessed) > 0 ? high / Number(s.assessed) : null,
    suppliers_unscored: Number(s.listed) - Number(s.assessed),
    countries: Number(s.countries),
    recruiters: await one(`select count(*) as n from recruiters where org_id = ?`, orgId),
    audits_completed: await one(`select count(*) as n ${visible} and a.status in ('completed', 'report_issued')`, orgId, nowAt, start, end),
    findings_open: await one(`select count(*) as n from corrective_actions c where c.company_org_id = ? and c.status in ('open', 'in_progress', 'submitted')`, orgId),
    actions_overdue: await one(`select count(*) as n from corrective_actions c where c.company_org_id = ? and c.status in ('open', 'in_progress') and c.due_on < ?`, orgId, today),
    grievances_received: await one(`select count(*) as n from grievance_recipients r where r.org_id = ? and r.created_at >= ? and r.created_at < ?`, orgId, start, end),
    grievances_resolved: await one(
      `select count(*) as n from grievance_recipients r join grievances g on g.id = r.grievance_id where r.org_id = ? and g.closed_at is not null and g.closed_at >= ? and g.closed_at < ?`,
      orgId,
      start,
      end,
    ),
    // Fee cases with a repayment paid in the period (amounts are in several currencies: they are in the annex, not summed).
    fees_repaid: await one(`select count(distinct c.id) as n from fee_cases c join fee_instalments i on i.fee_case_id = c.id where c.org_id = ? and i.paid_on >= ? and i.paid_on <= ?`, orgId, period.from, period.to),
    questionnaires_answered: await one(`select count(distinct q.site_id) as n from questionnaire_shares q where q.buyer_org_id = ? and q.revoked_at is null`, orgId),
  };
}

const FIGURE_TOKEN = /\{\{\s*([a-z_]+)\s*\}\}/g;

/** The figure names a body refers to that do not exist: refused on save, with the names that do. */
function unknownFigures(body: string): string[] {
  return [...body.matchAll(FIGURE_TOKEN)].map((m) => m[1]!).filter((name) => !(FIGURE_CODES as readonly string[]).includes(name));
}

/** Every figure as the reader's language writes it, for the statement page. */
export function figuresIn(figures: Figures, locale: string): { code: FigureCode; value: string }[] {
  const w = wordsFor(reportLanguage(locale));
  return FIGURE_CODES.map((code) => ({ code, value: figureValue(w, code, figures[code]) }));
}

/** The language a regime's filing is issued in unless the user picks another (decision 036, item 5). */
export { defaultFilingLanguage };

/* ---------------------------------------------------------------- statements */

type StatementRow = typeof statements.$inferSelect;

export async function requireStatement(db: Db, actor: Actor, statementId: number, permission: "filings.view" | "filings.write" | "filings.approve"): Promise<StatementRow> {
  const orgId = orgOf(actor);
  authorize(actor, permission, { orgId });
  const row = Number.isSafeInteger(statementId) ? firstRow(await db.select().from(statements).where(and(eq(statements.id, statementId), eq(statements.orgId, orgId)))) : undefined;
  if (!row) throw new NotFound();
  return row;
}

/** The statement for the financial year ending in `year` (from the profile's year end), made on first use. */
export async function openStatement(db: Db, actor: Actor, year: number, now = Date.now()): Promise<number> {
  const orgId = orgOf(actor);
  authorize(actor, "filings.write", { orgId });
  const profile = await filingProfile(db, actor);
  if (!profile) throw new Invalid("year", "filings:errors.noProfile");
  const thisYear = new Date(now).getUTCFullYear();
  if (year < 2015 || year > thisYear + 1) throw new Invalid("year", "filings:errors.yearRange", { value: year, last: thisYear + 1 });
  const period = financialYear(profile.financialYearEnd, year);
  const existing = firstRow(await db.select({ id: statements.id }).from(statements).where(and(eq(statements.orgId, orgId), eq(statements.periodStart, period.from), eq(statements.periodEnd, period.to))));
  if (existing) return existing.id;
  // Two writers opening the same year at once: the unique index keeps one, both land on it.
  await db.insert(statements).values({ orgId, periodStart: period.from, periodEnd: period.to, createdBy: actor.user.id, createdAt: new Date(now) }).onConflictDoNothing();
  return firstRow(await db.select({ id: statements.id }).from(statements).where(and(eq(statements.orgId, orgId), eq(statements.periodStart, period.from), eq(statements.periodEnd, period.to))))!.id;
}

export interface SectionVersion {
  code: SectionCode;
  version: number;
  body: string;
  writtenAt: number;
  writtenBy: string | null;
}

/** The latest version of each written section. */
async function latestSections(db: Db, statementId: number): Promise<Map<SectionCode, SectionVersion>> {
  const rows = await rawAll<{ code: SectionCode; version: number; body: string; writtenAt: number | Date; writtenBy: string | null }>(
    db,
    `select s.section as code, s.version, s.body, s.written_at as "writtenAt", u.name as "writtenBy" from statement_sections s left join users u on u.id = s.written_by
      where s.statement_id = ? and s.version = (select max(x.version) from statement_sections x where x.statement_id = s.statement_id and x.section = s.section)`,
    statementId,
  );
  return new Map(rows.map((r) => [r.code, { ...r, version: Number(r.version), writtenAt: new Date(r.writtenAt).getTime() }]));
}

export interface ApprovalState {
  name: string;
  role: string;
  approvedOn: string;
  recordedAt: number;
  versions: Record<string, number>;
  /** The sections edited (or written) since: empty when the approval covers the statement as it is. */
  changedSince: SectionCode[];
}

async function approvalState(db: Db, statementId: number, latest: Map<SectionCode, SectionVersion>): Promise<ApprovalState | null> {
  const row = firstRow(await db.select().from(statementApprovals).where(eq(statementApprovals.statementId, statementId)).orderBy(desc(statementApprovals.id)).limit(1));
  if (!row) return null;
  const versions = (typeof row.sectionVersions === "string" ? JSON.parse(row.sectionVersions) : row.sectionVersions) as Record<string, number>;
  const changedSince = SECTION_CODES.filter((code) => (latest.get(code)?.version ?? 0) !== (versions[code] ?? 0));
  return { name: row.approverName, role: row.approverRole, approvedOn: row.approvedOn, recordedAt: row.recordedAt.getTime(), versions, changedSince };
}

/** "structure:3,policies:1": the versions a page showed, posted back with the approval. */
export const versionsKey = (latest: Map<SectionCode, SectionVersion>) =>
  SECTION_CODES.filter((c) => latest.has(c))
    .map((c) => `${c}:${latest.get(c)!.version}`)
    .join(",");

export async function statementView(db: Db, actor: Actor, statementId: number, now = Date.now()) {
  const statement = await requireStatement(db, actor, statementId, "filings.view");
  const latest = await latestSections(db, statementId);
  const approval = await approvalState(db, statementId, latest);
  const period = { from: statement.periodStart, to: statement.periodEnd };
  const figures = await computeFigures(db, statement.orgId, period, now);
  const filed = await db.select().from(filings).where(eq(filings.statementId, statementId)).orderBy(asc(filings.id));
  return { statement: { id: statement.id, period }, sections: latest, approval, figures, figuresAsOf: now, versions: versionsKey(latest), filings: filed };
}

export async function sectionHistory(db: Db, actor: Actor, statementId: number, section: SectionCode) {
  await requireStatement(db, actor, statementId, "filings.view");
  return await rawAll<{ version: number; body: string; writtenAt: number; writtenBy: string | null }>(
    db,
    `select s.version, s.body, s.written_at as "writtenAt", u.name as "writtenBy" from statement_sections s left join users u on u.id = s.written_by where s.statement_id = ? and s.section = ? order by s.version desc`,
    statementId,
    section,
  );
}

/**
 * Saves a section as a new version. Unchanged text makes no version. A save from an older version
 * than the latest (someone else saved meanwhile) is refused with the text kept in the form.
 */
export async function saveSection(db: Db, actor: Actor, statementId: number, input: z.infer<typeof SectionSchema>, now = Date.now()): Promise<{ version: number; changed: boolean }> {
  const statement = await requireStatement(db, actor, statementId, "filings.write");
  const unknown = unknownFigures(input.body);
  if (unknown.length) throw new Invalid("body", "filings:errors.figure", { name: unknown[0]!, names: FIGURE_CODES.join(", ") });
  return await inTransaction(db, async () => {
    const current = firstRow(
      await db.select({ version: statementSections.version, body: statementSections.body }).from(statementSections).where(and(eq(statementSections.statementId, statementId), eq(statementSections.section, input.section))).orderBy(desc(statementSections.version)).limit(1),
    );
    const version = current?.version ?? 0;
    if (current && current.body === input.body) return { version, changed: false };
    if (input.baseVersion !== version) throw new Conflict("body", "filings:errors.staleVersion", { version });
    // Two writers saving the same version at once: the unique index keeps the first, the second is told.
    const inserted = await db.insert(statementSections).values({ statementId, section: input.section, version: version + 1, body: input.body, writtenBy: actor.user.id, writtenAt: new Date(now) }).onConflictDoNothing().returning({ id: statementSections.id });
    if (inserted.length === 0) throw new Conflict("body", "filings:errors.staleVersion", { version: version + 1 });
    await recordEvent(db, { action: "filing.section_saved", actorUserId: actor.user.id, orgId: statement.orgId, targetType: "statement", targetId: statementId, details: { section: input.section, version: version + 1 } }, now);
    return { version: version + 1, changed: true };
  });
}

/**
 * Records an approval over exactly the versions the page showed. Refused when there is nothing to
 * approve, when a section changed after the page was shown, or for a day in the future.
 */
export async function approveStatement(db: Db, actor: Actor, statementId: number, input: z.infer<typeof ApprovalSchema>, now = Date.now()): Promise<void> {
  const statement = await requireStatement(db, actor, statementId, "filings.approve");
  if (!isDay(input.approvedOn)) throw new Invalid("approvedOn", "filings:errors.day", { value: input.approvedOn.slice(0, 20) });
  if (input.approvedOn > latestToday(now)) throw new Invalid("approvedOn", "filings:errors.dayFuture", { value: input.approvedOn });
  await inTransaction(db, async () => {
    const latest = await latestSections(db, statementId);
    if (latest.size === 0) throw new Invalid("versions", "filings:errors.nothingToApprove");
    if (input.versions !== versionsKey(latest)) throw new Conflict("versions", "filings:errors.changedSinceShown");
    const sectionVersions = Object.fromEntries([...latest].map(([code, v]) => [code, v.version]));
    await db.insert(statementApprovals).values({ statementId, approverName: input.approverName, approverRole: input.approverRole, approvedOn: input.approvedOn, sectionVersions, recordedBy: actor.user.id, recordedAt: new Date(now) });
    await recordEvent(db, { action: "filing.approved", actorUserId: actor.user.id, orgId: statement.orgId, targetType: "statement", targetId: statementId, details: { approver: input.approverName, role: input.approverRole, approvedOn: input.approvedOn, sectionVersions } }, now);
  });
}

/* ---------------------------------------------------------------- filings */

export async function createFiling(db: Db, actor: Actor, statementId: number, input: z.infer<typeof FilingSchema>, now = Date.now()): Promise<number> {
  const statement = await requireStatement(db, actor, statementId, "filings.write");
  const regime = REGIMES[input.regime];
  let request: Partial<typeof filings.$inferInsert> = {};
  if (regime.kind === "request") {
    const problems: Invalid[] = [];
    if (!input.authority) problems.push(new Invalid("authority", "filings:errors.required"));
    if (!input.product) problems.push(new Invalid("product", "filings:errors.required"));
    if (!isDay(input.receivedOn)) problems.push(new Invalid("receivedOn", "filings:errors.day", { value: input.receivedOn.slice(0, 20) }));
    else if (input.receivedOn > latestToday(now)) problems.push(new Invalid("receivedOn", "filings:errors.dayFuture", { value: input.receivedOn }));
    if (!isDay(input.dueOn)) problems.push(new Invalid("dueOn", "filings:errors.day", { value: input.dueOn.slice(0, 20) }));
    else if (isDay(input.receivedOn) && input.dueOn < input.receivedOn) problems.push(new Invalid("dueOn", "filings:errors.dueBeforeReceived"));
    const refused = Invalid.all(problems);
    if (refused) throw refused;
    request = { authority: input.authority, reference: input.reference || null, receivedOn: input.receivedOn, dueOn: input.dueOn, product: input.product, rawMaterial: input.rawMaterial || null };
  } else {
    // One statement filing per regime and period: a second would be the same document.
    const existing = firstRow(await db.select({ id: filings.id }).from(filings).where(and(eq(filings.statementId, statementId), eq(filings.regime, input.regime))));
    if (existing) return existing.id;
  }
  return await inTransaction(db, async () => {
    const [row] = await db.insert(filings).values({ orgId: statement.orgId, regime: input.regime, statementId, ...request, createdBy: actor.user.id, createdAt: new Date(now) }).returning({ id: filings.id });
    await recordEvent(db, { action: "filing.created", actorUserId: actor.user.id, orgId: statement.orgId, targetType: "filing", targetId: row!.id, details: { regime: input.regime, statementId } }, now);
    return row!.id;
  });
}

type FilingRow = typeof filings.$inferSelect;

export async function ownFiling(db: Db, actor: Actor, filingId: number): Promise<FilingRow> {
  const orgId = orgOf(actor);
  authorize(actor, "filings.view", { orgId });
  const row = Number.isSafeInteger(filingId) ? firstRow(await db.select().from(filings).where(and(eq(filings.id, filingId), eq(filings.orgId, orgId)))) : undefined;
  if (!row) throw new NotFound();
  return row;
}

/** Records the report issued for a filing (in the transaction that records the report). */
export async function markIssued(db: Db, filingId: number, reportId: string): Promise<void> {
  await db.update(filings).set({ reportId }).where(eq(filings.id, filingId));
}

/* ---------------------------------------------------------------- what is due */

export interface DueLine {
  regime: RegimeCode;
  period: { from: string; to: string };
  dueOn: string;
  statementId: number | null;
  filingId: number | null;
  reportId: string | null;
  /** "issued", "approved" (ready to issue), "draft" (written, not approved or changed since), "not_started". */
  state: "issued" | "approved" | "draft" | "not_started";
  overdue: boolean;
}

/**
 * For each regime the company files under, the last two financial years that have ended and what
 * is due for them; and the open requests (EU, US) with their deadlines. Computed from the profile
 * and the records, never stored.
 */
export async function filingsOverview(db: Db, actor: Actor, now = Date.now()) {
  const profile = await filingProfile(db, actor);
  const orgId = orgOf(actor);
  const org = firstRow(await db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, orgId)))!;
  if (!profile) return { company: org.name, profile: null, due: [] as DueLine[], requests: [] as (FilingRow & { state: DueLine["state"]; overdue: boolean })[], statements: [] as StatementRow[] };
  const today = dayOf(now);
  const all = await db.select().from(statements).where(eq(statements.orgId, orgId)).orderBy(desc(statements.periodEnd));
  const filed = await db.select().from(filings).where(eq(filings.orgId, orgId)).orderBy(desc(filings.id));
  const stateOf = async (statementId: number | null, reportId: string | null): Promise<DueLine["state"]> => {
    if (reportId) return "issued";
    if (statementId === null) return "not_started";
    const latest = await latestSections(db, statementId);
    if (latest.size === 0) return "not_started";
    const approval = await approvalState(db, statementId, latest);
    return approval && approval.changedSince.length === 0 ? "approved" : "draft";
  };
  const due: DueLine[] = [];
  const thisYear = new Date(now).getUTCFullYear();
  for (const code of profile.regimes as RegimeCode[]) {
    if (REGIMES[code]?.kind !== "statement") continue;
    for (const year of [thisYear + 1, thisYear, thisYear - 1, thisYear - 2]) {
      const period = financialYear(profile.financialYearEnd, year);
      // Only years that have ended; the two latest of them.
      if (period.to >= today) continue;
      if (due.filter((d) => d.regime === code).length >= 2) break;
      const statement = all.find((s) => s.periodStart === period.from && s.periodEnd === period.to) ?? null;
      const filing = statement ? (filed.find((f) => f.statementId === statement.id && f.regime === code) ?? null) : null;
      const dueOn = statementDue(code, period.to)!;
      const state = await stateOf(statement?.id ?? null, filing?.reportId ?? null);
      due.push({ regime: code, period, dueOn, statementId: statement?.id ?? null, filingId: filing?.id ?? null, reportId: filing?.reportId ?? null, state, overdue: state !== "issued" && dueOn < today });
    }
  }
  const requests = [];
  for (const f of filed.filter((x) => REGIMES[x.regime as RegimeCode]?.kind === "request")) {
    const state = await stateOf(f.statementId, f.reportId);
    requests.push({ ...f, state, overdue: state !== "issued" && (f.dueOn ?? "9999") < today });
  }
  return { company: org.name, profile, due, requests, statements: all };
}

/* ---------------------------------------------------------------- the data a filing is issued from */

const TRACE_MAX = 200;

/** The suppliers making the product (or its raw material), with every supplier up and down their chains. */
async function tracing(db: Db, orgId: number, product: string, rawMaterial: string | null, now: number): Promise<NonNullable<FilingData["tiers"]>> {
  const rows = await rawAll<{ id: number; name: string; country: string; products: string | string[]; parentId: number | null; tier: number | null; band: string | null }>(
    db,
    `select id, name, country, products, parent_id as "parentId", tier, risk_band as band from suppliers where org_id = ? and merged_into_id is null order by id`,
    orgId,
  );
  const all = rows.map((r) => ({ ...r, products: (typeof r.products === "string" ? JSON.parse(r.products) : r.products) as string[] }));
  const byId = new Map(all.map((r) => [r.id, r]));
  const terms = [product, rawMaterial].filter((t): t is string => Boolean(t)).map((t) => t.toLowerCase());
  const chosen = new Set<number>();
  for (const r of all) if (r.products.some((p) => terms.some((t) => p.toLowerCase().includes(t) || t.includes(p.toLowerCase())))) chosen.add(r.id);
  // Up the chain to the company (each parent), and down to what feeds a chosen supplier.
  for (const id of [...chosen]) for (let p = byId.get(id)?.parentId ?? null, guard = 0; p !== null && byId.has(p) && guard < 20; p = byId.get(p)!.parentId, guard++) chosen.add(p);
  for (let grew = true; grew; ) {
    grew = false;
    for (const r of all) {
      if (chosen.has(r.id) || r.parentId === null || !chosen.has(r.parentId)) continue;
      chosen.add(r.id);
      grew = true;
    }
  }
  const ids = [...chosen].sort((a, b) => a - b).slice(0, TRACE_MAX);
  const evidence = new Map<number, { kind: string; label: string; date: string | null; sha256?: string }[]>(ids.map((id) => [id, []]));
  if (ids.length) {
    const list = ids.join(",");
    for (const a of await rawAll<{ supplierId: number; id: number; type: string; startsAt: number | Date }>(
      db,
      `select a.supplier_id as "supplierId", a.id, a.type, a.starts_at as "startsAt" from audits a where a.company_org_id = ? and a.supplier_id in (${list}) and ${COMPANY_VISIBLE} and a.status in ('completed', 'report_issued') order by a.starts_at`,
      orgId,
      new Date(now),
    ))
      evidence.get(a.supplierId)!.push({ kind: "audit", label: `#${a.id} (${a.type})`, date: dayOf(new Date(a.startsAt).getTime()) });
    for (const t of await rawAll<{ supplierId: number; scheme: string; body: string; auditedOn: string; sha: string | null }>(
      db,
      `select supplier_id as "supplierId", scheme, body, audited_on as "auditedOn", report_sha256 as sha from third_party_audits where org_id = ? and supplier_id in (${list}) order by audited_on`,
      orgId,
    ))
      evidence.get(t.supplierId)!.push({ kind: "third_party_audit", label: `${t.scheme}, ${t.body}`, date: t.auditedOn, ...(t.sha ? { sha256: t.sha } : {}) });
  }
  const tiers = new Map<number | null, NonNullable<FilingData["tiers"]>[number]["suppliers"]>();
  for (const id of ids) {
    const r = byId.get(id)!;
    const list = tiers.get(r.tier) ?? [];
    list.push({ id, name: r.name, country: r.country, products: r.products, parentId: r.parentId !== null && chosen.has(r.parentId) ? r.parentId : null, band: r.band, evidence: evidence.get(id)! });
    tiers.set(r.tier, list);
  }
  return [...tiers.entries()].sort(([a], [b]) => (a ?? 99) - (b ?? 99)).map(([tier, suppliers]) => ({ tier, suppliers }));
}

/**
 * What a filing is issued from. Refused while its statement is not approved as it stands: a draft
 * never leaves the platform looking like a statement.
 */
export async function filingData(db: Db, actor: Actor, filingId: number): Promise<{ data: FilingData; dataAsOf: number }> {
  // Readers may export a filing's answers; issuing it is authorised by issueReport (reports.issue).
  const filing = await ownFiling(db, actor, filingId);
  const statement = await requireStatement(db, actor, filing.statementId, "filings.view");
  const latest = await latestSections(db, statement.id);
  const approval = await approvalState(db, statement.id, latest);
  if (!approval) throw new Invalid("filingId", "filings:errors.notApproved");
  if (approval.changedSince.length) throw new Invalid("filingId", "filings:errors.changedSinceApproval", { sections: approval.changedSince.join(", ") });
  const regime = filing.regime as RegimeCode;
  const period = { from: statement.periodStart, to: statement.periodEnd };
  const profile = firstRow(await db.select().from(filingProfiles).where(eq(filingProfiles.orgId, filing.orgId)));
  const company = firstRow(await db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, filing.orgId)))!.name;
  // The figures as of the latest change to what they count (so the same records issue the same report).
  const asOf = Number(
    (
      await rawGet<{ t: number | null }>(
        db,
        `select max(t) as t from (select max(coalesce(updated_at, created_at)) as t from suppliers where org_id = ? union all select max(computed_at) from risk_scores where org_id = ? union all select max(coalesce(updated_at, created_at)) from audits where company_org_id = ? union all select max(created_at) from grievance_recipients where org_id = ? union all select max(recorded_at) from statement_approvals where statement_id = ?) x`,
        filing.orgId,
        filing.orgId,
        filing.orgId,
        filing.orgId,
        statement.id,
      )
    )?.t ?? 0,
  );
  const dataAsOf = new Date(asOf).getTime() || approval.recordedAt;
  const figures = await computeFigures(db, filing.orgId, period, dataAsOf);
  const data: FilingData = {
    regime,
    company: { name: company, turnoverBand: profile?.turnoverBand ?? null, sectors: (profile?.sectors as string[]) ?? [], financialYearEnd: profile?.financialYearEnd ?? null, groupStatement: Boolean(profile?.groupStatement) },
    period,
    sections: sectionsOf(regime).map((code) => {
      const s = latest.get(code);
      // Figures are inserted by the renderer, in the report's language (one place: reports/filing.ts).
      return { code, version: s?.version ?? null, body: s?.body ?? null };
    }),
    approval: { name: approval.name, role: approval.role, approvedOn: approval.approvedOn },
    // Every figure: a section may name any of them; each part's table prints its own.
    figures: FIGURE_CODES.map((code) => ({ code, value: figures[code] })),
    figuresAsOf: new Date(dataAsOf).toISOString(),
  };
  // The data annex (decision 036), signed with the statement as one document; not in Canada's report, which has a page limit.
  if (regime !== "ca_s211") data.annex = (await companyReportData(db, actor, filing.orgId, period, dataAsOf)).data;
  if (REGIMES[regime].kind === "request") {
    data.request = { authority: filing.authority ?? "", reference: filing.reference ?? "", receivedOn: filing.receivedOn ?? "", dueOn: filing.dueOn ?? "", product: filing.product ?? "", rawMaterial: filing.rawMaterial };
    data.tiers = await tracing(db, filing.orgId, filing.product ?? "", filing.rawMaterial, dataAsOf);
  }
  return { data, dataAsOf };
}
