import type { ReactNode } from "react";
import { TableWrap, Th } from "~/components/table-wrap";
import { formatNumber } from "~/lib/format";

export interface ReviewBandChanges {
  scored: number;
  total: number;
  up: number;
  changes: { supplierId: number; supplier: string; company: string; scoreBefore: number | null; bandBefore: string | null; scoreAfter: number; bandAfter: string }[];
}

const score = (n: number | null) => (n === null ? "not scored" : n.toFixed(1));

/** What a version changes against the active one, in words. */
export function Differences({ lines, against }: { lines: string[]; against: string }) {
  return (
    <section aria-labelledby="diff-title">
      <h2 id="diff-title">What changes against version {against}</h2>
      {lines.length ? (
        <ul className="diff-list">
          {lines.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      ) : (
        <p>Nothing: every parameter is the same as in version {against}.</p>
      )}
    </section>
  );
}

/** The suppliers whose band the version would change, scored by the real scorer; the first few, with the count. */
export function BandChangeList({ bands, more }: { bands: ReviewBandChanges; more?: ReactNode }) {
  const down = bands.total - bands.up;
  return (
    <section aria-labelledby="bands-title">
      <h2 id="bands-title">Suppliers whose band would change</h2>
      <p>
        Scored with this version on today&apos;s inputs and reference data: {formatNumber(bands.scored)} supplier{bands.scored === 1 ? "" : "s"}, of which <strong>{formatNumber(bands.total)}</strong> would change band ({formatNumber(bands.up)} up, {formatNumber(down)} down).
        {bands.total > bands.changes.length ? ` The ${formatNumber(bands.changes.length)} largest moves are listed.` : ""}
      </p>
      {bands.changes.length ? (
        <TableWrap label="Suppliers whose band would change">
          <table className="stack-table">
            <thead>
              <tr>
                <Th>Supplier</Th>
                <Th>Company</Th>
                <Th>Now</Th>
                <Th>With this version</Th>
              </tr>
            </thead>
            <tbody>
              {bands.changes.map((c) => (
                <tr key={c.supplierId}>
                  <td className="cell-name" data-label="Supplier">
                    {c.supplier}
                  </td>
                  <td data-label="Company">{c.company}</td>
                  <td data-label="Now">
                    {c.bandBefore ?? "—"} ({score(c.scoreBefore)})
                  </td>
                  <td data-label="With this version">
                    <strong>{c.bandAfter}</strong> ({score(c.scoreAfter)})
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : null}
      {more}
    </section>
  );
}
