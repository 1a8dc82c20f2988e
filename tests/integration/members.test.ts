import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, memberships, users } from "#db/schema";
import { attemptSignIn } from "~/auth/sign-in.server";
import { InputError } from "~/domain/errors";
import {
  acceptInvitation,
  changeRole,
  findInvitation,
  inviteMember,
  issuePasswordReset,
  listMembers,
  removeMember,
  resetPassword,
  revokeInvitation,
} from "~/domain/members/members.server";
import { createOrganisation } from "~/domain/organisations/organisations.server";
import { refusalOf } from "~/lib/http-errors.server";
import { createTestDb, databaseRefusal } from "../support/db";
import { actorFor, makeOrg, makeOrgWithRoles, makeUser, TEST_PASSWORD } from "../support/factories";
import { firstRow } from "../../db/client";

/** Runs fn and returns the status the route answers for what it throws (a Response, or a domain refusal through the one mapping). */
async function statusOf(fn: () => unknown): Promise<number | "no error"> {
  try {
    await fn();
    return "no error";
  } catch (error) {
    if (error instanceof Response) return error.status;
    const refusal = refusalOf(error);
    if (refusal) return refusal.status;
    throw error;
  }
}

describe("invitations", () => {
  it("lets an admin invite a new person who joins with the role they were given", async () => {
    const db = createTestDb();
    const { org, admin } = await makeOrgWithRoles(db, "company");
    const { token } = await inviteMember(db, admin.actor, org.id, { email: "New.Person@Example.org", role: "viewer" }, "127.0.0.1");
    expect(await findInvitation(db, token)).toMatchObject({ email: "new.person@example.org", role: "viewer" });
    const { userId } = await acceptInvitation(db, token, { name: "New Person", password: "a long enough passphrase" }, null);
    expect(firstRow(await db.select().from(memberships).where(eq(memberships.userId, userId)))).toMatchObject({ orgId: org.id, role: "viewer" });
    expect(await attemptSignIn(db, { email: "new.person@example.org", password: "a long enough passphrase", ip: "1.2.3.4" })).toMatchObject({ ok: true });
    // The link works once.
    await expect(acceptInvitation(db, token, { name: "Again", password: "a long enough passphrase" }, null)).rejects.toThrow(InputError);
    const actions = (await db.select({ a: auditLog.action }).from(auditLog)).map((r) => r.a);
    expect(actions).toEqual(expect.arrayContaining(["member.invited", "member.joined"]));
  });

  it("adds a membership to an existing account only when its owner accepts signed in as themselves", async () => {
    const db = createTestDb();
    const a = await makeOrgWithRoles(db, "company");
    const b = await makeOrgWithRoles(db, "union");
    const { token } = await inviteMember(db, b.admin.actor, b.org.id, { email: a.member.user.email, role: "member" }, null);
    expect(await findInvitation(db, token)).not.toHaveProperty("hasAccount");
    // Through the link alone, any password is refused, the right one too.
    await expect(acceptInvitation(db, token, { name: "Someone", password: TEST_PASSWORD }, null)).rejects.toThrow("public:invite.refused");
    await acceptInvitation(db, token, { signedInUserId: a.member.user.id }, null);
    expect(await db.select().from(memberships).where(eq(memberships.userId, a.member.user.id))).toHaveLength(2);
  });

  it("refuses weak passwords, duplicate members, and revoked links, and writes nothing", async () => {
    const db = createTestDb();
    const { org, admin, member } = await makeOrgWithRoles(db, "company");
    const usersBefore = (await db.select().from(users)).length;
    const { token, invitationId } = await inviteMember(db, admin.actor, org.id, { email: "weak@example.org", role: "member" }, null);
    await expect(acceptInvitation(db, token, { name: "Weak", password: "short" }, null)).rejects.toMatchObject({ message: "public:password.tooShort", values: { min: 12 } });
    await expect(async () => await inviteMember(db, admin.actor, org.id, { email: member.user.email, role: "member" }, null)).rejects.toThrow(/alreadyMember/);
    await revokeInvitation(db, admin.actor, org.id, invitationId, null);
    expect(await findInvitation(db, token)).toBeNull();
    expect(await db.select().from(users)).toHaveLength(usersBefore);
  });

  it("replaces an open invitation when the same address is invited again", async () => {
    const db = createTestDb();
    const { org, admin } = await makeOrgWithRoles(db, "regulator");
    const first = await inviteMember(db, admin.actor, org.id, { email: "twice@example.org", role: "member" }, null);
    const second = await inviteMember(db, admin.actor, org.id, { email: "twice@example.org", role: "admin" }, null);
    expect(await findInvitation(db, first.token)).toBeNull();
    expect((await findInvitation(db, second.token))?.role).toBe("admin");
  });
});

describe("roles and removal", () => {
  it("changes a role and keeps at least one admin", async () => {
    const db = createTestDb();
    const { org, admin, member } = await makeOrgWithRoles(db, "inspectorate");
    await changeRole(db, admin.actor, org.id, member.user.id, "admin", null);
    await changeRole(db, admin.actor, org.id, admin.user.id, "viewer", null);
    const newAdmin = await actorFor(db, member.user.id, org.id);
    await expect(async () => await changeRole(db, newAdmin, org.id, member.user.id, "member", null)).rejects.toThrow(/onlyAdmin/);
    await expect(async () => await removeMember(db, newAdmin, org.id, member.user.id, null)).rejects.toThrow(/onlyAdmin/);
    const roles = Object.fromEntries((await listMembers(db, newAdmin, org.id)).members.map((m) => [m.userId, m.role]));
    expect(roles[member.user.id]).toBe("admin");
    expect(roles[admin.user.id]).toBe("viewer");
  });

  it("lets members and viewers see the member list but not change it (403)", async () => {
    const db = createTestDb();
    const { org, admin, member, viewer } = await makeOrgWithRoles(db, "company");
    expect((await listMembers(db, viewer.actor, org.id)).members).toHaveLength(3);
    expect(await statusOf(async () => await changeRole(db, member.actor, org.id, viewer.user.id, "admin", null))).toBe(403);
    expect(await statusOf(async () => await removeMember(db, viewer.actor, org.id, admin.user.id, null))).toBe(403);
    expect(await statusOf(async () => await inviteMember(db, member.actor, org.id, { email: "x@example.org", role: "admin" }, null))).toBe(403);
  });
});

describe("another organisation's members", () => {
  it("are invisible and untouchable: every attempt answers 404 and changes nothing", async () => {
    const db = createTestDb();
    const a = await makeOrgWithRoles(db, "company");
    const b = await makeOrgWithRoles(db, "company");
    const before = JSON.stringify(await db.select().from(memberships));
    expect(await statusOf(async () => await listMembers(db, a.admin.actor, b.org.id))).toBe(404);
    expect(await statusOf(async () => await changeRole(db, a.admin.actor, b.org.id, b.member.user.id, "admin", null))).toBe(404);
    expect(await statusOf(async () => await removeMember(db, a.admin.actor, b.org.id, b.member.user.id, null))).toBe(404);
    expect(await statusOf(async () => await issuePasswordReset(db, a.admin.actor, b.org.id, b.member.user.id, null))).toBe(404);
    expect(await statusOf(async () => await inviteMember(db, a.admin.actor, b.org.id, { email: "spy@example.org", role: "admin" }, null))).toBe(404);
    // B's user id through A's own organisation: still 404, as if the id did not exist.
    expect(await statusOf(async () => await changeRole(db, a.admin.actor, a.org.id, b.member.user.id, "viewer", null))).toBe(404);
    expect(await statusOf(async () => await removeMember(db, a.admin.actor, a.org.id, b.admin.user.id, null))).toBe(404);
    const invite = await inviteMember(db, b.admin.actor, b.org.id, { email: "pending@example.org", role: "member" }, null);
    expect(await statusOf(async () => await revokeInvitation(db, a.admin.actor, a.org.id, invite.invitationId, null))).toBe(404);
    expect(JSON.stringify(await db.select().from(memberships))).toBe(before);
    expect(await findInvitation(db, invite.token)).not.toBeNull();
  });
});

describe("password-reset links", () => {
  it("reset the password once and end every session", async () => {
    const db = createTestDb();
    const { org, admin, member } = await makeOrgWithRoles(db, "union");
    const { token } = await issuePasswordReset(db, admin.actor, org.id, member.user.id, null);
    await resetPassword(db, token, "a completely new passphrase", null);
    expect(await attemptSignIn(db, { email: member.user.email, password: "a completely new passphrase", ip: "1.1.1.1" })).toMatchObject({ ok: true });
    await expect(resetPassword(db, token, "yet another passphrase!", null)).rejects.toThrow("public:reset.refused");
  });

  it("cannot be issued by an organisation admin for an account that also belongs elsewhere", async () => {
    const db = createTestDb();
    const a = await makeOrgWithRoles(db, "company");
    const b = await makeOrg(db, "union");
    await db.insert(memberships).values({ userId: a.member.user.id, orgId: b.id, role: "admin" });
    await expect(async () => await issuePasswordReset(db, a.admin.actor, a.org.id, a.member.user.id, null)).rejects.toThrow(/otherOrganisation/);
    const operator = await makeUser(db, { platformAdmin: true });
    expect((await issuePasswordReset(db, await actorFor(db, operator.id, null), a.org.id, a.member.user.id, null)).token).toBeTruthy();
  });
});

describe("organisations", () => {
  it("are created by the platform admin only, with a first-admin invitation, and names are unique", async () => {
    const db = createTestDb();
    const operator = await actorFor(db, (await makeUser(db, { platformAdmin: true })).id, null);
    const { org, inviteToken } = await createOrganisation(db, operator, { type: "inspectorate", name: "Inspectorate of Sabah", jurisdictions: ["MY"], adminEmail: "chief@sabah.example" }, null);
    expect(await findInvitation(db, inviteToken)).toMatchObject({ orgId: org.id, role: "admin" });
    await expect(async () => await createOrganisation(db, operator, { type: "union", name: "INSPECTORATE OF SABAH", jurisdictions: [], adminEmail: "x@example.org" }, null)).rejects.toThrow(/nameTaken/);
    const company = await makeOrgWithRoles(db, "company");
    expect(await statusOf(async () => await createOrganisation(db, company.admin.actor, { type: "union", name: "Sneaky", jurisdictions: [], adminEmail: "x@example.org" }, null))).toBe(403);
  });
});

describe("the audit log", () => {
  it("refuses updates and deletes at the database level", async () => {
    const db = createTestDb();
    const { org, admin } = await makeOrgWithRoles(db, "company");
    await inviteMember(db, admin.actor, org.id, { email: "logged@example.org", role: "member" }, null);
    expect(await databaseRefusal(db.update(auditLog).set({ action: "member.removed" }))).toMatch(/append-only/);
    expect(await databaseRefusal(db.delete(auditLog))).toMatch(/append-only/);
    expect(await db.select().from(auditLog)).toHaveLength(1);
  });
});
