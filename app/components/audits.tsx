/** Small pieces shared by the audit pages. */
import type { ReactNode } from "react";
import type { Conflict } from "~/domain/audits/conflicts";
import { ACTION_STATUS_LABELS, TYPE_LABELS } from "~/domain/audits/form-schemas";
import { STATUS_LABELS } from "~/domain/audits/status";
import { INDICATORS } from "~/domain/indicators";
import { BandBadge } from "./risk/band-badge";

export const indicatorLabel = (code: string): string => INDICATORS.find((i) => i.code === code)?.label ?? code;

// The zone-labelled times live beside the domain (the ICS feed and the PDFs use them too); re-exported for the pages.
export { inZone, placeTime, timeInZones, windowInZones, windowText } from "~/domain/audits/zone-text";

export function AuditType({ type }: { type: string }) {
  return <>{TYPE_LABELS[type as keyof typeof TYPE_LABELS] ?? type}</>;
}

const STATUS_TONE: Record<string, string> = { planned: "badge--muted", confirmed: "", in_progress: "badge--warning", completed: "badge--ok", report_issued: "badge--ok", cancelled: "badge--muted" };

export function AuditStatus({ status }: { status: string }) {
  return <span className={`badge ${STATUS_TONE[status] ?? ""}`}>{STATUS_LABELS[status as keyof typeof STATUS_LABELS] ?? status}</span>;
}

const SEVERITY_TONE: Record<string, string> = { critical: "badge--danger", major: "badge--warning", minor: "", not_observed: "badge--muted" };
const SEVERITY_LABEL: Record<string, string> = { critical: "Critical", major: "Major", minor: "Minor", not_observed: "Not observed" };

export function Severity({ result }: { result: string }) {
  return <span className={`badge ${SEVERITY_TONE[result] ?? ""}`}>{SEVERITY_LABEL[result] ?? result}</span>;
}


export function ActionStatus({ status, overdue }: { status: string; overdue: boolean }) {
  return (
    <>
      <span className={`badge ${status === "verified_closed" ? "badge--ok" : status === "submitted" ? "" : "badge--muted"}`}>{ACTION_STATUS_LABELS[status as keyof typeof ACTION_STATUS_LABELS] ?? status}</span>
      {overdue ? <span className="badge badge--danger">Overdue</span> : null}
    </>
  );
}

/** The rules' refusals, each with its explanation. */
export function ConflictList({ conflicts }: { conflicts: Conflict[] | undefined }) {
  if (!conflicts?.length) return null;
  return (
    <div className="alert alert--error" role="alert">
      <p>
        <strong>This time does not fit the scheduling rules:</strong>
      </p>
      <ul>
        {conflicts.map((c, i) => (
          <li key={i}>{c.message}</li>
        ))}
      </ul>
    </div>
  );
}

export function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </>
  );
}

/**
 * A workplace's risk as the inspectorate may see it: the band and score when a share includes
 * scores, else says so (rather than "not scored yet", which would be a different claim).
 */
export function WorkplaceRisk({ scoreShared, band, score, low, high, confidence }: { scoreShared: boolean; band: string | null; score: number | null; low?: number | null; high?: number | null; confidence?: number | null }) {
  if (!scoreShared) return <span className="band-badge band-badge--none">score not shared</span>;
  // One element, so that a page header's flex layout keeps the range beside its band.
  return (
    <span className="band-with-range">
      <BandBadge band={band} score={score} low={low} high={high} confidence={confidence} />
    </span>
  );
}
