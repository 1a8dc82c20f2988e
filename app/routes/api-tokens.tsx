/**
 * The organisation's API tokens (issue 22, decision 037): an administrator creates one for the
 * organisation's own systems (a name, a lifetime, a level per resource), sees it once in the answer
 * to that form, and revokes it. Only its hash is kept, so no loader can show it again: the token
 * travels in the action's answer alone, never in the list, a URL or a redirect.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CopyOnce } from "~/components/copy-once";
import { requireUser } from "~/auth/guard.server";
import { authorize } from "~/auth/permissions.server";
import { Field, FieldError, FormError } from "~/components/field";
import { TableWrap, Th } from "~/components/table-wrap";
import { API_RESOURCES, RESOURCE_LEVELS, TOKEN_LIFETIMES, type ApiResource, type Scopes } from "~/domain/api/scopes";
import { ApiTokensPageSchema } from "~/domain/api/tokens.schemas";
import { createApiToken, listApiTokens, revokeApiToken } from "~/domain/api/tokens.server";
import { useFormat } from "~/i18n/format";
import { serverT } from "~/i18n/i18n.server";
import { runAction, withDomainErrors } from "~/lib/actions.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "" }];

type Status = "active" | "expired" | "revoked";

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  const orgId = session.membership?.orgId ?? -1;
  authorize(session, "api.tokens", { orgId });
  const rows = await listApiTokens(context.db, session, orgId);
  // The status is computed here, from the rows and the server's clock, so the page never says
  // "active" of a token the API would refuse (and the browser's clock cannot disagree with it).
  const now = Date.now();
  const status = (r: (typeof rows)[number]): Status => (r.revokedAt ? "revoked" : r.expiresAt.getTime() <= now ? "expired" : "active");
  return {
    pageTitle: `${serverT(context.locale, "api")("title")} · ${serverT(context.locale, "common")("site.name")}`,
    orgName: session.membership!.orgName,
    tokens: rows.map((r) => ({
      id: r.id,
      name: r.name,
      scopes: r.scopes as Scopes,
      createdBy: r.createdBy,
      createdAt: r.createdAt.toISOString(),
      expiresAt: r.expiresAt.toISOString(),
      lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
      revokedAt: r.revokedAt?.toISOString() ?? null,
      status: status(r),
    })),
  };
});

export const action = /* @__PURE__ */ withDomainErrors(async ({ request, context }: ActionFunctionArgs) => {
  const session = requireUser(request, context);
  const orgId = session.membership?.orgId ?? -1;
  authorize(session, "api.tokens", { orgId });
  return runAction(
    request,
    ApiTokensPageSchema,
    async (input) => {
      switch (input.intent) {
        case "create": {
          const created = await createApiToken(context.db, session, orgId, input, context.ip);
          // The one answer that carries the secret: not a redirect (a URL would keep it), not stored.
          return { ok: true as const, intent: "create" as const, created: { id: created.id, name: input.name, token: created.token, expiresAt: created.expiresAt.toISOString() } };
        }
        case "revoke":
          await revokeApiToken(context.db, session, orgId, input.tokenId, context.ip);
          return { ok: true as const, intent: "revoke" as const, created: null };
      }
    },
    context.locale,
  );
});

export default function ApiTokens() {
  const { t } = useTranslation("api");
  const f = useFormat();
  const { orgName, tokens } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const failed = result && !result.ok ? result : null;
  const createErrors: Record<string, string> = failed?.intent === "create" ? failed.errors : {};
  const otherError = failed && failed.intent !== "create" ? Object.values(failed.errors)[0] : undefined;
  const v: Record<string, string> = failed?.intent === "create" ? failed.values : {};
  const created = result?.ok ? result.created : null;
  const scopeError = API_RESOURCES.map((r) => createErrors[`scope_${r}`]).find(Boolean);
  // One line per resource: "Suppliers: Read and write" joined by a list's "and" would read as three grants.
  const scopeWords = (scopes: Scopes) => {
    const granted = API_RESOURCES.filter((r) => scopes[r]);
    if (granted.length === 0) return t("scope.nothing");
    return (
      <ul className="plain-list">
        {granted.map((r) => (
          <li key={r}>{t("scope.grant", { resource: t(`resource.${r}`), level: t(`level.${scopes[r]!}`) })}</li>
        ))}
      </ul>
    );
  };
  return (
    <>
      <div className="page-header">
        <div>
          <h1>{t("title")}</h1>
          <p>{t("intro", { org: orgName })}</p>
          <p>
            {t("webhooks.integrationsTokens")} <Link to="/webhooks">{t("webhooks.title")}</Link>
          </p>
        </div>
      </div>

      {created ? <NewToken token={created.token} name={created.name} expiresAt={f.date(created.expiresAt)} /> : null}
      {result?.ok && result.intent === "revoke" ? (
        <div className="alert alert--success" role="status">
          <p>{t("revoked")}</p>
        </div>
      ) : null}
      <FormError message={otherError} />

      <section className="card" aria-labelledby="create-heading">
        <h2 id="create-heading">{t("create.heading")}</h2>
        <p className="muted">{t("create.intro")}</p>
        <Form method="post" className="stack" key={created?.id ?? "create"}>
          <input type="hidden" name="intent" value="create" />
          <FormError message={createErrors.form} />
          <Field name="name" label={t("create.name")} hint={t("create.nameHint")} defaultValue={v.name} error={createErrors.name} maxLength={100} required />
          <div className="field">
            <label htmlFor="lifetime">{t("create.lifetime")}</label>
            <select id="lifetime" name="lifetime" defaultValue={v.lifetime ?? "90"} aria-invalid={createErrors.lifetime ? true : undefined} aria-describedby={createErrors.lifetime ? "lifetime-error" : undefined}>
              {TOKEN_LIFETIMES.map((d) => (
                <option key={d} value={d}>
                  {t("create.days", { count: d })}
                </option>
              ))}
            </select>
            <FieldError id="lifetime" message={createErrors.lifetime} />
          </div>
          <fieldset className="field" aria-describedby={scopeError ? "scopes-error" : "scopes-hint"}>
            <legend>
              {t("create.scopes")}
              <span className="hint" id="scopes-hint">
                {t("create.scopesHint")}
              </span>
            </legend>
            <div className="scope-grid">
              {API_RESOURCES.map((r) => (
                <ScopeSelect key={r} resource={r} value={v[`scope_${r}`]} invalid={Boolean(scopeError)} />
              ))}
            </div>
            <FieldError id="scopes" message={scopeError} />
          </fieldset>
          <div>
            <button type="submit" className="button" disabled={busy}>
              {t("create.submit")}
            </button>
          </div>
        </Form>
      </section>

      <section className="card" aria-labelledby="tokens-heading">
        <h2 id="tokens-heading">{t("list.heading")}</h2>
        {tokens.length === 0 ? (
          <p>{t("list.none")}</p>
        ) : (
          <TableWrap label={t("list.heading")}>
            <table className="stack-table">
              <thead>
                <tr>
                  <Th>{t("col.name")}</Th>
                  <Th>{t("col.scopes")}</Th>
                  <Th>{t("col.created")}</Th>
                  <Th>{t("col.expires")}</Th>
                  <Th>{t("col.lastUsed")}</Th>
                  <Th>{t("col.status")}</Th>
                  <Th>{t("col.actions")}</Th>
                </tr>
              </thead>
              <tbody>
                {tokens.map((k) => (
                  <tr key={k.id} data-testid={`token-${k.id}`}>
                    <td className="cell-name cell-wrap">{k.name}</td>
                    <td className="cell-wrap" data-label={t("col.scopes")}>
                      {scopeWords(k.scopes)}
                    </td>
                    <td className="cell-wrap" data-label={t("col.created")}>{t("createdBy", { who: k.createdBy, day: f.date(k.createdAt) })}</td>
                    <td data-label={t("col.expires")}>{f.date(k.expiresAt)}</td>
                    <td data-label={t("col.lastUsed")}>{k.lastUsedAt ? f.dateTime(k.lastUsedAt) : t("never")}</td>
                    <td data-label={t("col.status")}>
                      <span className={`badge ${k.status === "active" ? "badge--ok" : k.status === "expired" ? "badge--warning" : "badge--muted"}`}>{t(`status.${k.status}`)}</span>
                      {k.revokedAt ? <span className="muted"> {f.date(k.revokedAt)}</span> : null}
                    </td>
                    <td data-label={t("col.actions")}>
                      {k.status === "active" ? (
                        <Form method="post" className="inline-form">
                          <input type="hidden" name="intent" value="revoke" />
                          <input type="hidden" name="tokenId" value={k.id} />
                          <button type="submit" className="button button--danger button--small" disabled={busy}>
                            {t("revoke")}
                            <span className="visually-hidden"> {t("revokeNamed", { name: k.name })}</span>
                          </button>
                        </Form>
                      ) : (
                        <span className="muted">{t("noAction")}</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </section>
    </>
  );
}

/** One resource's level: the levels the resource offers (reports are read-only over the API). */
function ScopeSelect({ resource, value, invalid }: { resource: ApiResource; value: string | undefined; invalid: boolean }) {
  const { t } = useTranslation("api");
  const id = `scope_${resource}`;
  return (
    <div className="field">
      <label htmlFor={id}>{t(`resource.${resource}`)}</label>
      <select id={id} name={id} defaultValue={value ?? "none"} aria-invalid={invalid ? true : undefined}>
        {RESOURCE_LEVELS[resource].map((l) => (
          <option key={l} value={l}>
            {t(`level.${l}`)}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * The new token, in the answer to the form that created it and nowhere else. Without JavaScript the
 * text is selectable; with it, a button copies it.
 */
function NewToken({ token, name, expiresAt }: { token: string; name: string; expiresAt: string }) {
  const { t } = useTranslation("api");
  return (
    <section className="alert alert--warning token-box" aria-labelledby="new-token-heading" data-testid="new-token">
      <h2 id="new-token-heading">{t("created.heading", { name })}</h2>
      <p>
        <strong>{t("created.once")}</strong> {t("created.expires", { day: expiresAt })}
      </p>
      <CopyOnce id="new-token" label={t("created.label")} value={token} />
      <p>{t("created.use")}</p>
      <p>
        <code>{`Authorization: Bearer ${token}`}</code>
      </p>
      <p>
        {t("created.docsBefore")} <a href="/api/v1/docs">{t("created.docs")}</a> · <a href="/api/v1/openapi.json">{t("created.openapi")}</a>
      </p>
    </section>
  );
}
