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
