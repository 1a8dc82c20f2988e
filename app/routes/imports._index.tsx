import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { IMPORT_KINDS } from "#db/schema";
import { RateLimited, takeRateLimit } from "~/auth/rate-limit.server";
import { requireUser } from "~/auth/guard.server";
import { authorize, can } from "~/auth/permissions.server";
import { FormError } from "~/components/field";
import { ImportStatusBadge, KIND_LABEL } from "~/components/imports";
import { TableWrap, Th } from "~/components/table-wrap";
import { createImport, listImports } from "~/domain/import/imports.server";
import { Invalid, NotFound } from "~/domain/errors";
import { ImportUploadSchema } from "~/domain/import/schemas";
import { failure, runAction } from "~/lib/actions.server";
import { countScoredEntities } from "~/domain/risk/scoring-inputs.server";
import { discardUpload, readUpload, uploadedFile } from "~/lib/upload.server";
import { formatBytes, formatDateTime, formatNumber } from "~/lib/format";
import { withDomainErrors } from "~/lib/http-errors.server";

export const meta: MetaFunction = () => [{ title: "Import · Labour Due Diligence" }];

function companyOf(session: ReturnType<typeof requireUser>) {
  // Lists belong to a company; other organisations have none to import.
  if (!session.membership) throw new NotFound();
  return session.membership.orgId;
}

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  const orgId = companyOf(session);
  return {
    imports: await listImports(context.db, session, orgId),
    // An empty history beside a full list (records added another way, e.g. the demo set-up) says so.
    onPlatform: await countScoredEntities(context.db, orgId),
    canImport: can(session, "suppliers.edit", { orgId }),
    maxMb: Math.round(context.uploads.maxBytes / 1024 / 1024),
  };
});

export const action = /* @__PURE__ */ withDomainErrors(async ({ request, context }: ActionFunctionArgs) => {
  const session = requireUser(request, context);
  const orgId = companyOf(session);
  authorize(session, "suppliers.edit", { orgId });
  // Both refusals come before the file is read, so nothing of it is stored; they answer in the
  // one ActionFailure shape beside the file field (429 with Retry-After, 413).
  try {
    await takeRateLimit(context.db, "imports.upload", orgId);
  } catch (error) {
    if (!(error instanceof RateLimited)) throw error;
    return failure({ file: error.message }, {}, undefined, {}, { status: 429, headers: { "Retry-After": String(error.retryAfterSeconds) } });
  }
  const upload = await readUpload(request, context.uploads.dir, context.uploads.maxBytes);
  if (!upload.ok) {
    return failure({ file: `The file is larger than the ${formatBytes(context.uploads.maxBytes)} limit. Split the list into smaller files, or ask the platform administrator to raise IMPORT_MAX_MB.` }, {}, undefined, {}, { status: 413 });
  }
  try {
    return await runAction(upload.form, ImportUploadSchema, async (input) => {
      const file = uploadedFile(upload, "file");
      if (!file) throw new Invalid("file", "Choose a CSV file to upload.");
      const id = await createImport(context.db, session, orgId, { kind: input.kind, fileName: file.name, tempPath: file.path, uploadsDir: context.uploads.dir }, context.ip);
      throw redirect(`/imports/${id}`);
    });
  } finally {
    // The kept file was moved next to its import row; anything else sent is removed.
    discardUpload(upload);
  }
});

export default function Imports() {
  const { imports, onPlatform, canImport, maxMb } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors: Record<string, string> = result?.errors ?? {};
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Import</h1>
          <p>Upload your supplier or labour-recruiter list as a CSV file. Nothing is written until you have seen what will happen.</p>
        </div>
      </div>
      {canImport ? (
        <div className="card">
          <h2 style={{ marginTop: 0 }}>Upload a list</h2>
          <FormError message={errors.file ?? errors.kind} />
          <Form method="post" encType="multipart/form-data" className="stack">
            <fieldset className="field">
              <legend>What is in the file?</legend>
              {IMPORT_KINDS.map((k) => (
                <label key={k} className="radio">
                  <input type="radio" name="kind" value={k} defaultChecked={(result?.values?.kind || "suppliers") === k} /> {KIND_LABEL[k]}
                </label>
              ))}
            </fieldset>
            <div className="field">
              <label htmlFor="import-file">CSV file</label>
              <span className="hint" id="import-file-hint">
                CSV, TSV or semicolon-separated; UTF-8, UTF-16 or Windows-1252; up to {maxMb} MB. Column names from our template, Open Supply Hub, OMTS
                or your ERP export are recognised.
              </span>
              <input id="import-file" type="file" name="file" accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values" aria-describedby="import-file-hint" required />
            </div>
            <button className="button" type="submit" disabled={busy}>
              {busy ? "Uploading…" : "Upload and preview"}
            </button>
          </Form>
          <p className="muted" style={{ marginTop: "1rem" }}>
            Templates: <a href="/imports/template/suppliers.csv">supplier list</a> · <a href="/imports/template/recruiters.csv">recruiter list</a> ·{" "}
            <Link to="/imports/columns">what every column means</Link>
          </p>
        </div>
      ) : null}
      <h2>Import history</h2>
      {imports.length === 0 ? (
        <p className="muted">
          No list has been uploaded yet
          {onPlatform > 0 ? `; the ${formatNumber(onPlatform)} suppliers and recruiters already on the platform were added another way (for example the demo set-up)` : ""}.
        </p>
      ) : (
        <TableWrap label="Import history">
          <table className="stack-table">
            <thead>
              <tr>
                <Th>File</Th>
                <Th>List</Th>
                <Th>Status</Th>
                <Th num>Rows</Th>
                <Th num>New</Th>
                <Th num>Updated</Th>
                <Th num>Errors</Th>
                <Th>Uploaded</Th>
              </tr>
            </thead>
            <tbody>
              {imports.map((i) => (
                <tr key={i.id}>
                  <td className="cell-name">
                    <Link to={`/imports/${i.id}`}>{i.fileName}</Link>
                  </td>
                  <td data-label="List">{KIND_LABEL[i.kind]}</td>
                  <td data-label="Status">
                    <ImportStatusBadge status={i.status} />
                  </td>
                  <td className="num" data-label="Rows">{formatNumber(i.counts?.rows)}</td>
                  {/* What was written: only an imported list wrote anything (a checked, cancelled or failed one wrote nothing, whatever its check found). */}
                  <td className="num" data-label="New">{i.status === "imported" ? formatNumber(i.counts?.new) : <span title="Nothing was imported from this file">0</span>}</td>
                  <td className="num" data-label="Updated">{i.status === "imported" ? formatNumber(i.counts?.updated) : <span title="Nothing was imported from this file">0</span>}</td>
                  <td className="num" data-label="Errors">{formatNumber(i.counts?.invalid)}</td>
                  <td data-label="Uploaded">
                    {formatDateTime(i.createdAt)}{i.by ? ` · ${i.by}` : ""}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </>
  );
}
