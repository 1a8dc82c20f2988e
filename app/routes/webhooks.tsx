/**
 * The organisation's webhook subscriptions (issue 22 item 4, decision 038): an administrator
 * subscribes an https address of the organisation's own systems to events, sees the signing
 * secret once in the answer to that form (only a sealed copy is kept), reads each subscription's
 * delivery log, sends a delivery again, and disables a subscription. Beside /api-tokens: both are
 * the organisation's integrations, under the same permission.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CopyOnce } from "~/components/copy-once";
import { requireUser } from "~/auth/guard.server";
import { authorize } from "~/auth/permissions.server";
import { Field, FieldError, FormError } from "~/components/field";
import { TableWrap, Th } from "~/components/table-wrap";
import { WebhookVerify } from "~/components/webhook-verify";
import { eventsFor, MAX_DELIVERY_ATTEMPTS, WEBHOOK_EVENTS, type WebhookEvent } from "~/domain/webhooks/events";
import { TOLERANCE_SECONDS } from "~/domain/webhooks/signature";
import { createSubscription, deliveryLog, disableSubscription, listSubscriptions, replayDelivery } from "~/domain/webhooks/subscriptions.server";
import { WebhooksPageSchema } from "~/domain/webhooks/webhooks.schemas";
import { useFormat } from "~/i18n/format";
import { serverT } from "~/i18n/i18n.server";
import { storedText } from "~/domain/import/stored-text.server";
import { idParam, runAction, withDomainErrors } from "~/lib/actions.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "" }];

type DeliveryStatus = "pending" | "sending" | "delivered" | "failed";

/** An event this version knows (a stored row may name one a later version added). */
const known = (e: string): e is WebhookEvent => (WEBHOOK_EVENTS as readonly string[]).includes(e);

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  const orgId = session.membership?.orgId ?? -1;
  authorize(session, "api.tokens", { orgId });
  const subs = await listSubscriptions(context.db, session, orgId);
  // ?subscription=<id> picks the log shown; a malformed or foreign id answers 404 like a missing
  // one (deliveryLog looks it up within the organisation). Without it: the newest subscription.
  const asked = new URL(request.url).searchParams.get("subscription");
  const selectedId = asked !== null ? idParam(asked) : (subs[0]?.id ?? null);
  const log = selectedId === null ? [] : await deliveryLog(context.db, session, orgId, selectedId);
  return {
    pageTitle: `${serverT(context.locale, "api")("webhooks.title")} · ${serverT(context.locale, "common")("site.name")}`,
    orgName: session.membership!.orgName,
    // Only the events that can reach this kind of organisation (decision 038).
    events: eventsFor(session.membership!.orgType),
    // From the verifier's constant, on the server (signature.ts uses node:crypto, never sent to the browser).
    toleranceMinutes: TOLERANCE_SECONDS / 60,
    subscriptions: subs.map((s) => ({ id: s.id, url: s.url, events: s.events, allowPrivate: s.allowPrivate, createdAt: s.createdAt.toISOString(), disabledAt: s.disabledAt?.toISOString() ?? null })),
    selectedId,
    deliveries: log.map((d) => ({
      id: d.id,
      eventId: d.eventId,
      eventType: d.eventType,
      status: d.status as DeliveryStatus,
      attempts: d.attempts,
      lastStatusCode: d.lastStatusCode,
      // A guard's refusal is stored language-free (delivery.server.ts); a network error's words as they came.
      lastError: d.lastError ? storedText(context.locale, d.lastError) : null,
      // A next attempt exists only while the delivery is still to be sent.
      nextAttemptAt: d.status === "pending" || d.status === "sending" ? (d.nextAttemptAt?.toISOString() ?? null) : null,
      deliveredAt: d.deliveredAt?.toISOString() ?? null,
    })),
  };
});

export const action = /* @__PURE__ */ withDomainErrors(async ({ request, context }: ActionFunctionArgs) => {
  const session = requireUser(request, context);
  const orgId = session.membership?.orgId ?? -1;
  authorize(session, "api.tokens", { orgId });
  return runAction(
    request,
    WebhooksPageSchema,
    async (input) => {
      switch (input.intent) {
        case "create": {
          const created = await createSubscription(context.db, session, orgId, input, context.ip);
          // The one answer that carries the secret: not a redirect (a URL would keep it), not stored in clear.
          return { ok: true as const, intent: "create" as const, created: { id: created.id, url: input.url, secret: created.secret } };
        }
        case "disable":
          await disableSubscription(context.db, session, orgId, input.subscriptionId, context.ip);
          return { ok: true as const, intent: "disable" as const, created: null };
        case "replay":
          await replayDelivery(context.db, session, orgId, input.deliveryId, context.ip);
          return { ok: true as const, intent: "replay" as const, created: null };
      }
    },
    context.locale,
  );
});

export default function Webhooks() {
  const { t } = useTranslation("api");
  const f = useFormat();
  const { orgName, toleranceMinutes, subscriptions, selectedId, deliveries, events } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const failed = result && !result.ok ? result : null;
  const createErrors: Record<string, string> = failed?.intent === "create" ? failed.errors : {};
  const otherError = failed && failed.intent !== "create" ? Object.values(failed.errors)[0] : undefined;
  const v: Record<string, string> = failed?.intent === "create" ? failed.values : {};
  const ticked: string[] | null = failed?.intent === "create" ? (failed.lists.events ?? []) : null;
  const created = result?.ok ? result.created : null;
  const selected = subscriptions.find((s) => s.id === selectedId) ?? null;
  return (
    <>
      <div className="page-header">
        <div>
          <h1>{t("webhooks.title")}</h1>
          <p>{t("webhooks.intro", { org: orgName })}</p>
          <p>
            {t("webhooks.integrations")} <Link to="/api-tokens">{t("title")}</Link> · <a href="/api/v1/docs#webhooks">{t("created.docs")}</a>
          </p>
        </div>
      </div>

      {created ? <NewSecret secret={created.secret} url={created.url} toleranceMinutes={toleranceMinutes} /> : null}
      {result?.ok && result.intent === "disable" ? (
        <div className="alert alert--success" role="status">
          <p>{t("webhooks.disabled")}</p>
        </div>
      ) : null}
      {result?.ok && result.intent === "replay" ? (
        <div className="alert alert--success" role="status">
          <p>{t("webhooks.replayed")}</p>
        </div>
      ) : null}
      <FormError message={otherError} />

      <section className="card" aria-labelledby="create-heading">
        <h2 id="create-heading">{t("webhooks.create.heading")}</h2>
        <p className="muted">{t("webhooks.create.intro")}</p>
        {events.length === 0 ? (
          <p>{t("webhooks.create.noEvents")}</p>
        ) : (
          <Form method="post" className="stack" key={created?.id ?? "create"}>
            <input type="hidden" name="intent" value="create" />
            <FormError message={createErrors.form} />
            <Field name="url" type="url" inputMode="url" label={t("webhooks.create.url")} hint={t("webhooks.create.urlHint")} defaultValue={v.url} error={createErrors.url} maxLength={2000} required autoComplete="off" spellCheck={false} />
            <fieldset className="field" aria-describedby={createErrors.events ? "events-error" : "events-hint"}>
              <legend>
                {t("webhooks.create.events")}
                <span className="hint" id="events-hint">
                  {t("webhooks.create.eventsHint")}
                </span>
              </legend>
              <ul className="plain-list stack">
                {events.map((e) => (
                  <li key={e}>
                    <label className="checkbox">
                      <input type="checkbox" name="events" value={e} defaultChecked={ticked ? ticked.includes(e) : true} aria-describedby={`event-${e}-hint`} /> {t(`webhooks.event.${e}.name`)}
                    </label>
                    <span className="hint" id={`event-${e}-hint`}>
                      {t(`webhooks.event.${e}.about`)}
                    </span>
                  </li>
                ))}
              </ul>
              <FieldError id="events" message={createErrors.events} />
            </fieldset>
            <div className="field">
              <label className="checkbox">
                <input type="checkbox" name="allowPrivate" defaultChecked={v.allowPrivate === "on"} aria-describedby="allowPrivate-hint" /> {t("webhooks.create.allowPrivate")}
              </label>
              <span className="hint" id="allowPrivate-hint">
                {t("webhooks.create.allowPrivateHint")}
              </span>
            </div>
            <div>
              <button type="submit" className="button" disabled={busy}>
                {t("webhooks.create.submit")}
              </button>
            </div>
          </Form>
        )}
      </section>

      <section className="card" aria-labelledby="subs-heading">
        <h2 id="subs-heading">{t("webhooks.list.heading")}</h2>
        {subscriptions.length === 0 ? (
          <p>{t("webhooks.list.none")}</p>
        ) : (
          <TableWrap label={t("webhooks.list.heading")}>
            <table className="stack-table">
              <thead>
                <tr>
                  <Th>{t("webhooks.col.url")}</Th>
                  <Th>{t("webhooks.col.events")}</Th>
                  <Th>{t("webhooks.col.private")}</Th>
                  <Th>{t("webhooks.col.created")}</Th>
                  <Th>{t("col.status")}</Th>
                  <Th>{t("col.actions")}</Th>
                </tr>
              </thead>
              <tbody>
                {subscriptions.map((s) => (
                  <tr key={s.id} data-testid={`webhook-${s.id}`} aria-current={s.id === selectedId ? "true" : undefined}>
                    <td className="cell-name cell-wrap">
                      {s.id === selectedId ? <span className="mono">{s.url}</span> : <Link className="mono" to={`?subscription=${s.id}`}>{s.url}</Link>}
                    </td>
                    <td className="cell-wrap" data-label={t("webhooks.col.events")}>
                      <ul className="plain-list">
                        {s.events.map((e) => (
                          <li key={e}>{known(e) ? t(`webhooks.event.${e}.name`) : e}</li>
                        ))}
                      </ul>
                    </td>
                    <td data-label={t("webhooks.col.private")}>{s.allowPrivate ? t("webhooks.yes") : t("webhooks.no")}</td>
                    <td data-label={t("webhooks.col.created")}>{f.date(s.createdAt)}</td>
                    <td data-label={t("col.status")}>
                      <span className={`badge ${s.disabledAt ? "badge--muted" : "badge--ok"}`}>{s.disabledAt ? t("webhooks.status.disabled") : t("webhooks.status.active")}</span>
                      {s.disabledAt ? <span className="muted"> {f.date(s.disabledAt)}</span> : null}
                    </td>
                    <td data-label={t("col.actions")}>
                      {s.disabledAt ? (
                        <span className="muted">{t("noAction")}</span>
                      ) : (
                        <Form method="post" className="inline-form">
                          <input type="hidden" name="intent" value="disable" />
                          <input type="hidden" name="subscriptionId" value={s.id} />
                          <button type="submit" className="button button--danger button--small" disabled={busy}>
                            {t("webhooks.disable")}
                            <span className="visually-hidden"> {t("webhooks.disableNamed", { url: s.url })}</span>
                          </button>
                        </Form>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </section>

      {selected ? (
        <section className="card" aria-labelledby="log-heading">
          <h2 id="log-heading">{t("webhooks.log.heading")}</h2>
          <p className="muted wrap-anywhere">{t("webhooks.log.of", { url: selected.url })}</p>
          <p className="muted">{t("webhooks.log.retries", { attempts: MAX_DELIVERY_ATTEMPTS })}</p>
          {deliveries.length === 0 ? (
            <p>{t("webhooks.log.none")}</p>
          ) : (
            <TableWrap label={t("webhooks.log.heading")}>
              <table className="stack-table">
                <thead>
                  <tr>
                    <Th>{t("webhooks.col.event")}</Th>
                    <Th>{t("webhooks.col.eventId")}</Th>
                    <Th>{t("col.status")}</Th>
                    <Th num>{t("webhooks.col.attempts")}</Th>
                    <Th>{t("webhooks.col.answer")}</Th>
                    <Th>{t("webhooks.col.next")}</Th>
                    <Th>{t("webhooks.col.delivered")}</Th>
                    <Th>{t("col.actions")}</Th>
                  </tr>
                </thead>
                <tbody>
                  {deliveries.map((d) => (
                    <tr key={d.id} data-testid={`delivery-${d.id}`}>
                      <td className="cell-name cell-wrap">{known(d.eventType) ? t(`webhooks.event.${d.eventType}.name`) : d.eventType}</td>
                      <td className="cell-wrap" data-label={t("webhooks.col.eventId")}>
                        <code className="mono">{d.eventId}</code>
                      </td>
                      <td data-label={t("col.status")}>
                        <span className={`badge ${d.status === "delivered" ? "badge--ok" : d.status === "failed" ? "badge--danger" : "badge--warning"}`}>{t(`webhooks.delivery.${d.status}`)}</span>
                      </td>
                      <td className="num" data-label={t("webhooks.col.attempts")}>
                        {f.number(d.attempts)}
                      </td>
                      <td className="cell-wrap" data-label={t("webhooks.col.answer")}>
                        {d.lastStatusCode !== null ? <span>HTTP {d.lastStatusCode}</span> : null}
                        {d.lastError ? <span className="mono"> {d.lastError}</span> : null}
                        {d.lastStatusCode === null && !d.lastError ? t("webhooks.noAnswer") : null}
                      </td>
                      <td data-label={t("webhooks.col.next")}>{d.nextAttemptAt ? f.dateTime(d.nextAttemptAt) : t("noAction")}</td>
                      <td data-label={t("webhooks.col.delivered")}>{d.deliveredAt ? f.dateTime(d.deliveredAt) : t("noAction")}</td>
                      <td data-label={t("col.actions")}>
                        {selected.disabledAt ? (
                          <span className="muted">{t("noAction")}</span>
                        ) : (
                          <Form method="post" className="inline-form">
                            <input type="hidden" name="intent" value="replay" />
                            <input type="hidden" name="deliveryId" value={d.id} />
                            <button type="submit" className="button button--secondary button--small" disabled={busy}>
                              {t("webhooks.replay")}
                              <span className="visually-hidden"> {t("webhooks.replayNamed", { id: d.eventId })}</span>
                            </button>
                          </Form>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          )}
        </section>
      ) : null}
    </>
  );
}

/** The new subscription's signing secret, in the answer to the form that created it and nowhere else, with how a receiver checks a delivery. */
function NewSecret({ secret, url, toleranceMinutes }: { secret: string; url: string; toleranceMinutes: number }) {
  const { t } = useTranslation("api");
  return (
    <section className="alert alert--warning token-box" aria-labelledby="new-secret-heading" data-testid="new-secret">
      <h2 id="new-secret-heading" className="wrap-anywhere">{t("webhooks.created.heading", { url })}</h2>
      <p>
        <strong>{t("created.once")}</strong> {t("webhooks.created.kept")}
      </p>
      <CopyOnce id="new-secret" label={t("webhooks.created.label")} value={secret} />
      <p>{t("webhooks.created.headers")}</p>
      <WebhookVerify toleranceMinutes={toleranceMinutes} />
    </section>
  );
}
