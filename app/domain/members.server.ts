/**
 * Members of an organisation: who belongs, with which role, and the one-time links (invitations,
 * password resets) an admin hands out in place of e-mail. Every function takes the acting user and
 * asks the permission module first; every query is scoped to the organisation in question.
 */
import { and, asc, count, eq, gt, isNull, ne } from "drizzle-orm";
import { inTransaction, type Db } from "#db/client";
import { invitations, memberships, organisations, passwordResets, users, type Role } from "#db/schema";
import { hashPassword, passwordProblem, verifyPassword } from "~/auth/password.server";
import { authorize, type Actor } from "~/auth/permissions.server";
import { invalidateMembershipSessions, invalidateUserSessions } from "~/auth/session.server";
import { normaliseEmail } from "~/auth/sign-in.server";
import { generateToken, hashToken } from "~/auth/tokens.server";
import { recordEvent } from "./audit-log.server";
import { InputError } from "./errors";

export const INVITATION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;
export const RESET_LIFETIME_MS = 24 * 60 * 60 * 1000;

export interface MemberRow {
  userId: number;
  name: string;
  email: string;
  role: Role;
  since: Date;
}

export interface PendingInvitation {
  id: number;
  email: string;
  role: Role;
  expiresAt: Date;
  invitedBy: string | null;
}

function findOrganisation(db: Db, orgId: number) {
  const org = db.select().from(organisations).where(eq(organisations.id, orgId)).get();
  if (!org) throw new Response("Not found", { status: 404, statusText: "Not Found" });
  return org;
}

export function listMembers(db: Db, actor: Actor, orgId: number, now = Date.now()) {
  authorize(actor, "members.view", { orgId });
  const org = findOrganisation(db, orgId);
  const members: MemberRow[] = db
    .select({ userId: users.id, name: users.name, email: users.email, role: memberships.role, since: memberships.createdAt })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.orgId, orgId))
    .orderBy(asc(users.name))
    .all();
  const pending: PendingInvitation[] = db
    .select({ id: invitations.id, email: invitations.email, role: invitations.role, expiresAt: invitations.expiresAt, invitedBy: users.name })
    .from(invitations)
    .leftJoin(users, eq(users.id, invitations.invitedBy))
    .where(and(eq(invitations.orgId, orgId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, new Date(now))))
    .orderBy(asc(invitations.email))
    .all();
  return { org, members, pending };
}

function membershipOf(db: Db, orgId: number, userId: number) {
  const row = db
    .select({ role: memberships.role, email: users.email, isPlatformAdmin: users.isPlatformAdmin })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)))
    .get();
  // A user id from another organisation is answered exactly like one that does not exist.
  if (!row) throw new Response("Not found", { status: 404, statusText: "Not Found" });
  return row;
}

function adminCount(db: Db, orgId: number): number {
  return db.select({ n: count() }).from(memberships).where(and(eq(memberships.orgId, orgId), eq(memberships.role, "admin"))).get()?.n ?? 0;
}

export function inviteMember(
  db: Db,
  actor: Actor,
  orgId: number,
  input: { email: string; role: Role },
  ip: string | null,
  now = Date.now(),
): { token: string; invitationId: number } {
  authorize(actor, "members.manage", { orgId });
  findOrganisation(db, orgId);
  const email = normaliseEmail(input.email);
  return inTransaction(db, () => {
    const existing = db
      .select({ id: memberships.id })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.orgId, orgId), eq(users.email, email)))
      .get();
    if (existing) throw new InputError("email", `${email} is already a member of this organisation.`);
    // A new invitation replaces an open one for the same address, so only one link works.
    db.update(invitations)
      .set({ revokedAt: new Date(now) })
      .where(and(eq(invitations.orgId, orgId), eq(invitations.email, email), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
      .run();
    const token = generateToken();
    const inserted = db
      .insert(invitations)
      .values({ orgId, email, role: input.role, tokenHash: hashToken(token), invitedBy: actor.user.id, expiresAt: new Date(now + INVITATION_LIFETIME_MS) })
      .returning({ id: invitations.id })
      .get();
    recordEvent(db, { action: "member.invited", actorUserId: actor.user.id, orgId, targetType: "invitation", targetId: inserted.id, ip, details: { email, role: input.role } }, now);
    return { token, invitationId: inserted.id };
  });
}

export function revokeInvitation(db: Db, actor: Actor, orgId: number, invitationId: number, ip: string | null, now = Date.now()): void {
  authorize(actor, "members.manage", { orgId });
  const result = db
    .update(invitations)
    .set({ revokedAt: new Date(now) })
    .where(and(eq(invitations.id, invitationId), eq(invitations.orgId, orgId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
    .run();
  if (result.changes === 0) throw new Response("Not found", { status: 404, statusText: "Not Found" });
  recordEvent(db, { action: "member.invitation_revoked", actorUserId: actor.user.id, orgId, targetType: "invitation", targetId: invitationId, ip }, now);
}

export function changeRole(db: Db, actor: Actor, orgId: number, userId: number, role: Role, ip: string | null): void {
  authorize(actor, "members.manage", { orgId });
  inTransaction(db, () => {
    const current = membershipOf(db, orgId, userId);
    if (current.role === role) return;
    if (current.role === "admin" && adminCount(db, orgId) <= 1) {
      throw new InputError("role", "This is the organisation's only admin. Make someone else admin first.");
    }
    db.update(memberships).set({ role }).where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId))).run();
    recordEvent(db, { action: "member.role_changed", actorUserId: actor.user.id, orgId, targetType: "user", targetId: userId, ip, details: { from: current.role, to: role } });
  });
}

export function removeMember(db: Db, actor: Actor, orgId: number, userId: number, ip: string | null): void {
  authorize(actor, "members.manage", { orgId });
  inTransaction(db, () => {
    const current = membershipOf(db, orgId, userId);
    if (current.role === "admin" && adminCount(db, orgId) <= 1) {
      throw new InputError("member", "This is the organisation's only admin and cannot be removed. Make someone else admin first.");
    }
    db.delete(memberships).where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId))).run();
    // Removal takes effect at once: the member's open sessions for this organisation end now.
    invalidateMembershipSessions(db, userId, orgId);
    recordEvent(db, { action: "member.removed", actorUserId: actor.user.id, orgId, targetType: "user", targetId: userId, ip, details: { email: current.email, role: current.role } });
  });
}

/**
 * A one-time password-reset link for a member. An organisation admin may only reset accounts that
 * belong to their organisation alone: otherwise an admin of one organisation could take over an
 * account that also acts for another. The platform admin may reset any account.
 */
export function issuePasswordReset(db: Db, actor: Actor, orgId: number, userId: number, ip: string | null, now = Date.now()): { token: string } {
  authorize(actor, "members.manage", { orgId });
  return inTransaction(db, () => {
    const target = membershipOf(db, orgId, userId);
    if (!actor.user.isPlatformAdmin) {
      const elsewhere = db.select({ n: count() }).from(memberships).where(and(eq(memberships.userId, userId), ne(memberships.orgId, orgId))).get()?.n ?? 0;
      if (target.isPlatformAdmin || elsewhere > 0) {
        throw new InputError("member", "This account also belongs to another organisation; ask the platform administrator to reset its password.");
      }
    }
    const token = generateToken();
    db.insert(passwordResets).values({ userId, tokenHash: hashToken(token), issuedBy: actor.user.id, expiresAt: new Date(now + RESET_LIFETIME_MS) }).run();
    recordEvent(db, { action: "auth.password_reset_issued", actorUserId: actor.user.id, orgId, targetType: "user", targetId: userId, ip }, now);
    return { token };
  });
}

/** What the invitation page shows before the invitee accepts. Null when the link is not usable. */
export function findInvitation(db: Db, token: string, now = Date.now()) {
  const row = db
    .select({ id: invitations.id, email: invitations.email, role: invitations.role, orgId: invitations.orgId, orgName: organisations.name, orgType: organisations.type })
    .from(invitations)
    .innerJoin(organisations, eq(organisations.id, invitations.orgId))
    .where(and(eq(invitations.tokenHash, hashToken(token)), isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, new Date(now))))
    .get();
  if (!row) return null;
  const existing = db.select({ id: users.id }).from(users).where(eq(users.email, row.email)).get();
  return { ...row, hasAccount: Boolean(existing) };
}

/**
 * Accepts an invitation. A new person chooses a name and password; someone who already has an
 * account proves it with their password, and gains a membership.
 */
export async function acceptInvitation(
  db: Db,
  token: string,
  input: { name?: string; password: string },
  ip: string | null,
  now = Date.now(),
): Promise<{ userId: number; orgId: number }> {
  const invitation = findInvitation(db, token, now);
  if (!invitation) throw new InputError("form", "This invitation link is no longer valid. Ask your administrator for a new one.");
  const existing = db.select().from(users).where(eq(users.email, invitation.email)).get();
  let passwordHash: string | null = null;
  if (existing) {
    if (!existing.passwordHash || !(await verifyPassword(existing.passwordHash, input.password))) {
      throw new InputError("password", "That is not the password of the existing account for this e-mail.");
    }
  } else {
    const name = input.name?.trim() ?? "";
    if (!name) throw new InputError("name", "Enter your name as colleagues should see it.");
    const problem = passwordProblem(input.password, invitation.email);
    if (problem) throw new InputError("password", problem);
    passwordHash = await hashPassword(input.password);
  }
  return inTransaction(db, () => {
    // Claim the invitation inside the transaction so that a double submit cannot use it twice.
    const claimed = db
      .update(invitations)
      .set({ acceptedAt: new Date(now) })
      .where(and(eq(invitations.id, invitation.id), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
      .run();
    if (claimed.changes === 0) throw new InputError("form", "This invitation link has already been used.");
    const userId =
      existing?.id ??
      db
        .insert(users)
        .values({ email: invitation.email, name: input.name!.trim(), passwordHash })
        .returning({ id: users.id })
        .get().id;
    db.insert(memberships).values({ userId, orgId: invitation.orgId, role: invitation.role }).onConflictDoNothing().run();
    recordEvent(db, { action: "member.joined", actorUserId: userId, orgId: invitation.orgId, targetType: "invitation", targetId: invitation.id, ip, details: { role: invitation.role } }, now);
    return { userId, orgId: invitation.orgId };
  });
}

export function findPasswordReset(db: Db, token: string, now = Date.now()) {
  return (
    db
      .select({ id: passwordResets.id, userId: passwordResets.userId, email: users.email })
      .from(passwordResets)
      .innerJoin(users, eq(users.id, passwordResets.userId))
      .where(and(eq(passwordResets.tokenHash, hashToken(token)), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, new Date(now))))
      .get() ?? null
  );
}

/** Sets a new password from a reset link and ends every session of the account. */
export async function resetPassword(db: Db, token: string, password: string, ip: string | null, now = Date.now()): Promise<{ userId: number }> {
  const reset = findPasswordReset(db, token, now);
  if (!reset) throw new InputError("form", "This password-reset link is no longer valid. Ask your administrator for a new one.");
  const problem = passwordProblem(password, reset.email);
  if (problem) throw new InputError("password", problem);
  const passwordHash = await hashPassword(password);
  return inTransaction(db, () => {
    const claimed = db.update(passwordResets).set({ usedAt: new Date(now) }).where(and(eq(passwordResets.id, reset.id), isNull(passwordResets.usedAt))).run();
    if (claimed.changes === 0) throw new InputError("form", "This password-reset link has already been used.");
    db.update(users).set({ passwordHash }).where(eq(users.id, reset.userId)).run();
    // Every other open link for this account dies with the password it was meant to replace.
    db.update(passwordResets).set({ usedAt: new Date(now) }).where(and(eq(passwordResets.userId, reset.userId), isNull(passwordResets.usedAt))).run();
    invalidateUserSessions(db, reset.userId);
    recordEvent(db, { action: "auth.password_reset_used", actorUserId: reset.userId, targetType: "user", targetId: reset.userId, ip }, now);
    return { userId: reset.userId };
  });
}

/** Changes the signed-in user's own password; every session of the account ends. */
export async function changeOwnPassword(db: Db, actor: Actor, input: { current: string; next: string }, ip: string | null): Promise<void> {
  const user = db.select().from(users).where(eq(users.id, actor.user.id)).get();
  if (!user?.passwordHash || !(await verifyPassword(user.passwordHash, input.current))) {
    throw new InputError("currentPassword", "That is not your current password.");
  }
  const problem = passwordProblem(input.next, user.email);
  if (problem) throw new InputError("newPassword", problem);
  const passwordHash = await hashPassword(input.next);
  inTransaction(db, () => {
    db.update(users).set({ passwordHash }).where(eq(users.id, user.id)).run();
    invalidateUserSessions(db, user.id);
    recordEvent(db, { action: "auth.password_changed", actorUserId: user.id, orgId: actor.membership?.orgId ?? null, targetType: "user", targetId: user.id, ip });
  });
}

/** The organisations a user may act for (for the switcher on the account page). */
export function membershipsOf(db: Db, userId: number) {
  return db
    .select({ orgId: organisations.id, orgName: organisations.name, orgType: organisations.type, role: memberships.role })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.orgId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(organisations.name))
    .all();
}
