import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { blankSessionCookie } from "~/auth/session.server";
import { Field, FormError } from "~/components/field";
import { findPasswordReset, resetPassword } from "~/domain/members/members.server";
import { ResetPasswordSchema } from "~/domain/members/members.schemas";
import { serverT } from "~/i18n/i18n.server";
import { runAction, withDomainErrors } from "~/lib/actions.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

export const loader = /* @__PURE__ */ withDomainErrors(async ({ params, context }: LoaderFunctionArgs) => {
  const title = serverT(context.locale, "public")("reset.metaTitle");
  const reset = await findPasswordReset(context.db, params.token ?? "");
  if (!reset) return data({ email: null, title }, { status: 410 });
  return { email: reset.email, title };
});

export const action = /* @__PURE__ */ withDomainErrors(async ({ params, request, context }: ActionFunctionArgs) => {
  return runAction(
    request,
    ResetPasswordSchema,
    async (input) => {
      await resetPassword(context.db, params.token ?? "", input.password, context.ip);
      throw redirect("/sign-in?reset=1", { headers: { "Set-Cookie": blankSessionCookie(context.cookie) } });
    },
    context.locale,
  );
});

export default function ResetPassword() {
  const { email } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation("public");
  const errors: Record<string, string> = result?.errors ?? {};
  if (!email) {
    return (
      <div className="narrow card">
        <h1>{t("reset.invalidTitle")}</h1>
        <p>{t("reset.invalidText")}</p>
        <a href="/sign-in">{t("reset.goToSignIn")}</a>
      </div>
    );
  }
  return (
    <div className="narrow card">
      <h1>{t("reset.title")}</h1>
      <p>{t("reset.forAccount", { email })}</p>
      <FormError message={errors.form} />
      <Form method="post" className="stack" noValidate>
        <Field name="password" label={t("reset.newPassword")} type="password" autoComplete="new-password" required error={errors.password} hint={t("reset.newPasswordHint")} />
        <Field name="confirmPassword" label={t("reset.confirmPassword")} type="password" autoComplete="new-password" required error={errors.confirmPassword} />
        <button className="button" type="submit">
          {t("reset.submit")}
        </button>
      </Form>
    </div>
  );
}
