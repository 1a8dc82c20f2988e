import type { Page, Response } from "@playwright/test";
import { languageOf } from "../../app/i18n/languages";
import { expect, test } from "./fixtures";

/**
 * The worker scripts render with real glyphs on a phone that has none of their fonts (this
 * machine's Chromium has none: `fc-list` lists DejaVu and Liberation only), from web fonts served
 * by our own origin (docs/decisions/026-web-fonts.md). Each page downloads the one file of its
 * script and nothing else; an English page downloads no font at all. Screenshots at desktop and
 * phone widths go into the test's output folder, to be looked at (glyphs, not boxes).
 */
const SCRIPTS = [
  { code: "my", family: "LDD Noto Sans Myanmar", file: "noto-sans-myanmar-myanmar-400", sample: "မြန်မာ" },
  { code: "km", family: "LDD Noto Sans Khmer", file: "noto-sans-khmer-khmer-400", sample: "ខ្មែរ" },
  { code: "bn", family: "LDD Noto Sans Bengali", file: "noto-sans-bengali-bengali-400", sample: "বাংলা" },
  { code: "hi", family: "LDD Noto Sans Devanagari", file: "noto-sans-devanagari-devanagari-400", sample: "हिन्दी" },
  { code: "ne", family: "LDD Noto Sans Devanagari", file: "noto-sans-devanagari-devanagari-400", sample: "नेपाली" },
  { code: "ur", family: "LDD Noto Naskh Arabic", file: "noto-naskh-arabic-arabic-400", sample: "اردو" },
  { code: "th", family: "LDD Noto Sans Thai", file: "noto-sans-thai-thai-", sample: "ไทย" },
] as const;

/** Opens the page in a fresh browser context asking for `code`, recording every font file fetched. */
async function openIn(page: Page, path: string, fonts: string[]) {
  page.on("response", (response: Response) => {
    const url = new URL(response.url());
    if (url.pathname.endsWith(".woff2")) {
      expect(url.pathname, "fonts come from our own build, with a hash in their name").toMatch(/^\/build\/_assets\/[a-z0-9-]+-[A-Z0-9]{8}\.woff2$/);
      expect(response.headers()["cache-control"]).toContain("max-age=31536000");
      fonts.push(url.pathname);
    }
  });
  await page.goto(path);
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
}

for (const script of SCRIPTS) {
  test(`/verify in ${languageOf(script.code).english} (${script.code}) renders with ${script.family}, downloading only that font`, async ({ browser, baseURL }) => {
    test.setTimeout(60_000);
    const context = await browser.newContext({ baseURL, locale: languageOf(script.code).intl, viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const fonts: string[] = [];
    await openIn(page, "/verify", fonts);
    await expect(page.locator("html")).toHaveAttribute("lang", script.code);
    // The face is loaded (not merely declared): document.fonts.check() alone says true for a family it does not know.
    const status = await page.evaluate((family) => [...document.fonts].filter((f) => f.family.replace(/"/g, "") === family).map((f) => f.status), script.family);
    expect(status, `${script.family} faces`).toContain("loaded");
    expect(await page.evaluate(({ family, sample }) => document.fonts.check(`16px "${family}"`, sample), script)).toBe(true);
    // What Chromium really drew the heading and the language switcher with: our font for every letter of
    // the script, not an installed font's empty boxes (the failure of a web font listed after one).
    const cdp = await context.newCDPSession(page);
    await cdp.send("DOM.enable");
    await cdp.send("CSS.enable");
    const { root } = await cdp.send("DOM.getDocument");
    for (const selector of ["h1", "#language-switcher"]) {
      const { nodeId } = await cdp.send("DOM.querySelector", { nodeId: root.nodeId, selector });
      const { fonts: drawn } = await cdp.send("CSS.getPlatformFontsForNode", { nodeId });
      expect(drawn.filter((f) => f.isCustomFont).map((f) => f.familyName), `${selector} drawn with ${JSON.stringify(drawn)}`).toHaveLength(1);
    }
    expect(fonts.length, `fonts fetched: ${fonts.join(", ")}`).toBeGreaterThan(0);
    for (const font of fonts) expect(font, "only the page's own script's font").toContain(script.file);
    // The page's weight, for the record (docs/decisions/026-web-fonts.md).
    const bytes = await page.evaluate(() => performance.getEntriesByType("resource").reduce((sum, e) => sum + (e as PerformanceResourceTiming).encodedBodySize, 0));
    test.info().annotations.push({ type: "bytes", description: `${script.code}: ${fonts.length} font file(s), ${bytes} bytes of subresources` });
    await page.screenshot({ path: test.info().outputPath(`${script.code}-verify-desktop.png`), fullPage: true });
    await page.setViewportSize({ width: 360, height: 740 });
    await page.screenshot({ path: test.info().outputPath(`${script.code}-verify-phone.png`), fullPage: true });
    expect(await page.evaluate(() => document.documentElement.scrollWidth), `${script.code} at 360 px`).toBeLessThanOrEqual(360);
    await context.close();
  });
}

test("an English page downloads no font file, though its language switcher names every language in its own script", async ({ browser, baseURL }) => {
  test.setTimeout(60_000);
  const context = await browser.newContext({ baseURL, locale: "en-GB" });
  const page = await context.newPage();
  const fonts: string[] = [];
  for (const path of ["/verify", "/sign-in"]) await openIn(page, path, fonts);
  await expect(page.locator("#language-switcher option[value=my]")).toHaveText("မြန်မာ");
  expect(fonts).toEqual([]);
  await context.close();
});

test("the Content-Security-Policy allows fonts from our own origin only", async ({ request }) => {
  const response = await request.get("/verify");
  expect(response.headers()["content-security-policy"]).toContain("font-src 'self'");
});
