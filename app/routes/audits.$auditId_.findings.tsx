import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { FINDING_RESULTS } from "#db/schema";
import { requireUser } from "~/auth/guard.server";
import { FormError } from "~/components/field";
import { InterviewFields } from "~/components/interviews";
import { auditDetail, findingsOf } from "~/domain/audits/audit-views.server";
import { indicatorValues, MAX_FILES_PER_FINDING, saveFindings } from "~/domain/audits/findings.server";
import { FindingsSchema } from "~/domain/audits/form-schemas";
import { interviewFieldsOf } from "~/domain/audits/interviews";
import { interviewsOf } from "~/domain/audits/interviews.server";
import { requireOwnAudit } from "~/domain/audits/scheduling.server";
import { RECORDING } from "~/domain/audits/status";
import { Invalid } from "~/domain/errors";
import { indicatorLabelKey, INDICATORS } from "~/domain/indicators";
import { useFormat } from "~/i18n/format";
import { serverT, translateMessage } from "~/i18n/i18n.server";
import { failure, idParam, runAction, withDomainErrors } from "~/lib/actions.server";
import { discardStoredEvidence, EVIDENCE_MAX_BYTES, storeEvidenceFiles, type StoredEvidence } from "~/lib/evidence.server";
import { discardUpload, readUpload, uploadedFiles } from "~/lib/upload.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "" }];

/** All the evidence of one save together: ten files of the largest size per finding would be too much. */
const SAVE_LIMIT = 100 * 1024 * 1024;

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, params, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  const auditId = idParam(params.auditId);
  await requireOwnAudit(context.db, session, auditId, "audits.record");
  const detail = await auditDetail(context.db, session, auditId);
  if (!RECORDING.includes(detail.audit.status)) throw redirect(`/audits/${auditId}`);
  // ?one=<indicator>: the form for that indicator alone (a phone), with the way to the next.
  const asked = new URL(request.url).searchParams.get("one");
  const one = INDICATORS.find((i) => i.code === asked)?.code ?? null;
  return {
    one,
    audit: detail.audit,
    supplierName: detail.supplierName,
    findings: await findingsOf(context.db, auditId),
    interviews: await interviewsOf(context.db, auditId),
    evidenceMaxMb: EVIDENCE_MAX_BYTES / 1024 / 1024,
    pageTitle: serverT(context.locale, "actions")("meta.findings", { id: auditId }),
  };
});

export const action = /* @__PURE__ */ withDomainErrors(async ({ request, params, context }: ActionFunctionArgs) => {
  const session = requireUser(request, context);
  const auditId = idParam(params.auditId);
  // Authorise before reading the body: nobody uploads evidence to an audit that is not theirs.
  await requireOwnAudit(context.db, session, auditId, "audits.record");
  const upload = await readUpload(request, context.uploads.dir, SAVE_LIMIT, context.locale);
  if (!upload.ok) return failure({ form: translateMessage(context.locale, "actions:errors.findingsEvidenceTotal", { max: SAVE_LIMIT / 1024 / 1024 }) }, {}, undefined, {}, { status: 413 });
  try {
    return await runAction(
      upload.form,
      FindingsSchema,
      async (rows, form) => {
      const files = new Map<string, StoredEvidence[]>();
      try {
        for (const i of INDICATORS) {
          const chosen = uploadedFiles(upload, `evidence.${i.code}`);
          if (chosen.length > MAX_FILES_PER_FINDING) throw new Invalid(`evidence.${i.code}`, "actions:errors.findingFiles", { ...indicatorValues(i.code), count: MAX_FILES_PER_FINDING });
          if (chosen.length) files.set(i.code, storeEvidenceFiles(chosen, context.uploads.dir, `evidence.${i.code}`));
        }
        await saveFindings(context.db, session, auditId, rows, files, { ip: context.ip, interviews: interviewFieldsOf(form) });
      } catch (error) {
        discardStoredEvidence([...files.values()].flat());
        // The refusal goes back with the rows typed, but a browser cannot keep chosen files.
        if (error instanceof Invalid && [...upload.files.values()].some((f) => f.size > 0)) {
          throw new Invalid(error.field, "actions:errors.chooseFilesAgain", { refusal: translateMessage(context.locale, error.message, error.values) });
        }
        throw error;
      }
      // One at a time: on to the next indicator, or back to the audit after the last.
      const next = form.get("next");
      if (typeof next === "string" && INDICATORS.some((i) => i.code === next)) throw redirect(`/audits/${auditId}/findings?one=${next}`);
      throw redirect(`/audits/${auditId}#findings`);
      },
      context.locale,
    );
  } finally {
    // Stored files were moved away; this removes whatever was sent but not kept.
    discardUpload(upload);
  }
});

/** A row's fields, in the order their refusals are shown above it. */
const ROW_FIELDS = ["result", "description", "workers", "evidence"] as const;

export default function RecordFindings() {
  const { one, audit, supplierName, findings, interviews, evidenceMaxMb } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const { t } = useTranslation(["actions", "indicators", "audits"]);
  const { list } = useFormat();
  const errors = failed?.errors ?? {};
  const byCode = new Map(findings.map((f) => [f.indicator, f]));
  const value = (name: string, stored: string) => (failed ? (failed.values[name] ?? "") : stored);
  const at = one ? INDICATORS.findIndex((i) => i.code === one) : -1;
  const shown = one ? INDICATORS.filter((i) => i.code === one) : INDICATORS;
  const prev = at > 0 ? INDICATORS[at - 1] : undefined;
  const next = at >= 0 ? INDICATORS[at + 1] : undefined;
  const base = `/audits/${audit.id}/findings`;
  return (
    <>
      <p className="breadcrumbs">
        <Link to={`/audits/${audit.id}`}>{t("findings.audit", { id: audit.id })}</Link> ›
      </p>
      <h1>{t("findings.title", { supplier: supplierName })}</h1>
      {one ? (
        <div className="stepper">
          <p>
            <strong>{t("findings.step", { at: at + 1, total: INDICATORS.length })}</strong> · {t("findings.recordedSoFar", { count: findings.length })} · <Link to={base}>{t("findings.allOnOnePage")}</Link>
          </p>
          <nav aria-label={t("findings.indicatorsNav")} className="actions">
            {prev ? (
              <Link className="button button--secondary" to={`${base}?one=${prev.code}`}>
                {t("findings.previous")}
              </Link>
            ) : null}
            {next ? (
              <Link className="button button--secondary" to={`${base}?one=${next.code}`}>
                {t("findings.skip")}
              </Link>
            ) : null}
          </nav>
        </div>
      ) : (
        <p>
          <Trans t={t} i18nKey="findings.intro" values={{ max: evidenceMaxMb }} components={{ 1: <Link to={`${base}?one=${INDICATORS[0]!.code}`} /> }} />
        </p>
      )}
      <FormError message={errors.form ?? (failed ? (one ? t("findings.nothingSavedField") : t("findings.nothingSavedRow")) : undefined)} />
      <Form method="post" action={one ? `${base}?one=${one}` : base} encType="multipart/form-data" className="stack">
        {one ? <input type="hidden" name="next" value={next?.code ?? ""} /> : null}
        {/* One at a time (a phone), the grid comes with the last indicator, before "Save and finish". */}
        {!one || !next ? <InterviewFields counts={interviews} errors={errors} value={value} /> : null}
        {shown.map((i) => {
          const f = byCode.get(i.code);
          const err = (field: string) => errors[`${field}.${i.code}`];
          const rowError = ROW_FIELDS.map(err).find(Boolean);
          const name = t(indicatorLabelKey(i.code));
          return (
            <fieldset key={i.code} className="card" aria-describedby={rowError ? `error-${i.code}` : undefined}>
              <legend>{i.group === "ilo" ? t("findings.legendIlo", { number: i.iloNumber, indicator: name }) : t("findings.legendRecruitment", { indicator: name })}</legend>
              {rowError ? (
                <p className="error" id={`error-${i.code}`} role="alert">
                  {rowError}
                </p>
              ) : null}
              <div className="form-row">
                <div className="field">
                  <label htmlFor={`result.${i.code}`}>{t("findings.result")}</label>
                  <select id={`result.${i.code}`} name={`result.${i.code}`} defaultValue={value(`result.${i.code}`, f?.result ?? "")} aria-invalid={err("result") ? true : undefined}>
                    <option value="">{t("findings.notAssessed")}</option>
                    {FINDING_RESULTS.map((r) => (
                      <option key={r} value={r}>
                        {t(`audits:severity.${r}`)}
                      </option>
                    ))}
                  </select>
                </div>
                <div className="field">
                  <label htmlFor={`workers.${i.code}`}>{t("findings.workers")}</label>
                  <input id={`workers.${i.code}`} name={`workers.${i.code}`} inputMode="numeric" pattern="[0-9]*" size={6} defaultValue={value(`workers.${i.code}`, f?.workersInterviewed?.toString() ?? "")} aria-invalid={err("workers") ? true : undefined} />
                </div>
              </div>
              <div className="field">
                <label htmlFor={`description.${i.code}`}>{t("findings.description")}</label>
                <textarea id={`description.${i.code}`} name={`description.${i.code}`} rows={one ? 4 : 2} maxLength={5000} defaultValue={value(`description.${i.code}`, f?.description ?? "")} aria-invalid={err("description") ? true : undefined} />
              </div>
              <div className="form-row">
                <div className="field">
                  <label htmlFor={`photo.${i.code}`}>{t("findings.photo")}</label>
                  {/* The camera on a phone (capture), a picture file elsewhere; sent as evidence like any file. */}
                  <input id={`photo.${i.code}`} name={`evidence.${i.code}`} type="file" accept="image/*" capture="environment" aria-invalid={err("evidence") ? true : undefined} />
                </div>
                <div className="field">
                  <label htmlFor={`evidence.${i.code}`}>{t("findings.files")}</label>
                  <input id={`evidence.${i.code}`} name={`evidence.${i.code}`} type="file" multiple accept=".pdf,.png,.jpg,.jpeg,.docx,.xlsx,.txt" aria-invalid={err("evidence") ? true : undefined} />
                </div>
              </div>
              {f?.evidence.length ? <span className="hint">{t("findings.attached", { files: list(f.evidence.map((e) => e.fileName)) })}</span> : null}
            </fieldset>
          );
        })}
        <button className="button" type="submit" disabled={busy}>
          {busy ? t("findings.saving") : one ? (next ? t("findings.saveNext") : t("findings.saveFinish")) : t("findings.save")}
        </button>
      </Form>
    </>
  );
}
