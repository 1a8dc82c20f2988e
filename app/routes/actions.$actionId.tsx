import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireUser } from "~/auth/guard.server";
import { authorize } from "~/auth/permissions.server";
import { ActionStatus, Fact, indicatorLabel, Severity, timeInZones } from "~/components/audits";
import { FormError } from "~/components/field";
import { actionDetail, answerAction, requireAction, verifyAction } from "~/domain/audits/corrective-actions.server";
import { AnswerActionSchema, VerifyActionSchema } from "~/domain/audits/form-schemas";
import { Invalid } from "~/domain/errors";
import { failure, idParam, runAction, withDomainErrors } from "~/lib/actions.server";
import { saveWithEvidence } from "~/lib/evidence.server";
import { formatBytes, formatDateTime } from "~/lib/format";
import { discardUpload, readUpload, uploadedFiles } from "~/lib/upload.server";

export const meta: MetaFunction = ({ params }) => [{ title: `Corrective action #${params.actionId} · Labour Due Diligence` }];

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, params, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  return await actionDetail(context.db, session, idParam(params.actionId));
});

const UPLOAD_LIMIT = 60 * 1024 * 1024;

export const action = /* @__PURE__ */ withDomainErrors(async ({ request, params, context }: ActionFunctionArgs) => {
  const session = requireUser(request, context);
  const actionId = idParam(params.actionId);
  // Authorise before reading the body.
  const { side, action: correctiveAction } = await requireAction(context.db, session, actionId);
  if (side === "inspectorate") {
    return runAction(request, VerifyActionSchema, async (input) => {
      await verifyAction(context.db, session, actionId, input, { ip: context.ip });
      throw redirect(`/actions/${actionId}`);
    });
  }
  // A company member who may not answer is refused before any file is written.
  authorize(session, "actions.answer", { orgId: correctiveAction.companyOrgId });
  const upload = await readUpload(request, context.uploads.dir, UPLOAD_LIMIT);
  if (!upload.ok) return failure({ evidence: "The evidence files together may be up to 60 MB." }, {}, undefined, {}, { status: 413 });
  try {
    return await runAction(upload.form, AnswerActionSchema, async (input) => {
      const files = uploadedFiles(upload, "evidence");
      if (files.length > 10) throw new Invalid("evidence", "Attach at most 10 files at a time.");
      await saveWithEvidence(files, context.uploads.dir, "evidence", async (stored) => await answerAction(context.db, session, actionId, input, stored, { ip: context.ip }));
      throw redirect(`/actions/${actionId}`);
    });
  } finally {
    discardUpload(upload);
  }
});

export default function CorrectiveAction() {
  const d = useLoaderData<typeof loader>();
  const { action: a } = d;
  const result = useActionData<typeof action>();
  const errors: Record<string, string> = result?.errors ?? {};
  const v: Record<string, string> = result?.values ?? {};
  const busy = useNavigation().state === "submitting";
  return (
    <>
      <p className="breadcrumbs">
        <Link to="/actions">Corrective actions</Link> ›
      </p>
      <div className="page-header">
        <div>
          <h1>Corrective action #{a.id}</h1>
          <p>
            {d.supplierName} · <ActionStatus status={a.status} overdue={a.overdue} />
          </p>
        </div>
      </div>
      {a.overdue ? (
        <div className="alert alert--warning" role="status">
          Overdue: it was due on {a.dueOn}.
        </div>
      ) : null}
      <div className="card">
        <dl className="facts">
          <Fact term="What must be done">{a.description}</Fact>
          <Fact term="Who must act">{a.owner === "company" ? d.companyName : `the supplier, ${d.supplierName}`}</Fact>
          <Fact term="Due">{a.dueOn}</Fact>
          <Fact term="Finding">
            {indicatorLabel(d.indicator)} <Severity result={d.severity} /> — {d.findingDescription}
          </Fact>
          <Fact term="Audit">
            <Link to={`/audits/${a.auditId}`}>
              {d.inspectorateName}, {timeInZones(d.auditStartsAt, d.auditZone, d.side === "inspectorate" ? d.zone : null)}
            </Link>
          </Fact>
          {a.response ? (
            <Fact term="Company's answer">
              {a.response} <span className="muted">({a.respondedAt ? formatDateTime(a.respondedAt) : ""})</span>
            </Fact>
          ) : null}
          {a.verificationNote ? <Fact term="Inspector's note">{a.verificationNote}</Fact> : null}
          {a.verifiedAt ? <Fact term="Verified closed">{formatDateTime(a.verifiedAt)}</Fact> : null}
        </dl>
        <h3>Evidence of closure</h3>
        {d.evidence.length === 0 ? (
          <p className="muted">None yet.</p>
        ) : (
          <ul>
            {d.evidence.map((e) => (
              <li key={e.id}>
                <Link to={`/evidence/${e.id}`} reloadDocument>
                  {e.fileName}
                </Link>{" "}
                <span className="muted">
                  ({formatBytes(e.size)}, by {e.uploadedBy ?? "a former member"}) SHA-256 <span className="mono">{e.sha256}</span>
                </span>
              </li>
            ))}
          </ul>
        )}
      </div>
      {d.canAnswer ? (
        <div className="card card--form">
          <h2>Answer</h2>
          <FormError message={errors.form} />
          <Form method="post" encType="multipart/form-data" className="stack">
            <fieldset className="field">
              <legend>Status</legend>
              <label className="radio">
                <input type="radio" name="status" value="in_progress" defaultChecked={(v.status ?? (a.status === "open" ? "in_progress" : "submitted")) === "in_progress"} disabled={a.status === "submitted"} /> In progress
              </label>
              <label className="radio">
                <input type="radio" name="status" value="submitted" defaultChecked={(v.status ?? (a.status === "open" ? "in_progress" : "submitted")) === "submitted"} /> Done: submit for verification
              </label>
              {errors.status ? <span className="error">{errors.status}</span> : null}
            </fieldset>
            <div className="field">
              <label htmlFor="response">What was done</label>
              <textarea id="response" name="response" rows={4} maxLength={5000} defaultValue={v.response ?? a.response ?? ""} aria-invalid={errors.response ? true : undefined} aria-describedby={errors.response ? "response-error" : undefined} />
              {errors.response ? (
                <span className="error" id="response-error">
                  {errors.response}
                </span>
              ) : null}
            </div>
            <div className="field">
              <label htmlFor="evidence">Evidence files</label>
              <input id="evidence" name="evidence" type="file" multiple accept=".pdf,.png,.jpg,.jpeg,.docx,.xlsx,.txt" aria-invalid={errors.evidence ? true : undefined} aria-describedby={errors.evidence ? "evidence-error" : undefined} />
              {errors.evidence ? (
                <span className="error" id="evidence-error">
                  {errors.evidence}
                </span>
              ) : null}
            </div>
            <button className="button" type="submit" disabled={busy}>
              Send answer
            </button>
          </Form>
        </div>
      ) : null}
      {d.canVerify ? (
        <div className="card card--form">
          <h2>Verify</h2>
          <Form method="post" className="stack">
            <fieldset className="field">
              <legend>Decision</legend>
              <label className="radio">
                <input type="radio" name="decision" value="close" defaultChecked={(v.decision ?? "close") === "close"} /> Verified: close the action
              </label>
              <label className="radio">
                <input type="radio" name="decision" value="reopen" defaultChecked={v.decision === "reopen"} /> Not fixed: send it back
              </label>
              {errors.decision ? <span className="error">{errors.decision}</span> : null}
            </fieldset>
            <div className="field">
              <label htmlFor="note">Note</label>
              <textarea id="note" name="note" rows={3} maxLength={5000} defaultValue={v.note ?? ""} aria-invalid={errors.note ? true : undefined} />
              {errors.note ? <span className="error">{errors.note}</span> : null}
            </div>
            <button className="button" type="submit">
              Record decision
            </button>
          </Form>
        </div>
      ) : null}
    </>
  );
}
