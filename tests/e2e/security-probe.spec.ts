import { request as httpRequest } from "node:http";
import { request as playwrightRequest, type APIRequestContext } from "@playwright/test";
import { expect, test } from "./fixtures";
import { eq } from "drizzle-orm";
import { suppliers } from "../../db/schema";
import { scoreOrganisation } from "../../app/domain/risk/scoring.server";
import { createShare, revokeShare } from "../../app/domain/sharing/share-management.server";
import { actorFor, makeOrg, makeUser, TEST_PASSWORD } from "../support/factories";
import { firstRow } from "../../db/client";

/**
 * The outside probe's attacks (issue 13), replayed over real HTTP against the real server on a
 * fresh demo database, as an attacker would send them: each one must now find nothing. The
 * integration tests prove every rule in detail; this file proves the running server, with its
 * own middleware, proxy settings and cookie handling, answers them the same way.
 */

const PORT = Number(process.env.E2E_PORT ?? 3210);

/** A client of its own: its own cookie jar, and Origin set as a browser would for a form post. */
async function client(host = "localhost"): Promise<APIRequestContext> {
  const origin = `http://${host}:${PORT}`;
  return playwrightRequest.newContext({ baseURL: origin, extraHTTPHeaders: { Origin: origin }, maxRedirects: 0 });
}

async function signIn(api: APIRequestContext, email: string, password: string, redirectTo = "/") {
  return api.post("/sign-in", { form: { email, password, redirectTo } });
}

/** A sign-in sent from a chosen local source address (Playwright's client cannot choose one). */
function signInFrom(localAddress: string, email: string, password: string): Promise<{ status: number; setCookie: string }> {
  const body = new URLSearchParams({ email, password, redirectTo: "/" }).toString();
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: "127.0.0.1", port: PORT, localAddress, method: "POST", path: "/sign-in", headers: { Origin: `http://localhost:${PORT}`, Host: `localhost:${PORT}`, "Content-Type": "application/x-www-form-urlencoded", "Content-Length": Buffer.byteLength(body) } },
      (res) => {
        res.resume();
        res.on("end", () => resolve({ status: res.statusCode ?? 0, setCookie: String(res.headers["set-cookie"] ?? "") }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

const hasSessionCookie = (setCookie: string | undefined) => /ldd_session=[^;]+/.test(setCookie ?? "") && !/ldd_session=;/.test(setCookie ?? "");

test("an invitation link is no password oracle and cannot make the platform administrator a member", async ({ page, signInAs }) => {
  await signInAs("compliance@northwind.example");
  await page.goto("/orgs/1/members");
  const invite = async (email: string) => {
    await page.getByLabel("E-mail address").fill(email);
    await page.getByRole("button", { name: "Create invitation link" }).click();
  };
  await invite("admin@platform.example");
  await expect(page.getByText(/platform administrator/i).first()).toBeVisible();

  await invite("supervisor@regulator.example");
  const existing = await page.getByTestId("one-time-link").inputValue();
  await invite(`nobody-${Date.now()}@example.org`);
  const fresh = await page.getByTestId("one-time-link").inputValue();

  const anonymous = await client();
  const pageFor = async (link: string) => (await (await anonymous.get(new URL(link).pathname)).text()).replace(/[\w.+-]+@[\w.-]+/g, "EMAIL").replace(/(\/|%2F)invite(\/|%2F)\w+/g, "/invite/TOKEN");
  const [existingPage, freshPage] = [await pageFor(existing), await pageFor(fresh)];
  expect(existingPage).not.toMatch(/you already have an account/i);
  // Beyond the e-mail and the token, the two pages differ only in per-request values (nonces).
  const skeleton = (html: string) => html.replace(/nonce="[^"]*"/g, "").replace(/"[A-Za-z0-9+/=]{20,}"/g, "");
  expect(skeleton(existingPage)).toBe(skeleton(freshPage));

  // The victim's right password typed into the link: no session, nothing changed.
  const path = new URL(existing).pathname;
  for (const password of ["wrong guess number one", "demo-password-2026"]) {
    const answer = await anonymous.post(path, { form: { intent: "create-account", name: "Mallory", password } });
    expect(answer.status()).toBeGreaterThanOrEqual(400);
    expect(hasSessionCookie(answer.headers()["set-cookie"])).toBe(false);
  }
  const victim = await client();
  expect((await signIn(victim, "supervisor@regulator.example", "demo-password-2026")).status()).toBe(302);
  await Promise.all([anonymous.dispose(), victim.dispose()]);
});

test("sign-in never redirects off the site", async () => {
  const api = await client();
  for (const redirectTo of ["/\t/evil.example", "//evil.example", "/\\evil.example", "/\n/x", "https://evil.example/", "/.//evil.example"]) {
    const answer = await signIn(api, "compliance@northwind.example", "demo-password-2026", redirectTo);
    expect(answer.status(), redirectTo).toBe(302);
    expect(answer.headers().location, redirectTo).toBe("/");
    await api.post("/sign-out");
  }
  expect((await api.get("/sign-in?redirectTo=%2F%0a%2Fx")).status()).toBe(200);
  await api.dispose();
});

test("failed sign-ins from one client do not lock the account for its owner on another", async ({ db }) => {
  const org = await makeOrg(db, "company");
  const user = await makeUser(db, { orgId: org.id, role: "member" });
  const attacker = await client("127.0.0.1");
  for (let i = 0; i < 8; i++) await signIn(attacker, user.email, `wrong password ${i}`);
  const slowed = await signIn(attacker, user.email, "wrong again");
  expect(slowed.status()).toBe(429);
  expect(Number(slowed.headers()["retry-after"])).toBeGreaterThan(0);

  // The owner, from another address on this machine (the connection's source address, which is
  // what the server sees without a trusted proxy).
  const answer = await signInFrom("127.0.0.2", user.email, TEST_PASSWORD);
  expect(answer.status).toBe(302);
  expect(hasSessionCookie(answer.setCookie)).toBe(true);
  await attacker.dispose();
});

test("malformed uploads and odd file names get a 400 with a sentence, never a 500", async () => {
  const api = await client();
  const named = await api.post("/verify", { multipart: { file: { name: "a=b;c.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.7 not really") } } });
  expect(named.status()).toBeLessThan(500);
  for (const [contentType, body] of [
    ["multipart/form-data", "--x\r\n"],
    ["multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n\r\nunterminated"],
    ["multipart/form-data; boundary=x", `--x\r\nX-Long: ${"a".repeat(1024 * 1024)}\r\n\r\n--x--\r\n`],
  ] as const) {
    const answer = await api.post("/verify", { headers: { "Content-Type": contentType }, data: body });
    expect(answer.status(), contentType).toBe(400);
    expect(await answer.text()).toMatch(/[A-Z][^<>]{20,}\./);
  }
  await api.dispose();
});

test("no anonymous reset of monitoring figures; no cached signed-in answers", async ({ page, signInAs }) => {
  const api = await client();
  const before = await (await api.get("/healthz")).json();
  const reset = await api.get("/healthz?reset=1");
  expect(reset.status()).toBe(403);
  const after = await (await api.get("/healthz")).json();
  // The maximum only grows until a reset; a reset would have started it again from zero.
  expect(after.eventLoopDelay.maxMs).toBeGreaterThanOrEqual(before.eventLoopDelay.maxMs);
  await api.dispose();

  await signInAs("supervisor@regulator.example");
  for (const path of ["/", "/reports", "/activity-log.csv"]) {
    const response = await page.request.get(path);
    expect(response.headers()["cache-control"], path).toMatch(/^(private, )?no-store$/);
  }
  // /verify by id ("issued here; upload the file to check it") needs an issued report: reports.spec.ts.
});

test("an identity-only share shows the inspectorate no score on its audit pages; adding scores shows it", async ({ page, db, signInAs }) => {
  const company = await makeOrg(db, "company");
  const companyAdmin = await makeUser(db, { orgId: company.id, role: "admin" });
  const inspectorate = await makeOrg(db, "inspectorate", `Probe inspectorate ${Date.now()}`, ["MY"]);
  const inspector = await makeUser(db, { orgId: inspectorate.id, role: "member" });
  const name = `Probe Estate ${Date.now()}`;
  await db.insert(suppliers).values({ orgId: company.id, externalId: "P1", name, country: "MY", sector: "Agriculture", products: ["Palm oil"], indicators: { retention_of_documents: true } });
  await scoreOrganisation(db, company.id, { cause: "probe" });
  const scored = firstRow(await db.select({ score: suppliers.riskScore, band: suppliers.riskBand }).from(suppliers).where(eq(suppliers.name, name)))!;
  const scoreText = scored.score!.toFixed(1);
  const share = async (scope: string[]) => await createShare(db, await actorFor(db, companyAdmin.id, company.id), { toOrgId: inspectorate.id, scope, countries: "MY", sectors: "", bands: [] }, null);

  const identityOnly = await share(["identity"]);
  await signInAs(inspector.email);
  const pages = ["/audits/queue", `/audits/new?q=${encodeURIComponent("Probe Estate")}`, "/shared"];
  for (const path of pages) {
    const html = await (await page.request.get(path)).text();
    expect(html, path).toContain(name);
    expect(html, path).not.toContain(scoreText);
  }
  await revokeShare(db, await actorFor(db, companyAdmin.id, company.id), identityOnly, null);
  await share(["identity", "scores"]);
  expect(await (await page.request.get("/audits/queue")).text()).toContain(scoreText);
});
