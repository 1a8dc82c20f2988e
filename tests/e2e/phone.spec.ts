import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "./fixtures";

/**
 * The phone layouts (the "phone" project: 360 × 740, touch): the menu button in the header, the
 * lists as cards, the calendar as a list of days. Every page's axe check and sideways-overflow
 * check are in layout.spec.ts; this file checks that each phone layout does what it is for.
 */

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the menu button opens the menu, whose links work, by touch and by keyboard", async ({ page, signInAs }) => {
    await signInAs("compliance@northwind.example");
    await page.goto("/");
    const menuButton = page.locator("summary.nav-menu__button");
    const suppliers = page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Suppliers" });
    // Closed: the header is one row, and neither the menu's links nor sign-out are in sight.
    await expect(menuButton).toBeVisible();
    await expect(suppliers).toBeHidden();
    await expect(page.getByRole("button", { name: "Sign out" })).toBeHidden();
    const header = await page.locator(".site-header").boundingBox();
    expect(header!.height).toBeLessThan(70);

    await menuButton.tap();
    await expect(suppliers).toBeVisible();
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
    await expect(page.locator("details.nav-menu")).toHaveAttribute("open", "");

    await suppliers.tap();
    await expect(page).toHaveURL(/\/suppliers$/);
    await expect(page.getByRole("heading", { level: 1, name: "Suppliers" })).toBeVisible();
    // The new page starts with the menu closed.
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Recruiters" })).toBeHidden();

    // Keyboard, in page order: skip link, the language switcher (its list and its button), brand,
    // then the menu button; Enter opens it, Enter again closes it.
    const order = [
      page.locator("a.skip-link"),
      page.locator("#language-switcher"),
      page.locator("form.language-switcher button"),
      page.locator("a.brand"),
      menuButton,
    ];
    for (const next of order) {
      await page.keyboard.press("Tab");
      await expect(next).toBeFocused();
    }
    await page.keyboard.press("Enter");
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Recruiters" })).toBeVisible();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Recruiters" })).toBeHidden();
  });
});

test("with JavaScript: the open menu passes axe, and following a link in it closes it on the next page", async ({ page, signInAs }, info) => {
  await signInAs("inspector@inspectorate.example");
  await page.goto("/");
  await page.locator("summary.nav-menu__button").tap();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  await page.screenshot({ path: `test-results/screenshots/${info.project.name}-menu-open.png` });
  // axe runs in the page, hence here and not in the test without JavaScript above.
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious, serious.map((v) => `${v.id}: ${v.help}`).join("; ")).toEqual([]);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Calendar" }).tap();
  await expect(page.getByRole("heading", { level: 1, name: /^Calendar: / })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Plan" })).toBeHidden();
});

test("the supplier list shows each supplier as a card: the whole name in sight, each value under its column's name", async ({ page, signInAs }) => {
  await signInAs("compliance@northwind.example");
  await page.goto("/suppliers");
  const names = page.locator("table.entity-list td.cell-name a");
  expect(await names.count()).toBeGreaterThan(5);
  const screen = page.viewportSize()!.width;
  for (const name of await names.all()) {
    const box = (await name.boundingBox())!;
    // In sight (not past the screen's edge) and not clipped.
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width, await name.innerText()).toBeLessThanOrEqual(screen);
    expect(await name.evaluate((a) => a.scrollWidth <= a.clientWidth + 1 || getComputedStyle(a).display === "inline")).toBe(true);
  }
  // The first card: its name above its score, and the country under the label "Country".
  const firstRow = page.locator("table.entity-list tbody tr").first();
  const nameBox = (await firstRow.locator("td.cell-name").boundingBox())!;
  const scoreBox = (await firstRow.locator("td").first().boundingBox())!;
  expect(nameBox.y).toBeLessThan(scoreBox.y);
  const country = firstRow.locator('td[data-label="Country"]');
  expect(await country.evaluate((td) => getComputedStyle(td, "::before").content)).toBe('"Country"');
  // Still a table to assistive technology: rows, and the column headers (hidden from sight only).
  await expect(page.getByRole("table").getByRole("columnheader", { name: /Sector/ })).toHaveCount(1);
  await expect(page.getByRole("table").getByRole("columnheader", { name: /Sector/ })).toBeAttached();
  // The sort links stay in sight.
  await expect(page.getByRole("link", { name: /^Name/ })).toBeVisible();
});

test("the month calendar is a list of days with their weekday, each audit on whole lines", async ({ page, signInAs }, info) => {
  await signInAs("inspector@inspectorate.example");
  await page.goto("/audits/calendar");
  await page.screenshot({ path: `test-results/screenshots/${info.project.name}-calendar-list.png`, fullPage: true });
  const table = page.locator("table.calendar");
  const tableBox = (await table.boundingBox())!;
  // Each day takes the table's whole width (a list, not seven 45 px columns) and names its weekday.
  const days = page.locator("td.calendar__day:visible");
  expect(await days.count()).toBeGreaterThanOrEqual(28);
  const firstDay = (await days.first().boundingBox())!;
  expect(firstDay.width).toBeGreaterThan(tableBox.width * 0.9);
  await expect(days.first().locator(".calendar__weekday")).toHaveText(/^(Mon|Tue|Wed|Thu|Fri|Sat|Sun)\s*$/);
  // The demo has audits this month; each entry is wide enough for words (no letter-by-letter wrapping).
  const entries = page.locator("li.calendar__entry:visible");
  expect(await entries.count()).toBeGreaterThan(0);
  for (const entry of await entries.all()) {
    const box = (await entry.boundingBox())!;
    expect(box.width).toBeGreaterThan(180);
    const link = entry.getByRole("link");
    // A time and a supplier's name: at most three lines of text.
    const lineHeight = await link.evaluate((a) => parseFloat(getComputedStyle(a).lineHeight) || 20);
    expect((await link.boundingBox())!.height, await link.innerText()).toBeLessThanOrEqual(lineHeight * 3 + 2);
  }
  // The weekday header row is still there for screen readers.
  await expect(table.getByRole("columnheader")).toHaveCount(7);
});

/**
 * Issue 17, item 6: on a phone the activity log, the members page and the import pages show their
 * rows as labelled cards (stack-table), so no table scrolls sideways inside its box either (the
 * page-width check of layout.spec.ts does not see a table scrolling inside its region). The
 * preview of the uploaded file is the one table left to scroll: it shows the file's own grid.
 */
test("the activity log, members and import tables are cards: none scrolls sideways", async ({ page, signInAs }) => {
  await signInAs("compliance@northwind.example");
  // An upload first, so that the import history and an import's own page have rows.
  await page.goto("/imports");
  await page.getByLabel("Supplier list").check();
  await page.getByLabel("CSV file").setInputFiles({ name: "phone-check-with-a-rather-long-file-name.csv", mimeType: "text/csv", buffer: Buffer.from("Vendor No.;Vendor Name;Land\r\nV-9;Ladang Contoh Sdn Bhd;Atlantis\r\n", "utf8") });
  await page.getByRole("button", { name: "Upload and preview" }).click();
  await expect(page.getByRole("heading", { name: "Columns" })).toBeVisible();
  const importPage = page.url();
  const sideways = async () =>
    await page.locator(".table-wrap").evaluateAll((wraps) =>
      wraps.filter((w) => !w.querySelector(".preview-table") && w.scrollWidth > w.clientWidth + 1).map((w) => `${w.getAttribute("aria-label")}: ${w.scrollWidth} > ${w.clientWidth}`),
    );
  for (const path of ["/activity-log", "/orgs/1/members", "/imports", "/imports/columns", importPage]) {
    await page.goto(path);
    const tables = page.locator("table.stack-table");
    expect(await tables.count(), path).toBeGreaterThan(0);
    expect(await sideways(), path).toEqual([]);
    // Each card names its values: a cell's label is its column's name.
    const labelled = await page.locator("table.stack-table td[data-label]").first().evaluate((td) => getComputedStyle(td, "::before").content);
    expect(labelled, path).not.toBe("none");
  }
  // The mapping's select for each column stays inside its card.
  await page.goto(importPage);
  const select = await page.locator(".mapping-table select").first().boundingBox();
  expect(select!.x + select!.width).toBeLessThanOrEqual(360);
});

test("the score breakdown's numbers never break inside, for the company and for the union", async ({ page, signInAs }) => {
  for (const [who, url] of [
    ["compliance@northwind.example", "/suppliers/1"],
    ["rep@union.example", "/shared/1"],
  ] as const) {
    await signInAs(who);
    await page.goto(url);
    await expect(page.locator(".why-layer tfoot td.num").first()).toBeVisible();
    // Each number's text, laid out: the distinct tops of its line boxes (one when it does not wrap).
    const numbers = await page.locator(".why-layer td.num").evaluateAll((cells) =>
      cells.map((cell) => {
        const range = document.createRange();
        range.selectNodeContents(cell.classList.contains("why-points") ? cell.querySelector(".why-points__value")! : cell);
        const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
        return { text: cell.textContent!.trim(), lines: tops.size };
      }),
    );
    const subtotals = numbers.filter((n) => /^[+−]?\d+\.\d$/.test(n.text));
    expect(subtotals.length, `${url}: numbers found`).toBeGreaterThan(3);
    expect(
      numbers.filter((n) => n.lines > 1 && !n.text.includes(" ")),
      `${url}: a number broken over lines`,
    ).toEqual([]);
  }
});
