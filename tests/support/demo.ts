/**
 * The seeded demo as the audit tests start from it: a fresh database with the demo data, the
 * inspectorate and the company, one user of each, and the demo's completed audit (Ladang, 75
 * days ago).
 */
import { eq } from "drizzle-orm";
import { seedDemo } from "#db/seed";
import { organisations, users } from "#db/schema";
import { firstRow, rawGet } from "../../db/client";
import { createTestDb } from "./db";

export async function demoAuditWorld() {
  const db = createTestDb();
  await seedDemo(db);
  const user = async (email: string) => firstRow(await db.select().from(users).where(eq(users.email, email)))!.id;
  const org = async (name: string) => firstRow(await db.select().from(organisations).where(eq(organisations.name, name)))!.id;
  return {
    db,
    inspectorateId: await org("Demo Labour Inspectorate"),
    companyId: await org("Northwind Fresh Foods GmbH"),
    inspectorId: await user("inspector@inspectorate.example"),
    companyUserId: await user("compliance@northwind.example"),
    auditId: (await rawGet<{ id: number }>(db, `select id from audits where status = 'completed'`))!.id,
  };
}
