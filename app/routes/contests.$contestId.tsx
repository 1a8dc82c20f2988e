import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guard.server";
import { can } from "~/auth/permissions.server";
import { ContestList } from "~/components/contests";
import { answerContest, contestsOfSupplier, findContest } from "~/domain/contests/contests.server";
import { AnswerContestSchema } from "~/domain/contests/contests.schemas";
import { idParam, runAction, withDomainErrors } from "~/lib/actions.server";

export const meta: MetaFunction = ({ params }) => [{ title: `Contest #${params.contestId} · Labour Due Diligence` }];

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, params, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  const contest = await findContest(context.db, session, idParam(params.contestId));
  const isOwner = session.membership!.orgId === contest.companyOrgId;
  const item = (await contestsOfSupplier(context.db, session, contest.supplierId)).find((c) => c.id === contest.id)!;
  return {
    contest: { ...item, createdAt: item.createdAt.getTime(), respondedAt: item.respondedAt?.getTime() ?? null },
    supplierLink: isOwner ? `/suppliers/${contest.supplierId}` : `/shared/${contest.supplierId}`,
    canAnswer: isOwner && can(session, "contests.answer", { orgId: contest.companyOrgId }),
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
  const { contest, supplierLink, canAnswer } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: Record<string, string> = result?.errors ?? {};
  return (
    <>
      <p className="breadcrumbs">
        <Link to={canAnswer ? "/contests" : "/shared"}>{canAnswer ? "Contests" : "Shared suppliers"}</Link> ›
      </p>
      <div className="page-header">
        <div>
          <h1>Contest #{contest.id}</h1>
          <p>
            Of the score of <Link to={supplierLink}>{contest.supplierName}</Link>
          </p>
        </div>
      </div>
      <div className="card">
        <ContestList contests={[contest]} linkTo={(id) => `/contests/${id}`} />
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
