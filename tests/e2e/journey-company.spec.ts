import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, signInWithForm, test } from "./fixtures";

/**
 * The compliance officer's day, end to end (issue 17): sign in, import a small supplier list, come
 * back to the home page (by its link, no reload) and find the dashboard with the import taken into
 * account and the to-do list, then record an indicator on one of the new suppliers and read what it
 * did to the score. Every page visited is checked with axe and photographed at desktop and phone
 * sizes (test-results/screenshots/journey-company-*.png).
 */
const LIST = ["external_id,name,country,sector,products", "J-1,Journey Palm Estate,MY,Agriculture,Palm oil", "J-2,Journey Shrimp Farm,TH,Fishing,Shrimp", ""].join("\r\n");
// The check and the import run in a worker while the page refreshes itself every second.
const WORK = { timeout: 30_000 };

async function check(page: Page, name: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious, `${name}: ${serious.map((v) => `${v.id}: ${v.help}`).join("; ")}`).toEqual([]);
  await page.screenshot({ path: `test-results/screenshots/journey-company-${name}-desktop.png`, fullPage: true });
  const size = page.viewportSize()!;
  await page.setViewportSize({ width: 360, height: 740 });
  await page.screenshot({ path: `test-results/screenshots/journey-company-${name}-phone.png`, fullPage: true });
  // Nothing wider than the phone's screen: the page scrolls down, never sideways.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await page.setViewportSize(size);
}

/** An item of the home page's to-do list (its card, or its line under "Nothing waiting"), by id. */
const todoCount = (page: Page, id: string) => page.locator(`[data-todo="${id}"]`);

test("the compliance officer imports a list, finds the dashboard and the to-do list up to date, and records an indicator", async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto("/sign-in");
  await signInWithForm(page, "compliance@northwind.example");
  // Password hashing (argon2) and the organisation's first dashboard take a while on a busy machine.
  await expect(page.getByRole("heading", { level: 1, name: /^Welcome/ })).toBeVisible(WORK);

  // Before: no import on record, and the home says so (the demo workspace was seeded, not imported).
  const risers = page.locator("section[aria-labelledby='risers-heading']");
  await expect(risers).toContainText("No import yet");
  const suppliersBefore = Number((await page.locator(".stat-label", { hasText: /^suppliers$/ }).locator("xpath=preceding-sibling::div[1]").innerText()).replace(/\D/g, ""));
  await expect(todoCount(page, "imports")).toHaveAttribute("data-count", "0");
  await check(page, "home-before");

  // The import: upload, check, import, and wait until the scores are brought up to date.
  await page.getByRole("link", { name: "Import", exact: true }).first().click();
  await page.getByLabel("Supplier list").check();
  await page.getByLabel("CSV file").setInputFiles({ name: "journey.csv", mimeType: "text/csv", buffer: Buffer.from(LIST, "utf8") });
  await page.getByRole("button", { name: "Upload and preview" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "journey.csv" })).toBeVisible();

  // While its columns wait for confirmation, the home lists the import as waiting, linked to it.
  const importUrl = new URL(page.url()).pathname;
  await page.getByRole("link", { name: "Home", exact: true }).first().click();
  await expect(todoCount(page, "imports")).toHaveAttribute("data-count", "1");
  await expect(todoCount(page, "imports").getByRole("link", { name: "journey.csv" })).toHaveAttribute("href", importUrl);
  await check(page, "home-import-waiting");
  await todoCount(page, "imports").getByRole("link", { name: "journey.csv" }).click();

  await page.getByRole("button", { name: "Check all rows" }).click();
  await expect(page.getByRole("heading", { name: "What will happen" })).toBeVisible(WORK);
  await check(page, "import-checked");
  await page.getByRole("button", { name: /^Import: 2 new records/ }).click();
  await expect(page.locator(".page-header .badge")).toHaveText("Imported", WORK);
  await expect(page.getByText(/Risk scores up to date since/)).toBeVisible(WORK);
  await check(page, "import-done");

  // Back home by its link (a client-side navigation, no reload): the import is on record.
  await page.getByRole("link", { name: "Home", exact: true }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: /^Welcome/ })).toBeVisible();
  await expect(risers).not.toContainText("No import yet");
  await expect(page.locator(".stat-label", { hasText: /^suppliers$/ }).locator("xpath=preceding-sibling::div[1]")).toHaveText(String(suppliersBefore + 2));
  await expect(todoCount(page, "imports")).toHaveAttribute("data-count", "0");
  // The to-do list: each item counted, and linked to where it is dealt with when there is any.
  for (const id of ["contests", "overdue", "audits", "rises", "imports"]) await expect(todoCount(page, id)).toBeVisible();
  const overdue = Number(await todoCount(page, "overdue").getAttribute("data-count"));
  if (overdue > 0) await expect(todoCount(page, "overdue").getByRole("link", { name: /overdue corrective action/ })).toHaveAttribute("href", "/actions?overdue=1");
  await check(page, "home-after");

  // An indicator recorded on one of the new suppliers: the page says what it did to the score.
  await page.goto("/suppliers?q=Journey+Palm");
  await page.getByRole("link", { name: "Journey Palm Estate", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Journey Palm Estate" })).toBeVisible();
  const supplierPath = new URL(page.url()).pathname;
  await page.goto(`${supplierPath}/indicators`);
  await page.getByRole("radio", { name: "Withholding of wages: Present" }).check();
  await page.getByLabel(/^Note/).fill("payslips show three months unpaid");
  await page.getByRole("button", { name: "Save and recompute the score" }).click();
  const status = page.getByRole("status").filter({ hasText: /^Score / });
  await expect(status).toContainText(/Score \d+\.\d → \d+\.\d( \([a-z]+( → [a-z]+)?\))?: Withholding of wages recorded as present\./);
  const [, before, after] = /Score (\d+\.\d) → (\d+\.\d)/.exec(await status.innerText())!;
  expect(Number(after)).toBeGreaterThan(Number(before));
  await check(page, "indicators-saved");

  // The supplier page shows the score the message ended on.
  await status.getByRole("link", { name: "See why this score" }).click();
  await expect(page.locator(".page-header .band-badge__score").first()).toHaveText(after!);
});
