import { useTranslation } from "react-i18next";
import type { GrievanceStatus } from "#db/schema";

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
