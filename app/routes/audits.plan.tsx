import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guard.server";
import { authorize, can } from "~/auth/permissions.server";
import { AuditType, ConflictList, useZoneText } from "~/components/audits";
import { Field, FormError } from "~/components/field";
import { PlanSchema } from "~/domain/audits/form-schemas";
import { acceptProposal, generatePlan, latestPlan, nextMonday, pendingProposals, rejectProposal } from "~/domain/audits/plan.server";
import { planWords } from "~/domain/audits/plan-text.server";
import { settingsOf } from "~/domain/audits/settings.server";
import { idParam, withDomainErrors } from "~/lib/actions.server";
import { runScheduleAction } from "~/lib/audit-actions.server";
import { useFormat } from "~/i18n/format";
import { serverT } from "~/i18n/i18n.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

const PLAN_TYPES = ["announced", "unannounced", "desk_review"] as const;

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  const orgId = session.membership?.orgId ?? -1;
  authorize(session, "audits.view", { orgId });
  const settings = await settingsOf(context.db, orgId);
  // The planner's reasons are stored with their keys: said here in the reader's language.
  const words = planWords(context.locale);
  const plan = await latestPlan(context.db, orgId);
  return {
    title: serverT(context.locale, "audits")("meta.plan"),
    zone: settings.timeZone,
    settings,
    plan: plan
      ? {
          createdAt: plan.createdAt,
          proposed: plan.proposed,
          nothingFits: plan.nothingFitsText ? words.text(plan.nothingFitsText) : null,
          unplaced: plan.unplaced.map((u) => ({ supplierId: u.supplierId, name: u.name, reason: words.text({ en: u.reason, ...(u.said ? { said: u.said } : {}) }) })),
        }
      : null,
    proposals: (await pendingProposals(context.db, session)).map(({ reasonText, ...p }) => ({ ...p, reason: words.text(reasonText) })),
    defaults: { from: nextMonday(Date.now(), settings.timeZone), weeks: 4 },
    canSchedule: can(session, "audits.schedule", { orgId }),
    canSettings: can(session, "audits.settings", { orgId }),
  };
});

export const action = /* @__PURE__ */ withDomainErrors(async ({ request, context }: ActionFunctionArgs) => {
  const session = requireUser(request, context);
  authorize(session, "audits.schedule", { orgId: session.membership?.orgId ?? -1 });
  return runScheduleAction(
    request,
    PlanSchema,
    async (input) => {
      if (input.intent === "generate") {
        const { intent: _, ...plan } = input;
        await generatePlan(context.db, session, { ...plan, type: plan.type as "announced" }, { ip: context.ip });
        throw redirect("/audits/plan#proposals");
      }
      const proposalId = idParam(input.proposalId);
      if (input.intent === "accept") {
        const auditId = await acceptProposal(context.db, session, proposalId, null, { ip: context.ip });
        throw redirect(`/audits/${auditId}?scheduled=1`);
      }
      await rejectProposal(context.db, session, proposalId, input.reason, { ip: context.ip });
      throw redirect("/audits/plan#proposals");
    },
    "audits:plan.errors.noLongerFits",
    context.locale,
  );
});

export default function Plan() {
  const { zone, settings, plan, proposals, defaults, canSchedule, canSettings } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation("audits");
  const f = useFormat();
  const zones = useZoneText();
  const errors: Record<string, string> = result?.errors ?? {};
  const v = result?.intent === "generate" ? result.values : {};
  return (
    <>
      <p className="breadcrumbs">
        <Link to="/audits">{t("list.title")}</Link> ›
      </p>
      <div className="page-header">
        <div>
          <h1>{t("plan.title")}</h1>
          <p>
            <Trans
              t={t}
              i18nKey="plan.intro"
              count={settings.maxAuditsPerInspectorPerDay}
              values={{ number: f.number(settings.maxAuditsPerInspectorPerDay), interval: f.number(settings.minDaysBetweenAudits, { style: "unit", unit: "day", unitDisplay: "long" }) }}
              components={{ 1: <Link to="/audits/queue" /> }}
            />
          </p>
        </div>
        {canSettings ? (
          <Link className="button button--secondary" to="/audits/settings">
            {t("settings.title")}
          </Link>
        ) : null}
      </div>
      {canSchedule ? (
        <div className="card card--form">
          <h2>{t("queue.propose")}</h2>
          <FormError message={result?.intent === "generate" ? errors.form : undefined} />
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="generate" />
            <div className="form-row">
              <Field name="from" label={t("plan.form.from")} type="date" required defaultValue={v.from ?? defaults.from} error={errors.from} />
              <Field name="weeks" label={t("plan.form.weeks")} type="number" min={1} max={12} required defaultValue={v.weeks ?? defaults.weeks} error={errors.weeks} />
            </div>
            <div className="form-row">
              <Field name="dayStarts" label={t("plan.form.dayStarts")} type="time" required defaultValue={v.dayStarts ?? "09:00"} error={errors.dayStarts} hint={zones.zone(zone)} />
              <Field name="dayEnds" label={t("plan.form.dayEnds")} type="time" required defaultValue={v.dayEnds ?? "17:00"} error={errors.dayEnds} />
            </div>
            <div className="field">
              <label htmlFor="type">{t("plan.form.type")}</label>
              <select id="type" name="type" defaultValue={v.type ?? "announced"} aria-invalid={errors.type ? true : undefined}>
                {PLAN_TYPES.map((type) => (
                  <option key={type} value={type}>
                    {t(`type.${type}`)}
                  </option>
                ))}
              </select>
              {errors.type ? <span className="error">{errors.type}</span> : null}
            </div>
            <button className="button" type="submit">
              {t("plan.form.submit")}
            </button>
            <p className="hint">{t("plan.form.replaces")}</p>
          </Form>
        </div>
      ) : null}
      <div className="card" id="proposals">
        <h2>{t("plan.pending", { number: f.number(proposals.length) })}</h2>
        {result && result.intent !== "generate" ? (
          <>
            <FormError message={errors.form ?? errors.reason} />
            <ConflictList conflicts={result.conflicts} />
          </>
        ) : null}
        {plan ? <p className="muted">{t("plan.last", { at: f.dateTime(plan.createdAt, zone), count: plan.proposed, number: f.number(plan.proposed) })}</p> : null}
        {plan?.nothingFits ? (
          <div className="alert alert--warning" role="status">
            {plan.nothingFits}
          </div>
        ) : null}
        {proposals.length === 0 ? (
          <p className="muted">{t("plan.noPending")}</p>
        ) : (
          <ul className="contest-list">
            {proposals.map((p) => (
              <li key={p.id} className="contest">
                <p>
                  <strong>{p.supplierName}</strong> · <AuditType type={p.type} /> · {zones.window(p.startsAt, p.endsAt, p.placeZone, zone)} · {t("plan.lead", { name: p.lead })}
                </p>
                <p className="contest__meta">{p.reason}</p>
                {canSchedule ? (
                  <div className="actions">
                    <Form method="post">
                      <input type="hidden" name="intent" value="accept" />
                      <input type="hidden" name="proposalId" value={p.id} />
                      <button className="button button--small" type="submit" aria-label={t("plan.acceptOf", { name: p.supplierName })}>
                        {t("plan.accept")}
                      </button>
                    </Form>
                    <Link className="button button--small button--secondary" to={`/audits/new?proposal=${p.id}`} aria-label={t("plan.changeOf", { name: p.supplierName })}>
                      {t("plan.change")}
                    </Link>
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="intent" value="reject" />
                      <input type="hidden" name="proposalId" value={p.id} />
                      <label className="visually-hidden" htmlFor={`reject-${p.id}`}>
                        {t("plan.rejectReasonOf", { name: p.supplierName })}
                      </label>
                      <input id={`reject-${p.id}`} name="reason" placeholder={t("plan.rejectReason")} maxLength={1000} />
                      <button className="button button--small button--danger" type="submit" aria-label={t("plan.rejectOf", { name: p.supplierName })}>
                        {t("plan.reject")}
                      </button>
                    </Form>
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        {plan && plan.unplaced.length ? (
          <details>
            <summary>{t("plan.leftOut", { count: plan.unplaced.length, number: f.number(plan.unplaced.length) })}</summary>
            <ul className="entity-list">
              {plan.unplaced.map((u) => (
                <li key={u.supplierId}>
                  <Trans t={t} i18nKey="plan.leftOutItem" values={{ name: u.name, reason: u.reason }} components={{ 1: <strong /> }} />
                </li>
              ))}
            </ul>
          </details>
        ) : null}
      </div>
    </>
  );
}
