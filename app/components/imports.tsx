import { useTranslation } from "react-i18next";
import type { ImportKind, ImportStatus } from "#db/schema";
import { languageOf } from "~/i18n/languages";

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

/**
 * An instant with its zone in the reader's language, for the import pages. Stand-in for
 * `useFormat().dateTime`, which throws in V8 ("Can't set option timeZoneName when dateStyle is
 * used": app/i18n/format.ts combines dateStyle/timeStyle with timeZoneName). Same output shape,
 * with component options; drop it once format.ts is fixed.
 */
export function useDateTime(): (at: number | string | Date | null | undefined) => string {
  const { i18n } = useTranslation();
  const format = new Intl.DateTimeFormat(languageOf(i18n.language).intl, { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", timeZone: "UTC", timeZoneName: "short" });
  return (at) => (at === null || at === undefined ? "—" : format.format(new Date(at)));
}
