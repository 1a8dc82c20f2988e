import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { verifyFile, verifyText, type Verdict } from "~/domain/reports/verify.server";
import { serverT } from "~/i18n/i18n.server";
import { VerifyResult } from "~/components/verify-result";
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
  const upload = await readUpload(request, context.uploads.dir, LIMIT, context.locale);
  if (!upload.ok) return data({ verdict: { kind: "unknown", reason: "tooLarge" } as Verdict }, { status: 413 });
  try {
    const file = uploadedFile(upload, "file");
    if (!file) return data({ verdict: { kind: "unknown", reason: "noFile" } as Verdict }, { status: 400 });
    return { verdict: await verifyFile(context.db, file.path) };
  } finally {
    discardUpload(upload);
  }
});

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
      {result ? <VerifyResult verdict={result} /> : null}
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
