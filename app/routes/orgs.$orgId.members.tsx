import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ROLES } from "#db/schema";
import { requireUser } from "~/auth/guard.server";
import { authorize, can } from "~/auth/permissions.server";
import { OrgTypeName } from "~/components/org-type";
import { Field, FormError } from "~/components/field";
import { OneTimeLink } from "~/components/one-time-link";
import { changeRole, inviteMember, issuePasswordReset, listMembers, removeMember, revokeInvitation } from "~/domain/members/members.server";
import { MembersSchema } from "~/domain/members/members.schemas";
import { idParam, runAction, withDomainErrors } from "~/lib/actions.server";
import { TableWrap, Th } from "~/components/table-wrap";
import { formatDate } from "~/lib/format";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Members · ${data?.org.name ?? "Organisation"} · Labour Due Diligence` }];

const ROLE_LABEL = { admin: "Admin", member: "Member", viewer: "Viewer" } as const;
const ROLE_HELP = "Admins manage members; members work with the data; viewers can only read.";

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, context, params }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  const orgId = idParam(params.orgId);
  const { org, members, pending } = await listMembers(context.db, session, orgId);
  return {
    org: { id: org.id, name: org.name, type: org.type },
    members,
    pending,
    canManage: can(session, "members.manage", { orgId }),
    me: session.user.id,
  };
});

export const action = /* @__PURE__ */ withDomainErrors(async ({ request, context, params }: ActionFunctionArgs) => {
  const session = requireUser(request, context);
  const orgId = idParam(params.orgId);
  authorize(session, "members.manage", { orgId });
  const origin = new URL(request.url).origin;
  const { db, ip } = context;
  return runAction(request, MembersSchema, async (input) => {
    switch (input.intent) {
      case "invite": {
        const { token } = await inviteMember(db, session, orgId, input, ip);
        return done(`Invitation created for ${input.email.toLowerCase()}. Copy this link and send it to them; it works once, for 7 days.`, `${origin}/invite/${token}`);
      }
      case "change-role":
        await changeRole(db, session, orgId, input.userId, input.role, ip);
        return done("Role changed.");
      case "remove":
        await removeMember(db, session, orgId, input.userId, ip);
        return done("Member removed. Their open sessions for this organisation have ended.");
      case "reset-link": {
        const { token } = await issuePasswordReset(db, session, orgId, input.userId, ip);
        return done("Password-reset link created. Give it to the member in person or by a channel you trust; it works once, for 1 hour, and stops working if a newer link is made or the member changes their password.", `${origin}/reset-password/${token}`);
      }
      case "revoke-invitation":
        await revokeInvitation(db, session, orgId, input.invitationId, ip);
        return done("Invitation revoked; its link no longer works.");
    }
  });
});

const done = (message: string, link: string | null = null) => ({ ok: true as const, message, link });

export default function Members() {
  const { org, members, pending, canManage, me } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const failed = result && !result.ok ? result : null;
  const inviteErrors: Record<string, string> = failed?.intent === "invite" ? failed.errors : {};
  const otherError = failed && failed.intent !== "invite" ? Object.values(failed.errors)[0] : undefined;
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Members</h1>
          <p>
            {org.name} · <OrgTypeName type={org.type} />
          </p>
        </div>
      </div>
      {result?.ok ? (
        <div className="alert alert--success" role="status">
          <p>{result.message}</p>
          {result.link ? <OneTimeLink href={result.link} /> : null}
        </div>
      ) : null}
      <FormError message={otherError} />
      <TableWrap label="Members">
        <table className="stack-table">
          <caption className="muted">
            {members.length} {members.length === 1 ? "member" : "members"}. {ROLE_HELP}
          </caption>
          <thead>
            <tr>
              <Th>Name</Th>
              <Th>E-mail</Th>
              <Th>Role</Th>
              {canManage ? <Th>Actions</Th> : null}
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr key={m.userId}>
                <td className="cell-name">
                  {m.name}
                  {m.userId === me ? <span className="muted"> (you)</span> : null}
                </td>
                <td className="cell-wrap" data-label="E-mail">
                  {m.email}
                </td>
                <td data-label="Role">
                  {canManage ? (
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="intent" value="change-role" />
                      <input type="hidden" name="userId" value={m.userId} />
                      <label className="visually-hidden" htmlFor={`role-${m.userId}`}>
                        Role of {m.name}
                      </label>
                      <select id={`role-${m.userId}`} name="role" defaultValue={m.role}>
                        {ROLES.map((r) => (
                          <option key={r} value={r}>
                            {ROLE_LABEL[r]}
                          </option>
                        ))}
                      </select>
                      <button className="button button--secondary button--small" type="submit" disabled={busy}>
                        Change<span className="visually-hidden"> role of {m.name}</span>
                      </button>
                    </Form>
                  ) : (
                    <span className="badge">{ROLE_LABEL[m.role]}</span>
                  )}
                </td>
                {canManage ? (
                  <td data-label="Actions">
                    <div className="inline-form">
                      <Form method="post" className="inline-form">
                        <input type="hidden" name="intent" value="reset-link" />
                        <input type="hidden" name="userId" value={m.userId} />
                        <button className="button button--secondary button--small" type="submit" disabled={busy}>
                          Password-reset link<span className="visually-hidden"> for {m.name}</span>
                        </button>
                      </Form>
                      <Form method="post" className="inline-form">
                        <input type="hidden" name="intent" value="remove" />
                        <input type="hidden" name="userId" value={m.userId} />
                        <button className="button button--danger button--small" type="submit" disabled={busy}>
                          Remove<span className="visually-hidden"> {m.name}</span>
                        </button>
                      </Form>
                    </div>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>

      {canManage ? (
        <>
          <h2>Invite a colleague</h2>
          <div className="card">
            <p className="muted">There is no e-mail from the platform: you get a one-time link to pass on yourself.</p>
            <Form method="post" className="form-row" noValidate>
              <input type="hidden" name="intent" value="invite" />
              <Field name="email" label="E-mail address" type="email" autoComplete="off" required defaultValue={failed?.intent === "invite" ? failed.values.email : ""} error={inviteErrors.email} />
              <div className="field">
                <label htmlFor="invite-role">Role</label>
                <select id="invite-role" name="role" defaultValue={failed?.intent === "invite" ? failed.values.role : "member"} aria-invalid={inviteErrors.role ? true : undefined}>
                  {ROLES.map((r) => (
                    <option key={r} value={r}>
                      {ROLE_LABEL[r]}
                    </option>
                  ))}
                </select>
                {inviteErrors.role ? <span className="error">{inviteErrors.role}</span> : null}
              </div>
              <div>
                <button className="button" type="submit" disabled={busy}>
                  Create invitation link
                </button>
              </div>
            </Form>
          </div>

          <h2>Open invitations</h2>
          {pending.length === 0 ? (
            <p className="muted">No open invitations.</p>
          ) : (
            <TableWrap label="Open invitations">
              <table className="stack-table">
                <thead>
                  <tr>
                    <Th>E-mail</Th>
                    <Th>Role</Th>
                    <Th>Invited by</Th>
                    <Th>Expires</Th>
                    <Th>Actions</Th>
                  </tr>
                </thead>
                <tbody>
                  {pending.map((p) => (
                    <tr key={p.id}>
                      <td className="cell-name cell-wrap">{p.email}</td>
                      <td data-label="Role">{ROLE_LABEL[p.role]}</td>
                      <td data-label="Invited by">{p.invitedBy ?? "—"}</td>
                      <td data-label="Expires">{formatDate(p.expiresAt)}</td>
                      <td data-label="Actions">
                        <Form method="post" className="inline-form">
                          <input type="hidden" name="intent" value="revoke-invitation" />
                          <input type="hidden" name="invitationId" value={p.id} />
                          <button className="button button--danger button--small" type="submit" disabled={busy}>
                            Revoke<span className="visually-hidden"> invitation for {p.email}</span>
                          </button>
                        </Form>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          )}
        </>
      ) : null}
    </>
  );
}
