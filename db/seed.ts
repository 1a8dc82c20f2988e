/**
 * Seeds the demo workspace from fixtures/demo: one organisation of each type with a user each, a
 * platform administrator, and the demo company's supplier and recruiter lists. Idempotent: every
 * insert skips rows that already exist, so running it twice changes nothing.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, count, eq, isNull, ne, or } from "drizzle-orm";
import Papa from "papaparse";
import { hashPassword } from "../app/auth/password.server";
import { isIndicatorCode } from "../app/domain/indicators";
import { inTransaction, onlyRow, type Db } from "./client";
import { feeCases, feeInstalments, filingProfiles, grievanceChannels, memberships, organisations, recruiters, shares, siteIdentityChanges, statements, statementSections, supplierRecruiters, supplierSiteLinks, supplierSites, suppliers, users, type OrgType, type Role } from "./schema";
import { siteIdentifiersFrom } from "../app/domain/supplier-portal/identifiers";
import { newChannelToken } from "../app/domain/grievances/codes.server";
import { shareCovering } from "../app/domain/sharing/sharing.server";
import { scoreOrganisation } from "../app/domain/risk/scoring.server";
import { seedInspectorate, type DemoInspectorate } from "./seed-audits";
import { firstRow } from "./client";

const DEMO_DIR = path.resolve(process.cwd(), "fixtures/demo");

interface DemoUser {
  email: string;
  name: string;
  role: Role;
  label: string;
}
interface DemoOrganisation {
  type: OrgType;
  name: string;
  jurisdictions: string[];
  users: DemoUser[];
  suppliers?: string;
  recruiters?: string;
  links?: string;
  /** Until sharing has its pages (a later issue), the demo seeds a share so partners see data. */
  shares?: { to: string; scope: string[]; filter: Record<string, unknown> }[];
  settings?: DemoInspectorate["settings"];
  unavailability?: DemoInspectorate["unavailability"];
  audits?: DemoInspectorate["audits"];
  /** A supplier organisation's workplaces claimed from a buyer's record, and the corrections it made since (issue 20). */
  claims?: { buyer: string; supplierExternalId: string; corrections: Record<string, string> }[];
}
interface DemoWorkspace {
  password: string;
  platformAdmin: { email: string; name: string; label: string };
  organisations: DemoOrganisation[];
}

const workspace = JSON.parse(readFileSync(path.join(DEMO_DIR, "workspace.json"), "utf8")) as DemoWorkspace;

export const DEMO_LOGINS: { label: string; email: string; password: string }[] = [
  { label: workspace.platformAdmin.label, email: workspace.platformAdmin.email, password: workspace.password },
  ...workspace.organisations.flatMap((o) => o.users.map((u) => ({ label: u.label, email: u.email, password: workspace.password }))),
];

export async function isDatabaseEmpty(db: Db): Promise<boolean> {
  const orgs = firstRow(await db.select({ n: count() }).from(organisations))?.n ?? 0;
  const people = firstRow(await db.select({ n: count() }).from(users))?.n ?? 0;
  return orgs === 0 && people === 0;
}

function readCsv(file: string): Record<string, string>[] {
  const parsed = Papa.parse<Record<string, string>>(readFileSync(path.join(DEMO_DIR, file), "utf8"), {
    header: true,
    skipEmptyLines: true,
  });
  if (parsed.errors.length) throw new Error(`fixtures/demo/${file}: ${parsed.errors[0]!.message} (row ${parsed.errors[0]!.row})`);
  return parsed.data;
}

const blankToNull = (v: string | undefined) => (v === undefined || v.trim() === "" ? null : v.trim());
const numberOrNull = (v: string | undefined) => (blankToNull(v) === null ? null : Number(v));
const yesNo = (v: string | undefined) => (blankToNull(v) === null ? null : v!.trim().toLowerCase() === "yes");
const list = (v: string | undefined) => (blankToNull(v) ?? "").split(";").map((s) => s.trim()).filter(Boolean);

async function seedSuppliers(db: Db, orgId: number, file: string): Promise<void> {
  const rows = readCsv(file);
  for (const row of rows) {
    const indicators: Record<string, boolean> = {};
    for (const [column, value] of Object.entries(row)) {
      const flag = yesNo(value);
      if (isIndicatorCode(column) && flag !== null) indicators[column] = flag;
    }
    await db.insert(suppliers)
            .values({
              orgId,
              externalId: row.external_id!,
              name: row.name!,
              address: blankToNull(row.address),
              country: blankToNull(row.country),
              region: blankToNull(row.region),
              sector: blankToNull(row.sector),
              products: list(row.products),
              tier: numberOrNull(row.tier),
              workersTotal: numberOrNull(row.workers_total),
              migrantShare: numberOrNull(row.migrant_share),
              femaleShare: numberOrNull(row.female_share),
              indicators,
            })
            .onConflictDoNothing();
  }
  // Parents are resolved once every supplier of the list has an id.
  for (const row of rows.filter((r) => blankToNull(r.parent_external_id))) {
    const parent = firstRow(await db.select({ id: suppliers.id }).from(suppliers).where(and(eq(suppliers.orgId, orgId), eq(suppliers.externalId, row.parent_external_id!))));
    if (!parent) throw new Error(`fixtures/demo/${file}: parent ${row.parent_external_id} of ${row.external_id} is not in the list`);
    // Only where it differs: a second run writes nothing (PostgreSQL stores a new row version even for the same value).
    await db
      .update(suppliers)
      .set({ parentId: parent.id })
      .where(and(eq(suppliers.orgId, orgId), eq(suppliers.externalId, row.external_id!), or(isNull(suppliers.parentId), ne(suppliers.parentId, parent.id))));
  }
}

async function seedRecruiters(db: Db, orgId: number, file: string): Promise<void> {
  for (const row of readCsv(file)) {
    await db.insert(recruiters)
            .values({
              orgId,
              externalId: row.external_id!,
              name: row.name!,
              licenceNumber: blankToNull(row.licence_number),
              licenceStatus: (blankToNull(row.licence_status) ?? "unknown") as "valid" | "expired" | "revoked" | "none" | "unknown",
              country: blankToNull(row.country),
              originCountries: list(row.origin_countries),
              feesChargedToWorkers: yesNo(row.fees_charged_to_workers),
              feeAmount: numberOrNull(row.fee_amount),
              feeCurrency: blankToNull(row.fee_currency),
              certification: blankToNull(row.certification),
            })
            .onConflictDoNothing();
  }
}

async function seedLinks(db: Db, orgId: number, file: string): Promise<void> {
  for (const row of readCsv(file)) {
    const supplier = firstRow(await db.select({ id: suppliers.id }).from(suppliers).where(and(eq(suppliers.orgId, orgId), eq(suppliers.externalId, row.supplier_external_id!))));
    const recruiter = firstRow(await db.select({ id: recruiters.id }).from(recruiters).where(and(eq(recruiters.orgId, orgId), eq(recruiters.externalId, row.recruiter_external_id!))));
    if (!supplier || !recruiter) throw new Error(`fixtures/demo/${file}: unknown supplier or recruiter in ${JSON.stringify(row)}`);
    await db.insert(supplierRecruiters).values({ supplierId: supplier.id, recruiterId: recruiter.id, originCountry: blankToNull(row.origin_country) ?? "" }).onConflictDoNothing();
  }
}

async function upsertUser(db: Db, user: { email: string; name: string; isPlatformAdmin?: boolean }, passwordHash: string): Promise<number> {
  await db.insert(users)
        .values({ email: user.email, name: user.name, passwordHash, isPlatformAdmin: user.isPlatformAdmin ?? false })
        .onConflictDoNothing();
  return firstRow(await db.select({ id: users.id }).from(users).where(eq(users.email, user.email)))!.id;
}

/**
 * `uploadsDir`: where the demo's stored files go (the server's and the CLI's UPLOADS_DIR). Without
 * it (the tests that seed a database) a folder under the system's temporary directory.
 */
export async function seedDemo(db: Db, options: { uploadsDir?: string } = {}): Promise<void> {
  // Hash once, outside the transaction: argon2 is deliberately slow.
  const passwordHash = await hashPassword(workspace.password);
  await inTransaction(db, async () => {
        await upsertUser(db, { ...workspace.platformAdmin, isPlatformAdmin: true }, passwordHash);
        for (const demo of workspace.organisations) {
          await db.insert(organisations).values({ type: demo.type, name: demo.name, jurisdictions: demo.jurisdictions }).onConflictDoNothing();
          const org = firstRow(await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.name, demo.name)))!;
          for (const user of demo.users) {
            const userId = await upsertUser(db, user, passwordHash);
            await db.insert(memberships).values({ userId, orgId: org.id, role: user.role }).onConflictDoNothing();
          }
          if (demo.suppliers) await seedSuppliers(db, org.id, demo.suppliers);
          if (demo.recruiters) await seedRecruiters(db, org.id, demo.recruiters);
          if (demo.links) await seedLinks(db, org.id, demo.links);
        }
        for (const demo of workspace.organisations) for (const share of demo.shares ?? []) await seedShare(db, demo.name, share);
      });
  await seedGrievanceChannel(db);
  await seedFeeCase(db, options.uploadsDir ?? path.join(tmpdir(), "ldd-demo-uploads"));
  await seedStatementDraft(db);
  for (const demo of workspace.organisations) for (const claim of demo.claims ?? []) await seedSupplierClaim(db, demo.name, claim);
  // Audits first: their findings are part of what the first scores rest on.
  for (const demo of workspace.organisations) if (demo.type === "inspectorate") await inTransaction(db, async () => await seedInspectorate(db, demo));
  for (const demo of workspace.organisations) {
    if (demo.type !== "company") continue;
    const org = firstRow(await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.name, demo.name)))!;
    await scoreOrganisation(db, org.id, { cause: "demo seed" });
  }
}

async function seedShare(db: Db, fromName: string, share: NonNullable<DemoOrganisation["shares"]>[number]): Promise<void> {
  const from = firstRow(await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.name, fromName)))!;
  const to = firstRow(await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.name, share.to)))!;
  const existing = firstRow(await db.select({ id: shares.id }).from(shares).where(and(eq(shares.fromOrgId, from.id), eq(shares.toOrgId, to.id))));
  if (!existing) await db.insert(shares).values({ fromOrgId: from.id, toOrgId: to.id, scope: share.scope, filter: share.filter });
}

/** The demo union's poster for the demo company's largest plantation (issue 19): the demo's and the e2e journeys' link. */
export const DEMO_CHANNEL = { union: "Plantation and Construction Workers' Union", company: "Northwind Fresh Foods GmbH", supplierExternalId: "NW-0001" };

/**
 * One open channel, posted by the demo union for a Northwind workplace with well over 20 workers
 * that Northwind shares with it (a union may post only for a workplace shared with it). The token
 * is random, as a real channel's (a channel's existence is not public), made once: a second run
 * finds the open channel and leaves it. Nothing is printed; the e2e tests read the token from the
 * database.
 */
async function seedGrievanceChannel(db: Db): Promise<void> {
  const union = firstRow(await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.name, DEMO_CHANNEL.union)));
  const company = firstRow(await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.name, DEMO_CHANNEL.company)));
  if (!union || !company) return;
  const supplier = firstRow(await db.select({ id: suppliers.id, country: suppliers.country, workersTotal: suppliers.workersTotal }).from(suppliers).where(and(eq(suppliers.orgId, company.id), eq(suppliers.externalId, DEMO_CHANNEL.supplierExternalId))));
  if (!supplier) return;
  if (!(await shareCovering(db, union.id, supplier.id))) throw new Error(`demo seed: ${DEMO_CHANNEL.company} does not share ${DEMO_CHANNEL.supplierExternalId} with ${DEMO_CHANNEL.union}`);
  const open = firstRow(await db.select({ id: grievanceChannels.id }).from(grievanceChannels).where(and(eq(grievanceChannels.orgId, union.id), eq(grievanceChannels.supplierId, supplier.id), isNull(grievanceChannels.closedAt))));
  if (open) return;
  const creator = firstRow(await db.select({ userId: memberships.userId }).from(memberships).where(eq(memberships.orgId, union.id)).orderBy(memberships.id));
  await db.insert(grievanceChannels).values({ token: newChannelToken(), orgId: union.id, supplierId: supplier.id, country: supplier.country, createdBy: creator?.userId ?? null });
}

/** The demo company's recruitment-fee case (issue 19): on the demo channel's workplace, whose list says workers paid fees. */
export const DEMO_FEE_CASE = { company: DEMO_CHANNEL.company, supplierExternalId: DEMO_CHANNEL.supplierExternalId, recruiterExternalId: "RC-01" };

const DAY_MS = 86_400_000;
const dayOf = (t: number) => new Date(t).toISOString().slice(0, 10);

/**
 * One fee case, so that /fees and /fees/:id have something to show and the union can link the demo
 * channel's cases to it: the fee the supplier list's recruiter (Dhaka Overseas Manpower, USD 4,200
 * a worker, recruiters.csv) charged 40 Bangladeshi workers at the plantation, a plan agreed 60 days
 * before the seed in two instalments of 20 workers each, the first paid with its bank receipt, the
 * second due in 60 days. Days are relative to the seed, so the demo never starts with an overdue
 * instalment. A second run finds the case and leaves it.
 */
async function seedFeeCase(db: Db, uploadsDir: string): Promise<void> {
  const company = firstRow(await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.name, DEMO_FEE_CASE.company)));
  if (!company) return;
  const supplier = firstRow(await db.select({ id: suppliers.id, country: suppliers.country, indicators: suppliers.indicators }).from(suppliers).where(and(eq(suppliers.orgId, company.id), eq(suppliers.externalId, DEMO_FEE_CASE.supplierExternalId))));
  const recruiter = firstRow(await db.select({ id: recruiters.id }).from(recruiters).where(and(eq(recruiters.orgId, company.id), eq(recruiters.externalId, DEMO_FEE_CASE.recruiterExternalId))));
  if (!supplier || !recruiter) return;
  if (supplier.indicators.worker_paid_fees !== true) throw new Error(`demo seed: ${DEMO_FEE_CASE.supplierExternalId} no longer says workers paid recruitment fees; move the demo fee case`);
  if (firstRow(await db.select({ id: feeCases.id }).from(feeCases).where(and(eq(feeCases.orgId, company.id), eq(feeCases.supplierId, supplier.id))))) return;
  const admin = firstRow(await db.select({ userId: memberships.userId }).from(memberships).where(and(eq(memberships.orgId, company.id), eq(memberships.role, "admin"))).orderBy(memberships.id));
  // The first instalment's bank receipt, stored where the app keeps evidence (a PDF, downloaded like any proof).
  const proofPath = path.join(uploadsDir, "evidence", "demo-fee-receipt.pdf");
  if (!existsSync(proofPath)) {
    mkdirSync(path.dirname(proofPath), { recursive: true });
    writeFileSync(proofPath, "%PDF-1.4\n% Demo bank transfer receipt: USD 84,000.00 to 20 workers, payroll accounts, Sandakan\n%%EOF\n");
  }
  const receipt = readFileSync(proofPath);
  const now = Date.now();
  const perWorker = 420_000; // USD 4,200.00 in cents
  await inTransaction(db, async () => {
    const fee = onlyRow(
      await db
        .insert(feeCases)
        .values({
          orgId: company.id,
          supplierId: supplier.id,
          recruiterId: recruiter.id,
          originCountry: "BD",
          destinationCountry: supplier.country ?? "MY",
          currency: "USD",
          amountPerWorkerMinor: perWorker,
          workers: 40,
          source: "worker_interview",
          evidenceNote: "Forty harvesters recruited in Bangladesh showed receipts of USD 4,200 each paid to Dhaka Overseas Manpower Ltd (worker interviews with the union).",
          planAgreedOn: dayOf(now - 60 * DAY_MS),
          planNote: "Repaid by bank transfer to each worker's payroll account, in two groups of 20.",
          createdBy: admin?.userId ?? null,
          createdAt: new Date(now - 75 * DAY_MS),
        })
        .returning({ id: feeCases.id }),
    );
    await db.insert(feeInstalments).values([
      {
        feeCaseId: fee.id,
        dueOn: dayOf(now - 30 * DAY_MS),
        amountMinor: 20 * perWorker,
        workers: 20,
        paidOn: dayOf(now - 31 * DAY_MS),
        proofName: "bank-transfer-receipt.pdf",
        proofPath,
        proofSha256: createHash("sha256").update(receipt).digest("hex"),
        proofSize: receipt.length,
        proofMime: "application/pdf",
        recordedBy: admin?.userId ?? null,
        createdAt: new Date(now - 60 * DAY_MS),
      },
      { feeCaseId: fee.id, dueOn: dayOf(now + 60 * DAY_MS), amountMinor: 20 * perWorker, workers: 20, createdAt: new Date(now - 60 * DAY_MS) },
    ]);
  });
}

const DEMO_CLAIM_AGE_MS = 20 * DAY_MS;

/**
 * The demo supplier's workplace (issue 20): claimed from the buyer's record 20 days before the seed
 * (as the claim page does it: the site starts as the record describes it), then corrected by the
 * supplier's admin a week later, so that both the supplier's site page and the buyer's supplier page
 * show a history. A second run finds the link and leaves it.
 */
async function seedSupplierClaim(db: Db, supplierOrgName: string, claim: NonNullable<DemoOrganisation["claims"]>[number]): Promise<void> {
  const org = firstRow(await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.name, supplierOrgName)));
  const buyer = firstRow(await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.name, claim.buyer)));
  if (!org || !buyer) return;
  const record = firstRow(await db.select().from(suppliers).where(and(eq(suppliers.orgId, buyer.id), eq(suppliers.externalId, claim.supplierExternalId))));
  if (!record) throw new Error(`demo seed: ${claim.buyer} has no supplier ${claim.supplierExternalId} for ${supplierOrgName} to claim`);
  if (firstRow(await db.select({ id: supplierSiteLinks.id }).from(supplierSiteLinks).where(eq(supplierSiteLinks.supplierId, record.id)))) return;
  const admin = firstRow(await db.select({ userId: memberships.userId }).from(memberships).where(and(eq(memberships.orgId, org.id), eq(memberships.role, "admin"))).orderBy(memberships.id));
  const claimedAt = Date.now() - DEMO_CLAIM_AGE_MS;
  const correctedAt = claimedAt + 7 * DAY_MS;
  await inTransaction(db, async () => {
    const start = { name: record.name, country: record.country, address: record.address, identifiers: siteIdentifiersFrom(record.identifiers) };
    const site = onlyRow(await db.insert(supplierSites).values({ orgId: org.id, ...start, createdAt: new Date(claimedAt) }).returning({ id: supplierSites.id }));
    await db.insert(supplierSiteLinks).values({ siteId: site.id, supplierId: record.id, buyerOrgId: buyer.id, claimedBy: admin?.userId ?? null, createdAt: new Date(claimedAt) });
    const identifiers = { ...start.identifiers };
    const fields: Record<string, string | null> = { name: start.name, country: start.country, address: start.address };
    const rows = Object.entries(claim.corrections).map(([field, after]) => {
      const scheme = field.startsWith("identifier:") ? field.slice("identifier:".length) : null;
      const before = scheme ? (identifiers[scheme] ?? null) : (fields[field] ?? null);
      if (scheme) identifiers[scheme] = after;
      else fields[field] = after;
      return { siteId: site.id, field, before, after, changedBy: admin?.userId ?? null, createdAt: new Date(correctedAt) };
    });
    if (rows.length) await db.insert(siteIdentityChanges).values(rows);
    await db.update(supplierSites).set({ name: fields.name ?? start.name, country: fields.country, address: fields.address, identifiers, updatedAt: new Date(correctedAt) }).where(eq(supplierSites.id, site.id));
  });
}

/**
 * The demo company's filing profile and a draft statement for its last ended financial year (issue
 * 21, decision 036): four sections written with figures inserted by name, not approved, so that
 * /filings shows what is due and a demo user can approve and issue. A second run leaves it.
 */
async function seedStatementDraft(db: Db): Promise<void> {
  const company = firstRow(await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.name, DEMO_CHANNEL.company)));
  if (!company) return;
  if (firstRow(await db.select({ orgId: filingProfiles.orgId }).from(filingProfiles).where(eq(filingProfiles.orgId, company.id)))) return;
  const admin = firstRow(await db.select({ userId: memberships.userId }).from(memberships).where(and(eq(memberships.orgId, company.id), eq(memberships.role, "admin"))).orderBy(memberships.id));
  const now = Date.now();
  const year = new Date(now).getUTCFullYear() - 1;
  await inTransaction(db, async () => {
    await db.insert(filingProfiles).values({ orgId: company.id, financialYearEnd: "12-31", turnoverBand: "100m_500m", sectors: ["Food processing", "Fresh produce"], regimes: ["uk_msa", "au_msa", "ca_s211"], groupStatement: false, updatedBy: admin?.userId ?? null, updatedAt: new Date(now) });
    const statement = onlyRow(await db.insert(statements).values({ orgId: company.id, periodStart: `${year}-01-01`, periodEnd: `${year}-12-31`, createdBy: admin?.userId ?? null }).returning());
    const sections: [string, string][] = [
      ["structure", "Northwind Fresh Foods buys fresh and processed fruit, vegetables and seafood for retailers in Germany and Austria. We list {{suppliers_listed}} direct and indirect suppliers in {{countries}} countries, and {{recruiters}} labour recruiters who place workers with them."],
      ["policies", "Our supplier code prohibits forced labour, child labour and the charging of recruitment fees to workers (the Employer Pays Principle). The code is part of every purchase contract; the compliance director owns it."],
      ["due_diligence", "Every supplier is scored against the ILO forced-labour indicators and country, sector and commodity risk. Inspectorates audited {{audits_completed}} sites in the year; workers can reach the company, their union and the labour inspectorate through posted grievance channels."],
      ["risk_assessment", "{{suppliers_assessed}} suppliers have a risk score; {{suppliers_high_or_critical}} of them ({{share_high_or_critical}}) are rated high or critical, concentrated in seafood processing and palm oil plantations employing migrant workers. {{suppliers_unscored}} suppliers are not yet scored: we do not treat them as low risk."],
    ];
    for (const [section, body] of sections) await db.insert(statementSections).values({ statementId: statement.id, section, version: 1, body, writtenBy: admin?.userId ?? null, writtenAt: new Date(now) });
  });
}
