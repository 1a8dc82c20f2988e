import { useTranslation } from "react-i18next";
import type { ImportKind, ImportStatus } from "#db/schema";

/** "Supplier list" / "Recruiter list" in the reader's language. */
export function ImportKindName({ kind }: { kind: ImportKind }) {
  const { t } = useTranslation("imports");
  return <>{t(`kind.${kind}`)}</>;
}

const TONE: Record<ImportStatus, string> = {
  uploaded: "info",
  analysing: "info",
  analysed: "warning",
  importing: "info",
  imported: "ok",
  failed: "danger",
  cancelled: "muted",
};

export function ImportStatusBadge({ status }: { status: ImportStatus }) {
  const { t } = useTranslation("imports");
  // Badges do not wrap; this one's words run long in some languages ("Disemak, belum diimport"), and a
  // phone's table card is narrow: it may break onto a second line rather than be cut off.
  return (
    <span className={`badge badge--${TONE[status]}`} style={{ whiteSpace: "normal" }}>
      {t(`status.${status}`)}
    </span>
  );
}
