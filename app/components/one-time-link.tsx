import { Form } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";

/**
 * A one-time link shown once to the admin who created it. Without JavaScript the text is
 * selectable; with it, a button copies it.
 */
export function OneTimeLink({ href }: { href: string }) {
  const [copied, setCopied] = useState(false);
  const { t } = useTranslation("public");
  return (
    <div className="copy-box">
      <label className="visually-hidden" htmlFor="one-time-link">
        {t("oneTimeLink.label")}
      </label>
      <input id="one-time-link" type="text" readOnly value={href} onFocus={(e) => e.currentTarget.select()} data-testid="one-time-link" />
      <button
        className="button button--secondary button--small"
        type="button"
        onClick={() => {
          void navigator.clipboard?.writeText(href).then(() => setCopied(true));
        }}
      >
        {copied ? t("oneTimeLink.copied") : t("oneTimeLink.copy")}
      </button>
    </div>
  );
}

/**
 * The "Revoke" button of a pending invitation (members, suppliers): a small form of its own, the
 * address named for screen readers so that a list of buttons says which one each revokes.
 */
export function RevokeInvitation({ intent, invitationId, label, hiddenLabel, busy }: { intent: string; invitationId: number; label: string; hiddenLabel: string; busy: boolean }) {
  return (
    <Form method="post" className="inline-form">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="invitationId" value={invitationId} />
      <button className="button button--danger button--small" type="submit" disabled={busy}>
        {label}
        <span className="visually-hidden"> {hiddenLabel}</span>
      </button>
    </Form>
  );
}
