import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import type enPublic from "../../app/i18n/catalogs/en/public.json";
import { LANGUAGES } from "../../app/i18n/languages";
import { expect, test } from "./fixtures";

/**
 * The pages anyone reads without an account (issue 18), in each of the 15 languages: /sign-in
 * chosen by the browser's language (Accept-Language), /verify chosen with the switcher form, which
 * must come back to the same address. Each page says its language and direction on <html> (Urdu
 * right to left), has a heading in that language, passes axe, and is photographed at desktop and
 * phone widths into the test's output folder (test-results-…/i18n-public-…/). The frame around the
 * page (skip link, language switcher, footer) is in the page's language too, from the `public`
 * catalog every language has: a worker reading Nepali meets no English there either, nor on the
 * page a wrong address gives.
 */
const ENGLISH_H1 = { "/sign-in": "Sign in", "/verify": "Verify a report" } as const;

async function check(page: Page, code: string, dir: string, path: keyof typeof ENGLISH_H1) {
  await expect(page.locator("html")).toHaveAttribute("lang", code);
  await expect(page.locator("html")).toHaveAttribute("dir", dir);
  const h1 = page.getByRole("heading", { level: 1 });
  if (code === "en") await expect(h1).toHaveText(ENGLISH_H1[path]);
  else await expect(h1).not.toHaveText(ENGLISH_H1[path]);
  // Read as files: Playwright's loader does not import JSON modules (as i18n.spec.ts reads them).
  const frame = (lng: string) => JSON.parse(readFileSync(`app/i18n/catalogs/${lng}/public.json`, "utf8")) as typeof enPublic;
  const own = frame(code);
  const english = frame("en");
  const footer = page.locator(".site-footer");
  await expect(page.locator(".language-switcher label")).toHaveText(own.shell.language.label);
  await expect(page.locator(".language-switcher button")).toHaveText(own.shell.language.change);
  await expect(page.locator(".skip-link")).toHaveText(own.shell.skipToContent);
  await expect(footer).toContainText(own.shell.tagline);
  await expect(footer.getByRole("link")).toHaveText([own.shell.methodology, own.verify.title]);
  if (code !== "en") {
    await expect(page.locator(".language-switcher label")).not.toHaveText(english.shell.language.label);
    await expect(page.locator(".language-switcher button")).not.toHaveText(english.shell.language.change);
    await expect(footer).not.toContainText(english.shell.tagline);
    await expect(footer).not.toContainText(english.shell.methodology);
    await expect(footer).not.toContainText(english.verify.title);
  }
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious, `${code} ${path}: ${serious.map((v) => `${v.id}: ${v.help}`).join("; ")}`).toEqual([]);
  const name = path.slice(1);
  await page.screenshot({ path: test.info().outputPath(`${code}-${name}-desktop.png`), fullPage: true });
  await page.setViewportSize({ width: 360, height: 740 });
  await page.screenshot({ path: test.info().outputPath(`${code}-${name}-phone.png`), fullPage: true });
  expect(await page.evaluate(() => document.documentElement.scrollWidth), `${code} ${path} at 360 px`).toBeLessThanOrEqual(360);
  await page.setViewportSize({ width: 1280, height: 800 });
}

for (const language of LANGUAGES) {
  test(`${language.english} (${language.code}): sign-in by the browser's language, verify by the switcher`, async ({ browser, baseURL }) => {
    // About 2 s on a quiet machine; a shared CI runner under load needs more room than the default 30 s.
    test.setTimeout(90_000);
    // The browser asks for the language (Accept-Language), as a worker's phone set to it would.
    const byBrowser = await browser.newContext({ baseURL, locale: language.intl, viewport: { width: 1280, height: 800 } });
    const page = await byBrowser.newPage();
    await page.goto("/sign-in");
    await check(page, language.code, language.dir, "/sign-in");
    // A wrong address under a public page meets the worker in the same language (the error page
    // reads `public`; worker languages are offered on public paths only, decision 025).
    const catalog = (lng: string) => JSON.parse(readFileSync(`app/i18n/catalogs/${lng}/public.json`, "utf8")) as typeof enPublic;
    expect((await page.goto("/verify/no-such-page"))?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(catalog(language.code).error.notFoundTitle);
    if (language.code !== "en") await expect(page.getByRole("heading", { level: 1 })).not.toHaveText(catalog("en").error.notFoundTitle);
    await byBrowser.close();

    // An English browser; the reader picks the language with the switcher and stays on the same page.
    const bySwitcher = await browser.newContext({ baseURL, locale: "en-GB", viewport: { width: 1280, height: 800 } });
    const other = await bySwitcher.newPage();
    await other.goto("/verify?q=R-AAAA-AAAA-AAAA-AAAA");
    await other.locator("#language-switcher").selectOption(language.code);
    await Promise.all([other.waitForURL("**/verify?q=R-AAAA-AAAA-AAAA-AAAA"), other.locator(".language-switcher button").click()]);
    await expect(other.locator("html")).toHaveAttribute("lang", language.code);
    expect(new URL(other.url()).pathname + new URL(other.url()).search).toBe("/verify?q=R-AAAA-AAAA-AAAA-AAAA");
    await check(other, language.code, language.dir, "/verify");
    await bySwitcher.close();
  });
}
