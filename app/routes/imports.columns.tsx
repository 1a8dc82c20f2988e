import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { IMPORT_KINDS, type ImportKind } from "#db/schema";
import { requireUser } from "~/auth/guard.server";
import { ImportKindName } from "~/components/imports";
import { TableWrap, Th } from "~/components/table-wrap";
import { fieldDescriptions, fieldLabels } from "~/domain/import/field-labels.server";
import { fieldsFor } from "~/domain/import/fields";
import { useFormat } from "~/i18n/format";
import { serverT } from "~/i18n/i18n.server";
import { withDomainErrors } from "~/lib/http-errors.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "" }];

export const loader = /* @__PURE__ */ withDomainErrors(({ request, context }: LoaderFunctionArgs) => {
  requireUser(request, context);
  const describe = (kind: ImportKind) => {
    const label = fieldLabels(context.locale, kind);
    const description = fieldDescriptions(context.locale, kind);
    // The recognised header names and the examples are what a file holds: shown as they are.
    return fieldsFor(kind).map((f) => ({ key: f.key, label: label(f), required: Boolean(f.required), description: description(f), example: f.example, headers: f.aliases.slice(0, 8), maxLength: f.maxLength }));
  };
  return {
    pageTitle: `${serverT(context.locale, "imports")("columns.title")} · ${serverT(context.locale, "common")("site.name")}`,
    suppliers: describe("suppliers"),
    recruiters: describe("recruiters"),
  };
});

export default function Columns() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation("imports");
  const f = useFormat();
  return (
    <>
      <div className="page-header">
        <div>
          <h1>{t("columns.title")}</h1>
          <p>{t("columns.intro")}</p>
        </div>
      </div>
      <div className="card">
        <p>{t("columns.rules")}</p>
      </div>
      {IMPORT_KINDS.map((kind) => (
        <section key={kind}>
          <h2>
            <ImportKindName kind={kind} /> · <a href={`/imports/template/${kind}.csv`}>{t("columns.downloadTemplate")}</a>
          </h2>
          <TableWrap label={t(`columns.tableLabel.${kind}`)}>
            <table className="stack-table">
              <thead>
                <tr>
                  <Th>{t("col.field")}</Th>
                  <Th>{t("col.headers")}</Th>
                  <Th>{t("col.expects")}</Th>
                  <Th>{t("col.example")}</Th>
                </tr>
              </thead>
              <tbody>
                {data[kind].map((field) => (
                  <tr key={field.key}>
                    <td className="cell-name">
                      <strong>{field.label}</strong>
                      {field.required ? <span className="badge badge--warning"> {t("columns.required")}</span> : null}
                    </td>
                    <td data-label={t("col.headers")} className="cell-wrap">
                      <code>{field.headers.join(", ")}</code>
                    </td>
                    <td data-label={t("col.expects")}>
                      {field.description} <span className="muted">{t("columns.maxLength", { n: f.number(field.maxLength) })}</span>
                    </td>
                    <td data-label={t("col.example")} className="cell-wrap">
                      {field.example || "—"}
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
