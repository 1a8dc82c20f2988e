import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "./fixtures";

/**
 * Every page, as each kind of user sees it: no serious accessibility violation (axe), reachable by
 * keyboard, and a screenshot in test-results/screenshots to look at.
 */
const PAGES: { login: string; paths: string[] }[] = [
  {
    login: "compliance@northwind.example",
    paths: ["/", "/suppliers", "/suppliers?band=high&sort=name", "/suppliers/1", "/suppliers/1/indicators", "/recruiters", "/recruiters/1", "/contests", "/actions", "/actions/1", "/audits/1", "/reports", "/verify", "/sharing", "/activity-log", "/methodology", "/imports", "/imports/columns", "/watchlists", "/orgs/1/members", "/account", "/orgs/999/members"],
  },
  { login: "admin@platform.example", paths: ["/", "/activity-log", "/admin/organisations", "/admin/reference", "/admin/reference/2", "/admin/reference/products", "/admin/methodology"] },
  {
    login: "inspector@inspectorate.example",
    paths: ["/", "/shared", "/audits/queue", "/audits", "/audits/new", "/audits/new?supplier=1", "/audits/1", "/audits/2/edit", "/audits/calendar", "/audits/calendar?view=week", "/audits/plan", "/audits/availability", "/audits/settings", "/actions", "/actions/1", "/reports"],
  },
  { login: "rep@union.example", paths: ["/", "/shared", "/shared/1"] },
  { login: "supervisor@regulator.example", paths: ["/", "/regulator", "/regulator/patterns", "/reports", "/verify"] },
];

test("the sign-in page is accessible", async ({ page }, info) => {
  await page.goto("/sign-in");
  await page.screenshot({ path: `test-results/screenshots/${info.project.name}-sign-in.png`, fullPage: true });
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
});

// One test per page, not one per user: a single test walking twenty pages with axe timed out on a
// loaded CI machine. Each test signs in by session cookie (no argon2) and checks exactly one page.
for (const { login, paths } of PAGES) {
  test.describe(`pages of ${login}`, () => {
    for (const path of paths) {
      test(`${path} is accessible`, async ({ page, signInAs }, info) => {
        await signInAs(login);
        await page.goto(path);
        await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
        const name = `${info.project.name}-${login.split("@")[0]}${path.replace(/\//g, "_") || "_home"}`;
        await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
        const results = await new AxeBuilder({ page }).analyze();
        const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
        expect(serious, `${path}: ${serious.map((v) => `${v.id}: ${v.help}`).join("; ")}`).toEqual([]);
      });
    }
  });
}
