import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guard.server";
import { authorize } from "~/auth/permissions.server";
import { BandChangeList, Differences } from "~/components/methodology-review";
import { differenceText, type AdminT } from "~/components/methodology-text";
import { versionReview } from "~/domain/risk/methodology-changes.server";
import { formatsFor, useFormat } from "~/i18n/format";
import { serverT } from "~/i18n/i18n.server";
import { idParam, withDomainErrors } from "~/lib/actions.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "" }];

/** Band changes named on the page at first; `?all=1` names every one (up to ALL_LIMIT, said if more). */
const FIRST = 25;
const ALL_LIMIT = 10_000;

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, params, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  authorize(session, "reference.manage");
  const url = new URL(request.url);
  const all = url.searchParams.get("all") === "1";
  const review = await versionReview(context.db, session, idParam(params.versionId), all ? ALL_LIMIT : FIRST);
  const t = serverT(context.locale, "admin");
  const format = formatsFor(context.locale);
  return {
    pageTitle: `${t("methodology.version.metaTitle", { version: review.version })} · ${serverT(context.locale, "common")("site.name")}`,
    // What differs, said in the reader's language (the names a version gave its factors are shown as written).
    review: { ...review, differences: review.differences.map((d) => differenceText(t as unknown as AdminT, format, d)) },
    all,
    stored: url.searchParams.get("stored") === "1",
  };
});

const STATE_KEYS = { draft: "methodology.version.state.draft", active: "methodology.version.state.active", retired: "methodology.version.state.retired" } as const;

export default function MethodologyVersion() {
  const { review, all, stored } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation(["admin", "risk"]);
  const format = useFormat();
  const bands = review.bands;
  const state = STATE_KEYS[review.status as keyof typeof STATE_KEYS] ?? STATE_KEYS.draft;
  return (
    <>
      <p className="breadcrumbs">
        <Link to="/admin/methodology">{t("methodology.list.title")}</Link>
      </p>
      <div className="page-header">
        <div>
          <h1>{t("methodology.version.title", { version: review.version, name: review.name })}</h1>
          <p>{t(state, { added: format.dateTime(review.createdAt), effective: format.date(review.effective) })}</p>
        </div>
      </div>
      {stored ? (
        <div className="alert alert--success" role="status">
          {t("methodology.version.stored")}
        </div>
      ) : null}
      <div className="card stack">
        <h2>{t("methodology.version.summaryHeading")}</h2>
        {i18n.language === "en" ? null : <p className="muted">{t("risk:methodology.publishedInEnglish")}</p>}
        <p lang="en">{review.summary}</p>
      </div>
      {review.id !== review.active.id ? (
        <div className="card stack">
          <Differences lines={review.differences} against={review.active.version} />
        </div>
      ) : null}
      {bands ? (
        <div className="card stack">
          <BandChangeList
            bands={bands}
            more={
              bands.total > bands.changes.length ? (
                all ? (
                  <p>{t("methodology.version.firstListed", { count: ALL_LIMIT })}</p>
                ) : (
                  <p>
                    <Link to="?all=1">{t("methodology.version.listAll", { count: bands.total })}</Link>
                  </p>
                )
              ) : null
            }
          />
          <Form method="post" action="/admin/methodology" className="actions">
            <input type="hidden" name="intent" value="activate" />
            <input type="hidden" name="id" value={review.id} />
            <button className="button" type="submit">
              {t("methodology.version.activate")}
            </button>
            <Link className="button button--secondary" to="/admin/methodology/new">
              {t("methodology.version.draftAnother")}
            </Link>
          </Form>
        </div>
      ) : null}
    </>
  );
}
