import type { Page, TestInfo } from "@playwright/test";
import { readFileSync } from "node:fs";
import { and, eq, isNull } from "drizzle-orm";
import type enPublic from "../../app/i18n/catalogs/en/public.json";
import { grievanceChannels, grievances, suppliers } from "../../db/schema";
import { firstRow } from "../../db/client";
import { DEMO_CHANNEL } from "../../db/seed";
import { expect, test } from "./fixtures";

/**
 * Issue 19's journey, across the four parties of one case: a worker reports on a phone in Nepali
 * with JavaScript off, through the channel the demo union posted; the union triages it and
 * escalates it to the labour inspectorate (and, as the worker allowed, forwards it to the company);
 * the inspectorate has it; the company answers with a remedy; the union closes the case with the
 * remedy provided; the worker reads it with the case code and confirms it. The union also links the
 * case to the company's recruitment-fee case (the demo seed's, same plantation): the worker answers
 * about the repayment paid, the company sees the count and never the link. Each party's view is
 * photographed (test-results…/grievance-<party>.png) for the closing note's "who sees what".
 */
// Every party's pages as plain HTML forms (the organisations' pages work without JavaScript too):
// each form is a full page load, nothing re-renders under the test's hands.
test.use({ javaScriptEnabled: false });

const words = (lng: string) => JSON.parse(readFileSync(`app/i18n/catalogs/${lng}/public.json`, "utf8")) as typeof enPublic;
const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };
const DESCRIPTION = "हामीले काम पाउन एजेन्टलाई ठूलो शुल्क तिर्‍यौं र तीन महिनादेखि तलब पाएका छैनौं।";

/** Sends the form that carries `intent` on the organisation's case page. */
async function send(page: Page, intent: string, fill: (form: ReturnType<Page["locator"]>) => Promise<unknown> = async () => undefined) {
  const form = page.locator(`form:has(input[name="intent"][value="${intent}"])`);
  await fill(form);
  await Promise.all([page.waitForNavigation(), form.locator('button[type="submit"]').click()]);
}

async function shoot(page: Page, info: TestInfo, name: string) {
  await page.screenshot({ path: info.outputPath(`grievance-${name}.png`), fullPage: true });
}

test("a worker's grievance from report to confirmed remedy", async ({ browser, page, db, signInAs }, info) => {
  test.setTimeout(120_000);
  const t = words("ne");
  const channel = firstRow(
    await db
      .select({ token: grievanceChannels.token })
      .from(grievanceChannels)
      .innerJoin(suppliers, eq(suppliers.id, grievanceChannels.supplierId))
      .where(and(eq(suppliers.externalId, DEMO_CHANNEL.supplierExternalId), isNull(grievanceChannels.closedAt))),
  )!;

  // 1. The worker, on a phone in Nepali, without JavaScript.
  const phone = await browser.newContext({ ...PHONE, locale: "ne", javaScriptEnabled: false });
  const worker = await phone.newPage();
  await worker.goto(`/g/${channel.token}`);
  await expect(worker.locator("html")).toHaveAttribute("lang", "ne");
  await worker.getByLabel(t.report.category.fees_debt).check();
  await worker.getByLabel(t.report.category.wages_withheld).check();
  await worker.getByLabel(t.report.description).fill(DESCRIPTION);
  // Union (ticked by default), the inspectorate and the company may receive it; the company may not read these words.
  await worker.locator('input[name="consent"][value="inspectorate"]').check();
  await worker.locator('input[name="consent"][value="company"]').check();
  await shoot(worker, info, "worker-form");
  await worker.waitForTimeout(3_500);
  await worker.getByRole("button", { name: t.report.send }).click();
  await expect(worker.getByRole("heading", { level: 1 })).toHaveText(t.report.receipt.title);
  const caseCode = (await worker.locator(".worker-key").nth(0).textContent())!.trim();
  const secret = (await worker.locator(".worker-key").nth(1).textContent())!.trim();
  await shoot(worker, info, "worker-receipt");
  const id = firstRow(await db.select({ id: grievances.id }).from(grievances).where(eq(grievances.caseCode, caseCode)))!.id;

  // 2. The union triages, escalates to the inspectorate, forwards to the company, writes to the worker.
  await signInAs("rep@union.example");
  await page.goto(`/grievances/${id}`);
  await expect(page.getByText(DESCRIPTION)).toBeVisible();
  await send(page, "triage", (f) => f.locator('select[name="severity"]').selectOption("high"));
  await send(page, "forward", (f) => f.locator('input[name="party"][value="inspectorate"]').check());
  await send(page, "forward", (f) => f.locator('input[name="party"][value="company"]').check());
  await send(page, "message", (f) => f.locator('textarea[name="body"]').fill("हामीले तपाईंको उजुरी पायौं। हामी कम्पनी र श्रम निरीक्षणसँग कुरा गर्दैछौं।"));
  await expect(page.getByText("हामीले तपाईंको उजुरी पायौं।")).toBeVisible();
  // The workers paid the recruiter: the union links the case to the company's fee case of this workplace (the only one).
  await send(page, "fee-link");
  await expect(page.getByText(/^This case is linked to: Fee case \d+ · Kebun Sawit Harapan Sdn Bhd · labour recruiter Dhaka Overseas Manpower Ltd · Bangladesh → Malaysia · (?:US)?\$4,200\.00 per worker × 40\.$/)).toBeVisible();
  await shoot(page, info, "union");

  // 3. The inspectorate has the case (escalated by the union), with the worker's words.
  await signInAs("inspector@inspectorate.example");
  await page.goto(`/grievances/${id}`);
  await expect(page.getByText(DESCRIPTION)).toBeVisible();
  await shoot(page, info, "inspectorate");

  // 4. The company: the case, without the worker's words (not allowed), contact or code; it answers with a remedy.
  await signInAs("compliance@northwind.example");
  const companyView = await page.goto(`/grievances/${id}`);
  expect(companyView!.status()).toBe(200);
  await expect(page.getByText(DESCRIPTION)).toHaveCount(0);
  expect(await page.content()).not.toContain(caseCode);
  // Nor which fee case the worker's case answers for.
  await expect(page.getByText(/linked to: Fee case|Link to a recruitment-fee case/)).toHaveCount(0);
  await send(page, "answer", async (f) => {
    await f.locator('textarea[name="body"]').fill("The recruitment fees will be repaid in full and the wages paid by 15 December.");
    await f.locator('textarea[name="remedy"]').fill("Fees of NPR 150,000 per worker repaid; three months' wages paid.");
  });
  await shoot(page, info, "company");

  // 5. The union closes the case with the remedy provided.
  await signInAs("rep@union.example");
  await page.goto(`/grievances/${id}`);
  await send(page, "close", (f) => f.locator('textarea[name="remedy"]').fill("Fees repaid and wages paid, confirmed with the company's payment records."));

  // 6. The worker reads the answers with the case code and confirms the remedy.
  await worker.goto("/case");
  await worker.getByLabel(t.case.code, { exact: true }).fill(caseCode);
  await worker.getByLabel(t.case.secret, { exact: true }).fill(secret);
  await worker.getByRole("button", { name: t.case.open }).click();
  await expect(worker.getByText("The recruitment fees will be repaid in full")).toBeVisible();
  await expect(worker.getByText("Fees repaid and wages paid, confirmed").first()).toBeVisible();
  await worker.locator('input[name="rating"][value="remedied"]').check();
  await worker.locator('form:has(input[name="intent"][value="rate"]) button[type="submit"]').click();
  await expect(worker.getByRole("status")).toHaveText(t.case.done.rated);
  // The worker's own answer is on their timeline, in their words.
  await expect(worker.locator(".worker-timeline")).toContainText(t.case.event.rated.replace("{{rating}}", t.case.rating.remedied));
  expect(firstRow(await db.select({ rating: grievances.workerRating }).from(grievances).where(eq(grievances.id, id)))!.rating).toBe(3);

  // 7. The repayment paid on the linked fee case: the worker says they received their part; the company sees one "received".
  await expect(worker.getByRole("heading", { name: t.fees.heading })).toBeVisible();
  const fee = worker.locator('form:has(input[name="intent"][value="fee-confirm"])');
  await expect(fee).toHaveCount(1);
  await fee.locator('input[name="answer"][value="received"]').check();
  await fee.locator('button[type="submit"]').click();
  await expect(worker.getByRole("status")).toHaveText(t.fees.thanks);
  await shoot(worker, info, "worker-case");
  const feeCaseId = firstRow(await db.select({ feeCaseId: grievances.feeCaseId }).from(grievances).where(eq(grievances.id, id)))!.feeCaseId;
  await signInAs("compliance@northwind.example");
  await page.goto(`/fees/${feeCaseId}`);
  await expect(page.getByRole("cell", { name: "1 received · 0 partly · 0 not received" })).toBeVisible();
  await phone.close();
});
