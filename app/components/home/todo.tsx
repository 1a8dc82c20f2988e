/**
 * One item of a home page's to-do list: how many there are (counted by the domain), the latest
 * few, and a link to the page where they are dealt with. The empty line is shown only when the
 * count is 0, so a card can never say "none" while something is waiting.
 */
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { formatNumber } from "~/lib/format";

export function TodoCard({ id, title, total, to, more, empty, children }: { id: string; title: string; total: number; to: string | null; more?: string; empty: string; children?: ReactNode }) {
  return (
    <section className="card todo" aria-labelledby={`${id}-heading`} data-count={total}>
      <h2 id={`${id}-heading`}>
        {to && total > 0 ? (
          <Link to={to}>
            <span className="stat">{formatNumber(total)}</span> {title}
          </Link>
        ) : (
          <>
            <span className="stat">{formatNumber(total)}</span> {title}
          </>
        )}
      </h2>
      {total === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <>
          <ul className="todo__list">{children}</ul>
          {to ? (
            <p>
              <Link to={to}>{more ?? `All ${formatNumber(total)}`}</Link>
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}
