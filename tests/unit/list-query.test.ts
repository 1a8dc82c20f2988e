/**
 * What the supplier and recruiter lists share (issue 16, item 6): the band filter values are one
 * list, parsed alike, the search treats % and _ as text, the page is held within range, and the
 * filter form keeps a non-default sort when filters are applied or cleared.
 */
import { createElement, type ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { SQLiteSyncDialect } from "drizzle-orm/sqlite-core";
import { describe, expect, it, vi } from "vitest";
import { recruiters } from "#db/schema";
import { I18nextProvider } from "react-i18next";
import { BandFilterFieldset, FilterActions } from "~/components/filters";
import { i18nFor } from "~/i18n/i18n.server";
import { anyContains, bandCondition, pageOf, queryDir, queryPage } from "~/domain/list-query.server";
import { BAND_FILTERS, parseBandFilters } from "~/domain/risk/band-filters";
import { BANDS } from "~/domain/risk/types";

vi.mock("@remix-run/react", () => ({ Link: ({ to, children }: { to: string; children: ReactNode }) => createElement("a", { href: to }, children) }));

const dialect = new SQLiteSyncDialect();
const params = (q: string) => new URLSearchParams(q);

describe("band filters", () => {
  it("are the bands and 'none', and keep only those, once each", () => {
    expect(BAND_FILTERS).toEqual([...BANDS, "none"]);
    expect(parseBandFilters(params("band=high&band=bogus&band=none&band=high&band=HIGH"))).toEqual(["high", "none"]);
  });

  it("mean 'in one of these bands, or not scored' in SQL, and nothing when none is chosen", () => {
    expect(bandCondition([], recruiters.riskBand, recruiters.riskScore)).toBeUndefined();
    const only = dialect.sqlToQuery(bandCondition(["none"], recruiters.riskBand, recruiters.riskScore)!);
    expect(only.sql).toBe('"recruiters"."risk_score" is null');
    const both = dialect.sqlToQuery(bandCondition(["high", "critical", "none"], recruiters.riskBand, recruiters.riskScore)!);
    expect(both.sql).toBe('("recruiters"."risk_band" in (?, ?) or "recruiters"."risk_score" is null)');
    expect(both.params).toEqual(["high", "critical"]);
  });
});

describe("reading the query string", () => {
  it("falls back to page 1 and the sort's own direction on anything malformed", () => {
    expect([queryPage(params("")), queryPage(params("page=3")), queryPage(params("page=0")), queryPage(params("page=2.5")), queryPage(params("page=x"))]).toEqual([1, 3, 1, 1, 1]);
    expect([queryDir(params("dir=asc"), "desc"), queryDir(params("dir=up"), "desc"), queryDir(params(""), "asc")]).toEqual(["asc", "desc", "asc"]);
  });

  it("holds the page within 1..pages", () => {
    expect(pageOf(0, 5, 50)).toEqual({ pages: 1, page: 1, offset: 0 });
    expect(pageOf(120, 9, 50)).toEqual({ pages: 3, page: 3, offset: 100 });
    expect(pageOf(120, 2, 50)).toEqual({ pages: 3, page: 2, offset: 50 });
  });

  it("searches for % and _ as text, in any of the columns", () => {
    const q = dialect.sqlToQuery(anyContains("50%_a\\", recruiters.name, recruiters.externalId));
    expect(q.sql).toBe(`(ldd_fold("recruiters"."name") like ? escape '\\' or ldd_fold("recruiters"."external_id") like ? escape '\\')`);
    expect(q.params).toEqual(["%50\\%\\_a\\\\%", "%50\\%\\_a\\\\%"]);
  });
});

describe("the filter form's pieces", () => {
  // Rendered as the server renders a page: inside the i18n provider, in English.
  const html = (element: ReturnType<typeof createElement>) => renderToStaticMarkup(createElement(I18nextProvider, { i18n: i18nFor("en") }, element)).replace(/<!-- -->/g, "");

  it("offer every band and 'Not scored yet', ticking the chosen ones", () => {
    const out = html(createElement(BandFilterFieldset, { selected: ["critical", "none"] }));
    expect(out).toContain("<legend>Risk band</legend>");
    expect(out.match(/type="checkbox" name="band"/g)).toHaveLength(5);
    expect(out).toContain('<input type="checkbox" name="band" checked="" value="critical"/>Critical');
    expect(out).toContain('<input type="checkbox" name="band" checked="" value="none"/>Not scored yet');
    expect(out).toContain('<input type="checkbox" name="band" value="low"/>Low');
  });

  it("carry a non-default sort through 'Apply filters' and 'Clear filters'", () => {
    const sorted = html(createElement(FilterActions, { sort: { sort: "name", dir: "asc" }, filtered: true }));
    expect(sorted).toContain('<input type="hidden" name="sort" value="name"/><input type="hidden" name="dir" value="asc"/>');
    expect(sorted).toContain('<a href="?sort=name&amp;dir=asc">Clear filters</a>');
    const plain = html(createElement(FilterActions, { sort: null, filtered: false }));
    expect(plain).not.toContain("hidden");
    expect(plain).not.toContain("Clear filters");
    expect(plain).toContain('<button class="button" type="submit">Apply filters</button>');
  });
});
