/** Navigation entries for each kind of signed-in user; a page is listed only once it exists. */
import type { OrgType } from "#db/schema";

export interface NavItem {
  to: string;
  label: string;
}

export function navigationFor(user: { isPlatformAdmin: boolean }, membership: { orgId: number; orgType: OrgType; role?: string } | null): NavItem[] {
  const items: NavItem[] = [{ to: "/", label: "Home" }];
  if (membership?.orgType === "company") items.push({ to: "/suppliers", label: "Suppliers" }, { to: "/recruiters", label: "Recruiters" }, { to: "/imports", label: "Import" }, { to: "/watchlists", label: "Watchlists" });
  if (membership?.orgType === "company") items.push({ to: "/contests", label: "Contests" }, { to: "/actions", label: "Corrective actions" }, { to: "/reports", label: "Reports" });
  if (membership?.orgType === "company" && membership.role === "admin") items.push({ to: "/sharing", label: "Sharing" });
  if (membership?.orgType === "inspectorate") {
    items.push({ to: "/audits/queue", label: "Priority queue" }, { to: "/audits", label: "Audits" }, { to: "/audits/calendar", label: "Calendar" }, { to: "/audits/plan", label: "Plan" }, { to: "/actions", label: "Corrective actions" }, { to: "/reports", label: "Reports" });
  }
  if (membership?.orgType === "regulator") items.push({ to: "/regulator", label: "Submitted reports" }, { to: "/regulator/companies", label: "Companies" }, { to: "/regulator/patterns", label: "Jurisdiction view" }, { to: "/reports", label: "Reports" });
  if (membership && membership.orgType !== "company") items.push({ to: "/shared", label: "Shared suppliers" });
  if (membership?.orgType === "union") items.push({ to: "/contests", label: "My contests" });
  // The methodology is linked from every page's footer (and from each score's explanation).
  if (membership) items.push({ to: `/orgs/${membership.orgId}/members`, label: "Members" });
  if (membership?.role === "admin" || user.isPlatformAdmin) items.push({ to: "/activity-log", label: "Activity log" });
  if (user.isPlatformAdmin) items.push({ to: "/admin/organisations", label: "Organisations" });
  if (user.isPlatformAdmin) items.push({ to: "/admin/reference", label: "Reference data" }, { to: "/admin/methodology", label: "Methodology versions" }, { to: "/contests", label: "Method contests" });
  return items;
}
