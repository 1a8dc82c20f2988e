import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { verifyFile, verifyText, type Verdict } from "~/domain/reports/verify.server";
import { serverT } from "~/i18n/i18n.server";
import { useFormat } from "~/i18n/format";
import { discardUpload, readUpload, uploadedFile } from "~/lib/upload.server";
import { withDomainErrors } from "~/lib/http-errors.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

/** Public: anyone holding a report can check it, without an account. */
export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, context }: LoaderFunctionArgs) => {
  const q = new URL(request.url).searchParams.get("q")?.slice(0, 200) ?? "";
  const verdict = q ? await verifyText(context.db, q) : null;
  return { q, verdict, title: serverT(context.locale, "public")("verify.metaTitle") };
});

const LIMIT = 60 * 1024 * 1024;

export const action = /* @__PURE__ */ withDomainErrors(async ({ request, context }: ActionFunctionArgs) => {
  const upload = await readUpload(request, context.uploads.dir, LIMIT);
  if (!upload.ok) return data({ verdict: { kind: "unknown", reason: "tooLarge" } as Verdict }, { status: 413 });
  try {
    const file = uploadedFile(upload, "file");
    if (!file) return data({ verdict: { kind: "unknown", reason: "noFile" } as Verdict }, { status: 400 });
    return { verdict: await verifyFile(context.db, file.path) };
  } finally {
    discardUpload(upload);
  }
});

function Result({ verdict }: { verdict: Verdict }) {
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
      {facts}
    </div>
  );
}

export default function Verify() {
  const { q, verdict } = useLoaderData<typeof loader>();
  const posted = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const { t } = useTranslation("public");
  const result = posted?.verdict ?? verdict;
  return (
    <>
      <div className="page-header">
        <div>
          <h1>{t("verify.title")}</h1>
          <p>{t("verify.intro")}</p>
        </div>
      </div>
      {result ? <Result verdict={result} /> : null}
      <div className="grid">
        <div className="card">
          <h2>{t("verify.uploadHeading")}</h2>
          <Form method="post" encType="multipart/form-data" className="stack">
            <div className="field">
              <label htmlFor="file">{t("verify.fileLabel")}</label>
              <input id="file" name="file" type="file" accept="application/pdf,.pdf" required />
            </div>
            <button className="button" type="submit" disabled={busy}>
              {t("verify.check")}
            </button>
          </Form>
        </div>
        <div className="card">
          <h2>{t("verify.lookupHeading")}</h2>
          <Form method="get" className="stack">
            <div className="field">
              <label htmlFor="q">{t("verify.queryLabel")}</label>
              <input id="q" name="q" defaultValue={q} maxLength={200} placeholder="R-XXXX-XXXX-XXXX-XXXX" />
            </div>
            <button className="button button--secondary" type="submit">
              {t("verify.lookup")}
            </button>
          </Form>
        </div>
      </div>
    </>
  );
}
