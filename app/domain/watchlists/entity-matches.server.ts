/**
 * The watchlist matches of one supplier or recruiter, as its page shows them (ADR 016): confirmed
 * matches (the red flags, with the edition, its citation and the decision), dismissed ones (who
 * and why, so that nobody asks again) and, to those who may decide, the candidates awaiting
 * review. Only the company's own members read them; partners' views of shared suppliers carry no
 * watchlist data.
 */
import { rawAll, rawGet, type Db } from "#db/client";
import { authorize, can, type Actor } from "~/auth/permissions.server";

export interface EntityMatch {
  id: number;
  status: "candidate" | "confirmed" | "dismissed";
  /** The entry's name in the list, and the name or alias that matched. */
  entryName: string;
  matchedName: string;
  list: string | null;
  entryCountry: string | null;
  listedOn: string | null;
  entrySource: string | null;
  /** "UFLPA Entity List 2026-11": the edition's name and edition label. */
  edition: string;
  /** The `#` lines of the edition (publisher, date, where it was taken from). */
  citation: string;
  /** When the edition became active on the platform (ms), if it is recorded. */
  editionActivatedAt: number | null;
  similarity: number;
  reason: string | null;
  decidedBy: string | null;
  decidedAt: number | null;
  /**
   * For a candidate: the latest decision on the same entry in an earlier edition of the same list
   * (a new edition is reviewed again; this says what was decided last time and why).
   */
  earlier: { status: "confirmed" | "dismissed"; edition: string; reason: string | null; decidedBy: string | null; decidedAt: number | null } | null;
}

export interface EntityWatchlists {
  confirmed: EntityMatch[];
  dismissed: EntityMatch[];
  /** Candidates awaiting review: listed only for those who may decide (null otherwise). */
  candidates: EntityMatch[] | null;
  candidateCount: number;
  canReview: boolean;
  /** How many watchlist editions are active (0: nothing has been matched against). */
  activeEditions: number;
}

/**
 * The matches of the organisation's supplier or recruiter `entityId` against the active watchlist
 * editions. Reads only rows of `orgId` (the actor's organisation, checked): another company's
 * matches of a supplier with the same id can never come back.
 */
export async function entityWatchlistMatches(db: Db, actor: Actor, orgId: number, entity: { type: "supplier" | "recruiter"; id: number }): Promise<EntityWatchlists> {
  authorize(actor, "suppliers.view", { orgId });
  const canReview = can(actor, "suppliers.edit", { orgId });
  const rows = await rawAll<{
    id: number;
    status: EntityMatch["status"];
    matched_name: string;
    entry_key: string;
    similarity: number;
    reason: string | null;
    decided_by: string | null;
    decided_at: number | null;
    entry: string | null;
    list_name: string;
    edition: string;
    citation: string;
    activated_at: number | null;
    source_id: number;
  }>(
    db,
    `select m.id, m.status, m.matched_name, m.entry_key, m.similarity, m.reason, u.name as decided_by, m.decided_at,
              rr.data as entry, s.name as list_name, s.name || ' ' || s.edition as edition, s.citation, s.activated_at, s.id as source_id
       from watchlist_matches m
       join reference_sources s on s.id = m.source_id and s.status = 'active' and s.kind = 'watchlist'
       left join reference_rows rr on rr.source_id = m.source_id and rr.key = m.entry_key
       left join users u on u.id = m.decided_by
       where m.org_id = ? and m.entity_type = ? and m.entity_id = ?
       order by case m.status when 'confirmed' then 0 when 'candidate' then 1 else 2 end, m.similarity desc, m.id`,
    orgId,
    entity.type,
    entity.id,
  );
  const earlierOf = `select m.status, s.name || ' ' || s.edition as edition, m.reason, u.name as decidedBy, m.decided_at as decidedAt
     from watchlist_matches m
     join reference_sources s on s.id = m.source_id and s.kind = 'watchlist'
     left join users u on u.id = m.decided_by
     where m.org_id = ? and m.entity_type = ? and m.entity_id = ? and m.entry_key = ? and s.name = ? and s.id <> ? and m.status in ('confirmed', 'dismissed')
     order by m.source_id desc limit 1`;
  const matches: EntityMatch[] = [];
  for (const r of rows) {
    const entry = r.entry ? (JSON.parse(r.entry) as Record<string, string>) : {};
    const earlier = r.status === "candidate" ? await rawGet<NonNullable<EntityMatch["earlier"]>>(db, earlierOf, orgId, entity.type, entity.id, r.entry_key, r.list_name, r.source_id) : undefined;
    matches.push({
      id: r.id,
      status: r.status,
      entryName: entry.name || r.matched_name,
      matchedName: r.matched_name,
      list: entry.list || null,
      entryCountry: entry.country || null,
      listedOn: entry.listed_on || null,
      entrySource: entry.source || null,
      edition: r.edition,
      citation: r.citation,
      editionActivatedAt: r.activated_at,
      similarity: r.similarity,
      reason: r.reason,
      decidedBy: r.decided_by,
      decidedAt: r.decided_at,
      earlier: earlier ?? null,
    });
  }
  const candidates = matches.filter((m) => m.status === "candidate");
  const activeEditions = (await rawGet<{ n: number }>(db, `select count(*) as n from reference_sources where kind = 'watchlist' and status = 'active'`))?.n ?? 0;
  return {
    confirmed: matches.filter((m) => m.status === "confirmed"),
    dismissed: matches.filter((m) => m.status === "dismissed"),
    candidates: canReview ? candidates : null,
    candidateCount: candidates.length,
    canReview,
    activeEditions,
  };
}
