/**
 * Organisations, as the platform administrator manages them: create one of the four types with
 * its first admin (invited by a one-time link), and list them all.
 */
import { asc, count, eq, sql } from "drizzle-orm";
import { inTransaction, type Db, firstRow, onlyRow } from "#db/client";
import { memberships, organisations, type OrgType } from "#db/schema";
import { authorize, type Actor } from "~/auth/permissions.server";
import { recordEvent } from "../activity-log/activity-log.server";
import { Invalid, NotFound } from "../errors";
import { countryName } from "../reference/countries.server";
import { inviteMember } from "../members/members.server";

export async function listOrganisations(db: Db, actor: Actor) {
  authorize(actor, "organisations.manage");
  return await db
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
  return await inTransaction(db, async () => {
      const clash = firstRow(await db.select({ id: organisations.id }).from(organisations).where(sql`lower(${organisations.name}) = lower(${name})`));
      if (clash) throw new Invalid("name", `An organisation called "${name}" already exists.`);
      const org = onlyRow(await db.insert(organisations).values({ type: input.type, name, jurisdictions: input.jurisdictions }).returning());
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
