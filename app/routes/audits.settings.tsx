import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guard.server";
import { authorize } from "~/auth/permissions.server";
import { Field } from "~/components/field";
import { SettingsSchema, settingsOf, updateSettings } from "~/domain/audits/settings.server";
import { runAction, withDomainErrors } from "~/lib/actions.server";

export const meta: MetaFunction = () => [{ title: "Scheduling rules · Audits · Labour Due Diligence" }];

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  const orgId = session.membership?.orgId ?? -1;
  authorize(session, "audits.settings", { orgId });
  return { settings: await settingsOf(context.db, orgId) };
});

export const action = /* @__PURE__ */ withDomainErrors(async ({ request, context }: ActionFunctionArgs) => {
  const session = requireUser(request, context);
  const orgId = session.membership?.orgId ?? -1;
  authorize(session, "audits.settings", { orgId });
  return runAction(request, SettingsSchema, async (input) => {
    await updateSettings(context.db, session, orgId, input, context.ip);
    throw redirect("/audits/plan");
  });
});

export default function Settings() {
  const { settings } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result?.errors ?? {};
  const v = (name: keyof typeof settings) => result?.values[name] ?? String(settings[name]);
  return (
    <>
      <p className="breadcrumbs">
        <Link to="/audits/plan">Plan</Link> ›
      </p>
      <h1>Scheduling rules</h1>
      <div className="card card--form">
        <Form method="post" className="stack">
          <Field name="timeZone" label="Time zone" required defaultValue={v("timeZone")} error={errors.timeZone} hint="IANA name, e.g. Asia/Kuala_Lumpur: days, working hours and the calendar follow it." />
          <Field name="maxAuditsPerInspectorPerDay" label="Audits per inspector per day, at most" type="number" min={1} max={8} required defaultValue={v("maxAuditsPerInspectorPerDay")} error={errors.maxAuditsPerInspectorPerDay} />
          <Field name="minDaysBetweenAudits" label="Days between two audits of the same workplace, at least" type="number" min={0} max={1095} required defaultValue={v("minDaysBetweenAudits")} error={errors.minDaysBetweenAudits} hint="Follow-up audits are exempt." />
          <fieldset className="field">
            <legend>Days to fix a finding (corrective action due date)</legend>
            <div className="form-row">
              <Field name="criticalDueDays" label="Critical" type="number" min={1} max={365} required defaultValue={v("criticalDueDays")} error={errors.criticalDueDays} />
              <Field name="majorDueDays" label="Major" type="number" min={1} max={365} required defaultValue={v("majorDueDays")} error={errors.majorDueDays} />
              <Field name="minorDueDays" label="Minor" type="number" min={1} max={730} required defaultValue={v("minorDueDays")} error={errors.minorDueDays} />
            </div>
          </fieldset>
          <button className="button" type="submit">
            Save rules
          </button>
        </Form>
      </div>
    </>
  );
}
