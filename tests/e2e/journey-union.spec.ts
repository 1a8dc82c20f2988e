import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page, TestInfo } from "@playwright/test";
import { eq } from "drizzle-orm";
import { organisations, shares } from "../../db/schema";
import { firstRow } from "../../db/client";
import { countSharedSuppliers } from "../../app/domain/sharing/shared-suppliers.server";
import { makeOrg, makeUser, TEST_PASSWORD } from "../support/factories";
import { expect, signInWithForm, test } from "./fixtures";

/**
 * The union representative's day (issue 17, item 12): sign in, read the home's counts, open a
 * shared supplier, contest one factor of its score (the company's data) and the method (the
 * platform administrator's), find both under "My contests"; the company answers the first and
 * sees the second read-only; the administrator answers the second without seeing the supplier;
 * the representative reads both answers. Every page visited passes axe and is photographed at
 * desktop and phone sizes (test-results…/journey-union-*.png) with nothing wider than the phone.
 *
 * Independent of union.spec.ts (which contests as the demo union): a union of its own, with its
 * own share from the demo company, so every count it reads is its own.
 */
const PHONE = { width: 360, height: 740 };
const DESKTOP = { width: 1280, height: 800 };

async function look(page: Page, info: TestInfo, name: string) {
  const serious = (await new AxeBuilder({ page }).analyze()).violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious, `${name}: ${serious.map((v) => `${v.id}: ${v.help}`).join("; ")}`).toEqual([]);
  const size = page.viewportSize()!;
  await page.setViewportSize(DESKTOP);
  await page.screenshot({ path: info.outputPath(`journey-union-${name}-desktop.png`), fullPage: true });
  await page.setViewportSize(PHONE);
  await page.screenshot({ path: info.outputPath(`journey-union-${name}-phone.png`), fullPage: true });
  // Nothing wider than the phone's screen: the page scrolls down, never sideways.
  expect(await page.evaluate(() => document.documentElement.scrollWidth), `${name} at 360 px`).toBeLessThanOrEqual(PHONE.width);
  await page.setViewportSize(size);
}

async function signIn(browser: Browser, email: string, password?: string) {
  const context = await browser.newContext({ viewport: DESKTOP });
  const page = await context.newPage();
  await page.goto("/sign-in");
  await signInWithForm(page, email, password);
  await expect(page.getByRole("heading", { level: 1, name: /^Welcome/ })).toBeVisible({ timeout: 20_000 });
  return page;
}

test("a union representative contests a factor and the method, finds both under My contests, and reads the company's and the administrator's answers", async ({ browser, db }, info) => {
  test.setTimeout(180_000);
  const stamp = Date.now().toString(36);
  const northwind = firstRow(await db.select().from(organisations).where(eq(organisations.name, "Northwind Fresh Foods GmbH")))!;
  const union = await makeOrg(db, "union", `Journey Plantation Workers Union ${stamp}`, ["MY"]);
  const rep = await makeUser(db, { orgId: union.id, role: "member", name: "Siti Rahman", email: `siti-${stamp}@union.example` });
  await db.insert(shares).values({ fromOrgId: northwind.id, toOrgId: union.id, scope: ["identity", "scores", "indicators"], filter: { countries: ["MY"] } });
  const sharedCount = await countSharedSuppliers(db, union.id);
  expect(sharedCount).toBeGreaterThan(0);

  // 1. Home: the real counts (this union's own share; no contest yet).
  const page = await signIn(browser, rep.email, TEST_PASSWORD);
  await expect(page.locator('[data-todo="shared"]')).toHaveAttribute("data-count", String(sharedCount));
  await expect(page.locator('[data-todo="shared"] h2')).toContainText(`${sharedCount} supplier${sharedCount === 1 ? "" : "s"} shared with you by 1 company`);
  await expect(page.locator('[data-todo="contests"]')).toContainText("0 contests raised");
  await look(page, info, "home");

  // 2. A shared supplier, from the home's list.
  const first = page.locator('[data-todo="shared"] li a').first();
  const supplierName = (await first.textContent())!.trim();
  await first.click();
  await expect(page.getByRole("heading", { level: 1, name: supplierName })).toBeVisible();
  await expect(page.getByRole("heading", { name: /why this score/i })).toBeVisible();
  await look(page, info, "supplier");

  // 3. Contest one factor of the breakdown, from its line ("Contest" beside it): the company's data.
  // An indicator the score says was observed, if there is one (the demo's critical suppliers have some).
  const factor = page.getByLabel("Factor of the score");
  const indicators = (await factor.locator('optgroup[label="Observed indicators"] option').allTextContents()).map((t) => t.trim());
  const factorWords = indicators.find((t) => t.endsWith(": observed")) ?? indicators[0]!;
  expect(factorWords).toMatch(/^[A-Z][^.]+: /);
  await page.getByRole("link", { name: `Contest ${factorWords.slice(0, factorWords.lastIndexOf(": "))}`, exact: true }).click();
  await expect(factor.locator("option:checked")).toHaveText(factorWords);
  await page.getByRole("radio", { name: /^The data about this supplier/ }).check();
  const dataComment = `Forty workers told us this line of the score is not what they live (${stamp}).`;
  await page.getByLabel("What you contest and why").fill(dataComment);
  await page.getByRole("button", { name: "Send contest" }).click();
  await expect(page.getByRole("status")).toContainText("sent: Northwind Fresh Foods GmbH will answer it.");
  const dataContest = page.locator(".contest", { hasText: dataComment });
  await expect(dataContest).toContainText(`the factor “${factorWords}”`);
  await expect(dataContest).toContainText("Open: awaiting the company's answer");

  // 4. Contest the method, for the score as a whole.
  // The form starts afresh after a contest is sent.
  await expect(page.getByLabel("What you contest and why")).toHaveValue("");
  await expect(factor).toHaveValue("");
  await page.getByRole("radio", { name: /^The method/ }).check();
  const methodComment = `Seasonal harvest work is scored as if it lasted all year (${stamp}).`;
  await page.getByLabel("What you contest and why").fill(methodComment);
  await page.getByRole("button", { name: "Send contest" }).click();
  const methodContest = page.locator(".contest", { hasText: methodComment });
  await expect(page.getByRole("status")).toContainText("sent: the platform administrator will answer it.");
  await expect(methodContest).toContainText("The method");
  await expect(methodContest).toContainText("the score as a whole");
  await expect(methodContest).toContainText("Open: awaiting the platform administrator's answer");
  await look(page, info, "supplier-contested");
  const dataId = (await dataContest.getByRole("link", { name: /Contest #/ }).textContent())!.replace(/\D/g, "");
  const methodId = (await methodContest.getByRole("link", { name: /Contest #/ }).textContent())!.replace(/\D/g, "");

  // 5. My contests: both, with status, supplier, subject; the home counts them.
  await page.getByRole("navigation").getByRole("link", { name: "My contests" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "My contests" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "2 open of 2" })).toBeVisible();
  await expect(page.locator(".contest", { hasText: dataComment })).toContainText(supplierName);
  await look(page, info, "my-contests");
  await page.goto("/");
  await expect(page.locator('[data-todo="contests"]')).toHaveAttribute("data-count", "2");
  await expect(page.locator('[data-todo="contests"]')).toContainText("2 open · 0 answered · 0 closed");

  // 6. The company: answers the contest of its data; sees the method contest read-only.
  const company = await signIn(browser, "compliance@northwind.example");
  await company.goto(`/contests/${dataId}`);
  await expect(company.locator(".contest")).toContainText(`the factor “${factorWords}”`);
  await company.getByLabel("Your answer").fill("The May payroll is correct; the April one was late and is on record.");
  await look(company, info, "company-answer");
  await company.getByRole("button", { name: "Send answer" }).click();
  await expect(company.locator(".contest blockquote", { hasText: "The May payroll is correct" })).toBeVisible();
  await company.goto(`/contests/${methodId}`);
  await expect(company.getByRole("note")).toContainText("the platform administrator owns: they answer it");
  await expect(company.getByRole("button", { name: "Send answer" })).toHaveCount(0);
  await look(company, info, "company-method");

  // 7. The platform administrator: the method contest on the home, answered, no supplier named.
  const admin = await signIn(browser, "admin@platform.example");
  await expect(admin.locator('[data-todo="method-contests"]')).toContainText("open contest");
  await expect(admin.locator('[data-todo="method-contests"]').getByRole("link", { name: `Contest #${methodId}` })).toBeVisible();
  await look(admin, info, "admin-home");
  await admin.getByRole("navigation").getByRole("link", { name: "Method contests" }).click();
  await expect(admin.getByRole("heading", { level: 1, name: "Method contests" })).toBeVisible();
  await admin.locator(".contest", { hasText: methodComment }).getByRole("link", { name: `Contest #${methodId}` }).click();
  await expect(admin.locator("main")).not.toContainText(supplierName);
  await expect(admin.locator(".contest")).toContainText(union.name);
  await admin.getByLabel("Your answer").fill("Version 3 of the method will weigh how long an indicator lasted.");
  await admin.getByRole("checkbox", { name: /Close the contest/ }).check();
  await look(admin, info, "admin-answer");
  await admin.getByRole("button", { name: "Send answer" }).click();
  await expect(admin.locator(".contest")).toContainText("Closed");

  // 8. The representative reads both answers, and filters by status.
  await page.goto("/contests");
  await expect(page.getByRole("heading", { level: 2, name: "0 open of 2" })).toBeVisible();
  await expect(page.locator(".contest", { hasText: dataComment })).toContainText("Answer of the company");
  await expect(page.locator(".contest", { hasText: dataComment })).toContainText("The May payroll is correct");
  await expect(page.locator(".contest", { hasText: methodComment })).toContainText("Answer of the platform administrator");
  await look(page, info, "my-contests-answered");
  await page.getByLabel("Status").selectOption("closed");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "1 closed of 2" })).toBeVisible();
  await expect(page.locator(".contest")).toHaveCount(1);
  await expect(page.locator(".contest")).toContainText(methodComment);
  await look(page, info, "my-contests-closed");
  for (const p of [page, company, admin]) await p.context().close();
});
