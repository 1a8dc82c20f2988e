/**
 * Who sees what of a worker's case (decision 028), on a real database: routing by consent, the
 * company's narrowed view, the small workplace (6 workers) seen only as quarterly counts, the
 * contact sealed at rest, case codes and secrets, and the access log.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { grievanceAccess, grievances, organisations, shares, suppliers } from "#db/schema";
import { createChannel } from "~/domain/grievances/channels.server";
import { assertContactKey, forgetContactKey } from "~/domain/grievances/contact-seal.server";
import { submitGrievance, type IntakeInput } from "~/domain/grievances/intake.server";
import { channelByToken, partiesFor } from "~/domain/grievances/routing.server";
import { caseFor, casesFor, revealContact, smallWorkplaceCounts, workerCase } from "~/domain/grievances/views.server";
import { createTestDb } from "../support/db";
import { makeOrg, makeOrgWithRoles } from "../support/factories";
import { onlyRow } from "../../db/client";

const base: IntakeInput = {
  categories: ["documents_taken", "fees_debt"],
  since: "2026-09",
  peopleCount: 12,
  description: "The supervisor keeps our passports in his office.",
  workplaceText: null,
  country: null,
  consent: ["union", "inspectorate", "company"],
  textToCompany: false,
  contact: "+60 12 345 6789 (WhatsApp)",
  language: "ne",
};

async function world() {
  const db = createTestDb();
  const company = await makeOrgWithRoles(db, "company");
  const union = await makeOrgWithRoles(db, "union");
  const outsider = await makeOrgWithRoles(db, "union");
  const inspectorate = await makeOrgWithRoles(db, "inspectorate");
  await db.update(organisations).set({ jurisdictions: ["MY"] }).where(eq(organisations.id, inspectorate.org.id));
  await makeOrg(db, "inspectorate", "Elsewhere inspectorate", ["TH"]);
  const add = async (externalId: string, workersTotal: number | null) =>
    onlyRow(await db.insert(suppliers).values({ orgId: company.org.id, externalId, name: `Factory ${externalId}`, country: "MY", workersTotal }).returning());
  const large = await add("L1", 400);
  const small = await add("S1", 6);
  await db.insert(shares).values({ fromOrgId: company.org.id, toOrgId: union.org.id, scope: ["identity", "scores"], filter: {} });
  return { db, company, union, outsider, inspectorate, large, small };
}

describe("routing and consent", () => {
  it("offers the parties the workplace has, and routes to the first the worker allowed", async () => {
    const w = await world();
    const ch = await createChannel(w.db, w.company.member.actor, { supplierId: w.large.id, country: null });
    const channel = (await channelByToken(w.db, ch.token))!;
    const parties = await partiesFor(w.db, channel, null);
    expect(parties.map((p) => [p.party, p.orgs.map((o) => o.id)])).toEqual([
      ["union", [w.union.org.id]],
      ["inspectorate", [w.inspectorate.org.id]],
      ["company", [w.company.org.id]],
    ]);
    // Documents taken: urgent, so the inspectorate receives it at once beside the union.
    const r = await submitGrievance(w.db, { channel, input: base, ip: "198.51.100.7" });
    expect(r.reached.map((x) => x.party)).toEqual(["union", "inspectorate"]);
    expect(r.caseCode).toMatch(/^G-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    // Not urgent and union only: the inspectorate does not receive it.
    const r2 = await submitGrievance(w.db, { channel, input: { ...base, categories: ["overtime"], consent: ["union"] }, ip: "198.51.100.7" });
    expect(r2.reached.map((x) => x.party)).toEqual(["union"]);
    await expect(caseFor(w.db, w.inspectorate.member.actor, r2.id)).rejects.toMatchObject({ name: "NotFound" });
    await expect(caseFor(w.db, w.outsider.admin.actor, r.id)).rejects.toMatchObject({ name: "NotFound" });
    await expect(caseFor(w.db, w.company.admin.actor, r.id)).rejects.toMatchObject({ name: "NotFound" });
  });

  it("never shows the company the contact, files or, unless allowed, the worker's words", async () => {
    const w = await world();
    const channel = (await channelByToken(w.db, (await createChannel(w.db, w.company.member.actor, { supplierId: w.large.id, country: null })).token))!;
    // Company only: it is the first (and only) recipient.
    const r = await submitGrievance(w.db, { channel, input: { ...base, categories: ["overtime"], consent: ["company"] }, ip: "198.51.100.8" });
    const view = await caseFor(w.db, w.company.viewer.actor, r.id);
    expect(view.party).toBe("company");
    expect(view.description).toBeNull();
    expect(view.hasContact).toBe(false);
    expect(view.files).toEqual([]);
    expect(JSON.stringify(view)).not.toContain("345 6789");
    expect(JSON.stringify(view)).not.toContain(r.caseCode);
    await expect(revealContact(w.db, w.company.admin.actor, r.id)).rejects.toMatchObject({ name: "Forbidden" });
    const allowed = await submitGrievance(w.db, { channel, input: { ...base, categories: ["overtime"], consent: ["company"], textToCompany: true }, ip: "198.51.100.8" });
    expect((await caseFor(w.db, w.company.viewer.actor, allowed.id)).description).toBe(base.description);
  });

  it("shows a 6-worker workplace's cases to its company only as counts of ended quarters", async () => {
    const w = await world();
    const channel = (await channelByToken(w.db, (await createChannel(w.db, w.company.member.actor, { supplierId: w.small.id, country: null })).token))!;
    const july = Date.UTC(2026, 6, 15);
    const r = await submitGrievance(w.db, { channel, input: { ...base, categories: ["wages_withheld"], consent: ["company"] }, ip: "198.51.100.9" }, july);
    await expect(caseFor(w.db, w.company.admin.actor, r.id)).rejects.toMatchObject({ name: "NotFound" });
    expect((await casesFor(w.db, w.company.admin.actor)).map((c) => c.id)).not.toContain(r.id);
    // During the quarter: nothing. After it: one case of wages withheld in 2026-Q3.
    expect(await smallWorkplaceCounts(w.db, w.company.admin.actor, Date.UTC(2026, 8, 1))).toEqual([]);
    expect(await smallWorkplaceCounts(w.db, w.company.admin.actor, Date.UTC(2026, 9, 2))).toEqual([{ supplierId: w.small.id, workplaceName: "Factory S1", quarter: "2026-Q3", category: "wages_withheld", cases: 1 }]);
  });

  it("seals the contact at rest and reveals it to the union with a log entry", async () => {
    const w = await world();
    const channel = (await channelByToken(w.db, (await createChannel(w.db, w.company.member.actor, { supplierId: w.large.id, country: null })).token))!;
    const r = await submitGrievance(w.db, { channel, input: base, ip: "198.51.100.10" });
    const stored = onlyRow(await w.db.select().from(grievances).where(eq(grievances.id, r.id)));
    expect(stored.contactSealed).toMatch(/^v1:/);
    expect(stored.contactSealed).not.toContain("6789");
    expect(stored.secretHash).not.toContain(r.secret);
    expect(await revealContact(w.db, w.union.member.actor, r.id)).toBe(base.contact);
    const log = await w.db.select().from(grievanceAccess).where(eq(grievanceAccess.grievanceId, r.id));
    expect(log.map((l) => l.what)).toContain("contact");
  });
});

describe("case code and secret", () => {
  it("opens the worker's view with the code typed loosely, refuses a wrong secret like an unknown code, and limits tries", async () => {
    const w = await world();
    const channel = (await channelByToken(w.db, (await createChannel(w.db, w.company.member.actor, { supplierId: w.large.id, country: null })).token))!;
    const r = await submitGrievance(w.db, { channel, input: base, ip: "203.0.113.1" });
    const loose = r.caseCode.toLowerCase().replace(/-/g, " ").replace(/0/g, "o");
    const view = await workerCase(w.db, loose, r.secret.toLowerCase(), "203.0.113.1");
    expect(view.caseCode).toBe(r.caseCode);
    const wrong = await workerCase(w.db, r.caseCode, "AAAA-AAAA-AAAA-AAAA-AAAA", "203.0.113.1").catch((e: unknown) => e);
    const unknown = await workerCase(w.db, "G-0000-0000-0000", r.secret, "203.0.113.1").catch((e: unknown) => e);
    expect(wrong).toMatchObject({ name: "Invalid", message: "public:case.errors.wrong" });
    expect(unknown).toMatchObject({ name: "Invalid", message: "public:case.errors.wrong" });
    const log = await w.db.select().from(grievanceAccess).where(eq(grievanceAccess.grievanceId, r.id));
    expect(log.map((l) => l.what)).toEqual(["worker.view", "worker.refused"]);
    // 20 tries per 15 minutes per client, right or wrong: the 21st is refused even with the right secret.
    for (let i = 0; i < 17; i++) await workerCase(w.db, r.caseCode, "BBBB", "203.0.113.2").catch(() => undefined);
    await workerCase(w.db, r.caseCode, r.secret, "203.0.113.2");
    await workerCase(w.db, r.caseCode, r.secret, "203.0.113.2");
    await workerCase(w.db, r.caseCode, r.secret, "203.0.113.2");
    await expect(workerCase(w.db, r.caseCode, r.secret, "203.0.113.2")).rejects.toMatchObject({ name: "RateLimited" });
    // Another client is not held up by the first one's tries.
    await workerCase(w.db, r.caseCode, r.secret, "203.0.113.3");
  });
});

describe("the sealing key", () => {
  it("refuses to start with a key other than the one the contacts were sealed with", async () => {
    const db = createTestDb();
    await assertContactKey(db);
    await assertContactKey(db);
    const before = process.env.GRIEVANCE_KEY;
    process.env.GRIEVANCE_KEY = Buffer.alloc(32, 7).toString("base64");
    forgetContactKey();
    try {
      await expect(assertContactKey(db)).rejects.toThrow(/sealed with another key than GRIEVANCE_KEY/);
    } finally {
      if (before === undefined) delete process.env.GRIEVANCE_KEY;
      else process.env.GRIEVANCE_KEY = before;
      forgetContactKey();
    }
    await assertContactKey(db);
  });
});
