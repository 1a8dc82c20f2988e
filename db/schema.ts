/**
 * The database schema (drizzle). Migrations under db/migrations are generated from this file by
 * `npm run db:generate` and committed; an applied migration is never edited, later changes add
 * new migrations.
 *
 * Conventions: integer primary keys (fast joins and imports; every lookup is scoped by the
 * owning organisation, so ids in URLs reveal nothing), times as integer milliseconds since the
 * epoch (UTC), lists as JSON text.
 */
import { sql } from "drizzle-orm";
import {
  check,
  index,
  integer,
  real,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";

export const ORG_TYPES = ["company", "inspectorate", "union", "regulator"] as const;
export type OrgType = (typeof ORG_TYPES)[number];

export const ROLES = ["admin", "member", "viewer"] as const;
export type Role = (typeof ROLES)[number];

const createdAt = () =>
  integer("created_at", { mode: "timestamp_ms" })
    .notNull()
    .default(sql`(cast(unixepoch('subsecond') * 1000 as integer))`);

export const organisations = sqliteTable(
  "organisations",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    type: text("type", { enum: ORG_TYPES }).notNull(),
    name: text("name").notNull(),
    /** ISO 3166-1 alpha-2 codes where the organisation works (an inspectorate's jurisdiction). */
    jurisdictions: text("jurisdictions", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("organisations_name_unique").on(sql`lower(${t.name})`),
    check("organisations_type_check", sql`${t.type} in ('company','inspectorate','union','regulator')`),
  ],
);

export const users = sqliteTable(
  "users",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** Stored lower-cased and trimmed; the unique index relies on it. */
    email: text("email").notNull(),
    name: text("name").notNull(),
    passwordHash: text("password_hash"),
    isPlatformAdmin: integer("is_platform_admin", { mode: "boolean" }).notNull().default(false),
    disabledAt: integer("disabled_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("users_email_unique").on(t.email)],
);

export const memberships = sqliteTable(
  "memberships",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    orgId: integer("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    role: text("role", { enum: ROLES }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("memberships_user_org_unique").on(t.userId, t.orgId),
    index("memberships_org_idx").on(t.orgId),
    check("memberships_role_check", sql`${t.role} in ('admin','member','viewer')`),
  ],
);

/**
 * Sessions after Lucia's design: the id is the SHA-256 of the random token held in the cookie,
 * so a copy of this table cannot be replayed as cookies.
 */
export const sessions = sqliteTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** The organisation the user is acting for in this session (null for a platform admin without one). */
    orgId: integer("org_id").references(() => organisations.id, { onDelete: "cascade" }),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

export const invitations = sqliteTable(
  "invitations",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    orgId: integer("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    role: text("role", { enum: ROLES }).notNull(),
    /** SHA-256 of the one-time token in the link; the token itself is shown once to the inviter. */
    tokenHash: text("token_hash").notNull(),
    invitedBy: integer("invited_by").references(() => users.id, { onDelete: "set null" }),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    acceptedAt: integer("accepted_at", { mode: "timestamp_ms" }),
    revokedAt: integer("revoked_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("invitations_token_unique").on(t.tokenHash), index("invitations_org_idx").on(t.orgId)],
);

export const passwordResets = sqliteTable(
  "password_resets",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull(),
    issuedBy: integer("issued_by").references(() => users.id, { onDelete: "set null" }),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    usedAt: integer("used_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("password_resets_token_unique").on(t.tokenHash)],
);

/** Failed sign-in counters per account and per IP address (sliding window, see auth/throttle). */
export const signInThrottle = sqliteTable("sign_in_throttle", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull(),
  windowStart: integer("window_start", { mode: "timestamp_ms" }).notNull(),
  lockedUntil: integer("locked_until", { mode: "timestamp_ms" }),
});

/**
 * Append-only record of security-relevant events. Triggers (migration 0001) refuse UPDATE and
 * DELETE, so not even a bug in the application can rewrite history.
 */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
    actorUserId: integer("actor_user_id"),
    orgId: integer("org_id"),
    action: text("action").notNull(),
    targetType: text("target_type"),
    targetId: text("target_id"),
    ip: text("ip"),
    details: text("details", { mode: "json" }).$type<Record<string, unknown>>(),
  },
  (t) => [index("audit_log_org_at_idx").on(t.orgId, t.at), index("audit_log_action_idx").on(t.action)],
);

export const suppliers = sqliteTable(
  "suppliers",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    orgId: integer("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    /** The company's own identifier for the supplier (ERP vendor number, OS ID, ...). */
    externalId: text("external_id").notNull(),
    name: text("name").notNull(),
    address: text("address"),
    country: text("country"),
    sector: text("sector"),
    products: text("products", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
    tier: integer("tier"),
    parentId: integer("parent_id"),
    /** The parent as the list names it; resolved to parent_id once the parent is on the platform. */
    parentExternalId: text("parent_external_id"),
    /** Other identifiers from the list (LEI, DUNS, VAT...). */
    identifiers: text("identifiers", { mode: "json" }).$type<Record<string, string>>().notNull().default(sql`'{}'`),
    workersTotal: integer("workers_total"),
    /** Shares are stored as fractions 0..1. */
    migrantShare: real("migrant_share"),
    femaleShare: real("female_share"),
    /** Observed indicators that came with the list: indicator code -> true/false (absent = unknown). */
    indicators: text("indicators", { mode: "json" }).$type<Record<string, boolean>>().notNull().default(sql`'{}'`),
    /** Normalised name + country, for matching rows that carry no external id (see import/dedupe). */
    nameKey: text("name_key"),
    /** Hash of the imported fields: an identical re-import is recognised as unchanged. */
    rowHash: text("row_hash"),
    lastImportId: integer("last_import_id"),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    uniqueIndex("suppliers_org_external_unique").on(t.orgId, t.externalId),
    index("suppliers_org_name_key_idx").on(t.orgId, t.nameKey),
    index("suppliers_org_country_idx").on(t.orgId, t.country),
    index("suppliers_org_name_idx").on(t.orgId, t.name),
  ],
);

export const recruiters = sqliteTable(
  "recruiters",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    orgId: integer("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    externalId: text("external_id").notNull(),
    name: text("name").notNull(),
    licenceNumber: text("licence_number"),
    licenceStatus: text("licence_status", { enum: ["valid", "expired", "revoked", "none", "unknown"] })
      .notNull()
      .default("unknown"),
    country: text("country"),
    originCountries: text("origin_countries", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
    /** Whether workers pay recruitment fees (the employer-pays principle is breached when true). */
    feesChargedToWorkers: integer("fees_charged_to_workers", { mode: "boolean" }),
    /** Recruitment fee charged to each worker, in `feeCurrency` (ISO 4217). */
    feeAmount: real("fee_amount"),
    feeCurrency: text("fee_currency"),
    certification: text("certification"),
    nameKey: text("name_key"),
    rowHash: text("row_hash"),
    lastImportId: integer("last_import_id"),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }),
  },
  (t) => [uniqueIndex("recruiters_org_external_unique").on(t.orgId, t.externalId), index("recruiters_org_name_key_idx").on(t.orgId, t.nameKey)],
);

export const supplierRecruiters = sqliteTable(
  "supplier_recruiters",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    supplierId: integer("supplier_id")
      .notNull()
      .references(() => suppliers.id, { onDelete: "cascade" }),
    recruiterId: integer("recruiter_id")
      .notNull()
      .references(() => recruiters.id, { onDelete: "cascade" }),
    /**
     * Corridor: the workers' country of origin (alpha-2); destination is the supplier's country.
     * '' when unknown, so that the unique index below also holds for unknown corridors.
     */
    originCountry: text("origin_country").notNull().default(""),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("supplier_recruiters_unique").on(t.supplierId, t.recruiterId, t.originCountry),
    index("supplier_recruiters_recruiter_idx").on(t.recruiterId),
  ],
);

export const IMPORT_KINDS = ["suppliers", "recruiters"] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export const IMPORT_STATUSES = ["uploaded", "analysing", "analysed", "importing", "imported", "failed", "cancelled"] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

export interface ImportCounts {
  rows: number;
  valid: number;
  invalid: number;
  new: number;
  updated: number;
  unchanged: number;
  duplicates: number;
  warnings: number;
}

/**
 * One uploaded list and what became of it: the file (kept with its SHA-256), what was detected,
 * the mapping used, the counts of the analysis and of the commit, who did it and when.
 */
export const imports = sqliteTable(
  "imports",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    orgId: integer("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: IMPORT_KINDS }).notNull(),
    status: text("status", { enum: IMPORT_STATUSES }).notNull(),
    fileName: text("file_name").notNull(),
    filePath: text("file_path").notNull(),
    fileSize: integer("file_size").notNull(),
    fileSha256: text("file_sha256").notNull(),
    encoding: text("encoding").notNull(),
    delimiter: text("delimiter").notNull(),
    headers: text("headers", { mode: "json" }).$type<string[]>().notNull(),
    /** For each file column (by position), the platform field it feeds, or null to ignore it. */
    mapping: text("mapping", { mode: "json" }).$type<(string | null)[]>().notNull(),
    counts: text("counts", { mode: "json" }).$type<ImportCounts>(),
    failure: text("failure"),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    analysedAt: integer("analysed_at", { mode: "timestamp_ms" }),
    committedBy: integer("committed_by").references(() => users.id, { onDelete: "set null" }),
    committedAt: integer("committed_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("imports_org_created_idx").on(t.orgId, t.createdAt)],
);

/** Row problems found by the analysis (errors refuse the row; warnings do not). */
export const importIssues = sqliteTable(
  "import_issues",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    importId: integer("import_id")
      .notNull()
      .references(() => imports.id, { onDelete: "cascade" }),
    row: integer("row").notNull(),
    severity: text("severity", { enum: ["error", "warning"] }).notNull(),
    column: text("column"),
    value: text("value"),
    message: text("message").notNull(),
  },
  (t) => [index("import_issues_import_row_idx").on(t.importId, t.row)],
);

/** Mappings a user confirmed, remembered per organisation for files with the same headers. */
export const importMappings = sqliteTable(
  "import_mappings",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    orgId: integer("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: IMPORT_KINDS }).notNull(),
    headerSignature: text("header_signature").notNull(),
    mapping: text("mapping", { mode: "json" }).$type<(string | null)[]>().notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [uniqueIndex("import_mappings_unique").on(t.orgId, t.kind, t.headerSignature)],
);

/**
 * Staging for an analysed import: each valid row, already validated, normalised and classified,
 * waiting for the user's confirmation. The commit copies them with set-based SQL in one
 * transaction, so the write lock is held for seconds, not for the whole parse.
 */
const stagedCommon = () => ({
  importId: integer("import_id")
    .notNull()
    .references(() => imports.id, { onDelete: "cascade" }),
  row: integer("row").notNull(),
  verdict: text("verdict", { enum: ["new", "updated", "unchanged"] }).notNull(),
  targetId: integer("target_id"),
  externalId: text("external_id").notNull(),
  nameKey: text("name_key").notNull(),
  rowHash: text("row_hash").notNull(),
});

export const stagedSuppliers = sqliteTable(
  "staged_suppliers",
  {
    ...stagedCommon(),
    name: text("name").notNull(),
    address: text("address"),
    country: text("country"),
    sector: text("sector"),
    products: text("products"),
    tier: integer("tier"),
    parentExternalId: text("parent_external_id"),
    workersTotal: integer("workers_total"),
    migrantShare: real("migrant_share"),
    femaleShare: real("female_share"),
    identifiers: text("identifiers"),
    indicators: text("indicators"),
  },
  (t) => [index("staged_suppliers_import_idx").on(t.importId, t.verdict)],
);

export const stagedRecruiters = sqliteTable(
  "staged_recruiters",
  {
    ...stagedCommon(),
    name: text("name").notNull(),
    licenceNumber: text("licence_number"),
    licenceStatus: text("licence_status"),
    country: text("country"),
    originCountries: text("origin_countries"),
    feesChargedToWorkers: integer("fees_charged_to_workers"),
    feeAmount: real("fee_amount"),
    feeCurrency: text("fee_currency"),
    certification: text("certification"),
  },
  (t) => [index("staged_recruiters_import_idx").on(t.importId, t.verdict)],
);

/** Supplier–recruiter links named in an analysed import, by the record's external id. */
export const stagedLinks = sqliteTable(
  "staged_links",
  {
    importId: integer("import_id")
      .notNull()
      .references(() => imports.id, { onDelete: "cascade" }),
    externalId: text("external_id").notNull(),
    otherId: integer("other_id").notNull(),
  },
  (t) => [index("staged_links_import_idx").on(t.importId)],
);
