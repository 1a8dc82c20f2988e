/**
 * The world map of suppliers (drawn on the server, app/domain/maps/world-map.server.ts) and, beside
 * it, the same figures as a table: the table is what a screen reader reads and what a person copies;
 * the map is where one looks first. Each country links to the supplier list filtered by it.
 */
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useFormat } from "~/i18n/format";
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
 * `linkCountry`: where a country's row leads (the company's filtered supplier list), or nothing
 * where there is no list to open (the regulator sees aggregates only, and the caption then speaks
 * of "these suppliers", not "your suppliers"). Words from the `regulator` catalog's `map` section.
 */
export function WorldMap({
  src,
  rows,
  alt,
  linkCountry = (code) => `/suppliers?${new URLSearchParams({ country: code })}`,
  note,
}: {
  src: string;
  rows: readonly MapCountryRow[];
  alt: string;
  linkCountry?: ((code: string) => string) | null;
  note?: string;
}) {
  const { t } = useTranslation("regulator");
  const format = useFormat();
  const unscored = rows.reduce((total, r) => total + (r.suppliers - r.scored), 0);
  const countries = rows.filter((r) => r.country).length;
  const pools = rows.length - countries;
  return (
    <div className="world-map">
      <figure className="world-map__figure">
        <img src={src} alt={alt} width={WIDTH} height={HEIGHT} decoding="async" />
        <figcaption className="muted">
          {t("map.caption")}
          {unscored > 0 ? ` ${t(linkCountry ? "map.unscoredOwn" : "map.unscoredTheirs", { count: unscored })}` : ""}
          {note ? ` ${note}` : ""}
        </figcaption>
      </figure>
      <TableWrap label={t("map.table")}>
        <table className="world-map__table">
          <caption className="muted">
            {[t("map.countries", { count: countries }), pools ? t("map.pools", { count: pools }) : null, t("map.order")].filter(Boolean).join(" · ")}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t("map.col.country")}</th>
              <th scope="col" className="num">
                {t("map.col.suppliers")}
              </th>
              <th scope="col" className="num">
                {t("map.col.mean")}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.country || r.name}>
                <th scope="row">
                  {linkCountry && r.country ? <Link to={linkCountry(r.country)}>{r.name}</Link> : r.name}
                </th>
                <td className="num">{format.number(r.suppliers)}</td>
                <td className="num">
                  {r.meanScore === null ? t("map.notScored") : format.number(r.meanScore, { maximumFractionDigits: 0 })}
                  {r.meanScore !== null && r.scored < r.suppliers ? <span className="cell-sub">{t("map.someNotScored", { count: r.suppliers - r.scored })}</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </div>
  );
}
