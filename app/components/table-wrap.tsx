import type { ReactNode } from "react";

/**
 * A table that may scroll sideways on a narrow screen. The scrolling region is focusable and
 * named, so keyboard users can scroll it too (WCAG 2.1.1).
 */
export function TableWrap({ label, children }: { label: string; children: ReactNode }) {
  return (
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
    <div className="table-wrap" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}

/** A column header; `num` right-aligns it over a column of figures. */
export function Th({ children, num = false }: { children: ReactNode; num?: boolean }) {
  return (
    <th scope="col" className={num ? "num" : undefined}>
      {children}
    </th>
  );
}
