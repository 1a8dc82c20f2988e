/**
 * Moving through a long list with plain links (no JavaScript needed): previous / next and a few
 * page numbers around the current one, and column headers that sort. Both carry the list's
 * filters (`params`), so that paging or sorting never loses them.
 */
import { Link } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { useFormat } from "~/i18n/format";

export type QueryParams = Record<string, string | number | readonly string[] | null | undefined>;

/** Builds "?a=1&b=x&b=y" from params, leaving out empty values. */
export function queryString(params: QueryParams, extra: QueryParams = {}): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...params, ...extra })) {
    if (value === null || value === undefined || value === "") continue;
    if (Array.isArray(value)) for (const v of value as readonly string[]) search.append(key, v);
    else search.set(key, String(value));
  }
  const s = search.toString();
  return s ? `?${s}` : "?";
}

/** The page numbers to show: first, last, and two either side of the current one, with gaps. */
export function pageWindow(page: number, pages: number): (number | "gap")[] {
  const wanted = new Set([1, pages, page - 2, page - 1, page, page + 1, page + 2].filter((n) => n >= 1 && n <= pages));
  const sorted = [...wanted].sort((a, b) => a - b);
  const out: (number | "gap")[] = [];
  sorted.forEach((n, i) => {
    if (i > 0 && n - (sorted[i - 1] ?? n) > 1) out.push("gap");
    out.push(n);
  });
  return out;
}

export function Pagination({ page, pages, params = {}, label }: { page: number; pages: number; params?: QueryParams; label?: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (pages <= 1) return null;
  const pageLabel = (n: number) => <Trans t={t} i18nKey="pagination.page" values={{ page: f.number(n) }} components={{ 1: <span className="visually-hidden" /> }} />;
  const href = (n: number) => queryString(params, { page: n === 1 ? undefined : n });
  return (
    <nav className="pagination" aria-label={label ?? t("pagination.label")}>
      {page > 1 ? (
        <Link to={href(page - 1)} rel="prev">
          {t("pagination.previous")}
        </Link>
      ) : (
        <span className="pagination__edge" aria-hidden="true">
          {t("pagination.previous")}
        </span>
      )}
      <ol className="pagination__pages">
        {pageWindow(page, pages).map((n, i) =>
          n === "gap" ? (
            <li key={`gap-${i}`} aria-hidden="true">
              …
            </li>
          ) : (
            <li key={n}>
              {n === page ? (
                <span className="pagination__current" aria-current="page">
                  {pageLabel(n)}
                </span>
              ) : (
                <Link to={href(n)}>
                  {pageLabel(n)}
                </Link>
              )}
            </li>
          )
        )}
      </ol>
      {page < pages ? (
        <Link to={href(page + 1)} rel="next">
          {t("pagination.next")}
        </Link>
      ) : (
        <span className="pagination__edge" aria-hidden="true">
          {t("pagination.next")}
        </span>
      )}
    </nav>
  );
}

/**
 * A column header that sorts the list: a link that sorts by this column (or reverses the order
 * when it already does), with aria-sort telling assistive technology how the list is sorted.
 */
export function SortTh({
  column,
  label,
  sort,
  dir,
  defaultDir,
  params,
  num = false,
}: {
  column: string;
  label: string;
  sort: string;
  dir: "asc" | "desc";
  defaultDir: "asc" | "desc";
  params: QueryParams;
  num?: boolean;
}) {
  const { t } = useTranslation();
  const active = sort === column;
  const next = active ? (dir === "asc" ? "desc" : "asc") : defaultDir;
  return (
    <th scope="col" className={num ? "num" : undefined} aria-sort={active ? (dir === "asc" ? "ascending" : "descending") : undefined}>
      <Link className={`sort-link${active ? " sort-link--active" : ""}`} to={queryString(params, { sort: column, dir: next })}>
        {label}
        <span className="sort-link__arrow" aria-hidden="true">
          {active ? (dir === "asc" ? "\u00a0▲" : "\u00a0▼") : "\u00a0↕"}
        </span>
        <span className="visually-hidden">{next === "asc" ? t("pagination.sortAscending") : t("pagination.sortDescending")}</span>
      </Link>
    </th>
  );
}
