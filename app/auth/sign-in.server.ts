/**
 * Checks a sign-in attempt: throttling first, then the password (argon2id). The answer for a wrong
 * password and for an unknown e-mail is the same, and takes the same time.
 */
import { asc, eq } from "drizzle-orm";
import type { Db } from "#db/client";
import { memberships, users } from "#db/schema";
import { recordEvent } from "~/domain/audit-log.server";
import { timingDummyHash, verifyPassword } from "./password.server";
import { clearAccountThrottle, recordSignInFailure, signInLockRemaining } from "./throttle.server";

export type SignInResult =
  | { ok: true; userId: number; orgId: number | null }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "locked"; retryAfterMs: number };

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function attemptSignIn(db: Db, input: { email: string; password: string; ip: string }): Promise<SignInResult> {
  const email = normaliseEmail(input.email);
  const locked = signInLockRemaining(db, email, input.ip);
  if (locked > 0) {
    recordEvent(db, { action: "auth.sign_in_throttled", ip: input.ip, details: { email } });
    return { ok: false, reason: "locked", retryAfterMs: locked };
  }
  const user = db.select().from(users).where(eq(users.email, email)).get();
  const valid = user?.passwordHash && !user.disabledAt
    ? await verifyPassword(user.passwordHash, input.password)
    : (await verifyPassword(await timingDummyHash(), input.password), false);
  if (!user || !valid) {
    recordSignInFailure(db, email, input.ip);
    recordEvent(db, { action: "auth.sign_in_failed", actorUserId: user?.id ?? null, ip: input.ip, details: { email } });
    return { ok: false, reason: "invalid" };
  }
  clearAccountThrottle(db, email);
  const membership = db
    .select({ orgId: memberships.orgId })
    .from(memberships)
    .where(eq(memberships.userId, user.id))
    .orderBy(asc(memberships.id))
    .get();
  if (!membership && !user.isPlatformAdmin) {
    // An account whose every membership was removed has nothing to act for.
    recordEvent(db, { action: "auth.sign_in_failed", actorUserId: user.id, ip: input.ip, details: { email, why: "no membership" } });
    return { ok: false, reason: "invalid" };
  }
  const orgId = membership?.orgId ?? null;
  recordEvent(db, { action: "auth.sign_in", actorUserId: user.id, orgId, ip: input.ip });
  return { ok: true, userId: user.id, orgId };
}
