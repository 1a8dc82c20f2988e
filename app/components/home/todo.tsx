/**
 * A home page's to-do list: for each kind of item, how many there are (counted by the domain), the
 * latest few, and a link to the page where they are dealt with. Items with something waiting get a
 * card each; the rest share one short "Nothing waiting" card, each line shown only because its
 * count is 0 (so nothing can read "none" while something waits), and a phone does not scroll past
 * empty cards to reach the page.
 */
import { Link } from "@remix-run/react";
import type { ReactElement, ReactNode } from "react";
import { useTranslation } from "react-i18next";

export interface TodoItem {
  /** Stable id: the card's heading id and its data-todo attribute (tests read the count there). */
  id: string;
  /**
   * The count and what is counted, as one translated sentence ("<1>3</1> open contests"): `count`
   * is the element the number is put in (large on a card, plain in the "Nothing waiting" list).
   */
  title: (count: ReactElement) => ReactNode;
  total: number;
  /** The page where these are dealt with (filtered where it has a filter), or null without one. */
  to: string | null;
  /** The text of the link under the latest items (default "Open the list"). */
  more?: string;
  /** Why there is nothing, shown after "0 <title>": "partners have nothing waiting for your answer". */
  empty: string;
  /** The latest few, as list items. */
  lines: ReactNode;
}

function TodoCard({ item }: { item: TodoItem }) {
  const { t } = useTranslation("home");
  const heading = item.title(<span className="stat" />);
  return (
    <section className="card todo" aria-labelledby={`${item.id}-heading`} data-todo={item.id} data-count={item.total}>
      <h2 id={`${item.id}-heading`}>{item.to ? <Link to={item.to}>{heading}</Link> : heading}</h2>
      <ul className="todo__list">{item.lines}</ul>
      {item.to ? (
        <p>
          <Link to={item.to}>{item.more ?? t("todo.openList")}</Link>
        </p>
      ) : null}
    </section>
  );
}

export function TodoList({ items, label }: { items: TodoItem[]; label?: string }) {
  const { t } = useTranslation("home");
  const waiting = items.filter((i) => i.total > 0);
  const none = items.filter((i) => i.total === 0);
  return (
    <>
      {waiting.length ? (
        <div className="grid todo-grid">
          {waiting.map((i) => (
            <TodoCard key={i.id} item={i} />
          ))}
        </div>
      ) : null}
      {none.length ? (
        <section className="card todo todo--none" aria-labelledby="todo-none-heading">
          <h2 id="todo-none-heading">{label ?? t("todo.nothingWaiting")}</h2>
          <ul className="todo__list">
            {none.map((i) => (
              <li key={i.id} data-todo={i.id} data-count={0}>
                <strong>{i.title(<span />)}</strong>: {i.empty}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
