/**
 * Country × sector heatmap as a real table: each cell prints its number of suppliers and mean
 * score, the shade only repeats the mean score (five steps, with a legend), and each cell links
 * to the filtered supplier list.
 */
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useFormat } from "~/i18n/format";
import { TableWrap } from "../table-wrap";

export interface HeatCell {
  country: string;
  sector: string;
  suppliers: number;
  meanScore: number | null;
}

/** The dashboard's name for suppliers without a sector (a value, not a word on the page). */
const UNKNOWN_SECTOR = "Unknown";

const step = (score: number | null) => (score === null ? "none" : String(Math.min(4, Math.floor(score / 20))));

export function Heatmap({ countries, sectors, cells, countryName }: { countries: string[]; sectors: string[]; cells: HeatCell[]; countryName: Record<string, string> }) {
  const { t } = useTranslation("home");
  const f = useFormat();
  const at = new Map(cells.map((c) => [`${c.country}|${c.sector}`, c]));
  return (
    <TableWrap label={t("heatmap.label")}>
      <table className="heatmap">
        <caption className="muted">{t("heatmap.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("heatmap.corner")}</th>
            {sectors.map((s) => (
              // A sector as the companies' lists name it: data, not words of the platform (translate="no").
              <th key={s} scope="col" translate={s === UNKNOWN_SECTOR ? undefined : "no"}>
                {s === UNKNOWN_SECTOR ? t("heatmap.unknownSector") : s}
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
                if (!cell) return <td key={s} className="heatmap__cell heatmap__cell--empty" aria-label={t("heatmap.noSuppliers")} />;
                return (
                  <td key={s} className={`heatmap__cell heatmap__cell--${step(cell.meanScore)}`}>
                    <Link to={`/suppliers?${new URLSearchParams({ ...(c !== "—" ? { country: c } : {}), ...(s !== UNKNOWN_SECTOR ? { sector: s } : {}) })}`}>
                      <strong>{f.number(cell.suppliers)}</strong>
                      <span className="heatmap__mean">{cell.meanScore === null ? t("heatmap.notScored") : t("heatmap.mean", { score: f.number(cell.meanScore, { maximumFractionDigits: 0 }) })}</span>
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
