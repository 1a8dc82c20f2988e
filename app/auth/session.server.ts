/**
 * Sessions after Lucia's design (lucia-auth.com, "Basic session API"): the cookie holds a random
 * token, the database holds only its hash. A session ends after SESSION_IDLE_MINUTES without a
 * request (idle timeout, default 2 hours) and, however busy, 30 days after sign-in (absolute
 * lifetime). See docs/decisions/003-sessions-after-lucia.md.
 */
import { and, eq, isNull, ne } from "drizzle-orm";
import type { Db } from "#db/client";
import { memberships, organisations, sessions, users, type OrgType, type Role } from "#db/schema";
import { generateToken, hashToken } from "./tokens.server";
import { firstRow } from "#db/client";

/** Absolute lifetime, counted from sign-in; never extended. */
export const SESSION_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;
/** Idle timeout when the caller names none (the server passes SESSION_IDLE_MINUTES). */
export const DEFAULT_SESSION_IDLE_MS = 120 * 60_000;
/** Last activity is written at most once a minute, not on every request. */
const TOUCH_EVERY_MS = 60_000;
export const SESSION_COOKIE = "ldd_session";

export interface SessionUser {
  id: number;
  email: string;
  name: string;
  isPlatformAdmin: boolean;
  /** The interface language saved in the account (null: the browser's). */
  locale?: string | null;
}

export interface SessionMembership {
  orgId: number;
  orgType: OrgType;
  orgName: string;
  role: Role;
}

export interface ValidSession {
  id: string;
  /** The end of the absolute lifetime (also the cookie's expiry; idleness is judged here, not by the browser). */
  expiresAt: Date;
  user: SessionUser;
  /** The organisation the user acts for; null for a platform admin without a membership. */
  membership: SessionMembership | null;
}

export async function createSession(db: Db, userId: number, orgId: number | null, now = Date.now()): Promise<{ token: string; expiresAt: Date }> {
  const token = generateToken();
  await db.insert(sessions).values({ id: hashToken(token), userId, orgId, lastSeenAt: new Date(now), createdAt: new Date(now) });
  return { token, expiresAt: new Date(now + SESSION_LIFETIME_MS) };
}

/**
 * The session a cookie token names, or null (and the row deleted) when it has ended: idle for
 * `idleMs`, older than the absolute lifetime, its user disabled, or its membership removed.
 */
export async function validateSessionToken(db: Db, token: string, now = Date.now(), idleMs = DEFAULT_SESSION_IDLE_MS): Promise<ValidSession | null> {
  const id = hashToken(token);
  const row = firstRow(await db
      .select({
        session: sessions,
        user: { id: users.id, email: users.email, name: users.name, isPlatformAdmin: users.isPlatformAdmin, locale: users.locale, disabledAt: users.disabledAt },
      })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(eq(sessions.id, id)));
  if (!row) return null;
  const lastSeen = row.session.lastSeenAt.getTime();
  const expiresAt = new Date(row.session.createdAt.getTime() + SESSION_LIFETIME_MS);
  if (now - lastSeen >= idleMs || expiresAt.getTime() <= now || row.user.disabledAt) {
    await db.delete(sessions).where(eq(sessions.id, id));
    return null;
  }
  let membership: SessionMembership | null = null;
  if (row.session.orgId !== null) {
    const m = firstRow(await db
          .select({ orgId: organisations.id, orgType: organisations.type, orgName: organisations.name, role: memberships.role })
          .from(memberships)
          .innerJoin(organisations, eq(organisations.id, memberships.orgId))
          // A deactivated organisation's sessions end (deactivating also deletes them at once).
          .where(and(eq(memberships.userId, row.user.id), eq(memberships.orgId, row.session.orgId), isNull(organisations.deactivatedAt))));
    // The membership was removed (or its organisation deactivated) since sign-in: the session no longer stands for anything.
    if (!m && !row.user.isPlatformAdmin) {
      await db.delete(sessions).where(eq(sessions.id, id));
      return null;
    }
    membership = m ?? null;
  }
  // A time in the future is a deadline written before idle timeouts existed: replace it by now.
  if (now - lastSeen >= TOUCH_EVERY_MS || lastSeen > now) {
    await db.update(sessions).set({ lastSeenAt: new Date(now) }).where(eq(sessions.id, id));
  }
  const { disabledAt: _disabled, ...user } = row.user;
  return { id, expiresAt, user, membership };
}

export async function invalidateSession(db: Db, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

/** Ends every session of a user, except optionally the one making the request. */
export async function invalidateUserSessions(db: Db, userId: number, exceptSessionId?: string): Promise<void> {
  const where = exceptSessionId ? and(eq(sessions.userId, userId), ne(sessions.id, exceptSessionId)) : eq(sessions.userId, userId);
  await db.delete(sessions).where(where);
}

/** Ends the sessions a user holds for one organisation (after their membership was removed). */
export async function invalidateMembershipSessions(db: Db, userId: number, orgId: number): Promise<void> {
  await db.delete(sessions).where(and(eq(sessions.userId, userId), eq(sessions.orgId, orgId)));
}

export interface CookieOptions {
  secure: boolean;
}

export function sessionCookie(token: string, expiresAt: Date, options: CookieOptions): string {
  const parts = [
    `${SESSION_COOKIE}=${token}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Lax",
    `Expires=${expiresAt.toUTCString()}`,
  ];
  if (options.secure) parts.push("Secure");
  return parts.join("; ");
}

export function blankSessionCookie(options: CookieOptions): string {
  const parts = [`${SESSION_COOKIE}=`, "Path=/", "HttpOnly", "SameSite=Lax", "Max-Age=0"];
  if (options.secure) parts.push("Secure");
  return parts.join("; ");
}

/** Reads the session token from a Cookie header, ignoring malformed values. */
export function readSessionToken(cookieHeader: string | null | undefined): string | null {
  if (!cookieHeader) return null;
  for (const part of cookieHeader.split(";")) {
    const eqAt = part.indexOf("=");
    if (eqAt < 0) continue;
    if (part.slice(0, eqAt).trim() === SESSION_COOKIE) {
      const value = part.slice(eqAt + 1).trim();
      return /^[a-z2-7]{16,64}$/.test(value) ? value : null;
    }
  }
  return null;
}
