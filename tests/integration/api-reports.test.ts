/**
 * Reports and verification over the API (issue 22, decision 037), and the report webhook events
 * (decision 038), on both engines: the list each organisation sees on its pages (issued by it, or
 * submitted to it as a regulator), a report's record, its file byte for byte as the page's
 * download, the verify page's verdicts for a genuine and an altered file, another organisation's
 * report answering exactly like a missing one, and `report.submitted` / `report.correction_requested`
 * written to the right organisation's subscriptions only. Every answer goes through
 * tests/support/api.ts, which checks it against the OpenAPI document.
 */
import { createHash } from "node:crypto";
import { renameSync } from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { reportDownloads, reports, suppliers, webhookDeliveries } from "#db/schema";
import { firstRow } from "#db/client";
import { issueReport } from "~/domain/reports/issue.server";
import { submitReport } from "~/domain/reports/reports.server";
import { reviewReport } from "~/domain/reports/reviews.server";
import { verifyBytes } from "~/domain/reports/verify.server";
import { createSubscription } from "~/domain/webhooks/subscriptions.server";
import { eventsFor } from "~/domain/webhooks/events";
import * as pageDownload from "~/routes/reports.$reportId.file";
import { createTestDb } from "../support/db";
import { makeOrgWithRoles } from "../support/factories";
import { TMP_DIR } from "../support/paths";
import { contextFor, get } from "../support/routes";
import { apiClient, apiFetch, tokenFor } from "../support/api";

const year = { from: "2026-01-01", to: "2026-12-31" };

async function world() {
  const db = createTestDb();
  const company = await makeOrgWithRoles(db, "company");
  const other = await makeOrgWithRoles(db, "company");
  const regulator = await makeOrgWithRoles(db, "regulator");
  const dir = path.join(TMP_DIR, `api-reports-${process.pid}-${Math.random().toString(36).slice(2)}`);
  const issue = async (who: typeof company, params: Record<string, string> = year) => (await issueReport(db, who.admin.actor, { type: "company_due_diligence", params, pageSize: "A4" }, { dir })).id;
  return { db, company, other, regulator, dir, issue };
}

const bytesOf = async (response: Response) => Buffer.from(await response.arrayBuffer());

describe("reports over the API", () => {
  it("lists what each organisation's pages list, gives a report's record, and its file as the page's download", { timeout: 120_000 }, async () => {
    const w = await world();
    const submitted = await w.issue(w.company);
    const draft = await w.issue(w.company, { from: "2025-01-01", to: "2025-12-31" });
    const theirs = await w.issue(w.other);
    await submitReport(w.db, w.company.admin.actor, submitted, { regulatorId: w.regulator.org.id, supersedes: null });

    const harness = apiFetch(w.db);
    const company = apiClient(harness, await tokenFor(w.db, w.company.admin.actor, { reports: "read" }));
    const regulator = apiClient(harness, await tokenFor(w.db, w.regulator.admin.actor, { reports: "read" }));
    const other = apiClient(harness, await tokenFor(w.db, w.other.admin.actor, { reports: "read" }));

    // The company: its two reports, in id order; the regulator: only the one submitted to it; the other company: its own.
    const own = (await company.GET("/reports")).data!;
    expect(own.data.map((r) => r.id)).toEqual([submitted, draft].sort());
    expect(own.nextCursor).toBeNull();
    const mine = own.data.find((r) => r.id === submitted)!;
    expect(mine).toMatchObject({ side: "issuer", type: "company_due_diligence", issuer: w.company.org.name, status: "submitted", submittedTo: w.regulator.org.name, periodStart: "2026-01-01", periodEnd: "2026-12-31", subject: null });
    expect(mine.signedAt).not.toBeNull();
    expect(own.data.find((r) => r.id === draft)).toMatchObject({ status: "not_submitted", submittedAt: null });
    const received = (await regulator.GET("/reports")).data!;
    expect(received.data).toEqual([{ ...mine, side: "regulator" }]);
    expect((await other.GET("/reports")).data!.data.map((r) => r.id)).toEqual([theirs]);

    // Filters, and a page at a time.
    expect((await company.GET("/reports", { params: { query: { status: "not_submitted" } } })).data!.data.map((r) => r.id)).toEqual([draft]);
    expect((await company.GET("/reports", { params: { query: { issuedSince: new Date(Date.now() + 60_000).toISOString() } } })).data!.data).toEqual([]);
    const first = (await company.GET("/reports", { params: { query: { limit: 1 } } })).data!;
    expect(first.data).toHaveLength(1);
    const second = (await company.GET("/reports", { params: { query: { limit: 1, cursor: first.nextCursor! } } })).data!;
    expect([...first.data, ...second.data].map((r) => r.id)).toEqual(own.data.map((r) => r.id));
    expect(second.nextCursor).toBeNull();
    // Bad input names its field; another list's cursor is refused, not misread.
    const bad = await company.GET("/reports", { params: { query: { status: "lost" as never, cursor: Buffer.from("s12").toString("base64url") } } });
    expect(bad.response.status).toBe(400);
    expect(bad.error!.errors!.map((e) => e.field).sort()).toEqual(["status"]);
    const wrongList = await company.GET("/reports", { params: { query: { cursor: Buffer.from("s12").toString("base64url") } } });
    expect(wrongList.error!.errors).toEqual([{ field: "cursor", message: "expected the nextCursor of an earlier page" }]);

    // A supplier's profile: its subject for the issuer, and the supplier filter finds it (and only it).
    const [supplier] = await w.db.insert(suppliers).values({ orgId: w.company.org.id, externalId: "P-1", name: "Profile Foods", nameKey: "profile foods", country: "TH" }).returning();
    const profile = (await issueReport(w.db, w.company.admin.actor, { type: "supplier_profile", params: { supplierId: supplier!.id }, pageSize: "A4" }, { dir: w.dir })).id;
    expect((await company.GET("/reports", { params: { query: { supplierId: supplier!.id } } })).data!.data.map((r) => [r.id, r.subject])).toEqual([[profile, { kind: "supplier", id: supplier!.id }]]);
    expect((await company.GET("/reports", { params: { query: { type: "supplier_profile" } } })).data!.data.map((r) => r.id)).toEqual([profile]);
    expect((await company.GET("/reports/{reportId}", { params: { path: { reportId: profile } } })).data!.subject).toEqual({ kind: "supplier", id: supplier!.id });

    // One report's record, for its issuer and for the regulator it went to.
    const record = (await company.GET("/reports/{reportId}", { params: { path: { reportId: submitted } } })).data!;
    expect(record).toMatchObject({ ...mine, language: "en", review: { state: "submitted", steps: [], requestedCorrection: null } });
    expect((await regulator.GET("/reports/{reportId}", { params: { path: { reportId: submitted } } })).data).toMatchObject({ id: submitted, side: "regulator", subject: null });

    // Another organisation's report answers exactly like a missing one, for the record and the file.
    for (const path of ["/reports/{reportId}", "/reports/{reportId}/file"] as const) {
      const foreign = await company.GET(path, { params: { path: { reportId: theirs } }, parseAs: "text" });
      const missing = await company.GET(path, { params: { path: { reportId: "R-AAAA-AAAA-AAAA-AAAA" } }, parseAs: "text" });
      expect(foreign.response.status).toBe(404);
      expect([missing.response.status, missing.error]).toEqual([foreign.response.status, foreign.error]);
      // The regulator sees nothing that was not submitted to it.
      expect((await regulator.GET(path, { params: { path: { reportId: draft } }, parseAs: "text" })).response.status).toBe(404);
    }
    expect((await company.GET("/reports/{reportId}", { params: { path: { reportId: "not-a-report" } } })).response.status).toBe(404);

    // The file: the page's download, byte for byte, recorded as a download like the page's.
    const file = await company.GET("/reports/{reportId}/file", { params: { path: { reportId: submitted } }, parseAs: "arrayBuffer" });
    expect(file.response.status).toBe(200);
    expect(file.response.headers.get("content-type")).toBe("application/pdf");
    const apiBytes = Buffer.from(file.data as unknown as ArrayBuffer);
    expect(apiBytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(createHash("sha256").update(apiBytes).digest("hex")).toBe(record.sha256);
    const page = await pageDownload.loader({ request: get(`/reports/${submitted}/file`), params: { reportId: submitted }, context: await contextFor(w.db, w.company.admin.user.id, w.company.org.id) });
    expect((await bytesOf(page)).equals(apiBytes)).toBe(true);
    expect(await w.db.select().from(reportDownloads).where(eq(reportDownloads.reportId, submitted))).toHaveLength(2);

    // A file the archive lost: the record stands, the answer says the bytes are gone (not a platform error).
    const stored = firstRow(await w.db.select({ filePath: reports.filePath }).from(reports).where(eq(reports.id, submitted)))!;
    renameSync(stored.filePath, `${stored.filePath}.away`);
    const gone = await company.GET("/reports/{reportId}/file", { params: { path: { reportId: submitted } }, parseAs: "text" });
    renameSync(`${stored.filePath}.away`, stored.filePath);
    expect(gone.response.status).toBe(410);
    expect(gone.response.headers.get("content-type")).toBe("application/problem+json");

    // A token without the reports scope reaches none of it; a union has no reports page, so no reports.
    const noScope = apiClient(harness, await tokenFor(w.db, w.company.admin.actor, { suppliers: "read" }));
    expect((await noScope.GET("/reports")).response.status).toBe(403);
    const union = await makeOrgWithRoles(w.db, "union");
    expect((await apiClient(harness, await tokenFor(w.db, union.admin.actor, { reports: "read" })).GET("/reports")).response.status).toBe(403);
  });

  it("verifies a genuine file, an altered one, an id and a hash as the verify page does", { timeout: 120_000 }, async () => {
    const w = await world();
    const id = await w.issue(w.company);
    const harness = apiFetch(w.db);
    // Any organisation may check a report, as anyone may on the public page.
    const client = apiClient(harness, await tokenFor(w.db, w.other.admin.actor, { reports: "read" }));
    const file = Buffer.from((await apiClient(harness, await tokenFor(w.db, w.company.admin.actor, { reports: "read" })).GET("/reports/{reportId}/file", { params: { path: { reportId: id } }, parseAs: "arrayBuffer" })).data as unknown as ArrayBuffer);

    const genuine = (await client.POST("/verifications", { body: { file: file.toString("base64") } })).data!;
    expect(genuine).toMatchObject({ verdict: "authentic", by: "file", reason: null, report: { id, issuer: w.company.org.name, sha256: createHash("sha256").update(file).digest("hex") }, signer: { organisation: w.company.org.name }, foreignSigner: null });

    // Bytes added after the signature: the file still names the report, but is not the one issued.
    const altered = Buffer.concat([file, Buffer.from("\n% appended\n")]);
    const answer = (await client.POST("/verifications", { body: { file: altered.toString("base64") } })).data!;
    expect(answer).toMatchObject({ verdict: "altered", by: null, report: { id }, signer: null });
    expect((await verifyBytes(w.db, altered)).kind).toBe("altered");

    expect((await client.POST("/verifications", { body: { query: id.toLowerCase() } })).data).toMatchObject({ verdict: "issued", by: "id", report: { id } });
    expect((await client.POST("/verifications", { body: { query: "0".repeat(64) } })).data).toMatchObject({ verdict: "unknown", reason: "unknownHash", report: null });
    expect((await client.POST("/verifications", { body: { file: Buffer.from("plain text").toString("base64") } })).data).toMatchObject({ verdict: "unknown", reason: "notPdf" });

    // Neither or both, or a file that is not base64: a 400 naming the field.
    for (const body of [{}, { file: file.toString("base64"), query: id }, { file: "not base64!" }]) {
      const refused = await client.POST("/verifications", { body: body as never });
      expect(refused.response.status).toBe(400);
      expect(refused.error!.errors!.map((e) => e.field)).toEqual(["file"]);
    }
  });
});

describe("report webhook events", () => {
  const events = ["report.submitted", "report.correction_requested"] as const;

  it("writes report.submitted to the regulator's subscriptions and report.correction_requested to the company's, with the step that causes it", { timeout: 120_000 }, async () => {
    const w = await world();
    const otherRegulator = await makeOrgWithRoles(w.db, "regulator");
    // Nobody subscribed yet: a submission and a correction request write no delivery.
    const quiet = await w.issue(w.company, { from: "2025-01-01", to: "2025-12-31" });
    await submitReport(w.db, w.company.admin.actor, quiet, { regulatorId: w.regulator.org.id, supersedes: null });
    await reviewReport(w.db, w.regulator.admin.actor, quiet, { step: "correction_requested", reason: "Add the second site." });
    expect(await w.db.select().from(webhookDeliveries)).toHaveLength(0);

    // Each organisation subscribes to every report event its kind is offered (decision 038's audience).
    const subscribe = async (who: typeof w.company) => (await createSubscription(w.db, who.admin.actor, who.org.id, { url: "https://127.0.0.1:9/hook", events: events.filter((e) => eventsFor(who.admin.actor.membership!.orgType).includes(e)), allowPrivate: true }, null)).id;
    const subs = { company: await subscribe(w.company), regulator: await subscribe(w.regulator), other: await subscribe(w.other), otherRegulator: await subscribe(otherRegulator) };

    const id = await w.issue(w.company);
    await submitReport(w.db, w.company.admin.actor, id, { regulatorId: w.regulator.org.id, supersedes: null });
    const afterSubmit = await w.db.select().from(webhookDeliveries);
    expect(afterSubmit.map((d) => [d.subscriptionId, d.orgId, d.eventType])).toEqual([[subs.regulator, w.regulator.org.id, "report.submitted"]]);
    expect(JSON.parse(afterSubmit[0]!.payload)).toMatchObject({ type: "report.submitted", organisationId: w.regulator.org.id, data: { report: { id, issuer: w.company.org.name, type: "company_due_diligence" }, supersedes: null } });

    // Acknowledging is no event; a correction request goes to the company that submitted it.
    await reviewReport(w.db, w.regulator.admin.actor, id, { step: "acknowledged", reason: "" });
    expect(await w.db.select().from(webhookDeliveries)).toHaveLength(1);
    await reviewReport(w.db, w.regulator.admin.actor, id, { step: "correction_requested", reason: "The period misses December." });
    const requested = (await w.db.select().from(webhookDeliveries)).filter((d) => d.eventType === "report.correction_requested");
    expect(requested.map((d) => [d.subscriptionId, d.orgId])).toEqual([[subs.company, w.company.org.id]]);
    expect(JSON.parse(requested[0]!.payload)).toMatchObject({ type: "report.correction_requested", organisationId: w.company.org.id, data: { report: { id }, regulator: w.regulator.org.name, reason: "The period misses December." } });

    // A step that is refused writes no event with it.
    await expect(reviewReport(w.db, w.regulator.admin.actor, id, { step: "correction_requested", reason: "Again." })).rejects.toMatchObject({ field: "step" });
    expect(await w.db.select().from(webhookDeliveries)).toHaveLength(2);
  });
});
