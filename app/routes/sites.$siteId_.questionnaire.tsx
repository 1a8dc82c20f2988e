import path from "node:path";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guard.server";
import { FieldError, FormError } from "~/components/field";
import { RequestList } from "~/components/supplier-portal/questionnaire-requests";
import { NotFound } from "~/domain/errors";
import { ownSite } from "~/domain/questionnaires/access.server";
import { ANSWER_VALIDITY_DAYS } from "~/domain/questionnaires/constants";
import type { Question } from "~/domain/questionnaires/definition";
import { visibleQuestions, type AnswerValue } from "~/domain/questionnaires/engine";
import { requestsForSite } from "~/domain/questionnaires/requests.server";
import { AnswerFormSchema, FILE_FIELD_PREFIX } from "~/domain/questionnaires/responses.schemas";
import { questionnaireForSite, saveAnswers, submitResponse, type UploadedAnswerFile } from "~/domain/questionnaires/responses.server";
import { formatsFor, useFormat } from "~/i18n/format";
import { serverT, translateMessage } from "~/i18n/i18n.server";
import { failure, idParam, runAction, withDomainErrors } from "~/lib/actions.server";
import { EVIDENCE_MAX_BYTES, saveWithEvidence } from "~/lib/evidence.server";
import { formValues } from "~/lib/forms";
import { discardUpload, readUpload, uploadedFile } from "~/lib/upload.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "" }];

/** Where questionnaire evidence is kept, under the uploads directory (as other evidence is). */
const filesDir = (uploadsDir: string) => path.join(uploadsDir, "questionnaire-files");

/**
 * The supplier answers the self-assessment for one of its sites (issue 20): the questions that most
 * narrow the score's range first, for the site's own context; in a low-risk context the short list,
 * with every question one link away.
 */
export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, params, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  if (!session.membership) throw new NotFound();
  const siteId = idParam(params.siteId);
  const q = await questionnaireForSite(context.db, session, siteId);
  const requests = await requestsForSite(context.db, session, siteId);
  const showAll = !q.lowRisk || new URL(request.url).searchParams.get("all") === "1";
  const t = serverT(context.locale, "questionnaire");
  return {
    pageTitle: `${t("title")} · ${q.site.name} · ${serverT(context.locale, "common")("site.name")}`,
    site: q.site,
    definition: q.definition,
    answers: q.answers,
    status: q.status,
    submission: q.submission,
    files: q.files,
    canAnswer: q.canAnswer,
    requests: requests.filter((r) => r.state === "open"),
    lowRisk: q.lowRisk,
    showAll,
    ranked: q.ranked.map((r) => ({ id: r.question.id, whyKey: r.whyKey, why: r.why ? { indicatorKey: r.why.values.indicatorKey, points: r.why.values.points } : null })),
    short: showAll ? [] : [...q.short],
  };
});

export const action = /* @__PURE__ */ withDomainErrors(async ({ request, params, context }: ActionFunctionArgs) => {
  const session = requireUser(request, context);
  if (!session.membership) throw new NotFound();
  const siteId = idParam(params.siteId);
  // Authorised, and the site found in the supplier's own organisation, before any file is stored.
  await ownSite(context.db, session, "questionnaires.answer", siteId);
  const upload = await readUpload(request, context.uploads.dir, EVIDENCE_MAX_BYTES, context.locale);
  if (!upload.ok) return failure({ form: serverT(context.locale, "questionnaire")("page.tooLarge") }, {}, undefined, {}, { status: 413 });
  const t = serverT(context.locale, "questionnaire");
  try {
    return await runAction(
      upload.form,
      AnswerFormSchema,
      async (input, form) => {
        const fields: Record<string, string> = {};
        const files: { questionId: string; file: NonNullable<ReturnType<typeof uploadedFile>> }[] = [];
        for (const [key, value] of form) {
          if (key === "intent" || typeof value !== "string") continue;
          if (key.startsWith(FILE_FIELD_PREFIX)) {
            const questionId = key.slice(FILE_FIELD_PREFIX.length);
            const file = uploadedFile(upload, key);
            if (file) files.push({ questionId, file });
          } else fields[key] = value;
        }
        // One evidence check per file, refused beside its question; saveWithEvidence removes what was stored if the save throws.
        const outcome = await saveWithEvidence(
          files.map((f) => f.file),
          filesDir(context.uploads.dir),
          files[0]?.questionId ?? "form",
          async (stored) => {
            const answerFiles: UploadedAnswerFile[] = stored.map((s, i) => ({ questionId: files[i]!.questionId, stored: s }));
            const write = input.intent === "submit" ? submitResponse : saveAnswers;
            return await write(context.db, session, siteId, fields, answerFiles, { ip: context.ip });
          },
        );
        if (!outcome.ok) {
          const errors = Object.fromEntries(Object.entries(outcome.errors).map(([field, e]) => [field, translateMessage(context.locale, e.message, e.values)]));
          return failure(errors, formValues(form), input.intent);
        }
        const message = outcome.submitted
          ? t("page.done.submitted", { day: formatsFor(context.locale).date(Date.now() + ANSWER_VALIDITY_DAYS * 86_400_000) })
          : t("page.done.saved", { answered: outcome.answered, total: outcome.total });
        return { ok: true as const, intent: input.intent, message };
      },
      context.locale,
    );
  } finally {
    discardUpload(upload);
  }
});

/** The values a yes/no question's radio buttons send (parseAnswer reads them). */
const YES_NO = ["yes", "no"] as const;
/** The page reads the ranking's catalog keys in its own namespace. */
const NS_PREFIX = "questionnaire:";

type Ranked = { id: string; whyKey: string; why: { indicatorKey: string; points: number } | null };

/** A stored answer as the form writes it back. */
function asText(question: Question, value: AnswerValue | undefined): string {
  if (value === undefined) return "";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (Array.isArray(value)) return value.map((r) => `${r.name}, ${r.country}`).join("\n");
  return question.type === "file" && value === 0 ? "" : String(value);
}

export default function QuestionnairePage() {
  const data = useLoaderData<typeof loader>();
  const { site, definition, answers, status, submission, files, canAnswer, requests, lowRisk, showAll, ranked, short } = data;
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const { t } = useTranslation("questionnaire");
  // Question, section and option words are keyed by the definition's ids (data, not literals).
  const tq = t as unknown as (key: string, values?: Record<string, unknown>) => string;
  const f = useFormat();
  const failed = result && !result.ok ? result : null;
  const errors: Record<string, string> = failed?.errors ?? {};
  const values = failed?.values ?? null;
  const value = (q: Question) => (values ? (values[q.id] ?? "") : asText(q, answers[q.id] as AnswerValue | undefined));
  const byId = new Map(definition.questions.map((q) => [q.id, q as Question]));
  const shown = new Set(visibleQuestions(definition, answers).map((q) => q.id));
  // A question refused at submission is shown even when the short list leaves it out: the error links to it.
  const inList = new Set(showAll ? ranked.map((r) => r.id) : [...short, ...Object.keys(errors)]);
  const questions = (ranked as Ranked[]).filter((r) => shown.has(r.id) && inList.has(r.id));
  const fileName = (id: unknown) => files.find((x) => x.id === id)?.name ?? null;
  const errorList = Object.entries(errors).filter(([field]) => field !== "form");

  return (
    <>
      <p className="breadcrumbs">
        <Link to={`/sites/${site.id}`}>{site.name}</Link> ›
      </p>
      <div className="page-header">
        <div>
          <h1>{t("title")}</h1>
          <p className="muted">{t("page.version", { version: definition.version })}</p>
        </div>
      </div>

      <section className="card" aria-labelledby="status-heading" data-testid="questionnaire-status">
        <h2 id="status-heading">{t("page.status.heading")}</h2>
        {status.state === "none" ? <p>{t("page.status.none")}</p> : null}
        {status.state === "draft" ? <p>{t("page.status.draft", { answered: status.answered, total: status.total, version: status.version })}</p> : null}
        {submission ? (
          <p>
            {t("page.status.submitted", { version: submission.version, day: f.date(submission.submittedAt), until: f.date(submission.validUntil) })}
            {submission.validUntil < Date.now() ? <> {t("page.status.expired")}</> : null}
          </p>
        ) : null}
        {requests.length > 0 ? <RequestList requests={requests} /> : <p className="muted">{t("page.requests.none")}</p>}
      </section>

      {result?.ok ? (
        <div className="alert alert--success" role="status">
          {result.message}
        </div>
      ) : null}
      {errorList.length > 0 ? (
        <div className="alert alert--error" role="alert">
          <p>{t("page.errors.heading", { count: errorList.length })}</p>
          <ul>
            {errorList.map(([field, message]) => (
              <li key={field}>
                <a href={`#q-${field}`}>{message}</a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <FormError message={errors.form} />

      {lowRisk ? (
        <div className="alert alert--info">
          {showAll ? (
            <>
              {t("page.short.allShown")} <Link to="?">{t("page.short.showShort")}</Link>
            </>
          ) : (
            <>
              {t("page.short.intro", { shown: questions.length, total: definition.questions.length })} <Link to="?all=1">{t("page.short.showAll")}</Link>
            </>
          )}
        </div>
      ) : null}

      <Form method="post" encType="multipart/form-data" className="stack" noValidate data-testid="questionnaire-form">
        <p className="muted">{t("page.conditional")}</p>
        <ol className="stack questionnaire-questions">
          {questions.map((r) => {
            const q = byId.get(r.id)!;
            const id = `q-${q.id}`;
            const error = errors[q.id];
            const described = [`${id}-why`, error ? `${id}-error` : null].filter(Boolean).join(" ");
            const label = tq(`question.${q.id}.text`);
            return (
              <li key={q.id} className="card">
                <p className="muted">{tq(`section.${q.section}`)}</p>
                {q.type === "yes_no" || q.type === "choice" ? (
                  <fieldset className="field" id={id} aria-describedby={described} aria-invalid={error ? true : undefined}>
                    <legend>
                      {label}
                      {q.required ? <> {t("page.required")}</> : null}
                    </legend>
                    {(q.type === "yes_no" ? YES_NO : (q.options ?? [])).map((opt) => (
                      <label key={opt} className="radio">
                        <input type="radio" name={q.id} value={opt} defaultChecked={value(q) === opt} disabled={!canAnswer} /> {q.type === "yes_no" ? tq(`answer.${opt}`) : tq(`question.${q.id}.option.${opt}`)}
                      </label>
                    ))}
                    <FieldError id={id} message={error} />
                  </fieldset>
                ) : (
                  <div className="field">
                    <label htmlFor={id}>
                      {label}
                      {q.required ? <> {t("page.required")}</> : null}
                      {q.type === "number" && q.unit ? <> ({tq(`unit.${q.unit}`)})</> : null}
                    </label>
                    {q.type === "recruiters" ? <span className="hint">{t("page.recruitersHint")}</span> : null}
                    {q.type === "recruiters" ? (
                      <textarea id={id} name={q.id} rows={4} defaultValue={value(q)} aria-describedby={described} aria-invalid={error ? true : undefined} disabled={!canAnswer} />
                    ) : q.type === "file" ? (
                      <>
                        <input type="hidden" name={q.id} value={value(q)} />
                        {fileName(Number(value(q))) ? (
                          <p>
                            {t("page.file.attached")}{" "}
                            <a href={`/sites/${site.id}/questionnaire/files/${value(q)}`} download>
                              {fileName(Number(value(q)))}
                            </a>
                          </p>
                        ) : null}
                        <input id={id} type="file" name={`${FILE_FIELD_PREFIX}${q.id}`} aria-describedby={described} aria-invalid={error ? true : undefined} disabled={!canAnswer} />
                      </>
                    ) : (
                      <input
                        id={id}
                        name={q.id}
                        type={q.type === "date" ? "date" : "text"}
                        inputMode={q.type === "number" ? "decimal" : undefined}
                        defaultValue={value(q)}
                        aria-describedby={described}
                        aria-invalid={error ? true : undefined}
                        disabled={!canAnswer}
                      />
                    )}
                    <FieldError id={id} message={error} />
                  </div>
                )}
                <p className="hint" id={`${id}-why`}>
                  <strong>{t("page.whyWeAsk")}</strong> {tq(r.whyKey.slice(NS_PREFIX.length), r.why ?? {})}
                </p>
              </li>
            );
          })}
        </ol>
        {canAnswer ? (
          <div className="actions">
            <button className="button" type="submit" name="intent" value="save" disabled={busy}>
              {t("page.save")}
            </button>{" "}
            <button className="button button--secondary" type="submit" name="intent" value="submit" disabled={busy}>
              {t("page.submit")}
            </button>
          </div>
        ) : (
          <p className="muted">{t("page.readOnly")}</p>
        )}
      </Form>
    </>
  );
}
