/**
 * Child process for the kill tests: does one piece of work on the database (issue the company
 * report, or save an audit's findings with evidence), saying "start" just before it begins and
 * "done" when it is finished, so that the parent can kill it at a chosen moment in between.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { openDatabase, firstRow } from "../../../db/client";
import { users } from "../../../db/schema";
import { saveFindings } from "../../../app/domain/audits/findings.server";
import { issueReport } from "../../../app/domain/reports/issue.server";
import { INDICATORS } from "../../../app/domain/indicators";
import { storeEvidence } from "../../../app/lib/evidence.server";
import { actorFor } from "../../support/factories";

const [databasePath, work, dir] = process.argv.slice(2) as [string, "report" | "findings", string];
const db = openDatabase(databasePath);
const uid = async (email: string) => firstRow(await db.select().from(users).where(eq(users.email, email)))!.id;
if (work === "report") {
  const company = await actorFor(db, await uid("compliance@northwind.example"), 1);
  process.stdout.write("start\n");
  await issueReport(db, company, { type: "company_due_diligence", params: { from: "2026-01-01", to: "2026-12-31" }, pageSize: "A4" }, { dir });
} else {
  const inspector = await actorFor(db, await uid("inspector@inspectorate.example"), 2);
  const auditId = Number(process.argv[5]);
  mkdirSync(dir, { recursive: true });
  const files = new Map(
    ["retention_of_documents", "debt_bondage"].map((code) => {
      const tmp = path.join(dir, `upload-${code}-${process.pid}.pdf`);
      writeFileSync(tmp, `%PDF-1.4 evidence for ${code}\n${"x".repeat(200_000)}`);
      return [code, [storeEvidence({ path: tmp, name: `${code}.pdf`, size: 200_000 }, dir)]];
    }),
  );
  const rows = INDICATORS.map((i) => ({ indicator: i.code, result: (files.has(i.code) ? "critical" : "not_observed") as "critical" | "not_observed", description: files.has(i.code) ? "Seen on site." : "", workersInterviewed: "12" }));
  process.stdout.write("start\n");
  await saveFindings(db, inspector, auditId, rows, files);
}
process.stdout.write("done\n");
db.$client.close();
