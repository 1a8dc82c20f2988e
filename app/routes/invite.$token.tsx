import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { createSession, invalidateSession, sessionCookie } from "~/auth/session.server";
import { ORG_TYPE_LABEL } from "~/components/app-shell";
import { Field, FormError } from "~/components/field";
import { acceptInvitation, findInvitation } from "~/domain/members.server";
import { failure, withInputErrors } from "~/lib/actions.server";
import { parseForm } from "~/lib/forms";

export const meta: MetaFunction = () => [{ title: "Accept invitation · Labour Due Diligence" }];

/** Public page: the token in the URL is the credential. An unusable link says so plainly. */
export function loader({ params, context }: LoaderFunctionArgs) {
  const invitation = findInvitation(context.db, params.token ?? "");
  if (!invitation) return data({ invitation: null }, { status: 410 });
  const { email, role, orgName, orgType, hasAccount } = invitation;
  return { invitation: { email, role, orgName, orgType, hasAccount } };
}

const AcceptForm = z.object({
  name: z.string().trim().max(200, "Use at most 200 characters.").optional(),
  password: z.string().min(1, "Enter a password.").max(1024, "That password is too long."),
});

export async function action({ params, request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const parsed = parseForm(AcceptForm, form);
  if (!parsed.ok) return failure(parsed.errors, parsed.values);
  const outcome = await withInputErrors(form, () => acceptInvitation(context.db, params.token ?? "", parsed.data, context.ip));
  if (!outcome.ok) return outcome.response;
  if (context.session) invalidateSession(context.db, context.session.id);
  const session = createSession(context.db, outcome.value.userId, outcome.value.orgId);
  throw redirect("/", { headers: { "Set-Cookie": sessionCookie(session.token, session.expiresAt, context.cookie) } });
}

export default function AcceptInvitation() {
  const { invitation } = useLoaderData<typeof loader>();
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
  return (
    <div className="narrow card">
      <h1>Join {invitation.orgName}</h1>
      <p>
        You have been invited to the {ORG_TYPE_LABEL[invitation.orgType].toLowerCase()} <strong>{invitation.orgName}</strong> as{" "}
        <strong>{invitation.role}</strong>, with the e-mail address <strong>{invitation.email}</strong>.
      </p>
      <FormError message={errors.form} />
      <Form method="post" className="stack" noValidate>
        {invitation.hasAccount ? (
          <Field name="password" label="Password of your existing account" type="password" autoComplete="current-password" required error={errors.password} hint="You already have an account on the platform; confirm it to join this organisation too." />
        ) : (
          <>
            <Field name="name" label="Your name" type="text" autoComplete="name" required defaultValue={result?.values.name} error={errors.name} />
            <Field name="password" label="Choose a password" type="password" autoComplete="new-password" required error={errors.password} hint="At least 12 characters. A phrase of several words is easy to remember and hard to guess." />
          </>
        )}
        <button className="button" type="submit">
          Join {invitation.orgName}
        </button>
      </Form>
    </div>
  );
}
