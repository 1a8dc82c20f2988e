import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guard.server";
import { createSession, invalidateSession, sessionCookie } from "~/auth/session.server";
import { OrgTypeName } from "~/components/org-type";
import { Field } from "~/components/field";
import { recordEvent } from "~/domain/activity-log/activity-log.server";
import { NotFound } from "~/domain/errors";
import { changeOwnName, changeOwnPassword, membershipsOf } from "~/domain/members/members.server";
import { AccountSchema } from "~/domain/members/members.schemas";
import { runAction, withDomainErrors } from "~/lib/actions.server";
import { serverT } from "~/i18n/i18n.server";
import { INTERFACE_CODES, languageOf } from "~/i18n/languages";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "" }];

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  const t = serverT(context.locale, "account");
  return {
    pageTitle: `${t("title")} · ${serverT(context.locale, "common")("site.name")}`,
    savedLanguage: session.user.locale ? languageOf(session.user.locale).name : null,
    shownLanguage: languageOf(context.locale).name,
    languageSource: context.localeSource ?? "default",
    interfaceLanguages: INTERFACE_CODES.map((code) => ({ code, name: languageOf(code).name })),
    user: { name: session.user.name, email: session.user.email, isPlatformAdmin: session.user.isPlatformAdmin },
    activeOrgId: session.membership?.orgId ?? null,
    memberships: await membershipsOf(context.db, session.user.id),
    changed: new URL(request.url).searchParams.has("changed"),
    renamed: new URL(request.url).searchParams.has("renamed"),
  };
});

export const action = /* @__PURE__ */ withDomainErrors(async ({ request, context }: ActionFunctionArgs) => {
  const session = requireUser(request, context);
  return runAction(
    request,
    AccountSchema,
    async (input) => {
    if (input.intent === "switch-organisation") {
      const target = (await membershipsOf(context.db, session.user.id)).find((m) => m.orgId === input.orgId);
      if (!target) throw new NotFound();
      await invalidateSession(context.db, session.id);
      const next = await createSession(context.db, session.user.id, target.orgId);
      await recordEvent(context.db, { action: "auth.org_switched", actorUserId: session.user.id, orgId: target.orgId, ip: context.ip });
      throw redirect("/", { headers: { "Set-Cookie": sessionCookie(next.token, next.expiresAt, context.cookie) } });
    }
    if (input.intent === "change-name") {
      await changeOwnName(context.db, session, { name: input.name }, context.ip);
      throw redirect("/account?renamed=1");
    }
    await changeOwnPassword(context.db, session, { current: input.currentPassword, next: input.newPassword }, context.ip);
    // Every session ended with the old password; this browser gets a fresh one.
    const next = await createSession(context.db, session.user.id, session.membership?.orgId ?? null);
    throw redirect("/account?changed=1", { headers: { "Set-Cookie": sessionCookie(next.token, next.expiresAt, context.cookie) } });
    },
    context.locale,
  );
});

export default function Account() {
  const { user, memberships, activeOrgId, changed, renamed, savedLanguage, shownLanguage, languageSource, interfaceLanguages } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, i18n } = useTranslation("account");
  const errors: Record<string, string> = result?.errors ?? {};
  return (
    <>
      <div className="page-header">
        <div>
          <h1>{t("title")}</h1>
          <p>
            {user.name} · {user.email}
            {user.isPlatformAdmin ? ` · ${t("platformAdministrator")}` : ""}
          </p>
        </div>
      </div>
      {changed ? (
        <div className="alert alert--success" role="status">
          {t("changed")}
        </div>
      ) : null}
      {renamed ? (
        <div className="alert alert--success" role="status">
          {t("renamed")}
        </div>
      ) : null}
      {memberships.length > 1 ? (
        <div className="card">
          <h2>{t("organisations.heading")}</h2>
          <p className="muted">{t("organisations.intro")}</p>
          <ul>
            {memberships.map((m) => (
              <li key={m.orgId}>
                {m.orgName} (<OrgTypeName type={m.orgType} />, {t(`role.${m.role}`)}){" "}
                {m.orgId === activeOrgId ? (
                  <span className="badge">{t("organisations.current")}</span>
                ) : (
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="intent" value="switch-organisation" />
                    <input type="hidden" name="orgId" value={m.orgId} />
                    <button className="button button--secondary button--small" type="submit">
                      {t("organisations.actFor", { name: m.orgName })}
                    </button>
                  </Form>
                )}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="card" style={{ maxWidth: "32rem" }}>
        <h2 style={{ marginTop: 0 }}>{t("name.heading")}</h2>
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="change-name" />
          <Field name="name" label={t("name.label")} type="text" autoComplete="name" required defaultValue={result?.intent === "change-name" ? result.values.name : user.name} error={errors.name} hint={t("name.hint")} />
          <button className="button button--secondary" type="submit">
            {t("name.submit")}
          </button>
        </Form>
      </div>
      <div className="card" style={{ maxWidth: "32rem" }}>
        <h2 style={{ marginTop: 0 }}>{t("password.heading")}</h2>
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="change-password" />
          <Field name="currentPassword" label={t("password.current")} type="password" autoComplete="current-password" required error={errors.currentPassword} />
          <Field name="newPassword" label={t("password.new")} type="password" autoComplete="new-password" required error={errors.newPassword} hint={t("password.newHint")} />
          <Field name="confirmPassword" label={t("password.again")} type="password" autoComplete="new-password" required error={errors.confirmPassword} />
          <button className="button" type="submit">
            {t("password.submit")}
          </button>
        </Form>
      </div>
      <div className="card" style={{ maxWidth: "32rem" }}>
        <h2 style={{ marginTop: 0 }}>{t("language.heading")}</h2>
        <p className="muted">{t("language.intro")}</p>
        <p>
          {savedLanguage ? t("language.saved", { language: savedLanguage }) : t("language.notSaved")} {t(`language.shown.${languageSource}`, { language: shownLanguage })}
        </p>
        {/* The same target as the switcher on every page: it saves an interface language in the account. */}
        <form method="post" action="/language" className="stack">
          <input type="hidden" name="redirectTo" value="/account" />
          <div className="field">
            <label htmlFor="account-language">{t("language.heading")}</label>
            <select id="account-language" name="lng" defaultValue={i18n.language}>
              {interfaceLanguages.map((l) => (
                <option key={l.code} value={l.code} lang={l.code}>
                  {l.name}
                </option>
              ))}
            </select>
          </div>
          <button className="button button--secondary" type="submit">
            {t("language.submit")}
          </button>
        </form>
      </div>
    </>
  );
}

