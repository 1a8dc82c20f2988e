import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ACTIONS, decide, ORG_TYPES, PERMISSIONS, type Action, type Actor } from "~/auth/permissions.server";
import { ROLES, type OrgType, type Role } from "#db/schema";

/** The matrix as written in docs/permissions.md. */
function documentedMatrix() {
  const doc = readFileSync("docs/permissions.md", "utf8");
  const block = doc.slice(doc.indexOf("<!-- matrix:start -->"), doc.indexOf("<!-- matrix:end -->"));
  const rows = block.split("\n").filter((line) => line.startsWith("| ") && !line.startsWith("| action |") && !line.startsWith("|---"));
  return new Map(
    rows.map((line) => {
      const cells = line.split("|").slice(1, -1).map((c) => c.trim());
      const [action, , company, inspectorate, union, regulator, supplier, platform] = cells as [string, string, string, string, string, string, string, string];
      const roles = (cell: string) => (cell === "—" ? [] : cell.split(",").map((r) => r.trim()));
      return [action, { company: roles(company), inspectorate: roles(inspectorate), union: roles(union), regulator: roles(regulator), supplier: roles(supplier), platformAdmin: platform === "yes" }];
    }),
  );
}

const actor = (orgType: OrgType, role: Role, orgId = 1): Actor => ({
  user: { id: 10, email: "a@example.org", name: "A", isPlatformAdmin: false },
  membership: { orgId, orgType, orgName: "Org", role },
});
const platformAdmin: Actor = { user: { id: 1, email: "p@example.org", name: "P", isPlatformAdmin: true }, membership: null };

describe("permission matrix", () => {
  const documented = documentedMatrix();

  it("documents exactly the actions the module knows", () => {
    expect([...documented.keys()].sort()).toEqual([...ACTIONS].sort());
  });

  for (const action of ACTIONS) {
    const scope = PERMISSIONS[action].scope;
    for (const orgType of ORG_TYPES) {
      for (const role of ROLES) {
        it(`${action}: ${orgType} ${role} on own organisation`, () => {
          const allowed = documented.get(action)![orgType].includes(role);
          expect(decide(actor(orgType, role), action, scope === "org" ? { orgId: 1 } : undefined)).toBe(allowed ? "allow" : "forbidden");
        });
      }
    }
    it(`${action}: platform administrator`, () => {
      const expected = documented.get(action)!.platformAdmin ? "allow" : scope === "org" ? "not-found" : "forbidden";
      expect(decide(platformAdmin, action, scope === "org" ? { orgId: 1 } : undefined)).toBe(expected);
    });
  }

  it("answers not-found for every org-scoped action on another organisation, whatever the role", () => {
    const scoped = ACTIONS.filter((a): a is Action => PERMISSIONS[a].scope === "org");
    expect(scoped.length).toBeGreaterThan(0);
    for (const action of scoped) {
      for (const orgType of ORG_TYPES) {
        for (const role of ROLES) expect(decide(actor(orgType, role, 1), action, { orgId: 2 })).toBe("not-found");
      }
    }
  });

  it("refuses to decide an org-scoped action without knowing the resource's organisation", () => {
    expect(() => decide(actor("company", "admin"), "members.view")).toThrow(/needs the resource/);
  });
});
