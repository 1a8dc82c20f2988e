import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useFormat } from "~/i18n/format";

export interface AnswersCardProps {
  supplierId: number;
  summary: { state: "not_linked" | "not_shared" | "nothing_submitted" | "shared"; submittedAt: number | null; current: boolean | null; openRequests: number; overdueRequests: number; awaitingReply: number };
}

/** The supplier page's summary of the self-assessment answers (issue 20); the answers page has the rest. */
export function AnswersCard({ supplierId, summary }: AnswersCardProps) {
  const { t } = useTranslation("suppliers");
  const f = useFormat();
  const s = summary;
  return (
    <section className="card" aria-labelledby="answers-card-heading" data-testid="answers-card" data-state={s.state}>
      <h2 id="answers-card-heading">{t("answers.title")}</h2>
      <p>
        {s.state === "shared" && s.submittedAt !== null
          ? t(s.current ? "answers.card.shared" : "answers.card.sharedExpired", { date: f.date(s.submittedAt) })
          : t(`answers.card.${s.state as "not_linked" | "not_shared" | "nothing_submitted"}`)}
      </p>
      <ul className="plain-list">
        <li>
          {t("answers.card.openRequests", { count: s.openRequests, n: f.number(s.openRequests) })}
          {s.overdueRequests > 0 ? <span className="badge badge--warning">{t("answers.card.overdue", { count: s.overdueRequests, n: f.number(s.overdueRequests) })}</span> : null}
        </li>
        {s.state === "shared" ? <li>{t("answers.card.awaitingReply", { count: s.awaitingReply, n: f.number(s.awaitingReply) })}</li> : null}
      </ul>
      <p>
        <Link to={`/suppliers/${supplierId}/answers`}>{t("answers.card.open")}</Link>
      </p>
    </section>
  );
}
