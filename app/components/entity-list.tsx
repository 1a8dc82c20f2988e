/**
 * The columns the supplier and recruiter lists both lead with: the risk score (with its range),
 * the confidence, the red flags and the name (linked, with the entity's own id). Shared so that
 * the two lists read the same way where they show the same thing; the columns after these are
 * each list's own.
 */
import { Link } from "@remix-run/react";
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
  const sortProps = { sort, dir, params };
  return (
    <>
      <SortTh column="score" label="Risk score" defaultDir="desc" {...sortProps} />
      <Th num>Confidence</Th>
      <Th num>Red flags</Th>
      <SortTh column="name" label="Name" defaultDir="asc" {...sortProps} />
    </>
  );
}

/** The lead columns' cells for one row; `href` is the entity's own page. */
export function RiskLeadCells({ row, href }: { row: RiskLeadRow; href: string }) {
  return (
    <>
      <td data-label="Risk score">
        <BandBadge band={row.riskBand} score={row.riskScore} low={row.riskScoreLow} high={row.riskScoreHigh} />
      </td>
      <td className="num" data-label="Confidence">{shareText(row.riskConfidence)}</td>
      <td className="num" data-label="Red flags">
        <RedFlagCount count={row.riskRedFlags} />
      </td>
      <td className="cell-name">
        <Link to={href}>{row.name}</Link>
        <span className="cell-sub">{row.externalId}</span>
      </td>
    </>
  );
}
