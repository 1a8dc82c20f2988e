import { formatNumber } from "~/lib/format";
import type { ImportKind, ImportStatus } from "#db/schema";

export const KIND_LABEL: Record<ImportKind, string> = { suppliers: "Supplier list", recruiters: "Recruiter list" };

const STATUS: Record<ImportStatus, { label: string; tone: string }> = {
  uploaded: { label: "Columns to confirm", tone: "info" },
  analysing: { label: "Checking…", tone: "info" },
  analysed: { label: "Checked, not imported", tone: "warning" },
  importing: { label: "Importing…", tone: "info" },
  imported: { label: "Imported", tone: "ok" },
  failed: { label: "Failed", tone: "danger" },
  cancelled: { label: "Cancelled", tone: "muted" },
};

export function ImportStatusBadge({ status }: { status: ImportStatus }) {
  const s = STATUS[status];
  return <span className={`badge badge--${s.tone}`}>{s.label}</span>;
}

/** A progress bar with its numbers spelled out (rows, percentage, rows per second). */
export function ImportProgress({ label, rows, bytes, totalBytes, startedAt, now }: { label: string; rows: number; bytes: number; totalBytes: number; startedAt: number; now: number }) {
  const percent = totalBytes > 0 ? Math.min(100, Math.floor((bytes / totalBytes) * 100)) : 0;
  const seconds = Math.max(0.001, (now - startedAt) / 1000);
  const rate = Math.round(rows / seconds);
  return (
    <div className="progress-block" role="status" aria-live="polite">
      <label htmlFor="import-progress">{label}</label>
      <progress id="import-progress" max={100} value={percent}>
        {percent} %
      </progress>
      <p>
        {formatNumber(rows)} rows · {percent} % · {formatNumber(rate)} rows per second
      </p>
    </div>
  );
}
