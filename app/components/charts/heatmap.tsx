/**
 * Country × sector heatmap as a real table: each cell prints its number of suppliers and mean
 * score, the shade only repeats the mean score (five steps, with a legend), and each cell links
 * to the filtered supplier list.
 */
import { Link } from "@remix-run/react";
import { formatNumber } from "~/lib/format";
import { TableWrap } from "../table-wrap";

export interface HeatCell {
  country: string;
  sector: string;
  suppliers: number;
  meanScore: number | null;
}

const step = (score: number | null) => (score === null ? "none" : String(Math.min(4, Math.floor(score / 20))));

export function Heatmap({ countries, sectors, cells, countryName }: { countries: string[]; sectors: string[]; cells: HeatCell[]; countryName: Record<string, string> }) {
  const at = new Map(cells.map((c) => [`${c.country}|${c.sector}`, c]));
  return (
    <TableWrap label="Country by sector heatmap">
      <table className="heatmap">
        <caption className="muted">Each cell: suppliers, and their mean score (shade: 0–19 lightest … 80–100 darkest).</caption>
        <thead>
          <tr>
            <th scope="col">Country \ sector</th>
            {sectors.map((s) => (
              <th key={s} scope="col">
                {s}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {countries.map((c) => (
            <tr key={c}>
              <th scope="row">{countryName[c] ?? c}</th>
              {sectors.map((s) => {
                const cell = at.get(`${c}|${s}`);
                if (!cell) return <td key={s} className="heatmap__cell heatmap__cell--empty" aria-label="no suppliers" />;
                return (
                  <td key={s} className={`heatmap__cell heatmap__cell--${step(cell.meanScore)}`}>
                    <Link to={`/suppliers?${new URLSearchParams({ ...(c !== "—" ? { country: c } : {}), ...(s !== "Unknown" ? { sector: s } : {}) })}`}>
                      <strong>{formatNumber(cell.suppliers)}</strong>
                      <span className="heatmap__mean">{cell.meanScore === null ? "not scored" : `mean ${cell.meanScore.toFixed(0)}`}</span>
                    </Link>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
