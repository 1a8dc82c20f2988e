import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { PAGES } from "./pages";

/**
 * Every page, as each kind of user sees it: no serious accessibility violation (axe; on a phone, each
 * role's first page only), reachable by keyboard, no wider than the screen (the phone project checks
 * this at 360 px), and a screenshot in test-results/screenshots to look at.
 */

/**
 * How far the page sticks out sideways, and the element that sticks out furthest (a visible one not
 * inside a scrolling box: a table that scrolls within its frame is allowed). The width compared is
 * the document's client width, the screen's width in CSS pixels: on a mobile viewport Chromium
 * zooms out a page that is too wide, and `innerWidth` grows with it, so `scrollWidth > innerWidth`
 * would never fire there.
 */
async function sidewaysOverflow(page: Page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const scrollWidth = document.documentElement.scrollWidth;
    // The search below reads every element's style: only on a page that does stick out (the
    // reference data page has thousands of cells).
    if (scrollWidth <= width) return { scrollWidth, width, widest: null };
    const scrolls = (el: Element) => {
      for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) if (getComputedStyle(up).overflowX !== "visible") return true;
      return false;
    };
    let widest: { right: number; element: string } | null = null;
    for (const el of document.body.querySelectorAll("*")) {
      if (!el.checkVisibility()) continue;
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.right <= width + 0.5 || scrolls(el)) continue;
      if (!widest || box.right > widest.right) {
        const classes = typeof el.className === "string" && el.className ? `.${el.className.trim().split(/\s+/).join(".")}` : "";
        widest = { right: Math.round(box.right), element: `<${el.tagName.toLowerCase()}${classes}> "${(el.textContent ?? "").trim().slice(0, 60)}"` };
      }
    }
    return { scrollWidth, width, widest };
  });
}

async function expectNoSidewaysOverflow(page: Page, path: string) {
  const { scrollWidth, width, widest } = await sidewaysOverflow(page);
  expect(scrollWidth, `${path} is ${scrollWidth} px wide on a ${width} px screen; widest element: ${widest ? `${widest.element}, right edge at ${widest.right} px` : "none found"}`).toBeLessThanOrEqual(width);
}

test("the sign-in page is accessible", async ({ page }, info) => {
  await page.goto("/sign-in");
  await page.screenshot({ path: `test-results/screenshots/${info.project.name}-sign-in.png`, fullPage: true });
  await expectNoSidewaysOverflow(page, "/sign-in");
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
});

// One test per page, not one per user: a single test walking twenty pages with axe timed out on a
// loaded CI machine. Each test signs in by session cookie (no argon2) and checks exactly one page.
for (const { login, paths } of PAGES) {
  test.describe(`pages of ${login}`, () => {
    for (const path of paths) {
      test(`${path} is accessible`, async ({ page, signInAs }, info) => {
        // The reference data pages list hundreds of rows, and axe checks every cell (contrast): on a
        // busy machine that alone took over 30 s.
        if (path.startsWith("/admin/reference/")) test.slow();
        await signInAs(login);
        await page.goto(path);
        // On a phone the sign-out button is inside the closed menu; the menu button shows instead.
        if (info.project.name === "phone") await expect(page.locator("summary.nav-menu__button")).toBeVisible();
        else await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
        const name = `${info.project.name}-${login.split("@")[0]}${path.replace(/\//g, "_") || "_home"}`;
        await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
        await expectNoSidewaysOverflow(page, path);
        // axe on the phone: only each role's home. The markup is the same at every width but for the
        // navigation (a disclosure menu on a phone), which every page shares; a second axe run of
        // every page cost a third of the browser tests' time and found nothing the desktop run did not.
        if (info.project.name === "phone" && path !== paths[0]) return;
        const results = await new AxeBuilder({ page }).analyze();
        const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
        expect(serious, `${path}: ${serious.map((v) => `${v.id}: ${v.help}`).join("; ")}`).toEqual([]);
      });
    }
  });
}
