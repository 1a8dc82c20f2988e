import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { createSession, invalidateSession, sessionCookie } from "~/auth/session.server";
import { SignOutButton } from "~/components/app-shell";
import { OrgTypeName } from "~/components/org-type";
import { Field, FormError } from "~/components/field";
import { acceptInvitation, findInvitation } from "~/domain/members/members.server";
import { AcceptInvitationSchema } from "~/domain/members/members.schemas";
import { runAction, withDomainErrors } from "~/lib/actions.server";

export const meta: MetaFunction = () => [{ title: "Accept invitation · Labour Due Diligence" }];

/**
 * Public page: the token in the URL is the credential for joining, never for an existing account.
 * A signed-out visitor sees the same page whether or not the e-mail has an account: create one, or
 * sign in first and come back. A signed-in visitor accepts with one button, as themselves.
 */
export const loader = /* @__PURE__ */ withDomainErrors(async ({ params, request, context }: LoaderFunctionArgs) => {
  const invitation = await findInvitation(context.db, params.token ?? "");
  if (!invitation) return data({ invitation: null, signedInAs: null, signInLink: null, invitePath: null }, { status: 410 });
  const { email, role, orgName, orgType } = invitation;
  const path = new URL(request.url).pathname;
  return {
    invitation: { email, role, orgName, orgType },
    signedInAs: context.session?.user.email ?? null,
    signInLink: `/sign-in?${new URLSearchParams({ redirectTo: path })}`,
    invitePath: path,
  };
});

export const action = /* @__PURE__ */ withDomainErrors(async ({ params, request, context }: ActionFunctionArgs) => {
  return runAction(request, AcceptInvitationSchema, async (input) => {
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
  });
});

export default function AcceptInvitation() {
  const { invitation, signedInAs, signInLink, invitePath } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: Record<string, string> = result?.errors ?? {};
  if (!invitation) {
    return (
      <div className="narrow card">
        <h1>This invitation link does not work</h1>
        <p>It has been used already, was revoked, or is more than 7 days old. Ask the person who invited you for a new link.</p>
        <a href="/sign-in">Go to sign-in</a>
      </div>
    );
  }
  const intro = (
    <p>
      You have been invited to the <OrgTypeName type={invitation.orgType} /> <strong>{invitation.orgName}</strong> as{" "}
      <strong>{invitation.role}</strong>, with the e-mail address <strong>{invitation.email}</strong>.
    </p>
  );
  if (signedInAs !== null) {
    const same = signedInAs === invitation.email;
    return (
      <div className="narrow card">
        <h1>Join {invitation.orgName}</h1>
        {intro}
        <FormError message={errors.form} />
        {same ? (
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="accept" />
            <p>You are signed in as {signedInAs}.</p>
            <button className="button" type="submit">
              Join {invitation.orgName}
            </button>
          </Form>
        ) : (
          <>
            <p>
              You are signed in as <strong>{signedInAs}</strong>, but this invitation is for <strong>{invitation.email}</strong>. Sign out, then sign in
              as {invitation.email}: you come back to this invitation.
            </p>
            <SignOutButton className="button button--secondary" comeBackTo={invitePath ?? undefined} />
          </>
        )}
      </div>
    );
  }
  return (
    <div className="narrow card">
      <h1>Join {invitation.orgName}</h1>
      {intro}
      <FormError message={errors.form} />
      <h2>New to the platform? Create your account</h2>
      <Form method="post" className="stack" noValidate>
        <input type="hidden" name="intent" value="create-account" />
        <Field name="name" label="Your name" type="text" autoComplete="name" required defaultValue={result?.values.name} error={errors.name} />
        <Field name="password" label="Choose a password" type="password" autoComplete="new-password" required error={errors.password} hint="At least 12 characters. A phrase of several words is easy to remember and hard to guess." />
        <button className="button" type="submit">
          Create account and join {invitation.orgName}
        </button>
      </Form>
      <h2>Already have an account?</h2>
      <p>
        <a href={signInLink ?? "/sign-in"}>Sign in first</a>; you then come back to this page and join with one button.
      </p>
    </div>
  );
}
