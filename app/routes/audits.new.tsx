import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AUDIT_TYPES } from "#db/schema";
import { requireUser } from "~/auth/guard.server";
import { authorize } from "~/auth/permissions.server";
import { WindowAndTeamFields } from "~/components/audit-form";
import { ConflictList, WorkplaceRisk } from "~/components/audits";
import { FormError } from "~/components/field";
import { ScheduleSchema } from "~/domain/audits/form-schemas";
import { acceptProposal, proposalAsForm } from "~/domain/audits/plan.server";
import { inspectorsOf, scheduleAudit, workplaceTimeZone } from "~/domain/audits/scheduling.server";
import { settingsOf } from "~/domain/audits/settings.server";
import { requireWorkplace, searchWorkplaces, type Workplace } from "~/domain/audits/workplaces.server";
import { runScheduleAction } from "~/lib/audit-actions.server";
import { withDomainErrors } from "~/lib/http-errors.server";
import { serverT } from "~/i18n/i18n.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

/** What the form shows of a workplace (already cut to the share's scope by the domain). */
const picked = (w: Workplace) => ({ id: w.id, name: w.name, companyName: w.companyName, country: w.country, sector: w.sector, scoreShared: w.scoreShared, riskScore: w.riskScore, riskBand: w.riskBand, riskScoreLow: w.riskScoreLow, riskScoreHigh: w.riskScoreHigh, riskConfidence: w.riskConfidence });

const positive = (v: string | null) => (v && /^\d{1,15}$/.test(v) && Number(v) > 0 ? Number(v) : null);

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  const orgId = session.membership?.orgId ?? -1;
  authorize(session, "audits.schedule", { orgId });
  const url = new URL(request.url);
  const zone = (await settingsOf(context.db, orgId)).timeZone;
  const proposalId = positive(url.searchParams.get("proposal"));
  const proposal = proposalId ? await proposalAsForm(context.db, session, proposalId) : null;
  const supplierId = proposal?.supplierId ?? positive(url.searchParams.get("supplier"));
  const followUpOf = proposal?.followUpOf ?? positive(url.searchParams.get("followUpOf"));
  const q = url.searchParams.get("q") ?? "";
  return {
    title: serverT(context.locale, "audits")("meta.new"),
    zone,
    // The form's times are the workplace's (its country's zone).
    workplaceZone: supplierId ? await workplaceTimeZone(context.db, session, supplierId) : zone,
    workplace: supplierId ? picked(await requireWorkplace(context.db, session, supplierId)) : null,
    matches: supplierId ? [] : (await searchWorkplaces(context.db, session, q)).map(picked),
    q,
    inspectors: await inspectorsOf(context.db, orgId),
    defaults: {
      type: proposal?.type ?? (followUpOf ? "follow_up" : "announced"),
      startsAt: proposal?.startsAt ?? "",
      endsAt: proposal?.endsAt ?? "",
      leadInspectorId: proposal?.leadInspectorId ?? session.user.id,
      followUpOf: followUpOf ?? "",
      proposalId: proposal?.proposalId ?? "",
    },
  };
});

export const action = /* @__PURE__ */ withDomainErrors(async ({ request, context }: ActionFunctionArgs) => {
  const session = requireUser(request, context);
  authorize(session, "audits.schedule", { orgId: session.membership?.orgId ?? -1 });
  return runScheduleAction(
    request,
    ScheduleSchema,
    async ({ proposalId, ...input }) => {
      const auditId = proposalId ? await acceptProposal(context.db, session, proposalId, input, { ip: context.ip }) : await scheduleAudit(context.db, session, input, { ip: context.ip });
      throw redirect(`/audits/${auditId}?scheduled=1`);
    },
    undefined,
    context.locale,
  );
});

export default function ScheduleAudit() {
  const { zone, workplaceZone, workplace, matches, q, inspectors, defaults } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const { t } = useTranslation("audits");
  const values = failed?.values ?? {};
  const errors = failed?.errors ?? {};
  return (
    <>
      <p className="breadcrumbs">
        <Link to="/audits">{t("list.title")}</Link> ›
      </p>
      <div className="page-header">
        <div>
          <h1>{defaults.proposalId ? t("new.acceptTitle") : t("new.title")}</h1>
          <p>{t("new.intro")}</p>
        </div>
      </div>
      {!workplace ? (
        <div className="card">
          <h2>{t("new.which")}</h2>
          <Form method="get" className="inline-form" role="search" aria-label={t("new.find")}>
            <div className="field">
              <label htmlFor="q">{t("new.name")}</label>
              <input id="q" name="q" type="search" defaultValue={q} maxLength={100} />
            </div>
            <button className="button button--secondary" type="submit">
              {t("new.findButton")}
            </button>
          </Form>
          {matches.length === 0 ? (
            <p className="muted">{t("new.noMatch")}</p>
          ) : (
            <ul className="entity-list">
              {matches.map((m) => (
                <li key={m.id}>
                  <Link to={`/audits/new?supplier=${m.id}`}>{m.name}</Link> <WorkplaceRisk scoreShared={m.scoreShared} band={m.riskBand} score={m.riskScore} low={m.riskScoreLow} high={m.riskScoreHigh} confidence={m.riskConfidence} />{" "}
                  <span className="muted">
                    {m.companyName} · {m.country}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </div>
      ) : (
        <div className="card card--form">
          <h2>
            {workplace.name} <WorkplaceRisk scoreShared={workplace.scoreShared} band={workplace.riskBand} score={workplace.riskScore} low={workplace.riskScoreLow} high={workplace.riskScoreHigh} confidence={workplace.riskConfidence} />
          </h2>
          <p className="muted">
            {t("new.supplierOf", { company: workplace.companyName })} · {workplace.country} · {workplace.sector ?? t("sectorUnknown")}
          </p>
          <FormError message={errors.form ?? errors.supplierId ?? errors.followUpOf ?? errors.proposalId} />
          <ConflictList conflicts={failed?.conflicts} />
          <Form method="post" className="stack">
            <input type="hidden" name="supplierId" value={workplace.id} />
            <input type="hidden" name="followUpOf" value={values.followUpOf ?? defaults.followUpOf} />
            <input type="hidden" name="proposalId" value={values.proposalId ?? defaults.proposalId} />
            <div className="field">
              <label htmlFor="type">{t("new.type")}</label>
              <select id="type" name="type" defaultValue={values.type ?? defaults.type}>
                {AUDIT_TYPES.map((type) => (
                  <option key={type} value={type}>
                    {t(`type.${type}`)}
                  </option>
                ))}
              </select>
              <span className="hint">{t("new.typeHint")}</span>
            </div>
            <WindowAndTeamFields
              inspectors={inspectors}
              zone={workplaceZone}
              viewerZone={zone}
              errors={errors}
              values={{ startsAt: values.startsAt ?? defaults.startsAt, endsAt: values.endsAt ?? defaults.endsAt, leadInspectorId: values.leadInspectorId ?? defaults.leadInspectorId, teamIds: failed ? (failed.lists.teamIds ?? []) : undefined }}
            />
            <div className="field">
              <label htmlFor="notes">{t("new.notes")}</label>
              <textarea id="notes" name="notes" rows={3} maxLength={2000} defaultValue={values.notes ?? ""} aria-invalid={errors.notes ? true : undefined} />
              {errors.notes ? <span className="error">{errors.notes}</span> : null}
            </div>
            <button className="button" type="submit">
              {defaults.proposalId ? t("new.acceptSubmit") : t("new.submit")}
            </button>
          </Form>
        </div>
      )}
    </>
  );
}
