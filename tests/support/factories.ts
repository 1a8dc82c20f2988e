/**
 * Builds organisations and users straight in a test database, returning actors as the session
 * module would produce them.
 */
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { memberships, organisations, users, type OrgType, type Role } from "../../db/schema";
import { hashPassword } from "../../app/auth/password.server";
import type { Actor } from "../../app/auth/permissions.server";

export const TEST_PASSWORD = "correct horse battery staple";
let passwordHash: Promise<string> | null = null;
const testHash = () => (passwordHash ??= hashPassword(TEST_PASSWORD));

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

export function makeOrg(db: Db, type: OrgType, name = `${type} ${unique()}`, jurisdictions: string[] = []) {
  return db.insert(organisations).values({ type, name, jurisdictions }).returning().get();
}

export async function makeUser(db: Db, options: { orgId?: number; role?: Role; email?: string; name?: string; platformAdmin?: boolean } = {}) {
  const email = options.email ?? `user-${unique()}@example.org`;
  const user = db
    .insert(users)
    .values({ email, name: options.name ?? `User ${email}`, passwordHash: await testHash(), isPlatformAdmin: options.platformAdmin ?? false })
    .returning()
    .get();
  if (options.orgId !== undefined) db.insert(memberships).values({ userId: user.id, orgId: options.orgId, role: options.role ?? "member" }).run();
  return user;
}

/** The actor a signed-in user of `orgId` would be, read back from the database. */
export function actorFor(db: Db, userId: number, orgId: number | null): Actor {
  const user = db.select().from(users).where(eq(users.id, userId)).get()!;
  let membership: Actor["membership"] = null;
  if (orgId !== null) {
    const org = db.select().from(organisations).where(eq(organisations.id, orgId)).get()!;
    const m = db.select().from(memberships).where(eq(memberships.userId, userId)).all().find((r) => r.orgId === orgId)!;
    membership = { orgId, orgType: org.type, orgName: org.name, role: m.role };
  }
  return { user: { id: user.id, email: user.email, name: user.name, isPlatformAdmin: user.isPlatformAdmin }, membership };
}

/** An organisation with one user per role, ready to act. */
export async function makeOrgWithRoles(db: Db, type: OrgType) {
  const org = makeOrg(db, type);
  const admin = await makeUser(db, { orgId: org.id, role: "admin" });
  const member = await makeUser(db, { orgId: org.id, role: "member" });
  const viewer = await makeUser(db, { orgId: org.id, role: "viewer" });
  return {
    org,
    admin: { user: admin, actor: actorFor(db, admin.id, org.id) },
    member: { user: member, actor: actorFor(db, member.id, org.id) },
    viewer: { user: viewer, actor: actorFor(db, viewer.id, org.id) },
  };
}
