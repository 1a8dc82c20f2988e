import { expect, signInWithForm, test } from "./fixtures";

/**
 * Sharing as the company admin sets it, seen from the partners' side: one share per partner,
 * changed in place after checking what it covers; widening shows the union a supplier at once,
 * narrowing takes it away at once (404, as for anything that does not exist), and the
 * inspectorate's workplaces follow the shares too.
 */
test("the company changes and revokes its shares; the union and the inspectorate see it at once", async ({ page, browser }) => {
  // Three people's pages and a dozen round trips: more than the default 30 s on a busy machine.
  test.setTimeout(90_000);
  const UNION = "Plantation and Construction Workers' Union";
  await page.goto("/sign-in");
  await signInWithForm(page, "compliance@northwind.example");
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  await page.getByRole("navigation").getByRole("link", { name: "Sharing" }).click();

  // A second share to the union is refused beside the partner, with the ticks kept and a way to the existing one.
  await page.getByLabel("Partner").selectOption({ label: `${UNION} (Union)` });
  await page.getByRole("checkbox", { name: "Thailand" }).check();
  await page.getByRole("button", { name: "Share", exact: true }).click();
  await expect(page.getByText(`You already share with ${UNION}. Change that share instead of adding a second one.`)).toBeVisible();
  await expect(page.getByRole("checkbox", { name: "Thailand" })).toBeChecked();
  await page.getByRole("link", { name: `Change the share with ${UNION}` }).last().click();
  await expect(page.getByRole("heading", { name: `Change the share with ${UNION}` })).toBeVisible();
  await expect(page.getByRole("checkbox", { name: "Malaysia" })).toBeChecked();

  // Widen it to Thailand: checked first (nothing saved), then saved, with what it now covers.
  await page.getByRole("checkbox", { name: "Thailand" }).check();
  await page.getByRole("button", { name: "Check what this share covers" }).click();
  // Other specs (the company's journey) import suppliers into the same demo workspace, so the
  // counts are read from the page's own country list and checked against the share's check.
  const perCountry = async (name: string) => Number(/\((\d+)\)/.exec(await page.locator("label", { has: page.getByRole("checkbox", { name: new RegExp(`^${name}\\b`) }) }).innerText())![1]);
  const [malaysian, thai] = [await perCountry("Malaysia"), await perCountry("Thailand")];
  const covers = /This share covers (\d+) of your (\d+) suppliers/.exec(await page.locator("#share-check").innerText());
  expect(Number(covers![1])).toBe(malaysian + thai);
  const total = Number(covers![2]);
  await expect(page.locator("#share-check")).toContainText("Andaman Fishing Fleet Ltd");
  await expect(page.getByRole("checkbox", { name: "Thailand" })).toBeChecked();
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status")).toHaveText(`Changed the share with ${UNION}: it now covers ${malaysian + thai} of your ${total} suppliers, showing identity and location; risk scores and their breakdown; observed indicators (evidence about working conditions); labour recruiters and corridors.`);

  const union = await browser.newPage();
  await union.goto("/sign-in");
  await signInWithForm(union, "rep@union.example");
  await expect(union.getByRole("button", { name: "Sign out" })).toBeVisible();
  await union.goto("/shared");
  await union.getByRole("link", { name: "Andaman Fishing Fleet Ltd", exact: true }).click();
  await expect(union.locator(".page-header")).toContainText("Shared by Northwind Fresh Foods GmbH since");
  const andaman = union.url();

  // Narrowed back to Malaysia: the union loses Andaman with its next request, keeps the rest.
  await page.getByRole("link", { name: `Change the share with ${UNION}` }).click();
  // The form being changed, filled from the share, before anything is unticked.
  await expect(page.getByRole("heading", { name: `Change the share with ${UNION}` })).toBeVisible();
  await expect(page.getByRole("checkbox", { name: "Thailand" })).toBeChecked();
  await page.getByRole("checkbox", { name: "Thailand" }).uncheck();
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status")).toContainText(`Changed the share with ${UNION}: it now covers ${malaysian} of your ${total} suppliers`);
  expect((await union.goto(andaman))!.status()).toBe(404);
  await union.goto("/shared");
  await expect(union.getByRole("link", { name: "Andaman Fishing Fleet Ltd", exact: true })).toHaveCount(0);
  await expect(union.getByRole("link", { name: "Kebun Sawit Harapan Sdn Bhd", exact: true })).toBeVisible();

  // A supplier found by name and ticked: the check names it, and saves nothing.
  await page.getByLabel("Partner").selectOption({ label: "Supply Chain Supervisory Authority (Regulator)" });
  await page.getByLabel("Find suppliers by name").fill("Kebun");
  await page.getByRole("button", { name: "Find suppliers" }).click();
  await page.getByRole("checkbox", { name: /Kebun Sawit Harapan Sdn Bhd/ }).check();
  await page.getByRole("button", { name: "Check what this share covers" }).click();
  await expect(page.locator("#share-check")).toContainText(`This share covers 1 of your ${total} suppliers: Kebun Sawit Harapan Sdn Bhd.`);
  await expect(page.getByLabel("Partner")).toHaveValue(/\d+/);
  await expect(page.locator(".contest", { hasText: "Supply Chain Supervisory Authority" })).toHaveCount(0);

  // The inspectorate: its workplaces are the shared ones in its jurisdiction.
  const inspector = await browser.newPage();
  await inspector.goto("/sign-in");
  await signInWithForm(inspector, "inspector@inspectorate.example");
  await expect(inspector.getByRole("button", { name: "Sign out" })).toBeVisible();
  await inspector.goto("/audits/queue");
  await expect(inspector.getByRole("link", { name: "Andaman Fishing Fleet Ltd", exact: true })).toBeVisible();
  const workplace = await inspector.getByRole("link", { name: "Andaman Fishing Fleet Ltd", exact: true }).getAttribute("href");
  await page.goto("/sharing");
  await page.getByRole("button", { name: "Revoke the share with Demo Labour Inspectorate", exact: true }).click();
  await expect(page.getByRole("alert")).toContainText("at once");
  await page.getByRole("button", { name: "Yes, revoke the share with Demo Labour Inspectorate" }).click();
  await expect(page.getByRole("status")).toHaveText("Revoked the share with Demo Labour Inspectorate: they no longer see what it covered.");
  await inspector.goto("/audits/queue");
  await expect(inspector.getByText("0 workplaces")).toBeVisible();
  expect((await inspector.goto(workplace!))!.status()).toBe(404);

  // Sharing again restores it at once.
  await page.getByLabel("Partner").selectOption({ label: "Demo Labour Inspectorate (Inspectorate)" });
  for (const scope of ["Risk scores and their breakdown", "Observed indicators (evidence about working conditions)", "Audits and corrective actions", "Labour recruiters and corridors"]) {
    await page.getByLabel(scope).check();
  }
  await page.getByRole("checkbox", { name: "Malaysia" }).check();
  await page.getByRole("checkbox", { name: "Thailand" }).check();
  await page.getByRole("button", { name: "Share", exact: true }).click();
  await expect(page.getByRole("status")).toHaveText(new RegExp(`^Shared ${malaysian + thai} suppliers with Demo Labour Inspectorate: identity and location; risk scores`), { timeout: 15_000 });
  await inspector.goto("/audits/queue");
  await expect(inspector.getByRole("link", { name: "Andaman Fishing Fleet Ltd", exact: true })).toBeVisible();
  await union.close();
  await inspector.close();
});

test("the share form works without JavaScript: a name search and the check keep every tick", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/sign-in");
  await signInWithForm(page, "compliance@northwind.example");
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  await page.goto("/sharing");
  await page.getByLabel("Partner").selectOption({ label: "Supply Chain Supervisory Authority (Regulator)" });
  await page.getByRole("checkbox", { name: /^Fishing \(/ }).check();
  await page.getByLabel("Find suppliers by name").fill("Andaman");
  await page.getByRole("button", { name: "Find suppliers" }).click();
  await expect(page.getByRole("checkbox", { name: /^Fishing \(/ })).toBeChecked();
  await page.getByRole("checkbox", { name: /Andaman Fishing Fleet Ltd/ }).check();
  await page.getByRole("button", { name: "Check what this share covers" }).click();
  await expect(page.locator("#share-check")).toContainText(/This share covers 1 of your \d+ suppliers: Andaman Fishing Fleet Ltd\./);
  await expect(page.getByRole("checkbox", { name: /Andaman Fishing Fleet Ltd/ })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: /^Fishing \(/ })).toBeChecked();
  await context.close();
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
