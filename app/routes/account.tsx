import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guard.server";
import { createSession, invalidateSession, sessionCookie } from "~/auth/session.server";
import { OrgTypeName } from "~/components/org-type";
import { Field } from "~/components/field";
import { recordEvent } from "~/domain/activity-log/activity-log.server";
import { NotFound } from "~/domain/errors";
import { changeOwnName, changeOwnPassword, membershipsOf } from "~/domain/members/members.server";
import { AccountSchema } from "~/domain/members/members.schemas";
import { runAction, withDomainErrors } from "~/lib/actions.server";

export const meta: MetaFunction = () => [{ title: "Your account · Labour Due Diligence" }];

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  return {
    user: { name: session.user.name, email: session.user.email, isPlatformAdmin: session.user.isPlatformAdmin },
    activeOrgId: session.membership?.orgId ?? null,
    memberships: await membershipsOf(context.db, session.user.id),
    changed: new URL(request.url).searchParams.has("changed"),
    renamed: new URL(request.url).searchParams.has("renamed"),
  };
});

export const action = /* @__PURE__ */ withDomainErrors(async ({ request, context }: ActionFunctionArgs) => {
  const session = requireUser(request, context);
  return runAction(request, AccountSchema, async (input) => {
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
  });
});

export default function Account() {
  const { user, memberships, activeOrgId, changed, renamed } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: Record<string, string> = result?.errors ?? {};
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Your account</h1>
          <p>
            {user.name} · {user.email}
            {user.isPlatformAdmin ? " · platform administrator" : ""}
          </p>
        </div>
      </div>
      {changed ? (
        <div className="alert alert--success" role="status">
          Your password was changed. You were signed out everywhere else.
        </div>
      ) : null}
      {renamed ? (
        <div className="alert alert--success" role="status">
          Your name was changed.
        </div>
      ) : null}
      {memberships.length > 1 ? (
        <div className="card">
          <h2>Organisations</h2>
          <p className="muted">You belong to several organisations. You act for one at a time.</p>
          <ul>
            {memberships.map((m) => (
              <li key={m.orgId}>
                {m.orgName} (<OrgTypeName type={m.orgType} />, {m.role}){" "}
                {m.orgId === activeOrgId ? (
                  <span className="badge">current</span>
                ) : (
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="intent" value="switch-organisation" />
                    <input type="hidden" name="orgId" value={m.orgId} />
                    <button className="button button--secondary button--small" type="submit">
                      Act for {m.orgName}
                    </button>
                  </Form>
                )}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="card" style={{ maxWidth: "32rem" }}>
        <h2 style={{ marginTop: 0 }}>Your name</h2>
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="change-name" />
          <Field name="name" label="Name" type="text" autoComplete="name" required defaultValue={result?.intent === "change-name" ? result.values.name : user.name} error={errors.name} hint="As colleagues should see it. It cannot contain <, > or @." />
          <button className="button button--secondary" type="submit">
            Change name
          </button>
        </Form>
      </div>
      <div className="card" style={{ maxWidth: "32rem" }}>
        <h2 style={{ marginTop: 0 }}>Change password</h2>
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="change-password" />
          <Field name="currentPassword" label="Current password" type="password" autoComplete="current-password" required error={errors.currentPassword} />
          <Field name="newPassword" label="New password" type="password" autoComplete="new-password" required error={errors.newPassword} hint="At least 12 characters. Every other session of your account ends." />
          <Field name="confirmPassword" label="New password again" type="password" autoComplete="new-password" required error={errors.confirmPassword} />
          <button className="button" type="submit">
            Change password
          </button>
        </Form>
      </div>
    </>
  );
}

