import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guard.server";
import { can } from "~/auth/permissions.server";
import { Field, FieldError, FormError } from "~/components/field";
import { TableWrap, Th } from "~/components/table-wrap";
import { NotFound } from "~/domain/errors";
import { indicatorLabelKey, isIndicatorCode } from "~/domain/indicators";
import { ownRecord } from "~/domain/questionnaires/access.server";
import { answersForBuyer } from "~/domain/questionnaires/buyer-view.server";
import { ANSWER_VALIDITY_DAYS } from "~/domain/questionnaires/constants";
import { observationsFrom, readAnswers, type AnswerDisplay } from "~/domain/questionnaires/engine";
import { loadQuestionnaire } from "~/domain/questionnaires/registry.server";
import { requestQuestionnaire, requestsOfSupplier } from "~/domain/questionnaires/requests.server";
import { BuyerAnswersSchema, REVIEW_MESSAGE_MAX } from "~/domain/questionnaires/reviews.schemas";
import { addNamedRecruiters, answerFileNames, namedRecruiters, reviewAnswers, reviewsForBuyer } from "~/domain/questionnaires/reviews.server";
import { countryNameIn } from "~/domain/reference/countries.server";
import { formatsFor, useFormat } from "~/i18n/format";
import { serverT } from "~/i18n/i18n.server";
import { idParam, runAction, withDomainErrors } from "~/lib/actions.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "" }];

/**
 * A supplier's self-assessment answers as the buyer sees them (issue 20): each of the four states
 * of answersForBuyer said in words, the answers by section with what each says about an indicator,
 * the buyer's requests and its reviews with the supplier's replies.
 */
export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, params, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  if (!session.membership) throw new NotFound();
  const orgId = session.membership.orgId;
  const supplierId = idParam(params.supplierId);
  const record = await ownRecord(context.db, session, "suppliers.view", supplierId);
  const answers = await answersForBuyer(context.db, session, supplierId);
  let shared = null;
  if (answers.state === "shared") {
    const r = answers.response;
    const def = loadQuestionnaire(r.questionnaire, r.version);
    const read = readAnswers(def, r.answers);
    // Which indicator each answer decides, so the page marks the answer that moved the score.
    const effects: Record<string, { indicator: string; present: boolean }[]> = {};
    for (const [indicator, o] of Object.entries(observationsFrom(def, r.answers))) (effects[o.questionId] ??= []).push({ indicator, present: o.present });
    const fileIds = read.sections.flatMap((s) => s.questions.flatMap((q) => (q.answer?.kind === "file" ? [q.answer.evidenceId] : [])));
    shared = { responseId: r.id, version: r.version, submittedAt: r.submittedAt, sharedSince: answers.sharedSince, validUntil: answers.validUntil, current: answers.current, sections: read.sections, unread: read.unread, effects, files: await answerFileNames(context.db, record.link!.siteId, fileIds) };
  }
  return {
    pageTitle: `${record.name} · ${serverT(context.locale, "suppliers")("answers.title")} · ${serverT(context.locale, "common")("site.name")}`,
    supplier: { id: record.id, name: record.name },
    state: answers.state,
    sharedSince: answers.state === "nothing_submitted" ? answers.sharedSince : null,
    shared,
    requests: await requestsOfSupplier(context.db, session, supplierId),
    reviews: await reviewsForBuyer(context.db, session, supplierId),
    canRequest: can(session, "questionnaires.request", { orgId }),
    canReview: can(session, "questionnaires.review", { orgId }),
    recruiters: (await namedRecruiters(context.db, session, supplierId)).map((r) => ({ ...r, countryName: countryNameIn(r.country, context.locale) ?? r.country })),
    canAddRecruiters: can(session, "suppliers.edit", { orgId }),
  };
});

export const action = /* @__PURE__ */ withDomainErrors(async ({ request, params, context }: ActionFunctionArgs) => {
  const session = requireUser(request, context);
  if (!session.membership) throw new NotFound();
  const supplierId = idParam(params.supplierId);
  // Another company's record answers 404 before the form is read, like a missing one.
  await ownRecord(context.db, session, "suppliers.view", supplierId);
  const t = serverT(context.locale, "suppliers");
  const f = formatsFor(context.locale);
  return runAction(
    request,
    BuyerAnswersSchema,
    async (input) => {
      const options = { ip: context.ip };
      if (input.intent === "request") {
        const outcome = await requestQuestionnaire(context.db, session, supplierId, { dueOn: input.dueOn }, options);
        if (outcome.answered) {
          // Said only when it happened: the request row now names the submission that answered it.
          const answered = await answersForBuyer(context.db, session, supplierId);
          const day = answered.state === "shared" ? f.date(answered.response.submittedAt) : "";
          return { ok: true as const, intent: input.intent, message: t("answers.request.answeredAtOnce", { date: day }) };
        }
        return { ok: true as const, intent: input.intent, message: outcome.linked ? t("answers.request.sent", { day: f.date(input.dueOn.trim()) }) : t("answers.request.sentUnlinked", { day: f.date(input.dueOn.trim()) }) };
      }
      if (input.intent === "add-recruiters") {
        const added = await addNamedRecruiters(context.db, session, supplierId, options);
        return { ok: true as const, intent: input.intent, message: t("answers.recruiters.added", { created: added.created, linked: added.linked }) };
      }
      if (input.intent === "accept") {
        await reviewAnswers(context.db, session, supplierId, { outcome: "accepted", responseId: input.responseId }, options);
        return { ok: true as const, intent: input.intent, message: t("answers.review.accepted") };
      }
      await reviewAnswers(context.db, session, supplierId, { outcome: "clarification", responseId: input.responseId, questionId: input.questionId, message: input.message }, options);
      return { ok: true as const, intent: input.intent, message: t("answers.review.asked") };
    },
    context.locale,
  );
});

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

export default function SupplierAnswersPage() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation("suppliers");
  const f = useFormat();
  const busy = useNavigation().state === "submitting";
  const failed = result && !result.ok ? result : null;
  const errorsFor = (intent: string): Record<string, string> => (failed?.intent === intent ? failed.errors : {});
  const valueOf = (intent: string, field: string) => (failed?.intent === intent ? (failed.values[field] ?? "") : "");
  const { supplier, shared } = data;
  const request = errorsFor("request");
  const clarify = errorsFor("clarify");
  const accept = errorsFor("accept");
  const addRecruiters = errorsFor("add-recruiters");
  return (
    <div data-testid="buyer-answers">
      <p className="breadcrumbs">
        <Link to="/suppliers">{t("list.title")}</Link> › <Link to={`/suppliers/${supplier.id}`}>{supplier.name}</Link> ›
      </p>
      <div className="page-header">
        <div>
          <h1>{t("answers.title")}</h1>
          <p translate="no">{supplier.name}</p>
        </div>
      </div>
      {result?.ok ? (
        <div className="alert alert--success" role="status">
          {result.message}
        </div>
      ) : null}

      <section className="card" aria-labelledby="answers-heading" data-testid="answers-summary" data-state={data.state}>
        <h2 id="answers-heading">{t("answers.heading")}</h2>
        {data.state === "not_linked" ? (
          <p>
            {t("answers.state.not_linked")} <Link to={`/suppliers/${supplier.id}#portal`}>{t("answers.inviteLink")}</Link>
          </p>
        ) : data.state === "not_shared" ? (
          <p>{t("answers.state.not_shared")}</p>
        ) : data.state === "nothing_submitted" ? (
          <p>{t("answers.state.nothing_submitted", { date: f.date(data.sharedSince) })}</p>
        ) : shared ? (
          <>
            <p>{t("answers.state.shared", { submitted: f.date(shared.submittedAt), version: shared.version, since: f.date(shared.sharedSince) })}</p>
            <p className={shared.current ? undefined : "alert alert--warning"}>{shared.current ? t("answers.validUntil", { date: f.date(shared.validUntil) }) : t("answers.expired", { date: f.date(shared.validUntil) })}</p>
            <p className="muted">{t("answers.selfReported")}</p>
            {/* The answers run long on a phone: the forms are reachable without scrolling past them. */}
            <p className="jump-links">
              <a href="#review-heading">{t("answers.review.heading")}</a>
              <a href="#requests-heading">{t("answers.request.heading")}</a>
            </p>
          </>
        ) : null}
      </section>

      {shared ? <AnswersBySection shared={shared} supplierId={supplier.id} /> : null}

      {data.recruiters.length > 0 ? (
        <section className="card" aria-labelledby="named-recruiters-heading" data-testid="named-recruiters">
          <h2 id="named-recruiters-heading">{t("answers.recruiters.heading")}</h2>
          <p className="muted">{t("answers.recruiters.intro")}</p>
          <TableWrap label={t("answers.recruiters.heading")}>
            <table className="stack-table">
              <thead>
                <tr>
                  <Th>{t("answers.recruiters.name")}</Th>
                  <Th>{t("answers.recruiters.corridor")}</Th>
                  <Th>{t("answers.recruiters.status")}</Th>
                </tr>
              </thead>
              <tbody>
                {data.recruiters.map((r) => (
                  <tr key={`${r.name}|${r.country}`}>
                    <td translate="no">{r.recruiterId ? <Link to={`/recruiters/${r.recruiterId}`}>{r.name}</Link> : r.name}</td>
                    <td data-label={t("answers.recruiters.corridor")}>{r.countryName}</td>
                    <td data-label={t("answers.recruiters.status")}>{t(r.linked ? "answers.recruiters.statusLinked" : r.recruiterId ? "answers.recruiters.statusKnown" : "answers.recruiters.statusNew")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          {data.recruiters.every((r) => r.linked) ? (
            <p className="muted">{t("answers.recruiters.allAdded")}</p>
          ) : data.canAddRecruiters ? (
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="add-recruiters" />
              <FormError message={addRecruiters.form} />
              <button className="button button--secondary" type="submit" disabled={busy}>
                {t("answers.recruiters.add")}
              </button>
            </Form>
          ) : null}
        </section>
      ) : null}

      {shared ? (
        <section className="card" aria-labelledby="review-heading" data-testid="review-form">
          <h2 id="review-heading">{t("answers.review.heading")}</h2>
          {data.canReview ? (
            <div className="review-forms">
              <p className="muted">{t("answers.review.intro")}</p>
              <FormError message={clarify.form ?? accept.form ?? accept.responseId ?? clarify.responseId} />
              <Form method="post" noValidate>
                <input type="hidden" name="intent" value="accept" />
                <input type="hidden" name="responseId" value={shared.responseId} />
                <button className="button" type="submit" disabled={busy}>
                  {t("answers.review.accept")}
                </button>
              </Form>
              <Form method="post" className="stack" noValidate>
                <input type="hidden" name="intent" value="clarify" />
                <input type="hidden" name="responseId" value={shared.responseId} />
                <div className="field">
                  <label htmlFor="review-question">{t("answers.review.question")}</label>
                  <select id="review-question" name="questionId" defaultValue={valueOf("clarify", "questionId")} aria-invalid={clarify.questionId ? true : undefined} aria-describedby={clarify.questionId ? "review-question-error" : undefined}>
                    <option value="">{t("answers.review.whole")}</option>
                    {shared.sections.map((s) => (
                      <optgroup key={s.id} label={t(s.titleKey as "answers.title")}>
                        {s.questions.map((q) => (
                          <option key={q.id} value={q.id}>
                            {t(q.textKey as "answers.title")}
                          </option>
                        ))}
                      </optgroup>
                    ))}
                  </select>
                  <FieldError id="review-question" message={clarify.questionId} />
                </div>
                <div className="field">
                  <label htmlFor="review-message">{t("answers.review.message")}</label>
                  <span className="hint" id="review-message-hint">
                    {t("answers.review.messageHint", { max: f.number(REVIEW_MESSAGE_MAX) })}
                  </span>
                  <textarea id="review-message" name="message" rows={4} maxLength={REVIEW_MESSAGE_MAX} defaultValue={valueOf("clarify", "message")} aria-invalid={clarify.message ? true : undefined} aria-describedby={clarify.message ? "review-message-hint review-message-error" : "review-message-hint"} />
                  <FieldError id="review-message" message={clarify.message} />
                </div>
                <div>
                  <button className="button button--secondary" type="submit" disabled={busy}>
                    {t("answers.review.clarify")}
                  </button>
                </div>
              </Form>
            </div>
          ) : null}
          <h3>{t("answers.review.history")}</h3>
          <ReviewHistory reviews={data.reviews} sections={shared.sections} />
        </section>
      ) : null}

      <section className="card" aria-labelledby="requests-heading">
        <h2 id="requests-heading">{t("answers.request.heading")}</h2>
        <p className="muted">{t("answers.request.intro", { days: f.number(ANSWER_VALIDITY_DAYS) })}</p>
        {data.canRequest ? (
          <Form method="post" className="form-row" noValidate data-testid="request-form">
            <input type="hidden" name="intent" value="request" />
            <Field name="dueOn" label={t("answers.request.dueOn")} type="date" required defaultValue={valueOf("request", "dueOn")} error={request.dueOn} />
            <div>
              <button className="button" type="submit" disabled={busy}>
                {t("answers.request.submit")}
              </button>
            </div>
          </Form>
        ) : null}
        {data.requests.requests.length === 0 ? (
          <p className="muted">{t("answers.request.none")}</p>
        ) : (
          <TableWrap label={t("answers.request.heading")}>
            <table className="stack-table" data-testid="requests">
              <thead>
                <tr>
                  <Th>{t("answers.request.asked")}</Th>
                  <Th>{t("answers.request.by")}</Th>
                  <Th>{t("answers.request.due")}</Th>
                  <Th>{t("answers.request.state")}</Th>
                </tr>
              </thead>
              <tbody>
                {data.requests.requests.map((r) => (
                  <tr key={r.id}>
                    <td>{f.date(r.createdAt)}</td>
                    <td data-label={t("answers.request.by")}>{r.by ?? t("answers.formerMember")}</td>
                    <td data-label={t("answers.request.due")}>
                      {f.date(r.dueOn)}
                      {r.overdue ? <span className="cell-sub error">{t("answers.request.overdue")}</span> : null}
                    </td>
                    <td data-label={t("answers.request.state")}>
                      {t(`answers.request.states.${r.state}`)}
                      {r.answeredAt ? <span className="cell-sub">{f.date(r.answeredAt)}</span> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </section>
    </div>
  );
}

type Shared = NonNullable<LoaderData["shared"]>;

function AnswersBySection({ shared, supplierId }: { shared: Shared; supplierId: number }) {
  const { t } = useTranslation("suppliers");
  return (
    <>
      {shared.sections.map((s) => (
        <section key={s.id} className="card" aria-labelledby={`section-${s.id}`}>
          <h2 id={`section-${s.id}`}>{t(s.titleKey as "answers.title")}</h2>
          <dl className="answer-list">
            {s.questions.map((q) => (
              <div key={q.id} data-question={q.id}>
                <dt>{t(q.textKey as "answers.title")}</dt>
                <dd>
                  <Answer answer={q.answer} files={shared.files} supplierId={supplierId} />
                  {(shared.effects[q.id] ?? []).map((e) => (
                    <span key={e.indicator} className={e.present ? "badge badge--danger" : "badge"} data-effect={e.present ? "present" : "absent"}>
                      {t(e.present ? "answers.effect.present" : "answers.effect.absent", { indicator: isIndicatorCode(e.indicator) ? t(indicatorLabelKey(e.indicator) as "answers.title") : e.indicator })}
                    </span>
                  ))}
                </dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
      {shared.unread.length > 0 ? <p className="muted">{t("answers.unread", { ids: shared.unread.join(", ") })}</p> : null}
    </>
  );
}

function Answer({ answer, files, supplierId }: { answer: AnswerDisplay | null; files: Record<number, string>; supplierId: number }) {
  const { t } = useTranslation("suppliers");
  const f = useFormat();
  if (!answer) return <span className="muted">{t("answers.noAnswer")}</span>;
  switch (answer.kind) {
    case "text":
      return <span>{t(answer.key as "answers.title")}</span>;
    case "number":
      return <span>{answer.unitKey ? `${f.number(answer.value)} ${t(answer.unitKey as "answers.title")}` : f.number(answer.value)}</span>;
    case "date":
      return <span>{f.date(answer.value)}</span>;
    case "file": {
      const name = files[answer.evidenceId];
      // A file id whose upload is gone says so rather than offering a link that would 404.
      return name ? (
        <a href={`/suppliers/${supplierId}/answers/files/${answer.evidenceId}`} download>
          {t("answers.file", { name })}
        </a>
      ) : (
        <span className="muted">{t("answers.fileMissing")}</span>
      );
    }
    case "recruiters":
      return answer.list.length === 0 ? (
        <span className="muted">{t("answers.noAnswer")}</span>
      ) : (
        <ul className="plain-list">
          {answer.list.map((r, i) => (
            <li key={i}>
              <span translate="no">{r.name}</span> ({r.country})
            </li>
          ))}
        </ul>
      );
    case "unreadable":
      return <span className="muted">{t("answers.unreadable", { raw: answer.raw })}</span>;
  }
}

function ReviewHistory({ reviews, sections }: { reviews: LoaderData["reviews"]; sections: Shared["sections"] }) {
  const { t } = useTranslation("suppliers");
  const f = useFormat();
  if (reviews.length === 0) return <p className="muted">{t("answers.review.none")}</p>;
  const textKeys = new Map(sections.flatMap((s) => s.questions.map((q) => [q.id, q.textKey] as const)));
  const about = (questionId: string | null) => (questionId ? t((textKeys.get(questionId) ?? `questionnaire:question.${questionId}.text`) as "answers.title") : t("answers.review.whole"));
  return (
    <ol className="plain-list stack" data-testid="review-history">
      {reviews.map((r) => (
        <li key={r.id} data-review={r.outcome}>
          {r.outcome === "accepted" ? (
            <p>{t("answers.review.entry.accepted", { who: r.by ?? t("answers.formerMember"), on: f.date(r.createdAt), submitted: f.date(r.submittedAt) })}</p>
          ) : (
            <>
              <p>{t("answers.review.entry.clarification", { who: r.by ?? t("answers.formerMember"), on: f.date(r.createdAt), about: about(r.questionId), submitted: f.date(r.submittedAt) })}</p>
              <blockquote className="quote">{r.message}</blockquote>
              {r.reply !== null ? (
                <>
                  <p>{t("answers.review.reply", { on: f.date(r.repliedAt) })}</p>
                  <blockquote className="quote" data-testid="review-reply">
                    {r.reply}
                  </blockquote>
                </>
              ) : (
                <p className="muted">{t("answers.review.awaiting")}</p>
              )}
            </>
          )}
        </li>
      ))}
    </ol>
  );
}
