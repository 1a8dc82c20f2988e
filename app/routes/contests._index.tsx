import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guard.server";
import { ContestList } from "~/components/contests";
import { FilterSelect, FilterSubmit } from "~/components/filters";
import { ContestStatusFilter } from "~/domain/contests/contests.schemas";
import { myContests } from "~/domain/contests/contests.server";
import { withDomainErrors } from "~/lib/http-errors.server";

const TITLE = { company: "Contests", union: "My contests", platform: "Method contests" } as const;

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data ? TITLE[data.as] : "Contests"} · Labour Due Diligence` }];

/** One list, three readers: the company's inbox, the union's own contests, the administrator's method contests. */
export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  const status = ContestStatusFilter.parse(new URL(request.url).searchParams.get("status") || undefined);
  const mine = await myContests(context.db, session, status);
  return {
    ...mine,
    status: status ?? null,
    contests: mine.contests.map((c) => ({ ...c, createdAt: c.createdAt.getTime(), respondedAt: c.respondedAt?.getTime() ?? null })),
  };
});

const INTRO = {
  company:
    "Partners who see your shared suppliers can contest a score. Answer each contest of your data: the answer is kept with the contest and the partner sees it. Contests of the method are answered by the platform administrator; you see them here, read-only.",
  union: "Every contest your union raised, with its status and the answer.",
  platform: "Unions contest the risk method as applied to a score. You own the method: answer each one. You see the contest, not the supplier's data.",
} as const;

const STATUS_WORD = { open: "open", answered: "answered", closed: "closed" } as const;

export default function Contests() {
  const { as, counts, total, contests, status } = useLoaderData<typeof loader>();
  const shown = total === 0 ? "No contest yet" : status ? `${contests.length} ${STATUS_WORD[status]} of ${total}` : `${counts.open} open of ${total}`;
  return (
    <>
      <div className="page-header">
        <div>
          <h1>{TITLE[as]}</h1>
          <p>
            {INTRO[as]}
            {as === "union" ? (
              <>
                {" "}
                To contest a score, open one of your <Link to="/shared">shared suppliers</Link>.
              </>
            ) : null}
          </p>
        </div>
      </div>
      <Form method="get" className="card filters" aria-label="Filter contests">
        <FilterSelect
          name="status"
          label="Status"
          value={status}
          any={`All (${total})`}
          options={[
            ["open", `Open (${counts.open})`],
            ["answered", `Answered (${counts.answered})`],
            ["closed", `Closed (${counts.closed})`],
          ]}
        />
        <FilterSubmit />
      </Form>
      <div className="card">
        <h2>{shown}</h2>
        {contests.length === 0 && status ? <p>No contest is {STATUS_WORD[status]}.</p> : <ContestList contests={contests} linkTo={(id) => `/contests/${id}`} showSupplier viewer={as} />}
      </div>
    </>
  );
}
