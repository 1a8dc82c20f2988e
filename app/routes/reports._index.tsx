import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireUser } from "~/auth/guard.server";
import { authorize, can } from "~/auth/permissions.server";
import { Field, FormError } from "~/components/field";
import { PageSizeField } from "~/components/reports";
import { TableWrap, Th } from "~/components/table-wrap";
import { issueReportOffThread } from "~/domain/reports/issue-in-worker.server";
import { listOwnReports} from "~/domain/reports/reports.server";
import { REPORT_TYPE_LABELS } from "~/domain/reports/labels";
import { IssueReportSchema } from "~/domain/reports/schemas";
import { reportLanguage } from "#reports/lib/words";
import { runAction, withDomainErrors } from "~/lib/actions.server";
import { formatDateTime } from "~/lib/format";

export const meta: MetaFunction = () => [{ title: "Reports · Labour Due Diligence" }];

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  const m = session.membership;
  const reports = await listOwnReports(context.db, session);
  const year = new Date().getUTCFullYear();
  return {
    reports,
    orgType: m!.orgType,
    canIssue: can(session, "reports.issue", { orgId: m!.orgId }),
    defaults: { from: `${year}-01-01`, to: `${year}-12-31` },
  };
});

/** Issues any kind of report; the forms on this page, the supplier page and the audit page post here. */
export const action = /* @__PURE__ */ withDomainErrors(async ({ request, context }: ActionFunctionArgs) => {
  const session = requireUser(request, context);
  authorize(session, "reports.issue", { orgId: session.membership?.orgId ?? -1 });
  // A refusal, the rate limit's included (429 with Retry-After), comes back through the one mapping.
  return runAction(request, IssueReportSchema, async (input) => {
    // A report is written in the language chosen on the form, else in the reader's (issue 18).
    const params = { ...input.params, language: input.params.language ?? reportLanguage(context.locale) };
    const issued = await issueReportOffThread(context.db, session, { type: input.type, params, pageSize: input.pageSize }, { dir: context.uploads.dir, ip: context.ip });
    const query = new URLSearchParams({ [issued.existing ? "existing" : "issued"]: "1", ...(input.corrects ? { corrects: input.corrects } : {}) });
    throw redirect(`/reports/${issued.id}?${query}`);
  });
});

export default function Reports() {
  const { reports, orgType, canIssue, defaults } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result?.errors ?? {};
  const v = result?.values ?? {};
  const busy = useNavigation().state === "submitting";
  const periodType = orgType === "company" ? "company_due_diligence" : orgType === "regulator" ? "regulator_summary" : null;
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Reports</h1>
          <p>
            Issued reports are stored with their SHA-256 and can be checked by anyone on the <Link to="/verify">verify page</Link>. The same data always gives the
            same file.{" "}
            {orgType === "company" ? "Supplier risk profiles are issued from each supplier's page." : orgType === "inspectorate" ? "Audit reports are issued from each completed audit." : ""}
          </p>
        </div>
      </div>
      {canIssue && periodType ? (
        <div className="card card--form">
          <h2>{periodType === "company_due_diligence" ? "Issue the due-diligence report" : "Issue a jurisdiction summary"}</h2>
          <FormError message={errors.form} />
          <Form method="post" className="stack">
            <input type="hidden" name="type" value={periodType} />
            <div className="form-row">
              <Field name="from" label="Period from" type="date" required defaultValue={v.from ?? defaults.from} error={errors.from} />
              <Field name="to" label="Period to" type="date" required defaultValue={v.to ?? defaults.to} error={errors.to} />
            </div>
            <PageSizeField defaultValue={v.pageSize} />
            <button className="button" type="submit" disabled={busy}>
              {busy ? "Generating…" : "Issue report (PDF)"}
            </button>
          </Form>
        </div>
      ) : null}
      <div className="card">
        <h2>Issued reports ({reports.length})</h2>
        {reports.length === 0 ? (
          <p className="muted">No report issued yet.</p>
        ) : (
          <TableWrap label="Issued reports">
            <table>
              <thead>
                <tr>
                  <Th>Report</Th>
                  <Th>Kind</Th>
                  <Th>Issued</Th>
                  <Th>Submitted</Th>
                </tr>
              </thead>
              <tbody>
                {reports.map((r) => (
                  <tr key={r.id}>
                    <td>
                      <Link to={`/reports/${r.id}`}>{r.title}</Link>
                      <span className="cell-sub mono">{r.id}</span>
                    </td>
                    <td>{REPORT_TYPE_LABELS[r.type]}</td>
                    <td>
                      {formatDateTime(r.issuedAt)}
                      <span className="cell-sub">{r.issuedBy ?? ""}</span>
                    </td>
                    <td>
                      {r.submittedAt ? `to ${r.submittedTo}, ${formatDateTime(r.submittedAt)}` : "—"}
                      {r.supersededBy ? <span className="cell-sub">superseded by {r.supersededBy}</span> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </div>
    </>
  );
}
