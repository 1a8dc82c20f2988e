/**
 * Webhooks in the browser (issue 22 item 4, decision 038): an administrator reaches the page from
 * the API tokens page, is refused a loopback address without the allowance (what was typed kept),
 * subscribes it with the allowance, sees the signing secret once with how to verify a delivery,
 * and disables the subscription. The API reference is public. Screenshots on desktop and phone.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "./fixtures";

const SHOTS = "test-results/screenshots";

test("an administrator subscribes a loopback address with the allowance, sees the secret once, and disables it", async ({ page, signInAsNew }, testInfo) => {
  await signInAsNew("company", "admin");
  await page.goto("/api-tokens");
  await page.getByRole("link", { name: "Webhooks" }).click();
  await expect(page.getByRole("heading", { name: "Webhooks", level: 1 })).toBeVisible();
  await expect(page.getByText("No webhook has been created yet.")).toBeVisible();

  const form = page.locator("form", { has: page.getByRole("button", { name: "Create the subscription" }) });
  await form.getByLabel("Address (https)").fill("http://127.0.0.1:9/hook");
  await expect(form.getByLabel("A supplier's risk band changed")).toBeChecked();
  await form.getByRole("button", { name: "Create the subscription" }).click();
  await expect(page.getByText("The address must use https")).toBeVisible();
  await expect(form.getByLabel("Address (https)")).toHaveValue("http://127.0.0.1:9/hook");
  await expect(page.getByText("No webhook has been created yet.")).toBeVisible();

  await form.getByLabel("Allow a private or loopback address").check();
  await form.getByRole("button", { name: "Create the subscription" }).click();
  const box = page.getByTestId("new-secret");
  await expect(box).toContainText("Copy it now: it will not be shown again.");
  const secret = await box.getByLabel("The signing secret").inputValue();
  expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
  await expect(box).toContainText("webhook-signature");
  await expect(box).toContainText("5 minutes");
  const row = page.getByTestId(/^webhook-/);
  await expect(row).toContainText("http://127.0.0.1:9/hook");
  await expect(row).toContainText("A supplier's risk band changed");
  await expect(row).toContainText("Yes");
  await expect(row).toContainText("Active");
  await expect(page.getByRole("heading", { name: "Delivery log" })).toBeVisible();
  await expect(page.getByText("Nothing has been sent to this address yet.")).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/webhooks-created-${testInfo.project.name}.png`, fullPage: true });
  const serious = (await new AxeBuilder({ page }).analyze()).violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  const desktop = page.viewportSize()!;
  await page.setViewportSize({ width: 360, height: 740 });
  await page.screenshot({ path: `${SHOTS}/webhooks-created-360px.png`, fullPage: true });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await page.setViewportSize(desktop);

  await page.reload();
  await expect(page.getByTestId("new-secret")).toHaveCount(0);
  expect(await page.content()).not.toContain(secret.slice("whsec_".length));

  await row.getByRole("button", { name: "Disable the webhook to http://127.0.0.1:9/hook" }).click();
  await expect(page.getByRole("status")).toContainText("The subscription is disabled");
  await expect(row).toContainText("Disabled");
  await expect(row.getByRole("button", { name: /Disable/ })).toHaveCount(0);
});

test("the API reference is public, with an anchor for each problem kind", async ({ page }, testInfo) => {
  // One long page (every operation of every resource, with its fields): axe over all of it takes a
  // while on a busy machine, so this test has room for it.
  test.setTimeout(120_000);
  const response = await page.goto("/api/v1/docs");
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { name: "API reference", level: 1 })).toBeVisible();
  await expect(page.getByRole("heading", { name: "GET /api/v1/suppliers", exact: true })).toBeVisible();
  await expect(page.getByRole("heading", { name: "GET /api/v1/grievances/{grievanceId}", exact: true })).toBeVisible();
  await expect(page.locator("#problem-rate-limited")).toContainText("Too many calls");
  await expect(page.locator("#webhooks")).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/api-docs-${testInfo.project.name}.png` });
  // Under /api the session cookie is never read (decision 037), so the page is always the signed-out
  // one and is checked here rather than in the signed-in page lists of pages.ts.
  const serious = (await new AxeBuilder({ page }).analyze()).violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
});

test("the API reference fits a phone's width", async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto("/api/v1/docs");
  await page.locator("#problem-rate-limited").scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/api-docs-360px.png` });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
});
