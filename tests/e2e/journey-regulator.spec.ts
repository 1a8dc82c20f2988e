import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";

/**
 * The regulator's journey, from the company's side to the public check (issue 17): the company
 * issues a supplier's risk profile from the button under the supplier's name, asks to submit it
 * and is told what that does (nothing is submitted yet), confirms; the regulator's supervisor signs
 * in, finds it among the submitted reports, acknowledges it and requests a correction (confirmed);
 * the company sees the request on its home, corrects the data, issues and submits the correcting
 * report; the regulator sees it linked to the original, accepts it, checks the companies in its
 * jurisdiction, downloads the CSV of submissions, reads the jurisdiction view with its map, and
 * checks the report on /verify. Every page passes axe, and is photographed at desktop and phone
 * widths (test-results/screenshots/journey-…).
 *
 * It works on Sivakasi Brick Works' profile only, which no other spec submits (reports.spec
 * submits due-diligence reports), and asserts nothing about the other companies' submissions.
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

  // The review: acknowledge at once; a correction needs a reason and a confirmation.
  await regulator.getByRole("button", { name: "Acknowledge receipt" }).click();
  await expect(regulator.getByRole("status")).toContainText("Receipt acknowledged. The report is now: acknowledged.");
  await regulator.getByRole("button", { name: "Request a correction" }).click();
  await expect(regulator.getByLabel("What must be corrected")).toHaveAttribute("aria-invalid", "true");
  await expect(regulator.locator("#reason-error")).toContainText("Say what must be corrected");
  const reason = "The profile omits the isolation of workers housed on site reported in March.";
  await regulator.getByLabel("What must be corrected").fill(reason);
  await regulator.getByRole("button", { name: "Request a correction" }).click();
  await expect(regulator.getByRole("heading", { name: "Request a correction of this report?" })).toBeVisible();
  await look(regulator, "regulator-correction-confirm");
  await regulator.getByRole("button", { name: "Yes, request the correction" }).click();
  await expect(regulator.getByRole("status")).toContainText("Correction requested: Northwind Fresh Foods GmbH sees your reason");
  await expect(regulator.locator("#review")).toContainText(reason);
  await look(regulator, "regulator-correction-requested");

  // The company: the request is on its home, with the reason, and leads to the report.
  await page.goto("/");
  const todo = page.getByRole("link", { name: "Supplier risk profile: Sivakasi Brick Works" });
  await expect(page.getByText(`Supply Chain Supervisory Authority: “${reason}”`)).toBeVisible();
  await look(page, "company-home-correction");
  await todo.first().click();
  await expect(page.locator("#review")).toContainText("Supply Chain Supervisory Authority asks for a correction");
  await look(page, "company-report-correction");
  // It corrects the data (the isolation the regulator named), then issues the report again.
  const reportPath = new URL(page.url()).pathname;
  await page.goto("/suppliers");
  await page.getByRole("link", { name: "Sivakasi Brick Works", exact: true }).click();
  // The click navigates in the page: read the supplier's address only once it is there.
  await expect(page).toHaveURL(/\/suppliers\/\d+$/);
  await page.goto(`${new URL(page.url()).pathname}/indicators`);
  await page.getByRole("radio", { name: "Isolation: Present" }).check();
  await page.getByLabel(/^Note/).fill("workers housed on site, gate locked at night (March visit)");
  await page.getByRole("button", { name: "Save and recompute the score" }).click();
  await expect(page.getByRole("status").filter({ hasText: /^Score / })).toContainText("Isolation recorded as present");
  await page.goto(reportPath);
  await page.getByRole("button", { name: "Issue the corrected report" }).click();
  await expect(page.getByText("Report issued.")).toBeVisible({ timeout: 90_000 });
  const correction = (await page.locator(".page-header .mono").textContent())!.trim();
  expect(correction).not.toBe(id);
  // The new report's page already names the report it corrects and the regulator.
  await expect(page.getByLabel("Corrects an earlier submission (optional)")).toHaveValue(id);
  await expect(page.getByLabel("Regulator")).not.toHaveValue("");
  await look(page, "company-correction-issued");
  await page.getByRole("button", { name: "Submit", exact: true }).click();
  await expect(page.getByRole("alert")).toContainText(`It is submitted as the correction of “Supplier risk profile: Sivakasi Brick Works” (${id})`);
  await page.getByRole("button", { name: "Yes, submit to Supply Chain Supervisory Authority" }).click();
  await expect(page.getByText("Submitted to Supply Chain Supervisory Authority. It can no longer change.")).toBeVisible();

  // The regulator: the original says a correction arrived and links to it; the correction is accepted.
  await regulator.goto(`/reports/${id}`);
  await expect(regulator.locator("#review")).toContainText("Correction submitted");
  await regulator.locator("#review").getByRole("link", { name: `report ${correction}` }).click();
  await expect(regulator.locator(".facts")).toContainText(`Corrects${id}`);
  await regulator.getByRole("button", { name: "Accept", exact: true }).click();
  await expect(regulator.getByRole("heading", { name: "Accept this report?" })).toBeVisible();
  await regulator.getByRole("button", { name: "Yes, accept" }).click();
  await expect(regulator.getByRole("status")).toContainText("Report accepted.");
  await look(regulator, "regulator-accepted");

  // The list shows the review states, the correction linked to the original; its CSV holds both.
  await regulator.goto(`/regulator?company=`);
  // The correction's row says what it corrects (the original's row says what superseded it).
  const row = regulator.getByRole("row").filter({ hasText: `corrects ${id}` });
  await expect(row).toContainText(correction);
  await expect(row).toContainText("Accepted");
  await expect(regulator.getByRole("row").filter({ hasText: `Superseded by ${correction}` })).toContainText("Correction submitted");
  await expect(row.getByRole("link", { name: id })).toBeVisible();
  await look(regulator, "regulator-list-reviewed");
  const [download] = await Promise.all([regulator.waitForEvent("download"), regulator.getByRole("link", { name: "Download as CSV" }).click()]);
  const csv = await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString("utf8"));
  expect(csv.split("\r\n")[0]).toBe("\uFEFFreport_id,company_id,company,kind_code,kind,title,period_start,period_end,submitted_at_utc,review_state_code,review_state,supersedes,superseded_by,sha256");
  expect(csv).toMatch(new RegExp(`${correction},\\d+,Northwind Fresh Foods GmbH,supplier_profile,Supplier risk profile,Supplier risk profile: Sivakasi Brick Works,,,[^,]+,accepted,Accepted,${id},,`));
  expect(csv).toMatch(new RegExp(`${id},.*,correction_requested,Correction requested|${id},.*,corrected,Correction submitted`));

  // The companies in the jurisdiction, for a period of the regulator's choosing.
  await regulator.getByRole("navigation").getByRole("link", { name: "Companies" }).click();
  await expect(regulator.getByRole("heading", { level: 1, name: "Companies in your jurisdiction" })).toBeVisible();
  await expect(regulator.getByRole("row").filter({ hasText: "Northwind Fresh Foods GmbH" })).toBeVisible();
  await look(regulator, "regulator-companies");

  // The jurisdiction view: pooled groups, what was left out, and the map beside its table.
  await regulator.getByRole("navigation").getByRole("link", { name: "Jurisdiction view" }).click();
  await expect(regulator.getByText(/not shown \(still under 5 after pooling\)|Nothing was left out\./)).toBeVisible();
  const map = regulator.getByRole("img", { name: /World map: \d+ countries with 5 suppliers or more/ });
  await expect(map).toBeVisible();
  await expect.poll(async () => await map.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), { timeout: 15_000 }).toBe(true);
  await look(regulator, "regulator-patterns");

  await regulator.goto(`/verify?q=${id}`);
  await expect(regulator.getByRole("status")).toContainText("Submitted to Supply Chain Supervisory Authority");
  await look(regulator, "verify");
  await context.close();
});
