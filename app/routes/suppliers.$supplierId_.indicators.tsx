import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guard.server";
import { authorize } from "~/auth/permissions.server";
import { FormError } from "~/components/field";
import { TableWrap, Th } from "~/components/table-wrap";
import { NotFound } from "~/domain/errors";
import { SupplierIndicatorsSchema } from "~/domain/suppliers/supplier-indicators.schemas";
import { indicatorChangeText, recordSupplierIndicators, supplierIndicators } from "~/domain/suppliers/supplier-indicators.server";
import { idParam, runAction, withDomainErrors } from "~/lib/actions.server";
import { serverT } from "~/i18n/i18n.server";
import { formatsFor, useFormat } from "~/i18n/format";
import { sourceCitation } from "~/components/risk/risk-text";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "" }];

function companyOf(session: ReturnType<typeof requireUser>) {
  if (!session.membership) throw new NotFound();
  return session.membership.orgId;
}

/** A substantiated grievance case as the source ("grievance:42") in the reader's words and date format, as the why-panel says it; a person's record as written. */
function sourceWords(lng: string, source: string | null, date: string | null): string | null {
  if (!source || !/^grievance:\d+$/.test(source)) return source;
  return sourceCitation(serverT(lng, "risk") as never, formatsFor(lng), date ? `${source}, ${date}` : source);
}

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, params, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  const orgId = companyOf(session);
  const detail = await supplierIndicators(context.db, session, orgId, idParam(params.supplierId));
  authorize(session, "suppliers.edit", { orgId });
  const lng = context.locale;
  return {
    pageTitle: `${serverT(lng, "suppliers")("indicatorForm.title")} · ${detail.name} · ${serverT(lng, "common")("site.name")}`,
    id: detail.id,
    name: detail.name,
    lastImportId: detail.lastImportId,
    rows: detail.rows.map((r) => ({ code: r.code, group: r.group, iloNumber: "iloNumber" in r ? r.iloNumber : undefined, value: r.value, recordedSource: sourceWords(lng, r.recordedSource, r.date), fromList: r.fromList })),
  };
});

export const action = /* @__PURE__ */ withDomainErrors(async ({ request, params, context }: ActionFunctionArgs) => {
  const session = requireUser(request, context);
  const orgId = companyOf(session);
  const supplierId = idParam(params.supplierId);
  return runAction(
    request,
    SupplierIndicatorsSchema,
    async (input) => {
      // The page answers with what changed (no redirect): the sentence is built from the scores
      // stored before and after, so the person reads what is on record, not what was expected.
      const { change } = await recordSupplierIndicators(context.db, session, orgId, supplierId, { ...input, ip: context.ip });
      return { ok: true as const, changed: change.recorded.length > 0, message: indicatorChangeText(change, context.locale) };
    },
    context.locale,
  );
});

const CHOICES = ["yes", "no", "unknown"] as const;

export default function SupplierIndicators() {
  const { id, name, lastImportId, rows } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation("suppliers");
  const { t: tc } = useTranslation("common");
  const formats = useFormat();
  const errors: Record<string, string> = result && !result.ok ? result.errors : {};
  const values: Record<string, string> = result && !result.ok ? result.values : {};
  const firstError = Object.values(errors)[0];
  const listSource = lastImportId ? t("indicatorForm.fromImport", { id: formats.number(lastImportId, { useGrouping: false }) }) : t("indicatorForm.fromList");
  return (
    <>
      <p className="breadcrumbs">
        <Link to="/suppliers">{t("list.title")}</Link> › <Link to={`/suppliers/${id}`}>{name}</Link> ›
      </p>
      <div className="page-header">
        <div>
          <h1>{t("indicatorForm.title")}</h1>
          <p>{t("indicatorForm.intro", { name })}</p>
        </div>
      </div>
      {result?.ok ? (
        <div className={`alert ${result.changed ? "alert--success" : "alert--info"}`} role="status">
          <p>{result.message}</p>
          {result.changed ? (
            <p>
              <Link to={`/suppliers/${id}#why`}>{t("indicatorForm.seeWhy")}</Link>
            </p>
          ) : null}
        </div>
      ) : null}
      <FormError message={firstError} />
      {/* A new form after a save (key): the note just recorded is not offered again for the next change. */}
      <Form method="post" className="stack" key={result?.ok ? result.message : "form"}>
        <TableWrap label={t("indicatorForm.title")}>
          <table>
            <thead>
              <tr>
                <Th>{t("indicatorForm.indicator")}</Th>
                {CHOICES.map((choice) => (
                  <Th key={choice}>{t(`indicatorForm.choice.${choice}`)}</Th>
                ))}
                <Th>{t("indicatorForm.currentSource")}</Th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => {
                const chosen = values[r.code] ?? r.value;
                const label = t(`indicatorForm.label.${r.code}`);
                return (
                  <tr key={r.code}>
                    <th scope="row" id={`ind-${r.code}`}>
                      {label}
                      <div className="muted">{r.group === "ilo" ? t("indicatorForm.iloIndicator", { n: formats.number(r.iloNumber) }) : t("indicatorForm.recruitmentIndicator")}</div>
                    </th>
                    {CHOICES.map((choice) => (
                      <td key={choice}>
                        <input type="radio" name={r.code} value={choice} defaultChecked={chosen === choice} aria-label={t("indicatorForm.choiceLabel", { indicator: label, choice: t(`indicatorForm.choice.${choice}`) })} />
                      </td>
                    ))}
                    <td className="muted">{r.recordedSource ?? (r.fromList ? listSource : "—")}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableWrap>
        <div className="field">
          <label htmlFor="note">{t("indicatorForm.note")}</label>
          <input id="note" name="note" type="text" maxLength={500} defaultValue={values.note ?? ""} aria-invalid={errors.note ? true : undefined} />
          {errors.note ? <span className="error">{errors.note}</span> : null}
        </div>
        <div className="actions">
          <button className="button" type="submit">
            {t("indicatorForm.save")}
          </button>
          <Link to={`/suppliers/${id}`}>{tc("action.cancel")}</Link>
        </div>
      </Form>
    </>
  );
}
