import AxeBuilder from "@axe-core/playwright";
import { readFileSync } from "node:fs";
import { and, eq, isNull } from "drizzle-orm";
import type enPublic from "../../app/i18n/catalogs/en/public.json";
import { grievanceChannels, suppliers } from "../../db/schema";
import { firstRow, type Db } from "../../db/client";
import { DEMO_CHANNEL } from "../../db/seed";
import { expect, test } from "./fixtures";

/**
 * A worker reports on a cheap phone with JavaScript off (issue 19), through the channel the demo
 * union posted for Northwind's plantation: the form in the worker's language, the receipt with the
 * case code and secret read off the page, then /case with them, and information added. In Nepali,
 * Urdu (right to left) and Burmese. Screenshots in the test's output folder.
 */
test.use({ javaScriptEnabled: false, viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

// Read as files: Playwright's loader does not import JSON modules.
const words = (lng: string) => JSON.parse(readFileSync(`app/i18n/catalogs/${lng}/public.json`, "utf8")) as typeof enPublic;

async function demoChannelToken(db: Db): Promise<string> {
  const channel = firstRow(
    await db
      .select({ token: grievanceChannels.token })
      .from(grievanceChannels)
      .innerJoin(suppliers, eq(suppliers.id, grievanceChannels.supplierId))
      .where(and(eq(suppliers.externalId, DEMO_CHANNEL.supplierExternalId), isNull(grievanceChannels.closedAt))),
  );
  expect(channel, "the demo seed posts a channel").toBeTruthy();
  return channel!.token;
}

// axe runs as a script in the page: this check alone runs with JavaScript on (the page ships none of its own).
test("the worker's pages pass axe, on a phone, in Urdu (right to left)", async ({ browser, db }) => {
  const context = await browser.newContext({ locale: "ur", javaScriptEnabled: true, viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  for (const path of [`/g/${await demoChannelToken(db)}`, "/report", "/report?country=MY", "/case"]) {
    await page.goto(path);
    const axe = await new AxeBuilder({ page }).analyze();
    expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${path} ${v.id}: ${v.help}`)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth), `${path} fits 360 px`).toBe(true);
  }
  await context.close();
});

for (const { code, dir } of [
  { code: "ne", dir: "ltr" },
  { code: "ur", dir: "rtl" },
  { code: "my", dir: "ltr" },
]) {
  test(`a worker reports in ${code} without JavaScript, keeps the code and adds information`, async ({ browser, db }, info) => {
    const token = await demoChannelToken(db);
    const t = words(code);
    // The phone's language (Accept-Language) chooses the page's.
    const context = await browser.newContext({ locale: code, javaScriptEnabled: false, viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    const response = await page.goto(`/g/${token}`);
    expect(response!.headers()["cache-control"]).toBe("no-store");
    // No other site learns the address (no-referrer would make the browser send `Origin: null` with the POST, refused as cross-site).
    expect(response!.headers()["referrer-policy"]).toBe("same-origin");
    await expect(page.locator("html")).toHaveAttribute("lang", code);
    await expect(page.locator("html")).toHaveAttribute("dir", dir);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(t.report.title);
    // No client scripts on the worker's pages.
    expect(await page.locator("script[src]").count()).toBe(0);
    await page.screenshot({ path: info.outputPath(`${code}-form.png`), fullPage: true });

    await page.getByLabel(t.report.category.wages_withheld).check();
    await page.getByLabel(t.report.category.documents_taken).check();
    await page.getByLabel(t.report.description).fill(`${code}: they keep our passports and pay nothing since August.`);
    // The union is pre-ticked (the only party chosen by default); the company is not.
    await expect(page.locator('input[name="consent"][value="union"]')).toBeChecked();
    await expect(page.locator('input[name="consent"][value="company"]')).not.toBeChecked();
    // A person reads the page before sending: a POST within 3 s of the form is refused.
    await page.waitForTimeout(3_500);
    await page.getByRole("button", { name: t.report.send }).click();

    await expect(page.getByRole("heading", { level: 1 })).toHaveText(t.report.receipt.title);
    const keys = page.locator(".worker-key");
    const caseCode = (await keys.nth(0).textContent())!.trim();
    const secret = (await keys.nth(1).textContent())!.trim();
    expect(caseCode).toMatch(/^G-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(secret).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/);
    await page.screenshot({ path: info.outputPath(`${code}-receipt.png`), fullPage: true });

    await page.getByRole("link", { name: t.report.receipt.open }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(t.case.title);
    await page.getByLabel(t.case.code, { exact: true }).fill(caseCode.toLowerCase());
    await page.getByLabel(t.case.secret, { exact: true }).fill(secret);
    await page.getByRole("button", { name: t.case.open }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(t.case.caseTitle.replace("{{code}}", caseCode));
    await expect(page.getByText(t.report.category.documents_taken)).toBeVisible();

    await page.getByLabel(t.case.addText).fill("The supervisor said we get paid next month.");
    await page.getByRole("button", { name: t.case.add, exact: true }).click();
    await expect(page.getByRole("status")).toHaveText(t.case.done.added);
    await expect(page.getByText("The supervisor said we get paid next month.")).toBeVisible();
    await page.screenshot({ path: info.outputPath(`${code}-case.png`), fullPage: true });
    await context.close();
  });
}
