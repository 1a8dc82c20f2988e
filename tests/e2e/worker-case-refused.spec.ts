/**
 * A refused form on the worker's case page (/case, issue 19) keeps the case open, on a phone with
 * JavaScript off: the case stays on the page, the error stands beside the form that was sent, and
 * what the worker wrote is still in the box. The case is written straight into the e2e database
 * (no report through the form: the intake allows five reports an hour per client, which the other
 * worker specs use), with a code and secret made here, and the company's answer with its remedy.
 */
import AxeBuilder from "@axe-core/playwright";
import { readFileSync } from "node:fs";
import { eq } from "drizzle-orm";
import type enPublic from "../../app/i18n/catalogs/en/public.json";
import { grievanceEvents, grievanceRecipients, grievances, organisations, suppliers } from "../../db/schema";
import { firstRow, onlyRow, type Db } from "../../db/client";
import { hashCaseSecret, newCaseCode, newCaseSecret } from "../../app/domain/grievances/codes.server";
import type { Browser } from "@playwright/test";
import { expect, test } from "./fixtures";

const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };
test.use({ javaScriptEnabled: false, ...PHONE });

// Read as files: Playwright's loader does not import JSON modules.
const words = (lng: string) => JSON.parse(readFileSync(`app/i18n/catalogs/${lng}/public.json`, "utf8")) as typeof enPublic;

async function workerCase(db: Db) {
  const union = firstRow(await db.select().from(organisations).where(eq(organisations.name, "Plantation and Construction Workers' Union")))!.id;
  const kebun = firstRow(await db.select().from(suppliers).where(eq(suppliers.externalId, "NW-0001")))!;
  const caseCode = newCaseCode();
  const secret = newCaseSecret();
  const g = onlyRow(
    await db
      .insert(grievances)
      .values({ caseCode, secretHash: hashCaseSecret(secret), supplierId: kebun.id, country: "MY", categories: ["wages_withheld"], consent: ["union"], language: "ne", leadOrgId: union, dueAt: new Date(Date.now() + 7 * 86_400_000) })
      .returning(),
  );
  await db.insert(grievanceRecipients).values({ grievanceId: g.id, orgId: union, party: "union", reason: "first" });
  await db.insert(grievanceEvents).values({ grievanceId: g.id, type: "reported", audience: "worker", data: { categories: g.categories, urgent: false, intake: "online" } });
  // The company's answer with the remedy it offers (cases.server.ts companyAnswer writes it so).
  const company = firstRow(await db.select().from(organisations).where(eq(organisations.name, "Northwind Fresh Foods GmbH")))!.id;
  await db.insert(grievanceRecipients).values({ grievanceId: g.id, orgId: company, party: "company", reason: "forwarded" });
  await db.insert(grievanceEvents).values({ grievanceId: g.id, type: "company_answer", audience: "worker", orgId: company, body: "We are paying what is owed.", data: { remedy: "August wages paid in full by 15 December." } });
  return { caseCode, secret };
}

/**
 * Writes a case, then opens it as its worker would: a phone in the worker's language, /case, the code
 * and secret typed, "open". Waits for the case's heading, so each test starts on the open case.
 */
async function openCase(browser: Browser, db: Db, lng: string, javaScriptEnabled: boolean) {
  const { caseCode, secret } = await workerCase(db);
  const t = words(lng);
  const context = await browser.newContext({ locale: lng, javaScriptEnabled, ...PHONE });
  const page = await context.newPage();
  await page.goto("/case");
  await page.getByLabel(t.case.code, { exact: true }).fill(caseCode);
  await page.getByLabel(t.case.secret, { exact: true }).fill(secret);
  await page.getByRole("button", { name: t.case.open }).click();
  const caseTitle = t.case.caseTitle.replace("{{code}}", caseCode);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(caseTitle);
  return { context, page, t, caseTitle };
}

test("the remedy offered is on the timeline; a refused addition keeps the case open, the error beside the form and the words kept", async ({ browser, db }, info) => {
  const { context, page, t, caseTitle } = await openCase(browser, db, "ne", false);
  // The company's answer shows the remedy offered with it.
  await expect(page.locator(".worker-timeline")).toContainText(t.case.event.remedyOffered);
  await expect(page.locator(".worker-timeline")).toContainText("August wages paid in full by 15 December.");

  // Nothing written, nothing chosen: refused, and the case is still on the page.
  await page.getByRole("button", { name: t.case.add, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(caseTitle);
  await expect(page.locator("#field-text-error")).toHaveText(t.case.errors.empty);
  await expect(page.getByLabel(t.case.addText)).toHaveAttribute("aria-describedby", "field-text-error");
  // The page reloaded at its top, far above that form on a phone: a summary there leads down to it.
  const summary = page.getByRole("alert").getByRole("link", { name: t.case.errors.empty });
  await expect(summary).toBeInViewport();
  await summary.click();
  await expect(page.getByLabel(t.case.addText)).toBeInViewport();

  // Words with a file the page does not take: the file is refused beside its field, the words stay in the box.
  const said = "They paid half of August today.";
  await page.getByLabel(t.case.addText).fill(said);
  await page.getByLabel(t.case.addFile).setInputFiles({ name: "note.html", mimeType: "text/html", buffer: Buffer.from("<html><body>hi</body></html>") });
  await page.getByRole("button", { name: t.case.add, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(caseTitle);
  await expect(page.locator("#field-file-error")).toHaveText(t.report.errors.fileType.replace("{{name}}", "note.html"));
  await expect(page.getByLabel(t.case.addText)).toHaveValue(said);
  await page.screenshot({ path: info.outputPath("ne-case-refused.png"), fullPage: true });

  // The key travelled with the refused form: sending the words now works without opening the case again.
  await page.getByRole("button", { name: t.case.add, exact: true }).click();
  await expect(page.getByRole("status")).toHaveText(t.case.done.added);
  await expect(page.locator(".worker-timeline")).toContainText(said);
  await context.close();
});

// axe runs as a script in the page: this check alone runs with JavaScript on (the page ships none of its own, so it is the same page).
test("the case page with a refused form passes axe, on a phone, in Urdu (right to left)", async ({ browser, db }) => {
  const { context, page, t } = await openCase(browser, db, "ur", true);
  await page.getByRole("button", { name: t.case.add, exact: true }).click();
  await expect(page.locator("#field-text-error")).toHaveText(t.case.errors.empty);
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  await context.close();
});
