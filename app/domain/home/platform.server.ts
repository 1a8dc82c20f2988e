/**
 * The platform administrator's home: organisations by type, people, and what every score rests on
 * (the active methodology, the active reference editions, and new versions waiting to be activated).
 */
import { rawAll, rawGet, type Db } from "#db/client";
import { authorize, type Actor } from "~/auth/permissions.server";
import { platformOverview } from "../organisations/platform.server";

export async function platformHome(db: Db, actor: Actor) {
  authorize(actor, "organisations.manage");
  const overview = await platformOverview(db, actor);
  const organisations = Object.values(overview.byType).reduce((t, n) => t + n, 0);
  const latestOrgs = await rawAll<{ id: number; name: string; type: string; createdAt: number }>(db, `select id, name, type, created_at as createdAt from organisations order by created_at desc, id desc limit 5`);
  const methodology = await rawGet<{ id: number; version: string; name: string; activatedAt: number | null }>(db, `select id, version, name, activated_at as activatedAt from methodologies where status = 'active'`);
  const draftMethodologies = (await rawGet<{ n: number }>(db, `select count(*) as n from methodologies where status = 'draft'`))?.n ?? 0;
  const references = await rawAll<{ id: number; kind: string; name: string; edition: string; activatedAt: number | null }>(
    db,
    `select id, kind, name, edition, activated_at as activatedAt from reference_sources where status = 'active' order by kind, name`,
  );
  const draftReferences = (await rawGet<{ n: number }>(db, `select count(*) as n from reference_sources where status = 'pending'`))?.n ?? 0;
  // Contests of the method wait for the administrator, who owns it. Only what the list shows them:
  // the union and when, never the supplier (operating the platform does not need its data).
  const methodContests = await rawAll<{ id: number; unionName: string; createdAt: number }>(
    db,
    `select c.id, o.name as unionName, c.created_at as createdAt from contests c join organisations o on o.id = c.org_id where c.kind = 'method' and c.status = 'open' order by c.created_at desc, c.id desc`,
  );
  return { ...overview, organisations, latestOrgs, methodology: methodology ?? null, draftMethodologies, references, draftReferences, methodContests: { total: methodContests.length, latest: methodContests.slice(0, 5) } };
}

export type PlatformHomeData = Awaited<ReturnType<typeof platformHome>>;
