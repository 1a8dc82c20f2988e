import { languageCookie } from "~/i18n/locale.server";
import { savedLanguage } from "~/domain/members/members.server";
import { redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect } from "react";
import { safeRedirectPath } from "~/auth/guard.server";
import { createSession, invalidateSession, sessionCookie } from "~/auth/session.server";
import { SignInSchema } from "~/auth/sign-in.schemas";
import { attemptSignIn, SignInThrottled } from "~/auth/sign-in.server";
import { Field, FormError } from "~/components/field";
import { failure, runAction, withDomainErrors } from "~/lib/actions.server";
import { formLists, formValues } from "~/lib/forms";

export const meta: MetaFunction = () => [{ title: "Sign in · Labour Due Diligence" }];

/** A document answer takes only the headers a route passes on: the throttle's Retry-After must reach the client. */
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const retryAfter = actionHeaders.get("Retry-After");
  return retryAfter ? { "Retry-After": retryAfter } : new Headers();
};

export const loader = /* @__PURE__ */ withDomainErrors(({ request, context }: LoaderFunctionArgs) => {
  const url = new URL(request.url);
  const redirectTo = safeRedirectPath(url.searchParams.get("redirectTo"));
  if (context.session) throw redirect(redirectTo);
  return {
    redirectTo,
    notice: url.searchParams.get("ended") ? "Your session has ended. Sign in again to continue." : url.searchParams.get("reset") ? "Your password was changed. Sign in with the new password." : null,
  };
});

export const action = /* @__PURE__ */ withDomainErrors(async ({ request, context }: ActionFunctionArgs) => {
  return runAction(request, SignInSchema, async ({ email, password, redirectTo }, form) => {
    const result = await attemptSignIn(context.db, { email, password, ip: context.ip });
    if (result.ok === false && result.reason === "throttled") {
      const seconds = Math.ceil(result.retryAfterMs / 1000);
      throw new SignInThrottled(`Too many failed sign-in attempts for this e-mail address from your network. Wait ${waitText(seconds)} and try again, or ask your organisation's admin for a password-reset link.`, seconds);
    }
    // The password was right (attemptSignIn says so only then): the member may know why.
    if (result.ok === false && result.reason === "deactivated") {
      const names = result.organisations.join(", ");
      return failure({ form: `${names} ${result.organisations.length === 1 ? "has" : "have"} been deactivated on this platform, so you cannot sign in for ${result.organisations.length === 1 ? "it" : "them"}. Ask the platform's administrator if this is a mistake.` }, formValues(form), undefined, formLists(form), { status: 403 });
    }
    // Not a refusal of the input but of the credentials: 401, in the same shape.
    if (!result.ok) return failure({ form: "The e-mail address or password is not correct." }, formValues(form), undefined, formLists(form), { status: 401 });
    // A new session at every sign-in (no fixation); any session the browser still held ends.
    if (context.session) await invalidateSession(context.db, context.session.id);
    const session = await createSession(context.db, result.userId, result.orgId);
    const headers = new Headers({ "Set-Cookie": sessionCookie(session.token, session.expiresAt, context.cookie) });
    // The language saved in the account wins over what another person chose on this browser.
    const saved = await savedLanguage(context.db, result.userId);
    if (saved) headers.append("Set-Cookie", await languageCookie(context.cookie.secure).serialize(saved));
    throw redirect(safeRedirectPath(redirectTo), { headers });
  });
});

/** "1 second", "40 seconds", "3 minutes": how long a throttled client must wait. */
function waitText(seconds: number): string {
  if (seconds < 90) return seconds === 1 ? "1 second" : `${seconds} seconds`;
  return `${Math.ceil(seconds / 60)} minutes`;
}

export default function SignIn() {
  const { redirectTo, notice } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors: Record<string, string> = result?.errors ?? {};
  // After a failed attempt the password is cleared and focused, as it would be after a full reload.
  useEffect(() => {
    const password = document.getElementById("field-password");
    if (result && password instanceof HTMLInputElement) {
      password.value = "";
      password.focus();
    }
  }, [result]);
  return (
    <div className="narrow">
      <div className="card">
        <h1>Sign in</h1>
        {notice ? <div className="alert alert--info">{notice}</div> : null}
        <FormError message={errors.form} />
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="redirectTo" value={redirectTo} />
          <Field name="email" label="E-mail address" type="email" autoComplete="username" required defaultValue={result?.values.email} error={errors.email} />
          <Field name="password" label="Password" type="password" autoComplete="current-password" required error={errors.password} />
          <button className="button" type="submit" disabled={busy}>
            {busy ? "Signing in…" : "Sign in"}
          </button>
        </Form>
        <p className="muted" style={{ marginTop: "1rem" }}>
          Forgotten your password? Ask an admin of your organisation for a password-reset link.
        </p>
      </div>
    </div>
  );
}
