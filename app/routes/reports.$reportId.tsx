import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { requireUser } from "~/auth/guard.server";
import { can } from "~/auth/permissions.server";
import { Fact } from "~/components/audits";
import { FormError } from "~/components/field";
import { downloadsOf, previewSubmission, regulators, requireReport, submitReport, submittedReportsOf } from "~/domain/reports/reports.server";
import { REPORT_TYPE_LABELS } from "~/domain/reports/labels";
import { SubmitReportSchema } from "~/domain/reports/schemas";
import { runAction, withDomainErrors } from "~/lib/actions.server";
import { formatBytes, formatDateTime } from "~/lib/format";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.report.title ?? "Report"} · Labour Due Diligence` }];

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, params, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  const { filePath: _, ...report } = await requireReport(context.db, session, params.reportId ?? "");
  const canSubmit = report.side === "issuer" && !report.submittedAt && (report.type === "company_due_diligence" || report.type === "supplier_profile") && can(session, "reports.submit", { orgId: report.orgId });
  return {
    report,
    downloads: await downloadsOf(context.db, session, report.id),
    canSubmit,
    regulators: canSubmit ? await regulators(context.db) : [],
    earlier: canSubmit ? (await submittedReportsOf(context.db, session)).filter((r) => r.type === report.type) : [],
  };
});

export const action = /* @__PURE__ */ withDomainErrors(async ({ request, params, context }: ActionFunctionArgs) => {
  const session = requireUser(request, context);
  const id = params.reportId ?? "";
  return runAction(request, SubmitReportSchema, async (input) => {
    // A submission can never be undone: the first post only states what it would do.
    if (!input.confirm) return { ok: true as const, confirm: await previewSubmission(context.db, session, id, input) };
    await submitReport(context.db, session, id, input, { ip: context.ip });
    throw redirect(`/reports/${id}?submitted=1`);
  });
});

export default function ReportPage() {
  const { report, downloads, canSubmit, regulators, earlier } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result && !result.ok ? result.errors : {};
  const confirm = result?.ok ? result.confirm : null;
  const [search] = useSearchParams();
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
          <p>Once submitted, the report can never change. To correct it later, issue a new report and submit it as the correction of this one; both stay visible.</p>
          <FormError message={errors.form} />
          <Form method="post" action={`/reports/${report.id}`} className="stack">
            <div className="field">
              <label htmlFor="regulatorId">Regulator</label>
              <select id="regulatorId" name="regulatorId" required defaultValue="" aria-invalid={errors.regulatorId ? true : undefined} aria-describedby={errors.regulatorId ? "regulatorId-error" : undefined}>
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
                <select id="supersedes" name="supersedes" defaultValue="">
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
