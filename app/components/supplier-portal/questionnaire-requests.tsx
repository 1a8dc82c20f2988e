import { useTranslation } from "react-i18next";
import { useFormat } from "~/i18n/format";

export interface OpenRequest {
  id: number;
  buyer: string;
  dueOn: string;
  overdue: boolean;
  answerableByShare: boolean;
}

/**
 * A site's open questionnaire requests, nearest due day first (requestsForSite orders them): the
 * in-app reminder. Overdue is computed by the domain against today, never assumed from the list.
 */
export function RequestList({ requests }: { requests: readonly OpenRequest[] }) {
  const { t } = useTranslation("questionnaire");
  const f = useFormat();
  return (
    <>
      <h3>{t("page.requests.heading", { count: requests.length })}</h3>
      <ul className="stack" data-testid="questionnaire-requests">
        {requests.map((r) => (
          <li key={r.id}>
            <span translate="no">{r.buyer}</span>: {t("page.requests.due", { day: f.date(r.dueOn) })}{" "}
            {r.overdue ? <span className="badge badge--danger">{t("page.requests.overdue")}</span> : null}
            {r.answerableByShare ? <span className="muted"> {t("page.requests.answerableByShare")}</span> : null}
          </li>
        ))}
      </ul>
    </>
  );
}
