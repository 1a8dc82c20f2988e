/**
 * The inspectorate's queue and planner over many shared workplaces: a company's whole list
 * (imported through the real import and scored) shared with an inspectorate whose jurisdiction
 * covers every country in it, three inspectors, and the plan for four weeks. Baseline of the same
 * run: the bare SQL reading the same workplaces ordered by score.
 */
import { activeSharesTo } from "../../app/domain/sharing/sharing.server";
import { generatePlan } from "../../app/domain/audits/plan.server";
import { priorityQueue } from "../../app/domain/audits/queue.server";
import { scoreOrganisation } from "../../app/domain/risk/scoring.server";
import type { Actor } from "../../app/auth/permissions.server";
import { companyActor, freshDb, importFile } from "./import";

const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function queueAndPlan(file: string, rows: number) {
  const db = await freshDb("audits.db");
  const company = companyActor(db);
  await importFile(db, company.actor, company.orgId, file, rows);
  await scoreOrganisation(db, company.orgId, { cause: "bench" });
  const sql = db.$client;
  const countries = (sql.prepare(`select distinct country from suppliers where country is not null`).raw().all() as [string][]).map(([c]) => c);
  const org = sql.prepare(`insert into organisations (type, name, jurisdictions) values ('inspectorate', 'Bench Inspectorate', ?) returning id`).get(JSON.stringify(countries)) as { id: number };
  const people = [1, 2, 3].map((i) => {
    const u = sql.prepare(`insert into users (email, name) values (?, ?) returning id`).get(`inspector${i}@example.org`, `Inspector ${i}`) as { id: number };
    sql.prepare(`insert into memberships (user_id, org_id, role) values (?, ?, 'member')`).run(u.id, org.id);
    return u.id;
  });
  sql.prepare(`insert into shares (from_org_id, to_org_id, scope, filter) values (?, ?, '["identity","scores","audits"]', '{}')`).run(company.orgId, org.id);
  if ((await activeSharesTo(db, org.id)).length !== 1) throw new Error("share missing");
  const actor: Actor = { user: { id: people[0]!, email: "inspector1@example.org", name: "Inspector 1", isPlatformAdmin: false }, membership: { orgId: org.id, orgType: "inspectorate", orgName: "Bench Inspectorate", role: "member" } };

  const queueTimes: number[] = [];
  let size = 0;
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    size = (await priorityQueue(db, actor)).length;
    queueTimes.push(performance.now() - t);
  }
  const baselineTimes: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    sql.prepare(`select id, name, risk_score from suppliers where org_id = ? order by risk_score desc`).all(company.orgId);
    baselineTimes.push(performance.now() - t);
  }
  const t = performance.now();
  const plan = await generatePlan(db, actor, { from: "2027-01-04", weeks: 4, type: "announced", dayStarts: "09:00", dayEnds: "17:00" });
  const planMs = performance.now() - t;
  sql.close();
  if (size !== rows) throw new Error(`queue has ${size} workplaces, expected ${rows}`);
  return { queueMs: median(queueTimes), baselineMs: median(baselineTimes), planMs, proposals: plan.proposals.length };
}
