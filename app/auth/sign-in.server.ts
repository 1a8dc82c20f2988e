/**
 * Checks a sign-in attempt: throttling first, then the password (argon2id). The answer for a wrong
 * password and for an unknown e-mail is the same, and takes the same time.
 */
import { asc, eq } from "drizzle-orm";
import type { Db } from "#db/client";
import { memberships, organisations, users } from "#db/schema";
import { recordEvent } from "~/domain/activity-log/activity-log.server";
import { Invalid } from "~/domain/errors";
import { recordAccountEvent } from "./account-events.server";
import { timingDummyHash, verifyPassword } from "./password.server";
import { clearSignInFailures, recordSignInFailure, signInDelayRemaining } from "./throttle.server";
import { firstRow, inTransaction } from "#db/client";

export type SignInResult =
  | { ok: true; userId: number; orgId: number | null }
  | { ok: false; reason: "invalid" }
  /** The password was right, but every organisation the account belongs to is deactivated. */
  | { ok: false; reason: "deactivated"; organisations: string[] }
  | { ok: false; reason: "throttled"; retryAfterMs: number };

/**
 * Refused for now: too many failed attempts for this e-mail from this network. The one mapping
 * (`app/lib/http-errors.server.ts`) answers it 429 with Retry-After, by its `retryAfterSeconds`.
 */
export class SignInThrottled extends Invalid {
  override name = "SignInThrottled";
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super("form", message);
  }
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function attemptSignIn(db: Db, input: { email: string; password: string; ip: string }, now = Date.now()): Promise<SignInResult> {
  const email = normaliseEmail(input.email);
  const user = firstRow(await db.select().from(users).where(eq(users.email, email)));
  // Failed and throttled attempts are logged for the account's organisations, with the account as
  // the target: the person attempting is not the account holder, so it is never the actor.
  const target = user ? { targetType: "user", targetId: user.id } : {};
  // Checked and counted in one transaction, before the (slow) password check, so that parallel
  // guesses are throttled too (one of them takes the free slot, the others see its count);
  // taken back below when the password is right.
  const wait = await inTransaction(db, async () => {
    const remaining = await signInDelayRemaining(db, email, input.ip, now);
    if (remaining <= 0) await recordSignInFailure(db, email, input.ip, now);
    return remaining;
  });
  if (wait > 0) {
    await recordAccountEvent(db, user?.id, { action: "auth.sign_in_throttled", ...target, ip: input.ip, details: { email, retryAfterMs: wait } }, now);
    return { ok: false, reason: "throttled", retryAfterMs: wait };
  }
  const valid = user?.passwordHash && !user.disabledAt
    ? await verifyPassword(user.passwordHash, input.password)
    : (await verifyPassword(await timingDummyHash(), input.password), false);
  if (!user || !valid) {
    await recordAccountEvent(db, user?.id, { action: "auth.sign_in_failed", ...target, ip: input.ip, details: { email } }, now);
    return { ok: false, reason: "invalid" };
  }
  await clearSignInFailures(db, email, input.ip);
  const all = await db
      .select({ orgId: memberships.orgId, orgName: organisations.name, deactivatedAt: organisations.deactivatedAt })
      .from(memberships)
      .innerJoin(organisations, eq(organisations.id, memberships.orgId))
      .where(eq(memberships.userId, user.id))
      .orderBy(asc(memberships.id));
  // The first membership of an organisation that is still active; a deactivated one is skipped.
  const membership = all.find((m) => !m.deactivatedAt);
  if (!membership && !user.isPlatformAdmin) {
    if (all.length) {
      // Said only after the right password (a wrong one got the answer above, in the same time as
      // for an unknown address), so an attacker without the password learns nothing from it; the
      // member who has it learns why they are locked out and whom to ask, instead of resetting a
      // password that is not the problem.
      await recordEvent(db, { action: "auth.sign_in_failed", ...target, orgId: all[0]!.orgId, ip: input.ip, details: { email, why: "organisation deactivated" } }, now);
      return { ok: false, reason: "deactivated", organisations: all.map((m) => m.orgName) };
    }
    // An account whose every membership was removed has nothing to act for.
    await recordEvent(db, { action: "auth.sign_in_failed", ...target, ip: input.ip, details: { email, why: "no membership" } }, now);
    return { ok: false, reason: "invalid" };
  }
  const orgId = membership?.orgId ?? null;
  await recordEvent(db, { action: "auth.sign_in", actorUserId: user.id, orgId, ip: input.ip }, now);
  return { ok: true, userId: user.id, orgId };
}
