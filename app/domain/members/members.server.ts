/**
 * Members of an organisation: who belongs, with which role, and the one-time links (invitations,
 * password resets) an admin hands out in place of e-mail. Every function takes the acting user and
 * asks the permission module first; every query is scoped to the organisation in question.
 */
import { INTERFACE_CODES } from "~/i18n/languages";
import { and, asc, count, eq, gt, isNull, ne } from "drizzle-orm";
import { changedRows, inTransaction, type Db, firstRow, onlyRow } from "#db/client";
import { invitations, memberships, organisations, passwordResets, users, type Role } from "#db/schema";
import { hashPassword, passwordProblem, verifyPassword } from "~/auth/password.server";
import { authorize, type Actor } from "~/auth/permissions.server";
import { recordAccountEvent } from "~/auth/account-events.server";
import { invalidateMembershipSessions, invalidateUserSessions } from "~/auth/session.server";
import { normaliseEmail } from "~/auth/sign-in.server";
import { clearAccountThrottle } from "~/auth/throttle.server";
import { generateToken, hashToken } from "~/auth/tokens.server";
import { recordEvent } from "../activity-log/activity-log.server";
import { Invalid, NotFound } from "../errors";

export const INVITATION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;
/** A reset link is a password in transit: it should not outlive the conversation that handed it on. */
export const RESET_LIFETIME_MS = 60 * 60 * 1000;

/**
 * The one answer for every invitation that cannot be accepted the way it was tried: a used,
 * revoked or expired link, or a new account for an e-mail that already has one. The same words
 * for all of them, so the page never tells whether an e-mail address has an account. A `public`
 * catalog key (the invitation page is read in every language), translated where it is shown.
 */
export const INVITATION_REFUSED = "public:invite.refused";

export const RESET_REFUSED = "public:reset.refused";

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

async function findOrganisation(db: Db, orgId: number) {
  const org = firstRow(await db.select().from(organisations).where(eq(organisations.id, orgId)));
  if (!org) throw new NotFound();
  return org;
}

export async function listMembers(db: Db, actor: Actor, orgId: number, now = Date.now()) {
  authorize(actor, "members.view", { orgId });
  const org = await findOrganisation(db, orgId);
  const members: MemberRow[] = await db
      .select({ userId: users.id, name: users.name, email: users.email, role: memberships.role, since: memberships.createdAt })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(memberships.orgId, orgId))
      .orderBy(asc(users.name));
  const pending: PendingInvitation[] = await db
      .select({ id: invitations.id, email: invitations.email, role: invitations.role, expiresAt: invitations.expiresAt, invitedBy: users.name })
      .from(invitations)
      .leftJoin(users, eq(users.id, invitations.invitedBy))
      .where(and(eq(invitations.orgId, orgId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, new Date(now))))
      .orderBy(asc(invitations.email));
  return { org, members, pending };
}

async function membershipOf(db: Db, orgId: number, userId: number) {
  const row = firstRow(await db
      .select({ role: memberships.role, email: users.email, isPlatformAdmin: users.isPlatformAdmin })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId))));
  // A user id from another organisation is answered exactly like one that does not exist.
  if (!row) throw new NotFound();
  return row;
}

async function adminCount(db: Db, orgId: number): Promise<number> {
  return firstRow(await db.select({ n: count() }).from(memberships).where(and(eq(memberships.orgId, orgId), eq(memberships.role, "admin"))))?.n ?? 0;
}

export async function inviteMember(
  db: Db,
  actor: Actor,
  orgId: number,
  input: { email: string; role: Role },
  ip: string | null,
  now = Date.now(),
): Promise<{ token: string; invitationId: number }> {
  authorize(actor, "members.manage", { orgId });
  await findOrganisation(db, orgId);
  const email = normaliseEmail(input.email);
  return await inTransaction(db, async () => {
      const existing = firstRow(await db
            .select({ id: memberships.id })
            .from(memberships)
            .innerJoin(users, eq(users.id, memberships.userId))
            .where(and(eq(memberships.orgId, orgId), eq(users.email, email))));
      if (existing) throw new Invalid("email", "account:members.errors.alreadyMember", { email });
      // The platform administrator's account oversees every organisation and must not become a
      // member of one: as a member it would see that organisation's suppliers as an insider does.
      const operator = firstRow(await db.select({ id: users.id }).from(users).where(and(eq(users.email, email), eq(users.isPlatformAdmin, true))));
      if (operator) {
        throw new Invalid("email", "account:members.errors.platformAdmin", { email });
      }
      // A new invitation replaces an open one for the same address, so only one link works.
      await db.update(invitations)
              .set({ revokedAt: new Date(now) })
              .where(and(eq(invitations.orgId, orgId), eq(invitations.email, email), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)));
      const token = generateToken();
      const inserted = onlyRow(await db
            .insert(invitations)
            .values({ orgId, email, role: input.role, tokenHash: hashToken(token), invitedBy: actor.user.id, expiresAt: new Date(now + INVITATION_LIFETIME_MS) })
            .returning({ id: invitations.id }));
      await recordEvent(db, { action: "member.invited", actorUserId: actor.user.id, orgId, targetType: "invitation", targetId: inserted.id, ip, details: { email, role: input.role } }, now);
      return { token, invitationId: inserted.id };
    });
}

export async function revokeInvitation(db: Db, actor: Actor, orgId: number, invitationId: number, ip: string | null, now = Date.now()): Promise<void> {
  authorize(actor, "members.manage", { orgId });
  const result = await db
      .update(invitations)
      .set({ revokedAt: new Date(now) })
      .where(and(eq(invitations.id, invitationId), eq(invitations.orgId, orgId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)));
  if (changedRows(result) === 0) throw new NotFound();
  await recordEvent(db, { action: "member.invitation_revoked", actorUserId: actor.user.id, orgId, targetType: "invitation", targetId: invitationId, ip }, now);
}

export async function changeRole(db: Db, actor: Actor, orgId: number, userId: number, role: Role, ip: string | null): Promise<void> {
  authorize(actor, "members.manage", { orgId });
  await inTransaction(db, async () => {
        const current = await membershipOf(db, orgId, userId);
        if (current.role === role) return;
        if (current.role === "admin" && await adminCount(db, orgId) <= 1) {
          throw new Invalid("role", "account:members.errors.onlyAdminRole");
        }
        await db.update(memberships).set({ role }).where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)));
        await recordEvent(db, { action: "member.role_changed", actorUserId: actor.user.id, orgId, targetType: "user", targetId: userId, ip, details: { from: current.role, to: role } });
      });
}

export async function removeMember(db: Db, actor: Actor, orgId: number, userId: number, ip: string | null): Promise<void> {
  authorize(actor, "members.manage", { orgId });
  await inTransaction(db, async () => {
        const current = await membershipOf(db, orgId, userId);
        if (current.role === "admin" && await adminCount(db, orgId) <= 1) {
          throw new Invalid("member", "account:members.errors.onlyAdminRemove");
        }
        await db.delete(memberships).where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)));
        // Removal takes effect at once: the member's open sessions for this organisation end now.
        await invalidateMembershipSessions(db, userId, orgId);
        await recordEvent(db, { action: "member.removed", actorUserId: actor.user.id, orgId, targetType: "user", targetId: userId, ip, details: { email: current.email, role: current.role } });
      });
}

/**
 * A one-time password-reset link for a member. An organisation admin may only reset accounts that
 * belong to their organisation alone: otherwise an admin of one organisation could take over an
 * account that also acts for another. The platform admin may reset any account.
 */
export async function issuePasswordReset(db: Db, actor: Actor, orgId: number, userId: number, ip: string | null, now = Date.now()): Promise<{ token: string }> {
  authorize(actor, "members.manage", { orgId });
  return await inTransaction(db, async () => {
      const target = await membershipOf(db, orgId, userId);
      if (!actor.user.isPlatformAdmin) {
        const elsewhere = firstRow(await db.select({ n: count() }).from(memberships).where(and(eq(memberships.userId, userId), ne(memberships.orgId, orgId))))?.n ?? 0;
        if (target.isPlatformAdmin || elsewhere > 0) {
          throw new Invalid("member", "account:members.errors.otherOrganisation");
        }
      }
      // Only the newest link works.
      await cancelOpenResets(db, userId, now);
      const token = generateToken();
      await db.insert(passwordResets).values({ userId, tokenHash: hashToken(token), issuedBy: actor.user.id, expiresAt: new Date(now + RESET_LIFETIME_MS) });
      await recordEvent(db, { action: "auth.password_reset_issued", actorUserId: actor.user.id, orgId, targetType: "user", targetId: userId, ip }, now);
      return { token };
    });
}

/**
 * Ends every open password-reset link of an account. Called whenever the facts a link was issued
 * under change: a membership is added (the issuing organisation may no longer own the account
 * alone), the password changes (by reset or by the user), or a newer link is issued.
 */
export async function cancelOpenResets(db: Db, userId: number, now = Date.now()): Promise<void> {
  // `used_at` doubles as "cancelled": either way the link never works again.
  await db.update(passwordResets).set({ usedAt: new Date(now) }).where(and(eq(passwordResets.userId, userId), isNull(passwordResets.usedAt)));
}

/**
 * What the invitation page shows before the invitee accepts. Null when the link is not usable.
 * It deliberately says nothing about whether the e-mail address has an account.
 */
export async function findInvitation(db: Db, token: string, now = Date.now()) {
  return (
    firstRow(await db
            .select({ id: invitations.id, email: invitations.email, role: invitations.role, orgId: invitations.orgId, orgName: organisations.name, orgType: organisations.type })
            .from(invitations)
            .innerJoin(organisations, eq(organisations.id, invitations.orgId))
            // A deactivated organisation's invitations stop working (and work again if it is reactivated before they expire).
            .where(and(eq(invitations.tokenHash, hashToken(token)), isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, new Date(now)), isNull(organisations.deactivatedAt)))) ?? null
  );
}

/** How an invitation is accepted: by creating a new account, or as the signed-in user. */
export type InvitationAcceptance = { name?: string; password: string } | { signedInUserId: number };

/**
 * Why a display name is refused, or null. Names appear next to e-mail addresses in the activity log
 * and member lists; one that contains an address (`Pat <admin@platform.example>`) could pass for
 * another person there.
 */
export function displayNameProblem(name: string): "public:validation.nameRequired" | "public:validation.nameTooLong" | "public:validation.nameCharacters" | null {
  if (!name) return "public:validation.nameRequired";
  if (name.length > 200) return "public:validation.nameTooLong";
  // eslint-disable-next-line no-control-regex
  if (/[<>@\u0000-\u001f\u007f-\u009f\u2028\u2029]/u.test(name)) return "public:validation.nameCharacters";
  return null;
}

/**
 * Accepts an invitation, in one of two ways:
 * - a new person chooses a name and password, which creates the account;
 * - someone who already has an account accepts while signed in as that account (they signed in
 *   on the sign-in page, never by typing a password into someone else's link).
 * Every attempt on a known link, accepted or refused, is logged for the inviting organisation.
 */
export async function acceptInvitation(
  db: Db,
  token: string,
  input: InvitationAcceptance,
  ip: string | null,
  now = Date.now(),
): Promise<{ userId: number; orgId: number }> {
  const invitation = await findInvitation(db, token, now);
  const signedInUserId = "signedInUserId" in input ? input.signedInUserId : null;
  const refuse = async (orgId: number, invitationId: number, reason: string, error: Invalid): Promise<never> => {
    await recordEvent(db, { action: "member.invitation_refused", actorUserId: signedInUserId, orgId, targetType: "invitation", targetId: invitationId, ip, details: { reason } }, now);
    throw error;
  };
  if (!invitation) {
    // A link that once worked (used, revoked, expired) is still logged for its organisation.
    const spent = firstRow(await db.select({ id: invitations.id, orgId: invitations.orgId, deactivatedAt: organisations.deactivatedAt }).from(invitations).innerJoin(organisations, eq(organisations.id, invitations.orgId)).where(eq(invitations.tokenHash, hashToken(token))));
    if (spent) await refuse(spent.orgId, spent.id, spent.deactivatedAt ? "the organisation is deactivated" : "link no longer valid", new Invalid("form", INVITATION_REFUSED));
    throw new Invalid("form", INVITATION_REFUSED);
  }
  let userId: number;
  let passwordHash: string | null = null;
  let name = "";
  if (signedInUserId !== null) {
    const user = firstRow(await db.select().from(users).where(eq(users.id, signedInUserId)));
    if (!user) throw new Invalid("form", INVITATION_REFUSED);
    if (user.email !== invitation.email) {
      await refuse(invitation.orgId, invitation.id, "signed in as another account", new Invalid("form", "public:invite.refusedOtherAccount", { email: invitation.email, signedInAs: user.email }));
    }
    if (user.isPlatformAdmin) {
      await refuse(invitation.orgId, invitation.id, "platform administrator", new Invalid("form", "public:invite.refusedPlatformAdmin"));
    }
    userId = user.id;
  } else {
    const fresh = input as { name?: string; password: string };
    name = fresh.name?.trim() ?? "";
    const nameProblem = displayNameProblem(name);
    if (nameProblem) throw new Invalid("name", nameProblem);
    const problem = passwordProblem(fresh.password, invitation.email);
    if (problem) throw new Invalid("password", problem.message, problem.values);
    // Hashed before looking for an existing account, so that both answers take the same time.
    passwordHash = await hashPassword(fresh.password);
    const existing = firstRow(await db.select({ id: users.id }).from(users).where(eq(users.email, invitation.email)));
    // Nothing is written to an existing account from a link: its owner must sign in first.
    if (existing) await refuse(invitation.orgId, invitation.id, "account exists, not signed in", new Invalid("form", INVITATION_REFUSED));
    userId = 0;
  }
  return await inTransaction(db, async () => {
      // Claim the invitation inside the transaction so that a double submit cannot use it twice.
      const claimed = await db
            .update(invitations)
            .set({ acceptedAt: new Date(now) })
            .where(and(eq(invitations.id, invitation.id), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)));
      if (changedRows(claimed) === 0) throw new Invalid("form", INVITATION_REFUSED);
      if (passwordHash !== null) {
        userId = onlyRow(await db.insert(users).values({ email: invitation.email, name, passwordHash }).returning({ id: users.id })).id;
      }
      await db.insert(memberships).values({ userId, orgId: invitation.orgId, role: invitation.role }).onConflictDoNothing();
      // A new membership changes who may reset this account's password: old links die.
      await cancelOpenResets(db, userId, now);
      await recordEvent(db, { action: "member.joined", actorUserId: userId, orgId: invitation.orgId, targetType: "invitation", targetId: invitation.id, ip, details: { role: invitation.role } }, now);
      return { userId, orgId: invitation.orgId };
    });
}

async function openReset(db: Db, token: string, now: number) {
  return (
    firstRow(await db
            .select({ id: passwordResets.id, userId: passwordResets.userId, issuedBy: passwordResets.issuedBy, email: users.email, isPlatformAdmin: users.isPlatformAdmin })
            .from(passwordResets)
            .innerJoin(users, eq(users.id, passwordResets.userId))
            .where(and(eq(passwordResets.tokenHash, hashToken(token)), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, new Date(now))))) ?? null
  );
}

/**
 * The rule of issuePasswordReset, checked again when the link is used, on today's facts: the
 * platform administrator may reset any account; otherwise the account must belong to exactly one
 * organisation, not be a platform administrator, and the issuer must still be an admin there.
 */
async function resetStillAllowed(db: Db, reset: { userId: number; issuedBy: number | null; isPlatformAdmin: boolean }): Promise<boolean> {
  if (reset.issuedBy === null) return false;
  const issuer = firstRow(await db.select({ isPlatformAdmin: users.isPlatformAdmin, disabledAt: users.disabledAt }).from(users).where(eq(users.id, reset.issuedBy)));
  if (!issuer || issuer.disabledAt) return false;
  if (issuer.isPlatformAdmin) return true;
  if (reset.isPlatformAdmin) return false;
  const orgs = await db.select({ orgId: memberships.orgId }).from(memberships).where(eq(memberships.userId, reset.userId));
  if (orgs.length !== 1) return false;
  const issuerRole = firstRow(await db
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.userId, reset.issuedBy), eq(memberships.orgId, orgs[0]!.orgId))));
  return issuerRole?.role === "admin";
}

/** The account a reset link is for, or null when the link may not be used (any reason). */
export async function findPasswordReset(db: Db, token: string, now = Date.now()) {
  const reset = await openReset(db, token, now);
  if (!reset || !(await resetStillAllowed(db, reset))) return null;
  return { id: reset.id, userId: reset.userId, email: reset.email };
}

/** Sets a new password from a reset link and ends every session of the account. */
export async function resetPassword(db: Db, token: string, password: string, ip: string | null, now = Date.now()): Promise<{ userId: number }> {
  const reset = await openReset(db, token, now);
  if (!reset) throw new Invalid("form", RESET_REFUSED);
  if (!(await resetStillAllowed(db, reset))) {
    // Issued under facts that no longer hold (the account joined another organisation, the
    // issuer is no longer its admin): the link dies, and the account's organisations see it.
    await cancelOpenResets(db, reset.userId, now);
    await recordAccountEvent(db, reset.userId, { action: "auth.password_reset_refused", targetType: "user", targetId: reset.userId, ip, details: { issuedBy: reset.issuedBy } }, now);
    throw new Invalid("form", RESET_REFUSED);
  }
  const problem = passwordProblem(password, reset.email);
  if (problem) throw new Invalid("password", problem.message, problem.values);
  const passwordHash = await hashPassword(password);
  return await inTransaction(db, async () => {
      const claimed = await db.update(passwordResets).set({ usedAt: new Date(now) }).where(and(eq(passwordResets.id, reset.id), isNull(passwordResets.usedAt)));
      if (changedRows(claimed) === 0) throw new Invalid("form", RESET_REFUSED);
      await db.update(users).set({ passwordHash }).where(eq(users.id, reset.userId));
      // Every other open link for this account dies with the password it was meant to replace.
      await cancelOpenResets(db, reset.userId, now);
      await invalidateUserSessions(db, reset.userId);
      // The owner has a new password: guesses at the old one no longer slow anyone down.
      await clearAccountThrottle(db, reset.email);
      await recordAccountEvent(db, reset.userId, { action: "auth.password_reset_used", actorUserId: reset.userId, targetType: "user", targetId: reset.userId, ip }, now);
      return { userId: reset.userId };
    });
}

/** Changes the signed-in user's own password; every session of the account ends. */
export async function changeOwnPassword(db: Db, actor: Actor, input: { current: string; next: string }, ip: string | null): Promise<void> {
  const user = firstRow(await db.select().from(users).where(eq(users.id, actor.user.id)));
  if (!user?.passwordHash || !(await verifyPassword(user.passwordHash, input.current))) {
    throw new Invalid("currentPassword", "account:members.errors.notCurrentPassword");
  }
  const problem = passwordProblem(input.next, user.email);
  if (problem) throw new Invalid("newPassword", problem.message, problem.values);
  const passwordHash = await hashPassword(input.next);
  await inTransaction(db, async () => {
        await db.update(users).set({ passwordHash }).where(eq(users.id, user.id));
        await invalidateUserSessions(db, user.id);
        // A reset link handed out earlier would undo the password the user just chose.
        await cancelOpenResets(db, user.id);
        await recordEvent(db, { action: "auth.password_changed", actorUserId: user.id, orgId: actor.membership?.orgId ?? null, targetType: "user", targetId: user.id, ip });
      });
}

/** Changes the signed-in user's display name, under the same rule as at invitation acceptance. */
export async function changeOwnName(db: Db, actor: Actor, input: { name: string }, ip: string | null): Promise<void> {
  const name = input.name.trim();
  const problem = displayNameProblem(name);
  if (problem) throw new Invalid("name", problem);
  await inTransaction(db, async () => {
        const before = firstRow(await db.select({ name: users.name }).from(users).where(eq(users.id, actor.user.id)));
        if (before?.name === name) return;
        await db.update(users).set({ name }).where(eq(users.id, actor.user.id));
        await recordEvent(db, { action: "auth.name_changed", actorUserId: actor.user.id, orgId: actor.membership?.orgId ?? null, targetType: "user", targetId: actor.user.id, ip, details: { from: before?.name, to: name } });
      });
}

/**
 * The interface language saved in the user's account (the switcher saves it; the next sign-in on
 * any browser starts in it). Worker-only languages are not saved: account pages are not in them.
 */
export async function setOwnLanguage(db: Db, actor: Actor, code: string): Promise<void> {
  if (!INTERFACE_CODES.includes(code)) throw new Invalid("lng", "common:language.notOffered");
  await db.update(users).set({ locale: code }).where(eq(users.id, actor.user.id));
}

/** The language a user saved, for the browser they sign in on (null: none saved). */
export async function savedLanguage(db: Db, userId: number): Promise<string | null> {
  return firstRow(await db.select({ locale: users.locale }).from(users).where(eq(users.id, userId)))?.locale ?? null;
}

/** The organisations a user may act for (for the switcher on the account page). */
export async function membershipsOf(db: Db, userId: number) {
  return await db
      .select({ orgId: organisations.id, orgName: organisations.name, orgType: organisations.type, role: memberships.role })
      .from(memberships)
      .innerJoin(organisations, eq(organisations.id, memberships.orgId))
      // A deactivated organisation cannot be acted for (its members cannot sign in for it either).
      .where(and(eq(memberships.userId, userId), isNull(organisations.deactivatedAt)))
      .orderBy(asc(organisations.name));
}
