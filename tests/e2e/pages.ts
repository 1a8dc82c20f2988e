/**
 * Every page of each kind of user, with the demo data: layout.spec.ts checks each for axe, keyboard
 * and width; i18n.spec.ts reads each in the pseudo-locale for text that is not in the catalogs.
 * A new page joins this list (docs/architecture.md, "how to add a feature").
 */
export const PAGES: { login: string; paths: string[] }[] = [
  {
    login: "compliance@northwind.example",
    paths: ["/", "/suppliers", "/suppliers?band=high&sort=name", "/suppliers/1", "/suppliers/1/indicators", "/recruiters", "/recruiters/1", "/contests", "/fees", "/fees/1", "/actions", "/actions/1", "/audits/1", "/reports", "/verify", "/sharing", "/sharing?edit=1&intent=check&toOrgId=3&scope=identity&countries=MY&countries=TH&q=Kebun", "/activity-log", "/methodology", "/imports", "/imports/columns", "/watchlists", "/orgs/1/members", "/account", "/orgs/999/members", "/grievances/channels", "/grievances", "/suppliers/14", "/suppliers/14/third-party-audits", "/suppliers/14/answers", "/suppliers/duplicates", "/filings", "/filings/statements/1", "/api-tokens", "/webhooks"],
  },
  { login: "admin@platform.example", paths: ["/", "/activity-log", "/admin/organisations", "/admin/reference", "/admin/reference/2", "/admin/reference/products", "/admin/methodology", "/admin/methodology/new", "/admin/methodology/1", "/admin/organisations/2", "/contests", "/admin/support-services"] },
  {
    login: "inspector@inspectorate.example",
    paths: ["/", "/shared", "/audits/queue", "/audits", "/audits/new", "/audits/new?supplier=1", "/audits/1", "/audits/2/edit", "/audits/calendar", "/audits/calendar?view=week", "/audits/plan", "/audits/availability", "/audits/settings", "/actions", "/actions/1", "/reports", "/grievances/new", "/grievances", "/api-tokens", "/webhooks"],
  },
  { login: "rep@union.example", paths: ["/", "/shared", "/shared/1", "/contests", "/contests?status=open", "/grievances/channels", "/grievances/new", "/grievances", "/grievances?show=closed"] },
  { login: "supervisor@regulator.example", paths: ["/", "/regulator", "/regulator/companies", "/regulator/patterns", "/reports", "/verify"] },
  // The demo supplier (issue 20): its home, its claimed workplace (Northwind's NW-0014, /suppliers/14 above shows the claim), its log.
  { login: "supplier@mekong.example", paths: ["/", "/sites/1", "/sites/1/questionnaire", "/sites/1/reviews", "/sites/1/audits", "/activity-log", "/orgs/5/members", "/account", "/api-tokens", "/webhooks"] },
];
