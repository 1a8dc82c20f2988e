import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guard.server";
import { authorize, can } from "~/auth/permissions.server";
import { Field, FormError } from "~/components/field";
import { addUnavailability, listUnavailability, removeUnavailability } from "~/domain/audits/availability.server";
import { AvailabilitySchema } from "~/domain/audits/form-schemas";
import { localDay } from "~/domain/audits/local-time";
import { inspectorsOf } from "~/domain/audits/scheduling.server";
import { settingsOf } from "~/domain/audits/settings.server";
import { idParam, runAction, withDomainErrors } from "~/lib/actions.server";

export const meta: MetaFunction = () => [{ title: "Unavailability · Audits · Labour Due Diligence" }];

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  const orgId = session.membership?.orgId ?? -1;
  const today = localDay(Date.now(), (await settingsOf(context.db, orgId)).timeZone);
  const canManage = can(session, "availability.manage", { orgId });
  return {
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
  return runAction(request, AvailabilitySchema, async (input) => {
    if (input.intent === "remove") {
      await removeUnavailability(context.db, session, idParam(input.id), context.ip);
    } else {
      const { userId, ...period } = input;
      await addUnavailability(context.db, session, { ...period, userId: userId === undefined ? session.user.id : Number(userId) }, context.ip);
    }
    throw redirect("/audits/availability");
  });
});

export default function Availability() {
  const { rows, inspectors, me, canRecord, canManage } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result?.errors ?? {};
  const v = result?.values ?? {};
  return (
    <>
      <p className="breadcrumbs">
        <Link to="/audits/calendar">Calendar</Link> ›
      </p>
      <h1>Leave and unavailability</h1>
      <p>Days on which an inspector cannot audit. Scheduling and the planner respect them. Only your inspectorate sees them.</p>
      {canRecord ? (
        <div className="card card--form">
          <h2>Record unavailability</h2>
          <FormError message={errors.form} />
          <Form method="post" className="stack">
            {canManage ? (
              <div className="field">
                <label htmlFor="userId">Inspector</label>
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
              <Field name="startsOn" label="First day" type="date" required defaultValue={v.startsOn ?? ""} error={errors.startsOn} />
              <Field name="endsOn" label="Last day" type="date" required defaultValue={v.endsOn ?? ""} error={errors.endsOn} />
            </div>
            <Field name="reason" label="Reason" required maxLength={200} defaultValue={v.reason ?? ""} error={errors.reason} hint="Leave, training, court…" />
            <button className="button" type="submit">
              Record
            </button>
          </Form>
        </div>
      ) : null}
      <div className="card">
        <h2>Current and coming</h2>
        {rows.length === 0 ? (
          <p className="muted">Nobody is recorded as unavailable.</p>
        ) : (
          <ul className="entity-list">
            {rows.map((r) => (
              <li key={r.id}>
                <strong>{r.name}</strong>: {r.startsOn} to {r.endsOn} ({r.reason}){" "}
                {canRecord && (r.userId === me || canManage) ? (
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="intent" value="remove" />
                    <input type="hidden" name="id" value={r.id} />
                    <button className="button button--small button--secondary" type="submit" aria-label={`Remove ${r.name}'s unavailability from ${r.startsOn}`}>
                      Remove
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
