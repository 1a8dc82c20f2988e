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
