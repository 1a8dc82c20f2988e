import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { REFERENCE_KINDS } from "#db/schema";
import { requireUser } from "~/auth/guard.server";
import { authorize } from "~/auth/permissions.server";
import { Field, FormError } from "~/components/field";
import { refreshWhileRunning, ScoringRunCard } from "~/components/scoring-run";
import { TableWrap, Th } from "~/components/table-wrap";
import { Invalid } from "~/domain/errors";
import { KIND_LABELS, listReferenceSources, REFERENCE_MAX_BYTES, stageReferenceUpload } from "~/domain/reference/editions.server";
import { ReferenceUploadSchema } from "~/domain/reference/schemas";
import { latestRunView } from "~/domain/risk/rescore.server";
import { failure, runAction, withDomainErrors } from "~/lib/actions.server";
import { formatDateTime, formatNumber } from "~/lib/format";
import { discardUpload, readUpload, uploadedFile } from "~/lib/upload.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: "Reference data · Labour Due Diligence" },
  ...refreshWhileRunning(data?.run),
];

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  const sources = await listReferenceSources(context.db, session);
  return {
    sources: sources.map((s) => ({ ...s, createdAt: s.createdAt.getTime(), activatedAt: s.activatedAt?.getTime() ?? null })),
    run: await latestRunView(context.db),
    kinds: REFERENCE_KINDS.map((k) => ({ kind: k, label: KIND_LABELS[k] })),
  };
});

export const action = /* @__PURE__ */ withDomainErrors(async ({ request, context }: ActionFunctionArgs) => {
  const session = requireUser(request, context);
  authorize(session, "reference.manage");
  const upload = await readUpload(request, context.uploads.dir, REFERENCE_MAX_BYTES);
  if (!upload.ok) return failure({ file: "The file is larger than 10 MB; reference tables are much smaller." }, {}, undefined, {}, { status: 413 });
  try {
    return await runAction(upload.form, ReferenceUploadSchema, async (input) => {
      const file = uploadedFile(upload, "file");
      if (!file) throw new Invalid("file", "Choose the CSV file of the table.");
      const id = await stageReferenceUpload(context.db, session, { ...input, filePath: file.path, fileName: file.name, ip: context.ip });
      throw redirect(`/admin/reference/${id}`);
    });
  } finally {
    // The table is read into the database; no uploaded file is kept.
    discardUpload(upload);
  }
});

const STATUS: Record<string, string> = { active: "in use", pending: "pending: compare and activate", superseded: "superseded", discarded: "discarded" };

export default function ReferenceData() {
  const { sources, run, kinds } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result?.errors ?? {};
  const values = result?.values ?? {};
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Reference data</h1>
          <p>
            The public tables scores cite, each edition kept with its source. A new edition is compared with the one in use before it replaces it; activating it rescores every supplier.{" "}
            <Link to="/admin/reference/products">Product synonyms</Link>
          </p>
        </div>
      </div>
      <ScoringRunCard run={run} />
      <TableWrap label="Reference editions">
        <table className="stack-table">
          <thead>
            <tr>
              <Th>Table</Th>
              <Th>Kind</Th>
              <Th>Edition</Th>
              <Th>Status</Th>
              <Th num>Rows</Th>
              <Th>Loaded</Th>
            </tr>
          </thead>
          <tbody>
            {sources.map((s) => (
              <tr key={s.id}>
                <th scope="row">
                  <Link to={`/admin/reference/${s.id}`}>{s.name}</Link>
                </th>
                <td data-label="Kind">{kinds.find((k) => k.kind === s.kind)?.label ?? s.kind}</td>
                <td data-label="Edition">{s.edition}</td>
                <td data-label="Status">{STATUS[s.status] ?? s.status}</td>
                <td className="num" data-label="Rows">{formatNumber(s.rowCount)}</td>
                <td data-label="Loaded">
                  {formatDateTime(s.createdAt)}
                  <div className="muted">{s.loadedBy ? `by ${s.loadedBy}` : "shipped with the platform"}</div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <div className="card">
        <h2>Upload an edition or an additional table</h2>
        <p className="muted">
          A CSV file whose first lines start with # and say where the data comes from (publisher, edition, address), then a header row. Use the same columns as the edition in use; a country index needs
          the columns <code>iso2</code> and <code>value</code> (0–100).
        </p>
        <FormError message={errors.file ?? errors.kind} />
        <Form method="post" encType="multipart/form-data" className="stack">
          <div className="field">
            <label htmlFor="kind">Kind of table</label>
            <select id="kind" name="kind" defaultValue={values.kind ?? "tvpra_goods"}>
              {kinds.map((k) => (
                <option key={k.kind} value={k.kind}>
                  {k.label}
                </option>
              ))}
            </select>
          </div>
          <Field type="text" name="name" label="Name of the table" hint='As people cite it, e.g. "DOL TVPRA list"; the same name as the edition in use replaces it.' defaultValue={values.name} error={errors.name} />
          <Field type="text" name="edition" label="Edition" hint='E.g. "2024".' defaultValue={values.edition} error={errors.edition} />
          <div className="field">
            <label htmlFor="file">CSV file</label>
            <input id="file" name="file" type="file" accept=".csv,text/csv" />
          </div>
          <button className="button" type="submit">
            Check and compare
          </button>
        </Form>
      </div>
    </>
  );
}
