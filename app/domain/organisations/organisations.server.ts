/**
 * Organisations, as the platform administrator manages them: create one of the four types with
 * its first admin (invited by a one-time link), and list them all.
 */
import { asc, count, eq, sql } from "drizzle-orm";
import { inTransaction, type Db } from "#db/client";
import { memberships, organisations, type OrgType } from "#db/schema";
import { authorize, type Actor } from "~/auth/permissions.server";
import { recordEvent } from "../activity-log/activity-log.server";
import { Invalid, NotFound } from "../errors";
import { countryName } from "../reference/countries.server";
import { inviteMember } from "../members/members.server";

export function listOrganisations(db: Db, actor: Actor) {
  authorize(actor, "organisations.manage");
  return db
    .select({
      id: organisations.id,
      type: organisations.type,
      name: organisations.name,
      jurisdictions: organisations.jurisdictions,
      createdAt: organisations.createdAt,
      members: count(memberships.id),
    })
    .from(organisations)
    .leftJoin(memberships, eq(memberships.orgId, organisations.id))
    .groupBy(organisations.id)
    .orderBy(asc(organisations.type), asc(organisations.name))
    .all();
}

export interface NewOrganisation {
  type: OrgType;
  name: string;
  jurisdictions: string[];
  adminEmail: string;
}

export function createOrganisation(db: Db, actor: Actor, input: NewOrganisation, ip: string | null) {
  authorize(actor, "organisations.manage");
  const name = input.name.trim();
  return inTransaction(db, () => {
    const clash = db.select({ id: organisations.id }).from(organisations).where(sql`lower(${organisations.name}) = lower(${name})`).get();
    if (clash) throw new Invalid("name", `An organisation called "${name}" already exists.`);
    const org = db.insert(organisations).values({ type: input.type, name, jurisdictions: input.jurisdictions }).returning().get();
    recordEvent(db, { action: "organisation.created", actorUserId: actor.user.id, orgId: org.id, targetType: "organisation", targetId: org.id, ip, details: { type: org.type, name } });
    const invite = inviteMember(db, actor, org.id, { email: input.adminEmail, role: "admin" }, ip);
    return { org, inviteToken: invite.token };
  });
}

/** The organisation a member acts for, with its jurisdictions spelled out. */
export function organisationProfile(db: Db, actor: Actor, orgId: number) {
  authorize(actor, "members.view", { orgId });
  const org = db.select().from(organisations).where(eq(organisations.id, orgId)).get();
  if (!org) throw new NotFound();
  return { ...org, places: org.jurisdictions.map((code) => ({ code, name: countryName(code) })) };
}
