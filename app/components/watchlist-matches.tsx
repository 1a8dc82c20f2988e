/**
 * A supplier's or recruiter's watchlist matches on its own page (ADR 016): confirmed matches with
 * their edition, citation and decision; candidates awaiting review (listed for those who may
 * decide, counted for the others) with a link to the review queue; dismissed ones with who
 * dismissed them and why, so that nobody asks again.
 */
import { Link } from "@remix-run/react";
import type { EntityMatch, EntityWatchlists } from "~/domain/watchlists/entity-matches.server";
import { CANDIDATE_THRESHOLD } from "~/domain/watchlists/matching";
import { formatDate, plural } from "~/lib/format";

type Match = EntityMatch;

function Entry({ m }: { m: Match }) {
  return (
    <>
      <strong>{m.entryName}</strong>
      {m.matchedName !== m.entryName ? <span className="muted"> (matched as “{m.matchedName}”)</span> : null}
      <span className="cell-sub">
        {[m.list, m.entryCountry, m.listedOn ? `listed ${m.listedOn}` : null, m.entrySource].filter(Boolean).join(" · ")}
      </span>
    </>
  );
}

function Edition({ m, open = false }: { m: Match; open?: boolean }) {
  return (
    <details open={open}>
      <summary>
        {m.edition}
        {m.editionActivatedAt ? `, in force on the platform since ${formatDate(m.editionActivatedAt)}` : ""} · similarity {m.similarity.toFixed(2)}
      </summary>
      {m.citation.split("\n").map((line, i) => (
        <span key={i} className="cell-sub">
          {line.replace(/^#\s*/, "")}
        </span>
      ))}
    </details>
  );
}

const decision = (m: Pick<Match, "decidedBy" | "decidedAt">) => `${m.decidedBy ?? "a former member"}${m.decidedAt ? ` on ${formatDate(m.decidedAt)}` : ""}`;

export function WatchlistMatches({ data, entity }: { data: EntityWatchlists; entity: "supplier" | "recruiter" }) {
  const { confirmed, dismissed, candidates, candidateCount, canReview, activeEditions } = data;
  const none = confirmed.length === 0 && dismissed.length === 0 && candidateCount === 0;
  return (
    <section className="card" aria-labelledby="watchlists-heading">
      <h2 id="watchlists-heading">Watchlists</h2>
      {none ? (
        <p className="muted">
          {activeEditions === 0
            ? `No watchlist is active on the platform, so this ${entity}’s name has not been compared with any.`
            : `No watchlist match is recorded for this ${entity} in the ${plural(activeEditions, "active edition")} (a match needs a name similarity of ${CANDIDATE_THRESHOLD} or more). Names are compared when an edition is activated, after each import, and when someone chooses “Match again now” on the Watchlists page.`}
        </p>
      ) : null}

      {confirmed.length > 0 ? (
        <div className="alert alert--warning" role="note">
          <p>
            <strong>{confirmed.length === 1 ? "Confirmed on a watchlist" : `Confirmed on ${confirmed.length} watchlists`}</strong>: a red flag that keeps the risk score at least{" "}
            <em>high</em> while the entry stays listed.
          </p>
          <ul className="reasons">
            {confirmed.map((m) => (
              <li key={m.id}>
                <Entry m={m} />
                <span className="cell-sub">
                  Confirmed by {decision(m)}
                  {m.reason ? `: ${m.reason}` : ""}
                </span>
                <Edition m={m} open />
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      {candidateCount > 0 ? (
        canReview && candidates ? (
          <div>
            <h3>{plural(candidateCount, "possible match", "possible matches")} awaiting review</h3>
            <ul className="reasons">
              {candidates.map((m) => (
                <li key={m.id}>
                  <Entry m={m} />
                  <Edition m={m} />
                  {m.earlier ? (
                    <span className="cell-sub">
                      On {m.earlier.edition}: {m.earlier.status} by {decision(m.earlier)}
                      {m.earlier.reason ? ` because “${m.earlier.reason}”` : ""}
                    </span>
                  ) : null}
                </li>
              ))}
            </ul>
            <p>
              <Link to={`/watchlists#match-${candidates[0]!.id}`}>Confirm or dismiss in the watchlist review queue</Link>
            </p>
          </div>
        ) : (
          <p>
            {plural(candidateCount, "possible match", "possible matches")} {candidateCount === 1 ? "is" : "are"} awaiting review by your company’s admins and members (
            <Link to="/watchlists">watchlist matches</Link>).
          </p>
        )
      ) : null}

      {dismissed.length > 0 ? (
        <details>
          <summary>{plural(dismissed.length, "match", "matches")} dismissed</summary>
          <ul className="reasons">
            {dismissed.map((m) => (
              <li key={m.id}>
                <Entry m={m} />
                <span className="cell-sub">
                  {m.edition}: dismissed by {decision(m)}
                  {m.reason ? ` because “${m.reason}”` : ""}
                </span>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}
