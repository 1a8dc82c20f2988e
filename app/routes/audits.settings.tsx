import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guard.server";
import { authorize } from "~/auth/permissions.server";
import { Field } from "~/components/field";
import { SettingsSchema, settingsOf, updateSettings } from "~/domain/audits/settings.server";
import { runAction, withDomainErrors } from "~/lib/actions.server";
import { serverT } from "~/i18n/i18n.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  const orgId = session.membership?.orgId ?? -1;
  authorize(session, "audits.settings", { orgId });
  return { title: serverT(context.locale, "audits")("meta.settings"), settings: await settingsOf(context.db, orgId) };
});

export const action = /* @__PURE__ */ withDomainErrors(async ({ request, context }: ActionFunctionArgs) => {
  const session = requireUser(request, context);
  const orgId = session.membership?.orgId ?? -1;
  authorize(session, "audits.settings", { orgId });
  return runAction(request, SettingsSchema, async (input) => {
    await updateSettings(context.db, session, orgId, input, context.ip);
    throw redirect("/audits/plan");
  }, context.locale);
});

export default function Settings() {
  const { settings } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation("audits");
  const errors = result?.errors ?? {};
  const v = (name: keyof typeof settings) => result?.values[name] ?? String(settings[name]);
  return (
    <>
      <p className="breadcrumbs">
        <Link to="/audits/plan">{t("plan.breadcrumb")}</Link> ›
      </p>
      <h1>{t("settings.title")}</h1>
      <div className="card card--form">
        <Form method="post" className="stack">
          <Field name="timeZone" label={t("settings.timeZone")} required defaultValue={v("timeZone")} error={errors.timeZone} hint={t("settings.timeZoneHint")} />
          <Field name="maxAuditsPerInspectorPerDay" label={t("settings.maxPerDay")} type="number" min={1} max={8} required defaultValue={v("maxAuditsPerInspectorPerDay")} error={errors.maxAuditsPerInspectorPerDay} />
          <Field name="minDaysBetweenAudits" label={t("settings.minDays")} type="number" min={0} max={1095} required defaultValue={v("minDaysBetweenAudits")} error={errors.minDaysBetweenAudits} hint={t("settings.minDaysHint")} />
          <fieldset className="field">
            <legend>{t("settings.dueDays")}</legend>
            <div className="form-row">
              <Field name="criticalDueDays" label={t("severity.critical")} type="number" min={1} max={365} required defaultValue={v("criticalDueDays")} error={errors.criticalDueDays} />
              <Field name="majorDueDays" label={t("severity.major")} type="number" min={1} max={365} required defaultValue={v("majorDueDays")} error={errors.majorDueDays} />
              <Field name="minorDueDays" label={t("severity.minor")} type="number" min={1} max={730} required defaultValue={v("minorDueDays")} error={errors.minorDueDays} />
            </div>
          </fieldset>
          <button className="button" type="submit">
            {t("settings.submit")}
          </button>
        </Form>
      </div>
    </>
  );
}
