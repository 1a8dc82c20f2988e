import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { IMPORT_KINDS } from "#db/schema";
import { RateLimited, takeRateLimit } from "~/auth/rate-limit.server";
import { requireUser } from "~/auth/guard.server";
import { authorize, can } from "~/auth/permissions.server";
import { FormError } from "~/components/field";
import { ImportKindName, ImportStatusBadge } from "~/components/imports";
import { TableWrap, Th } from "~/components/table-wrap";
import { createImport, listImports } from "~/domain/import/imports.server";
import { Invalid, NotFound } from "~/domain/errors";
import { ImportUploadSchema } from "~/domain/import/schemas";
import { failure, runAction } from "~/lib/actions.server";
import { countScoredEntities } from "~/domain/risk/scoring-inputs.server";
import { discardUpload, readUpload, uploadedFile } from "~/lib/upload.server";
import { formatsFor, useFormat } from "~/i18n/format";
import { serverT, translateMessage } from "~/i18n/i18n.server";
import { withDomainErrors } from "~/lib/http-errors.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "" }];

function companyOf(session: ReturnType<typeof requireUser>) {
  // Lists belong to a company; other organisations have none to import.
  if (!session.membership) throw new NotFound();
  return session.membership.orgId;
}

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  const orgId = companyOf(session);
  return {
    pageTitle: `${serverT(context.locale, "imports")("index.title")} · ${serverT(context.locale, "common")("site.name")}`,
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
    return failure({ file: translateMessage(context.locale, error.message, error.values) }, {}, undefined, {}, { status: 429, headers: { "Retry-After": String(error.retryAfterSeconds) } });
  }
  const upload = await readUpload(request, context.uploads.dir, context.uploads.maxBytes, context.locale);
  if (!upload.ok) {
    const limit = formatsFor(context.locale).bytes(context.uploads.maxBytes);
    return failure({ file: serverT(context.locale, "imports")("upload.tooLarge", { limit }) }, {}, undefined, {}, { status: 413 });
  }
  try {
    return await runAction(
      upload.form,
      ImportUploadSchema,
      async (input) => {
        const file = uploadedFile(upload, "file");
        if (!file) throw new Invalid("file", "imports:upload.chooseFile");
        const id = await createImport(context.db, session, orgId, { kind: input.kind, fileName: file.name, tempPath: file.path, uploadsDir: context.uploads.dir }, context.ip);
        throw redirect(`/imports/${id}`);
      },
      context.locale,
    );
  } finally {
    // The kept file was moved next to its import row; anything else sent is removed.
    discardUpload(upload);
  }
});

export default function Imports() {
  const { imports, onPlatform, canImport, maxMb } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const { t } = useTranslation("imports");
  const f = useFormat();
  const { dateTime } = useFormat();
  const errors: Record<string, string> = result?.errors ?? {};
  return (
    <>
      <div className="page-header">
        <div>
          <h1>{t("index.title")}</h1>
          <p>{t("index.intro")}</p>
        </div>
      </div>
      {canImport ? (
        <div className="card">
          <h2 style={{ marginTop: 0 }}>{t("index.upload.heading")}</h2>
          <FormError message={errors.file ?? errors.kind} />
          <Form method="post" encType="multipart/form-data" className="stack">
            <fieldset className="field">
              <legend>{t("index.upload.kindLegend")}</legend>
              {IMPORT_KINDS.map((k) => (
                <label key={k} className="radio">
                  <input type="radio" name="kind" value={k} defaultChecked={(result?.values?.kind || "suppliers") === k} /> <ImportKindName kind={k} />
                </label>
              ))}
            </fieldset>
            <div className="field">
              <label htmlFor="import-file">{t("index.upload.fileLabel")}</label>
              <span className="hint" id="import-file-hint">
                {t("index.upload.fileHint", { maxMb: f.number(maxMb) })}
              </span>
              <input id="import-file" type="file" name="file" accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values" aria-describedby="import-file-hint" required />
            </div>
            <button className="button" type="submit" disabled={busy}>
              {busy ? t("index.upload.uploading") : t("index.upload.submit")}
            </button>
          </Form>
          <p className="muted" style={{ marginTop: "1rem" }}>
            {t("index.templates.label")} <a href="/imports/template/suppliers.csv">{t("index.templates.suppliers")}</a> · <a href="/imports/template/recruiters.csv">{t("index.templates.recruiters")}</a> ·{" "}
            <Link to="/imports/columns">{t("index.templates.columns")}</Link>
          </p>
        </div>
      ) : null}
      <h2>{t("index.history.heading")}</h2>
      {imports.length === 0 ? (
        <p className="muted">{onPlatform > 0 ? t("index.history.emptyOthers", { count: onPlatform, n: f.number(onPlatform) }) : t("index.history.empty")}</p>
      ) : (
        <TableWrap label={t("index.history.heading")}>
          <table className="stack-table">
            <thead>
              <tr>
                <Th>{t("col.file")}</Th>
                <Th>{t("col.list")}</Th>
                <Th>{t("col.status")}</Th>
                <Th num>{t("col.rows")}</Th>
                <Th num>{t("col.new")}</Th>
                <Th num>{t("col.updated")}</Th>
                <Th num>{t("col.errors")}</Th>
                <Th>{t("col.uploaded")}</Th>
              </tr>
            </thead>
            <tbody>
              {imports.map((i) => (
                <tr key={i.id}>
                  <td className="cell-name">
                    <Link to={`/imports/${i.id}`}>{i.fileName}</Link>
                  </td>
                  <td data-label={t("col.list")}>
                    <ImportKindName kind={i.kind} />
                  </td>
                  <td data-label={t("col.status")}>
                    <ImportStatusBadge status={i.status} />
                  </td>
                  <td className="num" data-label={t("col.rows")}>
                    {f.number(i.counts?.rows)}
                  </td>
                  {/* What was written: only an imported list wrote anything (a checked, cancelled or failed one wrote nothing, whatever its check found). */}
                  <td className="num" data-label={t("col.new")}>
                    {i.status === "imported" ? f.number(i.counts?.new) : <span title={t("index.history.nothingImported")}>{f.number(0)}</span>}
                  </td>
                  <td className="num" data-label={t("col.updated")}>
                    {i.status === "imported" ? f.number(i.counts?.updated) : <span title={t("index.history.nothingImported")}>{f.number(0)}</span>}
                  </td>
                  <td className="num" data-label={t("col.errors")}>
                    {f.number(i.counts?.invalid)}
                  </td>
                  <td data-label={t("col.uploaded")}>{i.by ? t("index.history.uploadedBy", { at: dateTime(i.createdAt), by: i.by }) : dateTime(i.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </>
  );
}
