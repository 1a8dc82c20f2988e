import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { REPORT_TYPES, type ReportType } from "#db/schema";
import { requireUser } from "~/auth/guard.server";
import { authorize, can } from "~/auth/permissions.server";
import { RateLimited } from "~/auth/rate-limit.server";
import { Field, FormError } from "~/components/field";
import { PageSizeField } from "~/components/reports";
import { TableWrap, Th } from "~/components/table-wrap";
import { InputError } from "~/domain/errors";
import { issueReportOffThread } from "~/domain/reports/issue-in-worker.server";
import { listOwnReports} from "~/domain/reports/reports.server";
import { REPORT_TYPE_LABELS } from "~/domain/reports/labels";
import { formValues } from "~/lib/forms";
import { formatDateTime } from "~/lib/format";

export const meta: MetaFunction = () => [{ title: "Reports · Labour Due Diligence" }];

export function loader({ request, context }: LoaderFunctionArgs) {
  const session = requireUser(request, context);
  const m = session.membership;
  const reports = listOwnReports(context.db, session);
  const year = new Date().getUTCFullYear();
  return {
    reports,
    orgType: m!.orgType,
    canIssue: can(session, "reports.issue", { orgId: m!.orgId }),
    defaults: { from: `${year}-01-01`, to: `${year}-12-31` },
  };
}

/** Issues any kind of report; the forms on this page, the supplier page and the audit page post here. */
export async function action({ request, context }: ActionFunctionArgs) {
  const session = requireUser(request, context);
  authorize(session, "reports.issue", { orgId: session.membership?.orgId ?? -1 });
  const form = await request.formData();
  const type = String(form.get("type") ?? "") as ReportType;
  const values = formValues(form);
  if (!(REPORT_TYPES as readonly string[]).includes(type)) return data({ errors: { form: "Choose a kind of report." } as Record<string, string>, values }, { status: 400 });
  const params: Record<string, string | number> = {};
  for (const key of ["supplierId", "auditId", "from", "to"]) {
    const v = form.get(key);
    if (typeof v === "string" && v !== "") params[key] = /^\d+$/.test(v) ? Number(v) : v;
  }
  try {
    const issued = await issueReportOffThread(context.db, session, { type, params, pageSize: form.get("pageSize") === "LETTER" ? "LETTER" : "A4" }, { dir: context.uploads.dir, ip: context.ip });
    throw redirect(`/reports/${issued.id}?${issued.existing ? "existing" : "issued"}=1`);
  } catch (error) {
    if (error instanceof InputError) return data({ errors: { [error.field]: error.message } as Record<string, string>, values }, { status: error instanceof RateLimited ? 429 : 400, headers: error instanceof RateLimited ? { "Retry-After": String(error.retryAfterSeconds) } : undefined });
    throw error;
  }
}

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
