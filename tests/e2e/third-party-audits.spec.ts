/**
 * Third-party audits (issue 20 item 5) in the browser: a supplier records a SMETA audit of its site
 * with its PDF report and a major finding; a refused form keeps what was typed; the page names the
 * buyers that recognise it; Northwind, once the supplier shares, sees the audit on its supplier
 * page's card and on its third-party audits page, with provenance, and downloads the report.
 *
 * The test writes its own supplier organisation, site and Northwind record (linked), so the demo's
 * supplier 14 and its scores stay as the other specs expect them.
 */
import { mkdirSync } from "node:fs";
import { eq } from "drizzle-orm";
import { organisations, questionnaireShares, supplierSiteLinks, supplierSites, suppliers } from "../../db/schema";
import { firstRow, onlyRow } from "../../db/client";
import { scoreOrganisation } from "../../app/domain/risk/scoring.server";
import { expect, test } from "./fixtures";

const SHOTS = "test-results/screenshots";
const PDF = Buffer.from("%PDF-1.4\n% SMETA 4-pillar audit report\n");

test("a supplier records an audit with its report; Northwind sees it once shared, on the card and its audits page", async ({ page, db, signInAsNew, signInAs, context }) => {
  const { orgId: supplierOrgId } = await signInAsNew("supplier", "member");
  const northwind = firstRow(await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.name, "Northwind Fresh Foods GmbH")))?.id;
  expect(northwind, "the demo buyer").toBeTruthy();
  const site = onlyRow(await db.insert(supplierSites).values({ orgId: supplierOrgId, name: "Tonle Knitwear, Phnom Penh", country: "KH" }).returning());
  const record = onlyRow(await db.insert(suppliers).values({ orgId: northwind!, externalId: `TPA-${site.id}`, name: "Tonle Knitwear", country: "KH" }).returning());
  await scoreOrganisation(db, northwind!, { cause: "test", supplierIds: [record.id] });
  await db.insert(supplierSiteLinks).values({ siteId: site.id, supplierId: record.id, buyerOrgId: northwind! });

  await page.goto(`/sites/${site.id}`);
  await page.getByRole("link", { name: "Third-party audits" }).click();
  await expect(page).toHaveURL(new RegExp(`/sites/${site.id}/audits$`));
  await expect(page.getByTestId("audits-recognised-by")).toContainText("you do not share your answers");

  const form = page.getByTestId("audit-form");
  await form.getByLabel("Scheme").selectOption("smeta");
  await form.getByLabel("Audit body").fill("Bureau Veritas Cambodia");
  await form.getByLabel("Audited on").fill("2026-05-14");
  // A validity before the audit: refused beside its field, the rest kept.
  await form.getByLabel("Valid until").fill("2026-01-01");
  await form.getByLabel("Excessive overtime").selectOption("major");
  await form.getByLabel("Audit report (PDF, optional)").setInputFiles({ name: "smeta-2026.pdf", mimeType: "application/pdf", buffer: PDF });
  await form.getByRole("button", { name: "Record the audit" }).click();
  await expect(form.getByText("is before the audit itself")).toBeVisible();
  await expect(form.getByLabel("Audit body")).toHaveValue("Bureau Veritas Cambodia");
  await expect(form.getByLabel("Excessive overtime")).toHaveValue("major");
  await expect(page.getByTestId("third-party-audits")).toHaveCount(0);

  await form.getByLabel("Valid until").fill("2027-05-14");
  await form.getByLabel("Audit report (PDF, optional)").setInputFiles({ name: "smeta-2026.pdf", mimeType: "application/pdf", buffer: PDF });
  await form.getByRole("button", { name: "Record the audit" }).click();
  await expect(page.getByRole("status")).toContainText("The audit is recorded");
  const list = page.getByTestId("third-party-audits");
  await expect(list).toContainText("SMETA (Sedex)");
  await expect(list).toContainText("Bureau Veritas Cambodia");
  await expect(list).toContainText("Excessive overtime: Major finding");
  await expect(list).toContainText("Current");
  await expect(list.getByRole("link", { name: "smeta-2026.pdf" })).toBeVisible();
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/third-party-audits-supplier.png`, fullPage: true });

  // The supplier shares its answers with Northwind (the sharing page is another part of the portal).
  await db.insert(questionnaireShares).values({ siteId: site.id, buyerOrgId: northwind! });
  await page.reload();
  await expect(page.getByTestId("audits-recognised-by")).toContainText("Northwind Fresh Foods GmbH");

  // Northwind: the card on the supplier page, then the audits page with provenance and the report.
  await context.clearCookies();
  await signInAs("compliance@northwind.example");
  await page.goto(`/suppliers/${record.id}`);
  const card = page.getByTestId("audit-exists");
  await expect(card).toContainText("A current SMETA (Sedex) audit by Bureau Veritas Cambodia of 14 May 2026 exists (valid until 14 May 2027).");
  await card.getByRole("link", { name: "See the audit" }).click();
  await expect(page).toHaveURL(new RegExp(`/suppliers/${record.id}/third-party-audits$`));
  const seen = page.getByTestId("third-party-audits");
  await expect(seen).toContainText("Recorded by the supplier");
  await expect(seen).toContainText("Excessive overtime: Major finding");
  await expect(page.getByTestId("audit-form")).toBeVisible();
  const download = page.waitForEvent("download");
  await seen.getByRole("link", { name: "smeta-2026.pdf" }).click();
  expect((await download).suggestedFilename()).toBe("smeta-2026.pdf");
  await page.screenshot({ path: `${SHOTS}/third-party-audits-buyer.png`, fullPage: true });

  // The share revoked: the card says none again.
  await db.update(questionnaireShares).set({ revokedAt: new Date() }).where(eq(questionnaireShares.siteId, site.id));
  await page.goto(`/suppliers/${record.id}`);
  await expect(page.getByTestId("audit-exists")).toContainText("No third-party audit recorded.");
});
