import { readFile } from "node:fs/promises";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";

/**
 * The list import end to end: an ERP export with one column the platform does not recognise
 * ("Standort"; "Land" is recognised as the country), a misspelt country ("Chine" is French for China,
 * so "Chinaa") and a duplicate row; the mapping fixed by hand, the check, the error report,
 * the import, and the same file uploaded again (mapping remembered, nothing new).
 */
const ERP_EXPORT = [
  "Vendor No.;Vendor Name;Standort;Number of Workers;Migrant %",
  "V-1001;Nguyễn Seafood;Vietnam;1450;35%",
  "V-1002;Kebun Sawit Harapan Sdn Bhd;MY;820;82%",
  "V-1003;Shenzhen Bright Electronics;Chinaa;2300;10%",
  "V-1001;Nguyễn Seafood;Vietnam;1450;35%",
  "",
].join("\r\n");

const CHINE = `"Chinaa" is not a known country — did you mean China (CN)?`;
// The check and the import run in a worker while the page refreshes itself every second.
const WORK = { timeout: 20_000 };

async function upload(page: Page) {
  await page.goto("/imports");
  await page.getByLabel("Supplier list").check();
  await page.getByLabel("CSV file").setInputFiles({ name: "erp-export.csv", mimeType: "text/csv", buffer: Buffer.from(ERP_EXPORT, "utf8") });
  await page.getByRole("button", { name: "Upload and preview" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "erp-export.csv" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Columns" })).toBeVisible();
}

/** The number shown above a label of the summary ("new", "updated"...). */
const stat = (page: Page, label: string) =>
  page
    .locator(".summary-grid .card")
    .filter({ has: page.locator(".stat-label", { hasText: new RegExp(`^${label}$`) }) })
    .locator(".stat");

test.describe("import", () => {
  test("a supplier list is mapped, checked, imported, and uploading it again changes nothing", async ({ page, signInAsNew }) => {
    test.setTimeout(90_000);
    await signInAsNew("company");
    await upload(page);

    // The preview: what was detected, and the proposed mapping with the one column to fix.
    await expect(page.getByText(/semicolon-separated/)).toBeVisible();
    await expect(page.getByLabel("Vendor No.", { exact: true })).toHaveValue("externalId");
    await expect(page.getByLabel("Vendor Name", { exact: true })).toHaveValue("name");
    await expect(page.getByLabel("Number of Workers", { exact: true })).toHaveValue("workersTotal");
    await expect(page.getByLabel("Migrant %", { exact: true })).toHaveValue("migrantShare");
    const land = page.getByLabel("Standort", { exact: true });
    await expect(land).toHaveValue("");
    await expect(page.getByRole("region", { name: "First rows of the file" })).toContainText("Nguyễn Seafood");
    await page.screenshot({ path: "test-results/screenshots/import-preview.png", fullPage: true });
    await land.selectOption({ label: "Country" });
    await page.getByRole("button", { name: "Check all rows" }).click();

    // The summary once every row is checked.
    await expect(page.getByRole("heading", { name: "What will happen" })).toBeVisible(WORK);
    await expect(stat(page, "rows in the file")).toHaveText("4");
    await expect(stat(page, "rows with errors \\(skipped\\)")).toHaveText("1");
    await expect(stat(page, "new")).toHaveText("2");
    await expect(stat(page, "duplicates merged")).toHaveText("1");
    const problems = page.getByRole("region", { name: "Problems found" });
    await expect(problems).toContainText(CHINE);
    await expect(problems).toContainText("same supplier as row 2");
    await expect(problems).toContainText("no column is mapped to Sector or Products");
    await page.screenshot({ path: "test-results/screenshots/import-summary.png", fullPage: true });

    // The error report: the file's own rows with problems, and what is wrong with each.
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: /Download the rows with problems/ }).click()]);
    expect(download.suggestedFilename()).toBe("erp-export-errors.csv");
    const report = (await readFile((await download.path())!, "utf8")).replace(/^\ufeff/, "");
    const lines = report.trimEnd().split("\r\n");
    // Same delimiter as the upload, so that it opens like the user's own file.
    expect(lines[0]).toBe("Vendor No.;Vendor Name;Standort;Number of Workers;Migrant %;errors");
    expect(report).toContain(`V-1003;Shenzhen Bright Electronics;Chinaa;2300;10%;"Standort: ""Chinaa"" is not a known country — did you mean China (CN)?"`);
    expect(lines.find((l) => l.includes("warning: same supplier as row 2"))).toMatch(/^V-1001;Nguyễn Seafood;/);
    // Rows without problems are not in the report.
    expect(lines).toHaveLength(3);
    expect(report).not.toContain("V-1002");

    // The import.
    await page.getByRole("button", { name: "Import: 2 new records, 0 updates" }).click();
    await expect(page.locator(".page-header .badge")).toHaveText("Imported", WORK);
    await expect(page.getByRole("heading", { name: "What was imported" })).toBeVisible();
    await page.goto("/suppliers");
    const suppliers = page.getByRole("region", { name: "Suppliers" });
    await expect(suppliers.getByRole("link", { name: "Nguyễn Seafood", exact: true })).toBeVisible();
    await expect(suppliers.getByRole("row", { name: /Nguyễn Seafood/ })).toContainText(/Viet ?nam/i);
    await expect(suppliers.getByRole("link", { name: "Kebun Sawit Harapan Sdn Bhd", exact: true })).toBeVisible();
    await expect(suppliers.getByRole("link", { name: "Shenzhen Bright Electronics", exact: true })).toHaveCount(0);

    // The same file again: the mapping is remembered, and nothing would be new.
    await upload(page);
    await expect(page.getByLabel("Standort", { exact: true })).toHaveValue("country");
    await page.getByRole("button", { name: "Check all rows" }).click();
    await expect(page.getByRole("heading", { name: "What will happen" })).toBeVisible(WORK);
    await expect(stat(page, "rows in the file")).toHaveText("4");
    await expect(stat(page, "new")).toHaveText("0");
    await expect(stat(page, "unchanged")).toHaveText("2");
    await expect(page.getByText("Nothing to import: every valid row is already on the platform as it is.")).toBeVisible();
    await expect(page.getByText("This exact file (same SHA-256) was already imported")).toBeVisible();
    await expect(page.getByRole("region", { name: "Problems found" })).toContainText(CHINE);
    await page.screenshot({ path: "test-results/screenshots/import-summary-again.png", fullPage: true });
  });
});
