import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guard.server";
import { authorize, can } from "~/auth/permissions.server";
import { Field, FieldError, FormError } from "~/components/field";
import { CurrencyTotalsTable, Money } from "~/components/fees";
import { TableWrap, Th } from "~/components/table-wrap";
import { FEE_SOURCES, RecordFeeCaseSchema } from "~/domain/fees/fees.schemas";
import { formatMoney } from "~/domain/fees/money";
import { feeFormOptions, feeTotals, listFeeCases, recordFeeCase } from "~/domain/fees/fees.server";
import { countryNameIn } from "~/domain/reference/countries.server";
import { useFormat } from "~/i18n/format";
import { serverT } from "~/i18n/i18n.server";
import { failure, runAction, withDomainErrors } from "~/lib/actions.server";
import { EVIDENCE_MAX_BYTES, saveWithEvidence } from "~/lib/evidence.server";
import { discardUpload, readUpload, uploadedFile } from "~/lib/upload.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "" }];

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  const totals = await feeTotals(context.db, session);
  const lng = context.locale;
  const orgId = session.membership!.orgId;
  const recorded = Number(new URL(request.url).searchParams.get("recorded"));
  return {
    pageTitle: `${serverT(lng, "fees")("title")} · ${serverT(lng, "common")("site.name")}`,
    totals,
    cases: (await listFeeCases(context.db, session)).map((c) => ({ ...c, origin: countryNameIn(c.originCountry, lng), destination: countryNameIn(c.destinationCountry, lng), createdAt: c.createdAt.getTime() })),
    canManage: can(session, "fees.manage", { orgId }),
    options: await feeFormOptions(context.db, session),
    recorded: Number.isSafeInteger(recorded) && recorded > 0 ? recorded : null,
  };
});

export const action = /* @__PURE__ */ withDomainErrors(async ({ request, context }: ActionFunctionArgs) => {
  const session = requireUser(request, context);
  // Authorise before reading the body: nobody stores a file for a fee case they may not record.
  authorize(session, "fees.manage", { orgId: session.membership?.orgId ?? -1 });
  const upload = await readUpload(request, context.uploads.dir, EVIDENCE_MAX_BYTES, context.locale);
  if (!upload.ok) return failure({ evidence: serverT(context.locale, "fees")("errors.tooLarge") }, {}, undefined, {}, { status: 413 });
  try {
    return await runAction(
      upload.form,
      RecordFeeCaseSchema,
      async (input) => {
        const file = uploadedFile(upload, "evidence");
        const fee = await saveWithEvidence(file ? [file] : [], context.uploads.dir, "evidence", async ([evidence]) => await recordFeeCase(context.db, session, input, evidence ?? null, context.ip));
        throw redirect(`/fees/${fee.id}?recorded=1`);
      },
      context.locale,
    );
  } finally {
    discardUpload(upload);
  }
});

export default function Fees() {
  const { totals, cases, canManage, options } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: Record<string, string> = result?.errors ?? {};
  const values: Record<string, string> = result && "values" in result ? result.values : {};
  const { t } = useTranslation("fees");
  const f = useFormat();
  return (
    <>
      <div className="page-header">
        <div>
          <h1>{t("title")}</h1>
          <p>{t("intro")}</p>
        </div>
      </div>

      {/* Findings first: an unpaid instalment past its due day. */}
      <section className="card" aria-labelledby="overdue-heading">
        <h2 id="overdue-heading">{t("overdue.heading")}</h2>
        <p className="muted">{t("overdue.intro")}</p>
        {totals.overdue.length === 0 ? (
          <p>{t("overdue.none")}</p>
        ) : (
          <TableWrap label={t("overdue.heading")}>
            <table>
              <thead>
                <tr>
                  <Th>{t("totals.supplier")}</Th>
                  <Th>{t("overdue.dueOn")}</Th>
                  <Th num>{t("overdue.amount")}</Th>
                  <Th>{t("overdue.case")}</Th>
                </tr>
              </thead>
              <tbody>
                {totals.overdue.map((o) => (
                  <tr key={o.instalmentId}>
                    <td translate="no">{o.supplierName}</td>
                    <td>
                      <span className="badge badge--danger">{t("instalments.overdue")}</span> {f.date(o.dueOn)}
                    </td>
                    <td className="num">
                      <Money minor={o.amountMinor} currency={o.currency} />
                    </td>
                    <td>
                      <Link to={`/fees/${o.feeCaseId}`}>{t("cases.link", { id: o.feeCaseId })}</Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </section>

      <section className="card" aria-labelledby="totals-heading">
        <h2 id="totals-heading">{t("totals.heading")}</h2>
        {totals.currencies.length === 0 ? <p>{t("totals.none")}</p> : <CurrencyTotalsTable rows={totals.currencies} label={t("totals.heading")} />}
        {totals.suppliers.length > 0 ? (
          <>
            <h3>{t("bySupplier")}</h3>
            {totals.suppliers.map((s) => (
              <div key={s.supplierId}>
                <h4 translate="no">{s.supplierName}</h4>
                <CurrencyTotalsTable rows={s.currencies} label={s.supplierName} />
              </div>
            ))}
          </>
        ) : null}
      </section>

      {cases.length > 0 ? (
        <section className="card" aria-labelledby="cases-heading">
          <h2 id="cases-heading">{t("cases.heading")}</h2>
          <ul className="entity-list">
            {cases.map((c) => (
              <li key={c.id}>
                <Link to={`/fees/${c.id}`}>{t("cases.link", { id: c.id })}</Link> · <span translate="no">{c.supplierName}</span> · {t("cases.corridor", { origin: c.origin, destination: c.destination })} ·{" "}
                {t("cases.perWorker", { amount: formatMoney(c.amountPerWorkerMinor, c.currency, f.locale), workers: f.number(c.workers) })}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {canManage ? (
        <section className="card" aria-labelledby="record-heading">
          <h2 id="record-heading">{t("record.heading")}</h2>
          <Form method="post" encType="multipart/form-data" className="stack" noValidate>
            <FormError message={errors.form} />
            <div className="field">
              <label htmlFor="field-supplierId">{t("record.supplier")}</label>
              <select id="field-supplierId" name="supplierId" defaultValue={values.supplierId ?? ""} aria-invalid={errors.supplierId ? true : undefined} aria-describedby={errors.supplierId ? "field-supplierId-error" : undefined}>
                <option value="">{t("record.choose")}</option>
                {options.suppliers.map((s) => (
                  <option key={s.id} value={s.id} translate="no">
                    {s.name}
                  </option>
                ))}
              </select>
              <FieldError id="field-supplierId" message={errors.supplierId} />
            </div>
            <div className="field">
              <label htmlFor="field-recruiterId">{t("record.recruiter")}</label>
              <select id="field-recruiterId" name="recruiterId" defaultValue={values.recruiterId ?? ""} aria-invalid={errors.recruiterId ? true : undefined} aria-describedby={errors.recruiterId ? "field-recruiterId-error" : undefined}>
                <option value="">{t("record.recruiterNone")}</option>
                {options.recruiters.map((r) => (
                  <option key={r.id} value={r.id} translate="no">
                    {r.name}
                  </option>
                ))}
              </select>
              <FieldError id="field-recruiterId" message={errors.recruiterId} />
            </div>
            <Field name="originCountry" label={t("record.originCountry")} defaultValue={values.originCountry ?? ""} error={errors.originCountry} maxLength={2} autoCapitalize="characters" />
            <Field name="destinationCountry" label={t("record.destinationCountry")} defaultValue={values.destinationCountry ?? ""} error={errors.destinationCountry} maxLength={2} autoCapitalize="characters" />
            <Field name="currency" label={t("record.currency")} defaultValue={values.currency ?? ""} error={errors.currency} maxLength={3} autoCapitalize="characters" />
            <Field name="amount" label={t("record.amount")} hint={t("record.amountHint")} defaultValue={values.amount ?? ""} error={errors.amount} inputMode="decimal" />
            <Field name="workers" label={t("record.workers")} defaultValue={values.workers ?? ""} error={errors.workers} inputMode="numeric" />
            <div className="field">
              <label htmlFor="field-source">{t("record.source")}</label>
              <select id="field-source" name="source" defaultValue={values.source ?? "audit"} aria-invalid={errors.source ? true : undefined}>
                {FEE_SOURCES.map((s) => (
                  <option key={s} value={s}>
                    {t(`source.${s}`)}
                  </option>
                ))}
              </select>
              <FieldError id="field-source" message={errors.source} />
            </div>
            <div className="field">
              <label htmlFor="field-evidenceNote">{t("record.evidenceNote")}</label>
              <textarea id="field-evidenceNote" name="evidenceNote" rows={3} defaultValue={values.evidenceNote ?? ""} aria-invalid={errors.evidenceNote ? true : undefined} aria-describedby={errors.evidenceNote ? "field-evidenceNote-error" : undefined} />
              <FieldError id="field-evidenceNote" message={errors.evidenceNote} />
            </div>
            <Field name="evidence" type="file" label={t("record.evidence")} error={errors.evidence} />
            <button type="submit" className="button">
              {t("record.submit")}
            </button>
          </Form>
        </section>
      ) : null}
    </>
  );
}
