import { useTranslation } from "react-i18next";

/** The Standard Webhooks headers (decision 038): names on the wire, not words to translate. */
const HEADERS = [
  ["webhook-id", "id"],
  ["webhook-timestamp", "timestamp"],
  ["webhook-signature", "signature"],
] as const;
const FORMULA = 'HMAC-SHA256(base64decode(secret after "whsec_"), "<webhook-id>.<webhook-timestamp>.<body>")';

/** How a receiver checks a delivery: on the webhook page's secret box and in the API reference. */
export function WebhookVerify({ toleranceMinutes }: { toleranceMinutes: number }) {
  const { t } = useTranslation("api");
  return (
    <>
      <ul>
        {HEADERS.map(([name, key]) => (
          <li key={name}>
            <code>{name}</code>: {t(`webhooks.verify.${key}`)}
          </li>
        ))}
      </ul>
      <p>{t("webhooks.verify.how", { minutes: toleranceMinutes })}</p>
      <p>
        <code translate="no">{FORMULA}</code>
      </p>
    </>
  );
}
