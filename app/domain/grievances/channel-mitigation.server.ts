/**
 * The "grievance_channel" mitigation of the risk method, computed from what happened on the
 * platform instead of ticked by hand (issue 19, decision 028). Read in bulk for the scorer
 * (scoring-inputs.server.ts), beside what audits observe.
 *
 * The rule, per supplier record (workplace), at the time of scoring:
 * 1. An open grievance channel exists for the workplace (posted by its company or by a union).
 *    None: the mitigation is absent ("no open grievance channel"), never unknown, never present
 *    by default.
 * 2. The cases counted are those of the last 12 months that reached the company itself (it is
 *    among the case's recipients). Cases the worker let only the union or the inspectorate see are
 *    left out: counting them would tell the company, through its own score, that they exist. For a
 *    small workplace (routing.server.ts isSmallWorkplace) only cases of ended calendar quarters
 *    count, as in what its company sees of them (views.server.ts smallWorkplaceCounts).
 * 3. A counted case is judged once it was answered or its due time passed (a case still inside
 *    its due time, unanswered, is not judged yet). It was answered in time when a recipient sent
 *    the worker a message (timeline event of audience "worker", type "message" or
 *    "company_answer") no later than its due time (`due_at`; a case without one: DUE_DAYS after it
 *    arrived).
 * 4. Present when at least one case was judged, at least 80 % of the judged cases were answered in
 *    time, and no counted case was closed with the worker's rating 1 ("not remedied"). A channel
 *    nobody has used yet shows nothing about whether it works: absent, with the reason said.
 *
 * The source says it was computed and from what ("computed from grievances: channel since
 * 2026-05-01; 9 of 10 cases answered in time; 3 remedies confirmed by workers"), in fixed English
 * forms that risk-text.tsx words in the reader's language. The observation carries no date of its
 * own (the channel's is in the text): a date of "today" would change the inputs hash every day.
 */
import { and, eq, gt, inArray, isNull, lte } from "drizzle-orm";
import type { Db } from "#db/client";
import { grievanceChannels, grievanceEvents, grievanceRecipients, grievances, suppliers } from "#db/schema";
import type { ObservedIndicator } from "~/domain/risk/types";
import { DUE_DAYS } from "./categories";
import { isSmallWorkplace } from "./routing.server";

const DAY = 86_400_000;
const YEAR = 365 * DAY;
/** Ids per `in (…)` list: well under either engine's limit on bound parameters. */
const IDS_PER_STATEMENT = 500;
/** The share of judged cases that must have been answered in time. */
export const ANSWERED_IN_TIME_SHARE = 0.8;
/** Message types a recipient writes to the worker that count as an answer. */
const ANSWERS = ["message", "company_answer"];

export const COMPUTED_PREFIX = "computed from grievances: ";
export const NO_CHANNEL = `${COMPUTED_PREFIX}no open grievance channel`;

const dayOf = (t: number) => new Date(t).toISOString().slice(0, 10);
const plural = (n: number, one: string, other: string) => `${n} ${n === 1 ? one : other}`;

function quarterStart(t: number): number {
  const d = new Date(t);
  return Date.UTC(d.getUTCFullYear(), Math.floor(d.getUTCMonth() / 3) * 3, 1);
}

function chunks(ids: readonly number[]): number[][] {
  const sorted = [...new Set(ids)].sort((a, b) => a - b);
  const out: number[][] = [];
  for (let i = 0; i < sorted.length; i += IDS_PER_STATEMENT) out.push(sorted.slice(i, i + IDS_PER_STATEMENT));
  return out;
}

/** Runs `read` for the whole organisation (no ids) or once per list of ids. */
async function over<T>(ids: readonly number[] | undefined, read: (list: number[] | null) => Promise<T[]>): Promise<T[]> {
  if (!ids) return await read(null);
  const rows: T[] = [];
  for (const list of chunks(ids)) rows.push(...(await read(list)));
  return rows;
}

interface Tally {
  since: number | null;
  judged: number;
  inTime: number;
  remedied: number;
  notRemedied: number;
}
const NONE: Tally = { since: null, judged: 0, inTime: 0, remedied: 0, notRemedied: 0 };

/** The sentence of the source (fixed English forms; risk-text.tsx words them). */
function sourceOf(t: Tally): string {
  if (t.since === null) return NO_CHANNEL;
  const parts = [`channel since ${dayOf(t.since)}`];
  if (t.judged === 0) parts.push("no case due in the last 12 months");
  else parts.push(`${t.inTime} of ${plural(t.judged, "case", "cases")} answered in time`);
  if (t.remedied > 0) parts.push(plural(t.remedied, "remedy confirmed by workers", "remedies confirmed by workers"));
  if (t.notRemedied > 0) parts.push(plural(t.notRemedied, "case not remedied by the worker's rating", "cases not remedied by the workers' rating"));
  return `${COMPUTED_PREFIX}${parts.join("; ")}`;
}

function observationOf(t: Tally): ObservedIndicator {
  const present = t.since !== null && t.judged > 0 && t.inTime >= ANSWERED_IN_TIME_SHARE * t.judged && t.notRemedied === 0;
  return { present, source: sourceOf(t), date: "" };
}

/**
 * For each supplier of the company (or of the given ones), the computed mitigation: `of(id)`
 * answers for any supplier, "no open grievance channel" for one the platform knows no channel of.
 */
export async function grievanceChannelMitigations(db: Db, companyOrgId: number, now: number, supplierIds?: readonly number[]): Promise<(supplierId: number) => ObservedIndicator> {
  const tallies = new Map<number, Tally>();
  const tally = (id: number) => {
    let t = tallies.get(id);
    if (!t) tallies.set(id, (t = { since: null, judged: 0, inTime: 0, remedied: 0, notRemedied: 0 }));
    return t;
  };

  const channels = await over(supplierIds, async (list) =>
    db
      .select({ supplierId: suppliers.id, createdAt: grievanceChannels.createdAt })
      .from(grievanceChannels)
      .innerJoin(suppliers, eq(suppliers.id, grievanceChannels.supplierId))
      .where(and(eq(suppliers.orgId, companyOrgId), isNull(grievanceChannels.closedAt), list ? inArray(suppliers.id, list) : undefined)),
  );
  for (const c of channels) {
    const t = tally(c.supplierId);
    // The oldest open channel: since when workers there have had one without interruption.
    const at = c.createdAt.getTime();
    if (t.since === null || at < t.since) t.since = at;
  }
  // Cases matter only where a channel is open (without one the mitigation is absent whatever they say).
  const withChannel = [...tallies.keys()];
  if (withChannel.length === 0) return () => observationOf(NONE);

  const cases = await over(withChannel, async (list) =>
    db
      .select({ id: grievances.id, supplierId: grievances.supplierId, createdAt: grievances.createdAt, dueAt: grievances.dueAt, closedAt: grievances.closedAt, workerRating: grievances.workerRating, workersTotal: suppliers.workersTotal })
      .from(grievances)
      .innerJoin(suppliers, eq(suppliers.id, grievances.supplierId))
      .innerJoin(grievanceRecipients, and(eq(grievanceRecipients.grievanceId, grievances.id), eq(grievanceRecipients.orgId, companyOrgId)))
      .where(and(inArray(grievances.supplierId, list!), gt(grievances.createdAt, new Date(now - YEAR)), lte(grievances.createdAt, new Date(now)))),
  );
  const endedQuarters = quarterStart(now);
  const counted = cases.filter((c) => !isSmallWorkplace(c.workersTotal) || c.createdAt.getTime() < endedQuarters);
  // The first answer to the worker from any recipient of the case, per case.
  const firstAnswer = new Map<number, number>();
  const answers = await over(
    counted.map((c) => c.id),
    async (list) =>
      db
        .select({ grievanceId: grievanceEvents.grievanceId, createdAt: grievanceEvents.createdAt })
        .from(grievanceEvents)
        .innerJoin(grievanceRecipients, and(eq(grievanceRecipients.grievanceId, grievanceEvents.grievanceId), eq(grievanceRecipients.orgId, grievanceEvents.orgId)))
        .where(and(inArray(grievanceEvents.grievanceId, list!), eq(grievanceEvents.audience, "worker"), inArray(grievanceEvents.type, ANSWERS), lte(grievanceEvents.createdAt, new Date(now)))),
  );
  for (const a of answers) {
    const at = a.createdAt.getTime();
    const before = firstAnswer.get(a.grievanceId);
    if (before === undefined || at < before) firstAnswer.set(a.grievanceId, at);
  }
  for (const c of counted) {
    const t = tally(c.supplierId!);
    const due = c.dueAt?.getTime() ?? c.createdAt.getTime() + DUE_DAYS * DAY;
    const answered = firstAnswer.get(c.id);
    if (answered !== undefined || due <= now) {
      t.judged++;
      if (answered !== undefined && answered <= due) t.inTime++;
    }
    if (c.closedAt !== null && c.workerRating === 3) t.remedied++;
    if (c.closedAt !== null && c.workerRating === 1) t.notRemedied++;
  }
  return (id) => observationOf(tallies.get(id) ?? NONE);
}
