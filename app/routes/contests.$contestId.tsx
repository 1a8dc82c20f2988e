import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guard.server";
import { ContestList } from "~/components/contests";
import { answerContest, contestDetail } from "~/domain/contests/contests.server";
import { AnswerContestSchema } from "~/domain/contests/contests.schemas";
import { serverT } from "~/i18n/i18n.server";
import { idParam, runAction, withDomainErrors } from "~/lib/actions.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "" }];

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, params, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  const { contest, as, canAnswer } = await contestDetail(context.db, session, idParam(params.contestId));
  return {
    pageTitle: `${serverT(context.locale, "contests")("contest.number", { id: contest.id })} · ${serverT(context.locale, "common")("site.name")}`,
    contest: { ...contest, createdAt: contest.createdAt.getTime(), respondedAt: contest.respondedAt?.getTime() ?? null },
    as,
    // The platform administrator sees no supplier page; a partner its shared view; the company its own.
    // A union's link only while the supplier is still shared with it: otherwise that page is a 404.
    supplierLink: as === "company" ? `/suppliers/${contest.supplierId}` : as === "union" && contest.shared ? `/shared/${contest.supplierId}` : null,
    canAnswer,
  };
});

export const action = /* @__PURE__ */ withDomainErrors(async ({ request, params, context }: ActionFunctionArgs) => {
  const session = requireUser(request, context);
  const contestId = idParam(params.contestId);
  return runAction(
    request,
    AnswerContestSchema,
    async (input) => {
      await answerContest(context.db, session, contestId, { ...input, ip: context.ip });
      throw redirect(`/contests/${contestId}`);
    },
    context.locale,
  );
});

export default function Contest() {
  const { contest, as, supplierLink, canAnswer } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation("contests");
  const errors: Record<string, string> = result?.errors ?? {};
  const kind = contest.kind === "method" ? "method" : "score";
  const target = supplierLink ? "link" : as === "union" ? "name" : "hidden";
  return (
    <>
      <p className="breadcrumbs">
        <Link to="/contests">{t(`list.title.${as}`)}</Link> ›
      </p>
      <div className="page-header">
        <div>
          <h1>{t("contest.number", { id: contest.id })}</h1>
          <p>
            <Trans t={t} i18nKey={`detail.about.${kind}_${target}`} values={{ supplier: contest.supplierName ?? "" }} components={{ 1: supplierLink ? <Link to={supplierLink} /> : <span /> }} />
            {contest.companyName && as !== "company" ? ` ${contest.shared ? t("detail.sharedBy", { company: contest.companyName }) : t("detail.onceSharedBy", { company: contest.companyName })}` : ""} {t(`detail.answeredBy.${kind}`)}
          </p>
        </div>
      </div>
      {as === "union" && !contest.shared ? (
        <p className="alert alert--info" role="note">
          {contest.companyName ? t("detail.noLongerSharedBy", { company: contest.companyName }) : t("detail.noLongerShared")}
        </p>
      ) : null}
      {as === "company" && contest.kind === "method" ? (
        <p className="alert alert--info" role="note">
          {t("detail.methodNote")}
        </p>
      ) : null}
      <div className="card">
        <ContestList contests={[contest]} linkTo={(id) => `/contests/${id}`} viewer={as} />
      </div>
      {canAnswer ? (
        <div className="card">
          <h2>{contest.response ? t("answer.change") : t("answer.heading")}</h2>
          <Form method="post" className="stack">
            <div className="field">
              <label htmlFor="response">{t("answer.label")}</label>
              <textarea id="response" name="response" rows={5} maxLength={5000} defaultValue={result?.values.response ?? contest.response ?? ""} aria-invalid={errors.response ? true : undefined} aria-describedby={errors.response ? "response-error" : undefined} />
              {errors.response ? (
                <span className="error" id="response-error">
                  {errors.response}
                </span>
              ) : null}
            </div>
            <label className="checkbox">
              <input type="checkbox" name="close" value="yes" defaultChecked={contest.status === "closed"} /> {t("answer.close")}
            </label>
            <button className="button" type="submit">
              {t("answer.submit")}
            </button>
          </Form>
        </div>
      ) : null}
    </>
  );
}
