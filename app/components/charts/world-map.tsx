/**
 * The world map of suppliers (drawn on the server, app/domain/maps/world-map.server.ts) and, beside
 * it, the same figures as a table: the table is what a screen reader reads and what a person copies;
 * the map is where one looks first. Each country links to the supplier list filtered by it.
 */
import { Link } from "@remix-run/react";
import { formatNumber } from "~/lib/format";
import { TableWrap } from "../table-wrap";

export interface MapCountryRow {
  /** Alpha-2; empty for a pooled row (several countries, not drawn on the map). */
  country: string;
  name: string;
  suppliers: number;
  scored: number;
  meanScore: number | null;
}

/** The map's drawn size (the image scales down to its container). */
const WIDTH = 960;
const HEIGHT = 484;

/**
 * `whose`: whose suppliers, in the caption ("your suppliers"); `linkCountry`: where a country's row
 * leads (the company's filtered supplier list), or nothing where there is no list to open (the
 * regulator sees aggregates only).
 */
export function WorldMap({
  src,
  rows,
  alt,
  whose = "your suppliers",
  linkCountry = (code) => `/suppliers?${new URLSearchParams({ country: code })}`,
  note,
}: {
  src: string;
  rows: readonly MapCountryRow[];
  alt: string;
  whose?: string;
  linkCountry?: ((code: string) => string) | null;
  note?: string;
}) {
  const unscored = rows.reduce((total, r) => total + (r.suppliers - r.scored), 0);
  const countries = rows.filter((r) => r.country).length;
  const pools = rows.length - countries;
  return (
    <div className="world-map">
      <figure className="world-map__figure">
        <img src={src} alt={alt} width={WIDTH} height={HEIGHT} decoding="async" />
        <figcaption className="muted">
          Shade: the mean score of each country&apos;s scored suppliers. Hatched: suppliers with no score yet (unknown, not low). Countries too small to draw are dots.
          {unscored > 0 ? ` ${formatNumber(unscored)} of ${whose} have no score yet.` : ""}
          {note ? ` ${note}` : ""}
        </figcaption>
      </figure>
      <TableWrap label="Suppliers by country">
        <table className="world-map__table">
          <caption className="muted">
            {formatNumber(countries)} {countries === 1 ? "country" : "countries"}
            {pools ? ` and ${formatNumber(pools)} pooled group${pools === 1 ? "" : "s"} (not on the map)` : ""}, most suppliers first
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
              <tr key={r.country || r.name}>
                <th scope="row">
                  {linkCountry && r.country ? <Link to={linkCountry(r.country)}>{r.name}</Link> : r.name}
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
