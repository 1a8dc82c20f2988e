import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guard.server";
import { can } from "~/auth/permissions.server";
import { FieldError } from "~/components/field";
import { NotFound } from "~/domain/errors";
import { ownSite } from "~/domain/questionnaires/access.server";
import { REVIEW_MESSAGE_MAX, ReplySchema } from "~/domain/questionnaires/reviews.schemas";
import { replyToClarification, reviewsForSite } from "~/domain/questionnaires/reviews.server";
import { useFormat } from "~/i18n/format";
import { serverT } from "~/i18n/i18n.server";
import { idParam, runAction, withDomainErrors } from "~/lib/actions.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "" }];

/** The buyers' reviews of a workplace's submitted answers (issue 20): clarifications to answer first, with the reply form. */
export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, params, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  if (!session.membership) throw new NotFound();
  const { site, reviews } = await reviewsForSite(context.db, session, idParam(params.siteId));
  const t = serverT(context.locale, "questionnaire");
  return {
    pageTitle: `${site.name} · ${t("reviews.title")} · ${serverT(context.locale, "common")("site.name")}`,
    site: { id: site.id, name: site.name },
    reviews,
    canReply: can(session, "questionnaires.answer", { orgId: session.membership.orgId }),
  };
});

export const action = /* @__PURE__ */ withDomainErrors(async ({ request, params, context }: ActionFunctionArgs) => {
  const session = requireUser(request, context);
  if (!session.membership) throw new NotFound();
  const siteId = idParam(params.siteId);
  // Another organisation's site answers 404 before the form is read, like a missing one.
  await ownSite(context.db, session, "sites.view", siteId);
  const t = serverT(context.locale, "questionnaire");
  return runAction(
    request,
    ReplySchema,
    async (input) => {
      await replyToClarification(context.db, session, siteId, input, { ip: context.ip });
      return { ok: true as const, message: t("reviews.sent") };
    },
    context.locale,
  );
});

export default function SiteReviewsPage() {
  const { site, reviews, canReply } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const { t } = useTranslation("questionnaire");
  const f = useFormat();
  const failed = result && !result.ok ? result : null;
  const failedFor = failed ? Number(failed.values.reviewId) : null;
  const about = (questionId: string | null) => (questionId ? t(`question.${questionId}.text` as "reviews.title") : t("reviews.whole"));
  const open = reviews.filter((r) => r.open);
  const rest = reviews.filter((r) => !r.open);
  return (
    <>
      <p className="breadcrumbs">
        <Link to={`/sites/${site.id}`}>{site.name}</Link> ›
      </p>
      <div className="page-header">
        <div>
          <h1>{t("reviews.title")}</h1>
          <p translate="no">{site.name}</p>
        </div>
      </div>
      {result?.ok ? (
        <div className="alert alert--success" role="status">
          {result.message}
        </div>
      ) : null}
      <p className="muted">{t("reviews.intro")}</p>
      {reviews.length === 0 ? (
        <section className="card">
          <p>{t("reviews.none")}</p>
        </section>
      ) : null}
      {open.length > 0 ? (
        <section className="card" aria-labelledby="open-heading" data-testid="open-clarifications">
          <h2 id="open-heading">{t("reviews.open", { count: open.length })}</h2>
          <ol className="plain-list stack">
            {open.map((r) => {
              const errors: Record<string, string> = failedFor === r.id && failed ? failed.errors : {};
              const fieldId = `reply-${r.id}`;
              return (
                <li key={r.id} data-review-id={r.id}>
                  <p>{t("reviews.clarification", { buyer: r.buyer, on: f.date(r.createdAt), about: about(r.questionId), submitted: f.date(r.submittedAt) })}</p>
                  <blockquote className="quote">{r.message}</blockquote>
                  {canReply ? (
                    <Form method="post" className="stack" noValidate>
                      <input type="hidden" name="reviewId" value={r.id} />
                      <div className="field">
                        <label htmlFor={fieldId}>{t("reviews.reply")}</label>
                        <textarea id={fieldId} name="reply" rows={4} maxLength={REVIEW_MESSAGE_MAX} defaultValue={failedFor === r.id && failed ? (failed.values.reply ?? "") : ""} aria-invalid={errors.reply ? true : undefined} aria-describedby={errors.reply ? `${fieldId}-error` : undefined} />
                        <FieldError id={fieldId} message={errors.reply ?? errors.reviewId} />
                      </div>
                      <div>
                        <button className="button" type="submit" disabled={busy}>
                          {t("reviews.send")}
                        </button>
                      </div>
                    </Form>
                  ) : (
                    <p className="muted">{t("reviews.cannotReply")}</p>
                  )}
                </li>
              );
            })}
          </ol>
        </section>
      ) : null}
      {rest.length > 0 ? (
        <section className="card" aria-labelledby="done-heading" data-testid="earlier-reviews">
          <h2 id="done-heading">{t("reviews.earlier")}</h2>
          <ol className="plain-list stack">
            {rest.map((r) => (
              <li key={r.id}>
                {r.outcome === "accepted" ? (
                  <p>{t("reviews.accepted", { buyer: r.buyer, on: f.date(r.createdAt), submitted: f.date(r.submittedAt) })}</p>
                ) : (
                  <>
                    <p>{t("reviews.clarification", { buyer: r.buyer, on: f.date(r.createdAt), about: about(r.questionId), submitted: f.date(r.submittedAt) })}</p>
                    <blockquote className="quote">{r.message}</blockquote>
                    <p>{t("reviews.replied", { on: f.date(r.repliedAt), who: r.repliedBy ?? t("reviews.formerMember") })}</p>
                    <blockquote className="quote">{r.reply}</blockquote>
                  </>
                )}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </>
  );
}
