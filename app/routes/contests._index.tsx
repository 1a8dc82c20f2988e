import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guard.server";
import { ContestList } from "~/components/contests";
import { contestsForCompany } from "~/domain/contests/contests.server";
import { NotFound } from "~/domain/errors";
import { withDomainErrors } from "~/lib/http-errors.server";

export const meta: MetaFunction = () => [{ title: "Contests · Labour Due Diligence" }];

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  if (!session.membership) throw new NotFound();
  const contests = await contestsForCompany(context.db, session, session.membership.orgId);
  return { contests: contests.map((c) => ({ ...c, createdAt: c.createdAt.getTime(), respondedAt: c.respondedAt?.getTime() ?? null })) };
});

export default function Contests() {
  const { contests } = useLoaderData<typeof loader>();
  const open = contests.filter((c) => c.status === "open").length;
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Contests</h1>
          <p>Partners who see your shared suppliers can contest a score. Answer each one: the answer is kept with the contest and the partner sees it.</p>
        </div>
      </div>
      <div className="card">
        <h2>
          {open} open of {contests.length}
        </h2>
        <ContestList contests={contests} linkTo={(id) => `/contests/${id}`} showSupplier />
      </div>
    </>
  );
}
