import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guard.server";
import { ANSWERER, ContestList } from "~/components/contests";
import { answerContest, contestDetail } from "~/domain/contests/contests.server";
import { AnswerContestSchema } from "~/domain/contests/contests.schemas";
import { idParam, runAction, withDomainErrors } from "~/lib/actions.server";

export const meta: MetaFunction = ({ params }) => [{ title: `Contest #${params.contestId} · Labour Due Diligence` }];

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, params, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  const { contest, as, canAnswer } = await contestDetail(context.db, session, idParam(params.contestId));
  return {
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
  return runAction(request, AnswerContestSchema, async (input) => {
    await answerContest(context.db, session, contestId, { ...input, ip: context.ip });
    throw redirect(`/contests/${contestId}`);
  });
});

export default function Contest() {
  const { contest, as, supplierLink, canAnswer } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: Record<string, string> = result?.errors ?? {};
  const back = as === "union" ? "My contests" : as === "platform" ? "Method contests" : "Contests";
  return (
    <>
      <p className="breadcrumbs">
        <Link to="/contests">{back}</Link> ›
      </p>
      <div className="page-header">
        <div>
          <h1>Contest #{contest.id}</h1>
          <p>
            {contest.kind === "method" ? `Of the risk method, as applied to ${supplierLink ? "the score of " : ""}` : "Of the score of "}
            {supplierLink ? <Link to={supplierLink}>{contest.supplierName}</Link> : as === "union" ? contest.supplierName : "one supplier’s score (you see the contest, not the supplier’s data)"}
            {contest.companyName && as !== "company" ? (contest.shared ? `, shared by ${contest.companyName}` : `, once shared by ${contest.companyName}`) : ""}. Answered by {ANSWERER[contest.kind]}.
          </p>
        </div>
      </div>
      {as === "union" && !contest.shared ? (
        <p className="alert alert--info" role="note">
          This supplier is no longer shared with you{contest.companyName ? ` by ${contest.companyName}` : ""}. You still see your contest, your evidence and the answer you were sent; the supplier’s name and score are no longer shown.
        </p>
      ) : null}
      {as === "company" && contest.kind === "method" ? (
        <p className="alert alert--info" role="note">
          This contest is about the method, which the platform administrator owns: they answer it. You see it because it concerns your supplier’s score.
        </p>
      ) : null}
      <div className="card">
        <ContestList contests={[contest]} linkTo={(id) => `/contests/${id}`} viewer={as} />
      </div>
      {canAnswer ? (
        <div className="card">
          <h2>{contest.response ? "Change your answer" : "Answer"}</h2>
          <Form method="post" className="stack">
            <div className="field">
              <label htmlFor="response">Your answer</label>
              <textarea id="response" name="response" rows={5} maxLength={5000} defaultValue={result?.values.response ?? contest.response ?? ""} aria-invalid={errors.response ? true : undefined} aria-describedby={errors.response ? "response-error" : undefined} />
              {errors.response ? (
                <span className="error" id="response-error">
                  {errors.response}
                </span>
              ) : null}
            </div>
            <label className="checkbox">
              <input type="checkbox" name="close" value="yes" defaultChecked={contest.status === "closed"} /> Close the contest (the matter is settled)
            </label>
            <button className="button" type="submit">
              Send answer
            </button>
          </Form>
        </div>
      ) : null}
    </>
  );
}
