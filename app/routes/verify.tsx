import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { verifyFile, verifyText, type Verdict } from "~/domain/reports/verify.server";
import { serverT } from "~/i18n/i18n.server";
import { formatsFor } from "~/i18n/format";
import { languageOf } from "~/i18n/languages";
import { discardUpload, readUpload, uploadedFile } from "~/lib/upload.server";
import { withDomainErrors } from "~/lib/http-errors.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

type PublicT = ReturnType<typeof serverT<"public">>;

/**
 * The reasons verify.server.ts gives (English sentences), in the reader's language. A reason not
 * known here is shown as it is: better English than nothing.
 */
function translatedReason(t: PublicT, verdict: Verdict): Verdict {
  if (verdict.kind !== "unknown") return verdict;
  const reason = verdict.reason;
  const unknownId = /^No report with the id (.+) was issued by this platform\.$/.exec(reason);
  const text = unknownId
    ? t("verify.reason.unknownId", { id: unknownId[1] })
    : reason === "The file is empty."
      ? t("verify.reason.empty")
      : reason === "This is not a PDF file, so it was not issued by this platform."
        ? t("verify.reason.notPdf")
        : reason === "No report issued by this platform has this file's SHA-256."
          ? t("verify.reason.unknownFile")
          : reason === "No report issued by this platform has this SHA-256 or data fingerprint."
            ? t("verify.reason.unknownHash")
            : reason.startsWith("Type a report id")
              ? t("verify.reason.badQuery")
              : reason;
  return { kind: "unknown", reason: text };
}

/**
 * The verdict with its dates already written in the reader's language, on the server. Until
 * format.ts's dateTime is fixed (Intl refuses dateStyle together with timeZoneName, in Node and
 * Chromium alike), the date-time with its zone is written here with the same language's Intl.
 */
function shown(locale: string, verdict: Verdict) {
  if (verdict.kind === "unknown") return { verdict, dates: null };
  const f = formatsFor(locale);
  const zoned = new Intl.DateTimeFormat(languageOf(locale).intl, { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", timeZone: "UTC", timeZoneName: "short" });
  const dateTime = (at: number) => zoned.format(new Date(at));
  const r = verdict.report;
  return {
    verdict,
    dates: {
      issuedAt: dateTime(r.issuedAt),
      dataAsOf: dateTime(r.dataAsOf),
      submittedAt: r.submittedAt ? dateTime(r.submittedAt) : "",
      periodStart: r.periodStart ? f.date(r.periodStart) : "",
      periodEnd: r.periodEnd ? f.date(r.periodEnd) : "",
    },
  };
}
type Dates = ReturnType<typeof shown>["dates"];

/** Public: anyone holding a report can check it, without an account. */
export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, context }: LoaderFunctionArgs) => {
  const t = serverT(context.locale, "public");
  const q = new URL(request.url).searchParams.get("q")?.slice(0, 200) ?? "";
  const found = q ? shown(context.locale, translatedReason(t, await verifyText(context.db, q))) : null;
  return { q, verdict: found?.verdict ?? null, dates: found?.dates ?? null, title: t("verify.metaTitle") };
});

const LIMIT = 60 * 1024 * 1024;

export const action = /* @__PURE__ */ withDomainErrors(async ({ request, context }: ActionFunctionArgs) => {
  const t = serverT(context.locale, "public");
  const upload = await readUpload(request, context.uploads.dir, LIMIT);
  if (!upload.ok) return data({ verdict: { kind: "unknown", reason: t("verify.reason.tooLarge") } as Verdict }, { status: 413 });
  try {
    const file = uploadedFile(upload, "file");
    if (!file) return data({ verdict: { kind: "unknown", reason: t("verify.reason.noFile") } as Verdict }, { status: 400 });
    return shown(context.locale, translatedReason(t, await verifyFile(context.db, file.path)));
  } finally {
    discardUpload(upload);
  }
});

function Result({ verdict, dates }: { verdict: Verdict; dates: Dates | undefined }) {
  const { t } = useTranslation("public");
  if (verdict.kind === "unknown") {
    return (
      <div className="alert alert--error" role="status">
        <Trans t={t} i18nKey="verify.unknown" values={{ reason: verdict.reason }} components={{ 1: <strong /> }} />
      </div>
    );
  }
  const r = verdict.report;
  const d = dates ?? { issuedAt: "", dataAsOf: "", submittedAt: "", periodStart: "", periodEnd: "" };
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
  const { q, verdict, dates } = useLoaderData<typeof loader>();
  const posted = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const { t } = useTranslation("public");
  const result = posted?.verdict ? { verdict: posted.verdict, dates: "dates" in posted ? posted.dates : null } : verdict ? { verdict, dates } : null;
  return (
    <>
      <div className="page-header">
        <div>
          <h1>{t("verify.title")}</h1>
          <p>{t("verify.intro")}</p>
        </div>
      </div>
      {result ? <Result verdict={result.verdict} dates={result.dates} /> : null}
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
