import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import {
  Form,
  Link,
  useActionData,
  useLoaderData,
  useSearchParams,
} from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guard.server";
import { can } from "~/auth/permissions.server";
import { Fact } from "~/components/audits";
import { FormError } from "~/components/field";
import {
  downloadsOf,
  previewSubmission,
  regulators,
  requireReport,
  submitReport,
  submittedReportsOf,
} from "~/domain/reports/reports.server";
import { languageOfReport } from "~/domain/reports/issue.server";
import { languageOf } from "~/i18n/languages";
import { REVIEW_STATE_BADGES } from "~/domain/reports/review-states";
import {
  reissueFieldsOf,
  reviewOf,
  reviewReport,
} from "~/domain/reports/reviews.server";
import {
  ReviewReportSchema,
  SubmitReportSchema,
} from "~/domain/reports/schemas";
import { runAction, withDomainErrors } from "~/lib/actions.server";
import { useFormat } from "~/i18n/format";
import { serverT } from "~/i18n/i18n.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.pageTitle ?? "" },
];

export const loader = /* @__PURE__ */ withDomainErrors(
  async ({ request, params, context }: LoaderFunctionArgs) => {
    const session = requireUser(request, context);
    const { filePath: _, ...report } = await requireReport(
      context.db,
      session,
      params.reportId ?? ""
    );
    const review = await reviewOf(context.db, session, report.id);
    const canSubmit =
      report.side === "issuer" &&
      !report.submittedAt &&
      (report.type === "company_due_diligence" ||
        report.type === "supplier_profile") &&
      can(session, "reports.submit", { orgId: report.orgId });
    return {
      // The title is the report's own (data, in the report's language); the site's name in the reader's.
      pageTitle: `${report.title} · ${serverT(
        context.locale,
        "common"
      )("site.name")}`,
      report,
      // The language the PDF is written in (a parameter of the report, issue 18).
      language: await languageOfReport(context.db, report.id),
      downloads: await downloadsOf(context.db, session, report.id),
      canSubmit,
      regulators: canSubmit ? await regulators(context.db) : [],
      earlier: canSubmit
        ? (await submittedReportsOf(context.db, session)).filter(
            (r) => r.type === report.type
          )
        : [],
      review,
      // The company answers a correction request by issuing the report again (same kind, same
      // parameters) and submitting it as the correction; only once, until it has been corrected.
      reissue:
        review?.state === "correction_requested" &&
        report.side === "issuer" &&
        can(session, "reports.issue", { orgId: report.orgId })
          ? await reissueFieldsOf(context.db, session, report.id)
          : null,
    };
  }
);

export const action = /* @__PURE__ */ withDomainErrors(
  async ({ request, params, context }: ActionFunctionArgs) => {
    const session = requireUser(request, context);
    const id = params.reportId ?? "";
    // Who may see the report at all is decided before its body is read (404 for anyone else).
    await requireReport(context.db, session, id);
    const form = await request.formData();
    if (form.get("intent") === "review") {
      return runAction(
        form,
        ReviewReportSchema,
        async (input) => {
          // Accepting and requesting a correction are permanent answers the company reads: the first
          // post checks the step and states what it does; acknowledging receipt is taken at once.
          if (input.step !== "acknowledged" && !input.confirm) {
            await reviewReport(context.db, session, id, input, {
              dryRun: true,
            });
            return {
              ok: true as const,
              confirmReview: { step: input.step, reason: input.reason.trim() },
            };
          }
          await reviewReport(context.db, session, id, input, {
            ip: context.ip,
          });
          throw redirect(`/reports/${id}?reviewed=${input.step}`);
        },
        context.locale
      );
    }
    return runAction(
      form,
      SubmitReportSchema,
      async (input) => {
        // A submission can never be undone: the first post only states what it would do.
        if (!input.confirm)
          return {
            ok: true as const,
            confirm: await previewSubmission(context.db, session, id, input),
          };
        await submitReport(context.db, session, id, input, { ip: context.ip });
        throw redirect(`/reports/${id}?submitted=1`);
      },
      context.locale
    );
  }
);

export default function ReportPage() {
  const { t } = useTranslation(["reports", "common", "regulator"]);
  const format = useFormat();
  const {
    report,
    language,
    downloads,
    canSubmit,
    regulators,
    earlier,
    review,
    reissue,
  } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const reviewSent = result
    ? result.ok
      ? "confirmReview" in result
      : result.intent === "review"
    : false;
  const errors = result && !result.ok && !reviewSent ? result.errors : {};
  const reviewErrors = result && !result.ok && reviewSent ? result.errors : {};
  const reviewValues = result && !result.ok && reviewSent ? result.values : {};
  const confirm = result?.ok && "confirm" in result ? result.confirm : null;
  const confirmReview =
    result?.ok && "confirmReview" in result ? result.confirmReview : null;
  const [search] = useSearchParams();
  const corrects = search.get("corrects");
  const correcting = earlier.find((r) => r.id === corrects);
  const reviewed = search.get("reviewed");
  const [issued, existing, submitted] = (
    ["issued", "existing", "submitted"] as const
  ).map((name) => Boolean(search.get(name)));
  const regulatorName = report.submittedTo ?? t("reports:page.theRegulator");
  return (
    <>
      <p className="breadcrumbs">
        <Link to={report.side === "regulator" ? "/regulator" : "/reports"}>
          {report.side === "regulator"
            ? t("common:nav.submittedReports")
            : t("common:nav.reports")}
        </Link>{" "}
        ›
      </p>
      {issued ? (
        <div className="alert alert--success" role="status">
          {t("reports:page.issued")}
        </div>
      ) : null}
      {existing ? (
        <div className="alert alert--info" role="status">
          {t("reports:page.existing")}
        </div>
      ) : null}
      {submitted ? (
        <div className="alert alert--success" role="status">
          {t("reports:page.submitted", { regulator: report.submittedTo })}
        </div>
      ) : null}
      {reviewed && review ? (
        <div className="alert alert--success" role="status">
          {reviewed === "correction_requested"
            ? t("reports:page.reviewed.correction_requested", {
                company: report.issuer,
                state: t(`reports:page.stateInline.${review.state}`),
              })
            : reviewed === "accepted"
            ? t("reports:page.reviewed.accepted", {
                state: t(`reports:page.stateInline.${review.state}`),
              })
            : t("reports:page.reviewed.acknowledged", {
                state: t(`reports:page.stateInline.${review.state}`),
              })}
        </div>
      ) : null}
      <div className="page-header">
        <div>
          {/* The title is the report's own, written in the report's language. */}
          <h1 lang={language}>{report.title}</h1>
          <p>
            {t(`reports:type.${report.type}`)} · {report.issuer} ·{" "}
            <span className="mono">{report.id}</span>
          </p>
        </div>
        <a className="button" href={`/reports/${report.id}/file`} download>
          {t("reports:page.download", {
            count: report.pages,
            size: format.bytes(report.size),
          })}
        </a>
      </div>
      {confirm ? (
        <div
          className="alert alert--warning confirm-panel"
          role="alert"
          aria-labelledby="confirm-title"
        >
          <h2 id="confirm-title">
            {t("reports:page.confirmSubmit.title", {
              regulator: confirm.regulator,
            })}
          </h2>
          <p>
            {t("reports:page.confirmSubmit.text", {
              title: confirm.title,
              pages: t("reports:page.pages", { count: confirm.pages }),
              regulator: confirm.regulator,
              members: t("reports:page.members", {
                count: confirm.regulatorMembers,
              }),
            })}
            {confirm.corrects
              ? ` ${t("reports:page.confirmSubmit.corrects", {
                  title: confirm.corrects.title,
                  id: confirm.corrects.id,
                })}`
              : ""}
          </p>
          <Form
            method="post"
            action={`/reports/${report.id}`}
            className="actions"
          >
            <input
              type="hidden"
              name="regulatorId"
              value={confirm.regulatorId}
            />
            <input
              type="hidden"
              name="supersedes"
              value={confirm.corrects?.id ?? ""}
            />
            <input type="hidden" name="confirm" value="yes" />
            <button className="button" type="submit">
              {t("reports:page.confirmSubmit.yes", {
                regulator: confirm.regulator,
              })}
            </button>
            <Link
              className="button button--secondary"
              to={`/reports/${report.id}`}
            >
              {t("reports:page.goBack")}
            </Link>
          </Form>
        </div>
      ) : null}
      <div className="card">
        <dl className="facts">
          <Fact term={t("reports:page.fact.issued")}>
            {report.issuedBy
              ? t("reports:page.fact.issuedBy", {
                  at: format.dateTime(report.issuedAt),
                  name: report.issuedBy,
                })
              : format.dateTime(report.issuedAt)}
          </Fact>
          <Fact term={t("reports:page.fact.dataAsOf")}>
            {format.dateTime(report.dataAsOf)}
          </Fact>
          <Fact term={t("reports:language.fact")}>
            <span lang={language}>{languageOf(language).name}</span>
          </Fact>
          {report.periodStart ? (
            <Fact term={t("reports:page.fact.period")}>
              {t("reports:page.fact.periodValue", {
                from: format.date(report.periodStart),
                to: format.date(report.periodEnd),
              })}
            </Fact>
          ) : null}
          <Fact term={t("reports:page.fact.sha256")}>
            <span className="mono">{report.sha256}</span>
          </Fact>
          <Fact term={t("reports:page.fact.submitted")}>
            {report.submittedAt
              ? t("reports:page.fact.submittedValue", {
                  regulator: report.submittedTo,
                  at: format.dateTime(report.submittedAt),
                })
              : t("reports:page.fact.notSubmitted")}
          </Fact>
          {report.supersedes ? (
            <Fact term={t("reports:page.fact.corrects")}>
              <Link to={`/reports/${report.supersedes}`}>
                {report.supersedes}
              </Link>
            </Fact>
          ) : null}
          {report.supersededBy ? (
            <Fact term={t("reports:page.fact.supersededBy")}>
              <Link to={`/reports/${report.supersededBy}`}>
                {report.supersededBy}
              </Link>
            </Fact>
          ) : null}
        </dl>
      </div>
      {canSubmit && !confirm ? (
        <div className="card card--form">
          <h2>{t("reports:page.submit.title")}</h2>
          {correcting ? (
            <p className="alert alert--info">
              {t("reports:page.submit.answers", {
                title: correcting.title,
                id: correcting.id,
              })}
            </p>
          ) : null}
          <p>{t("reports:page.submit.intro")}</p>
          <FormError message={errors.form} />
          <Form
            method="post"
            action={`/reports/${report.id}`}
            className="stack"
          >
            <div className="field">
              <label htmlFor="regulatorId">
                {t("reports:page.submit.regulator")}
              </label>
              <select
                id="regulatorId"
                name="regulatorId"
                required
                defaultValue={correcting?.submittedTo ?? ""}
                aria-invalid={errors.regulatorId ? true : undefined}
                aria-describedby={
                  errors.regulatorId ? "regulatorId-error" : undefined
                }
              >
                <option value="">{t("reports:page.submit.choose")}</option>
                {regulators.map((r) => (
                  <option key={r.id} value={r.id}>
                    {t("reports:page.submit.regulatorOption", {
                      name: r.name,
                      jurisdictions: r.jurisdictions.join(", "),
                    })}
                  </option>
                ))}
              </select>
              {errors.regulatorId ? (
                <span className="error" id="regulatorId-error">
                  {errors.regulatorId}
                </span>
              ) : null}
            </div>
            {earlier.length ? (
              <div className="field">
                <label htmlFor="supersedes">
                  {t("reports:page.submit.corrects")}
                </label>
                <select
                  id="supersedes"
                  name="supersedes"
                  defaultValue={correcting?.id ?? ""}
                >
                  <option value="">{t("reports:page.submit.newReport")}</option>
                  {earlier.map((r) => (
                    <option key={r.id} value={r.id}>
                      {t("reports:page.submit.earlierOption", {
                        title: r.title,
                        id: r.id,
                      })}
                    </option>
                  ))}
                </select>
                {errors.supersedes ? (
                  <span className="error">{errors.supersedes}</span>
                ) : null}
              </div>
            ) : null}
            <button className="button" type="submit">
              {t("reports:page.submit.button")}
            </button>
          </Form>
        </div>
      ) : null}
      {review ? (
        <ReviewCard
          reportId={report.id}
          side={report.side}
          regulator={regulatorName}
          review={review}
          supersededBy={report.supersededBy}
          reissue={reissue}
          confirmReview={confirmReview}
          errors={reviewErrors}
          values={reviewValues}
        />
      ) : null}
      <div className="card">
        <h2>{t("reports:page.downloads.title")}</h2>
        {downloads.length === 0 ? (
          <p className="muted">{t("reports:page.downloads.none")}</p>
        ) : (
          <ul className="entity-list">
            {downloads.map((d, i) => (
              <li key={i}>
                {t("reports:page.downloads.line", {
                  at: format.dateTime(d.at),
                  who: d.who,
                })}
              </li>
            ))}
          </ul>
        )}
      </div>
    </>
  );
}

/** The steps taken with one button (a correction request has its reason field). */
const AT_ONCE_STEPS = ["acknowledged", "accepted"] as const;

type ReviewData = NonNullable<
  ReturnType<typeof useLoaderData<typeof loader>>["review"]
>;

/**
 * The review of a submitted report: its state and steps for both sides; for the regulator the
 * steps it may take now, and for the company the correction asked of it and how to answer.
 */
function ReviewCard({
  reportId,
  side,
  regulator,
  review,
  supersededBy,
  reissue,
  confirmReview,
  errors,
  values,
}: {
  reportId: string;
  side: "issuer" | "regulator";
  regulator: string;
  review: ReviewData;
  supersededBy: string | null;
  reissue: Record<string, string> | null;
  confirmReview: {
    step: "acknowledged" | "accepted" | "correction_requested";
    reason: string;
  } | null;
  errors: Record<string, string | undefined>;
  values: Record<string, string | undefined>;
}) {
  const { t } = useTranslation(["reports", "regulator"]);
  const format = useFormat();
  const { state, steps, requestedCorrection, next } = review;
  const badge = <span className={`badge ${REVIEW_STATE_BADGES[state]}`} />;
  return (
    <section className="card" aria-labelledby="review-title" id="review">
      <h2 id="review-title">
        {side === "regulator" ? (
          <Trans
            t={t}
            i18nKey="reports:page.review.titleOwn"
            values={{ state: t(`regulator:reviewState.${state}`) }}
            components={{ 1: badge }}
          />
        ) : (
          <Trans
            t={t}
            i18nKey="reports:page.review.title"
            values={{ regulator, state: t(`regulator:reviewState.${state}`) }}
            components={{ 1: badge }}
          />
        )}
      </h2>
      {state === "correction_requested" && requestedCorrection ? (
        <div
          className={`alert ${
            side === "issuer" ? "alert--warning" : "alert--info"
          }`}
          role={side === "issuer" ? "alert" : undefined}
        >
          <p>
            {side === "issuer" ? (
              <Trans
                t={t}
                i18nKey="reports:page.review.asksCorrection"
                values={{
                  regulator,
                  at: format.dateTime(requestedCorrection.at),
                  reason: requestedCorrection.reason,
                }}
                components={{ 1: <strong /> }}
              />
            ) : (
              <Trans
                t={t}
                i18nKey="reports:page.review.youAsked"
                values={{
                  at: format.dateTime(requestedCorrection.at),
                  reason: requestedCorrection.reason,
                }}
                components={{ 1: <strong /> }}
              />
            )}
          </p>
          {side === "issuer" ? (
            reissue ? (
              <>
                <p>{t("reports:page.review.howToAnswer", { regulator })}</p>
                <Form method="post" action="/reports" className="actions">
                  {Object.entries(reissue).map(([name, value]) => (
                    <input key={name} type="hidden" name={name} value={value} />
                  ))}
                  <button className="button" type="submit">
                    {t("reports:page.review.issueCorrected")}
                  </button>
                </Form>
              </>
            ) : (
              <p>{t("reports:page.review.someoneElse")}</p>
            )
          ) : (
            <p>{t("reports:page.review.waiting")}</p>
          )}
        </div>
      ) : null}
      {state === "corrected" && supersededBy ? (
        <p>
          <Trans
            t={t}
            i18nKey="reports:page.review.arrived"
            values={{ id: supersededBy }}
            components={{ 1: <Link to={`/reports/${supersededBy}`} /> }}
          />
          {side === "regulator"
            ? ` ${t("reports:page.review.acceptCloses")}`
            : ""}
        </p>
      ) : null}
      {steps.length === 0 ? (
        <p className="muted">{t("reports:page.review.noStep")}</p>
      ) : (
        <ol className="entity-list">
          {steps.map((s) => (
            <li key={s.id}>
              {t("reports:page.review.stepLine", {
                step: t(`reports:page.review.step.${s.action}`),
                at: format.dateTime(s.at),
                by: s.by ?? t("reports:page.review.formerMember"),
              })}
              {s.reason ? (
                <span className="cell-sub">
                  {t("reports:page.review.quoted", { reason: s.reason })}
                </span>
              ) : null}
            </li>
          ))}
        </ol>
      )}
      {confirmReview ? (
        <div
          className="alert alert--warning confirm-panel"
          role="alert"
          aria-labelledby="confirm-review-title"
        >
          <h3 id="confirm-review-title">
            {confirmReview.step === "accepted"
              ? t("reports:page.confirmReview.acceptTitle")
              : t("reports:page.confirmReview.correctionTitle")}
          </h3>
          <p>
            {confirmReview.step === "accepted"
              ? t("reports:page.confirmReview.acceptText")
              : t("reports:page.confirmReview.correctionText", {
                  reason: confirmReview.reason,
                })}
          </p>
          <Form
            method="post"
            action={`/reports/${reportId}`}
            className="actions"
          >
            <input type="hidden" name="intent" value="review" />
            <input type="hidden" name="step" value={confirmReview.step} />
            <input type="hidden" name="reason" value={confirmReview.reason} />
            <input type="hidden" name="confirm" value="yes" />
            <button className="button" type="submit">
              {confirmReview.step === "accepted"
                ? t("reports:page.confirmReview.yesAccept")
                : t("reports:page.confirmReview.yesCorrection")}
            </button>
            <Link
              className="button button--secondary"
              to={`/reports/${reportId}`}
            >
              {t("reports:page.goBack")}
            </Link>
          </Form>
        </div>
      ) : null}
      {next.length > 0 && !confirmReview ? (
        <>
          <FormError message={errors.step ?? errors.form} />
          <div className="review-steps">
            {next.includes("acknowledged") || next.includes("accepted") ? (
              <div className="actions">
                {AT_ONCE_STEPS.filter((step) => next.includes(step)).map(
                  (step) => (
                    <Form
                      key={step}
                      method="post"
                      action={`/reports/${reportId}`}
                    >
                      <input type="hidden" name="intent" value="review" />
                      <input type="hidden" name="step" value={step} />
                      <button
                        className={
                          step === "accepted"
                            ? "button"
                            : "button button--secondary"
                        }
                        type="submit"
                      >
                        {t(`reports:page.review.button.${step}`)}
                      </button>
                    </Form>
                  )
                )}
              </div>
            ) : null}
            {next.includes("correction_requested") ? (
              <Form
                method="post"
                action={`/reports/${reportId}`}
                className="stack"
              >
                <input type="hidden" name="intent" value="review" />
                <input type="hidden" name="step" value="correction_requested" />
                <div className="field">
                  <label htmlFor="reason">
                    {t("reports:page.review.reasonLabel")}
                  </label>
                  <span className="hint" id="reason-hint">
                    {t("reports:page.review.reasonHint")}
                  </span>
                  <textarea
                    id="reason"
                    name="reason"
                    rows={3}
                    maxLength={2000}
                    defaultValue={values.reason ?? ""}
                    aria-invalid={errors.reason ? true : undefined}
                    aria-describedby={
                      errors.reason ? "reason-hint reason-error" : "reason-hint"
                    }
                  />
                  {errors.reason ? (
                    <span className="error" id="reason-error">
                      {errors.reason}
                    </span>
                  ) : null}
                </div>
                <button className="button button--secondary" type="submit">
                  {t("reports:page.review.button.correction_requested")}
                </button>
              </Form>
            ) : null}
          </div>
        </>
      ) : null}
    </section>
  );
}
