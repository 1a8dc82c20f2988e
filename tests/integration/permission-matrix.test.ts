/**
 * The permission matrix, exhaustively: every route module's loader and action, called as every
 * demo role (and signed out), with the role's own resources, with another organisation's ids and
 * with ids that do not exist. Expected: allowed where the matrix allows; 403 or 404 otherwise; and
 * for another organisation's id exactly the same answer as for an id that does not exist (so no
 * one learns what exists elsewhere). A route without an entry here fails the test.
 */
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppLoadContext } from "@remix-run/node";
import { auditEvents, audits, auditTeam, contests, correctiveActions, evidence, feeCases, findings, grievanceFiles, grievanceRecipients, grievances, imports, memberships, organisations, questionnaireFiles, recruiters, shares, supplierSites, suppliers, thirdPartyAudits, users } from "#db/schema";
import { seedDemo } from "#db/seed";
import { createChannel } from "~/domain/grievances/channels.server";
import { createFiling, openStatement, saveProfile } from "~/domain/filings/filings.server";
import { issueReport } from "~/domain/reports/issue.server";
import { submitReport } from "~/domain/reports/reports.server";
import { type Db, firstRow, onlyRow, rawColumn } from "../../db/client";
import { actorFor, makeOrg, makeUser } from "../support/factories";
import { createSuiteDb } from "../support/db";
import { TMP_DIR } from "../support/paths";
import { contextFor } from "../support/routes";
import { everyScope } from "../support/api";

type Who = "company" | "viewer" | "inspector" | "lim" | "union" | "regulator" | "supplier" | "platform";
const EVERYONE: Who[] = ["company", "viewer", "inspector", "lim", "union", "regulator", "supplier", "platform"];
const MEMBERS: Who[] = EVERYONE.filter((w) => w !== "platform");

interface Ids {
  supplier: number;
  recruiter: number;
  import: number;
  contest: number;
  audit: number;
  action: number;
  evidence: number;
  report: string;
  source: number;
  /** A grievance channel of the company's and of the union's (issue 19). */
  channel: number;
  unionChannel: number;
  grievance: number;
  grievanceFile: number;
  feeCase: number;
  /** A supplier organisation's workplace (issue 20). */
  site: number;
  /** A third-party audit with its report: of the supplier's site, and of the company's record (issue 20 item 5). */
  siteAudit: number;
  recordAudit: number;
  /** Evidence attached to a questionnaire answer of that workplace. */
  questionnaireFile: number;
  /** A statement and one of its filings (issue 21, decision 036). */
  statement: number;
  filing: number;
  /** A share the company made (issue 22: revoked over the API). */
  share: number;
  orgOf: Record<Who, number>;
}

interface Endpoint {
  /** Who may (anyone else: `deny`, default 403). "public": no sign-in needed. */
  allow: Who[] | "public";
  deny?: Partial<Record<Who, 403 | 404>>;
}

interface Spec {
  params?: (ids: Ids, who: Who) => Record<string, string>;
  loader: Endpoint;
  action?: Endpoint;
}

const only = (...who: Who[]) => who;
const p = (build: (ids: Ids) => Record<string, unknown>) => (ids: Ids) => Object.fromEntries(Object.entries(build(ids)).map(([k, v]) => [k, String(v)]));

/** The matrix for every route (docs/permissions.md in executable form, per route). */
const SPECS: Record<string, Spec> = {
  "$.tsx": { loader: { allow: "public" } },
  "_index.tsx": { loader: { allow: EVERYONE } },
  "account.tsx": { loader: { allow: EVERYONE }, action: { allow: EVERYONE } },
  "actions.$actionId.tsx": { params: p((i) => ({ actionId: i.action })), loader: { allow: only("company", "viewer", "inspector", "lim"), deny: { union: 404, regulator: 404, supplier: 404, platform: 404 } }, action: { allow: only("company", "inspector", "lim"), deny: { viewer: 403, union: 404, regulator: 404, supplier: 404, platform: 404 } } },
  "actions._index.tsx": { loader: { allow: only("company", "viewer", "inspector", "lim"), deny: { platform: 404 } } },
  "admin.methodology.tsx": { loader: { allow: only("platform") }, action: { allow: only("platform") } },
  "admin.methodology_.$versionId.tsx": { params: p(() => ({ versionId: 1 })), loader: { allow: only("platform") } },
  "admin.methodology_.new.tsx": { loader: { allow: only("platform") }, action: { allow: only("platform") } },
  "admin.organisations_.$orgId.tsx": { params: p((i) => ({ orgId: i.orgOf.company })), loader: { allow: only("platform") }, action: { allow: only("platform") } },
  "admin.organisations.tsx": { loader: { allow: only("platform") }, action: { allow: only("platform") } },
  "admin.support-services.tsx": { loader: { allow: only("platform") }, action: { allow: only("platform") } },
  "admin.reference.$sourceId.tsx": { params: p((i) => ({ sourceId: i.source })), loader: { allow: only("platform") }, action: { allow: only("platform") } },
  "admin.reference._index.tsx": { loader: { allow: only("platform") }, action: { allow: only("platform") } },
  "admin.reference.products.tsx": { loader: { allow: only("platform") }, action: { allow: only("platform") } },
  "activity-log.tsx": { loader: { allow: only("company", "inspector", "union", "regulator", "supplier", "platform") } },
  "activity-log[.csv].ts": { loader: { allow: only("company", "inspector", "union", "regulator", "supplier", "platform") } },
  // API tokens (issue 22, decision 037): the administrators of every kind of organisation; members and viewers 403;
  // the platform administrator belongs to no organisation a token could act for (404, like another organisation's page).
  // The OpenAPI document describes the API and holds no data: public (decision 037).
  "api.v1.openapi[.json].ts": { loader: { allow: "public" } },
  "api-tokens.tsx": { loader: { allow: only("company", "inspector", "union", "regulator", "supplier"), deny: { platform: 404 } }, action: { allow: only("company", "inspector", "union", "regulator", "supplier"), deny: { platform: 404 } } },
  // The reference page describes the API and holds no data: public, like the OpenAPI document.
  "api.v1.docs.tsx": { loader: { allow: "public" } },
  // The old addresses only redirect to the new ones (which check who may see the log).
  "audit-log.tsx": { loader: { allow: "public" } },
  "audit-log[.csv].ts": { loader: { allow: "public" } },
  // The audited company reads its (announced, or started) audits on the same page.
  "audits.$auditId.tsx": { params: p((i) => ({ auditId: i.audit })), loader: { allow: only("inspector", "lim", "company", "viewer"), deny: { union: 404, regulator: 404, supplier: 404, platform: 404 } }, action: { allow: only("inspector", "lim"), deny: { company: 404, viewer: 404, union: 404, regulator: 404, supplier: 404, platform: 404 } } },
  "audits.$auditId_.edit.tsx": { params: p((i) => ({ auditId: i.audit })), loader: { allow: only("inspector", "lim"), deny: { company: 404, viewer: 404, union: 404, regulator: 404, supplier: 404, platform: 404 } }, action: { allow: only("inspector", "lim"), deny: { company: 404, viewer: 404, union: 404, regulator: 404, supplier: 404, platform: 404 } } },
  "audits.$auditId_.findings.tsx": { params: p((i) => ({ auditId: i.audit })), loader: { allow: only("inspector", "lim"), deny: { company: 404, viewer: 404, union: 404, regulator: 404, supplier: 404, platform: 404 } }, action: { allow: only("inspector", "lim"), deny: { company: 404, viewer: 404, union: 404, regulator: 404, supplier: 404, platform: 404 } } },
  "audits._index.tsx": { loader: { allow: only("inspector", "lim"), deny: { platform: 404 } } },
  "audits.availability.tsx": { loader: { allow: only("inspector", "lim"), deny: { platform: 404 } }, action: { allow: only("inspector", "lim"), deny: { platform: 404 } } },
  "audits.calendar.tsx": { loader: { allow: only("inspector", "lim"), deny: { platform: 404 } }, action: { allow: only("inspector", "lim"), deny: { platform: 404 } } },
  "audits.new.tsx": { loader: { allow: only("inspector", "lim"), deny: { platform: 404 } }, action: { allow: only("inspector", "lim"), deny: { platform: 404 } } },
  "audits.plan.tsx": { loader: { allow: only("inspector", "lim"), deny: { platform: 404 } }, action: { allow: only("inspector", "lim"), deny: { platform: 404 } } },
  "audits.queue.tsx": { loader: { allow: only("inspector", "lim"), deny: { platform: 404 } } },
  "audits.settings.tsx": { loader: { allow: only("inspector"), deny: { platform: 404 } }, action: { allow: only("inspector"), deny: { platform: 404 } } },
  "calendar.$feed.ts": { params: () => ({ feed: "abcdefghijklmnopqrstuvwxyz234567.ics" }), loader: { allow: "public" } },
  "contests.$contestId.evidence.ts": { params: p((i) => ({ contestId: i.contest })), loader: { allow: only("company", "viewer", "union"), deny: { inspector: 404, lim: 404, regulator: 404, supplier: 404, platform: 404 } } },
  "contests.$contestId.tsx": { params: p((i) => ({ contestId: i.contest })), loader: { allow: only("company", "viewer", "union"), deny: { inspector: 404, lim: 404, regulator: 404, supplier: 404, platform: 404 } }, action: { allow: only("company"), deny: { union: 404, inspector: 404, lim: 404, regulator: 404, supplier: 404, platform: 404 } } },
  // One list, three readers: the company's inbox, the union's own contests, the administrator's method contests.
  "contests._index.tsx": { loader: { allow: only("company", "viewer", "union", "platform") } },
  // The recruitment-fee ledger is the company's own (fees.view / fees.manage).
  // Statutory filings are the company's own (filings.view / filings.write; approval: admins).
  "filings._index.tsx": { loader: { allow: only("company", "viewer"), deny: { platform: 404 } }, action: { allow: only("company"), deny: { platform: 404 } } },
  "filings.statements.$statementId.tsx": { params: p((i) => ({ statementId: i.statement })), loader: { allow: only("company", "viewer"), deny: { platform: 404 } }, action: { allow: only("company"), deny: { platform: 404 } } },
  // The UK registry row of the company's UK filing (from an approved statement only: the world's is a draft, refused with 400 to its readers).
  "filings.$filingId.$form[.csv].ts": { params: p((i) => ({ filingId: i.filing, form: "uk-registry" })), loader: { allow: only("company", "viewer"), deny: { platform: 404 } } },
  "fees._index.tsx": { loader: { allow: only("company", "viewer"), deny: { platform: 404 } }, action: { allow: only("company"), deny: { platform: 404 } } },
  "fees.$feeCaseId.tsx": { params: p((i) => ({ feeCaseId: i.feeCase })), loader: { allow: only("company", "viewer"), deny: { platform: 404 } }, action: { allow: only("company"), deny: { platform: 404 } } },
  "fees.$feeCaseId.file.ts": { params: p((i) => ({ feeCaseId: i.feeCase })), loader: { allow: only("company", "viewer"), deny: { platform: 404 } } },
  "evidence.$evidenceId.ts": { params: p((i) => ({ evidenceId: i.evidence })), loader: { allow: only("company", "viewer", "inspector", "lim"), deny: { union: 404, regulator: 404, supplier: 404, platform: 404 } } },
  // Worker voice (issue 19): channels are posted by company and union writers; the poster is the posting organisation's.
  "grievances.channels.tsx": { loader: { allow: only("company", "union"), deny: { platform: 404 } }, action: { allow: only("company", "union"), deny: { platform: 404 } } },
  "grievances.channels_.$channelId.poster.tsx": { params: (i, who) => ({ channelId: String(who === "union" ? i.unionChannel : i.channel) }), loader: { allow: only("company", "union"), deny: { platform: 404 } } },
  // Assisted intake: the union and the inspectorate record for a worker; never the company (the party the worker is protected from).
  "grievances.new.tsx": { loader: { allow: only("inspector", "lim", "union"), deny: { platform: 404 } }, action: { allow: only("inspector", "lim", "union"), deny: { platform: 404 } } },
  "healthz.ts": { loader: { allow: "public" } },
  // Worker grievances (issue 19): the organisations a case reached read it; the union and inspectorate handle, the company answers; files never to the company.
  "grievances._index.tsx": { loader: { allow: only("company", "viewer", "inspector", "lim", "union"), deny: { platform: 404 } } },
  "grievances.$grievanceId.tsx": { params: p((i) => ({ grievanceId: i.grievance })), loader: { allow: only("company", "viewer", "inspector", "lim", "union"), deny: { platform: 404 } }, action: { allow: only("company", "inspector", "lim", "union"), deny: { platform: 404 } } },
  "grievances.$grievanceId.files.$fileId.ts": { params: p((i) => ({ grievanceId: i.grievance, fileId: i.grievanceFile })), loader: { allow: only("inspector", "lim", "union"), deny: { company: 404, viewer: 404, platform: 404 } } },
  "imports.$importId.errors[.csv].ts": { params: p((i) => ({ importId: i.import })), loader: { allow: only("company", "viewer"), deny: { inspector: 404, lim: 404, union: 404, regulator: 404, supplier: 404, platform: 404 } } },
  "imports.$importId.tsx": { params: p((i) => ({ importId: i.import })), loader: { allow: only("company", "viewer"), deny: { inspector: 404, lim: 404, union: 404, regulator: 404, supplier: 404, platform: 404 } }, action: { allow: only("company"), deny: { inspector: 404, lim: 404, union: 404, regulator: 404, supplier: 404, platform: 404 } } },
  "imports._index.tsx": { loader: { allow: only("company", "viewer"), deny: { platform: 404 } }, action: { allow: only("company"), deny: { platform: 404 } } },
  "imports.columns.tsx": { loader: { allow: EVERYONE } },
  "imports.template.$kind[.csv].ts": { params: () => ({ kind: "suppliers" }), loader: { allow: EVERYONE } },
  // The language switcher's target and the catalogs: words, no data (issue 18).
  "language.tsx": { loader: { allow: "public" }, action: { allow: "public" } },
  "locales.$lng[.json].ts": { params: () => ({ lng: "de" }), loader: { allow: "public" } },
  "invite.$token.tsx": { params: () => ({ token: "no-such-invitation" }), loader: { allow: "public" }, action: { allow: "public" } },
  "methodology.tsx": { loader: { allow: EVERYONE } },
  "orgs.$orgId.members.tsx": { params: (i, who) => ({ orgId: String(i.orgOf[who]) }), loader: { allow: EVERYONE }, action: { allow: only("company", "inspector", "union", "regulator", "supplier", "platform") } },
  "recruiters.$recruiterId.tsx": { params: p((i) => ({ recruiterId: i.recruiter })), loader: { allow: only("company", "viewer"), deny: { platform: 404 } } },
  "recruiters._index.tsx": { loader: { allow: only("company", "viewer"), deny: { platform: 404 } } },
  "regulator._index.tsx": { loader: { allow: only("regulator"), deny: { platform: 404 } } },
  "regulator.companies.tsx": { loader: { allow: only("regulator"), deny: { platform: 404 } } },
  "regulator.map[.svg].ts": { loader: { allow: only("regulator"), deny: { platform: 404 } } },
  "regulator.patterns.tsx": { loader: { allow: only("regulator"), deny: { platform: 404 } } },
  "regulator.submissions[.csv].ts": { loader: { allow: only("regulator"), deny: { platform: 404 } } },
  "reports.$reportId.file.ts": { params: p((i) => ({ reportId: i.report })), loader: { allow: only("company", "viewer", "regulator"), deny: { inspector: 404, lim: 404, union: 404, supplier: 404, platform: 404 } } },
  "reports.$reportId.tsx": { params: p((i) => ({ reportId: i.report })), loader: { allow: only("company", "viewer", "regulator"), deny: { inspector: 404, lim: 404, union: 404, supplier: 404, platform: 404 } }, action: { allow: only("company"), deny: { inspector: 404, lim: 404, union: 404, regulator: 404, supplier: 404, platform: 404 } } },
  "reports._index.tsx": { loader: { allow: only("company", "viewer", "inspector", "lim", "regulator"), deny: { platform: 404 } }, action: { allow: only("company", "inspector", "lim", "regulator"), deny: { platform: 404 } } },
  "reset-password.$token.tsx": { params: () => ({ token: "no-such-reset" }), loader: { allow: "public" }, action: { allow: "public" } },
  "shared.$supplierId.tsx": { params: p((i) => ({ supplierId: i.supplier })), loader: { allow: only("inspector", "lim", "union"), deny: { regulator: 404, platform: 404 } }, action: { allow: only("union"), deny: { regulator: 404, platform: 404 } } },
  "shared._index.tsx": { loader: { allow: only("inspector", "lim", "union", "regulator"), deny: { platform: 404 } } },
  "sharing.tsx": { loader: { allow: only("company"), deny: { platform: 404 } }, action: { allow: only("company"), deny: { platform: 404 } } },
  "sign-in.tsx": { loader: { allow: "public" }, action: { allow: "public" } },
  "sign-out.tsx": { loader: { allow: "public" }, action: { allow: "public" } },
  // The supplier portal's invitation forms sit on the buyer's supplier page (suppliers.invite: company writers).
  "suppliers.$supplierId.tsx": { params: p((i) => ({ supplierId: i.supplier })), loader: { allow: only("company", "viewer"), deny: { platform: 404 } }, action: { allow: only("company"), deny: { platform: 404 } } },
  // A supplier's own workplace (issue 20): its organisation alone; another supplier's site is a 404.
  "sites.$siteId.tsx": { params: p((i) => ({ siteId: i.site })), loader: { allow: only("supplier"), deny: { platform: 404 } }, action: { allow: only("supplier"), deny: { platform: 404 } } },
  "sites.$siteId_.questionnaire.tsx": { params: p((i) => ({ siteId: i.site })), loader: { allow: only("supplier"), deny: { platform: 404 } }, action: { allow: only("supplier"), deny: { platform: 404 } } },
  "sites.$siteId_.questionnaire_.files.$fileId.ts": { params: p((i) => ({ siteId: i.site, fileId: i.questionnaireFile })), loader: { allow: only("supplier"), deny: { platform: 404 } } },
  "sites.$siteId_.reviews.tsx": { params: p((i) => ({ siteId: i.site })), loader: { allow: only("supplier"), deny: { platform: 404 } }, action: { allow: only("supplier"), deny: { platform: 404 } } },
  // Third-party audits (issue 20 item 5): the supplier's of its site; the company's of its record (viewers read, writers record).
  "sites.$siteId_.audits.tsx": { params: p((i) => ({ siteId: i.site })), loader: { allow: only("supplier"), deny: { platform: 404 } }, action: { allow: only("supplier"), deny: { platform: 404 } } },
  "sites.$siteId_.audits_.$auditId.report.ts": { params: p((i) => ({ siteId: i.site, auditId: i.siteAudit })), loader: { allow: only("supplier"), deny: { platform: 404 } } },
  "suppliers.$supplierId_.third-party-audits.tsx": { params: p((i) => ({ supplierId: i.supplier })), loader: { allow: only("company", "viewer"), deny: { platform: 404 } }, action: { allow: only("company"), deny: { platform: 404 } } },
  "suppliers.$supplierId_.third-party-audits_.$auditId.report.ts": { params: p((i) => ({ supplierId: i.supplier, auditId: i.recordAudit })), loader: { allow: only("company", "viewer"), deny: { platform: 404 } } },
  // The claim link: the token is the credential; an unknown one is the same "no longer valid" page for everyone.
  "supplier-invite.$token.tsx": { params: () => ({ token: "no-such-supplier-invitation" }), loader: { allow: "public" }, action: { allow: "public" } },
  // The indicators page is an editing form: viewers read indicators on the supplier page.
  "suppliers.$supplierId_.indicators.tsx": { params: p((i) => ({ supplierId: i.supplier })), loader: { allow: only("company"), deny: { platform: 404 } }, action: { allow: only("company"), deny: { platform: 404 } } },
  "suppliers.$supplierId_.answers.tsx": { params: p((i) => ({ supplierId: i.supplier })), loader: { allow: only("company", "viewer"), deny: { platform: 404 } }, action: { allow: only("company", "viewer"), deny: { platform: 404 } } },
  // The demo record shares no answers: its own company is refused like everyone (404, as for a missing file).
  "suppliers.$supplierId_.answers.files.$fileId.ts": { params: p((i) => ({ supplierId: i.supplier, fileId: i.evidence })), loader: { allow: only(), deny: { company: 404, viewer: 404, platform: 404 } } },
  // The duplicate review (decision 033): every company member reads it; writers decide (suppliers.merge).
  "suppliers.duplicates.tsx": { loader: { allow: only("company", "viewer"), deny: { platform: 404 } }, action: { allow: only("company"), deny: { platform: 404 } } },
  "suppliers._index.tsx": { loader: { allow: only("company", "viewer"), deny: { platform: 404 } } },
  "suppliers[.csv].ts": { loader: { allow: only("company", "viewer"), deny: { platform: 404 } } },
  "maps.suppliers[.svg].ts": { loader: { allow: only("company", "viewer"), deny: { platform: 404 } } },
  "verify.tsx": { loader: { allow: "public" }, action: { allow: "public" } },
  // The worker's pages (issue 19): no account; an unknown channel link is a 404 for everyone alike.
  "report.tsx": { loader: { allow: "public" }, action: { allow: "public" } },
  "case.tsx": { loader: { allow: "public" }, action: { allow: "public" } },
  "g.$token.tsx": { params: () => ({ token: "nosuchlink" }), loader: { allow: "public" }, action: { allow: "public" } },
  // Watchlist matches name the company's suppliers: the company alone (ADR 016); deciding is editing.
  "watchlists._index.tsx": { loader: { allow: only("company", "viewer"), deny: { inspector: 404, lim: 404, union: 404, regulator: 404, supplier: 404, platform: 404 } }, action: { allow: only("company"), deny: { inspector: 404, lim: 404, union: 404, regulator: 404, supplier: 404, platform: 404 } } },
  // Webhooks are the organisation's integrations, under the same permission as its API tokens (admins only).
  "webhooks.tsx": { loader: { allow: only("company", "inspector", "union", "regulator", "supplier"), deny: { platform: 404 } }, action: { allow: only("company", "inspector", "union", "regulator", "supplier"), deny: { platform: 404 } } },
};

const ROUTES_DIR = path.resolve("app/routes");
/** The JSON API's routes are called with tokens, not sessions: their own matrix below (decision 037). */
const isApiRoute = (f: string) => f.startsWith("api.") && f !== "api.v1.openapi[.json].ts" && f !== "api.v1.docs.tsx";
const routeFiles = readdirSync(ROUTES_DIR).filter((f) => /\.(tsx?|jsx?)$/.test(f) && !isApiRoute(f)).sort();
const apiRouteFiles = readdirSync(ROUTES_DIR).filter(isApiRoute).sort();

type Outcome = number | "sign-in";

async function outcome(fn: () => unknown): Promise<Outcome> {
  let value: unknown;
  try {
    value = await fn();
  } catch (error) {
    if (!(error instanceof Response)) throw error;
    value = error;
  }
  if (value instanceof Response) {
    if (value.status === 302 && (value.headers.get("Location") ?? "").startsWith("/sign-in")) return "sign-in";
    return value.status;
  }
  const init = (value as { init?: { status?: number } } | null)?.init;
  return init?.status ?? 200;
}

let world: { db: Db; own: Ids; foreign: Ids; missing: Ids; users: Record<Who, { userId: number; orgId: number | null }>; uploads: string };

beforeAll(async () => {
  // One database for the whole matrix (the per-test databases of support/db close after each test).
  const suite = createSuiteDb();
  dropSuite = suite.drop;
  const db = suite.db;
  await seedDemo(db);
  const orgId = async (name: string) => firstRow(await db.select().from(organisations).where(eq(organisations.name, name)))!.id;
  const userId = async (email: string) => firstRow(await db.select().from(users).where(eq(users.email, email)))!.id;
  const northwind = await orgId("Northwind Fresh Foods GmbH");
  const inspectorate = await orgId("Demo Labour Inspectorate");
  const union = await orgId("Plantation and Construction Workers' Union");
  const regulator = await orgId("Supply Chain Supervisory Authority");
  const viewer = await makeUser(db, { orgId: northwind, role: "viewer" });
  const who: Record<Who, { userId: number; orgId: number | null }> = {
    company: { userId: await userId("compliance@northwind.example"), orgId: northwind },
    viewer: { userId: viewer.id, orgId: northwind },
    inspector: { userId: await userId("inspector@inspectorate.example"), orgId: inspectorate },
    lim: { userId: await userId("lim@inspectorate.example"), orgId: inspectorate },
    union: { userId: await userId("rep@union.example"), orgId: union },
    regulator: { userId: await userId("supervisor@regulator.example"), orgId: regulator },
    supplier: { userId: await userId("supplier@mekong.example"), orgId: await orgId("Mekong Garment Co.") },
    platform: { userId: await userId("admin@platform.example"), orgId: null },
  };
  const uploads = path.join(TMP_DIR, `matrix-${process.pid}`);
  mkdirSync(uploads, { recursive: true });
  const kebun = firstRow(await db.select().from(suppliers).where(eq(suppliers.externalId, "NW-0001")))!;

  // Another organisation of each kind, with resources of every kind.
  const otherCompany = await makeOrg(db, "company");
  const otherInspectorate = await makeOrg(db, "inspectorate", undefined, ["MY"]);
  const otherUnion = await makeOrg(db, "union");
  const otherInspector = await makeUser(db, { orgId: otherInspectorate.id, role: "admin" });
  const otherCompanyAdmin = await makeUser(db, { orgId: otherCompany.id, role: "admin" });
  const theirSupplier = onlyRow(await db.insert(suppliers).values({ orgId: otherCompany.id, externalId: "X-1", name: "Their estate", country: "MY" }).returning());
  const theirRecruiter = onlyRow(await db.insert(recruiters).values({ orgId: otherCompany.id, externalId: "XR-1", name: "Their agency" }).returning());
  const theirShare = onlyRow(await db.insert(shares).values({ fromOrgId: otherCompany.id, toOrgId: otherInspectorate.id, scope: ["identity", "scores", "audits"], filter: {} }).returning()).id;
  // The company's own share to a partner the demo does not share with: the API's revocation ends it, no demo share.
  const ownShare = onlyRow(await db.insert(shares).values({ fromOrgId: northwind, toOrgId: otherUnion.id, scope: ["identity"], filter: {} }).returning()).id;
  const importRow = async (org: number) =>
    onlyRow(await db.insert(imports).values({ orgId: org, kind: "suppliers", status: "analysed", fileName: "list.csv", filePath: path.join(uploads, "none.csv"), fileSize: 1, fileSha256: "0".repeat(64), encoding: "utf-8", delimiter: ",", headers: ["name"], mapping: ["name"] }).returning()).id;
  const contest = async (org: number, supplierId: number, company: number) => {
    const file = path.join(uploads, `contest-${org}.pdf`);
    writeFileSync(file, "%PDF-1.4 survey");
    return onlyRow(await db.insert(contests).values({ orgId: org, supplierId, companyOrgId: company, comment: "The score ignores the union's survey.", evidenceName: "survey.pdf", evidencePath: file, evidenceSha256: "2".repeat(64), evidenceSize: 15 }).returning()).id;
  };
  const auditOf = async (org: number, supplierId: number, company: number, lead: number) => {
    const a = onlyRow(await db.insert(audits).values({ orgId: org, supplierId, companyOrgId: company, type: "announced", status: "completed", startsAt: new Date(Date.now() - 30 * 86_400_000), endsAt: new Date(Date.now() - 30 * 86_400_000 + 3_600_000), leadInspectorId: lead }).returning());
    await db.insert(auditTeam).values({ auditId: a.id, userId: lead, role: "lead" });
    await db.insert(auditEvents).values({ auditId: a.id, at: new Date(), kind: "created", toStatus: "planned" });
    const f = onlyRow(await db.insert(findings).values({ auditId: a.id, indicator: "deception", result: "major", description: "False promises at recruitment.", recordedAt: new Date() }).returning());
    const ca = onlyRow(await db.insert(correctiveActions).values({ findingId: f.id, auditId: a.id, orgId: org, companyOrgId: company, supplierId, description: "Issue true contracts.", owner: "company", dueOn: "2027-01-01" }).returning());
    const file = path.join(uploads, `evidence-${a.id}.pdf`);
    writeFileSync(file, "%PDF-1.4 evidence");
    const e = onlyRow(await db.insert(evidence).values({ findingId: f.id, orgId: org, fileName: "e.pdf", filePath: file, sha256: "1".repeat(64), size: 17, mime: "application/pdf" }).returning());
    return { audit: a.id, action: ca.id, evidence: e.id };
  };
  const ownAudit = await auditOf(inspectorate, kebun.id, northwind, who.inspector.userId);
  const theirAudit = await auditOf(otherInspectorate.id, theirSupplier.id, otherCompany.id, otherInspector.id);
  const dir = path.join(uploads, "files");
  const ownReport = (await issueReport(db, await actorFor(db, who.company.userId, northwind), { type: "company_due_diligence", params: { from: "2026-01-01", to: "2026-12-31" }, pageSize: "A4" }, { dir })).id;
  await submitReport(db, await actorFor(db, who.company.userId, northwind), ownReport, { regulatorId: regulator, supersedes: null });
  const theirReport = (await issueReport(db, await actorFor(db, otherCompanyAdmin.id, otherCompany.id), { type: "company_due_diligence", params: { from: "2026-01-01", to: "2026-12-31" }, pageSize: "A4" }, { dir })).id;
  const source = (await rawColumn<number>(db, `select id from reference_sources order by id limit 1`))[0]!;
  // Grievance channels: the company's for its estate, the union's a general one; and another company's and union's.
  const ownChannel = (await createChannel(db, await actorFor(db, who.company.userId, northwind), { supplierId: kebun.id, country: null })).id;
  const ownUnionChannel = (await createChannel(db, await actorFor(db, who.union.userId, union), { supplierId: null, country: "MY" })).id;
  const otherUnionAdmin = await makeUser(db, { orgId: otherUnion.id, role: "admin" });
  const theirChannel = (await createChannel(db, await actorFor(db, otherCompanyAdmin.id, otherCompany.id), { supplierId: theirSupplier.id, country: null })).id;
  const theirUnionChannel = (await createChannel(db, await actorFor(db, otherUnionAdmin.id, otherUnion.id), { supplierId: null, country: "MY" })).id;
  // A grievance case that reached a union, an inspectorate and a company, with a file from the worker.
  const grievanceOf = async (orgs: { union: number; inspectorate: number; company: number }, supplierId: number) => {
    const g = onlyRow(
      await db.insert(grievances).values({ caseCode: `G-${String(supplierId).padStart(4, "0")}-AAAA-BBBB`, secretHash: "4".repeat(64), supplierId, country: "MY", categories: ["overtime"], consent: ["union", "inspectorate", "company"], leadOrgId: orgs.union, dueAt: new Date(Date.now() + 7 * 86_400_000) }).returning(),
    );
    for (const [party, orgId] of [["union", orgs.union], ["inspectorate", orgs.inspectorate], ["company", orgs.company]] as const) await db.insert(grievanceRecipients).values({ grievanceId: g.id, orgId, party, reason: "first" });
    const file = path.join(uploads, `grievance-${g.id}.pdf`);
    writeFileSync(file, "%PDF-1.4 photo");
    const f = onlyRow(await db.insert(grievanceFiles).values({ grievanceId: g.id, fileName: "photo.pdf", filePath: file, sha256: "5".repeat(64), size: 14, mime: "application/pdf" }).returning());
    return { grievance: g.id, grievanceFile: f.id };
  };
  const feeCaseOf = async (org: number, supplierId: number) => {
    const file = path.join(uploads, `fee-${org}.pdf`);
    writeFileSync(file, "%PDF-1.4 receipts");
    return onlyRow(await db.insert(feeCases).values({ orgId: org, supplierId, originCountry: "NP", destinationCountry: "MY", currency: "NPR", amountPerWorkerMinor: 4_500_000, workers: 10, source: "audit", evidenceName: "receipts.pdf", evidencePath: file, evidenceSha256: "4".repeat(64) }).returning()).id;
  };
  // The demo supplier's claimed workplace, and another supplier organisation's.
  const ownSite = firstRow(await db.select().from(supplierSites).where(eq(supplierSites.orgId, who.supplier.orgId!)))!.id;
  const otherSupplier = await makeOrg(db, "supplier");
  const theirSite = onlyRow(await db.insert(supplierSites).values({ orgId: otherSupplier.id, name: "Their workplace" }).returning()).id;
  const thirdPartyAuditOf = async (orgId: number, subject: { siteId: number } | { supplierId: number }) => {
    const file = path.join(uploads, `third-party-audit-${orgId}-${"siteId" in subject ? "site" : "record"}.pdf`);
    writeFileSync(file, "%PDF-1.4 audit report");
    return onlyRow(await db.insert(thirdPartyAudits).values({ orgId, ...subject, scheme: "smeta", body: "Audit Firm Ltd", auditedOn: "2026-06-01", validUntil: "2027-06-01", reportName: "report.pdf", reportPath: file, reportSha256: "6".repeat(64), reportSize: 21, reportMime: "application/pdf" }).returning()).id;
  };
  const questionnaireFileOf = async (siteId: number) => {
    const file = path.join(uploads, `questionnaire-${siteId}.pdf`);
    writeFileSync(file, "%PDF-1.4 grievance procedure");
    return onlyRow(await db.insert(questionnaireFiles).values({ siteId, questionId: "grievance_procedure_file", name: "procedure.pdf", path: file, sha256: "6".repeat(64), size: 27, mime: "application/pdf" }).returning()).id;
  };
  const statementOf = async (actor: Awaited<ReturnType<typeof actorFor>>) => {
    await saveProfile(db, actor, { intent: "profile", financialYearEnd: "12-31", turnoverBand: null, sectors: [], regimes: ["uk_msa"], groupStatement: false });
    const statement = await openStatement(db, actor, 2025);
    const filing = await createFiling(db, actor, statement, { intent: "filing", regime: "uk_msa", authority: "", reference: "", receivedOn: "", dueOn: "", product: "", rawMaterial: "" });
    return { statement, filing };
  };
  const ownStatement = await statementOf(await actorFor(db, who.company.userId, northwind));
  const theirStatement = await statementOf(await actorFor(db, otherCompanyAdmin.id, otherCompany.id));
  const ownOrgs = Object.fromEntries(Object.entries(who).map(([k, v]) => [k, v.orgId ?? northwind])) as Record<Who, number>;
  world = {
    db,
    uploads,
    users: who,
    own: { supplier: kebun.id, recruiter: firstRow(await db.select().from(recruiters).where(eq(recruiters.orgId, northwind)))!.id, import: await importRow(northwind), contest: await contest(union, kebun.id, northwind), ...ownAudit, report: ownReport, feeCase: await feeCaseOf(northwind, kebun.id), site: ownSite, questionnaireFile: await questionnaireFileOf(ownSite), siteAudit: await thirdPartyAuditOf(who.supplier.orgId!, { siteId: ownSite }), recordAudit: await thirdPartyAuditOf(northwind, { supplierId: kebun.id }), ...ownStatement, source, channel: ownChannel, unionChannel: ownUnionChannel, ...(await grievanceOf({ union, inspectorate, company: northwind }, kebun.id)), share: ownShare, orgOf: ownOrgs },
    foreign: {
      supplier: theirSupplier.id,
      recruiter: theirRecruiter.id,
      import: await importRow(otherCompany.id),
      contest: await contest(otherUnion.id, theirSupplier.id, otherCompany.id),
      ...theirAudit,
      report: theirReport,
      source,
      channel: theirChannel,
      unionChannel: theirUnionChannel,
      feeCase: await feeCaseOf(otherCompany.id, theirSupplier.id),
      ...theirStatement,
      site: theirSite,
      questionnaireFile: await questionnaireFileOf(theirSite),
      siteAudit: await thirdPartyAuditOf(otherSupplier.id, { siteId: theirSite }),
      recordAudit: await thirdPartyAuditOf(otherCompany.id, { supplierId: theirSupplier.id }),
      ...(await grievanceOf({ union: otherUnion.id, inspectorate: otherInspectorate.id, company: otherCompany.id }, theirSupplier.id)),
      share: theirShare,
      orgOf: Object.fromEntries(EVERYONE.map((w) => [w, otherCompany.id])) as Record<Who, number>,
    },
    missing: { supplier: 999_999, recruiter: 999_999, import: 999_999, contest: 999_999, audit: 999_999, action: 999_999, evidence: 999_999, report: "R-AAAA-AAAA-AAAA-AAAA", source: 999_999, channel: 999_999, unionChannel: 999_999, grievance: 999_999, feeCase: 999_999, site: 999_999, questionnaireFile: 999_999, siteAudit: 999_999, recordAudit: 999_999, grievanceFile: 999_999, statement: 999_999, filing: 999_999, share: 999_999, orgOf: Object.fromEntries(EVERYONE.map((w) => [w, 999_999])) as Record<Who, number> },
  };
}, 60_000);

let dropSuite: (() => Promise<void>) | undefined;
afterAll(async () => await dropSuite?.());

function request(file: string, method: "GET" | "POST", params: Record<string, string>) {
  const url = `http://localhost/${file.replace(/\.(tsx?|jsx?)$/, "")}/${Object.values(params).join("/")}`;
  return method === "GET" ? new Request(url) : new Request(url, { method: "POST", body: new FormData() });
}

async function contextOf(who: Who | "anon"): Promise<AppLoadContext> {
  const ctx = who === "anon" ? await contextFor(world.db, null) : await contextFor(world.db, world.users[who].userId, world.users[who].orgId);
  return { ...ctx, uploads: { dir: world.uploads, maxBytes: 1024 * 1024 } } as AppLoadContext;
}

const tally = { calls: 0, leaks: 0 };

describe("permission matrix over every route", () => {
  it("has an entry for every route module (and none for a route that no longer exists)", () => {
    expect(Object.keys(SPECS).sort()).toEqual(routeFiles);
  });

  for (const file of routeFiles) {
    const spec = SPECS[file];
    if (!spec) continue;
    for (const kind of ["loader", "action"] as const) {
      const endpoint = spec[kind];
      it(`${file} ${kind}`, async () => {
        const mod = (await import(path.join(ROUTES_DIR, file))) as Record<string, ((args: unknown) => unknown) | undefined>;
        const fn = mod[kind];
        if (!endpoint) {
          expect(fn, `${file} exports a ${kind} the matrix does not list`).toBeUndefined();
          return;
        }
        expect(fn, `${file} has no ${kind}`).toBeDefined();
        const call = (who: Who | "anon", ids: Ids) => {
          tally.calls++;
          const params = spec.params ? spec.params(ids, who === "anon" ? "company" : who) : {};
          return outcome(async () => fn!({ request: request(file, kind === "loader" ? "GET" : "POST", params), context: await contextOf(who), params }));
        };
        const problems: string[] = [];
        if (endpoint.allow === "public") {
          for (const who of [...EVERYONE, "anon" as const]) {
            const got = await call(who, world.own);
            if (typeof got === "number" && got >= 500) problems.push(`${who}: ${got}`);
          }
        } else {
          const anon = await call("anon", world.own);
          if (anon !== "sign-in") problems.push(`signed out: expected the sign-in page, got ${anon}`);
          for (const who of EVERYONE) {
            const own = await call(who, world.own);
            const allowed = endpoint.allow.includes(who);
            if (allowed && (own === 403 || own === 404 || own === "sign-in" || (typeof own === "number" && own >= 500))) problems.push(`${who} own: expected allowed, got ${own}`);
            if (!allowed && own !== (endpoint.deny?.[who] ?? 403)) problems.push(`${who} own: expected ${endpoint.deny?.[who] ?? 403}, got ${own}`);
            if (spec.params && file !== "orgs.$orgId.members.tsx" && !file.startsWith("admin.") && !file.startsWith("imports.template")) {
              const foreign = await call(who, world.foreign);
              const missing = await call(who, world.missing);
              if (foreign !== missing) {
                tally.leaks++;
                problems.push(`${who}: another organisation's id answers ${foreign}, a missing id ${missing} (existence leaks)`);
              }
              if (allowed && foreign !== 404) problems.push(`${who} foreign: expected 404, got ${foreign}`);
            }
          }
          if (file === "orgs.$orgId.members.tsx") {
            for (const who of MEMBERS) {
              const foreign = await call(who, world.foreign);
              const missing = await call(who, world.missing);
              if (foreign !== missing || foreign !== 404) problems.push(`${who}: another organisation's members answer ${foreign}, a missing one ${missing}`);
            }
          }
        }
        expect(problems).toEqual([]);
      });
    }
  }

  // The routes' own contest is one of the data; a contest of the method has other readers: the
  // platform administrator (who answers it) and, read-only, the company (docs/permissions.md).
  it("a contest of the method: the administrator reads and answers it, the company and the union read it, nobody else finds it", async () => {
    const kebun = world.own.supplier;
    const file = path.join(world.uploads, "contest-method.pdf");
    writeFileSync(file, "%PDF-1.4 survey");
    const union = world.users.union.orgId!;
    const company = world.users.company.orgId!;
    const id = onlyRow(await world.db.insert(contests).values({ orgId: union, supplierId: kebun, companyOrgId: company, kind: "method", comment: "The method ignores seasonal work.", evidenceName: "survey.pdf", evidencePath: file, evidenceSha256: "3".repeat(64), evidenceSize: 15 }).returning()).id;
    const expected: Record<string, { kind: "loader" | "action"; allow: Who[]; deny: Partial<Record<Who, number>> }> = {
      "contests.$contestId.tsx loader": { kind: "loader", allow: ["company", "viewer", "union", "platform"], deny: { inspector: 404, lim: 404, regulator: 404, supplier: 404 } },
      "contests.$contestId.tsx action": { kind: "action", allow: ["platform"], deny: { company: 403, viewer: 403, union: 403, inspector: 404, lim: 404, regulator: 404, supplier: 404 } },
      "contests.$contestId.evidence.ts loader": { kind: "loader", allow: ["company", "viewer", "union", "platform"], deny: { inspector: 404, lim: 404, regulator: 404, supplier: 404 } },
    };
    const problems: string[] = [];
    for (const [name, e] of Object.entries(expected)) {
      const routeFile = name.split(" ")[0]!;
      const mod = (await import(path.join(ROUTES_DIR, routeFile))) as Record<string, (args: unknown) => unknown>;
      for (const who of EVERYONE) {
        tally.calls++;
        const params = { contestId: String(id) };
        const got = await outcome(async () => mod[e.kind]!({ request: request(routeFile, e.kind === "loader" ? "GET" : "POST", params), context: await contextOf(who), params }));
        const ok = e.allow.includes(who) ? typeof got === "number" && got < 403 : got === e.deny[who];
        if (!ok) problems.push(`${name} ${who}: got ${got}`);
      }
    }
    expect(problems).toEqual([]);
  });

  // The API (decision 037): each operation called without a token, and with a token of each kind
  // of organisation (made by its administrator, every scope), with the organisation's own ids,
  // another organisation's and missing ones. A token acts with its organisation's permissions;
  // another organisation's id answers exactly like a missing one.
  it("every API route × organisation type × own, foreign and missing ids", async () => {
    type ApiWho = "company" | "inspector" | "union" | "regulator" | "supplier";
    // `bodyFor`: a body per caller where each side sends its own (a corrective action: the company answers, the inspectorate verifies).
    type ApiSpec = { method: "GET" | "POST" | "PATCH" | "DELETE"; params?: (ids: Ids) => Record<string, string>; body?: unknown; bodyFor?: Partial<Record<ApiWho, unknown>>; allow: ApiWho[]; deny?: Partial<Record<ApiWho, number>> };
    // A route file with more than one operation (a list and its create, a record and its change) lists each.
    const API_SPECS: Record<string, ApiSpec | ApiSpec[]> = {
      "api.$.ts": { method: "GET", allow: [], deny: { company: 404, inspector: 404, union: 404, regulator: 404, supplier: 404 } },
      "api.v1.suppliers.ts": [
        { method: "GET", allow: ["company"] },
        { method: "POST", body: { externalId: "MATRIX-ONE", name: "Matrix One Co", country: "TH" }, allow: ["company"] },
      ],
      "api.v1.suppliers_.$supplierId.ts": [
        { method: "GET", params: p((i) => ({ supplierId: i.supplier })), allow: ["company"] },
        { method: "PATCH", params: p((i) => ({ supplierId: i.supplier })), body: { tier: 2 }, allow: ["company"] },
      ],
      "api.v1.suppliers_.$supplierId.indicators.ts": { method: "POST", params: p((i) => ({ supplierId: i.supplier })), body: { values: { debt_bondage: "unknown" }, note: "matrix" }, allow: ["company"] },
      "api.v1.recruiters.ts": [
        { method: "GET", allow: ["company"] },
        { method: "POST", body: { externalId: "MATRIX-R", name: "Matrix Manpower", country: "MM" }, allow: ["company"] },
      ],
      "api.v1.recruiters_.$recruiterId.ts": [
        { method: "GET", params: p((i) => ({ recruiterId: i.recruiter })), allow: ["company"] },
        { method: "PATCH", params: p((i) => ({ recruiterId: i.recruiter })), body: { certification: "Fair Hiring" }, allow: ["company"] },
      ],
      "api.v1.imports.ts": { method: "POST", body: { rows: [{ externalId: "MATRIX-1", name: "Matrix Foods" }] }, allow: ["company"] },
      "api.v1.imports_.$importId.ts": { method: "GET", params: p((i) => ({ importId: i.import })), allow: ["company"], deny: { inspector: 404, union: 404, regulator: 404, supplier: 404 } },
      "api.v1.audits.ts": { method: "GET", allow: ["company", "inspector"] },
      "api.v1.audits_.$auditId.ts": { method: "GET", params: p((i) => ({ auditId: i.audit })), allow: ["company", "inspector"], deny: { union: 404, regulator: 404, supplier: 404 } },
      // Recording is the inspectorate's: the company, which sees the audit, is answered as on its findings page (404).
      "api.v1.audits_.$auditId.findings.ts": { method: "POST", params: p((i) => ({ auditId: i.audit })), body: { indicator: "excessive_overtime", result: "minor", description: "Rosters show 14-hour days." }, allow: ["inspector"], deny: { company: 404, union: 404, regulator: 404, supplier: 404 } },
      // The company answers first (open → submitted), then the inspectorate verifies it closed.
      "api.v1.corrective-actions_.$actionId.ts": {
        method: "PATCH",
        params: p((i) => ({ actionId: i.action })),
        body: { status: "in_progress", response: "x" },
        bodyFor: { company: { status: "submitted", response: "True contracts issued." }, inspector: { status: "verified_closed", note: "Contracts checked." } },
        allow: ["company", "inspector"],
        deny: { union: 404, regulator: 404, supplier: 404 },
      },
      // Reports as on the reports pages: the issuer's (own: the company's, submitted to the regulator) and the regulator's.
      "api.v1.reports.ts": { method: "GET", allow: ["company", "inspector", "regulator"] },
      "api.v1.reports_.$reportId.ts": { method: "GET", params: p((i) => ({ reportId: i.report })), allow: ["company", "regulator"], deny: { inspector: 404, union: 404, supplier: 404 } },
      "api.v1.reports_.$reportId.file.ts": { method: "GET", params: p((i) => ({ reportId: i.report })), allow: ["company", "regulator"], deny: { inspector: 404, union: 404, supplier: 404 } },
      // The public verify page's check: any organisation's token with the reports scope.
      "api.v1.verifications.ts": { method: "POST", body: { query: "R-AAAA-AAAA-AAAA-AAAA" }, allow: ["company", "inspector", "union", "regulator", "supplier"] },
      // A company lists the shares it made, a partner the shares made with it; the supplier organisation neither.
      "api.v1.shares.ts": { method: "GET", allow: ["company", "inspector", "union", "regulator"] },
      "api.v1.shared-suppliers.ts": { method: "GET", allow: ["inspector", "union", "regulator"] },
      "api.v1.shares_.$shareId.ts": { method: "DELETE", params: p((i) => ({ shareId: i.share })), allow: ["company"] },
      "api.v1.sites_.$siteId.questionnaire.ts": { method: "GET", params: p((i) => ({ siteId: i.site })), allow: ["supplier"] },
      "api.v1.suppliers_.$supplierId.answers.ts": { method: "GET", params: p((i) => ({ supplierId: i.supplier })), allow: ["company"] },
      "api.v1.grievances.ts": { method: "GET", allow: ["company", "inspector", "union"] },
      "api.v1.grievances_.$grievanceId.ts": { method: "GET", params: p((i) => ({ grievanceId: i.grievance })), allow: ["company", "inspector", "union"] },
    };
    expect(Object.keys(API_SPECS).sort()).toEqual(apiRouteFiles);
    const { createApiToken } = await import("~/domain/api/tokens.server");
    const tokens: Partial<Record<ApiWho, string>> = {};
    for (const who of ["company", "inspector", "union", "regulator", "supplier"] as const) {
      const orgId = world.users[who].orgId!;
      const admin = firstRow(await world.db.select({ userId: memberships.userId }).from(memberships).where(and(eq(memberships.orgId, orgId), eq(memberships.role, "admin")))) ?? { userId: (await makeUser(world.db, { orgId, role: "admin" })).id };
      tokens[who] = (await createApiToken(world.db, await actorFor(world.db, admin.userId, orgId), orgId, { intent: "create", name: `matrix ${who}`, lifetime: 30, ...everyScope() }, null)).token;
    }
    const problems: string[] = [];
    for (const [file, spec] of Object.entries(API_SPECS).flatMap(([f, s]) => (Array.isArray(s) ? s : [s]).map((one) => [f, one] as const))) {
      const mod = (await import(path.join(ROUTES_DIR, file))) as Record<string, (args: unknown) => Promise<Response>>;
      const call = async (token: string | null, ids: Ids, who?: ApiWho) => {
        tally.calls++;
        const params = spec.params ? spec.params(ids) : {};
        const url = `http://localhost/api/v1/${file.replace(/\.ts$/, "")}/${Object.values(params).join("/")}`;
        const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
        const body = who && spec.bodyFor && who in spec.bodyFor ? spec.bodyFor[who] : spec.body;
        const init: RequestInit = spec.method === "GET" ? { headers } : body === undefined ? { method: spec.method, headers } : { method: spec.method, headers: { ...headers, "content-type": "application/json" }, body: JSON.stringify(body) };
        const context = { ...(await contextOf("anon")), apiRateLimit: 10_000 } as AppLoadContext;
        const response = await mod[spec.method === "GET" ? "loader" : "action"]!({ request: new Request(url, init), context, params });
        return response.status;
      };
      const anon = await call(null, world.own);
      if (anon !== (file === "api.$.ts" ? 404 : 401)) problems.push(`${file} ${spec.method} without a token: ${anon}`);
      for (const who of Object.keys(tokens) as ApiWho[]) {
        const own = await call(tokens[who]!, world.own, who);
        const allowed = spec.allow.includes(who);
        if (allowed && own >= 400) problems.push(`${file} ${spec.method} ${who} own: expected allowed, got ${own}`);
        if (!allowed && own !== (spec.deny?.[who] ?? 403)) problems.push(`${file} ${spec.method} ${who} own: expected ${spec.deny?.[who] ?? 403}, got ${own}`);
        if (spec.params) {
          const foreign = await call(tokens[who]!, world.foreign, who);
          const missing = await call(tokens[who]!, world.missing, who);
          if (foreign !== missing) {
            tally.leaks++;
            problems.push(`${file} ${spec.method} ${who}: another organisation's id answers ${foreign}, a missing id ${missing}`);
          }
          if (allowed && foreign !== 404) problems.push(`${file} ${spec.method} ${who} foreign: expected 404, got ${foreign}`);
        }
      }
    }
    // The bulk job the company's call queued runs to its end before the suite's database goes.
    const { importsSettled } = await import("~/domain/import/jobs.server");
    await importsSettled();
    expect(problems).toEqual([]);
  });

  it("reports its size: routes × roles × cases, and zero leaks", () => {
    const endpoints = Object.values(SPECS).reduce((n, s) => n + 1 + (s.action ? 1 : 0), 0);
    console.log(`permission matrix: ${routeFiles.length} routes, ${endpoints} loaders and actions, ${EVERYONE.length} roles + signed out, ${tally.calls} calls, ${tally.leaks} leaks`);
    expect(tally.leaks).toBe(0);
    expect(tally.calls).toBeGreaterThan(500);
  });
});
