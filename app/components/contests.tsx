import { Link } from "@remix-run/react";
import { formatBytes, formatDateTime } from "~/lib/format";

export interface ContestItem {
  id: number;
  kind: "score" | "method";
  supplierId: number;
  /** Null for the platform administrator (no supplier data). */
  supplierName: string | null;
  companyName: string | null;
  orgName: string;
  factorText: string | null;
  methodologyVersion: string | null;
  comment: string;
  evidenceName: string | null;
  evidenceSize: number | null;
  status: string;
  response: string | null;
  respondedAt: number | null;
  createdAt: number;
  createdByName: string | null;
  /** False once the supplier is no longer shared with the union that reads it. */
  shared: boolean;
}

/** Who answers a contest of this kind, in words. */
export const ANSWERER: Record<ContestItem["kind"], string> = { score: "the company", method: "the platform administrator" };

export function statusText(c: Pick<ContestItem, "status" | "kind">): string {
  if (c.status === "open") return `Open: awaiting ${ANSWERER[c.kind]}'s answer`;
  return c.status === "answered" ? "Answered" : c.status === "closed" ? "Closed" : c.status;
}

/** "The data about this supplier" / "The method", and the line of the breakdown if one. */
export function ContestSubject({ contest: c }: { contest: Pick<ContestItem, "kind" | "factorText" | "methodologyVersion"> }) {
  return (
    <p className="contest__subject">
      <strong>{c.kind === "method" ? "The method" : "The data about this supplier"}</strong>
      {c.kind === "method" && c.methodologyVersion ? ` (methodology version ${c.methodologyVersion})` : ""}
      {", "}
      {c.factorText ? <>the factor “{c.factorText}”</> : "the score as a whole"}
    </p>
  );
}

/**
 * Contests with their answers, newest first. `viewer` decides who is named: the union needs not
 * read its own name on each line but the company that shared the supplier; the company the union.
 */
export function ContestList({ contests, linkTo, showSupplier = false, viewer = "company" }: { contests: ContestItem[]; linkTo: (id: number) => string; showSupplier?: boolean; viewer?: "company" | "union" | "platform" }) {
  if (contests.length === 0) return <p>No contest has been raised.</p>;
  return (
    <ol className="contest-list">
      {contests.map((c) => (
        <li key={c.id} className={`contest contest--${c.status}`}>
          <p className="contest__meta">
            <strong>{statusText(c)}</strong> · <Link to={linkTo(c.id)}>Contest #{c.id}</Link>
            {showSupplier && c.supplierName ? ` · ${c.supplierName}` : ""}
            {viewer === "union" && showSupplier && c.companyName ? ` (${c.companyName})` : ""}
            {viewer === "union" && !c.shared ? " · no longer shared with you" : ""}
            {viewer === "union" ? (c.createdByName ? ` · by ${c.createdByName}` : "") : ` · ${c.orgName}${c.createdByName ? ` (${c.createdByName})` : ""}`} · {formatDateTime(c.createdAt)}
          </p>
          <ContestSubject contest={c} />
          <blockquote className="contest__comment">{c.comment}</blockquote>
          {c.evidenceName ? (
            <p className="muted">
              Evidence: <a href={`/contests/${c.id}/evidence`}>{c.evidenceName}</a> ({formatBytes(c.evidenceSize ?? 0)})
            </p>
          ) : null}
          {c.response ? (
            <div className="contest__response">
              <p className="muted">
                Answer of {ANSWERER[c.kind]}
                {c.respondedAt ? `, ${formatDateTime(c.respondedAt)}` : ""}:
              </p>
              <blockquote>{c.response}</blockquote>
            </div>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
