/**
 * The one place that decides "may this user do X to Y". Every loader and action asks it, through
 * `authorize`, before touching data. The matrix below is the executable copy of the table in
 * docs/permissions.md; a unit test reads that table and fails if the two disagree.
 *
 * Answers: "allow"; "forbidden" (403: the user may know the thing exists but not do this); or
 * "not-found" (404: the thing belongs to an organisation the user has no business with, and we do
 * not confirm that it exists).
 */
import { ORG_TYPES, type OrgType, type Role } from "#db/schema";
import { Forbidden, NotFound } from "~/domain/errors";
import type { ValidSession } from "./session.server";

export type Actor = Pick<ValidSession, "user" | "membership">;

type RolesByOrgType = { [T in OrgType]: readonly Role[] };

interface Rule {
  /** Who may, inside their own organisation. */
  members: RolesByOrgType;
  /** Whether the platform administrator may, in any organisation. */
  platformAdmin: boolean;
  /** "org": the resource belongs to one organisation; "platform": there is no owning organisation. */
  scope: "org" | "platform";
}

const ALL: readonly Role[] = ["admin", "member", "viewer"];
const ADMIN: readonly Role[] = ["admin"];
const WRITERS: readonly Role[] = ["admin", "member"];
const NONE: readonly Role[] = [];

const everyType = (roles: readonly Role[]): RolesByOrgType => ({ company: roles, inspectorate: roles, union: roles, regulator: roles, supplier: roles });
/** Every type but the supplier (issue 20): a supplier organisation sees its own sites, never partners' data. */
const buyersAndPartners = (roles: readonly Role[]): RolesByOrgType => ({ ...everyType(roles), supplier: NONE });

export const PERMISSIONS = {
  "organisations.manage": { members: everyType(NONE), platformAdmin: true, scope: "platform" },
  "members.view": { members: everyType(ALL), platformAdmin: true, scope: "org" },
  "members.manage": { members: everyType(ADMIN), platformAdmin: true, scope: "org" },
  "suppliers.view": { members: { ...everyType(NONE), company: ALL }, platformAdmin: false, scope: "org" },
  "suppliers.edit": { members: { ...everyType(NONE), company: WRITERS }, platformAdmin: false, scope: "org" },
  "suppliers.merge": { members: { ...everyType(NONE), company: WRITERS }, platformAdmin: false, scope: "org" },
  "methodology.view": { members: everyType(ALL), platformAdmin: true, scope: "platform" },
  "reference.manage": { members: everyType(NONE), platformAdmin: true, scope: "platform" },
  "shared.view": { members: { ...buyersAndPartners(ALL), company: NONE }, platformAdmin: false, scope: "org" },
  "contests.raise": { members: { ...everyType(NONE), union: WRITERS }, platformAdmin: false, scope: "org" },
  "contests.answer": { members: { ...everyType(NONE), company: WRITERS }, platformAdmin: false, scope: "org" },
  "contests.method": { members: everyType(NONE), platformAdmin: true, scope: "platform" },
  "audits.view": { members: { ...everyType(NONE), inspectorate: ALL }, platformAdmin: false, scope: "org" },
  "audits.schedule": { members: { ...everyType(NONE), inspectorate: WRITERS }, platformAdmin: false, scope: "org" },
  "audits.record": { members: { ...everyType(NONE), inspectorate: WRITERS }, platformAdmin: false, scope: "org" },
  "audits.settings": { members: { ...everyType(NONE), inspectorate: ADMIN }, platformAdmin: false, scope: "org" },
  "availability.manage": { members: { ...everyType(NONE), inspectorate: ADMIN }, platformAdmin: false, scope: "org" },
  "actions.view": { members: { ...everyType(NONE), company: ALL, inspectorate: ALL }, platformAdmin: false, scope: "org" },
  "actions.answer": { members: { ...everyType(NONE), company: WRITERS }, platformAdmin: false, scope: "org" },
  "actions.verify": { members: { ...everyType(NONE), inspectorate: WRITERS }, platformAdmin: false, scope: "org" },
  "reports.view": { members: { ...buyersAndPartners(ALL), union: NONE }, platformAdmin: false, scope: "org" },
  "reports.issue": { members: { ...buyersAndPartners(WRITERS), union: NONE }, platformAdmin: false, scope: "org" },
  "filings.view": { members: { ...everyType(NONE), company: ALL }, platformAdmin: false, scope: "org" },
  "filings.write": { members: { ...everyType(NONE), company: WRITERS }, platformAdmin: false, scope: "org" },
  "filings.approve": { members: { ...everyType(NONE), company: ADMIN }, platformAdmin: false, scope: "org" },
  "reports.submit": { members: { ...everyType(NONE), company: ADMIN }, platformAdmin: false, scope: "org" },
  "shares.manage": { members: { ...everyType(NONE), company: ADMIN }, platformAdmin: false, scope: "org" },
  "grievances.channels": { members: { ...everyType(NONE), company: WRITERS, union: WRITERS }, platformAdmin: false, scope: "org" },
  "grievances.view": { members: { ...buyersAndPartners(ALL), regulator: NONE }, platformAdmin: false, scope: "org" },
  "grievances.handle": { members: { ...everyType(NONE), union: WRITERS, inspectorate: WRITERS }, platformAdmin: false, scope: "org" },
  "grievances.answer": { members: { ...everyType(NONE), company: WRITERS }, platformAdmin: false, scope: "org" },
  "grievances.record": { members: { ...everyType(NONE), union: WRITERS, inspectorate: WRITERS }, platformAdmin: false, scope: "org" },
  "support.manage": { members: everyType(NONE), platformAdmin: true, scope: "platform" },
  "fees.view": { members: { ...everyType(NONE), company: ALL }, platformAdmin: false, scope: "org" },
  "fees.manage": { members: { ...everyType(NONE), company: WRITERS }, platformAdmin: false, scope: "org" },
  "fees.link": { members: { ...everyType(NONE), union: WRITERS, inspectorate: WRITERS }, platformAdmin: false, scope: "org" },
  "api.tokens": { members: everyType(ADMIN), platformAdmin: false, scope: "org" },
  "audit_log.view": { members: everyType(ADMIN), platformAdmin: true, scope: "org" },
  "sites.view": { members: { ...everyType(NONE), supplier: ALL }, platformAdmin: false, scope: "org" },
  "sites.manage": { members: { ...everyType(NONE), supplier: WRITERS }, platformAdmin: false, scope: "org" },
  "questionnaires.answer": { members: { ...everyType(NONE), supplier: WRITERS }, platformAdmin: false, scope: "org" },
  "questionnaires.share": { members: { ...everyType(NONE), supplier: ADMIN }, platformAdmin: false, scope: "org" },
  "suppliers.invite": { members: { ...everyType(NONE), company: WRITERS }, platformAdmin: false, scope: "org" },
  "questionnaires.request": { members: { ...everyType(NONE), company: WRITERS }, platformAdmin: false, scope: "org" },
  "questionnaires.review": { members: { ...everyType(NONE), company: WRITERS }, platformAdmin: false, scope: "org" },
  "thirdPartyAudits.record": { members: { ...everyType(NONE), company: WRITERS, supplier: WRITERS }, platformAdmin: false, scope: "org" },
  "regulator.portal": { members: { ...everyType(NONE), regulator: ALL }, platformAdmin: false, scope: "org" },
  "reports.review": { members: { ...everyType(NONE), regulator: WRITERS }, platformAdmin: false, scope: "org" },
} as const satisfies Record<string, Rule>;

export type Action = keyof typeof PERMISSIONS;
export const ACTIONS = Object.keys(PERMISSIONS) as Action[];
export { ORG_TYPES };

export type Decision = "allow" | "forbidden" | "not-found";

export interface Resource {
  orgId: number;
}

export function decide(actor: Actor, action: Action, resource?: Resource): Decision {
  const rule: Rule = PERMISSIONS[action];
  if (actor.user.isPlatformAdmin && rule.platformAdmin) return "allow";
  const m = actor.membership;
  if (rule.scope === "org") {
    if (!resource) throw new Error(`permission ${action} needs the resource's organisation`);
    if (!m || m.orgId !== resource.orgId) return "not-found";
  }
  if (!m) return "forbidden";
  return rule.members[m.orgType].includes(m.role) ? "allow" : "forbidden";
}

export function can(actor: Actor, action: Action, resource?: Resource): boolean {
  return decide(actor, action, resource) === "allow";
}

/**
 * Throws `Forbidden` (403) or `NotFound` (404, also for another organisation's resource) unless
 * allowed. Every route's loader and action is wrapped in `withDomainErrors`, which answers them.
 */
export function authorize(actor: Actor, action: Action, resource?: Resource): void {
  const decision = decide(actor, action, resource);
  if (decision === "not-found") throw new NotFound();
  if (decision === "forbidden") throw new Forbidden();
}
