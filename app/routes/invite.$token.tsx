import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { createSession, invalidateSession, sessionCookie } from "~/auth/session.server";
import { SignOutButton } from "~/components/app-shell";
import { Field, FormError } from "~/components/field";
import { acceptInvitation, findInvitation } from "~/domain/members/members.server";
import { AcceptInvitationSchema } from "~/domain/members/members.schemas";
import { serverT } from "~/i18n/i18n.server";
import { runAction, withDomainErrors } from "~/lib/actions.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

/**
 * Public page: the token in the URL is the credential for joining, never for an existing account.
 * A signed-out visitor sees the same page whether or not the e-mail has an account: create one, or
 * sign in first and come back. A signed-in visitor accepts with one button, as themselves.
 */
export const loader = /* @__PURE__ */ withDomainErrors(async ({ params, request, context }: LoaderFunctionArgs) => {
  const title = serverT(context.locale, "public")("invite.metaTitle");
  const invitation = await findInvitation(context.db, params.token ?? "");
  if (!invitation) return data({ invitation: null, signedInAs: null, signInLink: null, invitePath: null, title }, { status: 410 });
  const { email, role, orgName, orgType } = invitation;
  const path = new URL(request.url).pathname;
  return {
    invitation: { email, role, orgName, orgType },
    signedInAs: context.session?.user.email ?? null,
    signInLink: `/sign-in?${new URLSearchParams({ redirectTo: path })}`,
    invitePath: path,
    title,
  };
});

export const action = /* @__PURE__ */ withDomainErrors(async ({ params, request, context }: ActionFunctionArgs) => {
  return runAction(
    request,
    AcceptInvitationSchema,
    async (input) => {
    // Signed in: the invitation is accepted as that account, whatever the form says. Signed out:
    // only a new account can be created here; an existing one must sign in first.
    const acceptance =
      context.session !== null
        ? { signedInUserId: context.session.user.id }
        : input.intent === "create-account"
          ? { name: input.name, password: input.password }
          : null;
    if (!acceptance) throw redirect(`/sign-in?${new URLSearchParams({ redirectTo: new URL(request.url).pathname })}`);
    const joined = await acceptInvitation(context.db, params.token ?? "", acceptance, context.ip);
    // A new session acting for the organisation just joined (no fixation: the old one ends).
    if (context.session) await invalidateSession(context.db, context.session.id);
    const session = await createSession(context.db, joined.userId, joined.orgId);
    throw redirect("/", { headers: { "Set-Cookie": sessionCookie(session.token, session.expiresAt, context.cookie) } });
    },
    context.locale,
  );
});

export default function AcceptInvitation() {
  const { invitation, signedInAs, signInLink, invitePath } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation(["public", "common"]);
  const errors: Record<string, string> = result?.errors ?? {};
  if (!invitation) {
    return (
      <div className="narrow card">
        <h1>{t("invite.invalidTitle")}</h1>
        <p>{t("invite.invalidText")}</p>
        <a href="/sign-in">{t("invite.goToSignIn")}</a>
      </div>
    );
  }
  const { orgName, email } = invitation;
  const intro = (
    <p>
      <Trans
        t={t}
        i18nKey="invite.intro"
        values={{ orgType: t(`common:orgType.${invitation.orgType}`), orgName, role: t(`role.${invitation.role}`), email }}
        components={{ 1: <strong />, 2: <strong />, 3: <strong /> }}
      />
    </p>
  );
  if (signedInAs !== null) {
    const same = signedInAs === invitation.email;
    return (
      <div className="narrow card">
        <h1>{t("invite.title", { orgName })}</h1>
        {intro}
        <FormError message={errors.form} />
        {same ? (
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="accept" />
            <p>{t("invite.signedInAs", { email: signedInAs })}</p>
            <button className="button" type="submit">
              {t("invite.join", { orgName })}
            </button>
          </Form>
        ) : (
          <>
            <p>
              <Trans t={t} i18nKey="invite.otherAccount" values={{ signedInAs, email }} components={{ 1: <strong />, 2: <strong /> }} />
            </p>
            <SignOutButton className="button button--secondary" comeBackTo={invitePath ?? undefined} />
          </>
        )}
      </div>
    );
  }
  return (
    <div className="narrow card">
      <h1>{t("invite.title", { orgName })}</h1>
      {intro}
      <FormError message={errors.form} />
      <h2>{t("invite.newHeading")}</h2>
      <Form method="post" className="stack" noValidate>
        <input type="hidden" name="intent" value="create-account" />
        <Field name="name" label={t("invite.name")} type="text" autoComplete="name" required defaultValue={result?.values.name} error={errors.name} />
        <Field name="password" label={t("invite.password")} type="password" autoComplete="new-password" required error={errors.password} hint={t("invite.passwordHint")} />
        <button className="button" type="submit">
          {t("invite.createAndJoin", { orgName })}
        </button>
      </Form>
      <h2>{t("invite.existingHeading")}</h2>
      <p>
        {/* eslint-disable-next-line jsx-a11y/anchor-has-content -- Trans fills the link with its text */}
        <Trans t={t} i18nKey="invite.signInFirst" components={{ 1: <a href={signInLink ?? "/sign-in"} /> }} />
      </p>
    </div>
  );
}
