/**
 * The workplaces an inspectorate may plan audits for: suppliers that companies shared with it
 * (active shares) located in its jurisdiction (its countries). Everything else answers 404.
 */
import type { Db } from "#db/client";
import { organisations } from "#db/schema";
import { eq } from "drizzle-orm";
import { authorize, type Actor } from "~/auth/permissions.server";
import { activeSharesTo, shareCondition } from "../sharing.server";

export interface WorkplaceScope {
  /** SQL over alias `s` (suppliers), or null when nothing is shared with the inspectorate. */
  sql: string | null;
  params: unknown[];
  jurisdictions: string[];
}

export function workplaceScope(db: Db, inspectorateId: number): WorkplaceScope {
  const org = db.select({ jurisdictions: organisations.jurisdictions }).from(organisations).where(eq(organisations.id, inspectorateId)).get();
  const jurisdictions = org?.jurisdictions ?? [];
  const shares = activeSharesTo(db, inspectorateId);
  if (shares.length === 0 || jurisdictions.length === 0) return { sql: null, params: [], jurisdictions };
  const arms = shares.map(shareCondition);
  return {
    sql: `((${arms.map((a) => a.sql).join(" or ")}) and s.country in (select value from json_each(?)))`,
    params: [...arms.flatMap((a) => a.params), JSON.stringify(jurisdictions)],
    jurisdictions,
  };
}

export interface Workplace {
  id: number;
  name: string;
  country: string | null;
  sector: string | null;
  companyOrgId: number;
  companyName: string;
  riskScore: number | null;
  riskBand: string | null;
}

const COLUMNS = `s.id, s.name, s.country, s.sector, s.org_id as companyOrgId, o.name as companyName, s.risk_score as riskScore, s.risk_band as riskBand`;

/** One workplace the inspectorate may audit, or a 404. */
export function requireWorkplace(db: Db, actor: Actor, supplierId: number): Workplace {
  const orgId = actor.membership?.orgId ?? -1;
  authorize(actor, "audits.view", { orgId });
  const scope = workplaceScope(db, orgId);
  const row = scope.sql
    ? (db.$client.prepare(`select ${COLUMNS} from suppliers s join organisations o on o.id = s.org_id where s.id = ? and ${scope.sql}`).get(supplierId, ...scope.params) as Workplace | undefined)
    : undefined;
  if (!row) throw new Response("Not found", { status: 404, statusText: "Not Found" });
  return row;
}

/** Workplaces matching a search, for the schedule form's picker (highest risk first). */
export function searchWorkplaces(db: Db, actor: Actor, q: string, limit = 20): Workplace[] {
  const orgId = actor.membership?.orgId ?? -1;
  authorize(actor, "audits.view", { orgId });
  const scope = workplaceScope(db, orgId);
  if (!scope.sql) return [];
  const pattern = `%${q.trim().slice(0, 100).replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
  return db.$client
    .prepare(`select ${COLUMNS} from suppliers s join organisations o on o.id = s.org_id where ${scope.sql} and s.name like ? escape '\\' order by s.risk_score desc nulls last, s.id limit ?`)
    .all(...scope.params, pattern, limit) as Workplace[];
}
