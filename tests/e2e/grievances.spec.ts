/**
 * A grievance case as the union handles it (desktop) and as the company answers it (phone):
 * accessible, no wider than the screen, screenshots to look at, and the forms working without
 * JavaScript-only tricks. The case is written straight into the e2e database (the demo has none).
 */
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { eq } from "drizzle-orm";
import { grievanceEvents, grievanceRecipients, grievances, organisations, suppliers } from "../../db/schema";
import { firstRow, onlyRow, type Db } from "../../db/client";
import { sealContact } from "../../app/domain/grievances/contact-seal.server";
import { expect, test } from "./fixtures";

async function demoCase(db: Db) {
  const org = async (name: string) => firstRow(await db.select().from(organisations).where(eq(organisations.name, name)))!.id;
  const union = await org("Plantation and Construction Workers' Union");
  const inspectorate = await org("Demo Labour Inspectorate");
  const company = await org("Northwind Fresh Foods GmbH");
  const kebun = firstRow(await db.select().from(suppliers).where(eq(suppliers.externalId, "NW-0001")))!;
  const suffix = Math.random().toString(36).slice(2, 6).toUpperCase().replace(/[ILOU]/g, "X").padEnd(4, "X");
  const g = onlyRow(
    await db
      .insert(grievances)
      .values({
        caseCode: `G-${suffix}-E2E0-CASE`,
        secretHash: "6".repeat(64),
        supplierId: kebun.id,
        country: "MY",
        categories: ["documents_taken", "overtime"],
        since: "2026-09",
        peopleCount: 14,
        description: "The supervisor keeps our passports in the office and we work 14 hours a day.",
        textToCompany: true,
        consent: ["union", "inspectorate", "company"],
        contactSealed: sealContact("+60 12 555 0199 (WhatsApp)"),
        language: "ne",
        urgent: true,
        indicators: ["retention_of_documents", "excessive_overtime"],
        leadOrgId: union,
        dueAt: new Date(Date.now() + 2 * 86_400_000),
      })
      .returning(),
  );
  for (const [party, orgId] of [["union", union], ["inspectorate", inspectorate], ["company", company]] as const) await db.insert(grievanceRecipients).values({ grievanceId: g.id, orgId, party, reason: party === "union" ? "first" : party === "inspectorate" ? "urgent" : "forwarded" });
  await db.insert(grievanceEvents).values({ grievanceId: g.id, type: "reported", audience: "worker", data: { categories: g.categories, urgent: true, intake: "online" } });
  return g.id;
}

async function looksRight(page: Page, path: string) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `${path} sticks out sideways`).toBeLessThanOrEqual(0);
  const serious = (await new AxeBuilder({ page }).analyze()).violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious, serious.map((v) => `${v.id}: ${v.help}`).join("; ")).toEqual([]);
}

test("the union triages a case, writes to the worker and sees the contact once", async ({ page, db, signInAs }) => {
  const id = await demoCase(db);
  await signInAs("rep@union.example");
  await page.goto("/grievances");
  await page.getByRole("link", { name: `Case ${id}`, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Case ${id}` })).toBeVisible();
  await page.screenshot({ path: "test-results/screenshots/grievance-case-union.png", fullPage: true });
  await looksRight(page, `/grievances/${id}`);

  await page.getByLabel("Severity", { exact: true }).selectOption("critical");
  await page.getByRole("button", { name: "Save the triage" }).click();
  await expect(page.getByRole("status").filter({ hasText: "The triage is saved." })).toBeVisible();

  await page.getByLabel("Text", { exact: true }).fill("We have your report. An organiser will call you this week.");
  await page.getByRole("button", { name: "Send", exact: true }).click();
  await expect(page.locator(".case-timeline")).toContainText("An organiser will call you this week.");
  // Sent: the box is empty again, ready for the next message.
  await expect(page.getByLabel("Text", { exact: true })).toHaveValue("");

  await page.getByRole("button", { name: "Show the worker's contact" }).click();
  await expect(page.getByText("+60 12 555 0199 (WhatsApp)")).toBeVisible();
  await page.screenshot({ path: "test-results/screenshots/grievance-case-union-after.png", fullPage: true });
});

test("the company reads what the worker allowed and answers with a remedy, on a phone", async ({ page, db, signInAs }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  const id = await demoCase(db);
  await signInAs("compliance@northwind.example");
  await page.goto(`/grievances/${id}`);
  await expect(page.getByRole("heading", { level: 1, name: `Case ${id}` })).toBeVisible();
  // Never the contact, never the files.
  await expect(page.getByText("+60 12 555 0199")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Show the worker's contact" })).toHaveCount(0);
  await page.screenshot({ path: "test-results/screenshots/grievance-case-company-phone.png", fullPage: true });
  await looksRight(page, `/grievances/${id}`);
  await page.getByLabel("Your answer").fill("We returned every passport on 1 December and stopped compulsory overtime.");
  await page.getByLabel("The remedy you offer").fill("Passports kept by the workers; overtime voluntary and paid at 1.5x.");
  await page.getByRole("button", { name: "Send the answer" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Your answer is sent to the worker." })).toBeVisible();
  await expect(page.locator(".case-badges").first()).toContainText("Answered");
});
