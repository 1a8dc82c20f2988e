/**
 * The worker's case page (/case), without an account or scripts: the case comes back only from a
 * POST of the case code and secret, and each form on it re-sends both as hidden fields (there is
 * no session to remember them).
 */
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { GrievanceCategory } from "~/domain/grievances/categories";
import type { WorkerReferral } from "~/domain/grievances/views.server";
import { useFormat } from "~/i18n/format";
import { FieldError, FormError } from "~/components/field";
import { WorkerFees, type WorkerFeesProps } from "./worker-fees";

type Party = "union" | "inspectorate" | "company";

export interface WorkerCaseData {
  caseCode: string;
  status: "new" | "triaged" | "in_progress" | "answered" | "closed";
  categories: GrievanceCategory[];
  since: string | null;
  createdAt: Date | string;
  timeline: { id: number; type: string; party: Party | null; orgName: string | null; body: string | null; remedy: string | null; rating: string | null; referral: WorkerReferral | null; createdAt: Date | string }[];
  reached: { party: Party; orgName: string }[];
  remedy: string | null;
  workerRating: number | null;
  closedAt: Date | string | null;
}

export interface CaseAnswer {
  ok: boolean;
  view?: WorkerCaseData;
  fees?: WorkerFeesProps["fees"];
  savedInstalmentId?: number;
  done?: "added" | "rated";
  errors?: Record<string, string>;
  values?: Record<string, string>;
  intent?: string;
}

const RATINGS = ["remedied", "partly", "not"] as const;
const isRating = (r: string | null): r is (typeof RATINGS)[number] => (RATINGS as readonly (string | null)[]).includes(r);
const RATING_OF: Record<number, (typeof RATINGS)[number]> = { 3: "remedied", 2: "partly", 1: "not" };

function KeyFields({ code, secret }: { code: string; secret: string }) {
  return (
    <>
      <input type="hidden" name="code" value={code} />
      <input type="hidden" name="secret" value={secret} />
    </>
  );
}

function OpenForm({ answer }: { answer: CaseAnswer | undefined }) {
  const { t } = useTranslation("public");
  const errors = answer?.errors ?? {};
  const values = answer?.values ?? {};
  return (
    <section className="worker-page">
      <h1>{t("case.title")}</h1>
      <p>{t("case.intro")}</p>
      <FormError message={errors.form ?? (answer?.intent !== "open" ? (errors.text ?? errors.file ?? errors.rating) : undefined)} />
      <Form method="post" encType="multipart/form-data" className="stack" noValidate>
        <input type="hidden" name="intent" value="open" />
        <div className="field">
          <label htmlFor="field-code">{t("case.code")}</label>
          <input id="field-code" name="code" dir="ltr" autoComplete="off" autoCapitalize="characters" maxLength={40} defaultValue={values.code} placeholder="G-XXXX-XXXX-XXXX" aria-invalid={errors.code ? true : undefined} aria-describedby={errors.code ? "field-code-error" : undefined} />
          <FieldError id="field-code" message={errors.code} />
        </div>
        <div className="field">
          <label htmlFor="field-secret">{t("case.secret")}</label>
          <input id="field-secret" name="secret" dir="ltr" autoComplete="off" autoCapitalize="characters" maxLength={60} defaultValue={values.secret} aria-invalid={errors.secret ? true : undefined} aria-describedby={errors.secret ? "field-secret-error" : undefined} />
          <FieldError id="field-secret" message={errors.secret} />
        </div>
        <button className="button" type="submit">
          {t("case.open")}
        </button>
      </Form>
    </section>
  );
}

export function WorkerCasePage({ answer }: { answer: CaseAnswer | undefined }) {
  const { t } = useTranslation("public");
  const f = useFormat();
  const view = answer?.view;
  if (!view) return <OpenForm answer={answer} />;
  // The key the worker typed, re-sent with each form below (the page is the answer to a POST, never cached).
  const code = answer?.values?.code ?? view.caseCode;
  const secret = answer?.values?.secret ?? "";
  // A refused form comes back with the case (app/routes/case.tsx): its errors and what was typed go beside that form only.
  const refusedOf = (intent: string) => (answer && !answer.ok && answer.intent === intent ? { errors: answer.errors ?? {}, values: answer.values ?? {} } : null);
  const rateRefused = refusedOf("rate");
  const addRefused = refusedOf("add");
  // A refusal is shown beside its form, further down the page; on a phone that is out of sight after
  // the page reloads at the top (no scripts to scroll). A summary at the top links to it.
  const refusal = answer && !answer.ok ? Object.entries(answer.errors ?? {})[0] : undefined;
  const refusalTarget =
    answer?.intent === "fee-confirm" ? `fee-answer-${Number(answer.values?.instalmentId) || ""}-error` : answer?.intent === "rate" ? "case-remedy" : refusal?.[0] === "file" ? "field-file" : "field-text";
  const from = (e: WorkerCaseData["timeline"][number]) => (e.party === null ? t("case.from.you") : e.party === "company" ? t("case.from.company") : e.orgName ?? t(`case.from.${e.party}`));
  return (
    <section className="worker-page">
      <h1>{t("case.caseTitle", { code: view.caseCode })}</h1>
      {refusal ? (
        <div className="alert alert--error" role="alert">
          <a href={`#${refusalTarget}`}>{refusal[1]}</a>
        </div>
      ) : null}
      {answer?.done ? (
        <div className="alert alert--success" role="status">
          {t(`case.done.${answer.done}`)}
        </div>
      ) : null}
      <p>
        <strong>{t("case.statusLabel")}</strong> {t(`case.status.${view.status}`)}
      </p>
      <h2>{t("case.reportedHeading")}</h2>
      <ul>
        {view.categories.map((c) => (
          <li key={c}>{t(`report.category.${c}`)}</li>
        ))}
      </ul>
      <p>{t("case.reportedOn", { date: f.date(view.createdAt) })}</p>
      <h2>{t("case.reachedHeading")}</h2>
      <ul>
        {view.reached.map((r) => (
          <li key={`${r.party}-${r.orgName}`}>{r.party === "company" ? t("case.from.company") : t(`report.party.${r.party}`, { name: r.orgName })}</li>
        ))}
      </ul>
      <h2>{t("case.timelineHeading")}</h2>
      <ol className="worker-timeline">
        {view.timeline.map((e) => (
          <li key={e.id}>
            <p>
              <strong>{from(e)}</strong> · {f.date(e.createdAt)}
            </p>
            <p>{e.type === "reported" ? t("case.event.reported") : e.type === "worker_info" ? t("case.event.added") : isRating(e.rating) ? t("case.event.rated", { rating: t(`case.rating.${e.rating}`) }) : null}</p>
            {e.body ? <p className="worker-words">{e.body}</p> : null}
            {e.referral ? (
              <>
                <p>{t("case.event.referral", { name: e.referral.name, kind: t(`case.serviceKind.${e.referral.kind}`) })}</p>
                {e.referral.phone ? <p>{t("case.event.referralPhone", { phone: e.referral.phone })}</p> : null}
                {e.referral.url ? (
                  <p>
                    <a href={e.referral.url} rel="noreferrer noopener">
                      {e.referral.url}
                    </a>
                  </p>
                ) : null}
              </>
            ) : null}
            {e.remedy ? (
              <>
                <p>
                  <strong>{t("case.event.remedyOffered")}</strong>
                </p>
                <p className="worker-words">{e.remedy}</p>
              </>
            ) : null}
          </li>
        ))}
      </ol>
      <h2 id="case-remedy">{t("case.remedyHeading")}</h2>
      {view.remedy ? <p className="worker-words">{view.remedy}</p> : <p>{t("case.noRemedy")}</p>}
      {/* "Nothing to answer yet" has no rating form to stand beside. */}
      {view.remedy ? null : <FormError message={rateRefused?.errors.rating ?? rateRefused?.errors.form} />}
      {view.remedy ? (
        <Form method="post" encType="multipart/form-data" className="stack">
          <input type="hidden" name="intent" value="rate" />
          <KeyFields code={code} secret={secret} />
          <fieldset className="field" aria-describedby={rateRefused?.errors.rating ? "field-rating-error" : undefined}>
            <legend>{t("case.rateLegend")}</legend>
            {RATINGS.map((r) => (
              <label key={r} className="checkbox">
                <input type="radio" name="rating" value={r} defaultChecked={rateRefused ? rateRefused.values.rating === r : view.workerRating !== null && RATING_OF[view.workerRating] === r} required />
                {t(`case.rating.${r}`)}
              </label>
            ))}
            <FieldError id="field-rating" message={rateRefused?.errors.rating ?? rateRefused?.errors.form} />
          </fieldset>
          <button className="button" type="submit">
            {t("case.rate")}
          </button>
        </Form>
      ) : null}
      {/* Recruitment fees repaid, confirmed by the worker (when a union or inspectorate linked this case to a fee case). */}
      <WorkerFees fees={answer?.fees ?? null} code={code} secret={secret} savedInstalmentId={answer?.savedInstalmentId ?? null} error={answer && !answer.ok && answer.intent === "fee-confirm" ? { instalmentId: Number(answer.values?.instalmentId) || null, message: Object.values(answer.errors ?? {})[0] ?? "", answer: answer.values?.answer ?? null } : null} />
      <h2>{t("case.addHeading")}</h2>
      <Form method="post" encType="multipart/form-data" className="stack">
        <input type="hidden" name="intent" value="add" />
        <KeyFields code={code} secret={secret} />
        <FormError message={addRefused?.errors.form} />
        <div className="field">
          <label htmlFor="field-text">{t("case.addText")}</label>
          <textarea id="field-text" name="text" rows={4} maxLength={5000} defaultValue={addRefused?.values.text} aria-invalid={addRefused?.errors.text ? true : undefined} aria-describedby={addRefused?.errors.text ? "field-text-error" : undefined} />
          <FieldError id="field-text" message={addRefused?.errors.text} />
        </div>
        <div className="field">
          <label htmlFor="field-file">{t("case.addFile")}</label>
          <span className="hint" id="field-file-hint">
            {t("report.filesHint", { max: 3 })}
          </span>
          <input id="field-file" name="file" type="file" multiple accept="image/jpeg,image/png,application/pdf" aria-invalid={addRefused?.errors.file ? true : undefined} aria-describedby={addRefused?.errors.file ? "field-file-hint field-file-error" : "field-file-hint"} />
          <FieldError id="field-file" message={addRefused?.errors.file} />
        </div>
        <button className="button" type="submit">
          {t("case.add")}
        </button>
      </Form>
    </section>
  );
}
