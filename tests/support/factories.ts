/**
 * Builds organisations and users straight in a test database, returning actors as the session
 * module would produce them.
 */
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { memberships, organisations, users, type OrgType, type Role } from "../../db/schema";
import { hashPassword } from "../../app/auth/password.server";
import type { Actor } from "../../app/auth/permissions.server";
import { firstRow } from "../../db/client";
import { onlyRow } from "../../db/client";

export const TEST_PASSWORD = "correct horse battery staple";
let passwordHash: Promise<string> | null = null;
const testHash = () => (passwordHash ??= hashPassword(TEST_PASSWORD));

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

export async function makeOrg(db: Db, type: OrgType, name = `${type} ${unique()}`, jurisdictions: string[] = []) {
  return onlyRow(await db.insert(organisations).values({ type, name, jurisdictions }).returning());
}

export async function makeUser(db: Db, options: { orgId?: number; role?: Role; email?: string; name?: string; platformAdmin?: boolean } = {}) {
  const email = options.email ?? `user-${unique()}@example.org`;
  const user = onlyRow(await db
      .insert(users)
      .values({ email, name: options.name ?? `User ${email}`, passwordHash: await testHash(), isPlatformAdmin: options.platformAdmin ?? false })
      .returning());
  if (options.orgId !== undefined) await db.insert(memberships).values({ userId: user.id, orgId: options.orgId, role: options.role ?? "member" });
  return user;
}

/** The actor a signed-in user of `orgId` would be, read back from the database. */
export async function actorFor(db: Db, userId: number, orgId: number | null): Promise<Actor> {
  const user = firstRow(await db.select().from(users).where(eq(users.id, userId)))!;
  let membership: Actor["membership"] = null;
  if (orgId !== null) {
    const org = firstRow(await db.select().from(organisations).where(eq(organisations.id, orgId)))!;
    const m = (await db.select().from(memberships).where(eq(memberships.userId, userId))).find((r) => r.orgId === orgId)!;
    membership = { orgId, orgType: org.type, orgName: org.name, role: m.role };
  }
  return { user: { id: user.id, email: user.email, name: user.name, isPlatformAdmin: user.isPlatformAdmin }, membership };
}

/** An organisation with one user per role, ready to act. */
export async function makeOrgWithRoles(db: Db, type: OrgType) {
  const org = await makeOrg(db, type);
  const admin = await makeUser(db, { orgId: org.id, role: "admin" });
  const member = await makeUser(db, { orgId: org.id, role: "member" });
  const viewer = await makeUser(db, { orgId: org.id, role: "viewer" });
  return {
    org,
    admin: { user: admin, actor: await actorFor(db, admin.id, org.id) },
    member: { user: member, actor: await actorFor(db, member.id, org.id) },
    viewer: { user: viewer, actor: await actorFor(db, viewer.id, org.id) },
  };
}
