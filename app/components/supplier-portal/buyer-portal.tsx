import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormError } from "~/components/field";
import { OneTimeLink, RevokeInvitation } from "~/components/one-time-link";
import { TableWrap, Th } from "~/components/table-wrap";
import { useFormat } from "~/i18n/format";
import { IdentityHistory } from "./identity-history";

type Dated = number | string | Date;

export interface BuyerPortalProps {
  portal: {
    canInvite: boolean;
    claim: { orgName: string; at: Dated } | null;
    history: { id: number; field: string; before: string | null; after: string | null; by: string | null; at: Dated }[];
    pending: { id: number; email: string; expiresAt: Dated; invitedBy: string | null }[];
  };
  /** The page's last action answer: the one-time link after an invitation, or the refused form. */
  result?: { ok: true; message: string; link: string | null } | { ok: false; intent?: string | null; errors: Record<string, string>; values: Record<string, string> } | null;
}

/**
 * The supplier portal on the buyer's supplier page (issue 20): who claimed the record and the
 * identity corrections since; or, unclaimed, the invitation form, its one-time link (shown once)
 * and the pending invitations with their revoke buttons.
 */
export function BuyerPortal({ portal, result }: BuyerPortalProps) {
  const { t } = useTranslation("suppliers");
  const f = useFormat();
  const busy = useNavigation().state === "submitting";
  const failed = result && !result.ok ? result : null;
  const inviteErrors = failed?.intent === "invite-supplier" ? failed.errors : {};
  const otherError = failed && failed.intent !== "invite-supplier" ? Object.values(failed.errors)[0] : undefined;
  return (
    <section className="card" aria-labelledby="portal-heading" id="portal">
      <h2 id="portal-heading">{t("portal.heading")}</h2>
      {result?.ok ? (
        <div className="alert alert--success" role="status">
          <p>{result.message}</p>
          {result.link ? <OneTimeLink href={result.link} /> : null}
        </div>
      ) : null}
      <FormError message={otherError} />
      {portal.claim ? (
        <>
          <p data-testid="claimed-by">{t("portal.claimedBy", { org: portal.claim.orgName, date: f.date(portal.claim.at) })}</p>
          <h3>{t("portal.history.heading")}</h3>
          <IdentityHistory history={portal.history} />
        </>
      ) : (
        <>
          <p className="muted">{t("portal.intro")}</p>
          {portal.canInvite ? (
            <>
              <Form method="post" className="form-row" noValidate>
                <input type="hidden" name="intent" value="invite-supplier" />
                <Field name="email" label={t("portal.email")} type="email" autoComplete="off" required defaultValue={failed?.intent === "invite-supplier" ? failed.values.email : ""} error={inviteErrors.email} />
                <div>
                  <button className="button" type="submit" disabled={busy}>
                    {t("portal.invite")}
                  </button>
                </div>
              </Form>
              <h3>{t("portal.pending.heading")}</h3>
              {portal.pending.length === 0 ? (
                <p className="muted">{t("portal.pending.none")}</p>
              ) : (
                <TableWrap label={t("portal.pending.heading")}>
                  <table className="stack-table">
                    <thead>
                      <tr>
                        <Th>{t("portal.pending.email")}</Th>
                        <Th>{t("portal.pending.invitedBy")}</Th>
                        <Th>{t("portal.pending.expires")}</Th>
                        <Th>{t("portal.pending.actions")}</Th>
                      </tr>
                    </thead>
                    <tbody>
                      {portal.pending.map((p) => (
                        <tr key={p.id}>
                          <td className="cell-wrap">{p.email}</td>
                          <td data-label={t("portal.pending.invitedBy")}>{p.invitedBy ?? "—"}</td>
                          <td data-label={t("portal.pending.expires")}>{f.date(p.expiresAt)}</td>
                          <td data-label={t("portal.pending.actions")}>
                            <RevokeInvitation intent="revoke-supplier-invitation" invitationId={p.id} label={t("portal.pending.revoke")} hiddenLabel={p.email} busy={busy} />
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
      )}
    </section>
  );
}
