/**
 * Organisations, as the platform administrator manages them: create one of the four types with
 * its first admin (invited by a one-time link), list them all, edit one's name and jurisdictions,
 * and deactivate or reactivate it (issue 17, item 16).
 */
import { and, asc, count, eq, gt, isNull, ne, sql } from "drizzle-orm";
import { changedRows, inTransaction, rawGet, type Db, firstRow, onlyRow } from "#db/client";
import { invitations, memberships, organisations, sessions, shares, users, type OrgType } from "#db/schema";
import { authorize, type Actor } from "~/auth/permissions.server";
import { recordEvent } from "../activity-log/activity-log.server";
import { Conflict, Invalid, NotFound } from "../errors";
import { countriesByAlpha2, countryName } from "../reference/countries.server";
import { inviteMember } from "../members/members.server";

export async function listOrganisations(db: Db, actor: Actor) {
  authorize(actor, "organisations.manage");
  return await db
      .select({
        id: organisations.id,
        type: organisations.type,
        name: organisations.name,
        jurisdictions: organisations.jurisdictions,
        deactivatedAt: organisations.deactivatedAt,
        createdAt: organisations.createdAt,
        members: count(memberships.id),
      })
      .from(organisations)
      .leftJoin(memberships, eq(memberships.orgId, organisations.id))
      .groupBy(organisations.id)
      .orderBy(asc(organisations.type), asc(organisations.name));
}

export interface NewOrganisation {
  type: OrgType;
  name: string;
  jurisdictions: string[];
  adminEmail: string;
}

export async function createOrganisation(db: Db, actor: Actor, input: NewOrganisation, ip: string | null) {
  authorize(actor, "organisations.manage");
  const name = input.name.trim();
  const unknown = input.jurisdictions.find((c) => !countriesByAlpha2().has(c));
  if (unknown) throw new Invalid("jurisdictions", "admin:orgs.validation.unknownCountry", { value: unknown });
  const jurisdictions = [...new Set(input.jurisdictions)].sort();
  return await inTransaction(db, async () => {
      const clash = firstRow(await db.select({ id: organisations.id }).from(organisations).where(sql`lower(${organisations.name}) = lower(${name})`));
      if (clash) throw new Invalid("name", "admin:orgs.validation.nameTaken", { name });
      const org = onlyRow(await db.insert(organisations).values({ type: input.type, name, jurisdictions }).returning());
      await recordEvent(db, { action: "organisation.created", actorUserId: actor.user.id, orgId: org.id, targetType: "organisation", targetId: org.id, ip, details: { type: org.type, name } });
      const invite = await inviteMember(db, actor, org.id, { email: input.adminEmail, role: "admin" }, ip);
      return { org, inviteToken: invite.token };
    });
}

/** The organisation a member acts for, with its jurisdictions spelled out. */
export async function organisationProfile(db: Db, actor: Actor, orgId: number) {
  authorize(actor, "members.view", { orgId });
  const org = firstRow(await db.select().from(organisations).where(eq(organisations.id, orgId)));
  if (!org) throw new NotFound();
  return { ...org, places: org.jurisdictions.map((code) => ({ code, name: countryName(code) })) };
}


/** One organisation, with what the edit page needs to state before deactivating it. */
export async function organisationForAdmin(db: Db, actor: Actor, orgId: number, now = Date.now()) {
  authorize(actor, "organisations.manage");
  const org = firstRow(await db.select().from(organisations).where(eq(organisations.id, orgId)));
  if (!org) throw new NotFound();
  const n = async (sqlText: string, ...params: unknown[]) => Number((await rawGet<{ n: number }>(db, sqlText, ...params))?.n ?? 0);
  return {
    ...org,
    places: org.jurisdictions.map((code) => ({ code, name: countryName(code) })),
    members: await n(`select count(*) as n from memberships where org_id = ?`, orgId),
    platformAdmins: await n(`select count(*) as n from memberships m join users u on u.id = m.user_id where m.org_id = ? and u.is_platform_admin = true`, orgId),
    sessions: await n(`select count(*) as n from sessions where org_id = ?`, orgId),
    openInvitations: firstRow(await db.select({ n: count() }).from(invitations).where(and(eq(invitations.orgId, orgId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, new Date(now)))))?.n ?? 0,
    sharesReceived: firstRow(await db.select({ n: count() }).from(shares).where(and(eq(shares.toOrgId, orgId), isNull(shares.revokedAt))))?.n ?? 0,
  };
}

export interface OrganisationEdit {
  name: string;
  jurisdictions: string[];
}

/** Renames an organisation and sets its jurisdictions; the log says what changed, from what to what. */
export async function updateOrganisation(db: Db, actor: Actor, orgId: number, input: OrganisationEdit, ip: string | null) {
  authorize(actor, "organisations.manage");
  const name = input.name.trim();
  const jurisdictions = [...new Set(input.jurisdictions)];
  const unknown = jurisdictions.find((c) => !countriesByAlpha2().has(c));
  if (unknown) throw new Invalid("jurisdictions", "admin:orgs.validation.unknownCountry", { value: unknown });
  return await inTransaction(db, async () => {
    const org = firstRow(await db.select().from(organisations).where(eq(organisations.id, orgId)));
    if (!org) throw new NotFound();
    const clash = firstRow(await db.select({ id: organisations.id }).from(organisations).where(and(sql`lower(${organisations.name}) = lower(${name})`, ne(organisations.id, orgId))));
    if (clash) throw new Invalid("name", "admin:orgs.validation.nameTakenOther", { name });
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    if (org.name !== name) changes.name = { from: org.name, to: name };
    const before = [...org.jurisdictions].sort();
    const after = [...jurisdictions].sort();
    if (before.join() !== after.join()) changes.jurisdictions = { from: before, to: after };
    if (!Object.keys(changes).length) return { changed: false };
    await db.update(organisations).set({ name, jurisdictions: after }).where(eq(organisations.id, orgId));
    await recordEvent(db, { action: "organisation.updated", actorUserId: actor.user.id, orgId, targetType: "organisation", targetId: orgId, ip, details: { organisation: name, ...changes } });
    return { changed: true };
  });
}

/**
 * Deactivates an organisation: its members cannot sign in for it and their sessions for it end now,
 * its invitations stop working, and it receives no new shares or reports. Nothing is deleted: its
 * data is evidence that others (a company's audits, a regulator's reports) rely on.
 */
export async function deactivateOrganisation(db: Db, actor: Actor, orgId: number, ip: string | null, now = Date.now()) {
  authorize(actor, "organisations.manage");
  return await inTransaction(db, async () => {
    const org = firstRow(await db.select().from(organisations).where(eq(organisations.id, orgId)));
    if (!org) throw new NotFound();
    if (org.deactivatedAt) throw new Conflict("form", "admin:orgs.validation.alreadyDeactivated", { name: org.name });
    // The platform's administrators act through it: deactivating it would lock the platform out of
    // its own administration.
    const admins = firstRow(await db.select({ n: count() }).from(memberships).innerJoin(users, eq(users.id, memberships.userId)).where(and(eq(memberships.orgId, orgId), eq(users.isPlatformAdmin, true))))?.n ?? 0;
    if (admins > 0) throw new Invalid("form", "admin:orgs.validation.ownOrganisation", { name: org.name, count: admins });
    await db.update(organisations).set({ deactivatedAt: new Date(now) }).where(eq(organisations.id, orgId));
    const ended = changedRows(await db.delete(sessions).where(eq(sessions.orgId, orgId)));
    await recordEvent(db, { action: "organisation.deactivated", actorUserId: actor.user.id, orgId, targetType: "organisation", targetId: orgId, ip, details: { name: org.name, sessionsEnded: ended } }, now);
    return { sessionsEnded: ended };
  });
}

/** Reactivates an organisation: its members can sign in again; invitations not yet expired work again. */
export async function reactivateOrganisation(db: Db, actor: Actor, orgId: number, ip: string | null, now = Date.now()) {
  authorize(actor, "organisations.manage");
  await inTransaction(db, async () => {
    const org = firstRow(await db.select().from(organisations).where(eq(organisations.id, orgId)));
    if (!org) throw new NotFound();
    if (!org.deactivatedAt) throw new Conflict("form", "admin:orgs.validation.alreadyActive", { name: org.name });
    await db.update(organisations).set({ deactivatedAt: null }).where(eq(organisations.id, orgId));
    await recordEvent(db, { action: "organisation.reactivated", actorUserId: actor.user.id, orgId, targetType: "organisation", targetId: orgId, ip, details: { name: org.name, since: org.deactivatedAt.getTime() } }, now);
  });
}

/** Every country, by name, for the jurisdiction picker. */
export function countryChoices(): { code: string; name: string }[] {
  return [...countriesByAlpha2().values()].map((c) => ({ code: c.alpha2, name: c.name })).sort((a, b) => a.name.localeCompare(b.name, "en"));
}
