import { useEffect } from "react";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useRevalidator } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guard.server";
import { can } from "~/auth/permissions.server";
import { FormError } from "~/components/field";
import { TableWrap, Th } from "~/components/table-wrap";
import { NotFound } from "~/domain/errors";
import { CANDIDATE_THRESHOLD } from "~/domain/watchlists/matching";
import { startWatchlistMatching, watchlistMatchingStatus, type MatchingStatus } from "~/domain/watchlists/match-runs.server";
import { WatchlistsPageSchema } from "~/domain/watchlists/schemas";
import { activeWatchlists, decideWatchlistMatch, listWatchlistMatches } from "~/domain/watchlists/watchlists.server";
import { useFormat } from "~/i18n/format";
import { serverT } from "~/i18n/i18n.server";
import { runAction, withDomainErrors } from "~/lib/actions.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "" }];

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
    pageTitle: `${serverT(context.locale, "watchlists")("title")} · ${serverT(context.locale, "common")("site.name")}`,
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
  }, context.locale);
});

export default function Watchlists() {
  const { rows, editions, canDecide, threshold, matching } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation("watchlists");
  const f = useFormat();
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
  const similarity = (n: number) => f.number(n, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return (
    <>
      <div className="page-header">
        <div>
          <h1>{t("title")}</h1>
          <p>
            <Trans
              t={t}
              i18nKey="intro"
              values={{ editions: editions.length ? editions.join("; ") : t("noEditionActive"), threshold: similarity(threshold) }}
              components={{ 1: <em />, 3: <Link to="/methodology" /> }}
            />
          </p>
        </div>
        {canDecide && editions.length > 0 ? (
          <Form method="post">
            <input type="hidden" name="intent" value="rematch" />
            <button className="button button--secondary" type="submit" disabled={isRunning} aria-describedby="matching-status">
              {t("rematch")}
            </button>
          </Form>
        ) : null}
      </div>
      <MatchingStatusLine status={matching} />
      <FormError message={result ? Object.values(result.errors)[0] : undefined} />
      {rows.length === 0 ? (
        // "No matches" with no list active would read as a clean result: it is no comparison at all.
        <p>{editions.length > 0 ? t("empty.noMatches") : t("empty.noLists")}</p>
      ) : (
        <TableWrap label={t("tableLabel")}>
          <table>
            <thead>
              <tr>
                <Th>{t("col.entity")}</Th>
                <Th>{t("col.listed")}</Th>
                <Th>{t("col.similarity")}</Th>
                <Th>{t("col.status")}</Th>
                <Th>{t("col.decision")}</Th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} id={`match-${r.id}`}>
                  <th scope="row">
                    <Link to={r.entityType === "supplier" ? `/suppliers/${r.entityId}` : `/recruiters/${r.entityId}`}>{r.entityName}</Link>
                    <div className="muted">{[t(`entityType.${r.entityType}`), ...(r.entityCountry ? [f.country(r.entityCountry)] : [])].join(" · ")}</div>
                  </th>
                  <td>
                    {r.entry.name ?? r.matchedName}
                    {r.matchedName !== r.entry.name ? <div className="muted">{t("matchedAs", { name: r.matchedName })}</div> : null}
                    {/* The list's own words (its name, its source) are data, in the list's language. */}
                    <div className="muted">
                      {[r.entry.list, ...(r.entry.country ? [f.country(r.entry.country)] : []), ...(r.entry.listed_on ? [t("listedOn", { date: f.date(r.entry.listed_on) })] : []), r.entry.source].filter(Boolean).join(" · ")}
                    </div>
                    <div className="muted">{r.edition}</div>
                  </td>
                  <td className="num">{similarity(r.similarity)}</td>
                  <td>
                    {t(`status.${r.status}`)}
                    {r.decidedBy ? (
                      <div className="muted">
                        {r.decidedAt ? t("decidedByOn", { who: r.decidedBy, date: f.date(r.decidedAt), reason: r.reason ?? "" }) : t("decidedBy", { who: r.decidedBy, reason: r.reason ?? "" })}
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
                          {t("reasonLabel", { name: r.entityName })}
                        </label>
                        <input
                          id={`reason-${r.id}`}
                          name="reason"
                          type="text"
                          maxLength={500}
                          required
                          placeholder={t("reasonPlaceholder")}
                          defaultValue={result?.values.id === String(r.id) ? result.values.reason : undefined}
                        />
                        <div className="actions">
                          {r.status !== "confirmed" ? (
                            <button className="button" type="submit" name="decision" value="confirmed">
                              {t("confirm")}
                            </button>
                          ) : null}
                          {r.status !== "dismissed" ? (
                            <button className="button button--secondary" type="submit" name="decision" value="dismissed">
                              {t("dismiss")}
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
  const { t } = useTranslation("watchlists");
  const f = useFormat();
  const { run, last } = status;
  const refresh = (
    <p className="muted">
      <Trans t={t} i18nKey="running.refresh" components={{ 1: <Link to="/watchlists" /> }} />
    </p>
  );
  if (run?.status === "running" && run.platform) {
    return (
      <div className="card scoring-run" id="matching-status" role="status" aria-live="polite">
        <p>
          <Trans t={t} i18nKey="running.platform" values={{ date: f.dateTime(run.startedAt) }} components={{ 1: <strong /> }} />
        </p>
        {refresh}
      </div>
    );
  }
  if (run?.status === "running") {
    return (
      <div className="card scoring-run" id="matching-status" role="status" aria-live="polite">
        <p>
          <Trans
            t={t}
            i18nKey="running.progress"
            values={{ done: f.number(run.done), total: f.number(run.total), who: run.startedBy, date: f.dateTime(run.startedAt) }}
            components={{ 1: <strong /> }}
          />
        </p>
        <progress max={run.total || 1} value={run.done} aria-label={t("running.progressLabel")} />
        {refresh}
      </div>
    );
  }
  const counts = last
    ? {
        date: f.dateTime(last.at),
        who: last.by ?? "",
        names: last.names !== null ? t("count.names", { count: last.names, n: f.number(last.names) }) : "",
        editions: t("count.editions", { count: last.editions, n: f.number(last.editions) }),
        added: t("count.added", { count: last.added, n: f.number(last.added) }),
      }
    : null;
  return (
    <div id="matching-status" role="status" aria-live="polite">
      {run?.status === "failed" ? (
        // The failure is the job's own technical message, as the worker reported it.
        <div className="alert alert--error">{t("failed", { who: run.platform ? t("platformAdmin") : run.startedBy, date: f.dateTime(run.startedAt), failure: run.failure ?? "" })}</div>
      ) : null}
      {last && counts ? <p className="muted">{t(`last.${last.by ? "person" : "auto"}${last.names !== null ? "Names" : ""}`, counts)}</p> : null}
    </div>
  );
}
