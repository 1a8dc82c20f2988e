/**
 * Sign-in throttling, per account and per IP address, kept in the database so that it holds across
 * restarts. The key for an account is the e-mail as typed (normalised), whether or not an account
 * exists, so the answer never reveals which e-mails are registered.
 */
import { eq } from "drizzle-orm";
import type { Db } from "#db/client";
import { signInThrottle } from "#db/schema";

export const THROTTLE_RULES = {
  account: { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 },
  ip: { maxFailures: 30, windowMs: 15 * 60_000, lockMs: 15 * 60_000 },
} as const;

type Kind = keyof typeof THROTTLE_RULES;

const keyFor = (kind: Kind, value: string) => `${kind}:${value}`;

/** Milliseconds until the key may try again, or 0 when it is not locked. */
function lockRemaining(db: Db, key: string, now: number): number {
  const row = db.select().from(signInThrottle).where(eq(signInThrottle.key, key)).get();
  const until = row?.lockedUntil?.getTime() ?? 0;
  return until > now ? until - now : 0;
}

export function signInLockRemaining(db: Db, email: string, ip: string, now = Date.now()): number {
  return Math.max(lockRemaining(db, keyFor("account", email), now), lockRemaining(db, keyFor("ip", ip), now));
}

function recordFailureFor(db: Db, kind: Kind, value: string, now: number): void {
  const rule = THROTTLE_RULES[kind];
  const key = keyFor(kind, value);
  const row = db.select().from(signInThrottle).where(eq(signInThrottle.key, key)).get();
  const windowOpen = row && now - row.windowStart.getTime() < rule.windowMs;
  const failures = windowOpen ? row.failures + 1 : 1;
  const windowStart = windowOpen ? row.windowStart : new Date(now);
  const lockedUntil = failures >= rule.maxFailures ? new Date(now + rule.lockMs) : null;
  db.insert(signInThrottle)
    .values({ key, failures, windowStart, lockedUntil })
    .onConflictDoUpdate({ target: signInThrottle.key, set: { failures, windowStart, lockedUntil } })
    .run();
}

export function recordSignInFailure(db: Db, email: string, ip: string, now = Date.now()): void {
  recordFailureFor(db, "account", email, now);
  recordFailureFor(db, "ip", ip, now);
}

export function clearAccountThrottle(db: Db, email: string): void {
  db.delete(signInThrottle).where(eq(signInThrottle.key, keyFor("account", email))).run();
}
