import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "./fixtures";

/**
 * Worker voice, the organisations' side of getting reports in (issue 19): a company posts a channel
 * and prints its poster (looked at on screen, on a phone and as printed on A4), a union records a
 * grievance a worker told it by phone, and the platform administrator adds a verified support service.
 */
const shots = (name: string, project: string) => `test-results/screenshots/${project}-grievance-${name}.png`;

test("a company posts a channel and prints its poster in the workers' languages", async ({ page, signInAs }, info) => {
  // Axe, a PDF and three page loads: over 30 s on a loaded machine.
  test.slow();
  await signInAs("compliance@northwind.example");
  await page.goto("/grievances/channels");
  await page.getByRole("button", { name: "Post the channel and show its poster" }).click();
  await expect(page).toHaveURL(/\/grievances\/channels\/\d+\/poster$/);
  const poster = page.getByRole("article", { name: "The poster as printed" });
  await expect(poster.getByRole("heading", { name: "Report a problem at work, safely" })).toBeVisible();
  await expect(poster.locator(".poster__qr svg")).toBeVisible();
  await expect(poster.locator(".poster__link")).toContainText(/\/g\/[0-9a-z]{10}$/);

  // Three languages the workers read, Urdu among them (right to left).
  await page.getByRole("checkbox", { name: "English" }).uncheck();
  for (const name of ["नेपाली", "اردو", "မြန်မာ"]) await page.getByRole("checkbox", { name }).check();
  await page.getByRole("button", { name: "Show the poster" }).click();
  await expect(poster.locator('section[lang="ur"][dir="rtl"]')).toBeVisible();
  await expect(poster.locator("section")).toHaveCount(3);
  await page.screenshot({ path: shots("poster", info.project.name), fullPage: true });
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
  const width = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
  expect(width[0]).toBeLessThanOrEqual(width[1]!);

  // On a cheap phone (360 px): nothing sticks out sideways, the link wraps rather than overflowing.
  await page.setViewportSize({ width: 360, height: 740 });
  const narrow = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
  expect(narrow[0]).toBeLessThanOrEqual(narrow[1]!);
  await page.screenshot({ path: shots("poster-360", info.project.name), fullPage: true });

  // As printed: only the poster, on one A4 page.
  await page.emulateMedia({ media: "print" });
  await expect(page.locator(".site-header")).toBeHidden();
  await expect(page.getByRole("button", { name: "Show the poster" })).toBeHidden();
  await page.setViewportSize({ width: 794, height: 1123 });
  await page.screenshot({ path: shots("poster-print", info.project.name), fullPage: true });
  if (info.project.name === "desktop") {
    const pdf = await page.pdf({ format: "A4", printBackground: true });
    // One page: a poster that spills onto a second sheet would be cut in two on the wall.
    expect((pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length).toBe(1);
  }

  // Closed, its link stops working.
  await page.emulateMedia({ media: "screen" });
  const link = (await poster.locator(".poster__link").textContent())!.trim();
  await page.goto("/grievances/channels");
  await page.getByRole("button", { name: /^Close the channel for/ }).first().click();
  await expect(page.getByText(/^Closed on/).first()).toBeVisible();
  const answer = await page.request.get(`http://${link}`);
  expect(answer.status()).toBe(404);
});

test("a union records a grievance a worker told by phone and gives the worker the code once", async ({ page, signInAs }, info) => {
  await signInAs("rep@union.example");
  await page.goto("/grievances/new");
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Workplace", { exact: true }).selectOption({ index: 0 });
  await page.getByRole("checkbox", { name: "Wages withheld or not paid" }).check();
  await page.getByLabel("How many people it affects").fill("9");
  await page.getByLabel("What happened, in the worker's words").fill("No pay for two months; the supervisor says next month.");
  await page.getByLabel("The worker's language (answers are written in it)").selectOption("ne");
  await page.getByRole("checkbox", { name: "The labour inspectorate" }).check();
  await page.getByRole("button", { name: "Record the grievance" }).click();
  await expect(page.getByRole("heading", { name: /^Grievance case \d+ recorded$/ })).toBeVisible();
  await expect(page.getByTestId("case-code")).toHaveText(/^G-/);
  await expect(page.getByTestId("case-secret")).not.toBeEmpty();
  await page.screenshot({ path: shots("assisted-done", info.project.name), fullPage: true });
  // Reloading shows an empty form: the secret is nowhere to be read again.
  const secret = (await page.getByTestId("case-secret").textContent())!;
  await page.goto("/grievances/new");
  await expect(page.getByText(secret)).toHaveCount(0);
});

test("the platform administrator adds a verified support service, and one without a source is refused", async ({ page, signInAs }, info) => {
  await signInAs("admin@platform.example");
  await page.goto("/admin/support-services");
  // Let the page hydrate first: React sets a select back to its default when it hydrates after a fast choice.
  await page.waitForLoadState("networkidle");
  await expect(page.getByText("No services yet. Add the first one you have verified.")).toBeVisible();
  await page.getByLabel("Country", { exact: true }).selectOption("MY");
  await page.getByLabel("Kind", { exact: true }).selectOption("legal_aid");
  await page.getByLabel("Name", { exact: true }).fill("Legal aid centre");
  await page.getByLabel("Website (optional)").fill("https://legalaid.example.org");
  await page.getByLabel("Verified on").fill("2026-11-30");
  await page.getByRole("button", { name: "Add the service" }).click();
  await expect(page.getByText("Say where the service is published: an entry without a source is not added.")).toBeVisible();
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue("Legal aid centre");
  await page.getByLabel("Source", { exact: true }).fill("Bar Council legal aid directory, checked by phone");
  await page.getByRole("button", { name: "Add the service" }).click();
  await expect(page.getByRole("rowheader", { name: /Legal aid centre/ })).toBeVisible();
  await page.screenshot({ path: shots("support-services", info.project.name), fullPage: true });
});

test("the assisted form reads in German (the longest words) without sticking out on a phone", async ({ page, signInAs, baseURL }, info) => {
  await page.context().addCookies([{ name: "lng", value: "de", url: baseURL! }]);
  await signInAs("rep@union.example");
  await page.setViewportSize({ width: 360, height: 740 });
  for (const path of ["/grievances/new", "/grievances/channels"]) {
    await page.goto(path);
    await expect(page.locator("html")).toHaveAttribute("lang", "de");
    const [scrollWidth, width] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
    expect(scrollWidth, path).toBeLessThanOrEqual(width!);
    await page.screenshot({ path: shots(`de${path.replace(/\//g, "_")}`, info.project.name), fullPage: true });
  }
  await expect(page.getByRole("heading", { name: "Beschwerdekanäle" })).toBeVisible();
});
