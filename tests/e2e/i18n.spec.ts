import { readFileSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { PAGES } from "./pages";

/**
 * Issue 18: the main pages in every interface language, as the people who use them: a German,
 * French and Spanish compliance team, a Malaysian and a Thai labour inspector. Each page is
 * checked for its language (`lang`), for the navigation and the page's own words coming from that
 * language's catalog (read here, not copied), for axe, for no sideways overflow, and photographed
 * (test-results/screenshots/i18n-<language>-<person>_<path>.png). The pseudo-locale run then
 * finds any heading, label, button or menu entry on converted pages that did not come from a
 * catalog.
 * Public pages in all fifteen languages, and Urdu right-to-left, are in i18n-public.spec.ts.
 */
type Tree = { [key: string]: string | Tree };
const catalog = (lng: string, ns: string): Tree => JSON.parse(readFileSync(`app/i18n/catalogs/${lng}/${ns}.json`, "utf8")) as Tree;
const word = (tree: Tree, path: string): string => path.split(".").reduce<Tree | string>((node, key) => (typeof node === "string" ? node : (node[key] ?? "")), tree) as string;

const COMPANY = "compliance@northwind.example";
const INSPECTOR = "inspector@inspectorate.example";
const PEOPLE: { lng: string; login: string; paths: string[] }[] = [
  { lng: "de", login: COMPANY, paths: ["/", "/suppliers"] },
  { lng: "fr", login: COMPANY, paths: ["/", "/suppliers"] },
  { lng: "es", login: COMPANY, paths: ["/", "/suppliers"] },
  { lng: "ms", login: INSPECTOR, paths: ["/", "/audits"] },
  { lng: "th", login: INSPECTOR, paths: ["/", "/audits"] },
  // The company's dashboard in Thai as well: its risk drivers and its world map (an SVG drawn on
  // the server) were English there once.
  { lng: "th", login: COMPANY, paths: ["/"] },
  // The supplier's workplace (issue 20) in German (the longest words) and Thai, and the buyer's claimed record in German.
  { lng: "de", login: "supplier@mekong.example", paths: ["/sites/1", "/sites/1/audits", "/sites/1/questionnaire", "/sites/1/reviews"] },
  { lng: "th", login: "supplier@mekong.example", paths: ["/sites/1", "/sites/1/audits", "/sites/1/questionnaire"] },
  { lng: "de", login: COMPANY, paths: ["/suppliers/14", "/suppliers/14/answers", "/suppliers/duplicates"] },
  // The questionnaire and the buyers' clarifications are read by a supplier's staff in the workers'
  // languages too (issue 20 item 7): Nepali, and Urdu right to left.
  { lng: "ne", login: "supplier@mekong.example", paths: ["/sites/1/questionnaire", "/sites/1/reviews"] },
  { lng: "ur", login: "supplier@mekong.example", paths: ["/sites/1/questionnaire"] },
];

/** The page's own heading, from its catalog: the frame alone in the reader's language proves little. */
const HEADINGS: Record<string, { ns: string; key: string }> = {
  "/sites/1/questionnaire": { ns: "questionnaire", key: "title" },
  "/sites/1/reviews": { ns: "questionnaire", key: "reviews.title" },
};

async function chooseLanguage(page: Page, baseURL: string | undefined, lng: string) {
  // The cookie the switcher sets; a plain code is read as well as the signed form.
  await page.context().addCookies([{ name: "lng", value: lng, url: baseURL! }]);
}

for (const { lng, login, paths } of PEOPLE) {
  for (const path of paths) {
    test(`${path} for ${login.split("@")[0]} in ${lng}`, async ({ page, signInAs, baseURL }) => {
      await chooseLanguage(page, baseURL, lng);
      await signInAs(login);
      await page.goto(path);
      await expect(page.locator("html")).toHaveAttribute("lang", lng);
      const common = catalog(lng, "common");
      // The shell in the reader's language: the home entry, sign-out and the switcher's label.
      await expect(page.getByRole("navigation").first().getByRole("link", { name: word(common, "nav.home"), exact: true })).toBeVisible();
      await expect(page.getByRole("button", { name: word(common, "user.signOut") }).first()).toBeVisible();
      await expect(page.locator(".language-switcher label")).toHaveText(word(catalog(lng, "public"), "shell.language.label"));
      const heading = HEADINGS[path];
      if (heading) await expect(page.getByRole("heading", { level: 1 })).toHaveText(word(catalog(lng, heading.ns), heading.key));
      if (login === COMPANY && path === "/") {
        // The map is an image the page does not translate: its own answer must be in the reader's language.
        const map = await page.request.get("/maps/suppliers.svg");
        expect(map.headers()["content-language"]).toBe(lng);
        expect(await map.text()).toContain(`>${word(catalog(lng, "regulator"), "map.svg.legend")}</text>`);
        await page.locator(".world-map__figure img").screenshot({ path: `test-results/screenshots/i18n-${lng}-map.png` });
      }
      await page.screenshot({ path: `test-results/screenshots/i18n-${lng}-${login.split("@")[0]}${path.replace(/\//g, "_")}.png`, fullPage: true });
      const { scrollWidth, clientWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
      expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
      const serious = (await new AxeBuilder({ page }).analyze()).violations.filter((v) => v.impact === "serious" || v.impact === "critical");
      expect(serious, serious.map((v) => `${v.id}: ${v.help}`).join("; ")).toEqual([]);
    });
  }
}

test("a supplier who read the questionnaire in Nepali gets its other pages in an interface language, not half in Nepali", async ({ page, signInAs, baseURL }) => {
  await chooseLanguage(page, baseURL, "ne");
  await signInAs("supplier@mekong.example");
  await page.goto("/sites/1/questionnaire");
  await expect(page.locator("html")).toHaveAttribute("lang", "ne");
  await page.locator(".breadcrumbs a").first().click(); // the workplace's own page
  await expect(page).toHaveURL(/\/sites\/1$/);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  // The switcher there offers the interface languages only.
  await expect(page.locator(".language-switcher option[value=ne]")).toHaveCount(0);
});

/**
 * Every page of every role (the list layout.spec.ts checks) read in the pseudo-locale, without
 * JavaScript (the server's first byte is what a reader on a slow phone gets, and it is quicker):
 * a catalog string comes out bracketed and accented, so a heading, button, column header, legend
 * or caption of plain English words without a bracket came from outside the catalogs.
 * Data shown in those places (a supplier's name as a heading, a sector, a comment) is marked
 * translate="no", which is also what keeps a browser's page translation off it; names that come
 * from Intl (CLDR's weekday and month names, which have no pseudo-locale) are marked data-intl.
 */
// Labels, terms and paragraphs are left out: they hold data too (a checkbox per country of the
// company's suppliers, a finding's text), which the pseudo-locale cannot tell from English.
const TEXT_FROM_CATALOGS = ":is(header nav a, header summary, button, h1, h2, h3, h4, thead th, caption, legend, .site-footer):not([translate=no], [translate=no] *, [data-intl])";

// One test per page (as in layout.spec.ts): a test walking a role's twenty pages timed out on a
// loaded machine.
for (const { login, paths } of PAGES) {
  test.describe(`pseudo-locale, pages of ${login.split("@")[0]}`, () => {
    test.use({ javaScriptEnabled: false });
    for (const path of paths) {
      test(`${path} shows no text from outside the catalogs`, async ({ page, signInAs, baseURL }) => {
        await chooseLanguage(page, baseURL, "en-XA");
        await signInAs(login);
        await page.goto(path);
        await expect(page.locator("html")).toHaveAttribute("lang", "en-XA");
        const texts = await page.locator(TEXT_FROM_CATALOGS).allInnerTexts();
        const foreign = texts.map((t) => t.trim()).filter((t) => /[A-Za-z]{3,}/.test(t) && !t.includes("["));
        expect(foreign).toEqual([]);
      });
    }
  });
}
