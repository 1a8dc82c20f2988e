import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guard.server";
import { KIND_LABEL } from "~/components/imports";
import { TableWrap, Th } from "~/components/table-wrap";
import { fieldsFor } from "~/domain/import/fields";
import { withDomainErrors } from "~/lib/http-errors.server";

export const meta: MetaFunction = () => [{ title: "Import columns · Labour Due Diligence" }];

export const loader = /* @__PURE__ */ withDomainErrors(({ request, context }: LoaderFunctionArgs) => {
  requireUser(request, context);
  const describe = (kind: "suppliers" | "recruiters") =>
    fieldsFor(kind).map((f) => ({ key: f.key, label: f.label, required: Boolean(f.required), description: f.description, example: f.example, headers: f.aliases.slice(0, 8), maxLength: f.maxLength }));
  return { suppliers: describe("suppliers"), recruiters: describe("recruiters") };
});

export default function Columns() {
  const data = useLoaderData<typeof loader>();
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Import columns</h1>
          <p>Every column the platform reads, the header names it recognises (case, spaces and punctuation do not matter), and what it expects.</p>
        </div>
      </div>
      <div className="card">
        <p>
          Rows are numbered as in a spreadsheet: the header is row 1. Empty cells mean “unknown” and never erase what the platform already has. Shares
          may be written 35%, 0.35 or 35 (numbers up to 1 are fractions, larger ones percentages). Yes/no columns accept yes, no, y, n, true, false,
          1, 0 and x. Lists (products, ids, countries) are separated by semicolons.
        </p>
      </div>
      {(["suppliers", "recruiters"] as const).map((kind) => (
        <section key={kind}>
          <h2>
            {KIND_LABEL[kind]} · <a href={`/imports/template/${kind}.csv`}>download the template</a>
          </h2>
          <TableWrap label={`${KIND_LABEL[kind]} columns`}>
            <table className="stack-table">
              <thead>
                <tr>
                  <Th>Field</Th>
                  <Th>Recognised headers</Th>
                  <Th>What it expects</Th>
                  <Th>Example</Th>
                </tr>
              </thead>
              <tbody>
                {data[kind].map((f) => (
                  <tr key={f.key}>
                    <td className="cell-name">
                      <strong>{f.label}</strong>
                      {f.required ? <span className="badge badge--warning"> required</span> : null}
                    </td>
                    <td data-label="Recognised headers" className="cell-wrap">
                      <code>{f.headers.join(", ")}</code>
                    </td>
                    <td data-label="What it expects">
                      {f.description} <span className="muted">At most {f.maxLength} characters.</span>
                    </td>
                    <td data-label="Example" className="cell-wrap">
                      {f.example || "—"}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </section>
      ))}
    </>
  );
}
