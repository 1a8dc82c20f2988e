import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";

/**
 * The regulator's journey, from the company's side to the public check (issue 17): the company
 * issues a supplier's risk profile from the button under the supplier's name, asks to submit it
 * and is told what that does (nothing is submitted yet), confirms; the regulator's supervisor signs
 * in, finds it among the submitted reports and checks it on /verify. Every page passes axe, and is
 * photographed at desktop and phone widths (test-results/screenshots/journey-…).
 */
async function look(page: Page, name: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious, `${name}: ${serious.map((v) => `${v.id}: ${v.help}`).join("; ")}`).toEqual([]);
  await page.screenshot({ path: `test-results/screenshots/journey-${name}-desktop.png`, fullPage: true });
  await page.setViewportSize({ width: 360, height: 740 });
  await page.screenshot({ path: `test-results/screenshots/journey-${name}-phone.png`, fullPage: true });
  // Nothing wider than the phone's screen.
  expect(await page.evaluate(() => document.documentElement.scrollWidth), `${name} at 360 px`).toBeLessThanOrEqual(360);
  await page.setViewportSize({ width: 1280, height: 800 });
}

test("the company submits a risk profile through the confirmation; the regulator finds and verifies it", async ({ page, browser, signInAs }) => {
  // Issuing renders a PDF in a worker: seconds on a busy machine.
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  await signInAs("compliance@northwind.example");
  await page.goto("/suppliers");
  await page.getByRole("link", { name: "Sivakasi Brick Works", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Sivakasi Brick Works" })).toBeVisible();
  // The page's actions sit under its title, inside the first screen (not under "Audits", far below).
  const issue = page.getByRole("button", { name: "Issue risk profile (PDF)" });
  const box = (await issue.boundingBox())!;
  expect(box.y + box.height).toBeLessThan(800);
  expect(box.y).toBeLessThan((await page.getByRole("heading", { name: "Audits and corrective actions" }).boundingBox())!.y);
  await look(page, "supplier");

  await issue.click();
  await expect(page.getByText(/Report issued\.|Nothing changed since this report was issued/)).toBeVisible({ timeout: 90_000 });
  const id = (await page.locator(".page-header .mono").textContent())!.trim();
  await look(page, "report");

  await page.getByLabel("Regulator").selectOption({ label: "Supply Chain Supervisory Authority (DE)" });
  await page.getByRole("button", { name: "Submit", exact: true }).click();
  const question = page.getByRole("alert");
  await expect(question).toContainText("Supply Chain Supervisory Authority: its");
  await expect(question).toContainText("It can never be changed or withdrawn.");
  // Asking submitted nothing: the facts still say so.
  await expect(page.locator(".facts")).toContainText("not submitted");
  await look(page, "report-confirm");
  await page.getByRole("button", { name: "Yes, submit to Supply Chain Supervisory Authority" }).click();
  await expect(page.getByText("Submitted to Supply Chain Supervisory Authority. It can no longer change.")).toBeVisible();

  // The regulator's supervisor, in a browser of their own.
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const regulator = await context.newPage();
  await regulator.goto("/sign-in");
  await regulator.getByLabel("E-mail address").fill("supervisor@regulator.example");
  await regulator.getByLabel("Password").fill("demo-password-2026");
  await regulator.getByRole("button", { name: "Sign in" }).click();
  await expect(regulator.getByRole("button", { name: "Sign out" })).toBeVisible();
  await regulator.getByRole("navigation").getByRole("link", { name: "Submitted reports" }).click();
  await look(regulator, "regulator-list");
  await regulator.getByRole("link", { name: "Supplier risk profile: Sivakasi Brick Works" }).first().click();
  await expect(regulator.locator(".page-header")).toContainText(id);
  await look(regulator, "regulator-report");

  await regulator.goto(`/verify?q=${id}`);
  await expect(regulator.getByRole("status")).toContainText("Submitted to Supply Chain Supervisory Authority");
  await look(regulator, "verify");
  await context.close();
});
