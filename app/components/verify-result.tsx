import { Trans, useTranslation } from "react-i18next";
import type { Verdict } from "~/domain/reports/verify.server";
import { useFormat } from "~/i18n/format";

/**
 * The answer of /verify (public: every language, worker languages too). The domain gives a verdict
 * with a reason code; the words and the dates (with their zone) are the reader's.
 */
/** The first 64 bits of a certificate's SHA-256 fingerprint, in groups: enough to compare by eye. */
const shortFingerprint = (hex: string) => hex.slice(0, 16).toUpperCase().match(/.{4}/g)!.join(" ");

export function VerifyResult({ verdict }: { verdict: Verdict }) {
  const { t } = useTranslation("public");
  const f = useFormat();
  if (verdict.kind === "unknown") {
    // The domain says why as a code; the reason is worded here, in the reader's language.
    const reason = verdict.reason === "unknownId" ? t("verify.reason.unknownId", { id: verdict.values?.id ?? "" }) : t(`verify.reason.${verdict.reason}`);
    return (
      <div className="alert alert--error" role="status">
        <Trans t={t} i18nKey="verify.unknown" values={{ reason }} components={{ 1: <strong /> }} />
      </div>
    );
  }
  const r = verdict.report;
  const d = {
    issuedAt: f.dateTime(r.issuedAt),
    dataAsOf: f.dateTime(r.dataAsOf),
    submittedAt: f.dateTime(r.submittedAt),
    periodStart: f.date(r.periodStart),
    periodEnd: f.date(r.periodEnd),
  };
  const issued = { issuer: r.issuer, issuedAt: d.issuedAt, dataAsOf: d.dataAsOf };
  const facts = (
    <ul>
      <li>{t("verify.fact.typeTitle", { type: t(`verify.type.${r.type}`), title: r.title })}</li>
      <li>
        {r.periodStart ? (
          <Trans
            t={t}
            i18nKey="verify.fact.issuedByPeriod"
            values={{ ...issued, periodStart: d.periodStart, periodEnd: d.periodEnd }}
            components={{ 1: <strong /> }}
          />
        ) : (
          <Trans t={t} i18nKey="verify.fact.issuedBy" values={issued} components={{ 1: <strong /> }} />
        )}
      </li>
      <li>
        <Trans t={t} i18nKey="verify.fact.ids" values={{ id: r.id, sha256: r.sha256 }} components={{ 1: <span className="mono" />, 2: <span className="mono" /> }} />
      </li>
      {r.submittedAt ? <li>{t("verify.fact.submitted", { submittedTo: r.submittedTo, submittedAt: d.submittedAt })}</li> : null}
      {r.supersededBy ? (
        <li>
          <Trans t={t} i18nKey="verify.fact.superseded" values={{ id: r.supersededBy }} components={{ 1: <strong /> }} />
        </li>
      ) : null}
    </ul>
  );
  if (verdict.kind === "altered") {
    return (
      <div className="alert alert--error" role="status">
        <Trans t={t} i18nKey="verify.altered" values={{ id: r.id }} components={{ 1: <strong /> }} />
        {facts}
      </div>
    );
  }
  if (verdict.kind === "foreignSignature") {
    return (
      <div className="alert alert--error" role="status">
        <Trans
          t={t}
          i18nKey="verify.foreignSignature"
          values={{ id: r.id, subject: verdict.subject, fingerprint: shortFingerprint(verdict.fingerprint) }}
          components={{ 1: <strong />, 2: <span className="mono" title={verdict.fingerprint} /> }}
        />
        {facts}
      </div>
    );
  }
  if (verdict.kind === "issued") {
    // Only a lookup: nothing was compared, so this is information, not a green "authentic".
    return (
      <div className="alert alert--info" role="status">
        <strong>{t("verify.issued", { issuedAt: issued.issuedAt, issuer: r.issuer })}</strong>
        {facts}
      </div>
    );
  }
  return (
    <div className="alert alert--success" role="status">
      <Trans t={t} i18nKey="verify.authentic" components={{ 1: <strong /> }} />
      {verdict.signer ? (
        <p>
          <Trans
            t={t}
            i18nKey="verify.signedBy"
            values={{ organisation: verdict.signer.organisation, signedAt: f.dateTime(verdict.signer.signedAt), fingerprint: shortFingerprint(verdict.signer.fingerprint) }}
            components={{ 1: <strong />, 2: <span className="mono" title={verdict.signer.fingerprint} /> }}
          />
        </p>
      ) : null}
      {facts}
    </div>
  );
}
