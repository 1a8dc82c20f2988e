/**
 * The one way any party reads a grievance case (decision 028: who sees what). Every page, export
 * and feed about a case reads through `caseFor` / `casesFor` (organisations) or `workerCase` (the
 * worker, with the case code and secret), each of which records the read in grievance_access.
 *
 * - A case is readable by an organisation only if it reached it (grievance_recipients); any other
 *   case answers 404, exactly like a missing one.
 * - The union and the inspectorate read the case, its files and the worker's words; the worker's
 *   contact only through `revealContact` (logged each time).
 * - The company never reads the contact or the files (a photo can identify its author); the worker's
 *   own words only where the worker allowed it; and a small workplace's cases not one by one at
 *   all, only as counts per calendar quarter once the quarter has ended (`smallWorkplaceCounts`).
 * - No party sees the case code: it is half of the worker's key, and a manager who saw it could
 *   recognise the worker's slip of paper. Parties name a case by its number.
 */
import { and, asc, desc, eq, gt, inArray, ne, or } from "drizzle-orm";
import { firstRow, type Db } from "#db/client";
import { grievanceAccess, grievanceEvents, grievanceFiles, grievanceRecipients, grievances, organisations, suppliers, users, type GrievanceParty } from "#db/schema";
import { authorize, type Actor } from "~/auth/permissions.server";
import { RateLimited, takeRateLimit } from "~/auth/rate-limit.server";
import { Invalid, NotFound } from "~/domain/errors";
import { isGrievanceCategory, type GrievanceCategory } from "./categories";
import { normaliseCaseCode, secretMatches } from "./codes.server";
import { openContact } from "./contact-seal.server";
import { clientKey } from "./intake.server";
import { SUPPORT_SERVICE_KINDS, type SupportServiceKind } from "./support-services.schemas";
import { isSmallWorkplace, largeWorkplace } from "./routing.server";

type Row = typeof grievances.$inferSelect;

export interface TimelineEntry {
  id: number;
  type: string;
  audience: string;
  /** Null: the worker wrote it. */
  orgName: string | null;
  party: GrievanceParty | null;
  userName: string | null;
  body: string | null;
  data: Record<string, unknown>;
  createdAt: Date;
}

export interface CaseView {
  id: number;
  /** The reader's part in the case. */
  party: GrievanceParty;
  isLead: boolean;
  status: Row["status"];
  urgent: boolean;
  severity: Row["severity"];
  categories: GrievanceCategory[];
  indicators: string[];
  since: string | null;
  peopleCount: number | null;
  intake: string;
  language: string;
  consent: GrievanceParty[];
  workplace: { supplierId: number | null; name: string | null; country: string | null; text: string | null; small: boolean };
  description: string | null;
  hasContact: boolean;
  files: { id: number; name: string; size: number; mime: string }[];
  recipients: { orgId: number; orgName: string; party: GrievanceParty; reason: string; createdAt: Date }[];
  timeline: TimelineEntry[];
  assigneeId: number | null;
  leadOrgId: number | null;
  dueAt: Date | null;
  escalatedAt: Date | null;
  finding: Row["finding"];
  /**
   * The recruitment-fee case the worker confirms repayments of; null for the company, which learns
   * how many workers confirmed an instalment, never which case did (fee ledger).
   */
  feeCaseId: number | null;
  remedy: string | null;
  workerRating: number | null;
  closedAt: Date | null;
  createdAt: Date;
}

const categoriesOf = (row: Pick<Row, "categories">) => row.categories.filter(isGrievanceCategory);

export async function recordAccess(db: Db, grievanceId: number, what: string, actor: Actor | null, now: number) {
  await db.insert(grievanceAccess).values({ grievanceId, userId: actor?.user.id ?? null, orgId: actor?.membership?.orgId ?? null, what, createdAt: new Date(now) });
}

/**
 * The reader's recipient row and the case, or 404 (a case that never reached the reader's
 * organisation, or a small workplace's case for its company). Exported for the case work
 * (cases.server.ts): a change to a case is scoped exactly like a read of it.
 */
export async function reached(db: Db, actor: Actor, grievanceId: number) {
  const orgId = actor.membership?.orgId ?? -1;
  authorize(actor, "grievances.view", { orgId });
  const row = firstRow(
    await db
      .select({ g: grievances, party: grievanceRecipients.party, workersTotal: suppliers.workersTotal, supplierName: suppliers.name })
      .from(grievances)
      .innerJoin(grievanceRecipients, and(eq(grievanceRecipients.grievanceId, grievances.id), eq(grievanceRecipients.orgId, orgId)))
      .leftJoin(suppliers, eq(suppliers.id, grievances.supplierId))
      .where(eq(grievances.id, grievanceId)),
  );
  if (!row) throw new NotFound();
  const small = isSmallWorkplace(row.workersTotal);
  if (row.party === "company" && small) throw new NotFound();
  return { ...row, small };
}

/** One case as the reader's organisation may see it; the read is logged. */
export async function caseFor(db: Db, actor: Actor, grievanceId: number, now = Date.now()): Promise<CaseView> {
  const { g, party, small, supplierName } = await reached(db, actor, grievanceId);
  const company = party === "company";
  const orgId = actor.membership!.orgId;
  const recipients = await db
    .select({ orgId: grievanceRecipients.orgId, orgName: organisations.name, party: grievanceRecipients.party, reason: grievanceRecipients.reason, createdAt: grievanceRecipients.createdAt })
    .from(grievanceRecipients)
    .innerJoin(organisations, eq(organisations.id, grievanceRecipients.orgId))
    .where(eq(grievanceRecipients.grievanceId, g.id))
    .orderBy(asc(grievanceRecipients.id));
  const partyOf = new Map(recipients.map((r) => [r.orgId, r.party]));
  const events = await db
    .select({ e: grievanceEvents, orgName: organisations.name, userName: users.name })
    .from(grievanceEvents)
    .leftJoin(organisations, eq(organisations.id, grievanceEvents.orgId))
    .leftJoin(users, eq(users.id, grievanceEvents.userId))
    .where(eq(grievanceEvents.grievanceId, g.id))
    .orderBy(asc(grievanceEvents.id));
  const timeline = events
    // "org": a note for its author's organisation only.
    .filter(({ e }) => e.audience !== "org" || e.orgId === orgId)
    .map(({ e, orgName, userName }) => {
      const byWorker = e.orgId === null && e.userId === null;
      // The company reads the worker's words only where the worker allowed it (and never who typed an assisted report).
      const hideBody = company && (byWorker || e.type === "reported") && !g.textToCompany;
      return {
        id: e.id,
        type: e.type,
        audience: e.audience,
        orgName: byWorker ? null : orgName,
        party: e.orgId === null ? null : (partyOf.get(e.orgId) ?? null),
        userName: company && e.orgId !== orgId ? null : userName,
        body: hideBody ? null : e.body,
        data: e.data,
        createdAt: e.createdAt,
      };
    });
  const files = company ? [] : await db.select({ id: grievanceFiles.id, name: grievanceFiles.fileName, size: grievanceFiles.size, mime: grievanceFiles.mime }).from(grievanceFiles).where(eq(grievanceFiles.grievanceId, g.id)).orderBy(asc(grievanceFiles.id));
  await recordAccess(db, g.id, "view", actor, now);
  return {
    id: g.id,
    party,
    isLead: g.leadOrgId === orgId,
    status: g.status,
    urgent: g.urgent,
    severity: g.severity,
    categories: categoriesOf(g),
    indicators: g.indicators,
    since: g.since,
    peopleCount: company ? null : g.peopleCount,
    intake: g.intake,
    language: g.language,
    consent: g.consent,
    workplace: { supplierId: g.supplierId, name: supplierName ?? null, country: g.country, text: company && !g.textToCompany ? null : g.workplaceText, small },
    description: company && !g.textToCompany ? null : g.description,
    hasContact: !company && g.contactSealed !== null,
    files,
    recipients,
    timeline,
    assigneeId: company ? null : g.assigneeId,
    leadOrgId: g.leadOrgId,
    dueAt: g.dueAt,
    escalatedAt: g.escalatedAt,
    finding: g.finding,
    feeCaseId: company ? null : g.feeCaseId,
    remedy: g.remedy,
    workerRating: g.workerRating,
    closedAt: g.closedAt,
    createdAt: g.createdAt,
  };
}

export interface CaseSummary {
  id: number;
  status: Row["status"];
  urgent: boolean;
  severity: Row["severity"];
  categories: GrievanceCategory[];
  workplaceName: string | null;
  country: string | null;
  isLead: boolean;
  party: GrievanceParty;
  dueAt: Date | null;
  escalatedAt: Date | null;
  finding: Row["finding"];
  createdAt: Date;
}

export interface CaseListOptions {
  /** Only open cases (status not closed) or only closed ones; both by default. */
  show?: "open" | "closed";
  /** The case list's cap, in its own order (urgent first, then newest). Ignored with `page`. */
  limit?: number;
  /**
   * One keyset page instead, for callers that walk every case (the API): in id order, the cases
   * after `afterId` (0: from the first), at most `limit` of them. Cut in SQL after every other
   * condition, so that a page is short only at the end and no case is out of reach of a cap.
   */
  page?: { afterId: number; limit: number };
}

/**
 * The cases that reached the reader's organisation (a company: not a small workplace's, see
 * smallWorkplaceCounts), newest first with urgent ones on top, or one keyset page of them in id
 * order. Every condition, the small-workplace one included, is part of the query and so comes
 * before the LIMIT: a condition checked afterwards would make a page short while more cases match.
 */
export async function casesFor(db: Db, actor: Actor, options: CaseListOptions = {}): Promise<CaseSummary[]> {
  const orgId = actor.membership?.orgId ?? -1;
  authorize(actor, "grievances.view", { orgId });
  const { page, show } = options;
  const query = db
    .select({ g: grievances, party: grievanceRecipients.party, supplierName: suppliers.name })
    .from(grievanceRecipients)
    .innerJoin(grievances, eq(grievances.id, grievanceRecipients.grievanceId))
    .leftJoin(suppliers, eq(suppliers.id, grievances.supplierId))
    .where(
      and(
        eq(grievanceRecipients.orgId, orgId),
        // The company learns of a small workplace's cases only as quarterly counts (isSmallWorkplace).
        or(ne(grievanceRecipients.party, "company"), largeWorkplace(suppliers.workersTotal)),
        show === undefined ? undefined : show === "closed" ? eq(grievances.status, "closed") : ne(grievances.status, "closed"),
        page ? gt(grievances.id, page.afterId) : undefined,
      ),
    );
  const rows = page ? await query.orderBy(asc(grievances.id)).limit(page.limit) : await query.orderBy(desc(grievances.urgent), desc(grievances.createdAt)).limit(options.limit ?? 500);
  return rows.map(({ g, party, supplierName }) => ({
    id: g.id,
    status: g.status,
    urgent: g.urgent,
    severity: g.severity,
    categories: categoriesOf(g),
    workplaceName: supplierName ?? null,
    country: g.country,
    isLead: g.leadOrgId === orgId,
    party,
    dueAt: g.dueAt,
    escalatedAt: g.escalatedAt,
    finding: g.finding,
    createdAt: g.createdAt,
  }));
}

/** The first day of the calendar quarter that contains `t`, UTC. */
function quarterStart(t: number): number {
  const d = new Date(t);
  return Date.UTC(d.getUTCFullYear(), Math.floor(d.getUTCMonth() / 3) * 3, 1);
}

export interface QuarterCount {
  supplierId: number;
  workplaceName: string;
  /** "2026-Q3". */
  quarter: string;
  category: GrievanceCategory;
  cases: number;
}

/**
 * What a company learns of its small workplaces' cases: how many per category per ended quarter.
 * Nothing of the current quarter (a count that moves from 0 to 1 on a Tuesday names a Tuesday).
 */
export async function smallWorkplaceCounts(db: Db, actor: Actor, now = Date.now()): Promise<QuarterCount[]> {
  const orgId = actor.membership?.orgId ?? -1;
  authorize(actor, "grievances.view", { orgId });
  const before = quarterStart(now);
  const rows = await db
    .select({ g: grievances, workersTotal: suppliers.workersTotal, supplierName: suppliers.name })
    .from(grievanceRecipients)
    .innerJoin(grievances, eq(grievances.id, grievanceRecipients.grievanceId))
    .innerJoin(suppliers, eq(suppliers.id, grievances.supplierId))
    .where(and(eq(grievanceRecipients.orgId, orgId), eq(grievanceRecipients.party, "company")));
  const counts = new Map<string, QuarterCount>();
  for (const { g, workersTotal, supplierName } of rows) {
    if (!isSmallWorkplace(workersTotal) || g.createdAt.getTime() >= before || g.supplierId === null) continue;
    const d = g.createdAt;
    const quarter = `${d.getUTCFullYear()}-Q${Math.floor(d.getUTCMonth() / 3) + 1}`;
    for (const category of categoriesOf(g)) {
      const key = `${g.supplierId}|${quarter}|${category}`;
      const entry = counts.get(key) ?? { supplierId: g.supplierId, workplaceName: supplierName, quarter, category, cases: 0 };
      entry.cases += 1;
      counts.set(key, entry);
    }
  }
  return [...counts.values()].sort((a, b) => b.quarter.localeCompare(a.quarter) || a.workplaceName.localeCompare(b.workplaceName) || a.category.localeCompare(b.category));
}

/**
 * One file of a case, for the union or inspectorate it reached (the company never: a photo can
 * identify its author, so 404 like a missing file); the download is logged as an access.
 */
export async function caseFile(db: Db, actor: Actor, grievanceId: number, fileId: number, now = Date.now()): Promise<{ path: string; name: string }> {
  const { g, party } = await reached(db, actor, grievanceId);
  if (party === "company") throw new NotFound();
  const file = firstRow(await db.select({ path: grievanceFiles.filePath, name: grievanceFiles.fileName }).from(grievanceFiles).where(and(eq(grievanceFiles.id, fileId), eq(grievanceFiles.grievanceId, g.id))));
  if (!file) throw new NotFound();
  await recordAccess(db, g.id, "download", actor, now);
  return file;
}

/** A consenting worker's contact, for the union or inspectorate that follows the case; every reveal is logged. */
export async function revealContact(db: Db, actor: Actor, grievanceId: number, now = Date.now()): Promise<string | null> {
  const { g, party } = await reached(db, actor, grievanceId);
  authorize(actor, "grievances.handle", { orgId: actor.membership!.orgId });
  if (party === "company" || !g.contactSealed) throw new NotFound();
  await recordAccess(db, g.id, "contact", actor, now);
  return openContact(g.contactSealed);
}

export interface WorkerReferral {
  name: string;
  kind: SupportServiceKind;
  phone: string | null;
  url: string | null;
}

export interface WorkerCaseView {
  id: number;
  caseCode: string;
  status: Row["status"];
  categories: GrievanceCategory[];
  since: string | null;
  language: string;
  createdAt: Date;
  /** What the worker may read: their own additions and what the parties wrote to them. */
  timeline: {
    id: number;
    type: string;
    party: GrievanceParty | null;
    orgName: string | null;
    body: string | null;
    /** The remedy the company offered with its answer (a company_answer event), else null: addressed to the worker like the answer itself. */
    remedy: string | null;
    /** The worker's own answer about the remedy (a worker_rating event: "remedied", "partly", "not"), else null. */
    rating: string | null;
    /** The support service the case was referred to (a referral event), else null: the worker is the one to call it. */
    referral: WorkerReferral | null;
    createdAt: Date;
  }[];
  reached: { party: GrievanceParty; orgName: string }[];
  remedy: string | null;
  workerRating: number | null;
  closedAt: Date | null;
  /** The recruitment-fee case whose repayments this worker is asked to confirm (fee ledger), if linked. */
  feeCaseId: number | null;
}

/**
 * The worker's own view, opened with the case code and secret. Every try counts against the
 * client's allowance (rate limit "grievances.lookup"); an unknown code and a wrong secret are
 * refused with the same words, so the page is no oracle for which codes exist.
 */
export async function workerCase(db: Db, typedCode: string, typedSecret: string, ip: string, now = Date.now()): Promise<WorkerCaseView> {
  const g = await openWorkerCase(db, typedCode, typedSecret, ip, now);
  await recordAccess(db, g.id, "worker.view", null, now);
  return workerViewOf(db, g);
}

/**
 * The case row behind a code and secret, through the same rate-limited check as `workerCase`: the
 * worker's own actions (adding information, rating the remedy) re-open the case with every POST,
 * since there is no session. Not a view: callers show the case through `workerViewOf`.
 */
export async function openWorkerCase(db: Db, typedCode: string, typedSecret: string, ip: string, now = Date.now()): Promise<Row> {
  await takeRateLimit(db, "grievances.lookup", clientKey(ip), now);
  return caseOfKey(db, typedCode, typedSecret, now);
}

const WRONG_KEY = "public:case.errors.wrong";

/**
 * Whether a worker's form was refused at the key itself (too many tries, or a code and secret that
 * open nothing): then no case is shown. Any other refusal thrown by a worker's action came after
 * `openWorkerCase` had counted the try and let the key through.
 */
export function isWorkerKeyRefusal(error: unknown): boolean {
  return error instanceof RateLimited || (error instanceof Invalid && error.field === "secret" && error.message === WRONG_KEY);
}

/**
 * The worker's view again after one of their forms was refused (an empty addition, no remedy to
 * rate yet, an instalment not of this case), so that the page shows the case with the error beside
 * the form instead of the empty lookup form. `counted`: this request has already taken its lookup
 * and the key passed it (the refusal came from the worker's action, see `isWorkerKeyRefusal`);
 * the key is checked again but the refused form costs the worker no second lookup. Otherwise (a
 * form refused before the key was tried) this is the request's one counted try.
 */
export async function workerCaseAfterRefusal(db: Db, typedCode: string, typedSecret: string, ip: string, counted: boolean, now = Date.now()): Promise<WorkerCaseView> {
  if (!counted) return workerCase(db, typedCode, typedSecret, ip, now);
  const g = await caseOfKey(db, typedCode, typedSecret, now);
  await recordAccess(db, g.id, "worker.view", null, now);
  return workerViewOf(db, g);
}

/** The case a code and secret open, or the one refusal for an unknown code and a wrong secret alike. Not rate-limited by itself: callers count the try. */
/** The support service a case was referred to, as the worker reads it: who, what kind, how to reach them. */
function referralOf(data: Record<string, unknown>): WorkerReferral | null {
  const text = (v: unknown) => (typeof v === "string" && v.trim() ? v : null);
  const name = text(data.name);
  if (!name) return null;
  const kind = SUPPORT_SERVICE_KINDS.find((k) => k === data.kind) ?? "other";
  return { name, kind, phone: text(data.phone), url: text(data.url) };
}

async function caseOfKey(db: Db, typedCode: string, typedSecret: string, now: number): Promise<Row> {
  const code = normaliseCaseCode(typedCode);
  const g = code ? firstRow(await db.select().from(grievances).where(eq(grievances.caseCode, code))) : undefined;
  if (!g || !secretMatches(typedSecret, g.secretHash)) {
    // A wrong secret for a real code is logged on the case, so the people following it see attempts.
    if (g) await recordAccess(db, g.id, "worker.refused", null, now);
    throw new Invalid("secret", WRONG_KEY);
  }
  return g;
}

/** The worker's view of a case already opened (after the worker's own action on it). */
export async function workerViewOf(db: Db, g: Row): Promise<WorkerCaseView> {
  const recipients = await db
    .select({ orgId: grievanceRecipients.orgId, orgName: organisations.name, party: grievanceRecipients.party })
    .from(grievanceRecipients)
    .innerJoin(organisations, eq(organisations.id, grievanceRecipients.orgId))
    .where(eq(grievanceRecipients.grievanceId, g.id))
    .orderBy(asc(grievanceRecipients.id));
  const partyOf = new Map(recipients.map((r) => [r.orgId, r]));
  const events = await db
    .select()
    .from(grievanceEvents)
    .where(and(eq(grievanceEvents.grievanceId, g.id), inArray(grievanceEvents.audience, ["worker"])))
    .orderBy(asc(grievanceEvents.id));
  return {
    id: g.id,
    caseCode: g.caseCode,
    status: g.status,
    categories: categoriesOf(g),
    since: g.since,
    language: g.language,
    createdAt: g.createdAt,
    timeline: events.map((e) => {
      const from = e.orgId === null ? undefined : partyOf.get(e.orgId);
      // The worker learns which union or inspectorate answers (they chose them); a company stays "the company".
      const remedy = e.type === "company_answer" && typeof e.data.remedy === "string" ? e.data.remedy : null;
      // Only the named fields of an event's data reach the worker's page, never the whole record.
      const rating = e.type === "worker_rating" && typeof e.data.rating === "string" ? e.data.rating : null;
      const referral = e.type === "referral" ? referralOf(e.data) : null;
      return { id: e.id, type: e.type, party: from?.party ?? null, orgName: from && from.party !== "company" ? from.orgName : null, body: e.body, remedy, rating, referral, createdAt: e.createdAt };
    }),
    reached: recipients.map((r) => ({ party: r.party, orgName: r.party === "company" ? "" : r.orgName })),
    remedy: g.remedy,
    workerRating: g.workerRating,
    closedAt: g.closedAt,
    feeCaseId: g.feeCaseId,
  };
}
