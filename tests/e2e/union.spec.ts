import { expect, signInWithForm, test } from "./fixtures";

/**
 * The union's review of shared scores: the demo union sees the suppliers the demo company shared
 * (Malaysia only), reads why a score is what it is, contests it; the company answers.
 */
test("a union representative contests a shared score and the company answers it", async ({ page, browser }) => {
  const comment = `Workers' passports were returned in March (${Date.now()}).`;
  await page.goto("/sign-in");
  await signInWithForm(page, "rep@union.example");
  await page.getByRole("navigation").getByRole("link", { name: "Shared suppliers" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Shared suppliers" })).toBeVisible();
  await expect(page.getByText(/Shared by Northwind Fresh Foods GmbH since/).first()).toBeVisible();
  // Only Malaysian suppliers are shared with the union.
  const table = page.getByRole("region", { name: "Shared suppliers" });
  await expect(table.getByRole("row")).not.toHaveCount(1);
  await expect(table).not.toContainText("Thailand");
  await table.getByRole("link").first().click();
  await expect(page.getByRole("heading", { name: /why this score/i })).toBeVisible();
  await page.getByLabel("What you contest and why").fill(comment);
  await page.getByRole("button", { name: "Send contest" }).click();
  await expect(page.getByText(comment)).toBeVisible();
  await expect(page.getByText("Open: awaiting the company's answer").first()).toBeVisible();

  const company = await browser.newPage();
  await company.goto("/sign-in");
  await signInWithForm(company, "compliance@northwind.example");
  await company.getByRole("navigation").getByRole("link", { name: "Contests" }).click();
  await company.locator(".contest", { hasText: comment }).getByRole("link", { name: /Contest #/ }).click();
  await company.getByLabel("Your answer").fill("Thank you: we will verify at the next audit.");
  await company.getByRole("button", { name: "Send answer" }).click();
  await expect(company.locator(".contest blockquote", { hasText: "Thank you: we will verify at the next audit." })).toBeVisible();

  await page.reload();
  await expect(page.locator(".contest", { hasText: comment })).toContainText("Thank you: we will verify at the next audit.");
  await company.close();
});

test("an empty contest is refused with a message and nothing is stored", async ({ page }) => {
  await page.goto("/sign-in");
  await signInWithForm(page, "rep@union.example");
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  await page.goto("/shared");
  await page.getByRole("region", { name: "Shared suppliers" }).getByRole("link").first().click();
  await expect(page.getByRole("heading", { name: "Contest this score" })).toBeVisible();
  const before = await page.locator(".contest").count();
  await page.getByRole("button", { name: "Send contest" }).click();
  await expect(page.getByText("Write what you contest and why.")).toBeVisible();
  await expect(page.locator(".contest")).toHaveCount(before);
});
