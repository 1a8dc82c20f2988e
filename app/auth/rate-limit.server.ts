/**
 * Limits on expensive work per organisation (issuing reports, uploading lists), so that one
 * organisation cannot monopolise the machine: at most `limit` events in a sliding window. Kept in
 * the database (`rate_limit_events`), not in memory: with several serving processes (ADR 020)
 * each would otherwise count alone, and allow the limit once per process.
 */
import { and, asc, count, eq, gt, lte } from "drizzle-orm";
import { inTransaction, type Db, firstRow } from "#db/client";
import { rateLimitEvents } from "#db/schema";
import { InputError, type MessageValues } from "~/domain/errors";

/** Each limit, and the catalog key that refuses it (with the limit, the window and the minutes to wait). */
export const LIMITS = {
  "reports.issue": { limit: 30, windowMs: 10 * 60_000, refusal: "common:rateLimited.reports" },
  "imports.upload": { limit: 20, windowMs: 10 * 60_000, refusal: "common:rateLimited.lists" },
  // Worker pages, per client (a keyed hash of the address, never the address: decision 028). A
  // worker reports a few times at most; a flood from one address is refused, not stored.
  "grievances.report": { limit: 5, windowMs: 60 * 60_000, refusal: "public:limits.reports" },
  // Every try of a case code and secret counts, right or wrong: 20 in 15 minutes is plenty for a
  // worker and, against 100 random bits of secret, nothing for a guesser.
  "grievances.lookup": { limit: 20, windowMs: 15 * 60_000, refusal: "public:limits.lookups" },
  // A supplier's claim link (issue 20), per client: every opening and every submit counts. A
  // supplier needs a handful; a guesser of 160-bit tokens is refused long before it matters.
  "suppliers.claim": { limit: 30, windowMs: 15 * 60_000, refusal: "public:limits.supplierInvite" },
} as const;

export type LimitedAction = keyof typeof LIMITS;

/**
 * Refused: too many in the window; says when to try again. The route answers 429. The message is
 * a catalog key with `values`, said in the reader's language where it is shown.
 */
export class RateLimited extends InputError {
  override name = "RateLimited";
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
    values?: MessageValues,
  ) {
    super("form", message, values);
  }
}

/**
 * Takes one event of the organisation's allowance, or refuses with when to try again. Counting and
 * adding are one IMMEDIATE transaction, so two processes cannot both take the last one.
 */
export async function takeRateLimit(db: Db, action: LimitedAction, subject: number | string, now = Date.now()): Promise<void> {
  const rule = LIMITS[action];
  const key = `${action}:${subject}`;
  const since = new Date(now - rule.windowMs);
  const refused = await inTransaction(db, async () => {
      // Events that left the window count for nothing any more.
      await db.delete(rateLimitEvents).where(and(eq(rateLimitEvents.key, key), lte(rateLimitEvents.at, since)));
      const recent = firstRow(await db.select({ n: count() }).from(rateLimitEvents).where(and(eq(rateLimitEvents.key, key), gt(rateLimitEvents.at, since))))!.n;
      if (recent >= rule.limit) {
        const oldest = firstRow(await db.select({ at: rateLimitEvents.at }).from(rateLimitEvents).where(and(eq(rateLimitEvents.key, key), gt(rateLimitEvents.at, since))).orderBy(asc(rateLimitEvents.at)).limit(1))!;
        return Math.ceil((oldest.at.getTime() + rule.windowMs - now) / 1000);
      }
      await db.insert(rateLimitEvents).values({ key, at: new Date(now) });
      return null;
    });
  if (refused !== null) {
    // `count` (whole minutes to wait, at least one) chooses the sentence's plural form.
    throw new RateLimited(rule.refusal, refused, { limit: rule.limit, window: rule.windowMs / 60_000, count: Math.max(1, Math.ceil(refused / 60)) });
  }
}

/** For tests: forget every count. */
export async function resetRateLimits(db: Db): Promise<void> {
  await db.delete(rateLimitEvents);
}
