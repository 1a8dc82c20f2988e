/** Navigation entries for each kind of signed-in user; a page is listed only once it exists. */
import type { OrgType } from "#db/schema";
import type en from "~/i18n/catalogs/en/common.json";

export interface NavItem {
  to: string;
  /** The entry's name in the reader's language: `common:nav.<label>`. */
  label: keyof (typeof en)["nav"];
}

export function navigationFor(user: { isPlatformAdmin: boolean }, membership: { orgId: number; orgType: OrgType; role?: string } | null): NavItem[] {
  const items: NavItem[] = [{ to: "/", label: "home" }];
  if (membership?.orgType === "company") items.push({ to: "/suppliers", label: "suppliers" }, { to: "/recruiters", label: "recruiters" }, { to: "/imports", label: "import" }, { to: "/watchlists", label: "watchlists" });
  if (membership?.orgType === "company") items.push({ to: "/contests", label: "contests" }, { to: "/actions", label: "correctiveActions" }, { to: "/reports", label: "reports" }, { to: "/filings", label: "filings" });
  if (membership?.orgType === "company" && membership.role === "admin") items.push({ to: "/sharing", label: "sharing" });
  if (membership?.orgType === "inspectorate") {
    items.push({ to: "/audits/queue", label: "priorityQueue" }, { to: "/audits", label: "audits" }, { to: "/audits/calendar", label: "calendar" }, { to: "/audits/plan", label: "plan" }, { to: "/actions", label: "correctiveActions" }, { to: "/reports", label: "reports" });
  }
  if (membership?.orgType === "regulator") items.push({ to: "/regulator", label: "submittedReports" }, { to: "/regulator/companies", label: "companies" }, { to: "/regulator/patterns", label: "jurisdictionView" }, { to: "/reports", label: "reports" });
  // The worker-voice cases that reached the organisation (issue 19): the company answers, the union and inspectorate handle.
  // Posting channels and recording a grievance for a worker are reached from /grievances itself (one entry here).
  if (membership?.orgType === "company" || membership?.orgType === "union" || membership?.orgType === "inspectorate") items.push({ to: "/grievances", label: "grievances" });
  // The recruitment-fee ledger belongs to the company (fees.view: every company role; no other kind of organisation).
  if (membership?.orgType === "company") items.push({ to: "/fees", label: "fees" });
  if (membership && membership.orgType !== "company" && membership.orgType !== "supplier") items.push({ to: "/shared", label: "sharedSuppliers" });
  if (membership?.orgType === "union") items.push({ to: "/contests", label: "myContests" });
  // The methodology is linked from every page's footer (and from each score's explanation).
  if (membership) items.push({ to: `/orgs/${membership.orgId}/members`, label: "members" });
  if (membership?.role === "admin" || user.isPlatformAdmin) items.push({ to: "/activity-log", label: "activityLog" });
  // The organisation's API tokens (api.tokens: its administrators, of every type; never the platform administrator,
  // who belongs to no organisation a token could act for). tests/unit/navigation.test.ts holds this to the permission.
  if (membership?.role === "admin") items.push({ to: "/api-tokens", label: "apiTokens" });
  if (user.isPlatformAdmin) items.push({ to: "/admin/organisations", label: "organisations" });
  if (user.isPlatformAdmin) items.push({ to: "/admin/reference", label: "referenceData" }, { to: "/admin/methodology", label: "methodologyVersions" }, { to: "/contests", label: "methodContests" }, { to: "/admin/support-services", label: "supportServices" });
  return items;
}
