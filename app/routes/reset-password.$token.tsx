import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { blankSessionCookie } from "~/auth/session.server";
import { Field, FormError } from "~/components/field";
import { findPasswordReset, resetPassword } from "~/domain/members/members.server";
import { ResetPasswordSchema } from "~/domain/members/members.schemas";
import { runAction, withDomainErrors } from "~/lib/actions.server";

export const meta: MetaFunction = () => [{ title: "Choose a new password · Labour Due Diligence" }];

export const loader = /* @__PURE__ */ withDomainErrors(async ({ params, context }: LoaderFunctionArgs) => {
  const reset = await findPasswordReset(context.db, params.token ?? "");
  if (!reset) return data({ email: null }, { status: 410 });
  return { email: reset.email };
});

export const action = /* @__PURE__ */ withDomainErrors(async ({ params, request, context }: ActionFunctionArgs) => {
  return runAction(request, ResetPasswordSchema, async (input) => {
    await resetPassword(context.db, params.token ?? "", input.password, context.ip);
    throw redirect("/sign-in?reset=1", { headers: { "Set-Cookie": blankSessionCookie(context.cookie) } });
  });
});

export default function ResetPassword() {
  const { email } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: Record<string, string> = result?.errors ?? {};
  if (!email) {
    return (
      <div className="narrow card">
        <h1>This password-reset link does not work</h1>
        <p>It has been used already, was replaced by a newer link or cancelled when the account changed, or is more than 1 hour old. Ask an admin of your organisation for a new one.</p>
        <a href="/sign-in">Go to sign-in</a>
      </div>
    );
  }
  return (
    <div className="narrow card">
      <h1>Choose a new password</h1>
      <p>For the account {email}. Every session of this account ends when the password changes.</p>
      <FormError message={errors.form} />
      <Form method="post" className="stack" noValidate>
        <Field name="password" label="New password" type="password" autoComplete="new-password" required error={errors.password} hint="At least 12 characters." />
        <Field name="confirmPassword" label="New password again" type="password" autoComplete="new-password" required error={errors.confirmPassword} />
        <button className="button" type="submit">
          Set new password
        </button>
      </Form>
    </div>
  );
}
