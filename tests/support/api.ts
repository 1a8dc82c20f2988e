/**
 * The API as the tests call it (decision 037): a client typed by the types generated from the
 * OpenAPI document (api-types.generated.ts, kept current by tests/unit/api-document.test.ts), whose
 * requests go to the API's route modules the way the server hands them over, and whose every
 * answer (success or problem) is checked against the document before the test sees it. An answer
 * the document does not describe fails the test that received it.
 */
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import createClient from "openapi-fetch";
import type { AppLoadContext } from "@remix-run/node";
import type { Db } from "../../db/client";
import { openApiDocument } from "../../app/domain/api/openapi.server";
import { createApiToken } from "../../app/domain/api/tokens.server";
import { API_RESOURCES, RESOURCE_LEVELS, type ApiResource } from "../../app/domain/api/scopes";
import type { CreateTokenInput } from "../../app/domain/api/tokens.schemas";
import type { Actor } from "../../app/auth/permissions.server";
import type { paths } from "./api-types.generated";

type Doc = { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>>; components: { schemas: Record<string, unknown> } };

/** The route module for each API path, matched in order (the catch-all last). */
const ROUTES: [RegExp, string[], () => Promise<{ loader?: unknown; action?: unknown }>][] = [
  [/^\/api\/v1\/suppliers$/, [], () => import("../../app/routes/api.v1.suppliers")],
  [/^\/api\/v1\/suppliers\/([^/]+)$/, ["supplierId"], () => import("../../app/routes/api.v1.suppliers_.$supplierId")],
  [/^\/api\/v1\/suppliers\/([^/]+)\/indicators$/, ["supplierId"], () => import("../../app/routes/api.v1.suppliers_.$supplierId.indicators")],
  [/^\/api\/v1\/recruiters$/, [], () => import("../../app/routes/api.v1.recruiters")],
  [/^\/api\/v1\/recruiters\/([^/]+)$/, ["recruiterId"], () => import("../../app/routes/api.v1.recruiters_.$recruiterId")],
  [/^\/api\/v1\/imports$/, [], () => import("../../app/routes/api.v1.imports")],
  [/^\/api\/v1\/imports\/([^/]+)$/, ["importId"], () => import("../../app/routes/api.v1.imports_.$importId")],
  [/^\/api\/v1\/audits$/, [], () => import("../../app/routes/api.v1.audits")],
  [/^\/api\/v1\/audits\/([^/]+)$/, ["auditId"], () => import("../../app/routes/api.v1.audits_.$auditId")],
  [/^\/api\/v1\/audits\/([^/]+)\/findings$/, ["auditId"], () => import("../../app/routes/api.v1.audits_.$auditId.findings")],
  [/^\/api\/v1\/corrective-actions\/([^/]+)$/, ["actionId"], () => import("../../app/routes/api.v1.corrective-actions_.$actionId")],
  [/^\/api\/v1\/reports$/, [], () => import("../../app/routes/api.v1.reports")],
  [/^\/api\/v1\/reports\/([^/]+)$/, ["reportId"], () => import("../../app/routes/api.v1.reports_.$reportId")],
  [/^\/api\/v1\/reports\/([^/]+)\/file$/, ["reportId"], () => import("../../app/routes/api.v1.reports_.$reportId.file")],
  [/^\/api\/v1\/verifications$/, [], () => import("../../app/routes/api.v1.verifications")],
  [/^\/api\/v1\/shares$/, [], () => import("../../app/routes/api.v1.shares")],
  [/^\/api\/v1\/shared-suppliers$/, [], () => import("../../app/routes/api.v1.shared-suppliers")],
  [/^\/api\/v1\/shares\/([^/]+)$/, ["shareId"], () => import("../../app/routes/api.v1.shares_.$shareId")],
  [/^\/api\/v1\/sites\/([^/]+)\/questionnaire$/, ["siteId"], () => import("../../app/routes/api.v1.sites_.$siteId.questionnaire")],
  [/^\/api\/v1\/suppliers\/([^/]+)\/answers$/, ["supplierId"], () => import("../../app/routes/api.v1.suppliers_.$supplierId.answers")],
  [/^\/api\/v1\/grievances$/, [], () => import("../../app/routes/api.v1.grievances")],
  [/^\/api\/v1\/grievances\/([^/]+)$/, ["grievanceId"], () => import("../../app/routes/api.v1.grievances_.$grievanceId")],
  [/^\/api\/.*$/, [], () => import("../../app/routes/api.$")],
];

let validator: { ajv: Ajv2020; doc: Doc } | null = null;

function documentValidator() {
  if (validator) return validator;
  const doc = openApiDocument() as unknown as Doc;
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ $id: "openapi", components: doc.components }, "openapi");
  validator = { ajv, doc };
  return validator;
}

/** The document's path template a concrete path matches ("/suppliers/{supplierId}"), or null. */
function templateOf(doc: Doc, apiPath: string): string | null {
  for (const template of Object.keys(doc.paths)) {
    const pattern = new RegExp(`^${template.replace(/\{[^}]+\}/g, "[^/]+")}$`);
    if (pattern.test(apiPath)) return template;
  }
  return null;
}

/**
 * Checks an answer against the document: its status must be one the operation lists, its content
 * type the one listed, its body valid against the listed schema. Throws with what differs.
 */
export async function checkAgainstDocument(method: string, url: URL, response: Response): Promise<void> {
  const { ajv, doc } = documentValidator();
  const apiPath = url.pathname.replace(/^\/api\/v1/, "");
  const template = templateOf(doc, apiPath);
  const type = (response.headers.get("content-type") ?? "").split(";")[0]!;
  // A file (a report's PDF) has no JSON to check: its status and media type must be the listed
  // ones, and its bytes are the test's to compare. Read only when JSON, so the file stream is left whole.
  const isJson = /^application\/(.+\+)?json$/.test(type);
  const body = isJson ? (await response.clone().text()) || "null" : "";
  if (!template || !doc.paths[template]![method.toLowerCase()]) {
    // Not an operation (an unknown path or method): the answer must still be a problem.
    if (type !== "application/problem+json") throw new Error(`${method} ${url.pathname}: answered ${response.status} ${type}, not a problem`);
    const valid = ajv.validate({ $ref: "openapi#/components/schemas/Problem" }, JSON.parse(body));
    if (!valid) throw new Error(`${method} ${url.pathname}: problem not as documented: ${ajv.errorsText()}`);
    return;
  }
  const described = doc.paths[template]![method.toLowerCase()]!.responses[String(response.status)];
  if (!described) throw new Error(`${method} ${template}: status ${response.status} is not in the document (${body.slice(0, 300)})`);
  const schema = described.content?.[type]?.schema;
  if (!schema) throw new Error(`${method} ${template}: ${response.status} answered ${type}, the document says ${Object.keys(described.content ?? {}).join(", ")}`);
  if (!isJson) return;
  // The document's references point at #/components/…: resolve them in the registered document.
  const rooted = JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"openapi#/components/')) as object;
  if (!ajv.validate(rooted, JSON.parse(body))) throw new Error(`${method} ${template} ${response.status}: body not as documented: ${ajv.errorsText()}\n${body.slice(0, 500)}`);
}

export interface ApiHarness {
  /** Every response seen, for tests that look at headers or the log. */
  seen: { method: string; path: string; status: number }[];
  fetch: (input: Request) => Promise<Response>;
}

/** A fetch that hands each request to its API route module with a server's load context, and checks the answer. */
export function apiFetch(db: Db, options: { rateLimit?: number; uploadsDir?: string } = {}): ApiHarness {
  const seen: ApiHarness["seen"] = [];
  const context = { db, session: null, sessionEnded: false, ip: "203.0.113.9", cookie: { secure: false }, uploads: { dir: options.uploadsDir ?? "tests/.tmp/uploads", maxBytes: 50 * 1024 * 1024 }, locale: "en", apiRateLimit: options.rateLimit ?? 600 } as AppLoadContext;
  return {
    seen,
    async fetch(request: Request) {
      const url = new URL(request.url);
      for (const [pattern, names, load] of ROUTES) {
        const match = pattern.exec(url.pathname);
        if (!match) continue;
        const module = await load();
        const params = Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(match[i + 1]!)]));
        const handler = (request.method === "GET" || request.method === "HEAD" ? module.loader : module.action) as (args: { request: Request; params: Record<string, string>; context: AppLoadContext }) => Promise<Response>;
        const response = await handler({ request, params, context });
        seen.push({ method: request.method, path: url.pathname, status: response.status });
        await checkAgainstDocument(request.method, url, response);
        return response;
      }
      throw new Error(`no API route for ${url.pathname}`);
    },
  };
}

/** A typed client (openapi-fetch over the generated types) with a bearer token. */
export function apiClient(harness: ApiHarness, token: string | null) {
  return createClient<paths>({ baseUrl: "http://localhost/api/v1", fetch: harness.fetch, headers: token ? { Authorization: `Bearer ${token}` } : {} });
}

type ScopeChoice = { [R in ApiResource]?: (typeof RESOURCE_LEVELS)[R][number] };

/** The token form's scope fields for `scopes`, every other resource "none". */
export function scopeFields(scopes: ScopeChoice): { [R in ApiResource as `scope_${R}`]: string } {
  return Object.fromEntries(API_RESOURCES.map((r) => [`scope_${r}`, scopes[r] ?? "none"])) as { [R in ApiResource as `scope_${R}`]: string };
}

/** Every resource at the most it offers. */
export const everyScope = () => scopeFields(Object.fromEntries(API_RESOURCES.map((r) => [r, RESOURCE_LEVELS[r].at(-1)])) as ScopeChoice);

/** A token for `actor`'s organisation (the actor must be an administrator). */
export async function tokenFor(db: Db, actor: Actor, scopes: ScopeChoice = { suppliers: "write" }, lifetime: CreateTokenInput["lifetime"] = 30): Promise<string> {
  const created = await createApiToken(db, actor, actor.membership!.orgId, { intent: "create", name: `test token ${Math.random().toString(36).slice(2, 6)}`, lifetime, ...scopeFields(scopes) }, null);
  return created.token;
}

/** Asks again every 100 ms until `done` (a bulk job finished, a delivery made), for at most `ms`. */
export async function until<T>(what: () => Promise<T>, done: (value: T) => boolean, ms = 180_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await what();
    if (done(value) || Date.now() > end) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
}
