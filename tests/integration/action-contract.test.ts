/**
 * The one action contract (runAction) and the one mapping of domain refusals to HTTP
 * (http-errors.server.ts): NotFound → 404, Forbidden → 403, Invalid → 400 with the field and the
 * input kept, Conflict → 409, rate limited → 429 with Retry-After; and a schema failure names the
 * field and what was expected.
 */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { RateLimited, takeRateLimit } from "~/auth/rate-limit.server";
import { Conflict, DomainError, Forbidden, InputError, Invalid, NotFound } from "~/domain/errors";
import { runAction, withDomainErrors } from "~/lib/actions.server";
import { refusalOf } from "~/lib/http-errors.server";
import * as referenceEdition from "~/routes/admin.reference.$sourceId";
import * as members from "~/routes/orgs.$orgId.members";
import * as reportsPage from "~/routes/reports._index";
import * as sharingPage from "~/routes/sharing";
import * as availabilityPage from "~/routes/audits.availability";
import { shares } from "#db/schema";
import { createTestDb } from "../support/db";
import { makeOrgWithRoles, makeUser } from "../support/factories";
import { contextFor, get, post, responseOf } from "../support/routes";

function formOf(fields: Record<string, string | string[]>): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) for (const v of [value].flat()) form.append(key, v);
  return form;
}

const Anything = z.object({}).loose();

/**
 * What a route answers, strictly: unlike `responseOf`, a domain refusal that escapes is thrown (it
 * would be a 500), so these tests fail if a route forgets to map it.
 */
async function strictAnswerOf(fn: () => unknown): Promise<Response> {
  try {
    await fn();
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
  throw new Error("expected an error answer");
}

/** Runs `runAction` with a handler that throws `error`, and returns the HTTP answer and its body. */
async function answerTo(error: unknown, fields: Record<string, string | string[]> = { name: "Ann", password: "secret words", tags: ["a", "b"], intent: "save" }) {
  let response: Response;
  try {
    // A form answer (data(...)) becomes a Response; a 404/403 must come out of runAction already as one.
    const answer = await runAction(formOf(fields), Anything, () => { throw error; });
    response = await responseOf(() => answer);
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw thrown;
    response = thrown;
  }
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // a plain-text answer (404, 403)
  }
  return { status: response.status, headers: response.headers, body };
}

describe("the one mapping of domain refusals", () => {
  it("answers NotFound 404 and Forbidden 403, saying no more than that", async () => {
    expect(await answerTo(new NotFound("supplier 7 of org 3"))).toMatchObject({ status: 404, body: "Not found" });
    expect(await answerTo(new Forbidden("viewer may not edit"))).toMatchObject({ status: 403, body: "Forbidden" });
  });

  it("answers Invalid 400 with the message beside its field and what was typed (never a password)", async () => {
    const { status, body } = await answerTo(new Invalid("name", "Use at most 200 characters."));
    expect(status).toBe(400);
    expect(body).toEqual({ ok: false, errors: { name: "Use at most 200 characters." }, values: { name: "Ann", tags: "b", intent: "save" }, lists: { name: ["Ann"], tags: ["a", "b"], intent: ["save"] }, intent: "save" });
  });

  it("answers Conflict 409 in the same shape", async () => {
    const { status, body } = await answerTo(new Conflict("email", "ann@example.org is already a member."));
    expect(status).toBe(409);
    expect(body).toMatchObject({ ok: false, errors: { email: "ann@example.org is already a member." }, values: { name: "Ann" } });
  });

  it("answers the rate limit 429 with Retry-After, whether it extends Invalid (today) or DomainError", async () => {
    const limited = await answerTo(new RateLimited("Too many reports; try again in 2 minutes.", 90));
    expect(limited.status).toBe(429);
    expect(limited.headers.get("Retry-After")).toBe("90");
    expect(limited.body).toMatchObject({ errors: { form: "Too many reports; try again in 2 minutes." } });
    class LaterRateLimited extends DomainError {
      readonly retryAfterSeconds = 30;
    }
    const later = await answerTo(new LaterRateLimited("Too many."));
    expect(later.status).toBe(429);
    expect(later.headers.get("Retry-After")).toBe("30");
    expect(later.body).toMatchObject({ errors: { form: "Too many." } });
  });

  it("keeps InputError the same class as Invalid, so older modules' refusals map the same", async () => {
    expect(InputError).toBe(Invalid);
    expect(refusalOf(new InputError("file", "Not a CSV."))).toMatchObject({ status: 400, field: "file" });
  });

  it("lets anything that is not a refusal propagate (a bug is a 500, not a form message)", async () => {
    await expect(runAction(formOf({}), Anything, () => { throw new TypeError("boom"); })).rejects.toThrow(TypeError);
    expect(refusalOf(new Error("plain"))).toBeNull();
  });

  it("passes a redirect the handler throws through untouched", async () => {
    const response = await responseOf(() => runAction(formOf({}), Anything, () => { throw new Response(null, { status: 302, headers: { Location: "/done" } }); }));
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/done");
  });

  it("turns NotFound and Forbidden thrown in a loader into 404 and 403 (sync and async), not 500", async () => {
    const sync = withDomainErrors(() => { throw new NotFound(); });
    const async = withDomainErrors(async () => { throw new Forbidden(); });
    expect((await strictAnswerOf(sync)).status).toBe(404);
    expect((await strictAnswerOf(async)).status).toBe(403);
    expect(withDomainErrors((x: number) => x + 1)(1)).toBe(2);
  });
});

describe("schema failures", () => {
  it("name the field and what was expected when the schema gives no message", async () => {
    const Schema = z.object({ weeks: z.coerce.number().int(), kind: z.enum(["announced", "unannounced"]), title: z.string().max(5) });
    const response = await responseOf(() => runAction(formOf({ weeks: "four", kind: "surprise", title: "far too long" }), Schema, () => "never reached"));
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: Record<string, string>; values: Record<string, string> };
    expect(body.errors.weeks).toMatch(/"weeks" must be a number/);
    expect(body.errors.kind).toBe('"kind" must be one of: announced, unannounced.');
    expect(body.errors.title).toBe('"title" must be at most 5 characters.');
    expect(body.values).toEqual({ weeks: "four", kind: "surprise", title: "far too long" });
  });

  it("keep the schema's own message where it has one (a real route: the members page)", async () => {
    const db = createTestDb();
    const { org, admin } = await makeOrgWithRoles(db, "company");
    const response = await responseOf(async () => members.action({ request: post(`/orgs/${org.id}/members`, { intent: "invite", email: "not an address", role: "member" }), context: await contextFor(db, admin.user.id, org.id), params: { orgId: String(org.id) } }));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ ok: false, errors: { email: "Enter an e-mail address such as name@example.org." }, values: { email: "not an address", role: "member" }, intent: "invite" });
  });

  it("an unknown intent is a message for the form, not for a hidden field", async () => {
    const db = createTestDb();
    const { org, admin } = await makeOrgWithRoles(db, "company");
    const response = await responseOf(async () => members.action({ request: post(`/orgs/${org.id}/members`, { intent: "promote-everyone" }), context: await contextFor(db, admin.user.id, org.id), params: { orgId: String(org.id) } }));
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: Record<string, string> };
    expect(Object.keys(body.errors)).toEqual(["form"]);
  });
});

/** A form post as a browser sends it: repeated names for a checkbox group, and no `intent` field. */
function browserPost(path: string, fields: [string, string][]): Request {
  return new Request(`http://localhost${path}`, { method: "POST", body: new URLSearchParams(fields) });
}

describe("through a real route", () => {
  it("a form with no intent field reaches the domain (the share form: a bad country is named, a good share is made)", async () => {
    const db = createTestDb();
    const company = await makeOrgWithRoles(db, "company");
    const union = await makeOrgWithRoles(db, "union");
    const ctx = await contextFor(db, company.admin.user.id, company.org.id);
    const form = (countries: string): [string, string][] => [["toOrgId", String(union.org.id)], ["scope", "identity"], ["scope", "scores"], ["countries", countries], ["sectors", ""], ["supplierIds", ""]];
    const refused = await responseOf(() => sharingPage.action({ request: browserPost("/sharing", form("TH, Atlantis")), context: ctx, params: {} }));
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { errors: Record<string, string> }).errors).toEqual({ countries: expect.stringContaining('"Atlantis" is not a country code or name we know') });
    expect(await db.select().from(shares)).toHaveLength(0);
    // A near miss is answered with the country's name in the reader's language, as the page's list names it.
    const near = async (locale: string) => ((await (await responseOf(() => sharingPage.action({ request: browserPost("/sharing", form("Thailnd")), context: { ...ctx, locale }, params: {} }))).json()) as { errors: Record<string, string> }).errors.countries;
    expect(await near("en")).toBe('"Thailnd" is not a country code or name we know (did you mean Thailand?).');
    expect(await near("de")).toBe("„Thailnd“ ist kein uns bekannter Ländercode oder Ländername (meinten Sie Thailand?).");
    expect(await near("th")).toBe('"Thailnd" ไม่ใช่รหัสหรือชื่อประเทศที่ระบบรู้จัก (คุณหมายถึง ไทย ใช่หรือไม่)');
    const made = await responseOf(() => sharingPage.action({ request: browserPost("/sharing", form("TH")), context: ctx, params: {} }));
    expect([made.status, made.headers.get("location")]).toEqual([302, `/sharing?shared=${(await db.select().from(shares))[0]!.id}`]);
    expect(await db.select().from(shares)).toHaveLength(1);
  });

  it("a form with no intent field reaches the domain (an inspector's absence)", async () => {
    const db = createTestDb();
    const inspectorate = await makeOrgWithRoles(db, "inspectorate");
    const ctx = await contextFor(db, inspectorate.member.user.id, inspectorate.org.id);
    const added = await responseOf(() => availabilityPage.action({ request: browserPost("/audits/availability", [["startsOn", "2027-03-01"], ["endsOn", "2027-03-05"], ["reason", "Training"]]), context: ctx, params: {} }));
    expect(added.status).toBe(302);
    const backwards = await responseOf(() => availabilityPage.action({ request: browserPost("/audits/availability", [["startsOn", "2027-03-05"], ["endsOn", "2027-03-01"], ["reason", ""]]), context: ctx, params: {} }));
    expect(backwards.status).toBe(400);
    expect(JSON.stringify(await backwards.json())).not.toContain("Invalid input");
  });

  it("a domain NotFound in a loader answers 404 (another organisation's members page)", async () => {
    const db = createTestDb();
    const { org, admin } = await makeOrgWithRoles(db, "company");
    const response = await strictAnswerOf(async () => members.loader({ request: post(`/orgs/999999/members`, {}), context: await contextFor(db, admin.user.id, org.id), params: { orgId: "999999" } }));
    expect(response.status).toBe(404);
  });

  it("a domain NotFound answers 404 from a loader and from an action (a reference edition that does not exist)", async () => {
    const db = createTestDb();
    const admin = await makeUser(db, { platformAdmin: true });
    const ctx = await contextFor(db, admin.id);
    expect((await strictAnswerOf(() => referenceEdition.loader({ request: get("/admin/reference/999999"), context: ctx, params: { sourceId: "999999" } }))).status).toBe(404);
    expect((await strictAnswerOf(() => referenceEdition.action({ request: post("/admin/reference/999999", { intent: "discard" }), context: ctx, params: { sourceId: "999999" } }))).status).toBe(404);
  });

  it("the report rate limit answers 429 with Retry-After and keeps the form", async () => {
    const db = createTestDb();
    const { org, admin } = await makeOrgWithRoles(db, "company");
    for (let i = 0; i < 30; i++) await takeRateLimit(db, "reports.issue", org.id);
    const response = await responseOf(async () => reportsPage.action({ request: post("/reports", { type: "company_due_diligence", from: "2026-01-01", to: "2026-12-31" }), context: await contextFor(db, admin.user.id, org.id), params: {} }));
    expect(response.status).toBe(429);
    expect(Number(response.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(await response.json()).toMatchObject({ ok: false, errors: { form: expect.stringMatching(/30 reports issued/) }, values: { from: "2026-01-01", to: "2026-12-31" } });
  });
});
