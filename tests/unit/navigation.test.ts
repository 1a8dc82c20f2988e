/**
 * The navigation against the permission module: an entry is listed for exactly the people who may
 * open it, and the worker-voice pages have one entry ("Grievances"), channels and recording a
 * grievance being reached from /grievances itself.
 */
import { describe, expect, it } from "vitest";
import { ORG_TYPES, type OrgType, type Role } from "#db/schema";
import { can, type Actor } from "~/auth/permissions.server";
import { navigationFor } from "~/components/nav";

const ROLES: Role[] = ["admin", "member", "viewer"];
const actorOf = (orgType: OrgType, role: Role) => ({ user: { id: 1, isPlatformAdmin: false }, membership: { orgId: 7, orgType, role, orgName: "Org" } }) as unknown as Actor;

describe("navigation", () => {
  for (const orgType of ORG_TYPES) {
    for (const role of ROLES) {
      it(`${orgType} ${role}: /fees and /api-tokens listed exactly when fees.view and api.tokens allow; no sub-page of /grievances listed`, () => {
        const actor = actorOf(orgType, role);
        const items = navigationFor(actor.user, actor.membership);
        expect(items.some((i) => i.to === "/fees")).toBe(can(actor, "fees.view", { orgId: 7 }));
        expect(items.some((i) => i.to === "/api-tokens")).toBe(can(actor, "api.tokens", { orgId: 7 }));
        expect(items.filter((i) => i.to.startsWith("/grievances")).map((i) => i.to)).toEqual(can(actor, "grievances.view", { orgId: 7 }) ? ["/grievances"] : []);
      });
    }
  }

  it("gives the company's viewer the recruitment fees, and the inspectorate none", () => {
    expect(navigationFor({ isPlatformAdmin: false }, { orgId: 7, orgType: "company", role: "viewer" }).map((i) => i.label)).toContain("fees");
    expect(navigationFor({ isPlatformAdmin: false }, { orgId: 7, orgType: "inspectorate", role: "admin" }).map((i) => i.label)).not.toContain("fees");
  });

  it("never lists API tokens for the platform administrator, who has no organisation for a token to act for", () => {
    expect(navigationFor({ isPlatformAdmin: true }, null).map((i) => i.to)).not.toContain("/api-tokens");
  });
});
