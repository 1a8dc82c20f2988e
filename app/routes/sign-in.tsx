import { languageCookie } from "~/i18n/locale.server";
import { savedLanguage } from "~/domain/members/members.server";
import { redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { safeRedirectPath } from "~/auth/guard.server";
import { createSession, invalidateSession, sessionCookie } from "~/auth/session.server";
import { SignInSchema } from "~/auth/sign-in.schemas";
import { attemptSignIn, SignInThrottled } from "~/auth/sign-in.server";
import { Field, FormError } from "~/components/field";
import { failure, runAction, withDomainErrors } from "~/lib/actions.server";
import { formLists, formValues } from "~/lib/forms";
import { serverT } from "~/i18n/i18n.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

/** A document answer takes only the headers a route passes on: the throttle's Retry-After must reach the client. */
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const retryAfter = actionHeaders.get("Retry-After");
  return retryAfter ? { "Retry-After": retryAfter } : new Headers();
};

export const loader = /* @__PURE__ */ withDomainErrors(({ request, context }: LoaderFunctionArgs) => {
  const url = new URL(request.url);
  const redirectTo = safeRedirectPath(url.searchParams.get("redirectTo"));
  if (context.session) throw redirect(redirectTo);
  const notice: "ended" | "reset" | null = url.searchParams.get("ended") ? "ended" : url.searchParams.get("reset") ? "reset" : null;
  return { redirectTo, notice, title: serverT(context.locale, "public")("signIn.metaTitle") };
});

export const action = /* @__PURE__ */ withDomainErrors(async ({ request, context }: ActionFunctionArgs) => {
  const t = serverT(context.locale, "public");
  return runAction(
    request,
    SignInSchema,
    async ({ email, password, redirectTo }, form) => {
    const result = await attemptSignIn(context.db, { email, password, ip: context.ip });
    if (result.ok === false && result.reason === "throttled") {
      const seconds = Math.ceil(result.retryAfterMs / 1000);
      throw new SignInThrottled(t("signIn.throttled", { wait: waitText(t, seconds) }), seconds);
    }
    // The password was right (attemptSignIn says so only then): the member may know why.
    if (result.ok === false && result.reason === "deactivated") {
      const names = result.organisations.join(", ");
      return failure({ form: t("signIn.deactivated", { names, count: result.organisations.length }) }, formValues(form), undefined, formLists(form), { status: 403 });
    }
    // Not a refusal of the input but of the credentials: 401, in the same shape.
    if (!result.ok) return failure({ form: t("signIn.wrongCredentials") }, formValues(form), undefined, formLists(form), { status: 401 });
    // A new session at every sign-in (no fixation); any session the browser still held ends.
    if (context.session) await invalidateSession(context.db, context.session.id);
    const session = await createSession(context.db, result.userId, result.orgId);
    const headers = new Headers({ "Set-Cookie": sessionCookie(session.token, session.expiresAt, context.cookie) });
    // The language saved in the account wins over what another person chose on this browser.
    const saved = await savedLanguage(context.db, result.userId);
    if (saved) headers.append("Set-Cookie", await languageCookie(context.cookie.secure).serialize(saved));
    throw redirect(safeRedirectPath(redirectTo), { headers });
    },
    context.locale,
  );
});

/** "1 second", "40 seconds", "3 minutes": how long a throttled client must wait, in the reader's language. */
function waitText(t: ReturnType<typeof serverT<"public">>, seconds: number): string {
  if (seconds < 90) return t("signIn.waitSeconds", { count: seconds });
  return t("signIn.waitMinutes", { count: Math.ceil(seconds / 60) });
}

export default function SignIn() {
  const { redirectTo, notice } = useLoaderData<typeof loader>();
  const { t } = useTranslation("public");
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
        <h1>{t("signIn.title")}</h1>
        {notice ? <div className="alert alert--info">{t(`signIn.notice.${notice}`)}</div> : null}
        <FormError message={errors.form} />
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="redirectTo" value={redirectTo} />
          <Field name="email" label={t("signIn.email")} type="email" autoComplete="username" required defaultValue={result?.values.email} error={errors.email} />
          <Field name="password" label={t("signIn.password")} type="password" autoComplete="current-password" required error={errors.password} />
          <button className="button" type="submit" disabled={busy}>
            {busy ? t("signIn.submitting") : t("signIn.submit")}
          </button>
        </Form>
        <p className="muted" style={{ marginTop: "1rem" }}>
          {t("signIn.forgotten")}
        </p>
      </div>
    </div>
  );
}
