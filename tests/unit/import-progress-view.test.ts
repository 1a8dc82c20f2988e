/**
 * The import page's progress bar (issue 15, item 2): what it says is computed from the worker's
 * last report and the render time, never a fixed text; an estimated total says "about".
 */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { StepProgress, type ProgressUnit } from "~/components/import-progress";
// The component's words come from the catalogs: the server's i18next instance (English) serves them.
import "~/i18n/i18n.server";

const render = (progress: Parameters<typeof StepProgress>[0]["progress"], now: number, unit: ProgressUnit = "rows") =>
  renderToStaticMarkup(createElement(StepProgress, { id: "p", label: "Checking every row…", unit, progress, now })).replace(/<!-- -->/g, "");

describe("StepProgress", () => {
  it("spells out done of total, percentage, rate and time left", () => {
    const html = render({ done: 12_000, total: 40_000, fraction: 0.3, estimated: true, startedAt: 0 }, 2_000);
    expect(html).toContain('<progress id="p" max="100" value="30">');
    expect(html).toContain("12,000 of about 40,000 rows · 30 % · 6,000 rows per second · about 5 s left");
  });

  it("does not say 'about less than a second'", () => {
    expect(render({ done: 9_500, total: 10_000, fraction: 0.95, estimated: false, startedAt: 0 }, 1_000)).toContain("9,500 of 10,000 rows · 95 % · 9,500 rows per second · less than a second left");
  });

  it("gives an exact total without 'about', and no time left once done", () => {
    const html = render({ done: 50_000, total: 50_000, fraction: 1, estimated: false, startedAt: 0 }, 10_000, "entities");
    expect(html).toContain("50,000 of 50,000 suppliers and recruiters · 100 % · 5,000 suppliers and recruiters per second");
    expect(html).not.toContain("left");
  });

  it("says it is starting before the worker has reported", () => {
    const html = render(null, 1_000);
    expect(html).toContain("Starting… · 0 %");
    expect(html).not.toContain("per second");
  });
});
