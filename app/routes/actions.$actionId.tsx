import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guard.server";
import { authorize } from "~/auth/permissions.server";
import { ActionStatus, Fact, Severity, useZoneText } from "~/components/audits";
import { FormError } from "~/components/field";
import { actionDetail, answerAction, requireAction, verifyAction } from "~/domain/audits/corrective-actions.server";
import { AnswerActionSchema, VerifyActionSchema } from "~/domain/audits/form-schemas";
import { Invalid } from "~/domain/errors";
import { indicatorLabelKey, isIndicatorCode } from "~/domain/indicators";
import { useFormat } from "~/i18n/format";
import { serverT, translateMessage } from "~/i18n/i18n.server";
import { failure, idParam, runAction, withDomainErrors } from "~/lib/actions.server";
import { saveWithEvidence } from "~/lib/evidence.server";
import { discardUpload, readUpload, uploadedFiles } from "~/lib/upload.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "" }];

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, params, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  const detail = await actionDetail(context.db, session, idParam(params.actionId));
  return { ...detail, pageTitle: serverT(context.locale, "actions")("meta.detail", { id: detail.action.id }) };
});

const UPLOAD_LIMIT = 60 * 1024 * 1024;
/** Evidence files one answer may attach. */
const MAX_FILES = 10;

export const action = /* @__PURE__ */ withDomainErrors(async ({ request, params, context }: ActionFunctionArgs) => {
  const session = requireUser(request, context);
  const actionId = idParam(params.actionId);
  // Authorise before reading the body.
  const { side, action: correctiveAction } = await requireAction(context.db, session, actionId);
  if (side === "inspectorate") {
    return runAction(
      request,
      VerifyActionSchema,
      async (input) => {
        await verifyAction(context.db, session, actionId, input, { ip: context.ip });
        throw redirect(`/actions/${actionId}`);
      },
      context.locale,
    );
  }
  // A company member who may not answer is refused before any file is written.
  authorize(session, "actions.answer", { orgId: correctiveAction.companyOrgId });
  const upload = await readUpload(request, context.uploads.dir, UPLOAD_LIMIT, context.locale);
  if (!upload.ok) return failure({ evidence: translateMessage(context.locale, "actions:errors.evidenceTotal", { max: UPLOAD_LIMIT / 1024 / 1024 }) }, {}, undefined, {}, { status: 413 });
  try {
    return await runAction(
      upload.form,
      AnswerActionSchema,
      async (input) => {
        const files = uploadedFiles(upload, "evidence");
        if (files.length > MAX_FILES) throw new Invalid("evidence", "actions:errors.tooManyFiles", { count: MAX_FILES });
        await saveWithEvidence(files, context.uploads.dir, "evidence", async (stored) => await answerAction(context.db, session, actionId, input, stored, { ip: context.ip }));
        throw redirect(`/actions/${actionId}`);
      },
      context.locale,
    );
  } finally {
    discardUpload(upload);
  }
});

export default function CorrectiveAction() {
  const d = useLoaderData<typeof loader>();
  const { action: a } = d;
  const result = useActionData<typeof action>();
  const errors: Record<string, string> = result?.errors ?? {};
  const v: Record<string, string> = result?.values ?? {};
  const busy = useNavigation().state === "submitting";
  const { t } = useTranslation(["actions", "indicators", "audits"]);
  const f = useFormat();
  const zones = useZoneText();
  return (
    <>
      <p className="breadcrumbs">
        <Link to="/actions">{t("list.title")}</Link> ›
      </p>
      <div className="page-header">
        <div>
          <h1>{t("detail.title", { id: a.id })}</h1>
          <p>
            {d.supplierName} · <ActionStatus status={a.status} overdue={a.overdue} />
          </p>
        </div>
      </div>
      {a.overdue ? (
        <div className="alert alert--warning" role="status">
          {t("detail.overdue", { day: f.date(a.dueOn) })}
        </div>
      ) : null}
      <div className="card">
        <dl className="facts">
          <Fact term={t("detail.what")}>{a.description}</Fact>
          <Fact term={t("detail.who")}>{a.owner === "company" ? d.companyName : t("detail.whoSupplier", { supplier: d.supplierName })}</Fact>
          <Fact term={t("detail.due")}>{f.date(a.dueOn)}</Fact>
          <Fact term={t("detail.finding")}>
            {isIndicatorCode(d.indicator) ? t(indicatorLabelKey(d.indicator)) : d.indicator} <Severity result={d.severity} /> — {d.findingDescription}
          </Fact>
          <Fact term={t("detail.audit")}>
            <Link to={`/audits/${a.auditId}`}>{t("detail.auditOf", { inspectorate: d.inspectorateName, time: zones.time(d.auditStartsAt, d.auditZone, d.side === "inspectorate" ? d.zone : null) })}</Link>
          </Fact>
          {a.response ? (
            <Fact term={t("detail.response")}>
              {a.response} {a.respondedAt ? <span className="muted">{t("detail.respondedAt", { at: f.dateTime(a.respondedAt) })}</span> : null}
            </Fact>
          ) : null}
          {a.verificationNote ? <Fact term={t("detail.verificationNote")}>{a.verificationNote}</Fact> : null}
          {a.verifiedAt ? <Fact term={t("detail.verifiedAt")}>{f.dateTime(a.verifiedAt)}</Fact> : null}
        </dl>
        <h3>{t("detail.evidence")}</h3>
        {d.evidence.length === 0 ? (
          <p className="muted">{t("detail.noEvidence")}</p>
        ) : (
          <ul>
            {d.evidence.map((e) => (
              <li key={e.id}>
                <Link to={`/evidence/${e.id}`} reloadDocument>
                  {e.fileName}
                </Link>{" "}
                <span className="muted">
                  <Trans
                    t={t}
                    i18nKey="detail.evidenceFile"
                    values={{ size: f.bytes(e.size), name: e.uploadedBy ?? t("audits:formerMember"), hash: e.sha256 }}
                    components={{ 1: <span className="mono" /> }}
                  />
                </span>
              </li>
            ))}
          </ul>
        )}
      </div>
      {d.canAnswer ? (
        <div className="card card--form">
          <h2>{t("answer.title")}</h2>
          <FormError message={errors.form} />
          <Form method="post" encType="multipart/form-data" className="stack">
            <fieldset className="field">
              <legend>{t("answer.status")}</legend>
              <label className="radio">
                <input type="radio" name="status" value="in_progress" defaultChecked={(v.status ?? (a.status === "open" ? "in_progress" : "submitted")) === "in_progress"} disabled={a.status === "submitted"} /> {t("answer.inProgress")}
              </label>
              <label className="radio">
                <input type="radio" name="status" value="submitted" defaultChecked={(v.status ?? (a.status === "open" ? "in_progress" : "submitted")) === "submitted"} /> {t("answer.submitted")}
              </label>
              {errors.status ? <span className="error">{errors.status}</span> : null}
            </fieldset>
            <div className="field">
              <label htmlFor="response">{t("answer.response")}</label>
              <textarea id="response" name="response" rows={4} maxLength={5000} defaultValue={v.response ?? a.response ?? ""} aria-invalid={errors.response ? true : undefined} aria-describedby={errors.response ? "response-error" : undefined} />
              {errors.response ? (
                <span className="error" id="response-error">
                  {errors.response}
                </span>
              ) : null}
            </div>
            <div className="field">
              <label htmlFor="evidence">{t("answer.evidence")}</label>
              <input id="evidence" name="evidence" type="file" multiple accept=".pdf,.png,.jpg,.jpeg,.docx,.xlsx,.txt" aria-invalid={errors.evidence ? true : undefined} aria-describedby={errors.evidence ? "evidence-error" : undefined} />
              {errors.evidence ? (
                <span className="error" id="evidence-error">
                  {errors.evidence}
                </span>
              ) : null}
            </div>
            <button className="button" type="submit" disabled={busy}>
              {t("answer.send")}
            </button>
          </Form>
        </div>
      ) : null}
      {d.canVerify ? (
        <div className="card card--form">
          <h2>{t("verify.title")}</h2>
          <FormError message={errors.form} />
          <Form method="post" className="stack">
            <fieldset className="field">
              <legend>{t("verify.decision")}</legend>
              <label className="radio">
                <input type="radio" name="decision" value="close" defaultChecked={(v.decision ?? "close") === "close"} /> {t("verify.close")}
              </label>
              <label className="radio">
                <input type="radio" name="decision" value="reopen" defaultChecked={v.decision === "reopen"} /> {t("verify.reopen")}
              </label>
              {errors.decision ? <span className="error">{errors.decision}</span> : null}
            </fieldset>
            <div className="field">
              <label htmlFor="note">{t("verify.note")}</label>
              <textarea id="note" name="note" rows={3} maxLength={5000} defaultValue={v.note ?? ""} aria-invalid={errors.note ? true : undefined} aria-describedby={errors.note ? "note-error" : undefined} />
              {errors.note ? (
                <span className="error" id="note-error">
                  {errors.note}
                </span>
              ) : null}
            </div>
            <button className="button" type="submit" disabled={busy}>
              {t("verify.record")}
            </button>
          </Form>
        </div>
      ) : null}
    </>
  );
}
