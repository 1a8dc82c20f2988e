/**
 * The world map of suppliers (drawn on the server, app/domain/maps/world-map.server.ts) and, beside
 * it, the same figures as a table: the table is what a screen reader reads and what a person copies;
 * the map is where one looks first. Each country links to the supplier list filtered by it.
 */
import { Link } from "@remix-run/react";
import { formatNumber } from "~/lib/format";
import { TableWrap } from "../table-wrap";

export interface MapCountryRow {
  country: string;
  name: string;
  suppliers: number;
  scored: number;
  meanScore: number | null;
}

/** The map's drawn size (the image scales down to its container). */
const WIDTH = 960;
const HEIGHT = 484;

export function WorldMap({ src, rows, alt }: { src: string; rows: readonly MapCountryRow[]; alt: string }) {
  const unscored = rows.reduce((total, r) => total + (r.suppliers - r.scored), 0);
  return (
    <div className="world-map">
      <figure className="world-map__figure">
        <img src={src} alt={alt} width={WIDTH} height={HEIGHT} decoding="async" />
        <figcaption className="muted">
          Shade: the mean score of each country&apos;s scored suppliers. Hatched: suppliers with no score yet (unknown, not low). Countries too small to draw are dots.
          {unscored > 0 ? ` ${formatNumber(unscored)} of your suppliers have no score yet.` : ""}
        </figcaption>
      </figure>
      <TableWrap label="Suppliers by country">
        <table className="world-map__table">
          <caption className="muted">
            {formatNumber(rows.length)} {rows.length === 1 ? "country" : "countries"}, most suppliers first
          </caption>
          <thead>
            <tr>
              <th scope="col">Country</th>
              <th scope="col" className="num">
                Suppliers
              </th>
              <th scope="col" className="num">
                Mean score
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.country}>
                <th scope="row">
                  <Link to={`/suppliers?${new URLSearchParams({ country: r.country })}`}>{r.name}</Link>
                </th>
                <td className="num">{formatNumber(r.suppliers)}</td>
                <td className="num">
                  {r.meanScore === null ? "not scored" : r.meanScore.toFixed(0)}
                  {r.meanScore !== null && r.scored < r.suppliers ? <span className="cell-sub">{formatNumber(r.suppliers - r.scored)} not scored</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </div>
  );
}
