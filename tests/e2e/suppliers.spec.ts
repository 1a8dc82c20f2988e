import { expect, signInWithForm, test } from "./fixtures";

/**
 * The compliance team's way to a number it can defend: the supplier list filtered to the high
 * band, one supplier, why its score is what it is (with the sources cited) and how it moved.
 */
test("the demo company filters its suppliers by band and reads why one is high", async ({ page }) => {
  await page.goto("/sign-in");
  await signInWithForm(page, "compliance@northwind.example");
  await page.getByRole("navigation").getByRole("link", { name: "Suppliers" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Suppliers" })).toBeVisible();

  // Filtering is a plain GET form: it works the same with or without JavaScript.
  await page.getByRole("checkbox", { name: "High", exact: true }).check();
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/band=high/);
  const list = page.getByRole("region", { name: "Suppliers", exact: true });
  const rows = list.locator("tbody tr");
  await expect(rows.first()).toBeVisible();
  // The URL changes before the filtered list replaces the old one: wait (retrying) until no row
  // shows another band, then check every row has its badge (counting first raced the re-render).
  await expect(rows.locator(".band-badge").filter({ hasNotText: "High" })).toHaveCount(0);
  await expect(rows.filter({ hasNot: page.locator(".band-badge") })).toHaveCount(0);
  // The sorted column says so to assistive technology.
  await expect(list.locator('th[aria-sort="descending"]')).toContainText("Risk score");

  const first = rows.first().getByRole("link").first();
  const name = (await first.textContent())!.trim();
  await first.click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();

  const why = page.locator("#why");
  await expect(why.getByRole("heading", { name: "Why this score" })).toBeVisible();
  await expect(why.getByRole("heading", { name: "Inherent risk (context)" })).toBeVisible();
  await expect(why.locator(".why-sources cite").first()).toBeVisible();
  await expect(why.locator(".why-sum")).toContainText("= score");
  await expect(why.locator("code[title]")).toBeVisible();

  const history = page.getByRole("img", { name: /Score history/ });
  await expect(history).toBeVisible();
  await expect(history.locator("circle").first()).toBeAttached();
  await page.getByText("Show the history as a table").click();
  await expect(page.locator(".history-table table tbody tr").first()).toBeVisible();

  await expect(page.getByRole("heading", { name: "Audits and corrective actions" })).toBeVisible();

  // The indicators page is its own page, not the supplier page again (it is not nested in it).
  await page.goto(`${new URL(page.url()).pathname}/indicators`);
  await expect(page.getByRole("heading", { level: 1, name: "Observed indicators" })).toBeVisible();
});

test("the export link carries the list's filters", async ({ page }) => {
  await page.goto("/sign-in");
  await signInWithForm(page, "compliance@northwind.example");
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  await page.goto("/suppliers?band=critical&redFlags=1");
  const href = await page.getByRole("link", { name: /Export CSV/ }).getAttribute("href");
  expect(href).toContain("/suppliers.csv?");
  expect(href).toContain("band=critical");
  expect(href).toContain("redFlags=1");
  const response = await page.request.get(href!);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("text/csv");
  const text = await response.text();
  expect(text).toContain("methodology_version");
});
