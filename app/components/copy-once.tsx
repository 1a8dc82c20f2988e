import { useState } from "react";
import { useTranslation } from "react-i18next";

/** A secret shown once (an API token, a webhook secret): selected on focus, with a copy button. */
export function CopyOnce({ id, label, value }: { id: string; label: string; value: string }) {
  const { t } = useTranslation("api");
  const [copied, setCopied] = useState(false);
  return (
    <div className="copy-box">
      <label className="visually-hidden" htmlFor={id}>
        {label}
      </label>
      <input id={id} type="text" readOnly value={value} onFocus={(e) => e.currentTarget.select()} autoComplete="off" spellCheck={false} />
      <button
        className="button button--secondary button--small"
        type="button"
        onClick={() => {
          void navigator.clipboard?.writeText(value).then(() => setCopied(true));
        }}
      >
        {copied ? t("created.copied") : t("created.copy")}
      </button>
    </div>
  );
}
