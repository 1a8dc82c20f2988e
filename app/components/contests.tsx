import { Link } from "@remix-run/react";
import { formatBytes, formatDateTime } from "~/lib/format";

export interface ContestItem {
  id: number;
  supplierName: string;
  orgName: string;
  comment: string;
  evidenceName: string | null;
  evidenceSize: number | null;
  status: string;
  response: string | null;
  respondedAt: number | null;
  createdAt: number;
  createdByName: string | null;
}

const STATUS_LABEL: Record<string, string> = { open: "Open: awaiting the company's answer", answered: "Answered", closed: "Closed" };

/** Contests with their answers, newest first. */
export function ContestList({ contests, linkTo, showSupplier = false }: { contests: ContestItem[]; linkTo: (id: number) => string; showSupplier?: boolean }) {
  if (contests.length === 0) return <p>No contest has been raised.</p>;
  return (
    <ol className="contest-list">
      {contests.map((c) => (
        <li key={c.id} className={`contest contest--${c.status}`}>
          <p className="contest__meta">
            <Link to={linkTo(c.id)}>Contest #{c.id}</Link>
            {showSupplier ? ` · ${c.supplierName}` : ""} · {c.orgName}
            {c.createdByName ? ` (${c.createdByName})` : ""} · {formatDateTime(c.createdAt)} · <strong>{STATUS_LABEL[c.status] ?? c.status}</strong>
          </p>
          <blockquote className="contest__comment">{c.comment}</blockquote>
          {c.evidenceName ? (
            <p className="muted">
              Evidence: <a href={`/contests/${c.id}/evidence`}>{c.evidenceName}</a> ({formatBytes(c.evidenceSize ?? 0)})
            </p>
          ) : null}
          {c.response ? (
            <div className="contest__response">
              <p className="muted">Answer of the company{c.respondedAt ? `, ${formatDateTime(c.respondedAt)}` : ""}:</p>
              <blockquote>{c.response}</blockquote>
            </div>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
