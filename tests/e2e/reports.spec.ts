import { readFileSync } from "node:fs";
import { expect, signInWithForm, test } from "./fixtures";

/**
 * A report's whole journey: the company issues its due-diligence report and submits it; the
 * regulator finds it, downloads it (the download is recorded) and checks the file on the public
 * verify page; a changed copy is caught.
 */
test("the company issues and submits its report; the regulator downloads and verifies it", async ({ page, browser }) => {
  // Issuing renders a whole PDF in a worker: seconds on a busy machine, so its waits are generous.
  test.setTimeout(120_000);
  await page.goto("/sign-in");
  await signInWithForm(page, "compliance@northwind.example");
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  await page.getByRole("navigation").getByRole("link", { name: "Reports" }).click();
  await page.getByLabel("Period from").fill("2026-01-01");
  await page.getByLabel("Period to").fill("2026-12-31");
  await page.getByRole("button", { name: "Issue report (PDF)" }).click();
  await expect(page.getByText("Report issued.")).toBeVisible({ timeout: 60_000 });
  const id = (await page.locator(".page-header .mono").textContent())!.trim();
  expect(id).toMatch(/^R-[A-Z2-7]{4}(-[A-Z2-7]{4}){3}$/);
  await page.getByLabel("Regulator").selectOption({ label: "Supply Chain Supervisory Authority (DE)" });
  await page.getByRole("button", { name: "Submit", exact: true }).click();
  // A submission is permanent: the page says what it does and asks again.
  await expect(page.getByRole("alert")).toContainText("It can never be changed or withdrawn.");
  await page.getByRole("button", { name: "Yes, submit to Supply Chain Supervisory Authority" }).click();
  await expect(page.getByText("Submitted to Supply Chain Supervisory Authority. It can no longer change.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Submit" })).toHaveCount(0);

  const regulator = await browser.newPage();
  await regulator.goto("/sign-in");
  await signInWithForm(regulator, "supervisor@regulator.example");
  await expect(regulator.getByRole("button", { name: "Sign out" })).toBeVisible();
  await regulator.getByRole("navigation").getByRole("link", { name: "Submitted reports" }).click();
  // The home page has a section about reports "received from 2 companies": wait for the list's own
  // filter, by its exact label, before choosing in it.
  await expect(regulator).toHaveURL(/\/regulator(\?|$)/);
  await regulator.getByLabel("Company", { exact: true }).selectOption({ label: "Northwind Fresh Foods GmbH" });
  await regulator.getByRole("button", { name: "Show" }).click();
  await regulator.getByRole("link", { name: "Due-diligence report 2026-01-01 to 2026-12-31" }).first().click();
  const [download] = await Promise.all([regulator.waitForEvent("download"), regulator.getByRole("link", { name: /Download PDF/ }).click()]);
  expect(download.suggestedFilename()).toBe(`${id}.pdf`);
  const file = await download.path();
  await regulator.reload();
  await expect(regulator.locator(".card", { hasText: "Downloads" })).toContainText("Jonas Weber");

  // The public verify page, signed out: the file is authentic; a copy with one byte changed is not.
  const anonymous = await browser.newPage();
  await anonymous.goto("/verify");
  await anonymous.getByLabel("Report file").setInputFiles(file);
  await anonymous.getByRole("button", { name: "Check the file" }).click();
  await expect(anonymous.getByRole("status")).toContainText("Authentic.");
  await expect(anonymous.getByRole("status")).toContainText("Issued by Northwind Fresh Foods GmbH");
  // The signature checked and its signer named (decision 034).
  await expect(anonymous.getByRole("status")).toContainText("Digitally signed by Northwind Fresh Foods GmbH");
  const bytes = Buffer.from(readFileSync(file));
  bytes.write("X", bytes.indexOf("Due-diligence report 2026") + 1, "latin1");
  await anonymous.getByLabel("Report file").setInputFiles({ name: "report.pdf", mimeType: "application/pdf", buffer: bytes });
  await anonymous.getByRole("button", { name: "Check the file" }).click();
  await expect(anonymous.getByRole("status")).toContainText("Altered: this file is not the report that was issued.");
  await anonymous.goto(`/verify?q=${id}`);
  await expect(anonymous.getByRole("status")).toContainText(`Submitted to Supply Chain Supervisory Authority`);
  // A typed id is a lookup, not a check of a file: no "Authentic." until the file is uploaded.
  await expect(anonymous.getByRole("status")).toContainText("Upload the file to check it is unaltered.");
  await expect(anonymous.getByRole("status")).not.toContainText("Authentic.");
  await regulator.close();
  await anonymous.close();
});
