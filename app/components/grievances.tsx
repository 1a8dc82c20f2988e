import { useTranslation } from "react-i18next";
import type { GrievanceStatus } from "#db/schema";
import { languageOf } from "~/i18n/languages";

/** A case's state at a glance: urgent, status, overdue, escalated (words, not colour alone). */
export function CaseBadges({ status, urgent, escalated, overdue }: { status: GrievanceStatus; urgent: boolean; escalated: boolean; overdue: boolean }) {
  const { t } = useTranslation("grievances");
  return (
    <span className="case-badges">
      {urgent ? <span className="badge badge--danger">{t("case.urgent")}</span> : null}
      <span className={`badge ${status === "closed" ? "badge--muted" : status === "answered" ? "badge--ok" : ""}`}>{t(`case.status.${status}`)}</span>
      {overdue ? <span className="badge badge--warning">{t("case.overdue")}</span> : null}
      {escalated ? <span className="badge badge--warning">{t("case.escalated")}</span> : null}
    </span>
  );
}

/** A worker's language by name in the reader's language ("Nepali", "Nepalesisch"); the code where Intl does not know it. */
export function languageName(readerLocale: string, code: string): string {
  try {
    const name = new Intl.DisplayNames([languageOf(readerLocale).intl], { type: "language" }).of(code);
    return name && name !== code ? name : code;
  } catch {
    return code;
  }
}
