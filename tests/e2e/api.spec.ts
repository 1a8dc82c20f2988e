/**
 * The API over real HTTP, on the real server (issue 22, decision 037): an administrator of a new
 * company creates a token on its page, and a script with it does what an ERP would: a bulk job,
 * polled to its end, then the suppliers read back with their scores. Every answer is checked
 * against the OpenAPI document the same server publishes. Without a token, and with a cookie
 * only, the API answers 401; a cross-site POST gets a problem, not the pages' CSRF refusal.
 */
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import type { APIResponse } from "@playwright/test";
import { expect, test } from "./fixtures";

type Doc = { openapi: string; paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: object }> }> }>>; components: object };

test("a token made on the page drives a bulk import and reads scores back over HTTP", async ({ page, request, signInAsNew }) => {
  await signInAsNew("company", "admin");
  await page.goto("/api-tokens");
  const form = page.locator("form", { has: page.getByRole("button", { name: "Create the token" }) });
  await form.getByLabel("Name").fill("ERP sync");
  await form.getByLabel("Suppliers").selectOption("write");
  await form.getByRole("button", { name: "Create the token" }).click();
  const token = await page.getByTestId("new-token").getByLabel("The new API token").inputValue();

  const docResponse = await request.get("/api/v1/openapi.json");
  expect(docResponse.status()).toBe(200);
  const doc = (await docResponse.json()) as Doc;
  expect(doc.openapi).toBe("3.1.0");
  const ajv = new Ajv2020({ strict: false });
  addFormats(ajv);
  ajv.addSchema({ $id: "openapi", components: doc.components });
  const check = async (method: string, template: string, response: APIResponse) => {
    const type = (response.headers()["content-type"] ?? "").split(";")[0]!;
    const schema = doc.paths[template]![method]!.responses[String(response.status())]?.content?.[type]?.schema;
    expect(schema, `${method} ${template} ${response.status()} ${type} is in the document`).toBeDefined();
    const rooted = JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"openapi#/components/')) as object;
    const body: unknown = await response.json();
    expect(ajv.validate(rooted, body), ajv.errorsText()).toBe(true);
    return body;
  };
  const auth = { Authorization: `Bearer ${token}` };

  const rows = [
    { externalId: "ERP-1", name: "Samut Seafood Co", country: "TH", sector: "Seafood processing", products: ["shrimp"], workersTotal: 420, migrantShare: 0.7, "indicator:retention_of_documents": true },
    { externalId: "ERP-2", name: "Penang Circuits Sdn Bhd", country: "MY", sector: "Electronics assembly", products: ["electronics"], workersTotal: 900 },
    { externalId: "ERP-3", name: "Hamburg Office Supplies GmbH", country: "DE", sector: "Wholesale", products: ["paper"], workersTotal: 40 },
  ];
  const created = await request.post("/api/v1/imports", { headers: auth, data: { rows } });
  expect(created.status()).toBe(202);
  expect(created.headers()["ratelimit-policy"]).toMatch(/^"per-token";q=\d+;w=60$/);
  const job = (await check("post", "/imports", created)) as { id: number };
  let status = "";
  await expect
    .poll(
      async () => {
        const polled = await request.get(`/api/v1/imports/${job.id}`, { headers: auth });
        status = ((await check("get", "/imports/{importId}", polled)) as { status: string }).status;
        return status;
      },
      { timeout: 60_000, intervals: [250, 500, 1000] },
    )
    .toMatch(/^(done|refused|failed)$/);
  expect(status).toBe("done");

  const list = (await check("get", "/suppliers", await request.get("/api/v1/suppliers?limit=2", { headers: auth }))) as { data: { id: number; externalId: string; risk: { band: string } | null }[]; nextCursor: string | null };
  expect(list.data.map((s) => s.externalId)).toEqual(["ERP-1", "ERP-2"]);
  expect(list.nextCursor).not.toBeNull();
  const rest = (await check("get", "/suppliers", await request.get(`/api/v1/suppliers?limit=2&cursor=${list.nextCursor}`, { headers: auth }))) as typeof list;
  expect(rest.data.map((s) => s.externalId)).toEqual(["ERP-3"]);
  expect(rest.nextCursor).toBeNull();
  const one = (await check("get", "/suppliers/{supplierId}", await request.get(`/api/v1/suppliers/${list.data[0]!.id}`, { headers: auth }))) as { score: { band: string; factors: { code: string; redFlag: boolean }[] } };
  expect(one.score.factors.find((f) => f.code === "indicator.retention_of_documents")?.redFlag).toBe(true);
  expect(["high", "critical"]).toContain(one.score.band);

  // No token: 401. The browser's own session cookie is not read by the API.
  const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  for (const headers of [{}, { Cookie: cookie }] as Record<string, string>[]) {
    const refused = await request.get("/api/v1/suppliers", { headers });
    expect(refused.status()).toBe(401);
    expect(refused.headers()["content-type"]).toContain("application/problem+json");
  }
  // A POST without Origin (a server's call) reaches the API: a problem from the API, not the pages' cross-site refusal.
  const crossSite = await request.post("/api/v1/suppliers", { headers: { ...auth, Origin: "https://evil.example" }, data: {} });
  expect(crossSite.status()).toBe(400);
  expect(crossSite.headers()["content-type"]).toContain("application/problem+json");
  expect(((await crossSite.json()) as { errors: { field: string }[] }).errors.map((e) => e.field)).toEqual(["name"]);
});

test("one supplier created and changed over HTTP, and the activity log says who changed what through which token", async ({ page, request, signInAsNew }) => {
  await signInAsNew("company", "admin");
  await page.goto("/api-tokens");
  const form = page.locator("form", { has: page.getByRole("button", { name: "Create the token" }) });
  await form.getByLabel("Name").fill("Procurement sync");
  await form.getByLabel("Suppliers").selectOption("write");
  await form.getByRole("button", { name: "Create the token" }).click();
  const auth = { Authorization: `Bearer ${await page.getByTestId("new-token").getByLabel("The new API token").inputValue()}` };

  const created = await request.post("/api/v1/suppliers", { headers: auth, data: { externalId: "V-100", name: "Chonburi Canning Co", country: "Thailand", sector: "Seafood processing", products: ["tuna"], workersTotal: 600 } });
  expect(created.status()).toBe(201);
  const { record } = (await created.json()) as { record: { id: number; country: string; score: { band: string } | null } };
  expect(record.country).toBe("TH");
  expect(record.score).not.toBeNull();
  const changed = await request.patch(`/api/v1/suppliers/${record.id}`, { headers: auth, data: { workersTotal: 750, "indicator:retention_of_documents": true } });
  expect(changed.status()).toBe(200);
  const after = (await changed.json()) as { changed: string[]; record: { score: { band: string } } };
  expect(after.changed.sort()).toEqual(["indicators", "workersTotal"]);
  expect(["high", "critical"]).toContain(after.record.score.band);

  await page.goto("/activity-log");
  const log = page.getByRole("main");
  await expect(log.getByText(/added Chonburi Canning Co through the API \(“Procurement sync”\)/)).toBeVisible();
  await expect(log.getByText(/changed .*the observed indicators.* of Chonburi Canning Co through the API/)).toBeVisible();
  await page.screenshot({ path: `test-results/screenshots/${test.info().project.name}-activity-api-writes.png`, fullPage: true });
});
