import type { Page } from "@playwright/test";
import { expect, signInWithForm, test } from "./fixtures";

/**
 * The supplier answers the self-assessment (issue 20): saves part of it, attaches a PDF to the
 * grievance-procedure question, is refused a submission with a required answer missing (the
 * errors at the top and beside the question, the input kept), completes and submits, then shares
 * the answers with Northwind and stops sharing. Fields are found by their stable ids (q-<question>).
 */
const RADIOS: Record<string, string> = {
  workforce_migrant: "no",
  fees_paid_by_workers: "no",
  fees_employer_pays_policy: "yes",
  contract_language: "own_language",
  contract_terms_as_promised: "yes",
  wages_paid_in_full_on_time: "yes",
  wages_loans_to_workers: "no",
  hours_overtime_refusable: "yes",
  housing_provided: "no",
  housing_remote: "no",
  resign_without_penalty: "yes",
  resign_deposit_forfeited: "no",
  resign_threatened: "no",
  grievance_channel: "yes",
  grievance_violence_reported: "no",
  recruiters_used: "no",
  recruiters_agency_employed: "no",
};
const NUMBERS: Record<string, string> = { wages_largest_deduction: "0", hours_weeks_over_60: "0" };

async function answer(page: Page, only?: string[]) {
  for (const [id, value] of Object.entries(RADIOS)) if (!only || only.includes(id)) await page.locator(`#q-${id} input[value="${value}"]`).check();
  for (const [id, value] of Object.entries(NUMBERS)) if (!only || only.includes(id)) await page.locator(`#q-${id}`).fill(value);
}

test("the supplier saves, attaches evidence, is refused a missing answer, submits, shares and stops sharing", async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto("/sign-in");
  await signInWithForm(page, "supplier@mekong.example");
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  await page.goto("/sites/1/questionnaire");
  const form = page.getByTestId("questionnaire-form");
  await expect(form).toBeVisible();
  const showAll = page.getByRole("link", { name: "Show all questions" });
  if (await showAll.isVisible()) await showAll.click();

  // A partial save: the grievance channel "yes" opens the procedure's file question after the save.
  await answer(page, ["workforce_migrant", "grievance_channel"]);
  await page.getByRole("button", { name: "Save and continue" }).click();
  await expect(page.getByRole("status")).toContainText("Saved.");
  await expect(page.getByTestId("questionnaire-status")).toContainText("Draft:");
  await page.locator("#q-grievance_procedure_file").setInputFiles({ name: "grievance-procedure.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n% grievance procedure\n") });
  await page.getByRole("button", { name: "Save and continue" }).click();
  await expect(page.getByRole("link", { name: "grievance-procedure.pdf" })).toBeVisible();

  // Submit with documents_held left empty (a fresh page shows the saved draft; the question may be answered from an earlier run).
  await answer(page);
  const documentsHeld = page.locator("#q-documents_held input:checked");
  if (await documentsHeld.count()) {
    // An earlier run answered it: a radio cannot be emptied, so leave this refusal to the integration test.
    test.info().annotations.push({ type: "note", description: "documents_held already answered in this database" });
  } else {
    await page.getByRole("button", { name: "Submit" }).click();
    const alert = page.getByRole("alert");
    await expect(alert).toContainText("Some answers need your attention (1)");
    await expect(alert.getByRole("link")).toHaveCount(1);
    await expect(page.locator("#q-documents_held-error")).toBeVisible();
    // The input is kept.
    await expect(page.locator('#q-workforce_migrant input[value="no"]')).toBeChecked();
    await expect(page.locator("#q-hours_weeks_over_60")).toHaveValue("0");
    await page.screenshot({ path: test.info().outputPath("questionnaire-refused.png"), fullPage: true });
  }
  await page.locator('#q-documents_held input[value="no"]').check();
  await page.getByRole("button", { name: "Submit" }).click();
  await expect(page.getByRole("status")).toContainText("Submitted.");
  await expect(page.getByTestId("questionnaire-status")).toContainText("Last submitted on");
  await page.screenshot({ path: test.info().outputPath("questionnaire-desktop.png"), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: test.info().outputPath("questionnaire-phone.png"), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });

  // Share with Northwind, then stop.
  await page.goto("/sites/1");
  await expect(page.getByTestId("questionnaire-status")).toContainText("Submitted on");
  const shares = page.getByTestId("share-list");
  const stop = shares.getByRole("button", { name: /^Stop sharing with Northwind/ });
  if (await stop.isVisible()) await stop.click();
  await shares.getByRole("button", { name: /^Share with Northwind/ }).click();
  await expect(page.getByRole("status")).toContainText("Your answers are now shared with Northwind");
  await expect(shares).toContainText("Shared with Northwind");
  await page.screenshot({ path: test.info().outputPath("site-desktop.png"), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: test.info().outputPath("site-phone.png"), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
  await shares.getByRole("button", { name: /^Stop sharing with Northwind/ }).click();
  await expect(page.getByRole("status")).toContainText("You stopped sharing your answers with Northwind");
  await expect(shares.getByRole("button", { name: /^Share with Northwind/ })).toBeVisible();
});
