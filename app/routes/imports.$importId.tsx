import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guard.server";
import { can } from "~/auth/permissions.server";
import { FormError } from "~/components/field";
import { NearDuplicates } from "~/components/near-duplicates";
import { StepProgress } from "~/components/import-progress";
import { ImportKindName, ImportStatusBadge } from "~/components/imports";
import { TableWrap, Th } from "~/components/table-wrap";
import { ENCODING_LABEL, type TextEncoding } from "~/domain/import/encoding.server";
import { fieldLabels } from "~/domain/import/field-labels.server";
import { fieldsFor } from "~/domain/import/fields";
import { decideNearDuplicate, nearDuplicatePairs } from "~/domain/import/near-duplicates.server";
import { cancelImport, confirmImport, confirmMapping, earlierImportOfSameFile, findImport, importIssuesOf, previewRows, reopenMapping, scoringAfterImport } from "~/domain/import/imports.server";
import { liveProgress, prewarmImportWorker, startImportPhaseWithin } from "~/domain/import/jobs.server";
import { ImportPageSchema } from "~/domain/import/schemas";
import { readStoredMessage } from "~/domain/import/messages";
import { storedText } from "~/domain/import/stored-text.server";
import { idParam, runAction, withDomainErrors } from "~/lib/actions.server";
import { useFormat } from "~/i18n/format";
import { serverT } from "~/i18n/i18n.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.pageTitle ?? "" },
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
  const label = fieldLabels(context.locale, imp.kind);
  const fields = fieldsFor(imp.kind).map((f) => ({ key: f.key, label: label(f), required: Boolean(f.required) }));
  return {
    pageTitle: `${imp.fileName} · ${serverT(context.locale, "imports")("index.title")} · ${serverT(context.locale, "common")("site.name")}`,
    imp: {
      id: imp.id,
      kind: imp.kind,
      status: imp.status,
      fileName: imp.fileName,
      fileSize: imp.fileSize,
      sha256: imp.fileSha256,
      encoding: ENCODING_LABEL[imp.encoding as TextEncoding] ?? imp.encoding,
      delimiter: imp.delimiter,
      headers: imp.headers,
      mapping: imp.mapping,
      counts: imp.counts,
      // Stored language-free (or in English before issue 18): read in the reader's language.
      failure: imp.failure === null ? null : storedText(context.locale, imp.failure),
      failureInEnglish: imp.failure !== null && readStoredMessage(imp.failure) === null,
      createdAt: imp.createdAt.getTime(),
      committedAt: imp.committedAt?.getTime() ?? null,
    },
    fields,
    running,
    progress,
    scoring: progress === null ? await scoringAfterImport(context.db, imp) : null,
    now: Date.now(),
    preview: imp.status === "uploaded" || imp.status === "failed" ? await previewRows(imp.filePath, imp.encoding, imp.delimiter) : null,
    issues: imp.status === "analysed" || imp.status === "imported" ? translatedIssues(await importIssuesOf(context.db, imp.id), context.locale) : null,
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
  }, context.locale);
});

/** Each problem (row, column, value and what was expected) in the reader's language; one stored in English before issue 18 as it is. */
function translatedIssues(issues: Awaited<ReturnType<typeof importIssuesOf>>, locale: string) {
  return { ...issues, rows: issues.rows.map((i) => ({ ...i, message: storedText(locale, i.message), english: readStoredMessage(i.message) === null })) };
}

/** What the running worker is doing: an import checks the file again first when the list changed since its check. */
function stepKey(status: string, step: string | undefined) {
  if (status === "analysing") return "step.check" as const;
  return step === "check" ? ("step.recheck" as const) : ("step.import" as const);
}

const DELIMITERS: Record<string, "comma" | "semicolon" | "tab" | "pipe"> = { ",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe" };

export default function ImportPage() {
  const { imp, fields, running, progress, scoring, now, preview, issues, canEdit, sameFile, nearDuplicates } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const { t } = useTranslation("imports");
  const f = useFormat();
  const { dateTime } = useFormat();
  const n = (v: number | undefined) => f.number(v ?? 0);
  const delimiter = DELIMITERS[imp.delimiter];
  const failure = result && !result.ok ? Object.values(result.errors)[0] : undefined;
  // A refused mapping keeps the fields the person chose, not the ones stored before.
  const sentMapping = result?.intent === "analyse" ? result.values : undefined;
  return (
    <>
      <div className="page-header">
        <div>
          <h1>{imp.fileName}</h1>
          <p>
            <ImportKindName kind={imp.kind} /> · <ImportStatusBadge status={imp.status} /> ·{" "}
            {t("detail.format", { encoding: imp.encoding, delimiter: delimiter ? t(`delimiter.${delimiter}`) : t("delimiter.other", { char: JSON.stringify(imp.delimiter) }) })} · {f.bytes(imp.fileSize)}
          </p>
        </div>
        <Link to="/imports">{t("detail.back")}</Link>
      </div>
      <FormError message={failure} />
      {imp.failure ? (
        <div className="alert alert--warning" role="alert" lang={imp.failureInEnglish ? "en" : undefined}>
          {imp.failure}
        </div>
      ) : null}

      {running && (progress === null || progress.step === "check" || progress.step === "import") ? (
        <div className="card">
          <StepProgress id="import-progress" label={t(stepKey(imp.status, progress?.step))} unit="rows" progress={progress} now={now} />
          <p className="muted">{t("detail.leaveHint")}</p>
        </div>
      ) : null}

      {preview && canEdit ? (
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="analyse" />
          <h2>{t("mapping.heading")}</h2>
          <p className="muted">{t("mapping.intro")}</p>
          <TableWrap label={t("mapping.tableLabel")}>
            <table className="mapping-table stack-table">
              <thead>
                <tr>
                  <Th>{t("col.fileColumn")}</Th>
                  <Th>{t("col.firstValues")}</Th>
                  <Th>{t("col.platformField")}</Th>
                </tr>
              </thead>
              <tbody>
                {imp.headers.map((header, i) => (
                  <tr key={i}>
                    <td className="cell-name">
                      <label htmlFor={`map-${i}`}>{header || t("mapping.unnamed", { n: f.number(i + 1) })}</label>
                    </td>
                    <td className="muted cell-wrap" data-label={t("col.firstValues")}>{preview.slice(1, 4).map((r) => r[i] ?? "").filter(Boolean).join(" · ") || "—"}</td>
                    <td data-label={t("col.platformField")}>
                      <select id={`map-${i}`} name={`map-${i}`} defaultValue={sentMapping?.[`map-${i}`] ?? imp.mapping[i] ?? ""}>
                        <option value="">{t("mapping.ignore")}</option>
                        {fields.map((field) => (
                          <option key={field.key} value={field.key}>
                            {field.required ? t("mapping.required", { label: field.label }) : field.label}
                          </option>
                        ))}
                      </select>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          <h2>{t("preview.heading")}</h2>
          <TableWrap label={t("preview.tableLabel")}>
            <table className="preview-table">
              <thead>
                <tr>
                  <Th>{t("col.row")}</Th>
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
                    <td className="num">{f.number(r + 2)}</td>
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
              {t("check.submit")}
            </button>
            <span className="muted">{t("check.hint")}</span>
          </div>
        </Form>
      ) : null}

      {imp.counts && (imp.status === "analysed" || imp.status === "imported") ? (
        <>
          <h2>{imp.status === "imported" ? t("result.headingImported") : t("result.headingAnalysed")}</h2>
          <div className="summary-grid">
            <Stat value={n(imp.counts.rows)} label={t("result.stat.rows")} />
            <Stat value={n(imp.counts.valid)} label={t("result.stat.valid")} />
            <Stat value={n(imp.counts.invalid)} label={t("result.stat.invalid")} />
            <Stat value={n(imp.counts.new)} label={t("result.stat.new")} />
            <Stat value={n(imp.counts.updated)} label={t("result.stat.updated")} />
            <Stat value={n(imp.counts.unchanged)} label={t("result.stat.unchanged")} />
            <Stat value={n(imp.counts.duplicates)} label={t("result.stat.duplicates")} />
          </div>
          {imp.status === "analysed" && canEdit ? (
            <div className="actions card">
              {imp.counts.new + imp.counts.updated > 0 ? (
                <Form method="post">
                  <input type="hidden" name="intent" value="import" />
                  <button className="button" type="submit" disabled={busy}>
                    {t("result.importButton", {
                      records: t("result.newRecords", { count: imp.counts.new, n: n(imp.counts.new) }),
                      updates: t("result.updates", { count: imp.counts.updated, n: n(imp.counts.updated) }),
                    })}
                  </button>
                </Form>
              ) : (
                <p className="alert alert--info" style={{ margin: 0 }}>
                  {t("result.nothingToImport")}
                </p>
              )}
              <Form method="post">
                <input type="hidden" name="intent" value="remap" />
                <button className="button button--secondary" type="submit" disabled={busy}>
                  {t("result.remap")}
                </button>
              </Form>
              <Form method="post">
                <input type="hidden" name="intent" value="cancel" />
                <button className="button button--secondary" type="submit" disabled={busy}>
                  {t("result.cancel")}
                </button>
              </Form>
            </div>
          ) : null}
          <NearDuplicates pairs={nearDuplicates} canDecide={imp.status === "analysed" && canEdit} busy={busy} />
          <details className="card">
            <summary>{t("result.mappingUsed")}</summary>
            <ul>
              {imp.headers.map((header, i) => (
                <li key={i}>
                  {header || t("result.unnamedColumn", { n: f.number(i + 1) })} → {fields.find((field) => field.key === imp.mapping[i])?.label ?? <span className="muted">{t("result.ignored")}</span>}
                </li>
              ))}
            </ul>
          </details>
          {sameFile ? (
            <p className="muted">
              <Trans t={t} i18nKey="detail.sameFile" values={{ date: dateTime(sameFile.committedAt) }} components={{ 1: <Link to={`/imports/${sameFile.id}`} /> }} />
            </p>
          ) : null}
          {imp.status === "imported" && imp.committedAt ? <p className="muted">{t("detail.importedOn", { date: dateTime(imp.committedAt) })}</p> : null}
          {imp.status === "imported" && (progress?.step === "match" || progress?.step === "score") ? (
            <div className="card">
              {progress.step === "match" ? (
                <StepProgress id="scoring-progress" label={t("scoring.match")} unit="names" progress={progress} now={now} />
              ) : (
                <StepProgress id="scoring-progress" label={t("scoring.score")} unit="entities" progress={progress} now={now} />
              )}
              <p className="muted">{t("scoring.hint")}</p>
            </div>
          ) : null}
          {scoring && "finishedAt" in scoring ? (
            <p className="muted">
              {t("scoring.done", {
                date: dateTime(scoring.finishedAt),
                scored: t("scoring.scored", { count: scoring.scored, n: n(scoring.scored) }),
                changed: t("scoring.changed", { count: scoring.changed, n: n(scoring.changed) }),
              })}
            </p>
          ) : null}
          {scoring && "unscored" in scoring ? (
            <p className="alert alert--warning">{t("scoring.unscored", { count: scoring.unscored, n: n(scoring.unscored) })}</p>
          ) : null}
          {issues && issues.rows.length > 0 ? (
            <>
              <h2>
                {t("problems.heading", {
                  errors: t("problems.errors", { count: issues.errors, n: n(issues.errors) }),
                  warnings: t("problems.warnings", { count: issues.warnings, n: n(issues.warnings) }),
                })}
              </h2>
              <TableWrap label={t("problems.tableLabel")}>
                <table className="stack-table">
                  <thead>
                    <tr>
                      <Th num>{t("col.row")}</Th>
                      <Th>{t("col.column")}</Th>
                      <Th>{t("col.problem")}</Th>
                      <Th>{t("col.kind")}</Th>
                    </tr>
                  </thead>
                  <tbody>
                    {issues.rows.map((i) => (
                      <tr key={i.id}>
                        <td className="num" data-label={t("col.row")}>
                          {f.number(i.row)}
                        </td>
                        <td data-label={t("col.column")}>{i.column ?? "—"}</td>
                        <td className="cell-wrap" data-label={t("col.problem")} lang={i.english ? "en" : undefined}>
                          {i.message}
                        </td>
                        <td data-label={t("col.kind")}>
                          <span className={`badge badge--${i.severity === "error" ? "danger" : "warning"}`}>{t(`problems.severity.${i.severity}`)}</span>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableWrap>
              <p>
                <a href={`/imports/${imp.id}/errors.csv`}>{t("problems.download")}</a>
                <span className="muted">{issues.errors + issues.warnings > issues.rows.length ? t("problems.truncated", { n: n(issues.rows.length) }) : t("problems.all")}</span>
              </p>
            </>
          ) : null}
        </>
      ) : null}
      <p className="muted" style={{ marginTop: "1.5rem" }}>
        {t("detail.sha")} <code>{imp.sha256}</code>
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
