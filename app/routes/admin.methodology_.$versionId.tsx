import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guard.server";
import { authorize } from "~/auth/permissions.server";
import { BandChangeList, Differences } from "~/components/methodology-review";
import { versionReview } from "~/domain/risk/methodology-changes.server";
import { idParam, withDomainErrors } from "~/lib/actions.server";
import { formatDateTime, formatNumber } from "~/lib/format";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Methodology version ${data?.review.version ?? ""} · Labour Due Diligence` }];

/** Band changes named on the page at first; `?all=1` names every one (up to ALL_LIMIT, said if more). */
const FIRST = 25;
const ALL_LIMIT = 10_000;

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, params, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  authorize(session, "reference.manage");
  const url = new URL(request.url);
  const all = url.searchParams.get("all") === "1";
  return { review: await versionReview(context.db, session, idParam(params.versionId), all ? ALL_LIMIT : FIRST), all, stored: url.searchParams.get("stored") === "1" };
});

const STATUS: Record<string, string> = { draft: "a draft: nothing uses it until it is activated", active: "the method in use", retired: "retired: scores it gave stay reproducible" };

export default function MethodologyVersion() {
  const { review, all, stored } = useLoaderData<typeof loader>();
  const bands = review.bands;
  return (
    <>
      <p className="breadcrumbs">
        <Link to="/admin/methodology">Methodology versions</Link>
      </p>
      <div className="page-header">
        <div>
          <h1>
            Version {review.version}: {review.name}
          </h1>
          <p>
            This version is {STATUS[review.status] ?? review.status}. Added {formatDateTime(review.createdAt)}; takes effect on {review.effective}.
          </p>
        </div>
      </div>
      {stored ? (
        <div className="alert alert--success" role="status">
          Stored as a draft. Check what it changes below before activating it.
        </div>
      ) : null}
      <div className="card stack">
        <h2>What changed and why</h2>
        <p>{review.summary}</p>
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
                  <p>The first {formatNumber(ALL_LIMIT)} are listed; the count above covers all of them.</p>
                ) : (
                  <p>
                    <Link to="?all=1">List all {formatNumber(bands.total)} suppliers whose band would change</Link>
                  </p>
                )
              ) : null
            }
          />
          <Form method="post" action="/admin/methodology" className="actions">
            <input type="hidden" name="intent" value="activate" />
            <input type="hidden" name="id" value={review.id} />
            <button className="button" type="submit">
              Activate and rescore…
            </button>
            <Link className="button button--secondary" to="/admin/methodology/new">
              Draft another version
            </Link>
          </Form>
        </div>
      ) : null}
    </>
  );
}
