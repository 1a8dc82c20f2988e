/**
 * Statutory filings in the browser (issue 21, decision 036): a new company saves its profile (a
 * wrong year end refused, what was typed kept), opens the statement for the last year, writes a
 * section with a figure inserted by name (a wrong name refused, the text kept), records the board's
 * approval, and issues the UK statement as a signed report; an edit after approval shows the
 * statement as changed and the issue button disabled. Screenshots on desktop and phone.
 */
import { expect, test } from "./fixtures";

const SHOTS = "test-results/screenshots";

test("a company writes, approves and issues its UK statement; an edit after approval needs approval again", async ({ page, signInAsNew }, testInfo) => {
  test.setTimeout(120_000);
  await signInAsNew("company", "admin");
  await page.goto("/filings");
  await expect(page.getByRole("heading", { name: "Statutory filings", level: 1 })).toBeVisible();
  await expect(page.getByText("No filing profile yet")).toBeVisible();

  const profile = page.locator("form", { has: page.getByRole("button", { name: "Save the profile" }) });
  await profile.getByLabel("Financial year end (MM-DD)").fill("02-30");
  await profile.getByLabel("Sectors").fill("Seafood, Garments");
  await profile.getByLabel("UK Modern Slavery Act statement").check();
  await profile.getByRole("button", { name: "Save the profile" }).click();
  await expect(page.getByText("A financial year end is a month and a day")).toBeVisible();
  await expect(profile.getByLabel("Sectors")).toHaveValue("Seafood, Garments");
  await expect(profile.getByLabel("UK Modern Slavery Act statement")).toBeChecked();
  await profile.getByLabel("Financial year end (MM-DD)").fill("12-31");
  await profile.getByRole("button", { name: "Save the profile" }).click();

  const lastYear = new Date().getUTCFullYear() - 1;
  const due = page.getByRole("region", { name: "What is due" }).getByRole("table");
  await expect(due).toContainText("UK Modern Slavery Act statement");
  await expect(due.getByRole("row").filter({ hasText: `31 Dec ${lastYear}` })).toContainText("Not started");
  await due.getByRole("row").filter({ hasText: `31 Dec ${lastYear}` }).getByRole("button", { name: "Start the statement" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(`Statement for 1 Jan ${lastYear}`);
  // No supplier scored yet: the share is unknown, not 0 %.
  await expect(page.getByRole("row", { name: /Share of scored suppliers/ })).toContainText("unknown");

  const structure = page.locator("#section-structure");
  await structure.getByLabel("Text").fill("We sell seafood. We list {{suppliers_happy}} suppliers.");
  await structure.getByRole("button", { name: "Save this section" }).click();
  await expect(page.locator("#section-structure").getByText("There is no figure named suppliers_happy")).toBeVisible();
  await expect(page.locator("#section-structure").getByLabel("Text")).toHaveValue("We sell seafood. We list {{suppliers_happy}} suppliers.");
  await page.locator("#section-structure").getByLabel("Text").fill("We sell seafood. We list {{suppliers_listed}} suppliers.");
  await page.locator("#section-structure").getByRole("button", { name: "Save this section" }).click();
  await expect(page.locator("#section-structure")).toContainText("Version 1");

  const approval = page.locator("form", { has: page.getByRole("button", { name: "Record the approval" }) });
  await approval.getByLabel("Approving person").fill("Dana Richter");
  await approval.getByLabel("Their role").selectOption("board");
  await approval.getByLabel("Approved on").fill(`${lastYear + 1}-01-15`);
  await approval.getByRole("button", { name: "Record the approval" }).click();
  await expect(page.getByText("Approved by Dana Richter (Board of directors)")).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/filings-statement-${testInfo.project.name}.png`, fullPage: true });

  await page.locator("#filings").locator("..").getByRole("button", { name: "Issue" }).click();
  await expect(page.getByText("Report issued.")).toBeVisible({ timeout: 60_000 });
  await expect(page.locator("body")).toContainText("UK Modern Slavery Act statement");

  // Changed after approval: the statement says so and cannot be issued until approved again.
  await page.goBack();
  await page.reload();
  await page.locator("#section-structure").getByLabel("Text").fill("We sell seafood and garments. We list {{suppliers_listed}} suppliers.");
  await page.locator("#section-structure").getByRole("button", { name: "Save this section" }).click();
  await expect(page.getByText(/changed since \(Structure, operations and supply chains\)/)).toBeVisible();
  await expect(page.locator("#filings").locator("..").getByRole("button", { name: "Issue" })).toBeDisabled();
  await page.goto("/filings");
  await page.screenshot({ path: `${SHOTS}/filings-overview-${testInfo.project.name}.png`, fullPage: true });
});
