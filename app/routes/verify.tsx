import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { REPORT_TYPE_LABELS } from "~/domain/reports/labels";
import { verifyFile, verifyText, type Verdict } from "~/domain/reports/verify.server";
import { formatDateTime } from "~/lib/format";
import { discardUpload, readUpload, uploadedFile } from "~/lib/upload.server";
import { withDomainErrors } from "~/lib/http-errors.server";

export const meta: MetaFunction = () => [{ title: "Verify a report · Labour Due Diligence" }];

/** Public: anyone holding a report can check it, without an account. */
export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, context }: LoaderFunctionArgs) => {
  const q = new URL(request.url).searchParams.get("q")?.slice(0, 200) ?? "";
  return { q, verdict: q ? await verifyText(context.db, q) : null };
});

const LIMIT = 60 * 1024 * 1024;

export const action = /* @__PURE__ */ withDomainErrors(async ({ request, context }: ActionFunctionArgs) => {
  const upload = await readUpload(request, context.uploads.dir, LIMIT);
  if (!upload.ok) return data({ verdict: { kind: "unknown", reason: "The file is larger than 60 MB; no report issued here is that large." } as Verdict }, { status: 413 });
  try {
    const file = uploadedFile(upload, "file");
    if (!file) return data({ verdict: { kind: "unknown", reason: "Choose the PDF to check." } as Verdict }, { status: 400 });
    return { verdict: await verifyFile(context.db, file.path) };
  } finally {
    discardUpload(upload);
  }
});

function Result({ verdict }: { verdict: Verdict }) {
  if (verdict.kind === "unknown") {
    return (
      <div className="alert alert--error" role="status">
        <strong>Not issued by this platform.</strong> {verdict.reason}
      </div>
    );
  }
  const r = verdict.report;
  const facts = (
    <ul>
      <li>
        {REPORT_TYPE_LABELS[r.type]}: {r.title}
      </li>
      <li>
        Issued by <strong>{r.issuer}</strong> on {formatDateTime(r.issuedAt)}; data as of {formatDateTime(r.dataAsOf)}
        {r.periodStart ? `; period ${r.periodStart} to ${r.periodEnd}` : ""}
      </li>
      <li>
        Report id <span className="mono">{r.id}</span>, SHA-256 <span className="mono">{r.sha256}</span>
      </li>
      {r.submittedAt ? (
        <li>
          Submitted to {r.submittedTo} on {formatDateTime(r.submittedAt)}
        </li>
      ) : null}
      {r.supersededBy ? (
        <li>
          <strong>Superseded</strong> by the correction {r.supersededBy}
        </li>
      ) : null}
    </ul>
  );
  if (verdict.kind === "altered") {
    return (
      <div className="alert alert--error" role="status">
        <strong>Altered: this file is not the report that was issued.</strong> It names report {r.id}, but its content differs from the file issued (its SHA-256
        does not match). The report that was issued:
        {facts}
      </div>
    );
  }
  if (verdict.kind === "issued") {
    // Only a lookup: nothing was compared, so this is information, not a green "authentic".
    return (
      <div className="alert alert--info" role="status">
        <strong>
          Issued here on {formatDateTime(r.issuedAt)} by {r.issuer}. Upload the file to check it is unaltered.
        </strong>
        {facts}
      </div>
    );
  }
  return (
    <div className="alert alert--success" role="status">
      <strong>Authentic.</strong> This file is exactly the report issued:
      {facts}
    </div>
  );
}

export default function Verify() {
  const { q, verdict } = useLoaderData<typeof loader>();
  const posted = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const shown = posted?.verdict ?? verdict;
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Verify a report</h1>
          <p>Check that a PDF report was issued by this platform and has not been changed since. No account needed; the file is checked and not kept.</p>
        </div>
      </div>
      {shown ? <Result verdict={shown} /> : null}
      <div className="grid">
        <div className="card">
          <h2>Upload the PDF</h2>
          <Form method="post" encType="multipart/form-data" className="stack">
            <div className="field">
              <label htmlFor="file">Report file</label>
              <input id="file" name="file" type="file" accept="application/pdf,.pdf" required />
            </div>
            <button className="button" type="submit" disabled={busy}>
              Check the file
            </button>
          </Form>
        </div>
        <div className="card">
          <h2>Or type its id or hash</h2>
          <Form method="get" className="stack">
            <div className="field">
              <label htmlFor="q">Report id, SHA-256 or data fingerprint</label>
              <input id="q" name="q" defaultValue={q} maxLength={200} placeholder="R-XXXX-XXXX-XXXX-XXXX" />
            </div>
            <button className="button button--secondary" type="submit">
              Look up
            </button>
          </Form>
        </div>
      </div>
    </>
  );
}
