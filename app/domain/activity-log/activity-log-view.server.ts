/**
 * Reading the append-only activity log: an organisation's admins browse and filter their own
 * organisation's entries and export them; the platform administrator sees every organisation's.
 */
import { rawAll, rawColumn, rawGet, type Db } from "#db/client";
import { authorize, type Actor } from "~/auth/permissions.server";
import { recordEvent } from "./activity-log.server";
import { isLocalDate } from "../audits/local-time";
import { describeEvent, namedIds, type LogNames } from "./sentences.server";

export interface LogFilter {
  action?: string;
  from?: string;
  to?: string;
  q?: string;
  page?: number;
}

/**
 * The actor is given as the user's id, name and e-mail from the users table, in separate fields:
 * never one "Name <email>" string, which a display name such as `Pat <admin@platform.example>`
 * could imitate.
 */
export interface LogRow {
  id: number;
  at: number;
  action: string;
  actorUserId: number | null;
  actorName: string | null;
  actorEmail: string | null;
  organisation: string | null;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  details: string | null;
}

export const LOG_PAGE = 100;

function scope(db: Db, actor: Actor, filter: LogFilter) {
  const all = actor.user.isPlatformAdmin && !actor.membership;
  if (all) authorize(actor, "audit_log.view", { orgId: -1 });
  else authorize(actor, "audit_log.view", { orgId: actor.membership?.orgId ?? -1 });
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (condition: string, ...values: unknown[]) => {
    where.push(condition);
    params.push(...values);
  };
  const like = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);
  if (!all) add("l.org_id = ?", actor.membership!.orgId);
  // Case-insensitive on both engines (SQLite's LIKE folds ASCII case, PostgreSQL's folds none);
  // times bound as Dates (PostgreSQL's column is a timestamp).
  if (filter.action) add("lower(l.action) like lower(?) escape '\\'", `${like(filter.action)}%`);
  if (filter.from && isLocalDate(filter.from)) add("l.at >= ?", new Date(Date.parse(`${filter.from}T00:00:00Z`)));
  if (filter.to && isLocalDate(filter.to)) add("l.at < ?", new Date(Date.parse(`${filter.to}T00:00:00Z`) + 86_400_000));
  if (filter.q) add("(lower(u.name) like lower(?) escape '\\' or lower(u.email) like lower(?) escape '\\')", `%${like(filter.q)}%`, `%${like(filter.q)}%`);
  const sql = `from audit_log l left join users u on u.id = l.actor_user_id left join organisations o on o.id = l.org_id ${where.length ? `where ${where.join(" and ")}` : ""}`;
  return { sql, params, all };
}

const COLUMNS = `l.id, l.at, l.action, l.actor_user_id as actorUserId, u.name as actorName, u.email as actorEmail, o.name as organisation, l.target_type as targetType, l.target_id as targetId, l.ip, l.details`;

/** A page of the log, each entry put into words in `lng` (the reader's language) when it is read. */
export async function browseLog(db: Db, actor: Actor, filter: LogFilter, lng = "en") {
  const { sql, params, all } = scope(db, actor, filter);
  const page = Math.max(1, Math.floor(filter.page ?? 1));
  const total = (await rawGet<{ n: number }>(db, `select count(*) as n ${sql}`, ...params))!.n;
  const rows = await rawAll<LogRow>(db, `select ${COLUMNS} ${sql} order by l.at desc, l.id desc limit ? offset ?`, ...params, LOG_PAGE, (page - 1) * LOG_PAGE);
  // The event filter offers the events of the viewer's own log only: another organisation's
  // event names would tell what happens there.
  const actions = all
    ? await rawColumn<string>(db, `select distinct action from audit_log order by action`)
    : await rawColumn<string>(db, `select distinct action from audit_log where org_id = ? order by action`, actor.membership!.orgId);
  const names = await namesFor(db, rows);
  return { rows: rows.map((r) => ({ ...r, sentence: describeEvent(r, names, lng) })), total, page, pages: Math.max(1, Math.ceil(total / LOG_PAGE)), actions, platformWide: all };
}

/**
 * The names a page of entries mentions (partners, suppliers, members), one query per table. Every
 * id comes from an entry of the viewer's own log, written after the action it records was
 * authorised: the viewer dealt with these organisations, suppliers and people when it happened.
 */
async function namesFor(db: Db, rows: LogRow[]): Promise<LogNames> {
  const ids = namedIds(rows);
  const table = async (sql: string, list: number[]) =>
    list.length ? Object.fromEntries((await rawAll<{ id: number; name: string }>(db, `${sql} where id in (select value from json_each(?))`, JSON.stringify(list))).map((r) => [r.id, r.name])) : {};
  return {
    orgs: await table(`select id, name from organisations`, ids.orgs),
    suppliers: await table(`select id, name from suppliers`, ids.suppliers),
    users: await table(`select id, name from users`, ids.users),
  };
}

/**
 * Every entry the filter selects, in the order they were recorded, as CSV rows (header first).
 * The header and the cells stay in machine form in every language (codes, ISO times, the details
 * as recorded): the file is the log's evidence, read by programs, courts and auditors, and the
 * same export must not differ by who downloaded it. The page is where the log reads in words.
 * Read a page at a time (keyset on id) rather than through an open cursor, which would keep the
 * shared connection busy for other requests while the download streams.
 */
export async function* logRows(db: Db, actor: Actor, filter: LogFilter): AsyncGenerator<string[]> {
  const { sql, params } = scope(db, actor, filter);
  yield ["id", "time_utc", "action", "actor_user_id", "actor_name", "actor_email", "organisation", "target_type", "target_id", "ip", "details"];
  const page = `select ${COLUMNS} ${sql} ${sql.includes(" where ") ? "and" : "where"} l.id > ? order by l.id limit 2000`;
  let after = 0;
  for (;;) {
    const rows = await rawAll<LogRow>(db, page, ...params, after);
    for (const r of rows) yield [String(r.id), new Date(r.at).toISOString(), r.action, r.actorUserId === null ? "" : String(r.actorUserId), r.actorName ?? "", r.actorEmail ?? "", r.organisation ?? "", r.targetType ?? "", r.targetId ?? "", r.ip ?? "", r.details ?? ""];
    if (rows.length < 2000) return;
    after = rows[rows.length - 1]!.id;
  }
}

/**
 * Records that the actor exported the log with this filter, before the first row leaves: an
 * export that is cut short is still on record. The count is of the entries the filter selects.
 */
export async function recordLogExport(db: Db, actor: Actor, filter: LogFilter, ip: string | null): Promise<void> {
  const { sql, params } = scope(db, actor, filter);
  const rows = (await rawGet<{ n: number }>(db, `select count(*) as n ${sql}`, ...params))!.n;
  const filters = Object.fromEntries(Object.entries({ action: filter.action, from: filter.from, to: filter.to, q: filter.q }).filter(([, v]) => v));
  await recordEvent(db, { action: "export.audit_log", actorUserId: actor.user.id, orgId: actor.membership?.orgId ?? null, ip, details: { filters, rows } });
}
