import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guard.server";
import { authorize, can } from "~/auth/permissions.server";
import { AuditType, ConflictList, windowInZones } from "~/components/audits";
import { Field, FormError } from "~/components/field";
import { PlanSchema, TYPE_LABELS } from "~/domain/audits/form-schemas";
import { acceptProposal, generatePlan, latestPlan, nextMonday, pendingProposals, rejectProposal } from "~/domain/audits/plan.server";
import { settingsOf } from "~/domain/audits/settings.server";
import { idParam, withDomainErrors } from "~/lib/actions.server";
import { runScheduleAction } from "~/lib/audit-actions.server";
import { formatDateTime, zoneName } from "~/lib/format";

export const meta: MetaFunction = () => [{ title: "Plan · Audits · Labour Due Diligence" }];

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  const orgId = session.membership?.orgId ?? -1;
  authorize(session, "audits.view", { orgId });
  const settings = await settingsOf(context.db, orgId);
  return {
    zone: settings.timeZone,
    settings,
    plan: await latestPlan(context.db, orgId),
    proposals: await pendingProposals(context.db, session),
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
    "The proposal no longer fits: something changed since the plan was made. Change it or reject it.",
  );
});

export default function Plan() {
  const { zone, settings, plan, proposals, defaults, canSchedule, canSettings } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: Record<string, string> = result?.errors ?? {};
  const v = result?.intent === "generate" ? result.values : {};
  return (
    <>
      <p className="breadcrumbs">
        <Link to="/audits">Audits</Link> ›
      </p>
      <div className="page-header">
        <div>
          <h1>Plan suggestion</h1>
          <p>
            The planner takes the <Link to="/audits/queue">priority queue</Link> from the top and gives each workplace the earliest working-day slot with the
            least-busy inspector that breaks no rule: no double booking, no leave, at most {settings.maxAuditsPerInspectorPerDay} audits per inspector a day,
            and {settings.minDaysBetweenAudits} days between audits of the same workplace, unless a corrective action there is overdue or a critical finding
            is still open: then it proposes a follow-up inside the interval and says why. Nothing is scheduled until you accept a proposal.
          </p>
        </div>
        {canSettings ? (
          <Link className="button button--secondary" to="/audits/settings">
            Scheduling rules
          </Link>
        ) : null}
      </div>
      {canSchedule ? (
        <div className="card card--form">
          <h2>Propose a plan</h2>
          <FormError message={result?.intent === "generate" ? errors.form : undefined} />
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="generate" />
            <div className="form-row">
              <Field name="from" label="First day" type="date" required defaultValue={v.from ?? defaults.from} error={errors.from} />
              <Field name="weeks" label="Weeks" type="number" min={1} max={12} required defaultValue={v.weeks ?? defaults.weeks} error={errors.weeks} />
            </div>
            <div className="form-row">
              <Field name="dayStarts" label="Working day starts" type="time" required defaultValue={v.dayStarts ?? "09:00"} error={errors.dayStarts} hint={zoneName(zone)} />
              <Field name="dayEnds" label="Working day ends" type="time" required defaultValue={v.dayEnds ?? "17:00"} error={errors.dayEnds} />
            </div>
            <div className="field">
              <label htmlFor="type">Type of audit</label>
              <select id="type" name="type" defaultValue={v.type ?? "announced"} aria-invalid={errors.type ? true : undefined}>
                {(["announced", "unannounced", "desk_review"] as const).map((t) => (
                  <option key={t} value={t}>
                    {TYPE_LABELS[t]}
                  </option>
                ))}
              </select>
              {errors.type ? <span className="error">{errors.type}</span> : null}
            </div>
            <button className="button" type="submit">
              Propose
            </button>
            <p className="hint">A new plan replaces the pending proposals of the previous one (follow-ups proposed by findings stay).</p>
          </Form>
        </div>
      ) : null}
      <div className="card" id="proposals">
        <h2>Pending proposals ({proposals.length})</h2>
        {result && result.intent !== "generate" ? (
          <>
            <FormError message={errors.form ?? errors.reason} />
            <ConflictList conflicts={result.conflicts} />
          </>
        ) : null}
        {plan ? (
          <p className="muted">
            Last plan: {formatDateTime(plan.createdAt)}, {plan.proposed} proposed.
          </p>
        ) : null}
        {plan?.nothingFits ? (
          <div className="alert alert--warning" role="status">
            {plan.nothingFits}
          </div>
        ) : null}
        {proposals.length === 0 ? (
          <p className="muted">No pending proposal.</p>
        ) : (
          <ul className="contest-list">
            {proposals.map((p) => (
              <li key={p.id} className="contest">
                <p>
                  <strong>{p.supplierName}</strong> · <AuditType type={p.type} /> · {windowInZones(p.startsAt, p.endsAt, p.placeZone, zone)} · lead {p.lead}
                </p>
                <p className="contest__meta">{p.reason}</p>
                {canSchedule ? (
                  <div className="actions">
                    <Form method="post">
                      <input type="hidden" name="intent" value="accept" />
                      <input type="hidden" name="proposalId" value={p.id} />
                      <button className="button button--small" type="submit" aria-label={`Accept the audit of ${p.supplierName}`}>
                        Accept
                      </button>
                    </Form>
                    <Link className="button button--small button--secondary" to={`/audits/new?proposal=${p.id}`} aria-label={`Change the audit of ${p.supplierName}`}>
                      Change…
                    </Link>
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="intent" value="reject" />
                      <input type="hidden" name="proposalId" value={p.id} />
                      <label className="visually-hidden" htmlFor={`reject-${p.id}`}>
                        Reason for rejecting the audit of {p.supplierName}
                      </label>
                      <input id={`reject-${p.id}`} name="reason" placeholder="Reason (optional)" maxLength={1000} />
                      <button className="button button--small button--danger" type="submit" aria-label={`Reject the audit of ${p.supplierName}`}>
                        Reject
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
            <summary>
              {plan.unplaced.length} workplace{plan.unplaced.length === 1 ? "" : "s"} of the queue left out, and why
            </summary>
            <ul className="entity-list">
              {plan.unplaced.map((u) => (
                <li key={u.supplierId}>
                  <strong>{u.name}</strong>: {u.reason}
                </li>
              ))}
            </ul>
          </details>
        ) : null}
      </div>
    </>
  );
}
