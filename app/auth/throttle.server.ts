/**
 * Sign-in throttling by progressive delays, kept in the database so that it holds across restarts.
 *
 * Nothing here ever locks an account: a lock is a denial of service that anyone who knows an
 * e-mail address can cause. Instead two counters slow the guesser down:
 * - per (account, client address): failures for one e-mail from one address. After a few free
 *   failures each further attempt from that address must wait 1 s, 2 s, 4 s… up to 15 minutes.
 *   The owner signing in from another address is not affected.
 * - per client address, over all accounts: a client spraying many accounts is slowed the same
 *   way, later; it only delays that address, never an account for anyone else.
 * The account key is the e-mail as typed (normalised), whether or not an account exists, so the
 * answer never reveals which e-mails are registered. A counter is forgotten after a quiet period.
 */
import { eq, sql } from "drizzle-orm";
import type { Db } from "#db/client";
import { signInThrottle } from "#db/schema";
import { firstRow } from "#db/client";

export const THROTTLE_RULES = {
  account: { freeFailures: 3, firstDelayMs: 1_000, maxDelayMs: 15 * 60_000, forgetAfterMs: 24 * 60 * 60_000 },
  ip: { freeFailures: 20, firstDelayMs: 1_000, maxDelayMs: 15 * 60_000, forgetAfterMs: 60 * 60_000 },
} as const;

type Rule = (typeof THROTTLE_RULES)[keyof typeof THROTTLE_RULES];

// JSON keeps the parts unambiguous whatever is typed as the e-mail, and gives every key of one
// account the same prefix (used to clear them all after a password reset).
const accountPrefix = (email: string) => `account:${JSON.stringify([email]).slice(0, -1)},`;
const accountKey = (email: string, ip: string) => `account:${JSON.stringify([email, ip])}`;
const ipKey = (ip: string) => `ip:${ip}`;

/** The wait imposed after `failures` consecutive failures under `rule` (0 while still free). */
export function delayAfter(failures: number, rule: Rule): number {
  const over = failures - rule.freeFailures;
  if (over <= 0) return 0;
  return Math.min(rule.firstDelayMs * 2 ** Math.min(over - 1, 30), rule.maxDelayMs);
}

async function remaining(db: Db, key: string, rule: Rule, now: number): Promise<number> {
  const row = firstRow(await db.select().from(signInThrottle).where(eq(signInThrottle.key, key)));
  if (!row || now - row.lastFailureAt.getTime() >= rule.forgetAfterMs) return 0;
  const until = row.notBefore?.getTime() ?? 0;
  return until > now ? until - now : 0;
}

/** Milliseconds this client must wait before trying this e-mail again, or 0. */
export async function signInDelayRemaining(db: Db, email: string, ip: string, now = Date.now()): Promise<number> {
  return Math.max(await remaining(db, accountKey(email, ip), THROTTLE_RULES.account, now), await remaining(db, ipKey(ip), THROTTLE_RULES.ip, now));
}

async function recordFailureFor(db: Db, key: string, rule: Rule, now: number): Promise<void> {
  const row = firstRow(await db.select().from(signInThrottle).where(eq(signInThrottle.key, key)));
  const recent = row && now - row.lastFailureAt.getTime() < rule.forgetAfterMs;
  const failures = recent ? row.failures + 1 : 1;
  const delay = delayAfter(failures, rule);
  const values = { failures, lastFailureAt: new Date(now), notBefore: delay > 0 ? new Date(now + delay) : null };
  await db.insert(signInThrottle)
        .values({ key, ...values })
        .onConflictDoUpdate({ target: signInThrottle.key, set: values });
}

/**
 * Counts an attempt as a failure before its password is checked. Checking takes tens of
 * milliseconds (argon2id); counting first means parallel requests cannot all slip through the
 * same free slot. A successful attempt takes its count back (see clearSignInFailures).
 */
export async function recordSignInFailure(db: Db, email: string, ip: string, now = Date.now()): Promise<void> {
  await recordFailureFor(db, accountKey(email, ip), THROTTLE_RULES.account, now);
  await recordFailureFor(db, ipKey(ip), THROTTLE_RULES.ip, now);
}

/**
 * After a successful sign-in: forgets this client's failures for the account. The per-address
 * counter stays (an attacker must not reset it by signing in to an account of their own), and so
 * do other addresses' counters for the account (the owner signing in must not free the guesser).
 */
export async function clearSignInFailures(db: Db, email: string, ip: string): Promise<void> {
  await db.delete(signInThrottle).where(eq(signInThrottle.key, accountKey(email, ip)));
  // Take back the count made when the attempt began: a success is not a failure of the address.
  const row = firstRow(await db.select().from(signInThrottle).where(eq(signInThrottle.key, ipKey(ip))));
  if (!row) return;
  const failures = Math.max(row.failures - 1, 0);
  const delay = delayAfter(failures, THROTTLE_RULES.ip);
  await db.update(signInThrottle)
        .set({ failures, notBefore: delay > 0 ? new Date(row.lastFailureAt.getTime() + delay) : null })
        .where(eq(signInThrottle.key, row.key));
}

/** After a password reset: every client starts afresh on this account (the old guesses are moot). */
export async function clearAccountThrottle(db: Db, email: string): Promise<void> {
  const prefix = accountPrefix(email);
  await db.delete(signInThrottle).where(sql`substr(${signInThrottle.key}, 1, ${prefix.length}) = ${prefix}`);
}
