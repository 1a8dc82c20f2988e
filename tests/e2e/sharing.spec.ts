import { expect, signInWithForm, test } from "./fixtures";

/**
 * Sharing as the company admin sets it, seen from the partners' side: a new share appears at once
 * for the union, a revoked one disappears at once (404, as for anything that does not exist), and
 * the inspectorate's workplaces follow the shares too.
 */
test("the company shares and revokes; the union and the inspectorate see it and are refused after revocation", async ({ page, browser }) => {
  await page.goto("/sign-in");
  await signInWithForm(page, "compliance@northwind.example");
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  await page.getByRole("navigation").getByRole("link", { name: "Sharing" }).click();

  // A bad filter is refused with a message, keeping what was typed.
  await page.getByLabel("Partner").selectOption({ label: "Plantation and Construction Workers' Union (Union)" });
  await page.getByLabel("Countries").fill("TH, Atlantis");
  await page.getByRole("button", { name: "Share", exact: true }).click();
  await expect(page.getByText('"Atlantis" is not a country code or name we know')).toBeVisible();
  await expect(page.getByLabel("Countries")).toHaveValue("TH, Atlantis");
  await page.getByLabel("Countries").fill("TH");
  await page.getByLabel("Partner").selectOption({ label: "Plantation and Construction Workers' Union (Union)" });
  await page.getByRole("button", { name: "Share", exact: true }).click();
  await expect(page.locator(".contest", { hasText: "countries TH" }).first()).toContainText("Active");

  const union = await browser.newPage();
  await union.goto("/sign-in");
  await signInWithForm(union, "rep@union.example");
  await expect(union.getByRole("button", { name: "Sign out" })).toBeVisible();
  await union.goto("/shared");
  await union.getByRole("link", { name: "Andaman Fishing Fleet Ltd", exact: true }).click();
  await expect(union.locator(".page-header")).toContainText("Shared by Northwind Fresh Foods GmbH since");
  const andaman = union.url();

  await page.getByRole("button", { name: "Revoke the share with Plantation and Construction Workers' Union", exact: true }).first().click();
  await expect(page.getByRole("alert")).toContainText("at once");
  await page.getByRole("button", { name: "Yes, revoke the share with Plantation and Construction Workers' Union" }).click();
  await expect(page.locator(".contest", { hasText: "countries TH" }).first()).toContainText("Revoked");
  expect((await union.goto(andaman))!.status()).toBe(404);
  await union.goto("/shared");
  await expect(union.getByRole("link", { name: "Andaman Fishing Fleet Ltd", exact: true })).toHaveCount(0);
  await expect(union.getByRole("link", { name: "Kebun Sawit Harapan Sdn Bhd", exact: true })).toBeVisible();

  // The inspectorate: its workplaces are the shared ones in its jurisdiction.
  const inspector = await browser.newPage();
  await inspector.goto("/sign-in");
  await signInWithForm(inspector, "inspector@inspectorate.example");
  await expect(inspector.getByRole("button", { name: "Sign out" })).toBeVisible();
  await inspector.goto("/audits/queue");
  await expect(inspector.getByRole("link", { name: "Andaman Fishing Fleet Ltd", exact: true })).toBeVisible();
  const workplace = await inspector.getByRole("link", { name: "Andaman Fishing Fleet Ltd", exact: true }).getAttribute("href");
  await page.reload();
  await page.getByRole("button", { name: "Revoke the share with Demo Labour Inspectorate", exact: true }).click();
  await page.getByRole("button", { name: "Yes, revoke the share with Demo Labour Inspectorate" }).click();
  await inspector.goto("/audits/queue");
  await expect(inspector.getByText("0 workplaces")).toBeVisible();
  expect((await inspector.goto(workplace!))!.status()).toBe(404);

  // Sharing again restores it at once.
  await page.getByLabel("Partner").selectOption({ label: "Demo Labour Inspectorate (Inspectorate)" });
  for (const scope of ["Risk scores and their breakdown", "Observed indicators (evidence about working conditions)", "Audits and corrective actions", "Labour recruiters and corridors"]) {
    await page.getByLabel(scope).check();
  }
  await page.getByLabel("Countries").fill("MY, TH");
  await page.getByRole("button", { name: "Share", exact: true }).click();
  await expect(page.locator(".contest", { hasText: "Demo Labour Inspectorate" }).first()).toContainText("Active");
  await inspector.goto("/audits/queue");
  await expect(inspector.getByRole("link", { name: "Andaman Fishing Fleet Ltd", exact: true })).toBeVisible();
  await union.close();
  await inspector.close();
});

test("pages carry a Content-Security-Policy without inline scripts, and run without violating it", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  const response = await page.goto("/sign-in");
  const csp = response!.headers()["content-security-policy"]!;
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}'/);
  expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(response!.headers()["x-content-type-options"]).toBe("nosniff");
  expect(response!.headers()["referrer-policy"]).toBe("same-origin");
  expect(response!.headers()["strict-transport-security"]).toMatch(/max-age=\d+/); // production build
  const again = await page.request.get("/sign-in");
  expect(again.headers()["content-security-policy"]).not.toBe(csp); // a new nonce for every page
  await signInWithForm(page, "compliance@northwind.example");
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  await page.getByRole("navigation").getByRole("link", { name: "Suppliers" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Suppliers" })).toBeVisible();
  expect(violations).toEqual([]);
});
