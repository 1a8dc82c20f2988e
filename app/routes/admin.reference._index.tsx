import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { REFERENCE_KINDS } from "#db/schema";
import { requireUser } from "~/auth/guard.server";
import { authorize } from "~/auth/permissions.server";
import { Field, FormError } from "~/components/field";
import { refreshWhileRunning, ScoringRunCard } from "~/components/scoring-run";
import { TableWrap, Th } from "~/components/table-wrap";
import { Invalid } from "~/domain/errors";
import { listReferenceSources, REFERENCE_MAX_BYTES, stageReferenceUpload } from "~/domain/reference/editions.server";
import { ReferenceTableProblems } from "~/domain/reference/sources.server";
import { ReferenceUploadSchema } from "~/domain/reference/schemas";
import { latestRunView } from "~/domain/risk/rescore.server";
import { useFormat } from "~/i18n/format";
import { serverT } from "~/i18n/i18n.server";
import { failure, runAction, withDomainErrors } from "~/lib/actions.server";
import { referenceRefusalText } from "~/lib/reference-refusals.server";
import { discardUpload, readUpload, uploadedFile } from "~/lib/upload.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "" }, ...refreshWhileRunning(data?.run)];

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  const sources = await listReferenceSources(context.db, session);
  return {
    pageTitle: `${serverT(context.locale, "admin")("reference.list.title")} · ${serverT(context.locale, "common")("site.name")}`,
    sources: sources.map((s) => ({ ...s, createdAt: s.createdAt.getTime(), activatedAt: s.activatedAt?.getTime() ?? null })),
    run: await latestRunView(context.db, context.locale),
    kinds: [...REFERENCE_KINDS] as string[],
  };
});

export const action = /* @__PURE__ */ withDomainErrors(async ({ request, context }: ActionFunctionArgs) => {
  const session = requireUser(request, context);
  authorize(session, "reference.manage");
  const upload = await readUpload(request, context.uploads.dir, REFERENCE_MAX_BYTES, context.locale);
  if (!upload.ok) return failure({ file: serverT(context.locale, "admin")("reference.errors.tooLarge") }, {}, undefined, {}, { status: 413 });
  try {
    return await runAction(
      upload.form,
      ReferenceUploadSchema,
      async (input) => {
        const file = uploadedFile(upload, "file");
        if (!file) throw new Invalid("file", "admin:reference.errors.noFile");
        let id: number;
        try {
          id = await stageReferenceUpload(context.db, session, { ...input, filePath: file.path, fileName: file.name, ip: context.ip });
        } catch (error) {
          // A table's row problems are listed one by one, each in the reader's language.
          if (error instanceof ReferenceTableProblems) throw new Invalid("file", referenceRefusalText(context.locale, error)!);
          throw error;
        }
        throw redirect(`/admin/reference/${id}`);
      },
      context.locale,
    );
  } finally {
    // The table is read into the database; no uploaded file is kept.
    discardUpload(upload);
  }
});

const STATUS_KEYS = { active: "reference.list.status.active", pending: "reference.list.status.pending", superseded: "reference.list.status.superseded", discarded: "reference.list.status.discarded" } as const;
const KIND_KEYS = {
  countries: "reference.kind.countries",
  tvpra_goods: "reference.kind.tvpra_goods",
  country_findings: "reference.kind.country_findings",
  ilo_indicators: "reference.kind.ilo_indicators",
  uflpa_sectors: "reference.kind.uflpa_sectors",
  country_index: "reference.kind.country_index",
  regions: "reference.kind.regions",
  watchlist: "reference.kind.watchlist",
} as const;

export default function ReferenceData() {
  const { sources, run, kinds } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation("admin");
  const format = useFormat();
  const errors = result?.errors ?? {};
  const values = result?.values ?? {};
  const kindName = (kind: string) => (kind in KIND_KEYS ? t(KIND_KEYS[kind as keyof typeof KIND_KEYS]) : kind);
  const statusName = (status: string) => (status in STATUS_KEYS ? t(STATUS_KEYS[status as keyof typeof STATUS_KEYS]) : status);
  return (
    <>
      <div className="page-header">
        <div>
          <h1>{t("reference.list.title")}</h1>
          <p>
            {t("reference.list.intro")} <Link to="/admin/reference/products">{t("reference.list.synonymsLink")}</Link>
          </p>
        </div>
      </div>
      <ScoringRunCard run={run} />
      <TableWrap label={t("reference.list.tableLabel")}>
        <table className="stack-table">
          <thead>
            <tr>
              <Th>{t("reference.list.col.table")}</Th>
              <Th>{t("reference.list.col.kind")}</Th>
              <Th>{t("reference.list.col.edition")}</Th>
              <Th>{t("reference.list.col.status")}</Th>
              <Th num>{t("reference.list.col.rows")}</Th>
              <Th>{t("reference.list.col.loaded")}</Th>
            </tr>
          </thead>
          <tbody>
            {sources.map((s) => (
              <tr key={s.id}>
                {/* A table's name and edition as its publisher gives them. */}
                <th scope="row" lang="en">
                  <Link to={`/admin/reference/${s.id}`}>{s.name}</Link>
                </th>
                <td data-label={t("reference.list.col.kind")}>{kindName(s.kind)}</td>
                <td data-label={t("reference.list.col.edition")}>{s.edition}</td>
                <td data-label={t("reference.list.col.status")}>{statusName(s.status)}</td>
                <td className="num" data-label={t("reference.list.col.rows")}>
                  {format.number(s.rowCount)}
                </td>
                <td data-label={t("reference.list.col.loaded")}>
                  {format.dateTime(s.createdAt)}
                  <div className="muted">{s.loadedBy ? t("reference.list.loadedBy", { name: s.loadedBy }) : t("reference.list.shipped")}</div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <div className="card">
        <h2>{t("reference.list.upload.heading")}</h2>
        <p className="muted">
          <Trans t={t} i18nKey="reference.list.upload.text" components={{ 1: <code />, 3: <code /> }} />
        </p>
        <FormError message={errors.file ?? errors.kind} />
        <Form method="post" encType="multipart/form-data" className="stack">
          <div className="field">
            <label htmlFor="kind">{t("reference.list.upload.kind")}</label>
            <select id="kind" name="kind" defaultValue={values.kind ?? "tvpra_goods"}>
              {kinds.map((k) => (
                <option key={k} value={k}>
                  {kindName(k)}
                </option>
              ))}
            </select>
          </div>
          <Field type="text" name="name" label={t("reference.list.upload.name")} hint={t("reference.list.upload.nameHint")} defaultValue={values.name} error={errors.name} />
          <Field type="text" name="edition" label={t("reference.list.upload.edition")} hint={t("reference.list.upload.editionHint")} defaultValue={values.edition} error={errors.edition} />
          <div className="field">
            <label htmlFor="file">{t("reference.list.upload.file")}</label>
            <input id="file" name="file" type="file" accept=".csv,text/csv" />
          </div>
          <button className="button" type="submit">
            {t("reference.list.upload.submit")}
          </button>
        </Form>
      </div>
    </>
  );
}
