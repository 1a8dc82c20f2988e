/**
 * The columns the supplier and recruiter lists both lead with: the risk score (with its range),
 * the confidence, the red flags and the name (linked, with the entity's own id). Shared so that
 * the two lists read the same way where they show the same thing; the columns after these are
 * each list's own.
 */
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SortTh, type QueryParams } from "~/components/pagination";
import { BandBadge } from "~/components/risk/band-badge";
import { RedFlagCount, shareText } from "~/components/risk/entity-parts";
import { Th } from "~/components/table-wrap";

export interface RiskLeadRow {
  name: string;
  externalId: string;
  riskScore: number | null;
  riskBand: string | null;
  riskScoreLow: number | null;
  riskScoreHigh: number | null;
  riskConfidence: number | null;
  riskRedFlags: number;
}

/** The lead columns' headers; score and name sort the list. */
export function RiskLeadHeaders({ sort, dir, params }: { sort: string; dir: "asc" | "desc"; params: QueryParams }) {
  const { t } = useTranslation("suppliers");
  const sortProps = { sort, dir, params };
  return (
    <>
      <SortTh column="score" label={t("columns.riskScore")} defaultDir="desc" {...sortProps} />
      <Th num>{t("columns.confidence")}</Th>
      <Th num>{t("columns.redFlags")}</Th>
      <SortTh column="name" label={t("columns.name")} defaultDir="asc" {...sortProps} />
    </>
  );
}

/** The lead columns' cells for one row; `href` is the entity's own page. */
export function RiskLeadCells({ row, href }: { row: RiskLeadRow; href: string }) {
  const { t } = useTranslation("suppliers");
  return (
    <>
      <td data-label={t("columns.riskScore")}>
        <BandBadge band={row.riskBand} score={row.riskScore} low={row.riskScoreLow} high={row.riskScoreHigh} />
      </td>
      <td className="num" data-label={t("columns.confidence")}>{shareText(row.riskConfidence)}</td>
      <td className="num" data-label={t("columns.redFlags")}>
        <RedFlagCount count={row.riskRedFlags} />
      </td>
      <td className="cell-name">
        <Link to={href}>{row.name}</Link>
        <span className="cell-sub">{row.externalId}</span>
      </td>
    </>
  );
}
