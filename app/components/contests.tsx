import { Link } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { useFormat } from "~/i18n/format";

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

/** A contest's status in words: an open one says who is to answer it. */
export function ContestStatusText({ contest: c }: { contest: Pick<ContestItem, "status" | "kind"> }) {
  const { t } = useTranslation("contests");
  if (c.status === "open") return <>{c.kind === "method" ? t("status.open_method") : t("status.open_score")}</>;
  if (c.status === "answered") return <>{t("status.answered")}</>;
  if (c.status === "closed") return <>{t("status.closed")}</>;
  return <>{c.status}</>;
}

/** "The data about this supplier" / "The method", and the line of the breakdown if one. */
export function ContestSubject({ contest: c }: { contest: Pick<ContestItem, "kind" | "factorText" | "methodologyVersion"> }) {
  const { t } = useTranslation("contests");
  const key =
    c.kind === "method"
      ? c.methodologyVersion
        ? c.factorText
          ? "subject.methodVersion_factor"
          : "subject.methodVersion_whole"
        : c.factorText
          ? "subject.method_factor"
          : "subject.method_whole"
      : c.factorText
        ? "subject.data_factor"
        : "subject.data_whole";
  return (
    <p className="contest__subject">
      <Trans t={t} i18nKey={key} values={{ version: c.methodologyVersion ?? "", factor: c.factorText ?? "" }} components={{ 1: <strong /> }} />
    </p>
  );
}

/**
 * Contests with their answers, newest first. `viewer` decides who is named: the union needs not
 * read its own name on each line but the company that shared the supplier; the company the union.
 */
export function ContestList({ contests, linkTo, showSupplier = false, viewer = "company" }: { contests: ContestItem[]; linkTo: (id: number) => string; showSupplier?: boolean; viewer?: "company" | "union" | "platform" }) {
  const { t } = useTranslation("contests");
  const f = useFormat();
  if (contests.length === 0) return <p>{t("list.none")}</p>;
  return (
    <ol className="contest-list">
      {contests.map((c) => (
        <li key={c.id} className={`contest contest--${c.status}`}>
          <p className="contest__meta">
            <strong>
              <ContestStatusText contest={c} />
            </strong>
            {" · "}
            <Link to={linkTo(c.id)}>{t("contest.number", { id: c.id })}</Link>
            {showSupplier && c.supplierName ? ` · ${c.supplierName}` : ""}
            {viewer === "union" && showSupplier && c.companyName ? ` (${c.companyName})` : ""}
            {viewer === "union" && !c.shared ? ` · ${t("list.noLongerShared")}` : ""}
            {viewer === "union" ? (c.createdByName ? ` · ${t("list.by", { name: c.createdByName })}` : "") : ` · ${c.orgName}${c.createdByName ? ` (${c.createdByName})` : ""}`}
            {" · "}
            {f.dateTime(c.createdAt)}
          </p>
          <ContestSubject contest={c} />
          <blockquote className="contest__comment">{c.comment}</blockquote>
          {c.evidenceName ? (
            <p className="muted">
              <Trans t={t} i18nKey="list.evidence" values={{ name: c.evidenceName, size: f.bytes(c.evidenceSize ?? 0) }} components={{ 1: <a href={`/contests/${c.id}/evidence`}>{c.evidenceName}</a> }} />
            </p>
          ) : null}
          {c.response ? (
            <div className="contest__response">
              <p className="muted">
                {c.respondedAt
                  ? c.kind === "method"
                    ? t("list.answerAt_method", { date: f.dateTime(c.respondedAt) })
                    : t("list.answerAt_score", { date: f.dateTime(c.respondedAt) })
                  : c.kind === "method"
                    ? t("list.answer_method")
                    : t("list.answer_score")}
              </p>
              <blockquote>{c.response}</blockquote>
            </div>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
