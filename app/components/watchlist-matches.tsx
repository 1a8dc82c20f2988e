/**
 * A supplier's or recruiter's watchlist matches on its own page (ADR 016): confirmed matches with
 * their edition, citation and decision; candidates awaiting review (listed for those who may
 * decide, counted for the others) with a link to the review queue; dismissed ones with who
 * dismissed them and why, so that nobody asks again.
 */
import { Link } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import type { EntityMatch, EntityWatchlists } from "~/domain/watchlists/entity-matches.server";
import { CANDIDATE_THRESHOLD } from "~/domain/watchlists/matching";
import { useFormat, type Formats } from "~/i18n/format";

type Match = EntityMatch;
type T = ReturnType<typeof useTranslation<"suppliers">>["t"];

/** A list's "listed on" is usually a calendar day; anything else is shown as the list wrote it. */
const listedDay = (value: string, formats: Formats) => (/^\d{4}-\d{2}-\d{2}$/.test(value) ? formats.date(value) : value);

function Entry({ m }: { m: Match }) {
  const { t } = useTranslation("suppliers");
  const formats = useFormat();
  return (
    <>
      <strong>{m.entryName}</strong>
      {m.matchedName !== m.entryName ? <span className="muted"> {t("watchlist.matchedAs", { name: m.matchedName })}</span> : null}
      <span className="cell-sub">
        {[m.list, m.entryCountry, m.listedOn ? t("watchlist.listedOn", { date: listedDay(m.listedOn, formats) }) : null, m.entrySource].filter(Boolean).join(" · ")}
      </span>
    </>
  );
}

function Edition({ m, open = false }: { m: Match; open?: boolean }) {
  const { t } = useTranslation("suppliers");
  const formats = useFormat();
  const similarity = formats.number(m.similarity, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return (
    <details open={open}>
      <summary>
        {m.editionActivatedAt ? t("watchlist.editionSince", { edition: m.edition, date: formats.date(m.editionActivatedAt) }) : m.edition} · {t("watchlist.similarity", { value: similarity })}
      </summary>
      {m.citation.split("\n").map((line, i) => (
        <span key={i} className="cell-sub">
          {line.replace(/^#\s*/, "")}
        </span>
      ))}
    </details>
  );
}

/** Who decided, and when: "Ana Lim on 1 Dec 2026". */
const decision = (m: Pick<Match, "decidedBy" | "decidedAt">, t: T, formats: Formats) => {
  const who = m.decidedBy ?? t("watchlist.formerMember");
  return m.decidedAt ? t("watchlist.decidedOn", { who, date: formats.date(m.decidedAt) }) : who;
};

export function WatchlistMatches({ data, entity }: { data: EntityWatchlists; entity: "supplier" | "recruiter" }) {
  const { t } = useTranslation("suppliers");
  const formats = useFormat();
  const { confirmed, dismissed, candidates, candidateCount, canReview, activeEditions } = data;
  const none = confirmed.length === 0 && dismissed.length === 0 && candidateCount === 0;
  const candidateText = { count: candidateCount, n: formats.number(candidateCount) };
  return (
    <section className="card" aria-labelledby="watchlists-heading">
      <h2 id="watchlists-heading">{t("watchlist.heading")}</h2>
      {none ? (
        <p className="muted">
          {activeEditions === 0
            ? t(`watchlist.noneActive.${entity}`)
            : t(`watchlist.noMatch.${entity}`, { count: activeEditions, n: formats.number(activeEditions), threshold: formats.number(CANDIDATE_THRESHOLD) })}
        </p>
      ) : null}

      {confirmed.length > 0 ? (
        <div className="alert alert--warning" role="note">
          <p>
            <Trans t={t} i18nKey="watchlist.confirmed" count={confirmed.length} values={{ n: formats.number(confirmed.length) }} components={{ 1: <strong />, 2: <em /> }} />
          </p>
          <ul className="reasons">
            {confirmed.map((m) => (
              <li key={m.id}>
                <Entry m={m} />
                <span className="cell-sub">
                  {m.reason ? t("watchlist.confirmedByReason", { who: decision(m, t, formats), reason: m.reason }) : t("watchlist.confirmedBy", { who: decision(m, t, formats) })}
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
            <h3>{t("watchlist.awaiting", candidateText)}</h3>
            <ul className="reasons">
              {candidates.map((m) => (
                <li key={m.id}>
                  <Entry m={m} />
                  <Edition m={m} />
                  {m.earlier ? (
                    <span className="cell-sub">
                      {m.earlier.reason
                        ? t(`watchlist.earlier.${m.earlier.status}Reason`, { edition: m.earlier.edition, who: decision(m.earlier, t, formats), reason: m.earlier.reason })
                        : t(`watchlist.earlier.${m.earlier.status}`, { edition: m.earlier.edition, who: decision(m.earlier, t, formats) })}
                    </span>
                  ) : null}
                </li>
              ))}
            </ul>
            <p>
              <Link to={`/watchlists#match-${candidates[0]!.id}`}>{t("watchlist.reviewLink")}</Link>
            </p>
          </div>
        ) : (
          <p>
            <Trans t={t} i18nKey="watchlist.awaitingOthers" count={candidateCount} values={{ n: formats.number(candidateCount) }} components={{ 1: <Link to="/watchlists" /> }} />
          </p>
        )
      ) : null}

      {dismissed.length > 0 ? (
        <details>
          <summary>{t("watchlist.dismissedCount", { count: dismissed.length, n: formats.number(dismissed.length) })}</summary>
          <ul className="reasons">
            {dismissed.map((m) => (
              <li key={m.id}>
                <Entry m={m} />
                <span className="cell-sub">
                  {m.reason
                    ? t("watchlist.dismissedByReason", { edition: m.edition, who: decision(m, t, formats), reason: m.reason })
                    : t("watchlist.dismissedBy", { edition: m.edition, who: decision(m, t, formats) })}
                </span>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}
