import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ROLES } from "#db/schema";
import { requireUser } from "~/auth/guard.server";
import { authorize, can } from "~/auth/permissions.server";
import { OrgTypeName } from "~/components/org-type";
import { Field, FormError } from "~/components/field";
import { OneTimeLink, RevokeInvitation } from "~/components/one-time-link";
import { changeRole, inviteMember, issuePasswordReset, listMembers, removeMember, revokeInvitation } from "~/domain/members/members.server";
import { MembersSchema } from "~/domain/members/members.schemas";
import { idParam, runAction, withDomainErrors } from "~/lib/actions.server";
import { TableWrap, Th } from "~/components/table-wrap";
import { serverT } from "~/i18n/i18n.server";
import { useFormat } from "~/i18n/format";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "" }];

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, context, params }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  const orgId = idParam(params.orgId);
  const { org, members, pending } = await listMembers(context.db, session, orgId);
  return {
    pageTitle: `${serverT(context.locale, "account")("members.metaTitle", { org: org.name })} · ${serverT(context.locale, "common")("site.name")}`,
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
  const t = serverT(context.locale, "account");
  return runAction(
    request,
    MembersSchema,
    async (input) => {
    switch (input.intent) {
      case "invite": {
        const { token } = await inviteMember(db, session, orgId, input, ip);
        return done(t("members.done.invited", { email: input.email.toLowerCase() }), `${origin}/invite/${token}`);
      }
      case "change-role":
        await changeRole(db, session, orgId, input.userId, input.role, ip);
        return done(t("members.done.roleChanged"));
      case "remove":
        await removeMember(db, session, orgId, input.userId, ip);
        return done(t("members.done.removed"));
      case "reset-link": {
        const { token } = await issuePasswordReset(db, session, orgId, input.userId, ip);
        return done(t("members.done.resetLink"), `${origin}/reset-password/${token}`);
      }
      case "revoke-invitation":
        await revokeInvitation(db, session, orgId, input.invitationId, ip);
        return done(t("members.done.revoked"));
    }
    },
    context.locale,
  );
});

const done = (message: string, link: string | null = null) => ({ ok: true as const, message, link });

export default function Members() {
  const { org, members, pending, canManage, me } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const failed = result && !result.ok ? result : null;
  const inviteErrors: Record<string, string> = failed?.intent === "invite" ? failed.errors : {};
  const otherError = failed && failed.intent !== "invite" ? Object.values(failed.errors)[0] : undefined;
  const { t } = useTranslation("account");
  const format = useFormat();
  return (
    <>
      <div className="page-header">
        <div>
          <h1>{t("members.title")}</h1>
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
      <TableWrap label={t("members.title")}>
        <table className="stack-table">
          <caption className="muted">
            {t("members.count", { count: members.length })} {t("members.roleHelp")}
          </caption>
          <thead>
            <tr>
              <Th>{t("members.col.name")}</Th>
              <Th>{t("members.col.email")}</Th>
              <Th>{t("members.col.role")}</Th>
              {canManage ? <Th>{t("members.col.actions")}</Th> : null}
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr key={m.userId}>
                <td className="cell-name">
                  {m.name}
                  {m.userId === me ? <span className="muted"> {t("members.you")}</span> : null}
                </td>
                <td className="cell-wrap" data-label={t("members.col.email")}>
                  {m.email}
                </td>
                <td data-label={t("members.col.role")}>
                  {canManage ? (
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="intent" value="change-role" />
                      <input type="hidden" name="userId" value={m.userId} />
                      <label className="visually-hidden" htmlFor={`role-${m.userId}`}>
                        {t("members.roleOf", { name: m.name })}
                      </label>
                      <select id={`role-${m.userId}`} name="role" defaultValue={m.role}>
                        {ROLES.map((r) => (
                          <option key={r} value={r}>
                            {t(`members.roleLabel.${r}`)}
                          </option>
                        ))}
                      </select>
                      <button className="button button--secondary button--small" type="submit" disabled={busy}>
                        {t("members.change")}<span className="visually-hidden"> {t("members.changeRoleOf", { name: m.name })}</span>
                      </button>
                    </Form>
                  ) : (
                    <span className="badge">{t(`members.roleLabel.${m.role}`)}</span>
                  )}
                </td>
                {canManage ? (
                  <td data-label={t("members.col.actions")}>
                    <div className="inline-form">
                      <Form method="post" className="inline-form">
                        <input type="hidden" name="intent" value="reset-link" />
                        <input type="hidden" name="userId" value={m.userId} />
                        <button className="button button--secondary button--small" type="submit" disabled={busy}>
                          {t("members.resetLink")}<span className="visually-hidden"> {t("members.resetLinkFor", { name: m.name })}</span>
                        </button>
                      </Form>
                      <Form method="post" className="inline-form">
                        <input type="hidden" name="intent" value="remove" />
                        <input type="hidden" name="userId" value={m.userId} />
                        <button className="button button--danger button--small" type="submit" disabled={busy}>
                          {t("members.remove")}<span className="visually-hidden"> {m.name}</span>
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
          <h2>{t("members.invite.heading")}</h2>
          <div className="card">
            <p className="muted">{t("members.invite.intro")}</p>
            <Form method="post" className="form-row" noValidate>
              <input type="hidden" name="intent" value="invite" />
              <Field name="email" label={t("members.invite.email")} type="email" autoComplete="off" required defaultValue={failed?.intent === "invite" ? failed.values.email : ""} error={inviteErrors.email} />
              <div className="field">
                <label htmlFor="invite-role">{t("members.invite.role")}</label>
                <select id="invite-role" name="role" defaultValue={failed?.intent === "invite" ? failed.values.role : "member"} aria-invalid={inviteErrors.role ? true : undefined}>
                  {ROLES.map((r) => (
                    <option key={r} value={r}>
                      {t(`members.roleLabel.${r}`)}
                    </option>
                  ))}
                </select>
                {inviteErrors.role ? <span className="error">{inviteErrors.role}</span> : null}
              </div>
              <div>
                <button className="button" type="submit" disabled={busy}>
                  {t("members.invite.submit")}
                </button>
              </div>
            </Form>
          </div>

          <h2>{t("members.pending.heading")}</h2>
          {pending.length === 0 ? (
            <p className="muted">{t("members.pending.none")}</p>
          ) : (
            <TableWrap label={t("members.pending.heading")}>
              <table className="stack-table">
                <thead>
                  <tr>
                    <Th>{t("members.col.email")}</Th>
                    <Th>{t("members.col.role")}</Th>
                    <Th>{t("members.col.invitedBy")}</Th>
                    <Th>{t("members.col.expires")}</Th>
                    <Th>{t("members.col.actions")}</Th>
                  </tr>
                </thead>
                <tbody>
                  {pending.map((p) => (
                    <tr key={p.id}>
                      <td className="cell-name cell-wrap">{p.email}</td>
                      <td data-label={t("members.col.role")}>{t(`members.roleLabel.${p.role}`)}</td>
                      <td data-label={t("members.col.invitedBy")}>{p.invitedBy ?? "—"}</td>
                      <td data-label={t("members.col.expires")}>{format.dateTime(p.expiresAt)}</td>
                      <td data-label={t("members.col.actions")}>
                        <RevokeInvitation intent="revoke-invitation" invitationId={p.id} label={t("members.pending.revoke")} hiddenLabel={t("members.pending.revokeFor", { email: p.email })} busy={busy} />
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
