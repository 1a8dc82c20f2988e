/**
 * Watchlists (ADR 016): the active editions of reference kind "watchlist" matched against each
 * company's supplier and recruiter names; candidates reviewed by the company (confirm / dismiss,
 * with a reason and who); confirmed supplier matches read by the scorer as a red flag.
 *
 * Only the company sees its candidates (they name its suppliers); the platform administrator
 * loads the lists but sees no company's matches (ADR 010: aggregates only).
 */
import { inTransaction, rawAll, rawColumn, rawGet, rawRun, type Db } from "#db/client";
import { authorize, type Actor } from "~/auth/permissions.server";
import { recordEvent } from "../activity-log/activity-log.server";
import { InputError, NotFound } from "../errors";
import { referenceRowsOf } from "../reference/sources.server";
import { scoreOrganisation } from "../risk/scoring.server";
import { countScoredEntities } from "../risk/scoring-inputs.server";
import { WatchlistIndex, type MatchHit, type WatchlistEntry } from "./matching";

interface Edition {
  id: number;
  name: string;
  edition: string;
}

const indexes = new Map<number, WatchlistIndex>();

/** The active watchlist editions. */
export async function activeWatchlists(db: Db): Promise<Edition[]> {
  return await rawAll<Edition>(db, `select id, name, edition from reference_sources where kind = 'watchlist' and status = 'active' order by id`);
}

/** An edition's entries as the matcher takes them (aliases separated by `;` or `|`). */
export async function watchlistEntries(db: Db, sourceId: number): Promise<WatchlistEntry[]> {
  return [...(await referenceRowsOf(db, sourceId))].map(([key, r]) => ({
    key,
    name: r.name!,
    aliases: (r.aliases ?? "").split(/[;|]/).map((a) => a.trim()).filter(Boolean),
    country: r.country?.trim().toUpperCase() || null,
  }));
}

async function indexOf(db: Db, sourceId: number): Promise<WatchlistIndex> {
  let index = indexes.get(sourceId);
  if (!index) indexes.set(sourceId, (index = new WatchlistIndex(await watchlistEntries(db, sourceId))));
  return index;
}

export interface MatchOptions {
  /** Called as names are compared (every PROGRESS_EVERY names and at the end). */
  onProgress?: (done: number, total: number) => void;
  /** Who asked for the run ("Match again now"): then the run is recorded even when it adds nothing. */
  startedBy?: number | null;
  /** Only this record (one added or renamed through the API): its name, not the whole list's. */
  only?: { type: "supplier" | "recruiter"; id: number };
}

const PROGRESS_EVERY = 1000;

/**
 * Matches one company's suppliers and recruiters against every active watchlist edition and
 * stores new candidates. A pair already stored for that edition (candidate, confirmed or
 * dismissed) is left as it is: a dismissed match stays dismissed for that edition. A match
 * confirmed against an earlier edition of the same list, whose entry is in the new edition, is
 * carried over as confirmed (a person decided it; the new edition still lists the entry). Returns
 * the number of new rows.
 *
 * The names are compared before the write transaction begins (seconds at 100k names), so the
 * write lock is held only for inserting the hits.
 */
export async function matchOrganisation(db: Db, orgId: number, options: MatchOptions = {}): Promise<number> {
  const editions = await activeWatchlists(db);
  if (!editions.length) return 0;
  const only = options.only;
  const one = (type: "supplier" | "recruiter") => (only ? (only.type === type ? ` and id = ${Number(only.id)}` : " and false") : "");
  const entities = [
    ...(await rawAll<{ type: "supplier"; id: number; name: string; country: string | null }>(db, `select 'supplier' as type, id, name, country from suppliers where org_id = ? and merged_into_id is null${one("supplier")} order by id`, orgId)),
    ...(await rawAll<{ type: "recruiter"; id: number; name: string; country: string | null }>(db, `select 'recruiter' as type, id, name, country from recruiters where org_id = ?${one("recruiter")} order by id`, orgId)),
  ];
  const total = entities.length;
  const indexed: { edition: Edition; index: WatchlistIndex }[] = [];
  for (const edition of editions) indexed.push({ edition, index: await indexOf(db, edition.id) });
  const hits: { edition: Edition; entity: (typeof entities)[number]; hit: MatchHit }[] = [];
  entities.forEach((entity, i) => {
    for (const { edition, index } of indexed) for (const hit of index.match(entity.name, entity.country)) hits.push({ edition, entity, hit });
    if ((i + 1) % PROGRESS_EVERY === 0) options.onProgress?.(i + 1, total);
  });
  const insert = `insert into watchlist_matches (org_id, entity_type, entity_id, source_id, entry_key, matched_name, entity_name, similarity, status, reason, decided_by, decided_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing`;
  const earlier = `select m.reason, m.decided_by, m.decided_at, s.edition from watchlist_matches m join reference_sources s on s.id = m.source_id
     where m.entity_type = ? and m.entity_id = ? and m.entry_key = ? and m.status = 'confirmed' and s.kind = 'watchlist' and s.name = ? and s.id <> ?
     order by m.source_id desc limit 1`;
  let added = 0;
  const carried: number[] = [];
  if (hits.length) {
    // One awaited statement per hit: hits are the few names that resemble a listed entry, not every name.
    await inTransaction(db, async () => {
            for (const { edition, entity: e, hit } of hits) {
              const before = await rawGet<{ reason: string | null; decided_by: number | null; decided_at: number | null; edition: string }>(db, earlier, e.type, e.id, hit.key, edition.name, edition.id);
              const status = before ? "confirmed" : "candidate";
              const reason = before ? `confirmed on edition ${before.edition}${before.reason ? `: ${before.reason}` : ""}` : null;
              // Raw rows carry times as epoch ms; a time is bound as a Date (PostgreSQL's column is a timestamp).
              const decidedAt = before?.decided_at == null ? null : new Date(before.decided_at);
              const changes = await rawRun(db, insert, orgId, e.type, e.id, edition.id, hit.key, hit.matchedName, e.name, hit.similarity, status, reason, before?.decided_by ?? null, decidedAt);
              added += changes;
              if (changes && before && e.type === "supplier") carried.push(e.id);
            }
          });
  }
  options.onProgress?.(total, total);
  const onDemand = options.startedBy !== undefined;
  if (added || onDemand) {
    await recordEvent(db, {
            action: "watchlist.matched",
            actorUserId: options.startedBy ?? null,
            orgId,
            targetType: "organisation",
            targetId: orgId,
            details: { editions: editions.map((e) => e.id), added, names: total, hits: hits.length, ...(onDemand ? { onDemand: true } : {}) },
          });
  }
  if (carried.length) await scoreOrganisation(db, orgId, { cause: "watchlist match carried to a new edition", supplierIds: carried });
  return added;
}

/**
 * Matches every company (after a watchlist edition was activated; in a worker thread, see
 * match-runs.server.ts), reporting names compared across all of them.
 */
export async function matchAllOrganisations(db: Db, onProgress?: (done: number, total: number) => void): Promise<number> {
  const orgs = await rawColumn<number>(db, `select id from organisations where type = 'company' order by id`);
  const total = await countScoredEntities(db);
  let before = 0;
  let added = 0;
  for (const id of orgs) {
    let last = 0;
    added += await matchOrganisation(db, id, { onProgress: onProgress && ((done) => onProgress(before + (last = done), total)) });
    before += last;
  }
  onProgress?.(total, total);
  return added;
}

export interface WatchlistMatchRow {
  id: number;
  entityType: "supplier" | "recruiter";
  entityId: number;
  entityName: string;
  entityCountry: string | null;
  matchedName: string;
  entry: Record<string, string>;
  similarity: number;
  status: "candidate" | "confirmed" | "dismissed";
  reason: string | null;
  decidedBy: string | null;
  decidedAt: number | null;
  edition: string;
  citation: string;
}

/** The company's matches against the active editions, candidates first. */
export async function listWatchlistMatches(db: Db, actor: Actor, orgId: number): Promise<WatchlistMatchRow[]> {
  authorize(actor, "suppliers.view", { orgId });
  const rows = await rawAll<Record<string, unknown>>(
    db,
    `select m.id, m.entity_type, m.entity_id, coalesce(su.name, re.name, m.entity_name) as entity_name, coalesce(su.country, re.country) as entity_country,
              m.matched_name, rr.data as entry, m.similarity, m.status, m.reason, u.name as decided_by, m.decided_at, s.name || ' ' || s.edition as edition, s.citation
       from watchlist_matches m
       join reference_sources s on s.id = m.source_id and s.status = 'active'
       left join reference_rows rr on rr.source_id = m.source_id and rr.key = m.entry_key
       left join suppliers su on m.entity_type = 'supplier' and su.id = m.entity_id
       left join recruiters re on m.entity_type = 'recruiter' and re.id = m.entity_id
       left join users u on u.id = m.decided_by
       where m.org_id = ?
       order by case m.status when 'candidate' then 0 when 'confirmed' then 1 else 2 end, m.similarity desc, m.id`,
    orgId,
  );
  return rows.map((r) => ({
    id: r.id as number,
    entityType: r.entity_type as WatchlistMatchRow["entityType"],
    entityId: r.entity_id as number,
    entityName: r.entity_name as string,
    entityCountry: (r.entity_country as string | null) ?? null,
    matchedName: r.matched_name as string,
    entry: r.entry ? (JSON.parse(r.entry as string) as Record<string, string>) : {},
    similarity: r.similarity as number,
    status: r.status as WatchlistMatchRow["status"],
    reason: (r.reason as string | null) ?? null,
    decidedBy: (r.decided_by as string | null) ?? null,
    decidedAt: (r.decided_at as number | null) ?? null,
    edition: r.edition as string,
    citation: r.citation as string,
  }));
}

/**
 * Confirms or dismisses a match of the company's, with a reason; the supplier is rescored at once
 * (a confirmed match is a red flag in method version 2). Another organisation's match is a 404.
 */
export async function decideWatchlistMatch(db: Db, actor: Actor, orgId: number, input: { id: number; decision: string; reason: string; ip?: string | null }): Promise<void> {
  authorize(actor, "suppliers.edit", { orgId });
  if (!Number.isSafeInteger(input.id) || input.id <= 0) throw new InputError("id", "watchlists:errors.chooseMatch");
  const match = await rawGet<{ id: number; entity_type: "supplier" | "recruiter"; entity_id: number; status: string }>(
    db,
    `select id, entity_type, entity_id, status from watchlist_matches where id = ? and org_id = ?`,
    input.id,
    orgId,
  );
  if (!match) throw new NotFound();
  if (input.decision !== "confirmed" && input.decision !== "dismissed") throw new InputError("decision", "watchlists:errors.chooseDecision");
  const reason = input.reason.trim();
  if (reason.length < 3 || reason.length > 500) throw new InputError("reason", "watchlists:errors.reason", { min: 3, max: 500 });
  if (match.status === input.decision) throw new InputError("decision", `watchlists:errors.already.${match.status === "confirmed" ? "confirmed" : "dismissed"}`);
  await inTransaction(db, async () => {
        await rawRun(db, `update watchlist_matches set status = ?, reason = ?, decided_by = ?, decided_at = ? where id = ?`, input.decision, reason, actor.user.id, new Date(), match.id);
        await recordEvent(db, { action: "watchlist.match_decided", actorUserId: actor.user.id, orgId, targetType: "watchlist_match", targetId: match.id, ip: input.ip, details: { decision: input.decision, entity: `${match.entity_type} ${match.entity_id}` } });
      });
  const cause = `watchlist match ${input.decision}`;
  if (match.entity_type === "supplier") await scoreOrganisation(db, orgId, { cause, supplierIds: [match.entity_id] });
  else {
    // A recruiter is rescored with the suppliers it serves (their scores do not move); one serving none, with the organisation.
    const served = await rawColumn<number>(db, `select distinct supplier_id from supplier_recruiters where recruiter_id = ? order by supplier_id`, match.entity_id);
    await scoreOrganisation(db, orgId, served.length ? { cause, supplierIds: served } : { cause });
  }
}
