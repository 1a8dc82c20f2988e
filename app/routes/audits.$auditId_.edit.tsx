import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
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

export const meta: MetaFunction = ({ params }) => [{ title: `Reschedule audit #${params.auditId} · Labour Due Diligence` }];

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
  return runScheduleAction(request, RescheduleSchema, async (input) => {
    await rescheduleAudit(context.db, session, auditId, input, { ip: context.ip });
    throw redirect(`/audits/${auditId}`);
  });
});

export default function Reschedule() {
  const { audit, supplierName, zone, viewerZone, inspectors, current } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const values = failed?.values;
  const errors = failed?.errors ?? {};
  return (
    <>
      <p className="breadcrumbs">
        <Link to={`/audits/${audit.id}`}>Audit #{audit.id}</Link> ›
      </p>
      <h1>Reschedule the audit of {supplierName}</h1>
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
            <label htmlFor="reason">Reason for the change</label>
            <textarea id="reason" name="reason" rows={2} maxLength={1000} required defaultValue={values?.reason ?? ""} aria-invalid={errors.reason ? true : undefined} aria-describedby={errors.reason ? "reason-error" : undefined} />
            {errors.reason ? (
              <span className="error" id="reason-error">
                {errors.reason}
              </span>
            ) : null}
          </div>
          <button className="button" type="submit">
            Save the new plan
          </button>
        </Form>
      </div>
    </>
  );
}
