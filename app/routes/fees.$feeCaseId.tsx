import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guard.server";
import { can } from "~/auth/permissions.server";
import { Field, FieldError, FormError } from "~/components/field";
import { CurrencyTotalsTable, Money } from "~/components/fees";
import { TableWrap, Th } from "~/components/table-wrap";
import { PLAN_ROWS, RecordPaymentSchema, SetPlanSchema } from "~/domain/fees/fees.schemas";
import { feeCaseDetail, recordInstalmentPaid, requireFeeCase, setRepaymentPlan } from "~/domain/fees/fees.server";
import { formatMoney, minorToPlain } from "~/domain/fees/money";
import { countryNameIn } from "~/domain/reference/countries.server";
import { useFormat } from "~/i18n/format";
import { serverT } from "~/i18n/i18n.server";
import { failure, idParam, runAction, withDomainErrors } from "~/lib/actions.server";
import { EVIDENCE_MAX_BYTES, saveWithEvidence } from "~/lib/evidence.server";
import { discardUpload, readUpload, uploadedFile } from "~/lib/upload.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "" }];

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, params, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  const detail = await feeCaseDetail(context.db, session, idParam(params.feeCaseId));
  const lng = context.locale;
  const t = serverT(lng, "fees");
  return {
    pageTitle: `${t("cases.link", { id: detail.id })} · ${t("title")} · ${serverT(lng, "common")("site.name")}`,
    detail: { ...detail, createdAt: detail.createdAt.getTime(), origin: countryNameIn(detail.originCountry, lng), destination: countryNameIn(detail.destinationCountry, lng) },
    // The plan form starts from the unpaid instalments as planned, in plain digits.
    planRows: detail.instalments.filter((i) => !i.paidOn).map((i) => ({ dueOn: i.dueOn, amount: minorToPlain(i.amountMinor, detail.currency), workers: String(i.workers) })),
    canManage: can(session, "fees.manage", { orgId: session.membership!.orgId }),
    recorded: new URL(request.url).searchParams.get("recorded") === "1",
  };
});

export const action = /* @__PURE__ */ withDomainErrors(async ({ request, params, context }: ActionFunctionArgs) => {
  const session = requireUser(request, context);
  const feeCaseId = idParam(params.feeCaseId);
  // Authorise (and find the case) before reading the body: no proof is stored for a case the user may not change.
  await requireFeeCase(context.db, session, feeCaseId, "fees.manage");
  const upload = await readUpload(request, context.uploads.dir, EVIDENCE_MAX_BYTES, context.locale);
  if (!upload.ok) return failure({ proof: serverT(context.locale, "fees")("errors.tooLarge") }, {}, "pay", {}, { status: 413 });
  try {
    if (upload.form.get("intent") === "plan") {
      return await runAction(upload.form, SetPlanSchema, async (input) => ({ ok: true as const, intent: "plan", ...(await setRepaymentPlan(context.db, session, feeCaseId, input)) }), context.locale);
    }
    return await runAction(
      upload.form,
      RecordPaymentSchema,
      async (input) => {
        const file = uploadedFile(upload, "proof");
        await saveWithEvidence(file ? [file] : [], context.uploads.dir, "proof", async ([proof]) => await recordInstalmentPaid(context.db, session, feeCaseId, input, proof ?? null, context.ip));
        return { ok: true as const, intent: "pay" };
      },
      context.locale,
    );
  } finally {
    discardUpload(upload);
  }
});

export default function FeeCase() {
  const { detail, planRows, canManage, recorded } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const failed = result && !result.ok ? result : null;
  const errorsOf = (intent: string): Record<string, string> => (failed && (failed.intent ?? "pay") === intent ? failed.errors : {});
  const valuesOf = (intent: string): Record<string, string> | null => (failed && (failed.intent ?? "pay") === intent ? failed.values : null);
  const planErrors = errorsOf("plan");
  const planValues = valuesOf("plan");
  const payErrors = errorsOf("pay");
  const payValues = valuesOf("pay") ?? {};
  const { t } = useTranslation("fees");
  const f = useFormat();
  const unpaid = detail.instalments.filter((i) => !i.paidOn);
  const money = (minor: number) => formatMoney(minor, detail.currency, f.locale);
  return (
    <>
      <p className="breadcrumbs">
        <Link to="/fees">{t("detail.back")}</Link> ›
      </p>
      <div className="page-header">
        <div>
          <h1>{t("cases.link", { id: detail.id })}</h1>
          <p translate="no">{detail.supplierName}</p>
        </div>
      </div>
      {recorded ? (
        <div className="alert alert--success" role="status">
          {t("record.done", { id: detail.id })}
        </div>
      ) : null}
      {result?.ok ? (
        <div className="alert alert--success" role="status">
          {result.intent === "plan" ? t("plan.saved") : t("pay.saved")}
        </div>
      ) : null}

      <section className="card">
        <dl className="facts">
          <dt>{t("detail.corridor")}</dt>
          <dd>{t("cases.corridor", { origin: detail.origin, destination: detail.destination })}</dd>
          <dt>{t("detail.recruiter")}</dt>
          <dd translate="no">{detail.recruiterName ?? "—"}</dd>
          <dt>{t("detail.perWorker")}</dt>
          <dd>
            <Money minor={detail.amountPerWorkerMinor} currency={detail.currency} />
          </dd>
          <dt>{t("detail.workers")}</dt>
          <dd>{f.number(detail.workers)}</dd>
          <dt>{t("detail.source")}</dt>
          <dd>{t(`source.${detail.source}` as "source.other")}</dd>
          {detail.evidenceNote ? (
            <>
              <dt>{t("detail.evidenceNote")}</dt>
              <dd>{detail.evidenceNote}</dd>
            </>
          ) : null}
          {detail.evidence ? (
            <>
              <dt>{t("detail.evidence")}</dt>
              <dd>
                <a href={`/fees/${detail.id}/file`} download>
                  {detail.evidence.name}
                </a>
              </dd>
            </>
          ) : null}
        </dl>
        <CurrencyTotalsTable rows={[detail.totals]} label={t("totals.heading")} />
        {/* Two statements: the count is a figure of this case, the note how workers answer. Run into one
            paragraph, "Worker cases linked: 0" read on into the next sentence. */}
        <p>{t("detail.linkedCases", { n: f.number(detail.linkedCases) })}</p>
        <p className="muted">{t("detail.confirmNote")}</p>
      </section>

      <section className="card" aria-labelledby="instalments-heading">
        <h2 id="instalments-heading">{t("instalments.heading")}</h2>
        {detail.planAgreedOn ? (
          <p>
            {t("plan.agreedOn")}: {f.date(detail.planAgreedOn)}
            {detail.planNote ? ` · ${detail.planNote}` : ""}
          </p>
        ) : null}
        {detail.instalments.length === 0 ? (
          <p>{t("instalments.none")}</p>
        ) : (
          <TableWrap label={t("instalments.heading")}>
            <table>
              <thead>
                <tr>
                  <Th>{t("instalments.dueOn")}</Th>
                  <Th num>{t("instalments.amount")}</Th>
                  <Th num>{t("instalments.workers")}</Th>
                  <Th>{t("instalments.paidOn")}</Th>
                  <Th>{t("instalments.proof")}</Th>
                  <Th>{t("instalments.confirmations")}</Th>
                </tr>
              </thead>
              <tbody>
                {detail.instalments.map((i) => (
                  <tr key={i.id}>
                    <td>{f.date(i.dueOn)}</td>
                    <td className="num">{money(i.amountMinor)}</td>
                    <td className="num">{f.number(i.workers)}</td>
                    <td>{i.paidOn ? f.date(i.paidOn) : i.overdue ? <span className="badge badge--danger">{t("instalments.overdue")}</span> : t("instalments.notPaid")}</td>
                    <td>
                      {i.proof ? (
                        <a href={`/fees/${detail.id}/file?instalment=${i.id}`} download>
                          {i.proof.name}
                        </a>
                      ) : (
                        "—"
                      )}
                    </td>
                    <td>{i.paidOn ? t("instalments.counts", { received: f.number(i.confirmations.received), partly: f.number(i.confirmations.partly), notReceived: f.number(i.confirmations.notReceived) }) : "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </section>

      {canManage ? (
        <>
          <section className="card" aria-labelledby="pay-heading">
            <h2 id="pay-heading">{t("pay.heading")}</h2>
            {unpaid.length === 0 ? (
              <p>{t("pay.allPaid")}</p>
            ) : (
              <Form method="post" encType="multipart/form-data" className="stack" noValidate>
                <input type="hidden" name="intent" value="pay" />
                <FormError message={payErrors.form} />
                <div className="field">
                  <label htmlFor="field-instalmentId">{t("pay.instalment")}</label>
                  <select id="field-instalmentId" name="instalmentId" defaultValue={payValues.instalmentId ?? String(unpaid[0]!.id)} aria-invalid={payErrors.instalmentId ? true : undefined}>
                    {unpaid.map((i) => (
                      <option key={i.id} value={i.id}>
                        {t("pay.option", { day: f.date(i.dueOn), amount: money(i.amountMinor) })}
                      </option>
                    ))}
                  </select>
                  <FieldError id="field-instalmentId" message={payErrors.instalmentId} />
                </div>
                <Field name="paidOn" type="date" label={t("pay.paidOn")} defaultValue={payValues.paidOn ?? ""} error={payErrors.paidOn} />
                <Field name="amount" label={t("pay.amount")} hint={t("record.amountHint")} defaultValue={payValues.amount ?? ""} error={payErrors.amount} inputMode="decimal" />
                <Field name="proof" type="file" label={t("pay.proof")} error={payErrors.proof} />
                <button type="submit" className="button">
                  {t("pay.submit")}
                </button>
              </Form>
            )}
          </section>

          <section className="card" aria-labelledby="plan-heading">
            <h2 id="plan-heading">{t("plan.heading")}</h2>
            <p className="muted">{t("plan.intro")}</p>
            <Form method="post" encType="multipart/form-data" className="stack" noValidate>
              <input type="hidden" name="intent" value="plan" />
              <FormError message={planErrors.form} />
              <Field name="agreedOn" type="date" label={t("plan.agreedOn")} defaultValue={planValues?.agreedOn ?? detail.planAgreedOn ?? ""} error={planErrors.agreedOn} />
              <Field name="note" label={t("plan.note")} defaultValue={planValues?.note ?? detail.planNote ?? ""} error={planErrors.note} />
              {Array.from({ length: PLAN_ROWS }, (_, k) => k + 1).map((n) => {
                const row = planRows[n - 1];
                return (
                  // One instalment's three fields side by side where they fit, one under another on a phone
                  // (form-row wraps); --top: an error under one field moves nothing beside it.
                  <fieldset key={n} className="field">
                    <legend>{t("plan.row", { n })}</legend>
                    <div className="form-row form-row--top">
                      <Field name={`dueOn${n}`} type="date" label={t("plan.dueOn")} defaultValue={planValues ? (planValues[`dueOn${n}`] ?? "") : (row?.dueOn ?? "")} error={planErrors[`dueOn${n}`]} />
                      <Field name={`amount${n}`} label={t("plan.amount")} defaultValue={planValues ? (planValues[`amount${n}`] ?? "") : (row?.amount ?? "")} error={planErrors[`amount${n}`]} inputMode="decimal" />
                      <Field name={`workers${n}`} label={t("plan.workers")} defaultValue={planValues ? (planValues[`workers${n}`] ?? "") : (row?.workers ?? "")} error={planErrors[`workers${n}`]} inputMode="numeric" />
                    </div>
                  </fieldset>
                );
              })}
              <button type="submit" className="button">
                {t("plan.submit")}
              </button>
            </Form>
          </section>
        </>
      ) : null}
    </>
  );
}
