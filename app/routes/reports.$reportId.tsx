import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guard.server";
import { can } from "~/auth/permissions.server";
import { Fact } from "~/components/audits";
import { FormError } from "~/components/field";
import { downloadsOf, previewSubmission, regulators, requireReport, submitReport, submittedReportsOf } from "~/domain/reports/reports.server";
import { languageOfReport } from "~/domain/reports/issue.server";
import { REPORT_TYPE_LABELS } from "~/domain/reports/labels";
import { languageOf } from "~/i18n/languages";
import { REVIEW_STATE_BADGES, REVIEW_STATE_LABELS, REVIEW_STEP_LABELS } from "~/domain/reports/review-states";
import { reissueFieldsOf, reviewOf, reviewReport } from "~/domain/reports/reviews.server";
import { ReviewReportSchema, SubmitReportSchema } from "~/domain/reports/schemas";
import { runAction, withDomainErrors } from "~/lib/actions.server";
import { formatBytes, formatDateTime } from "~/lib/format";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.report.title ?? "Report"} · Labour Due Diligence` }];

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, params, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  const { filePath: _, ...report } = await requireReport(context.db, session, params.reportId ?? "");
  const review = await reviewOf(context.db, session, report.id);
  const canSubmit = report.side === "issuer" && !report.submittedAt && (report.type === "company_due_diligence" || report.type === "supplier_profile") && can(session, "reports.submit", { orgId: report.orgId });
  return {
    report,
    // The language the PDF is written in (a parameter of the report, issue 18).
    language: await languageOfReport(context.db, report.id),
    downloads: await downloadsOf(context.db, session, report.id),
    canSubmit,
    regulators: canSubmit ? await regulators(context.db) : [],
    earlier: canSubmit ? (await submittedReportsOf(context.db, session)).filter((r) => r.type === report.type) : [],
    review,
    // The company answers a correction request by issuing the report again (same kind, same
    // parameters) and submitting it as the correction; only once, until it has been corrected.
    reissue: review?.state === "correction_requested" && report.side === "issuer" && can(session, "reports.issue", { orgId: report.orgId }) ? await reissueFieldsOf(context.db, session, report.id) : null,
  };
});

export const action = /* @__PURE__ */ withDomainErrors(async ({ request, params, context }: ActionFunctionArgs) => {
  const session = requireUser(request, context);
  const id = params.reportId ?? "";
  // Who may see the report at all is decided before its body is read (404 for anyone else).
  await requireReport(context.db, session, id);
  const form = await request.formData();
  if (form.get("intent") === "review") {
    return runAction(form, ReviewReportSchema, async (input) => {
      // Accepting and requesting a correction are permanent answers the company reads: the first
      // post checks the step and states what it does; acknowledging receipt is taken at once.
      if (input.step !== "acknowledged" && !input.confirm) {
        await reviewReport(context.db, session, id, input, { dryRun: true });
        return { ok: true as const, confirmReview: { step: input.step, reason: input.reason.trim() } };
      }
      await reviewReport(context.db, session, id, input, { ip: context.ip });
      throw redirect(`/reports/${id}?reviewed=${input.step}`);
    });
  }
  return runAction(form, SubmitReportSchema, async (input) => {
    // A submission can never be undone: the first post only states what it would do.
    if (!input.confirm) return { ok: true as const, confirm: await previewSubmission(context.db, session, id, input) };
    await submitReport(context.db, session, id, input, { ip: context.ip });
    throw redirect(`/reports/${id}?submitted=1`);
  });
});

export default function ReportPage() {
  const { t } = useTranslation("reports");
  const { report, language, downloads, canSubmit, regulators, earlier, review, reissue } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const reviewSent = result ? (result.ok ? "confirmReview" in result : result.intent === "review") : false;
  const errors = result && !result.ok && !reviewSent ? result.errors : {};
  const reviewErrors = result && !result.ok && reviewSent ? result.errors : {};
  const reviewValues = result && !result.ok && reviewSent ? result.values : {};
  const confirm = result?.ok && "confirm" in result ? result.confirm : null;
  const confirmReview = result?.ok && "confirmReview" in result ? result.confirmReview : null;
  const [search] = useSearchParams();
  const corrects = search.get("corrects");
  const correcting = earlier.find((r) => r.id === corrects);
  const reviewed = search.get("reviewed");
  return (
    <>
      <p className="breadcrumbs">
        <Link to={report.side === "regulator" ? "/regulator" : "/reports"}>{report.side === "regulator" ? "Submitted reports" : "Reports"}</Link> ›
      </p>
      {search.get("issued") ? (
        <div className="alert alert--success" role="status">
          Report issued.
        </div>
      ) : null}
      {search.get("existing") ? (
        <div className="alert alert--info" role="status">
          Nothing changed since this report was issued: here it is again (the same data gives the same report).
        </div>
      ) : null}
      {search.get("submitted") ? (
        <div className="alert alert--success" role="status">
          Submitted to {report.submittedTo}. It can no longer change.
        </div>
      ) : null}
      {reviewed && review ? (
        <div className="alert alert--success" role="status">
          {reviewed === "correction_requested" ? `Correction requested: ${report.issuer} sees your reason on its home page and on the report.` : reviewed === "accepted" ? "Report accepted." : "Receipt acknowledged."}{" "}
          The report is now: {REVIEW_STATE_LABELS[review.state].toLowerCase()}.
        </div>
      ) : null}
      <div className="page-header">
        <div>
          <h1>{report.title}</h1>
          <p>
            {REPORT_TYPE_LABELS[report.type]} · {report.issuer} · <span className="mono">{report.id}</span>
          </p>
        </div>
        <a className="button" href={`/reports/${report.id}/file`} download>
          Download PDF ({report.pages} pages, {formatBytes(report.size)})
        </a>
      </div>
      {confirm ? (
        <div className="alert alert--warning confirm-panel" role="alert" aria-labelledby="confirm-title">
          <h2 id="confirm-title">Submit this report to {confirm.regulator}?</h2>
          <p>
            “{confirm.title}” ({confirm.pages} page{confirm.pages === 1 ? "" : "s"}) goes to {confirm.regulator}: its {confirm.regulatorMembers} member{confirm.regulatorMembers === 1 ? "" : "s"} can read and
            download it at once. It can never be changed or withdrawn.
            {confirm.corrects ? ` It is submitted as the correction of “${confirm.corrects.title}” (${confirm.corrects.id}), which stays visible to the regulator, marked as superseded.` : ""}
          </p>
          <Form method="post" action={`/reports/${report.id}`} className="actions">
            <input type="hidden" name="regulatorId" value={confirm.regulatorId} />
            <input type="hidden" name="supersedes" value={confirm.corrects?.id ?? ""} />
            <input type="hidden" name="confirm" value="yes" />
            <button className="button" type="submit">
              Yes, submit to {confirm.regulator}
            </button>
            <Link className="button button--secondary" to={`/reports/${report.id}`}>
              No, go back
            </Link>
          </Form>
        </div>
      ) : null}
      <div className="card">
        <dl className="facts">
          <Fact term="Issued">
            {formatDateTime(report.issuedAt)}
            {report.issuedBy ? ` by ${report.issuedBy}` : ""}
          </Fact>
          <Fact term="Data as of">{formatDateTime(report.dataAsOf)}</Fact>
          <Fact term={t("language.fact")}>
            <span lang={language}>{languageOf(language).name}</span>
          </Fact>
          {report.periodStart ? <Fact term="Period">{`${report.periodStart} to ${report.periodEnd}`}</Fact> : null}
          <Fact term="SHA-256">
            <span className="mono">{report.sha256}</span>
          </Fact>
          <Fact term="Submitted">{report.submittedAt ? `to ${report.submittedTo} on ${formatDateTime(report.submittedAt)}` : "not submitted"}</Fact>
          {report.supersedes ? (
            <Fact term="Corrects">
              <Link to={`/reports/${report.supersedes}`}>{report.supersedes}</Link>
            </Fact>
          ) : null}
          {report.supersededBy ? (
            <Fact term="Superseded by">
              <Link to={`/reports/${report.supersededBy}`}>{report.supersededBy}</Link>
            </Fact>
          ) : null}
        </dl>
      </div>
      {canSubmit && !confirm ? (
        <div className="card card--form">
          <h2>Submit to a regulator</h2>
          {correcting ? <p className="alert alert--info">This report answers the correction requested on “{correcting.title}” ({correcting.id}): it is chosen below as the report it corrects.</p> : null}
          <p>Once submitted, the report can never change. To correct it later, issue a new report and submit it as the correction of this one; both stay visible.</p>
          <FormError message={errors.form} />
          <Form method="post" action={`/reports/${report.id}`} className="stack">
            <div className="field">
              <label htmlFor="regulatorId">Regulator</label>
              <select id="regulatorId" name="regulatorId" required defaultValue={correcting?.submittedTo ?? ""} aria-invalid={errors.regulatorId ? true : undefined} aria-describedby={errors.regulatorId ? "regulatorId-error" : undefined}>
                <option value="">Choose…</option>
                {regulators.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.name} ({r.jurisdictions.join(", ")})
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
                <label htmlFor="supersedes">Corrects an earlier submission (optional)</label>
                <select id="supersedes" name="supersedes" defaultValue={correcting?.id ?? ""}>
                  <option value="">No, this is a new report</option>
                  {earlier.map((r) => (
                    <option key={r.id} value={r.id}>
                      {r.title} ({r.id})
                    </option>
                  ))}
                </select>
                {errors.supersedes ? <span className="error">{errors.supersedes}</span> : null}
              </div>
            ) : null}
            <button className="button" type="submit">
              Submit
            </button>
          </Form>
        </div>
      ) : null}
      {review ? (
        <ReviewCard
          reportId={report.id}
          side={report.side}
          regulator={report.submittedTo ?? "the regulator"}
          review={review}
          supersededBy={report.supersededBy}
          reissue={reissue}
          confirmReview={confirmReview}
          errors={reviewErrors}
          values={reviewValues}
        />
      ) : null}
      <div className="card">
        <h2>Downloads</h2>
        {downloads.length === 0 ? (
          <p className="muted">Not downloaded yet.</p>
        ) : (
          <ul className="entity-list">
            {downloads.map((d, i) => (
              <li key={i}>
                {formatDateTime(d.at)} · {d.who}
              </li>
            ))}
          </ul>
        )}
      </div>
    </>
  );
}

type ReviewData = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["review"]>;

const STEP_BUTTONS = { acknowledged: "Acknowledge receipt", accepted: "Accept", correction_requested: "Request a correction" } as const;

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
  confirmReview: { step: "acknowledged" | "accepted" | "correction_requested"; reason: string } | null;
  errors: Record<string, string | undefined>;
  values: Record<string, string | undefined>;
}) {
  const { state, steps, requestedCorrection, next } = review;
  return (
    <section className="card" aria-labelledby="review-title" id="review">
      <h2 id="review-title">
        Review by {side === "regulator" ? "you" : regulator}: <span className={`badge ${REVIEW_STATE_BADGES[state]}`}>{REVIEW_STATE_LABELS[state]}</span>
      </h2>
      {state === "correction_requested" && requestedCorrection ? (
        <div className={`alert ${side === "issuer" ? "alert--warning" : "alert--info"}`} role={side === "issuer" ? "alert" : undefined}>
          <p>
            <strong>{side === "issuer" ? `${regulator} asks for a correction` : "You asked for a correction"}</strong> ({formatDateTime(requestedCorrection.at)}): “{requestedCorrection.reason}”
          </p>
          {side === "issuer" ? (
            reissue ? (
              <>
                <p>Correct the data, then issue this report again and submit it as the correction of this one. Both stay visible to {regulator}.</p>
                <Form method="post" action="/reports" className="actions">
                  {Object.entries(reissue).map(([name, value]) => (
                    <input key={name} type="hidden" name={name} value={value} />
                  ))}
                  <button className="button" type="submit">
                    Issue the corrected report
                  </button>
                </Form>
              </>
            ) : (
              <p>Someone with the right to issue reports in your organisation can answer it.</p>
            )
          ) : (
            <p>It waits for the company to submit a report that corrects this one.</p>
          )}
        </div>
      ) : null}
      {state === "corrected" && supersededBy ? (
        <p>
          A correction was requested and has arrived: <Link to={`/reports/${supersededBy}`}>report {supersededBy}</Link> corrects this one.
          {side === "regulator" ? " Accepting this report closes the request." : ""}
        </p>
      ) : null}
      {steps.length === 0 ? (
        <p className="muted">No review step yet.</p>
      ) : (
        <ol className="entity-list">
          {steps.map((s) => (
            <li key={s.id}>
              {REVIEW_STEP_LABELS[s.action]} · {formatDateTime(s.at)} · {s.by}
              {s.reason ? <span className="cell-sub">“{s.reason}”</span> : null}
            </li>
          ))}
        </ol>
      )}
      {confirmReview ? (
        <div className="alert alert--warning confirm-panel" role="alert" aria-labelledby="confirm-review-title">
          <h3 id="confirm-review-title">{confirmReview.step === "accepted" ? "Accept this report?" : "Request a correction of this report?"}</h3>
          <p>
            {confirmReview.step === "accepted"
              ? "The company sees that you accepted it. Acceptance is final: no further step can be taken on this report."
              : `The company sees your reason on its home page and on this report, and answers with a new report that supersedes this one. The request cannot be withdrawn. Your reason: “${confirmReview.reason}”`}
          </p>
          <Form method="post" action={`/reports/${reportId}`} className="actions">
            <input type="hidden" name="intent" value="review" />
            <input type="hidden" name="step" value={confirmReview.step} />
            <input type="hidden" name="reason" value={confirmReview.reason} />
            <input type="hidden" name="confirm" value="yes" />
            <button className="button" type="submit">
              {confirmReview.step === "accepted" ? "Yes, accept" : "Yes, request the correction"}
            </button>
            <Link className="button button--secondary" to={`/reports/${reportId}`}>
              No, go back
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
                {(["acknowledged", "accepted"] as const)
                  .filter((step) => next.includes(step))
                  .map((step) => (
                    <Form key={step} method="post" action={`/reports/${reportId}`}>
                      <input type="hidden" name="intent" value="review" />
                      <input type="hidden" name="step" value={step} />
                      <button className={step === "accepted" ? "button" : "button button--secondary"} type="submit">
                        {STEP_BUTTONS[step]}
                      </button>
                    </Form>
                  ))}
              </div>
            ) : null}
            {next.includes("correction_requested") ? (
              <Form method="post" action={`/reports/${reportId}`} className="stack">
                <input type="hidden" name="intent" value="review" />
                <input type="hidden" name="step" value="correction_requested" />
                <div className="field">
                  <label htmlFor="reason">What must be corrected</label>
                  <span className="hint" id="reason-hint">
                    The company reads this. Name the section, figure or supplier and what is wrong.
                  </span>
                  <textarea
                    id="reason"
                    name="reason"
                    rows={3}
                    maxLength={2000}
                    defaultValue={values.reason ?? ""}
                    aria-invalid={errors.reason ? true : undefined}
                    aria-describedby={errors.reason ? "reason-hint reason-error" : "reason-hint"}
                  />
                  {errors.reason ? (
                    <span className="error" id="reason-error">
                      {errors.reason}
                    </span>
                  ) : null}
                </div>
                <button className="button button--secondary" type="submit">
                  {STEP_BUTTONS.correction_requested}
                </button>
              </Form>
            ) : null}
          </div>
        </>
      ) : null}
    </section>
  );
}
