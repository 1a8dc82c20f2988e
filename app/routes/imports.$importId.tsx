import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireUser } from "~/auth/guard.server";
import { can } from "~/auth/permissions.server";
import { FormError } from "~/components/field";
import { NearDuplicates } from "~/components/near-duplicates";
import { StepProgress } from "~/components/import-progress";
import { ImportStatusBadge, KIND_LABEL } from "~/components/imports";
import { TableWrap, Th } from "~/components/table-wrap";
import { ENCODING_LABEL, type TextEncoding } from "~/domain/import/encoding.server";
import { fieldsFor } from "~/domain/import/fields";
import { decideNearDuplicate, nearDuplicatePairs } from "~/domain/import/near-duplicates.server";
import { cancelImport, confirmImport, confirmMapping, delimiterName, earlierImportOfSameFile, findImport, importIssuesOf, previewRows, reopenMapping, scoringAfterImport } from "~/domain/import/imports.server";
import { liveProgress, prewarmImportWorker, startImportPhaseWithin } from "~/domain/import/jobs.server";
import { ImportPageSchema } from "~/domain/import/schemas";
import { idParam, runAction, withDomainErrors } from "~/lib/actions.server";
import { formatBytes, formatDateTime, formatNumber, plural } from "~/lib/format";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.imp.fileName ?? "Import"} · Import · Labour Due Diligence` },
  // While the work runs, the page refreshes itself (with or without JavaScript).
  ...(data?.running ? [{ httpEquiv: "refresh", content: "1" } as const] : []),
];

/**
 * How long the check or import form waits for the job before showing the progress page: a small
 * file is done well within it, and its result is the page the form lands on.
 */
const WAIT_FOR_SMALL_JOBS_MS = 1000;

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, context, params }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  const imp = await findImport(context.db, session, idParam(params.importId));
  const progress = await liveProgress(context.db, imp.id);
  // After "Imported", the worker goes on scoring: the page keeps refreshing until it has finished.
  const running = imp.status === "analysing" || imp.status === "importing" || progress !== null;
  const canEdit = can(session, "suppliers.edit", { orgId: imp.orgId });
  // The next step is a job (check or import): have a worker loaded by the time the button is pressed.
  if (canEdit && (imp.status === "uploaded" || imp.status === "failed" || imp.status === "analysed")) prewarmImportWorker();
  const fields = fieldsFor(imp.kind).map((f) => ({ key: f.key, label: f.label, required: Boolean(f.required) }));
  return {
    imp: {
      id: imp.id,
      kind: imp.kind,
      status: imp.status,
      fileName: imp.fileName,
      fileSize: imp.fileSize,
      sha256: imp.fileSha256,
      encoding: ENCODING_LABEL[imp.encoding as TextEncoding] ?? imp.encoding,
      delimiter: delimiterName(imp.delimiter),
      headers: imp.headers,
      mapping: imp.mapping,
      counts: imp.counts,
      failure: imp.failure,
      createdAt: imp.createdAt.getTime(),
      committedAt: imp.committedAt?.getTime() ?? null,
    },
    fields,
    running,
    progress,
    scoring: progress === null ? await scoringAfterImport(context.db, imp) : null,
    now: Date.now(),
    preview: imp.status === "uploaded" || imp.status === "failed" ? await previewRows(imp.filePath, imp.encoding, imp.delimiter) : null,
    issues: imp.status === "analysed" || imp.status === "imported" ? await importIssuesOf(context.db, imp.id) : null,
    nearDuplicates: imp.status === "analysed" || imp.status === "imported" ? await nearDuplicatePairs(context.db, session, imp.id) : [],
    canEdit,
    sameFile: imp.status === "analysed" ? await earlierImportOfSameFile(context.db, imp) : null,
  };
});

export const action = /* @__PURE__ */ withDomainErrors(async ({ request, context, params }: ActionFunctionArgs) => {
  const session = requireUser(request, context);
  const importId = idParam(params.importId);
  const imp = await findImport(context.db, session, importId, "suppliers.edit");
  return runAction(request, ImportPageSchema, async (input) => {
    switch (input.intent) {
      case "analyse":
        await confirmMapping(context.db, session, importId, input.mappingFor(imp.headers.length));
        await startImportPhaseWithin(context.db, importId, "analyse", WAIT_FOR_SMALL_JOBS_MS);
        break;
      case "import":
        await confirmImport(context.db, session, importId);
        await startImportPhaseWithin(context.db, importId, "commit", WAIT_FOR_SMALL_JOBS_MS);
        break;
      case "duplicate":
        await decideNearDuplicate(context.db, session, importId, { row: input.row, choice: input.choice });
        break;
      case "remap":
        await reopenMapping(context.db, session, importId);
        break;
      case "cancel":
        await cancelImport(context.db, session, importId, context.ip);
        break;
    }
    throw redirect(`/imports/${importId}`);
  });
});

const n = (v: number | undefined) => formatNumber(v ?? 0);

/** What the running worker is doing: an import checks the file again first when the list changed since its check. */
function stepLabel(status: string, step: string | undefined): string {
  if (status === "analysing") return "Checking every row…";
  return step === "check" ? "The list changed since the check: checking every row again before importing…" : "Importing the valid rows…";
}

export default function ImportPage() {
  const { imp, fields, running, progress, scoring, now, preview, issues, canEdit, sameFile, nearDuplicates } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const failure = result && !result.ok ? Object.values(result.errors)[0] : undefined;
  // A refused mapping keeps the fields the person chose, not the ones stored before.
  const sentMapping = result?.intent === "analyse" ? result.values : undefined;
  return (
    <>
      <div className="page-header">
        <div>
          <h1>{imp.fileName}</h1>
          <p>
            {KIND_LABEL[imp.kind]} · <ImportStatusBadge status={imp.status} /> · {imp.encoding}, {imp.delimiter}-separated · {formatBytes(imp.fileSize)}
          </p>
        </div>
        <Link to="/imports">← All imports</Link>
      </div>
      <FormError message={failure} />
      {imp.failure ? (
        <div className="alert alert--warning" role="alert">
          {imp.failure}
        </div>
      ) : null}

      {running && (progress === null || progress.step === "check" || progress.step === "import") ? (
        <div className="card">
          <StepProgress id="import-progress" label={stepLabel(imp.status, progress?.step)} unit="rows" progress={progress} now={now} />
          <p className="muted">You can leave this page; the work goes on and the import history shows when it is done.</p>
        </div>
      ) : null}

      {preview && canEdit ? (
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="analyse" />
          <h2>Columns</h2>
          <p className="muted">We proposed a platform field for each column of your file. Change any that are wrong; columns set to “ignore” are not imported. Your choice is remembered for files with the same columns.</p>
          <TableWrap label="Column mapping">
            <table className="mapping-table stack-table">
              <thead>
                <tr>
                  <Th>Column in your file</Th>
                  <Th>First values</Th>
                  <Th>Platform field</Th>
                </tr>
              </thead>
              <tbody>
                {imp.headers.map((header, i) => (
                  <tr key={i}>
                    <td className="cell-name">
                      <label htmlFor={`map-${i}`}>{header || `(column ${i + 1}, no name)`}</label>
                    </td>
                    <td className="muted cell-wrap" data-label="First values">{preview.slice(1, 4).map((r) => r[i] ?? "").filter(Boolean).join(" · ") || "—"}</td>
                    <td data-label="Platform field">
                      <select id={`map-${i}`} name={`map-${i}`} defaultValue={sentMapping?.[`map-${i}`] ?? imp.mapping[i] ?? ""}>
                        <option value="">— ignore this column —</option>
                        {fields.map((f) => (
                          <option key={f.key} value={f.key}>
                            {f.label}
                            {f.required ? " (required)" : ""}
                          </option>
                        ))}
                      </select>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          <h2>First rows</h2>
          <TableWrap label="First rows of the file">
            <table className="preview-table">
              <thead>
                <tr>
                  <Th>Row</Th>
                  {imp.headers.map((h, i) => (
                    <th key={i} scope="col">
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {preview.slice(1).map((row, r) => (
                  <tr key={r}>
                    <td className="num">{r + 2}</td>
                    {imp.headers.map((_, i) => (
                      <td key={i} title={row[i]}>
                        {row[i]}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          <div className="actions">
            <button className="button" type="submit" disabled={busy}>
              Check all rows
            </button>
            <span className="muted">Nothing is written yet: you see what would happen first.</span>
          </div>
        </Form>
      ) : null}

      {imp.counts && (imp.status === "analysed" || imp.status === "imported") ? (
        <>
          <h2>{imp.status === "imported" ? "What was imported" : "What will happen"}</h2>
          <div className="summary-grid">
            <Stat value={n(imp.counts.rows)} label="rows in the file" />
            <Stat value={n(imp.counts.valid)} label="valid rows" />
            <Stat value={n(imp.counts.invalid)} label="rows with errors (skipped)" />
            <Stat value={n(imp.counts.new)} label="new" />
            <Stat value={n(imp.counts.updated)} label="updated" />
            <Stat value={n(imp.counts.unchanged)} label="unchanged" />
            <Stat value={n(imp.counts.duplicates)} label="duplicates merged" />
          </div>
          {imp.status === "analysed" && canEdit ? (
            <div className="actions card">
              {imp.counts.new + imp.counts.updated > 0 ? (
                <Form method="post">
                  <input type="hidden" name="intent" value="import" />
                  <button className="button" type="submit" disabled={busy}>
                    Import: {plural(imp.counts.new, "new record")}, {plural(imp.counts.updated, "update")}
                  </button>
                </Form>
              ) : (
                <p className="alert alert--info" style={{ margin: 0 }}>
                  Nothing to import: every valid row is already on the platform as it is.
                </p>
              )}
              <Form method="post">
                <input type="hidden" name="intent" value="remap" />
                <button className="button button--secondary" type="submit" disabled={busy}>
                  Change the column mapping
                </button>
              </Form>
              <Form method="post">
                <input type="hidden" name="intent" value="cancel" />
                <button className="button button--secondary" type="submit" disabled={busy}>
                  Cancel
                </button>
              </Form>
            </div>
          ) : null}
          <NearDuplicates pairs={nearDuplicates} canDecide={imp.status === "analysed" && canEdit} busy={busy} />
          <details className="card">
            <summary>Column mapping used</summary>
            <ul>
              {imp.headers.map((header, i) => (
                <li key={i}>
                  {header || `(column ${i + 1})`} → {fields.find((f) => f.key === imp.mapping[i])?.label ?? <span className="muted">ignored</span>}
                </li>
              ))}
            </ul>
          </details>
          {sameFile ? (
            <p className="muted">
              This exact file (same SHA-256) was already imported on {formatDateTime(sameFile.committedAt)}: <Link to={`/imports/${sameFile.id}`}>see that import</Link>.
            </p>
          ) : null}
          {imp.status === "imported" && imp.committedAt ? <p className="muted">Imported on {formatDateTime(imp.committedAt)}.</p> : null}
          {imp.status === "imported" && (progress?.step === "match" || progress?.step === "score") ? (
            <div className="card">
              {progress.step === "match" ? (
                <StepProgress id="scoring-progress" label="Comparing the names with the watchlists, before scoring…" unit="names" progress={progress} now={now} />
              ) : (
                <StepProgress id="scoring-progress" label="Bringing the risk scores up to date…" unit="suppliers and recruiters" progress={progress} now={now} />
              )}
              <p className="muted">Scores on the supplier and recruiter pages fill in as this goes on. This page refreshes itself until it is done.</p>
            </div>
          ) : null}
          {scoring && "finishedAt" in scoring ? (
            <p className="muted">
              Risk scores up to date since {formatDateTime(scoring.finishedAt)}: {plural(scoring.scored, "supplier or recruiter", "suppliers and recruiters")} checked, {plural(scoring.changed, "new score")}.
            </p>
          ) : null}
          {scoring && "unscored" in scoring ? (
            <p className="alert alert--warning">
              {plural(scoring.unscored, "supplier or recruiter", "suppliers and recruiters")} of this import {scoring.unscored === 1 ? "has" : "have"} no risk score yet: the scoring after the import did not finish. They are scored when the platform next starts or rescores.
            </p>
          ) : null}
          {issues && issues.rows.length > 0 ? (
            <>
              <h2>
                Problems ({plural(issues.errors, "error")}, {plural(issues.warnings, "warning")})
              </h2>
              <TableWrap label="Problems found">
                <table className="stack-table">
                  <thead>
                    <tr>
                      <Th num>Row</Th>
                      <Th>Column</Th>
                      <Th>Problem</Th>
                      <Th>Kind</Th>
                    </tr>
                  </thead>
                  <tbody>
                    {issues.rows.map((i) => (
                      <tr key={i.id}>
                        <td className="num" data-label="Row">{i.row}</td>
                        <td data-label="Column">{i.column ?? "—"}</td>
                        <td className="cell-wrap" data-label="Problem">{i.message}</td>
                        <td data-label="Kind">
                          <span className={`badge badge--${i.severity === "error" ? "danger" : "warning"}`}>{i.severity}</span>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableWrap>
              <p>
                <a href={`/imports/${imp.id}/errors.csv`}>Download the rows with problems (CSV)</a>
                {issues.errors + issues.warnings > issues.rows.length ? <span className="muted"> — the first {issues.rows.length} problems are shown above; the CSV has them all.</span> : <span className="muted"> — your rows as they are, with an errors column, to fix and upload again.</span>}
              </p>
            </>
          ) : null}
        </>
      ) : null}
      <p className="muted" style={{ marginTop: "1.5rem" }}>
        SHA-256 of the file: <code>{imp.sha256}</code>
      </p>
    </>
  );
}

function Stat({ value, label }: { value: string; label: string }) {
  return (
    <div className="card">
      <div className="stat">{value}</div>
      <div className="stat-label">{label}</div>
    </div>
  );
}
