import { useEffect } from "react";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useRevalidator } from "@remix-run/react";
import { requireUser } from "~/auth/guard.server";
import { can } from "~/auth/permissions.server";
import { FormError } from "~/components/field";
import { TableWrap, Th } from "~/components/table-wrap";
import { NotFound } from "~/domain/errors";
import { CANDIDATE_THRESHOLD } from "~/domain/watchlists/matching";
import { startWatchlistMatching, watchlistMatchingStatus, type MatchingStatus } from "~/domain/watchlists/match-runs.server";
import { WatchlistsPageSchema } from "~/domain/watchlists/schemas";
import { activeWatchlists, decideWatchlistMatch, listWatchlistMatches } from "~/domain/watchlists/watchlists.server";
import { formatDate, formatDateTime, formatNumber, plural } from "~/lib/format";
import { runAction, withDomainErrors } from "~/lib/actions.server";

export const meta: MetaFunction = () => [{ title: "Watchlist matches · Labour Due Diligence" }];

function companyOf(session: ReturnType<typeof requireUser>) {
  // Watchlist matches name the company's suppliers: only the company sees them (the platform administrator does not).
  if (session.membership?.orgType !== "company") throw new NotFound();
  return session.membership.orgId;
}

export const loader = /* @__PURE__ */ withDomainErrors(async ({ request, context }: LoaderFunctionArgs) => {
  const session = requireUser(request, context);
  const orgId = companyOf(session);
  const rows = await listWatchlistMatches(context.db, session, orgId);
  return {
    rows,
    editions: (await activeWatchlists(context.db)).map((e) => `${e.name} ${e.edition}`),
    canDecide: can(session, "suppliers.edit", { orgId }),
    threshold: CANDIDATE_THRESHOLD,
    matching: await watchlistMatchingStatus(context.db, session, orgId),
  };
});

export const action = /* @__PURE__ */ withDomainErrors(async ({ request, context }: ActionFunctionArgs) => {
  const session = requireUser(request, context);
  const orgId = companyOf(session);
  return runAction(request, WatchlistsPageSchema, async (input) => {
    if (input.intent === "rematch") {
      // In a worker thread: the request returns at once and the page shows the progress.
      await startWatchlistMatching(context.db, session, orgId);
    } else {
      await decideWatchlistMatch(context.db, session, orgId, { id: input.id, decision: input.decision, reason: input.reason, ip: context.ip });
    }
    throw redirect("/watchlists");
  });
});

const STATUS_LABELS = { candidate: "To review", confirmed: "Confirmed", dismissed: "Dismissed" } as const;

export default function Watchlists() {
  const { rows, editions, canDecide, threshold, matching } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const isRunning = matching.run?.status === "running";
  const revalidator = useRevalidator();
  // While a run goes on, the page asks for its progress every second and a half (keeping what is typed in the forms).
  useEffect(() => {
    if (!isRunning) return;
    const timer = setInterval(() => {
      if (revalidator.state === "idle") revalidator.revalidate();
    }, 1500);
    return () => clearInterval(timer);
  }, [isRunning, revalidator]);
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Watchlist matches</h1>
          <p>
            Your supplier and recruiter names compared with the watchlists the platform administrator loaded ({editions.length ? editions.join("; ") : "none active"}), after
            removing accents, punctuation and legal forms and ignoring word order. Names with a similarity of {threshold} or more are listed here for you to confirm or dismiss,
            with a reason. A confirmed supplier match is a red flag that lifts its risk score to at least <em>high</em>, citing the list edition; a dismissed match stays
            dismissed for that edition. See the <Link to="/methodology">methodology</Link>.
          </p>
        </div>
        {canDecide && editions.length > 0 ? (
          <Form method="post">
            <input type="hidden" name="intent" value="rematch" />
            <button className="button button--secondary" type="submit" disabled={isRunning} aria-describedby="matching-status">
              Match again now
            </button>
          </Form>
        ) : null}
      </div>
      <MatchingStatusLine status={matching} />
      <FormError message={result ? Object.values(result.errors)[0] : undefined} />
      {rows.length === 0 ? (
        // "No matches" with no list active would read as a clean result: it is no comparison at all.
        <p>{editions.length > 0 ? "No matches: none of your names is similar enough to an entry of the active lists." : "No watchlist is active on the platform yet, so your names have not been compared with any list."}</p>
      ) : (
        <TableWrap label="Watchlist matches">
          <table>
            <thead>
              <tr>
                <Th>Your {`supplier / recruiter`}</Th>
                <Th>Listed entity</Th>
                <Th>Similarity</Th>
                <Th>Status</Th>
                <Th>Decision</Th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} id={`match-${r.id}`}>
                  <th scope="row">
                    <Link to={r.entityType === "supplier" ? `/suppliers/${r.entityId}` : `/recruiters/${r.entityId}`}>{r.entityName}</Link>
                    <div className="muted">
                      {r.entityType}
                      {r.entityCountry ? ` · ${r.entityCountry}` : ""}
                    </div>
                  </th>
                  <td>
                    {r.entry.name ?? r.matchedName}
                    {r.matchedName !== r.entry.name ? <div className="muted">as {r.matchedName}</div> : null}
                    <div className="muted">
                      {r.entry.list}
                      {r.entry.country ? ` · ${r.entry.country}` : ""} · listed {r.entry.listed_on} · {r.entry.source}
                    </div>
                    <div className="muted">{r.edition}</div>
                  </td>
                  <td>{r.similarity.toFixed(2)}</td>
                  <td>
                    {STATUS_LABELS[r.status]}
                    {r.decidedBy ? (
                      <div className="muted">
                        {r.decidedBy}
                        {r.decidedAt ? `, ${formatDate(new Date(r.decidedAt))}` : ""}: {r.reason}
                      </div>
                    ) : r.reason ? (
                      <div className="muted">{r.reason}</div>
                    ) : null}
                  </td>
                  <td>
                    {canDecide ? (
                      <Form method="post" className="stack">
                        <input type="hidden" name="id" value={r.id} />
                        <label className="visually-hidden" htmlFor={`reason-${r.id}`}>
                          Reason for {r.entityName}
                        </label>
                        <input
                          id={`reason-${r.id}`}
                          name="reason"
                          type="text"
                          maxLength={500}
                          required
                          placeholder="Reason (identifier, address, document)"
                          defaultValue={result?.values.id === String(r.id) ? result.values.reason : undefined}
                        />
                        <div className="actions">
                          {r.status !== "confirmed" ? (
                            <button className="button" type="submit" name="decision" value="confirmed">
                              Confirm
                            </button>
                          ) : null}
                          {r.status !== "dismissed" ? (
                            <button className="button button--secondary" type="submit" name="decision" value="dismissed">
                              Dismiss
                            </button>
                          ) : null}
                        </div>
                      </Form>
                    ) : (
                      "—"
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </>
  );
}

function MatchingStatusLine({ status }: { status: MatchingStatus }) {
  const { run, last } = status;
  if (run?.status === "running" && run.platform) {
    return (
      <div className="card scoring-run" id="matching-status" role="status" aria-live="polite">
        <p>
          <strong>A new watchlist edition is being matched against every company&apos;s names</strong> (started {formatDateTime(run.startedAt)}).
        </p>
        <p className="muted">
          New candidates appear in the list when it finishes. <Link to="/watchlists">Refresh</Link>
        </p>
      </div>
    );
  }
  if (run?.status === "running") {
    return (
      <div className="card scoring-run" id="matching-status" role="status" aria-live="polite">
        <p>
          <strong>
            Matching… {formatNumber(run.done)} of {formatNumber(run.total)} names compared
          </strong>{" "}
          (started by {run.startedBy}, {formatDateTime(run.startedAt)}).
        </p>
        <progress max={run.total || 1} value={run.done} aria-label="Matching progress" />
        <p className="muted">
          New candidates appear in the list when it finishes. <Link to="/watchlists">Refresh</Link>
        </p>
      </div>
    );
  }
  return (
    <div id="matching-status" role="status" aria-live="polite">
      {run?.status === "failed" ? (
        <div className="alert alert--error">
          The matching started by {run.startedBy} at {formatDateTime(run.startedAt)} stopped: {run.failure}
        </div>
      ) : null}
      {last ? (
        <p className="muted">
          Last matched {formatDateTime(last.at)}
          {last.by ? ` by ${last.by}` : " after an import or a new watchlist edition"}: {last.names !== null ? `${plural(last.names, "name")} compared with ` : ""}
          {plural(last.editions, "edition")}, {plural(last.added, "new candidate")}.
        </p>
      ) : null}
    </div>
  );
}
