import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guard.server";
import { WindowAndTeamFields } from "~/components/audit-form";
import { ConflictList } from "~/components/audits";
import { FormError } from "~/components/field";
import { auditDetail } from "~/domain/audits/audit-views.server";
import { RescheduleSchema } from "~/domain/audits/form-schemas";
import { localDateTime } from "~/domain/audits/local-time";
import { inspectorsOf, requireOwnAudit, rescheduleAudit } from "~/domain/audits/scheduling.server";
import { RESCHEDULABLE } from "~/domain/audits/status";
import { idParam, withDomainErrors } from "~/lib/actions.server";
import { runScheduleAction } from "~/lib/audit-actions.server";
import { serverT } from "~/i18n/i18n.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, params, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  const auditId = idParam(params.auditId);
  await requireOwnAudit(context.db, session, auditId, "audits.schedule");
  const detail = await auditDetail(context.db, session, auditId);
  // A workplace no longer shared cannot be moved (the audit page says why).
  if (!RESCHEDULABLE.includes(detail.audit.status) || !detail.shared) throw redirect(`/audits/${auditId}`);
  // The times are typed and shown in the workplace's zone, as scheduling reads them.
  const zone = detail.placeZone;
  return {
    title: serverT(context.locale, "audits")("meta.reschedule", { id: auditId }),
    viewerZone: detail.settings.timeZone,
    audit: detail.audit,
    supplierName: detail.supplierName,
    zone,
    inspectors: await inspectorsOf(context.db, detail.audit.orgId),
    current: {
      startsAt: localDateTime(detail.audit.startsAt, zone),
      endsAt: localDateTime(detail.audit.endsAt, zone),
      leadInspectorId: detail.audit.leadInspectorId,
      teamIds: detail.team.filter((t) => t.role === "member").map((t) => t.id),
    },
  };
});

export const action = /* @__PURE__ */ withDomainErrors(async ({ request, params, context }: ActionFunctionArgs) => {
  const session = requireUser(request, context);
  const auditId = idParam(params.auditId);
  await requireOwnAudit(context.db, session, auditId, "audits.schedule");
  return runScheduleAction(
    request,
    RescheduleSchema,
    async (input) => {
      await rescheduleAudit(context.db, session, auditId, input, { ip: context.ip });
      throw redirect(`/audits/${auditId}`);
    },
    undefined,
    context.locale,
  );
});

export default function Reschedule() {
  const { audit, supplierName, zone, viewerZone, inspectors, current } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const { t } = useTranslation("audits");
  const values = failed?.values;
  const errors = failed?.errors ?? {};
  return (
    <>
      <p className="breadcrumbs">
        <Link to={`/audits/${audit.id}`}>{t("detail.auditNumber", { id: audit.id })}</Link> ›
      </p>
      <h1>{t("edit.title", { supplier: supplierName })}</h1>
      <div className="card card--form">
        <FormError message={errors.form} />
        <ConflictList conflicts={failed?.conflicts} />
        <Form method="post" className="stack">
          <WindowAndTeamFields
            inspectors={inspectors}
            zone={zone}
            viewerZone={viewerZone}
            errors={errors}
            values={values ? { ...values, teamIds: failed?.lists.teamIds ?? [] } : current}
          />
          <div className="field">
            <label htmlFor="reason">{t("edit.reason")}</label>
            <textarea id="reason" name="reason" rows={2} maxLength={1000} required defaultValue={values?.reason ?? ""} aria-invalid={errors.reason ? true : undefined} aria-describedby={errors.reason ? "reason-error" : undefined} />
            {errors.reason ? (
              <span className="error" id="reason-error">
                {errors.reason}
              </span>
            ) : null}
          </div>
          <button className="button" type="submit">
            {t("edit.submit")}
          </button>
        </Form>
      </div>
    </>
  );
}
