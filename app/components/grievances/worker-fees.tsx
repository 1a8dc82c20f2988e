/**
 * The worker's part of the fee ledger on their /case page: the repayments the company recorded as
 * paid, and for each a plain form (no JavaScript: a cheap phone on a slow connection) answering
 * received / partly / not received. The code and secret travel as hidden fields, as on the rest of
 * the page: the worker has no account, and every answer re-opens the case through the rate-limited
 * check (workerConfirmInstalment). The lead mounts this into app/routes/case.tsx, whose action
 * handles intent "fee-confirm" with ConfirmInstalmentSchema.
 */
import { useTranslation } from "react-i18next";
import { FEE_ANSWERS, type FeeAnswer } from "~/domain/fees/constants";
import { formatMoney } from "~/domain/fees/money";
import { useFormat } from "~/i18n/format";

export interface WorkerFeesProps {
  fees: {
    currency: string;
    instalments: { id: number; paidOn: string; amountMinor: number; workers: number; perWorkerMinor: number; answer: FeeAnswer | null }[];
  } | null;
  code: string;
  secret: string;
  /** The instalment just answered, to thank the worker beside it. */
  savedInstalmentId?: number | null;
  /** A refusal of the last answer ("public:fees.errors.*" already translated), by instalment. */
  error?: { instalmentId: number | null; message: string; answer?: string | null } | null;
}

export function WorkerFees({ fees, code, secret, savedInstalmentId = null, error = null }: WorkerFeesProps) {
  const { t } = useTranslation("public");
  const f = useFormat();
  if (!fees) return null;
  const money = (minor: number) => formatMoney(minor, fees.currency, f.locale);
  return (
    <section className="card" aria-labelledby="worker-fees-heading">
      <h2 id="worker-fees-heading">{t("fees.heading")}</h2>
      <p>{t("fees.intro")}</p>
      <p className="muted">{t("fees.privacy")}</p>
      {error && error.instalmentId === null ? (
        <p className="error" role="alert">
          {error.message}
        </p>
      ) : null}
      {fees.instalments.length === 0 ? (
        <p>{t("fees.none")}</p>
      ) : (
        <ul className="worker-fee-list">
          {fees.instalments.map((i) => {
            const fieldId = `fee-answer-${i.id}`;
            const refused = error?.instalmentId === i.id ? error.message : null;
            return (
              <li key={i.id}>
                {/* Multipart like every form of /case: its action reads one kind of body (the other forms carry files). */}
                <form method="post" action="/case" encType="multipart/form-data">
                  <input type="hidden" name="intent" value="fee-confirm" />
                  <input type="hidden" name="code" value={code} />
                  <input type="hidden" name="secret" value={secret} />
                  <input type="hidden" name="instalmentId" value={i.id} />
                  <p className="worker-fee-list__paid">
                    {t("fees.paid", { day: f.date(i.paidOn), amount: money(i.amountMinor) })}
                    <br />
                    <strong>{t("fees.share", { perWorker: money(i.perWorkerMinor) })}</strong>
                  </p>
                  <fieldset className="field" aria-describedby={refused ? `${fieldId}-error` : undefined}>
                    <legend>{t("fees.question")}</legend>
                    {FEE_ANSWERS.map((a) => (
                      <label key={a} className="checkbox">
                        <input type="radio" name="answer" value={a} defaultChecked={(refused && error?.answer ? error.answer : i.answer) === a} required /> {t(`fees.answer.${a}`)}
                      </label>
                    ))}
                    {refused ? (
                      <span className="error" id={`${fieldId}-error`}>
                        {refused}
                      </span>
                    ) : null}
                  </fieldset>
                  {i.answer ? <p className="muted">{t("fees.yourAnswer", { answer: t(`fees.answer.${i.answer}`) })}</p> : null}
                  {savedInstalmentId === i.id ? <p role="status">{t("fees.thanks")}</p> : null}
                  <button type="submit" className="button">
                    {t("fees.send")}
                  </button>
                </form>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
