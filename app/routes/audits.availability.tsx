import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guard.server";
import { authorize, can } from "~/auth/permissions.server";
import { Field, FormError } from "~/components/field";
import { addUnavailability, listUnavailability, removeUnavailability } from "~/domain/audits/availability.server";
import { AvailabilitySchema } from "~/domain/audits/form-schemas";
import { localDay } from "~/domain/audits/local-time";
import { inspectorsOf } from "~/domain/audits/scheduling.server";
import { settingsOf } from "~/domain/audits/settings.server";
import { keyedRefusals } from "~/domain/audits/refusals.server";
import { idParam, runAction, withDomainErrors } from "~/lib/actions.server";
import { useFormat } from "~/i18n/format";
import { serverT } from "~/i18n/i18n.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  const orgId = session.membership?.orgId ?? -1;
  const today = localDay(Date.now(), (await settingsOf(context.db, orgId)).timeZone);
  const canManage = can(session, "availability.manage", { orgId });
  return {
    title: serverT(context.locale, "audits")("meta.availability"),
    rows: await listUnavailability(context.db, session, today),
    inspectors: canManage ? await inspectorsOf(context.db, orgId) : [],
    me: session.user.id,
    canRecord: can(session, "audits.schedule", { orgId }),
    canManage,
  };
});

export const action = /* @__PURE__ */ withDomainErrors(async ({ request, context }: ActionFunctionArgs) => {
  const session = requireUser(request, context);
  // Refused before the form is read (the domain asks again, with the inspector concerned).
  authorize(session, "audits.schedule", { orgId: session.membership?.orgId ?? -1 });
  return runAction(
    request,
    AvailabilitySchema,
    async (input) =>
      await keyedRefusals(async () => {
        if (input.intent === "remove") {
          await removeUnavailability(context.db, session, idParam(input.id), context.ip);
        } else {
          const { userId, ...period } = input;
          await addUnavailability(context.db, session, { ...period, userId: userId === undefined ? session.user.id : Number(userId) }, context.ip);
        }
        throw redirect("/audits/availability");
      }),
    context.locale,
  );
});

export default function Availability() {
  const { rows, inspectors, me, canRecord, canManage } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation("audits");
  const f = useFormat();
  const errors = result?.errors ?? {};
  const v = result?.values ?? {};
  return (
    <>
      <p className="breadcrumbs">
        <Link to="/audits/calendar">{t("calendar.breadcrumb")}</Link> ›
      </p>
      <h1>{t("availability.title")}</h1>
      <p>{t("availability.intro")}</p>
      {canRecord ? (
        <div className="card card--form">
          <h2>{t("availability.record")}</h2>
          <FormError message={errors.form} />
          <Form method="post" className="stack">
            {canManage ? (
              <div className="field">
                <label htmlFor="userId">{t("availability.inspector")}</label>
                <select id="userId" name="userId" defaultValue={v.userId ?? String(me)}>
                  {inspectors.map((i) => (
                    <option key={i.id} value={i.id}>
                      {i.name}
                    </option>
                  ))}
                </select>
                {errors.userId ? <span className="error">{errors.userId}</span> : null}
              </div>
            ) : null}
            <div className="form-row">
              <Field name="startsOn" label={t("availability.firstDay")} type="date" required defaultValue={v.startsOn ?? ""} error={errors.startsOn} />
              <Field name="endsOn" label={t("availability.lastDay")} type="date" required defaultValue={v.endsOn ?? ""} error={errors.endsOn} />
            </div>
            <Field name="reason" label={t("availability.reason")} required maxLength={200} defaultValue={v.reason ?? ""} error={errors.reason} hint={t("availability.reasonHint")} />
            <button className="button" type="submit">
              {t("availability.submit")}
            </button>
          </Form>
        </div>
      ) : null}
      <div className="card">
        <h2>{t("availability.current")}</h2>
        {rows.length === 0 ? (
          <p className="muted">{t("availability.none")}</p>
        ) : (
          <ul className="entity-list">
            {rows.map((r) => (
              <li key={r.id}>
                <Trans t={t} i18nKey="availability.period" values={{ name: r.name, from: f.date(r.startsOn), to: f.date(r.endsOn), reason: r.reason }} components={{ 1: <strong /> }} />{" "}
                {canRecord && (r.userId === me || canManage) ? (
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="intent" value="remove" />
                    <input type="hidden" name="id" value={r.id} />
                    <button className="button button--small button--secondary" type="submit" aria-label={t("availability.removeOf", { name: r.name, from: f.date(r.startsOn) })}>
                      {t("availability.remove")}
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </div>
    </>
  );
}
