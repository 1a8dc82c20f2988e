/**
 * The recruitment-fee repayment ledger (issue 19, Employer Pays Principle): what workers paid to be
 * recruited for one of the company's suppliers, the plan to repay them, each instalment paid with
 * its proof, and how many workers confirmed receiving it (through their grievance case code, see
 * worker-fees.server.ts). Everything here belongs to the buying company; another organisation's
 * fee case answers 404 like a missing one. Amounts are integers in the currency's minor unit.
 */
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import { engineKind, firstRow, inTransaction, onlyRow, rawGet, type Db } from "#db/client";
import { feeCases, feeConfirmations, feeInstalments, grievances, recruiters, suppliers } from "#db/schema";
import { authorize, type Actor } from "~/auth/permissions.server";
import type { StoredEvidence } from "~/lib/evidence.server";
import { recordEvent } from "../activity-log/activity-log.server";
import { Conflict, Invalid, NotFound } from "../errors";
import type { IndicatorCode } from "../indicators";
import { countriesByAlpha2 } from "../reference/countries.server";
import type { FeeAnswer, RecordFeeCaseInput, RecordPaymentInput, SetPlanInput } from "./fees.schemas";
import { AMOUNT_MAX_MINOR, currencyDigits, isCurrency, minorToPlain, parseAmount } from "./money";

export const NOTE_MAX = 2_000;
/** More workers than any one recruitment: a typo guard, not a policy. */
export const WORKERS_MAX = 100_000;

type FeeCaseRow = typeof feeCases.$inferSelect;
type InstalmentRow = typeof feeInstalments.$inferSelect;

/* ---------------------------------------------------------------- days and typed values */

const dayOf = (t: number) => new Date(t).toISOString().slice(0, 10);

/** Today as a UTC day: an instalment is overdue once its due day has passed in UTC. */
export const todayUtc = (now = Date.now()) => dayOf(now);

/**
 * The latest day that is not in the future anywhere: a payment made this morning in Kiribati
 * (UTC+14) is already "tomorrow" in UTC, and must not be refused as a future day.
 */
const latestToday = (now: number) => dayOf(now + 14 * 3_600_000);

/** A real calendar day "YYYY-MM-DD" (not 2026-02-30). */
export function isDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const t = Date.parse(`${value}T00:00:00Z`);
  return Number.isFinite(t) && dayOf(t) === value;
}

function day(value: string, field: string, options: { notFuture?: number } = {}): string {
  const v = value.trim();
  if (!v) throw new Invalid(field, "fees:errors.dayRequired");
  if (!isDay(v)) throw new Invalid(field, "fees:errors.day", { value: v });
  if (options.notFuture !== undefined && v > latestToday(options.notFuture)) throw new Invalid(field, "fees:errors.dayFuture", { value: v });
  return v;
}

/** A typed amount in minor units, or a refusal beside `field` that says what was expected. */
export function amountIn(value: string, currency: string, field: string): number {
  const parsed = parseAmount(value, currency);
  if (parsed.ok) return parsed.minor;
  throw new Invalid(field, `fees:errors.amount.${parsed.problem}`, { value: value.trim().slice(0, 40), digits: parsed.digits, currency });
}

function count(value: string, field: string, max: number): number {
  const v = value.trim();
  if (!/^\d{1,7}$/.test(v) || Number(v) < 1) throw new Invalid(field, "fees:errors.workers", { max });
  const n = Number(v);
  if (n > max) throw new Invalid(field, "fees:errors.workersMax", { max });
  return n;
}

function country(value: string, field: string): string {
  const v = value.trim().toUpperCase();
  if (!countriesByAlpha2().has(v)) throw new Invalid(field, "fees:errors.country");
  return v;
}

function note(value: string, field: string): string | null {
  const v = value.trim();
  if (v.length > NOTE_MAX) throw new Invalid(field, "fees:errors.noteTooLong", { max: NOTE_MAX, length: v.length });
  return v || null;
}

function positiveId(value: string): number | null {
  const v = value.trim();
  return /^\d{1,15}$/.test(v) && Number(v) > 0 ? Number(v) : null;
}

/* ---------------------------------------------------------------- reading one case */

/** The company's fee case, after asking the permission module; another organisation's or a missing one answers 404. */
export async function requireFeeCase(db: Db, actor: Actor, feeCaseId: number, action: "fees.view" | "fees.manage" = "fees.view"): Promise<FeeCaseRow> {
  const orgId = actor.membership?.orgId ?? -1;
  // Ask first for the actor's own organisation: a user who may not see fees at all learns nothing (403 before any read).
  authorize(actor, action, { orgId });
  const row = firstRow(await db.select().from(feeCases).where(eq(feeCases.id, feeCaseId)));
  if (!row || row.orgId !== orgId) throw new NotFound();
  return row;
}

/** What the company's forms offer: its suppliers and recruiters, by name. */
export async function feeFormOptions(db: Db, actor: Actor) {
  const orgId = actor.membership?.orgId ?? -1;
  authorize(actor, "fees.view", { orgId });
  return {
    suppliers: await db.select({ id: suppliers.id, name: suppliers.name, country: suppliers.country }).from(suppliers).where(and(eq(suppliers.orgId, orgId), isNull(suppliers.mergedIntoId))).orderBy(asc(suppliers.name), asc(suppliers.id)).limit(5_000),
    recruiters: await db.select({ id: recruiters.id, name: recruiters.name }).from(recruiters).where(eq(recruiters.orgId, orgId)).orderBy(asc(recruiters.name), asc(recruiters.id)).limit(5_000),
  };
}

/* ---------------------------------------------------------------- writing */

/** Records the fees workers paid, for one of the company's suppliers (and, if named, through one of its recruiters). */
export async function recordFeeCase(db: Db, actor: Actor, input: RecordFeeCaseInput, evidence: StoredEvidence | null, ip: string | null = null, now = Date.now()): Promise<FeeCaseRow> {
  const orgId = actor.membership?.orgId ?? -1;
  authorize(actor, "fees.manage", { orgId });
  const supplierId = positiveId(input.supplierId);
  const supplier = supplierId === null ? undefined : firstRow(await db.select({ id: suppliers.id, orgId: suppliers.orgId }).from(suppliers).where(eq(suppliers.id, supplierId)));
  // Another company's supplier is refused like an unknown one: the form does not confirm what exists elsewhere.
  if (!supplier || supplier.orgId !== orgId) throw new Invalid("supplierId", "fees:errors.supplier");
  let recruiterId: number | null = null;
  if (input.recruiterId.trim()) {
    const id = positiveId(input.recruiterId);
    const recruiter = id === null ? undefined : firstRow(await db.select({ id: recruiters.id, orgId: recruiters.orgId }).from(recruiters).where(eq(recruiters.id, id)));
    if (!recruiter || recruiter.orgId !== orgId) throw new Invalid("recruiterId", "fees:errors.recruiter");
    recruiterId = recruiter.id;
  }
  const originCountry = country(input.originCountry, "originCountry");
  const destinationCountry = country(input.destinationCountry, "destinationCountry");
  const currency = input.currency.trim().toUpperCase();
  if (!isCurrency(currency)) throw new Invalid("currency", "fees:errors.currency");
  const amountPerWorkerMinor = amountIn(input.amount, currency, "amount");
  const workers = count(input.workers, "workers", WORKERS_MAX);
  if (amountPerWorkerMinor * workers > AMOUNT_MAX_MINOR * 1000) throw new Invalid("amount", "fees:errors.amount.tooLarge", { value: input.amount.trim().slice(0, 40), digits: currencyDigits(currency), currency });
  const evidenceNote = note(input.evidenceNote, "evidenceNote");
  // A fee case is a claim about what workers paid: it stands on something the reader can check.
  if (!evidenceNote && !evidence) throw new Invalid("evidenceNote", "fees:errors.evidenceRequired");
  const row = onlyRow(
    await db
      .insert(feeCases)
      .values({
        orgId,
        supplierId: supplier.id,
        recruiterId,
        originCountry,
        destinationCountry,
        currency,
        amountPerWorkerMinor,
        workers,
        source: input.source,
        evidenceNote,
        evidenceName: evidence?.name ?? null,
        evidencePath: evidence?.path ?? null,
        evidenceSha256: evidence?.sha256 ?? null,
        createdBy: actor.user.id,
        createdAt: new Date(now),
      })
      .returning(),
  );
  await recordEvent(db, { action: "fee.case_recorded", actorUserId: actor.user.id, orgId, targetType: "fee_case", targetId: row.id, ip, details: { supplierId: supplier.id, currency, amountPerWorkerMinor, workers, evidenceSha256: row.evidenceSha256 } }, now);
  return row;
}

/**
 * Sets the repayment plan: the day it was agreed and its instalments. Instalments already paid stay
 * as they are (their proof and the workers' confirmations refer to them); the unpaid ones are
 * replaced by the rows given. The plan may not repay more than the fees identified.
 */
export async function setRepaymentPlan(db: Db, actor: Actor, feeCaseId: number, input: SetPlanInput, now = Date.now()): Promise<{ instalments: number }> {
  const fee = await requireFeeCase(db, actor, feeCaseId, "fees.manage");
  const agreedOn = day(input.agreedOn, "agreedOn", { notFuture: now });
  const planNote = note(input.note, "note");
  if (input.rows.length === 0) throw new Invalid("dueOn1", "fees:errors.planEmpty");
  const rows = input.rows.map((r) => {
    const dueOn = day(r.dueOn, `dueOn${r.row}`);
    if (dueOn < agreedOn) throw new Invalid(`dueOn${r.row}`, "fees:errors.dueBeforeAgreed", { agreedOn });
    return { dueOn, amountMinor: amountIn(r.amount, fee.currency, `amount${r.row}`), workers: count(r.workers, `workers${r.row}`, fee.workers) };
  });
  return inTransaction(db, async () => {
    const paid = await db.select({ amountMinor: feeInstalments.amountMinor }).from(feeInstalments).where(and(eq(feeInstalments.feeCaseId, fee.id), sql`${feeInstalments.paidOn} is not null`));
    const identified = fee.amountPerWorkerMinor * fee.workers;
    const planned = paid.reduce((s, p) => s + p.amountMinor, 0) + rows.reduce((s, r) => s + r.amountMinor, 0);
    if (planned > identified) throw new Invalid("form", "fees:errors.planExceeds", { planned: minorToPlain(planned, fee.currency), identified: minorToPlain(identified, fee.currency), currency: fee.currency });
    await db.delete(feeInstalments).where(and(eq(feeInstalments.feeCaseId, fee.id), isNull(feeInstalments.paidOn)));
    await db.insert(feeInstalments).values(rows.map((r) => ({ feeCaseId: fee.id, ...r, createdAt: new Date(now) })));
    await db.update(feeCases).set({ planAgreedOn: agreedOn, planNote }).where(eq(feeCases.id, fee.id));
    return { instalments: rows.length };
  });
}

/** Records an instalment paid: the day (not in the future), the amount as planned, and its proof. */
export async function recordInstalmentPaid(db: Db, actor: Actor, feeCaseId: number, input: RecordPaymentInput, proof: StoredEvidence | null, ip: string | null = null, now = Date.now()): Promise<InstalmentRow> {
  const fee = await requireFeeCase(db, actor, feeCaseId, "fees.manage");
  const instalment = firstRow(await db.select().from(feeInstalments).where(and(eq(feeInstalments.id, input.instalmentId), eq(feeInstalments.feeCaseId, fee.id))));
  if (!instalment) throw new Invalid("instalmentId", "fees:errors.instalment");
  if (instalment.paidOn) throw new Conflict("instalmentId", "fees:errors.alreadyPaid", { paidOn: instalment.paidOn });
  const paidOn = day(input.paidOn, "paidOn", { notFuture: now });
  const amount = amountIn(input.amount, fee.currency, "amount");
  // "As planned": a different amount is a different plan (set it first), not a silent partial payment.
  if (amount !== instalment.amountMinor) throw new Invalid("amount", "fees:errors.amountNotPlanned", { planned: minorToPlain(instalment.amountMinor, fee.currency), currency: fee.currency });
  if (!proof) throw new Invalid("proof", "fees:errors.proofRequired");
  const row = onlyRow(
    await db
      .update(feeInstalments)
      .set({ paidOn, proofName: proof.name, proofPath: proof.path, proofSha256: proof.sha256, proofSize: proof.size, proofMime: proof.mime, recordedBy: actor.user.id })
      .where(and(eq(feeInstalments.id, instalment.id), isNull(feeInstalments.paidOn)))
      .returning(),
  );
  await recordEvent(db, { action: "fee.instalment_paid", actorUserId: actor.user.id, orgId: fee.orgId, targetType: "fee_case", targetId: fee.id, ip, details: { instalmentId: row.id, paidOn, amountMinor: row.amountMinor, currency: fee.currency, proofSha256: proof.sha256 } }, now);
  return row;
}

/* ---------------------------------------------------------------- totals and findings */

export interface ConfirmationCounts {
  received: number;
  partly: number;
  notReceived: number;
}

/** Per instalment, how many workers answered what: counts only, never which case answered. */
async function confirmationCounts(db: Db, instalmentIds: number[]): Promise<Map<number, ConfirmationCounts>> {
  const counts = new Map<number, ConfirmationCounts>();
  if (instalmentIds.length === 0) return counts;
  const rows = await db
    .select({ instalmentId: feeConfirmations.instalmentId, answer: feeConfirmations.answer, n: sql<number>`count(*)`.mapWith(Number) })
    .from(feeConfirmations)
    .where(inArray(feeConfirmations.instalmentId, instalmentIds))
    .groupBy(feeConfirmations.instalmentId, feeConfirmations.answer);
  for (const r of rows) {
    const c = counts.get(r.instalmentId) ?? { received: 0, partly: 0, notReceived: 0 };
    const answer = r.answer as FeeAnswer;
    if (answer === "received") c.received += r.n;
    else if (answer === "partly") c.partly += r.n;
    else if (answer === "not_received") c.notReceived += r.n;
    counts.set(r.instalmentId, c);
  }
  return counts;
}

/**
 * The part of a paid instalment the workers confirmed: the amount × the share of its workers who
 * said "received" (at most all of them). "Partly" confirms nothing: how much is unknown.
 * Rounded down to a whole minor unit, so confirmed never exceeds repaid.
 */
export function confirmedPart(amountMinor: number, workers: number, received: number): number {
  if (workers <= 0) return 0;
  return Math.floor((amountMinor * Math.min(workers, received)) / workers);
}

export interface CurrencyTotals {
  currency: string;
  identified: number;
  repaid: number;
  confirmed: number;
  /** Unpaid instalments past due: how many and how much. */
  overdue: number;
  overdueAmount: number;
}

export interface OverdueFinding {
  instalmentId: number;
  feeCaseId: number;
  supplierId: number;
  supplierName: string;
  dueOn: string;
  amountMinor: number;
  currency: string;
}

export interface FeeTotals {
  currencies: CurrencyTotals[];
  suppliers: { supplierId: number; supplierName: string; cases: number; currencies: CurrencyTotals[] }[];
  /** Each unpaid instalment past its due day is a finding, oldest first. */
  overdue: OverdueFinding[];
}

const emptyTotals = (currency: string): CurrencyTotals => ({ currency, identified: 0, repaid: 0, confirmed: 0, overdue: 0, overdueAmount: 0 });

/** The company's fee ledger in figures, per currency (never summed across currencies), for all its suppliers or one. */
export async function feeTotals(db: Db, actor: Actor, options: { supplierId?: number } = {}, now = Date.now()): Promise<FeeTotals> {
  const orgId = actor.membership?.orgId ?? -1;
  authorize(actor, "fees.view", { orgId });
  const cases = await db
    .select({ c: feeCases, supplierName: suppliers.name })
    .from(feeCases)
    .innerJoin(suppliers, eq(suppliers.id, feeCases.supplierId))
    .where(options.supplierId === undefined ? eq(feeCases.orgId, orgId) : and(eq(feeCases.orgId, orgId), eq(feeCases.supplierId, options.supplierId)))
    .orderBy(asc(suppliers.name), asc(feeCases.id));
  const caseById = new Map(cases.map((r) => [r.c.id, r]));
  const instalments = cases.length ? await db.select().from(feeInstalments).where(inArray(feeInstalments.feeCaseId, [...caseById.keys()])).orderBy(asc(feeInstalments.dueOn), asc(feeInstalments.id)) : [];
  const confirmations = await confirmationCounts(db, instalments.filter((i) => i.paidOn).map((i) => i.id));
  const today = todayUtc(now);

  const all = new Map<string, CurrencyTotals>();
  const bySupplier = new Map<number, { supplierId: number; supplierName: string; cases: number; currencies: Map<string, CurrencyTotals> }>();
  const add = (supplierId: number, currency: string, f: (t: CurrencyTotals) => void) => {
    f(all.get(currency) ?? all.set(currency, emptyTotals(currency)).get(currency)!);
    const s = bySupplier.get(supplierId)!;
    f(s.currencies.get(currency) ?? s.currencies.set(currency, emptyTotals(currency)).get(currency)!);
  };
  for (const { c, supplierName } of cases) {
    const s = bySupplier.get(c.supplierId) ?? bySupplier.set(c.supplierId, { supplierId: c.supplierId, supplierName, cases: 0, currencies: new Map() }).get(c.supplierId)!;
    s.cases += 1;
    add(c.supplierId, c.currency, (t) => (t.identified += c.amountPerWorkerMinor * c.workers));
  }
  const overdue: OverdueFinding[] = [];
  for (const i of instalments) {
    const { c, supplierName } = caseById.get(i.feeCaseId)!;
    if (i.paidOn) {
      const confirmed = confirmedPart(i.amountMinor, i.workers, confirmations.get(i.id)?.received ?? 0);
      add(c.supplierId, c.currency, (t) => {
        t.repaid += i.amountMinor;
        t.confirmed += confirmed;
      });
    } else if (i.dueOn < today) {
      add(c.supplierId, c.currency, (t) => {
        t.overdue += 1;
        t.overdueAmount += i.amountMinor;
      });
      overdue.push({ instalmentId: i.id, feeCaseId: c.id, supplierId: c.supplierId, supplierName, dueOn: i.dueOn, amountMinor: i.amountMinor, currency: c.currency });
    }
  }
  const sorted = (m: Map<string, CurrencyTotals>) => [...m.values()].sort((a, b) => a.currency.localeCompare(b.currency));
  return {
    currencies: sorted(all),
    suppliers: [...bySupplier.values()].map((s) => ({ supplierId: s.supplierId, supplierName: s.supplierName, cases: s.cases, currencies: sorted(s.currencies) })),
    overdue,
  };
}

/** The observed indicator that says workers paid recruitment fees (app/domain/indicators.ts). */
const WORKER_PAID_FEES: IndicatorCode = "worker_paid_fees";

export interface WorkerPaidFeeSuppliers {
  /** The company's suppliers whose indicators say workers paid recruitment fees ("yes"; unknown is not counted). */
  suppliers: number;
  /** Of those, the ones with no fee case recorded: fees observed, no repayment under way. */
  withoutCase: number;
}

/**
 * Where the ledger has work to do: suppliers whose observed indicators (from the supplier list, an
 * audit or a substantiated grievance: suppliers.indicators) say workers paid recruitment fees, and
 * how many of them have no fee case yet. The home says so instead of "no case recorded" alone.
 */
export async function workerPaidFeeSuppliers(db: Db, actor: Actor): Promise<WorkerPaidFeeSuppliers> {
  const orgId = actor.membership?.orgId ?? -1;
  authorize(actor, "fees.view", { orgId });
  // Reading one key of the indicators' JSON is spelled differently by the engines (SQLite's
  // json_extract gives 1 for true, PostgreSQL's ->> the text 'true'); dashboard.server.ts branches
  // the same way. The key is a constant of the code, never input.
  const observed = engineKind(db) === "postgres" ? `(s.indicators ->> '${WORKER_PAID_FEES}') = 'true'` : `json_extract(s.indicators, '$.${WORKER_PAID_FEES}') = 1`;
  const row = await rawGet<{ suppliers: number; withoutCase: number | null }>(
    db,
    `select count(*) as suppliers,
            sum(case when not exists (select 1 from fee_cases f where f.org_id = s.org_id and f.supplier_id = s.id) then 1 else 0 end) as withoutCase
       from suppliers s where s.org_id = ? and s.merged_into_id is null and ${observed}`,
    orgId,
  );
  return { suppliers: Number(row?.suppliers ?? 0), withoutCase: Number(row?.withoutCase ?? 0) };
}

export interface FeeCaseSummary {
  id: number;
  supplierId: number;
  supplierName: string;
  recruiterName: string | null;
  originCountry: string;
  destinationCountry: string;
  currency: string;
  amountPerWorkerMinor: number;
  workers: number;
  createdAt: Date;
}

/**
 * What names a fee case (joined with suppliers, and recruiters left-joined): supplier, recruiter,
 * corridor, currency, fee per worker, workers. Also all that a union or inspectorate linking a
 * worker's case may learn of it (docs/permissions.md, worker-fees.server.ts).
 */
export const feeCaseNameColumns = {
  id: feeCases.id,
  supplierName: suppliers.name,
  recruiterName: recruiters.name,
  originCountry: feeCases.originCountry,
  destinationCountry: feeCases.destinationCountry,
  currency: feeCases.currency,
  amountPerWorkerMinor: feeCases.amountPerWorkerMinor,
  workers: feeCases.workers,
};

/** A fee case as the company's lists and its page name it. */
const summaryColumns = { ...feeCaseNameColumns, supplierId: feeCases.supplierId, createdAt: feeCases.createdAt };

/** The company's fee cases, newest first. */
export async function listFeeCases(db: Db, actor: Actor): Promise<FeeCaseSummary[]> {
  const orgId = actor.membership?.orgId ?? -1;
  authorize(actor, "fees.view", { orgId });
  return db
    .select(summaryColumns)
    .from(feeCases)
    .innerJoin(suppliers, eq(suppliers.id, feeCases.supplierId))
    .leftJoin(recruiters, eq(recruiters.id, feeCases.recruiterId))
    .where(eq(feeCases.orgId, orgId))
    .orderBy(sql`${feeCases.createdAt} desc`, sql`${feeCases.id} desc`)
    .limit(1_000);
}

export interface InstalmentView {
  id: number;
  dueOn: string;
  amountMinor: number;
  workers: number;
  paidOn: string | null;
  overdue: boolean;
  proof: { name: string; size: number | null; sha256: string } | null;
  confirmations: ConfirmationCounts;
  confirmedMinor: number;
}

export interface FeeCaseDetail extends FeeCaseSummary {
  source: string;
  evidenceNote: string | null;
  evidence: { name: string; sha256: string | null } | null;
  planAgreedOn: string | null;
  planNote: string | null;
  totals: CurrencyTotals;
  instalments: InstalmentView[];
  /** How many workers' cases are linked to this fee case: a count, never which. */
  linkedCases: number;
}

/** One fee case as its company reads it: the corridor, amounts, plan, instalments with proof and confirmation counts. */
export async function feeCaseDetail(db: Db, actor: Actor, feeCaseId: number, now = Date.now()): Promise<FeeCaseDetail> {
  const fee = await requireFeeCase(db, actor, feeCaseId);
  const summary = (await listFeeCasesWhere(db, fee.id))!;
  const rows = await db.select().from(feeInstalments).where(eq(feeInstalments.feeCaseId, fee.id)).orderBy(asc(feeInstalments.dueOn), asc(feeInstalments.id));
  const counts = await confirmationCounts(db, rows.filter((r) => r.paidOn).map((r) => r.id));
  const today = todayUtc(now);
  const totals = emptyTotals(fee.currency);
  totals.identified = fee.amountPerWorkerMinor * fee.workers;
  const instalments = rows.map((r): InstalmentView => {
    const c = counts.get(r.id) ?? { received: 0, partly: 0, notReceived: 0 };
    const confirmedMinor = r.paidOn ? confirmedPart(r.amountMinor, r.workers, c.received) : 0;
    const overdue = !r.paidOn && r.dueOn < today;
    if (r.paidOn) {
      totals.repaid += r.amountMinor;
      totals.confirmed += confirmedMinor;
    } else if (overdue) {
      totals.overdue += 1;
      totals.overdueAmount += r.amountMinor;
    }
    return { id: r.id, dueOn: r.dueOn, amountMinor: r.amountMinor, workers: r.workers, paidOn: r.paidOn, overdue, proof: r.proofPath && r.proofName && r.proofSha256 ? { name: r.proofName, size: r.proofSize, sha256: r.proofSha256 } : null, confirmations: c, confirmedMinor };
  });
  return {
    ...summary,
    source: fee.source,
    evidenceNote: fee.evidenceNote,
    evidence: fee.evidencePath && fee.evidenceName ? { name: fee.evidenceName, sha256: fee.evidenceSha256 } : null,
    planAgreedOn: fee.planAgreedOn,
    planNote: fee.planNote,
    totals,
    instalments,
    linkedCases: await linkedCaseCount(db, fee.id),
  };
}

async function listFeeCasesWhere(db: Db, feeCaseId: number): Promise<FeeCaseSummary | undefined> {
  return firstRow(
    await db
      .select(summaryColumns)
      .from(feeCases)
      .innerJoin(suppliers, eq(suppliers.id, feeCases.supplierId))
      .leftJoin(recruiters, eq(recruiters.id, feeCases.recruiterId))
      .where(eq(feeCases.id, feeCaseId)),
  );
}

/** A count of the worker cases linked to a fee case (grievances.fee_case_id): no case is named. */
async function linkedCaseCount(db: Db, feeCaseId: number): Promise<number> {
  const row = firstRow(await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(grievances).where(eq(grievances.feeCaseId, feeCaseId)));
  return row?.n ?? 0;
}

/** A stored file of a fee case for download: the case's evidence, or one instalment's proof. */
export async function feeFile(db: Db, actor: Actor, feeCaseId: number, instalmentId: number | null): Promise<{ path: string; name: string; sha256: string | null; targetId: number }> {
  const fee = await requireFeeCase(db, actor, feeCaseId);
  if (instalmentId === null) {
    if (!fee.evidencePath || !fee.evidenceName) throw new NotFound();
    return { path: fee.evidencePath, name: fee.evidenceName, sha256: fee.evidenceSha256, targetId: fee.id };
  }
  const i = firstRow(await db.select().from(feeInstalments).where(and(eq(feeInstalments.id, instalmentId), eq(feeInstalments.feeCaseId, fee.id))));
  if (!i?.proofPath || !i.proofName) throw new NotFound();
  return { path: i.proofPath, name: i.proofName, sha256: i.proofSha256, targetId: fee.id };
}
