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
  primaryKey,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";

export const ORG_TYPES = ["company", "inspectorate", "union", "regulator", "supplier"] as const;
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
    /**
     * When the platform administrator deactivated the organisation (issue 17, item 16): its members
     * can no longer sign in and its sessions end; its data stays, as evidence others may rely on.
     */
    deactivatedAt: integer("deactivated_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("organisations_name_unique").on(sql`lower(${t.name})`),
    check("organisations_type_check", sql`${t.type} in ('company','inspectorate','union','regulator','supplier')`),
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
    /** The interface language the person chose (BCP 47 code, app/i18n/languages.ts); null: their browser's. */
    locale: text("locale"),
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
    /**
     * When the session was last used (at most a minute stale), for the idle timeout. The SQL
     * column is still called `expires_at`, from before idle timeouts, to avoid a migration: the
     * idle limit is configuration (SESSION_IDLE_MINUTES), so the row stores the fact, not a deadline.
     */
    lastSeenAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    /** Sign-in time: a session ends SESSION_LIFETIME_MS after it, however busy. */
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

/**
 * Failed sign-in counters per (account, client address) and per client address, for progressive
 * delays (see auth/throttle). The SQL column names predate the delays and are kept to avoid a
 * migration: `window_start` holds the time of the latest failure, `locked_until` the earliest time
 * the next attempt is answered.
 */
export const signInThrottle = sqliteTable("sign_in_throttle", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull(),
  lastFailureAt: integer("window_start", { mode: "timestamp_ms" }).notNull(),
  notBefore: integer("locked_until", { mode: "timestamp_ms" }),
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
    /** Sub-national region as the list gives it (ISO 3166-2 code or a name), e.g. CN-XJ. */
    region: text("region"),
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
    /**
     * Where an indicator value came from when a person recorded it (code → source and date); an
     * indicator without an entry came with the list (see lastImportId).
     */
    indicatorSources: text("indicator_sources", { mode: "json" }).$type<Record<string, { source: string; date: string }>>().notNull().default(sql`'{}'`),
    /** Normalised name + country, for matching rows that carry no external id (see import/dedupe). */
    nameKey: text("name_key"),
    /** Hash of the imported fields: an identical re-import is recognised as unchanged. */
    rowHash: text("row_hash"),
    lastImportId: integer("last_import_id"),
    /** Current risk score, copied from risk_scores for fast lists (null until scored). */
    riskScore: real("risk_score"),
    riskBand: text("risk_band"),
    riskConfidence: real("risk_confidence"),
    /** The current score's range: every unknown input absent / present (methodology 2). */
    riskScoreLow: real("risk_score_low"),
    riskScoreHigh: real("risk_score_high"),
    /** Number of red flags in the current score. */
    riskRedFlags: integer("risk_red_flags").notNull().default(0),
    riskScoreId: integer("risk_score_id"),
    /** Codes of the factors that add points to the current score, comma-separated (dashboard drivers). */
    riskDrivers: text("risk_drivers"),
    /** The band of the score stored just before the current one (null before a second score). */
    riskBandBefore: text("risk_band_before"),
    /**
     * When the current score was computed, if its band is higher than riskBandBefore (else null):
     * the company home's "band rises" read through the partial index below, one entry per rise.
     */
    riskRoseAt: integer("risk_rose_at", { mode: "timestamp_ms" }),
    /**
     * The record this one was merged into as a duplicate (issue 20), or null. A merged record keeps
     * all its data so the merge can be undone; every list, count and score skips it (see
     * supplier_duplicate_decisions for who merged it, why, and when).
     */
    mergedIntoId: integer("merged_into_id"),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    index("suppliers_merged_into_idx").on(t.mergedIntoId).where(sql`merged_into_id is not null`),
    index("suppliers_org_score_idx").on(t.orgId, t.riskScore),
    // Only the suppliers whose band rose: the home counts recent rises without visiting the others.
    index("suppliers_org_rose_idx").on(t.orgId, t.riskRoseAt).where(sql`risk_rose_at is not null`),
    // The list's band and red-flag filters (measured: 24 ms → 2–3 ms, 20 ms → <1 ms at 100k).
    index("suppliers_org_band_score_idx").on(t.orgId, t.riskBand, t.riskScore),
    index("suppliers_org_red_flags_idx").on(t.orgId, t.riskScore).where(sql`risk_red_flags > 0`),
    index("suppliers_org_sector_idx").on(t.orgId, t.sector),
    uniqueIndex("suppliers_org_external_unique").on(t.orgId, t.externalId),
    index("suppliers_org_name_key_idx").on(t.orgId, t.nameKey),
    index("suppliers_org_country_idx").on(t.orgId, t.country),
    index("suppliers_org_name_idx").on(t.orgId, t.name),
    // The API's list in id order by cursor (decision 037): `org_id = ? and id > ? order by id limit
    // n` reads n entries from here. Without it both engines took an org index and sorted every row
    // of the organisation for each page (SQLite: a temp B-tree; measured in tests/bench/api.ts).
    index("suppliers_org_id_idx").on(t.orgId, t.id),
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
    /** Current risk score, copied from risk_scores for fast lists (null until scored). */
    riskScore: real("risk_score"),
    riskBand: text("risk_band"),
    riskConfidence: real("risk_confidence"),
    /** The current score's range: every unknown input absent / present (methodology 2). */
    riskScoreLow: real("risk_score_low"),
    riskScoreHigh: real("risk_score_high"),
    /** Number of red flags in the current score. */
    riskRedFlags: integer("risk_red_flags").notNull().default(0),
    riskScoreId: integer("risk_score_id"),
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
    /**
     * Set by the API's bulk import (decision 037): after the check the import goes on by itself,
     * "valid": with its valid rows; "all": only when no row is refused (else it stops, checked, with
     * its issues). Null: a person confirms, as on the import page.
     */
    autoCommit: text("auto_commit", { enum: ["valid", "all"] }),
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
    region: text("region"),
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

/* ------------------------------------------------------------------------------------------ *
 * Risk scoring (issue 4): versioned reference sources, the methodology as data, stored scores.
 * ------------------------------------------------------------------------------------------ */

/**
 * Kinds of reference table the method knows how to read. `country_index` is an additional
 * country-level table an administrator uploads (e.g. an index the organisation is licensed to use).
 */
export const REFERENCE_KINDS = ["countries", "tvpra_goods", "country_findings", "ilo_indicators", "uflpa_sectors", "country_index", "regions", "watchlist"] as const;
export type ReferenceKind = (typeof REFERENCE_KINDS)[number];

export const REFERENCE_STATUSES = ["pending", "active", "superseded", "discarded"] as const;
export type ReferenceStatus = (typeof REFERENCE_STATUSES)[number];

/**
 * One edition of one reference table, as loaded from a CSV with its `#` source lines. A new
 * edition arrives as `pending`, is compared with the active one, and becomes `active` on
 * confirmation (the previous one `superseded`, never deleted: old scores still cite it).
 */
export const referenceSources = sqliteTable(
  "reference_sources",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    kind: text("kind", { enum: REFERENCE_KINDS }).notNull(),
    /** Human name of the table, e.g. "DOL TVPRA list"; for country_index also what tells several apart. */
    name: text("name").notNull(),
    /** Edition as the publisher names it, e.g. "2022". */
    edition: text("edition").notNull(),
    /** The `#` lines of the file: publisher, date, machine-readable source, licence. */
    citation: text("citation").notNull(),
    fileName: text("file_name").notNull(),
    fileSha256: text("file_sha256").notNull(),
    status: text("status", { enum: REFERENCE_STATUSES }).notNull(),
    rowCount: integer("row_count").notNull(),
    loadedBy: integer("loaded_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    activatedAt: integer("activated_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    index("reference_sources_kind_status_idx").on(t.kind, t.status),
    uniqueIndex("reference_sources_one_active").on(t.kind, t.name).where(sql`status = 'active'`),
  ],
);

/** The rows of a reference edition, keyed so that two editions can be compared row by row. */
export const referenceRows = sqliteTable(
  "reference_rows",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    sourceId: integer("source_id")
      .notNull()
      .references(() => referenceSources.id, { onDelete: "cascade" }),
    /** Stable key within the table, e.g. "CN" or "cotton|CN". */
    key: text("key").notNull(),
    /** The row's columns as the file has them (header → cell). */
    data: text("data", { mode: "json" }).$type<Record<string, string>>().notNull(),
  },
  (t) => [uniqueIndex("reference_rows_source_key_unique").on(t.sourceId, t.key)],
);

export const WATCHLIST_MATCH_STATUSES = ["candidate", "confirmed", "dismissed"] as const;
export type WatchlistMatchStatus = (typeof WATCHLIST_MATCH_STATUSES)[number];

/**
 * A supplier or recruiter name that resembles an entry of a watchlist edition (reference kind
 * "watchlist"), for the company to confirm or dismiss. One row per entity and edition entry: a
 * dismissed match stays dismissed for that edition; a new edition is matched afresh (ADR 016).
 */
export const watchlistMatches = sqliteTable(
  "watchlist_matches",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    orgId: integer("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    entityType: text("entity_type", { enum: ["supplier", "recruiter"] }).notNull(),
    entityId: integer("entity_id").notNull(),
    sourceId: integer("source_id")
      .notNull()
      .references(() => referenceSources.id, { onDelete: "cascade" }),
    /** The reference_rows key of the entry within its edition. */
    entryKey: text("entry_key").notNull(),
    /** The name (or alias) that matched, and the entity's name at the time. */
    matchedName: text("matched_name").notNull(),
    entityName: text("entity_name").notNull(),
    /** Similarity 0–1 of the normalised names (app/domain/watchlists/matching.ts). */
    similarity: real("similarity").notNull(),
    status: text("status", { enum: WATCHLIST_MATCH_STATUSES }).notNull().default("candidate"),
    reason: text("reason"),
    decidedBy: integer("decided_by").references(() => users.id, { onDelete: "set null" }),
    decidedAt: integer("decided_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("watchlist_matches_unique").on(t.entityType, t.entityId, t.sourceId, t.entryKey),
    index("watchlist_matches_org_status_idx").on(t.orgId, t.status),
  ],
);

/**
 * Free-text product or sector terms mapped to TVPRA goods ("cotton yarn" → Cotton). Built-in
 * rows come from fixtures/reference/product_synonyms.csv; administrators add more.
 */
export const productSynonyms = sqliteTable(
  "product_synonyms",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** Normalised term (see risk/goods-matching normaliseTerm). */
    term: text("term").notNull(),
    /** The TVPRA good's name exactly as the list spells it. */
    good: text("good").notNull(),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("product_synonyms_term_good_unique").on(t.term, t.good)],
);

export const METHODOLOGY_STATUSES = ["draft", "active", "retired"] as const;

/** A version of the risk method: factors, weights, thresholds and red flags, as data. */
export const methodologies = sqliteTable(
  "methodologies",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    version: text("version").notNull(),
    name: text("name").notNull(),
    /** The method itself (see app/domain/risk/methodology.ts for its shape). */
    definition: text("definition", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    status: text("status", { enum: METHODOLOGY_STATUSES }).notNull(),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    activatedAt: integer("activated_at", { mode: "timestamp_ms" }),
  },
  (t) => [uniqueIndex("methodologies_version_unique").on(t.version), uniqueIndex("methodologies_one_active").on(t.status).where(sql`status = 'active'`)],
);

export const SCORED_ENTITIES = ["supplier", "recruiter"] as const;
export type ScoredEntity = (typeof SCORED_ENTITIES)[number];

/**
 * Every score ever computed (the history). A new row is written only when the result or what it
 * rests on changed (inputs hash, methodology, reference versions); the entity's current score is
 * copied onto suppliers/recruiters for fast lists.
 */
export const riskScores = sqliteTable(
  "risk_scores",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    orgId: integer("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    entityType: text("entity_type", { enum: SCORED_ENTITIES }).notNull(),
    entityId: integer("entity_id").notNull(),
    score: real("score").notNull(),
    band: text("band").notNull(),
    confidence: real("confidence").notNull(),
    /** The range: the score with every unknown input absent / present (null for scores stored before version 2 shipped). */
    scoreLow: real("score_low"),
    scoreHigh: real("score_high"),
    redFlags: text("red_flags", { mode: "json" }).$type<string[]>().notNull(),
    /** The per-factor breakdown (app/domain/risk/types.ts Factor[]). */
    factors: text("factors", { mode: "json" }).$type<unknown[]>().notNull(),
    methodologyId: integer("methodology_id")
      .notNull()
      .references(() => methodologies.id),
    /** Ids of the reference_sources editions used. */
    referenceVersions: text("reference_versions", { mode: "json" }).$type<number[]>().notNull(),
    /** The inputs as scored (SupplierInputs / RecruiterInputs), so anyone can recompute the score. */
    inputs: text("inputs", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    /** SHA-256 of the canonical inputs (entity data + methodology + reference versions). */
    inputsHash: text("inputs_hash").notNull(),
    /** Why it was computed: "import 12", "methodology 1.1", "indicator change", "seed"... */
    cause: text("cause").notNull(),
    computedAt: integer("computed_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("risk_scores_entity_idx").on(t.entityType, t.entityId, t.computedAt), index("risk_scores_org_idx").on(t.orgId, t.computedAt)],
);

/** Batch rescoring runs (after a methodology or reference change), with progress. */
export const scoringRuns = sqliteTable("scoring_runs", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  cause: text("cause").notNull(),
  status: text("status", { enum: ["running", "done", "failed"] }).notNull(),
  total: integer("total").notNull().default(0),
  done: integer("done").notNull().default(0),
  changed: integer("changed").notNull().default(0),
  failure: text("failure"),
  startedBy: integer("started_by").references(() => users.id, { onDelete: "set null" }),
  startedAt: integer("started_at", { mode: "timestamp_ms" }).notNull(),
  finishedAt: integer("finished_at", { mode: "timestamp_ms" }),
});

/**
 * A company's data shared with a partner organisation. Issue 7 brings the sharing pages; until
 * then the demo seed creates one share so the union view has something to show.
 */
export const shares = sqliteTable(
  "shares",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    fromOrgId: integer("from_org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    toOrgId: integer("to_org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    /** What the partner sees: identity, scores, indicators, audits, recruiters. */
    scope: text("scope", { mode: "json" }).$type<string[]>().notNull(),
    /** Which suppliers: {} for all, or {countries, sectors, bands, supplierIds}. */
    filter: text("filter", { mode: "json" }).$type<Record<string, unknown>>().notNull().default(sql`'{}'`),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    revokedAt: integer("revoked_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("shares_to_idx").on(t.toOrgId), index("shares_from_idx").on(t.fromOrgId)],
);

export const CONTEST_STATUSES = ["open", "answered", "closed"] as const;
/**
 * What a contest disputes (issue 17, item 12): the supplier's data or score ("score"), answered by
 * the company that owns the supplier, or the risk method itself ("method"), answered by the
 * platform administrator, who owns the method.
 */
export const CONTEST_KINDS = ["score", "method"] as const;
export type ContestKind = (typeof CONTEST_KINDS)[number];

/** A union's challenge of a supplier's score, with the company's answer. */
export const contests = sqliteTable(
  "contests",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** The organisation that raised it (a union). */
    orgId: integer("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    supplierId: integer("supplier_id")
      .notNull()
      .references(() => suppliers.id, { onDelete: "cascade" }),
    /** The supplier's owner, who answers. */
    companyOrgId: integer("company_org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    /** The score as it was when contested. */
    riskScoreId: integer("risk_score_id").references(() => riskScores.id),
    kind: text("kind", { enum: CONTEST_KINDS }).notNull().default("score"),
    /** The factor of the score's breakdown the contest is about (an indicator or context key), if one. */
    factor: text("factor"),
    comment: text("comment").notNull(),
    evidenceName: text("evidence_name"),
    evidencePath: text("evidence_path"),
    evidenceSha256: text("evidence_sha256"),
    evidenceSize: integer("evidence_size"),
    status: text("status", { enum: CONTEST_STATUSES }).notNull().default("open"),
    response: text("response"),
    respondedBy: integer("responded_by").references(() => users.id, { onDelete: "set null" }),
    respondedAt: integer("responded_at", { mode: "timestamp_ms" }),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  // No CHECK on kind: adding one would make SQLite rebuild the table; the form schema bounds it.
  (t) => [index("contests_supplier_idx").on(t.supplierId), index("contests_company_idx").on(t.companyOrgId, t.status), index("contests_org_idx").on(t.orgId)],
);

/* ------------------------------------------------------------------------------------------ *
 * Audits (issue 5): scheduling, findings with evidence, corrective actions.
 * ------------------------------------------------------------------------------------------ */

export const AUDIT_TYPES = ["announced", "unannounced", "follow_up", "desk_review"] as const;
export type AuditType = (typeof AUDIT_TYPES)[number];

export const AUDIT_STATUSES = ["planned", "confirmed", "in_progress", "completed", "report_issued", "cancelled"] as const;
export type AuditStatus = (typeof AUDIT_STATUSES)[number];

/** An inspectorate's scheduling rules (one row per inspectorate; defaults until an admin changes them). */
export const inspectorateSettings = sqliteTable("inspectorate_settings", {
  orgId: integer("org_id")
    .primaryKey()
    .references(() => organisations.id, { onDelete: "cascade" }),
  /** IANA time zone the inspectorate plans in (days, working hours, the calendar). */
  timeZone: text("time_zone").notNull().default("UTC"),
  maxAuditsPerInspectorPerDay: integer("max_audits_per_inspector_per_day").notNull().default(2),
  /** The same workplace is not audited again within this many days, unless it is a follow-up. */
  minDaysBetweenAudits: integer("min_days_between_audits").notNull().default(180),
  criticalDueDays: integer("critical_due_days").notNull().default(30),
  majorDueDays: integer("major_due_days").notNull().default(60),
  minorDueDays: integer("minor_due_days").notNull().default(90),
  updatedBy: integer("updated_by").references(() => users.id, { onDelete: "set null" }),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }),
});

/**
 * An audit of one workplace (a company's supplier) by an inspectorate. Times are UTC
 * milliseconds; the window is when the team is on site (or at the desk).
 */
export const audits = sqliteTable(
  "audits",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** The inspectorate that owns the audit. */
    orgId: integer("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    supplierId: integer("supplier_id")
      .notNull()
      .references(() => suppliers.id, { onDelete: "cascade" }),
    /** The supplier's owner (the audited company), denormalised for its scoped queries. */
    companyOrgId: integer("company_org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    type: text("type", { enum: AUDIT_TYPES }).notNull(),
    status: text("status", { enum: AUDIT_STATUSES }).notNull().default("planned"),
    startsAt: integer("starts_at", { mode: "timestamp_ms" }).notNull(),
    endsAt: integer("ends_at", { mode: "timestamp_ms" }).notNull(),
    leadInspectorId: integer("lead_inspector_id")
      .notNull()
      .references(() => users.id),
    /** The audit this one follows up (a critical finding proposes one). */
    followUpOf: integer("follow_up_of"),
    notes: text("notes"),
    /*
     * The workplace as the inspectorate saw it, within its share's scope, when it last worked on
     * the audit (scheduled, rescheduled, changed its status, recorded findings). Refreshed only
     * while the supplier is shared with the inspectorate, so after a revocation the audit keeps
     * the data as it stood and shows nothing live (docs/audits.md, "After a share is revoked").
     */
    workplaceName: text("workplace_name"),
    workplaceExternalId: text("workplace_external_id"),
    workplaceCountry: text("workplace_country"),
    workplaceSector: text("workplace_sector"),
    workplaceAddress: text("workplace_address"),
    workplaceCompany: text("workplace_company"),
    /** Null when the share did not include scores at the time, or the workplace was not scored. */
    workplaceScore: real("workplace_score"),
    workplaceBand: text("workplace_band"),
    workplaceSnapshotAt: integer("workplace_snapshot_at", { mode: "timestamp_ms" }),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    index("audits_org_starts_idx").on(t.orgId, t.startsAt),
    index("audits_supplier_idx").on(t.supplierId, t.startsAt),
    index("audits_company_idx").on(t.companyOrgId, t.startsAt),
    check("audits_window_check", sql`${t.endsAt} > ${t.startsAt}`),
  ],
);

/** Everyone on an audit's team, the lead included (role "lead"). */
export const auditTeam = sqliteTable(
  "audit_team",
  {
    auditId: integer("audit_id")
      .notNull()
      .references(() => audits.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    role: text("role", { enum: ["lead", "member"] }).notNull(),
  },
  (t) => [uniqueIndex("audit_team_unique").on(t.auditId, t.userId), index("audit_team_user_idx").on(t.userId)],
);

/** Every change of an audit (created, status, rescheduled, team) with who, when and why. */
export const auditEvents = sqliteTable(
  "audit_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    auditId: integer("audit_id")
      .notNull()
      .references(() => audits.id, { onDelete: "cascade" }),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
    byUserId: integer("by_user_id").references(() => users.id, { onDelete: "set null" }),
    kind: text("kind", { enum: ["created", "status", "rescheduled", "team"] }).notNull(),
    fromStatus: text("from_status"),
    toStatus: text("to_status"),
    reason: text("reason"),
    details: text("details", { mode: "json" }).$type<Record<string, unknown>>(),
  },
  (t) => [index("audit_events_audit_idx").on(t.auditId, t.at)],
);

/** When an inspector cannot audit (leave, training, court): inclusive local dates YYYY-MM-DD. */
export const inspectorAvailability = sqliteTable(
  "inspector_availability",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    orgId: integer("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    startsOn: text("starts_on").notNull(),
    endsOn: text("ends_on").notNull(),
    reason: text("reason").notNull(),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [index("inspector_availability_user_idx").on(t.userId, t.startsOn), check("inspector_availability_range_check", sql`${t.endsOn} >= ${t.startsOn}`)],
);

export const FINDING_RESULTS = ["not_observed", "minor", "major", "critical"] as const;
export type FindingResult = (typeof FINDING_RESULTS)[number];

/**
 * What the audit found for one indicator of the checklist: observed with a severity, or checked
 * and not observed. One row per audit and indicator; later edits keep the row and are logged.
 */
export const findings = sqliteTable(
  "findings",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    auditId: integer("audit_id")
      .notNull()
      .references(() => audits.id, { onDelete: "cascade" }),
    indicator: text("indicator").notNull(),
    result: text("result", { enum: FINDING_RESULTS }).notNull(),
    description: text("description").notNull().default(""),
    workersInterviewed: integer("workers_interviewed"),
    recordedBy: integer("recorded_by").references(() => users.id, { onDelete: "set null" }),
    recordedAt: integer("recorded_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [uniqueIndex("findings_audit_indicator_unique").on(t.auditId, t.indicator)],
);

export const CORRECTIVE_ACTION_STATUSES = ["open", "in_progress", "submitted", "verified_closed"] as const;
export type CorrectiveActionStatus = (typeof CORRECTIVE_ACTION_STATUSES)[number];

/** What must be fixed after a finding, by whom and when, until an inspector verifies it closed. */
export const INTERVIEW_GENDERS = ["woman", "man", "other"] as const;
export const INTERVIEW_ORIGINS = ["migrant", "national"] as const;

/**
 * How many workers an audit's team interviewed, by gender and migrant status (issue 17, item 15):
 * one row per group with at least one interview. "other" covers another gender or not stated.
 * Counts only, never names: who was interviewed is not kept.
 */
export const auditInterviews = sqliteTable(
  "audit_interviews",
  {
    auditId: integer("audit_id")
      .notNull()
      .references(() => audits.id, { onDelete: "cascade" }),
    gender: text("gender", { enum: INTERVIEW_GENDERS }).notNull(),
    origin: text("origin", { enum: INTERVIEW_ORIGINS }).notNull(),
    count: integer("count").notNull(),
  },
  (t) => [
    uniqueIndex("audit_interviews_unique").on(t.auditId, t.gender, t.origin),
    check("audit_interviews_gender_check", sql`${t.gender} in ('woman','man','other')`),
    check("audit_interviews_origin_check", sql`${t.origin} in ('migrant','national')`),
    check("audit_interviews_count_check", sql`${t.count} >= 0`),
  ],
);

export const correctiveActions = sqliteTable(
  "corrective_actions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    findingId: integer("finding_id")
      .notNull()
      .references(() => findings.id, { onDelete: "cascade" }),
    /** Denormalised from the audit for scoped lists on both sides. */
    auditId: integer("audit_id")
      .notNull()
      .references(() => audits.id, { onDelete: "cascade" }),
    orgId: integer("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    companyOrgId: integer("company_org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    supplierId: integer("supplier_id")
      .notNull()
      .references(() => suppliers.id, { onDelete: "cascade" }),
    description: text("description").notNull(),
    owner: text("owner", { enum: ["company", "supplier"] }).notNull(),
    /** Local date YYYY-MM-DD, derived from the finding's severity (inspectorate settings). */
    dueOn: text("due_on").notNull(),
    status: text("status", { enum: CORRECTIVE_ACTION_STATUSES }).notNull().default("open"),
    /** The company's latest answer (what was done). */
    response: text("response"),
    respondedBy: integer("responded_by").references(() => users.id, { onDelete: "set null" }),
    respondedAt: integer("responded_at", { mode: "timestamp_ms" }),
    verificationNote: text("verification_note"),
    verifiedBy: integer("verified_by").references(() => users.id, { onDelete: "set null" }),
    verifiedAt: integer("verified_at", { mode: "timestamp_ms" }),
    /**
     * When the "corrective_action.overdue" webhook event was written (the job runner's sweep): the
     * sweep's claim, set in the event's transaction, so that the event goes out once per action
     * whichever process gets there first.
     */
    overdueNotifiedAt: integer("overdue_notified_at", { mode: "timestamp_ms" }),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [
    index("corrective_actions_company_idx").on(t.companyOrgId, t.status, t.dueOn),
    index("corrective_actions_org_idx").on(t.orgId, t.status, t.dueOn),
    index("corrective_actions_supplier_idx").on(t.supplierId),
    index("corrective_actions_finding_idx").on(t.findingId),
  ],
);

/** Files attached to a finding (by the inspector) or to a corrective action (by either side). */
export const evidence = sqliteTable(
  "evidence",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    findingId: integer("finding_id").references(() => findings.id, { onDelete: "cascade" }),
    correctiveActionId: integer("corrective_action_id").references(() => correctiveActions.id, { onDelete: "cascade" }),
    /** The organisation of the person who uploaded it. */
    orgId: integer("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    fileName: text("file_name").notNull(),
    filePath: text("file_path").notNull(),
    sha256: text("sha256").notNull(),
    size: integer("size").notNull(),
    mime: text("mime").notNull(),
    uploadedBy: integer("uploaded_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [
    index("evidence_finding_idx").on(t.findingId),
    index("evidence_action_idx").on(t.correctiveActionId),
    check("evidence_owner_check", sql`(${t.findingId} is null) <> (${t.correctiveActionId} is null)`),
  ],
);

/** One run of the planner: its parameters and the workplaces it could not place, with why. */
export const auditPlans = sqliteTable("audit_plans", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  orgId: integer("org_id")
    .notNull()
    .references(() => organisations.id, { onDelete: "cascade" }),
  params: text("params", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
  proposed: integer("proposed").notNull(),
  unplaced: text("unplaced", { mode: "json" }).$type<{ supplierId: number; name: string; reason: string }[]>().notNull(),
  nothingFits: text("nothing_fits"),
  createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
  createdAt: createdAt(),
});

/**
 * Audits the planner proposes (or a critical finding suggests) for an inspector to accept, change
 * or reject. Accepting schedules a real audit through the same checks as a hand-made one.
 */
export const auditProposals = sqliteTable(
  "audit_proposals",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    orgId: integer("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    supplierId: integer("supplier_id")
      .notNull()
      .references(() => suppliers.id, { onDelete: "cascade" }),
    type: text("type", { enum: AUDIT_TYPES }).notNull(),
    leadInspectorId: integer("lead_inspector_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    startsAt: integer("starts_at", { mode: "timestamp_ms" }).notNull(),
    endsAt: integer("ends_at", { mode: "timestamp_ms" }).notNull(),
    priority: real("priority"),
    /** Why it is proposed, for people ("rank 1: score 82 (critical), never audited"). */
    reason: text("reason").notNull(),
    followUpOf: integer("follow_up_of"),
    /** The planner run that proposed it (null for a follow-up a critical finding suggested). */
    planId: integer("plan_id").references(() => auditPlans.id, { onDelete: "cascade" }),
    status: text("status", { enum: ["pending", "accepted", "rejected", "superseded"] }).notNull().default("pending"),
    auditId: integer("audit_id").references(() => audits.id, { onDelete: "set null" }),
    decidedBy: integer("decided_by").references(() => users.id, { onDelete: "set null" }),
    decidedAt: integer("decided_at", { mode: "timestamp_ms" }),
    decisionReason: text("decision_reason"),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [index("audit_proposals_org_status_idx").on(t.orgId, t.status, t.startsAt)],
);

/**
 * A private iCalendar feed per inspector: the URL carries a random token, the table its SHA-256
 * (as for sessions). Revoking sets revoked_at; a new link replaces the old one.
 */
export const calendarFeeds = sqliteTable(
  "calendar_feeds",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    orgId: integer("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull(),
    createdAt: createdAt(),
    revokedAt: integer("revoked_at", { mode: "timestamp_ms" }),
    lastUsedAt: integer("last_used_at", { mode: "timestamp_ms" }),
  },
  (t) => [uniqueIndex("calendar_feeds_token_unique").on(t.tokenHash), index("calendar_feeds_user_idx").on(t.userId, t.orgId)],
);

/* ------------------------------------------------------------------------------------------ *
 * Reports (issue 6): issued PDFs with their fingerprint, submissions to regulators, downloads.
 * ------------------------------------------------------------------------------------------ */

export const REPORT_TYPES = ["supplier_profile", "company_due_diligence", "audit", "regulator_summary", "filing"] as const;
export type ReportType = (typeof REPORT_TYPES)[number];

/**
 * An organisation's certificate for signing its reports (issue 21, decision 034): generated on the
 * platform when the organisation first issues a report, self-signed, with its private key sealed
 * under the signing key that is not in the database (SIGNING_KEY / data/keys/report-signing.key).
 * Rows are never deleted: a report signed under a retired certificate still verifies. One active
 * (not retired) certificate per organisation, held by a unique index so two processes creating the
 * first one at once end with one.
 */
export const signingCertificates = sqliteTable(
  "signing_certificates",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    orgId: integer("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    certificatePem: text("certificate_pem").notNull(),
    /** The PKCS#8 private key, sealed (AES-256-GCM, "v1:iv:tag:ciphertext"): never in clear here. */
    sealedPrivateKey: text("sealed_private_key").notNull(),
    /** SHA-256 of the certificate's DER, hex: what /verify compares with the certificate in a signature. */
    fingerprint: text("fingerprint").notNull(),
    notBefore: integer("not_before", { mode: "timestamp_ms" }).notNull(),
    notAfter: integer("not_after", { mode: "timestamp_ms" }).notNull(),
    createdAt: createdAt(),
    retiredAt: integer("retired_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    uniqueIndex("signing_certificates_active_unique").on(t.orgId).where(sql`retired_at is null`),
    uniqueIndex("signing_certificates_fingerprint_unique").on(t.fingerprint),
  ],
);

/**
 * An issued report. The id is derived from what the report rests on (organisation, type,
 * parameters, data-as-of, versions), so issuing the same report twice gives the same row and the
 * same bytes. Once submitted to a regulator a row can no longer change (a trigger refuses it):
 * a correction is a new report that names the one it supersedes.
 */
export const reports = sqliteTable(
  "reports",
  {
    id: text("id").primaryKey(),
    orgId: integer("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    type: text("type", { enum: REPORT_TYPES }).notNull(),
    title: text("title").notNull(),
    params: text("params", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    periodStart: text("period_start"),
    periodEnd: text("period_end"),
    /** The supplier (profile) or audit (audit report) the report is about. */
    subjectId: integer("subject_id"),
    dataAsOf: integer("data_as_of", { mode: "timestamp_ms" }).notNull(),
    methodologyVersion: text("methodology_version"),
    referenceVersions: text("reference_versions", { mode: "json" }).$type<number[]>().notNull(),
    /** SHA-256 of the canonical data the report was generated from (printed on its last page). */
    dataHash: text("data_hash").notNull(),
    filePath: text("file_path").notNull(),
    sha256: text("sha256").notNull(),
    size: integer("size").notNull(),
    pages: integer("pages").notNull(),
    supersedes: text("supersedes"),
    submittedTo: integer("submitted_to").references(() => organisations.id),
    submittedBy: integer("submitted_by").references(() => users.id, { onDelete: "set null" }),
    submittedAt: integer("submitted_at", { mode: "timestamp_ms" }),
    issuedBy: integer("issued_by").references(() => users.id, { onDelete: "set null" }),
    issuedAt: integer("issued_at", { mode: "timestamp_ms" }).notNull(),
    /**
     * The signature (decision 034) is an incremental update appended to the rendered PDF: the file
     * up to it is the unsigned content, reproducible byte for byte; `sha256` and `size` are those of
     * the file as issued (signed), which differs per signing. Null for reports issued unsigned.
     */
    contentSha256: text("content_sha256"),
    contentSize: integer("content_size"),
    signedAt: integer("signed_at", { mode: "timestamp_ms" }),
    signingCertificateId: integer("signing_certificate_id").references(() => signingCertificates.id),
  },
  (t) => [
    uniqueIndex("reports_sha256_unique").on(t.sha256),
    index("reports_org_idx").on(t.orgId, t.issuedAt),
    index("reports_submitted_idx").on(t.submittedTo, t.submittedAt),
    index("reports_data_hash_idx").on(t.dataHash),
    index("reports_content_sha256_idx").on(t.contentSha256),
  ],
);

export const REPORT_REVIEW_ACTIONS = ["acknowledged", "accepted", "correction_requested"] as const;
export type ReportReviewAction = (typeof REPORT_REVIEW_ACTIONS)[number];

/**
 * A regulator's review of a submitted report (issue 17, item 13), one row per step: acknowledged,
 * accepted, or a correction requested with its reason (the company answers with a superseding
 * report). Append-only: the latest row is the report's review state, the rows are its history.
 */
export const reportReviews = sqliteTable(
  "report_reviews",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    reportId: text("report_id")
      .notNull()
      .references(() => reports.id, { onDelete: "cascade" }),
    /** The regulator that reviewed it (the report's submittedTo). */
    orgId: integer("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    action: text("action", { enum: REPORT_REVIEW_ACTIONS }).notNull(),
    reason: text("reason"),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [
    index("report_reviews_report_idx").on(t.reportId, t.id),
    index("report_reviews_org_idx").on(t.orgId, t.createdAt),
    check("report_reviews_action_check", sql`${t.action} in ('acknowledged','accepted','correction_requested')`),
  ],
);

/** Every download of a report file: who, for which organisation, when. */
export const reportDownloads = sqliteTable(
  "report_downloads",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    reportId: text("report_id")
      .notNull()
      .references(() => reports.id, { onDelete: "cascade" }),
    userId: integer("user_id").references(() => users.id, { onDelete: "set null" }),
    orgId: integer("org_id").references(() => organisations.id, { onDelete: "set null" }),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("report_downloads_report_idx").on(t.reportId, t.at)],
);

/**
 * Work that runs off the request thread (an import's check or commit and the scoring after it, a
 * platform rescoring, watchlist matching), as rows every app process can see: whichever process
 * has room claims a job (an IMMEDIATE transaction) and holds it by a lease it renews while the job
 * runs; its progress is kept beside (app/domain/jobs/progress.server.ts), readable by every
 * process, so that the progress page is right whichever process answers it. A lease that runs
 * out (the process was killed) lets another process claim the job again; every job kind is
 * written so that running it again from the start is safe. See ADR 020.
 */
export const JOB_KINDS = ["import.analyse", "import.commit", "rescore", "watchlist.match"] as const;
export type JobKind = (typeof JOB_KINDS)[number];
export const JOB_STATUSES = ["queued", "running", "done", "failed"] as const;

export interface JobProgress {
  step: string;
  done: number;
  total: number;
  fraction: number;
  estimated: boolean;
  /** When this step began (ms); rate and time left are per step. */
  startedAt: number;
}

export const jobs = sqliteTable(
  "jobs",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    kind: text("kind", { enum: JOB_KINDS }).notNull(),
    /** What the job is about ("import:42", "rescore", "watchlist:7"): at most one runs per subject at a time. */
    subject: text("subject").notNull(),
    payload: text("payload", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    status: text("status", { enum: JOB_STATUSES }).notNull().default("queued"),
    attempts: integer("attempts").notNull().default(0),
    /** The process holding the job ("host:pid:boot"), while it runs. */
    runner: text("runner"),
    leaseUntil: integer("lease_until", { mode: "timestamp_ms" }),
    result: text("result", { mode: "json" }).$type<Record<string, unknown>>(),
    /**
     * A running job's progress, on PostgreSQL (every node reads it there). Unused on SQLite, where
     * it is kept in a file of its own so that it never waits for the commit it reports on
     * (app/domain/jobs/progress.server.ts); the column is here so that the two schemas stay one.
     */
    progress: text("progress", { mode: "json" }).$type<JobProgress>(),
    failure: text("failure"),
    requestedBy: integer("requested_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    startedAt: integer("started_at", { mode: "timestamp_ms" }),
    finishedAt: integer("finished_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    index("jobs_claim_idx").on(t.status, t.id),
    index("jobs_subject_idx").on(t.subject, t.id),
    // Asking again while a job waits adds nothing: the waiting one will see the latest data.
    uniqueIndex("jobs_one_queued_idx").on(t.subject).where(sql`status = 'queued'`),
    check("jobs_status_check", sql`${t.status} in ('queued', 'running', 'done', 'failed')`),
  ],
);

/**
 * Expensive actions per organisation in a sliding window (reports issued, lists uploaded): in the
 * database, not in one process's memory, so that the limit holds however many processes serve.
 */
export const rateLimitEvents = sqliteTable(
  "rate_limit_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    key: text("key").notNull(),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("rate_limit_events_key_idx").on(t.key, t.at)],
);

/**
 * The company dashboard's aggregates, kept per organisation with the data version they were
 * computed from (app/domain/dashboard/dashboard.server.ts). Kept in the database, not in one
 * process's memory, so that every serving process and every node reads what one of them computed,
 * and the job that changed the scores can compute the next one before anybody asks.
 */
export const dashboardSnapshots = sqliteTable("dashboard_snapshots", {
  orgId: integer("org_id")
    .primaryKey()
    .references(() => organisations.id, { onDelete: "cascade" }),
  version: text("version").notNull(),
  data: text("data", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
  computedAt: integer("computed_at", { mode: "timestamp_ms" }).notNull(),
});

/* ------------------------------------------------------------------------------------------ *
 * Worker voice (issue 19, decision 028): grievance channels, cases, their timeline, files, who
 * read them, and the support services directory.
 * ------------------------------------------------------------------------------------------ */

/** Who a worker may let receive a case: kinds of organisation, resolved to organisations at intake. */
export const GRIEVANCE_PARTIES = ["union", "inspectorate", "company"] as const;
export type GrievanceParty = (typeof GRIEVANCE_PARTIES)[number];

export const GRIEVANCE_STATUSES = ["new", "triaged", "in_progress", "answered", "closed"] as const;
export type GrievanceStatus = (typeof GRIEVANCE_STATUSES)[number];

export const GRIEVANCE_SEVERITIES = ["low", "medium", "high", "critical"] as const;
export type GrievanceSeverity = (typeof GRIEVANCE_SEVERITIES)[number];

export const GRIEVANCE_FINDINGS = ["unknown", "substantiated", "not_substantiated"] as const;
export type GrievanceFinding = (typeof GRIEVANCE_FINDINGS)[number];

/**
 * A place a worker can report from: one workplace (a supplier record) or, without one, a general
 * channel for a country. Posted by a company or a union as a short link /g/<token> and a QR code.
 */
export const grievanceChannels = sqliteTable(
  "grievance_channels",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** The short link's token (Crockford base32, unguessable: a channel's existence is not public). */
    token: text("token").notNull(),
    /** The organisation that posted it. */
    orgId: integer("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    supplierId: integer("supplier_id").references(() => suppliers.id, { onDelete: "cascade" }),
    /** ISO 3166-1 alpha-2: the workplace's country, or the general channel's. */
    country: text("country"),
    closedAt: integer("closed_at", { mode: "timestamp_ms" }),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("grievance_channels_token_unique").on(t.token), index("grievance_channels_supplier_idx").on(t.supplierId), index("grievance_channels_org_idx").on(t.orgId)],
);

export const grievances = sqliteTable(
  "grievances",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** What the worker keeps: "G-" + 12 Crockford base32 characters (60 bits). */
    caseCode: text("case_code").notNull(),
    /** SHA-256 of the worker's secret (100 random bits: a fast hash is enough, as for session tokens). */
    secretHash: text("secret_hash").notNull(),
    channelId: integer("channel_id").references(() => grievanceChannels.id, { onDelete: "set null" }),
    supplierId: integer("supplier_id").references(() => suppliers.id, { onDelete: "set null" }),
    country: text("country"),
    /** Where, in the worker's words (general channel), e.g. "the fish factory by the port". */
    workplaceText: text("workplace_text"),
    /** What happened: the intake's plain-language choices (decision 028 maps them to ILO indicators). */
    categories: text("categories", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
    /** Since when, as the worker said it: a month "2026-09" or a day. */
    since: text("since"),
    peopleCount: integer("people_count"),
    description: text("description"),
    /** Whether the company may read the worker's own words (never their identity). */
    textToCompany: integer("text_to_company", { mode: "boolean" }).notNull().default(false),
    /** Who the worker lets receive the case (GRIEVANCE_PARTIES). */
    consent: text("consent", { mode: "json" }).$type<GrievanceParty[]>().notNull().default(sql`'[]'`),
    /** The worker's contact, AES-256-GCM with a key kept outside the database (null: anonymous). */
    contactSealed: text("contact_sealed"),
    /** The worker's language: answers are written for it, the case page opens in it. */
    language: text("language").notNull().default("en"),
    /** "online" (the worker) or "assisted" (recorded by an organiser, hotline or inspector). */
    intake: text("intake").notNull().default("online"),
    recordedBy: integer("recorded_by").references(() => users.id, { onDelete: "set null" }),
    recordedByOrgId: integer("recorded_by_org_id").references(() => organisations.id, { onDelete: "set null" }),
    status: text("status", { enum: GRIEVANCE_STATUSES }).notNull().default("new"),
    urgent: integer("urgent", { mode: "boolean" }).notNull().default(false),
    severity: text("severity", { enum: GRIEVANCE_SEVERITIES }),
    /** ILO indicator codes the case is tagged with (from the categories, refined at triage). */
    indicators: text("indicators", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
    /** The organisation that leads the case (first to receive it) and the person it is assigned to. */
    leadOrgId: integer("lead_org_id").references(() => organisations.id, { onDelete: "set null" }),
    assigneeId: integer("assignee_id").references(() => users.id, { onDelete: "set null" }),
    /** When the worker must have an answer by; past it the case escalates (job). */
    dueAt: integer("due_at", { mode: "timestamp_ms" }),
    escalatedAt: integer("escalated_at", { mode: "timestamp_ms" }),
    finding: text("finding", { enum: GRIEVANCE_FINDINGS }).notNull().default("unknown"),
    findingAt: integer("finding_at", { mode: "timestamp_ms" }),
    /**
     * When a substantiated finding was written into the workplace's observed indicators (null: not
     * yet; a small workplace's waits for the end of its quarter, decision 028).
     */
    indicatorsAppliedAt: integer("indicators_applied_at", { mode: "timestamp_ms" }),
    /** The recruitment-fee case this worker's case confirms repayments of (fee ledger). */
    feeCaseId: integer("fee_case_id"),
    remedy: text("remedy"),
    /** The worker's own rating of the remedy: 1 not remedied … 3 remedied. */
    workerRating: integer("worker_rating"),
    closedAt: integer("closed_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    uniqueIndex("grievances_case_code_unique").on(t.caseCode),
    index("grievances_supplier_idx").on(t.supplierId, t.createdAt),
    index("grievances_lead_idx").on(t.leadOrgId, t.status),
    index("grievances_due_idx").on(t.dueAt).where(sql`closed_at is null`),
    check("grievances_status_check", sql`${t.status} in ('new','triaged','in_progress','answered','closed')`),
    check("grievances_finding_check", sql`${t.finding} in ('unknown','substantiated','not_substantiated')`),
  ],
);

/** The organisations a case has reached, and why (first responder, urgent, forwarded, escalated). */
export const grievanceRecipients = sqliteTable(
  "grievance_recipients",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    grievanceId: integer("grievance_id")
      .notNull()
      .references(() => grievances.id, { onDelete: "cascade" }),
    orgId: integer("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    party: text("party", { enum: GRIEVANCE_PARTIES }).notNull(),
    reason: text("reason").notNull(),
    addedBy: integer("added_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("grievance_recipients_unique").on(t.grievanceId, t.orgId), index("grievance_recipients_org_idx").on(t.orgId, t.createdAt)],
);

/**
 * A case's timeline, append-only (trigger): what the worker added, messages to the worker, notes,
 * triage, forwarding, remedy, the worker's rating. `audience`: "worker" (the worker and every
 * recipient), "parties" (recipients, not the worker), "org" (the author's organisation only).
 */
export const grievanceEvents = sqliteTable(
  "grievance_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    grievanceId: integer("grievance_id")
      .notNull()
      .references(() => grievances.id, { onDelete: "cascade" }),
    type: text("type").notNull(),
    audience: text("audience").notNull(),
    /** Null when the worker wrote it. */
    orgId: integer("org_id").references(() => organisations.id, { onDelete: "set null" }),
    userId: integer("user_id").references(() => users.id, { onDelete: "set null" }),
    body: text("body"),
    data: text("data", { mode: "json" }).$type<Record<string, unknown>>().notNull().default(sql`'{}'`),
    createdAt: createdAt(),
  },
  (t) => [index("grievance_events_case_idx").on(t.grievanceId, t.id)],
);

/** Files a worker (or the person recording for them) attached; stored and served like evidence. */
export const grievanceFiles = sqliteTable(
  "grievance_files",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    grievanceId: integer("grievance_id")
      .notNull()
      .references(() => grievances.id, { onDelete: "cascade" }),
    eventId: integer("event_id").references(() => grievanceEvents.id, { onDelete: "set null" }),
    fileName: text("file_name").notNull(),
    filePath: text("file_path").notNull(),
    sha256: text("sha256").notNull(),
    size: integer("size").notNull(),
    mime: text("mime").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("grievance_files_case_idx").on(t.grievanceId)],
);

/** Every read of a case, by a person of an organisation or by the holder of the case code (append-only). */
export const grievanceAccess = sqliteTable(
  "grievance_access",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    grievanceId: integer("grievance_id")
      .notNull()
      .references(() => grievances.id, { onDelete: "cascade" }),
    /** Null: the worker, with the case code and secret. */
    userId: integer("user_id").references(() => users.id, { onDelete: "set null" }),
    orgId: integer("org_id").references(() => organisations.id, { onDelete: "set null" }),
    what: text("what").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("grievance_access_case_idx").on(t.grievanceId, t.id)],
);

/**
 * Hotlines, shelters and legal aid a case can be referred to, kept by the platform administrator:
 * each with the public source that lists it and who verified it when. None ship unverified.
 */
export const supportServices = sqliteTable(
  "support_services",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    country: text("country").notNull(),
    kind: text("kind").notNull(),
    name: text("name").notNull(),
    phone: text("phone"),
    url: text("url"),
    languages: text("languages", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
    source: text("source").notNull(),
    verifiedBy: integer("verified_by").references(() => users.id, { onDelete: "set null" }),
    verifiedAt: integer("verified_at", { mode: "timestamp_ms" }).notNull(),
    retiredAt: integer("retired_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [index("support_services_country_idx").on(t.country, t.kind)],
);

/* ------------------------------------------------------------------------------------------ *
 * Recruitment-fee repayment ledger (issue 19, Employer Pays Principle; decision 028).
 * Amounts in minor units of their ISO 4217 currency (integers: no rounding in sums).
 * ------------------------------------------------------------------------------------------ */

/** Fees workers paid to be recruited for a workplace, as identified (audit, grievance, supplier, other). */
export const feeCases = sqliteTable(
  "fee_cases",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** The buying company whose supplier it is. */
    orgId: integer("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    supplierId: integer("supplier_id")
      .notNull()
      .references(() => suppliers.id, { onDelete: "cascade" }),
    recruiterId: integer("recruiter_id").references(() => recruiters.id, { onDelete: "set null" }),
    /** The corridor: where the workers were recruited, where they work (ISO 3166-1 alpha-2). */
    originCountry: text("origin_country").notNull(),
    destinationCountry: text("destination_country").notNull(),
    currency: text("currency").notNull(),
    amountPerWorkerMinor: integer("amount_per_worker_minor").notNull(),
    workers: integer("workers").notNull(),
    source: text("source").notNull(),
    evidenceNote: text("evidence_note"),
    evidenceName: text("evidence_name"),
    evidencePath: text("evidence_path"),
    evidenceSha256: text("evidence_sha256"),
    /** The repayment plan: agreed on, and the last instalment's due day (YYYY-MM-DD). */
    planAgreedOn: text("plan_agreed_on"),
    planNote: text("plan_note"),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [index("fee_cases_org_idx").on(t.orgId, t.supplierId), index("fee_cases_recruiter_idx").on(t.recruiterId)],
);

/** One instalment of a repayment plan: due, then paid with its proof. */
export const feeInstalments = sqliteTable(
  "fee_instalments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    feeCaseId: integer("fee_case_id")
      .notNull()
      .references(() => feeCases.id, { onDelete: "cascade" }),
    dueOn: text("due_on").notNull(),
    amountMinor: integer("amount_minor").notNull(),
    /** How many of the case's workers this instalment pays. */
    workers: integer("workers").notNull(),
    paidOn: text("paid_on"),
    proofName: text("proof_name"),
    proofPath: text("proof_path"),
    proofSha256: text("proof_sha256"),
    proofSize: integer("proof_size"),
    proofMime: text("proof_mime"),
    recordedBy: integer("recorded_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [index("fee_instalments_case_idx").on(t.feeCaseId, t.dueOn)],
);

/** A worker's answer, through their case code, to "did you receive this instalment?". */
export const feeConfirmations = sqliteTable(
  "fee_confirmations",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    instalmentId: integer("instalment_id")
      .notNull()
      .references(() => feeInstalments.id, { onDelete: "cascade" }),
    grievanceId: integer("grievance_id")
      .notNull()
      .references(() => grievances.id, { onDelete: "cascade" }),
    /** "received", "partly" or "not_received". */
    answer: text("answer").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("fee_confirmations_unique").on(t.instalmentId, t.grievanceId)],
);

/**
 * One sealed check value per key the application seals with (today: "grievance-contact"): at
 * start-up the server opens it with the key it was given, and refuses to start with a clear message
 * if it cannot, instead of sealing new contacts with a second key (a node started without the
 * shared key, a database restored without its key file) and losing the old ones (decision 028).
 */
export const sealingKeys = sqliteTable("sealing_keys", {
  name: text("name").primaryKey(),
  checkValue: text("check_value").notNull(),
  createdAt: createdAt(),
});

/*
 * The supplier side (issue 20, decision 030). A supplier organisation holds its own workplaces
 * ("sites"): the identity it keeps and corrects, its questionnaire answers and their shares. A
 * buyer's supplier record is linked to a site when the supplier claims it through the buyer's
 * invitation; the buyer's record stays the buyer's (its list, its score), the site is the supplier's.
 */
export const QUESTIONNAIRE_STATUSES = ["draft", "submitted"] as const;

export const supplierSites = sqliteTable(
  "supplier_sites",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** The supplier organisation that holds the site. */
    orgId: integer("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    country: text("country"),
    address: text("address"),
    /** Identifiers crosswalk: scheme ("os_id", "lei", "duns", "gln", "vat", "registry") → value. */
    identifiers: text("identifiers", { mode: "json" }).$type<Record<string, string>>().notNull().default(sql`'{}'`),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("supplier_sites_org_idx").on(t.orgId)],
);

/** A buyer's supplier record claimed by a supplier's site: one site per record, many records per site. */
export const supplierSiteLinks = sqliteTable(
  "supplier_site_links",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    siteId: integer("site_id")
      .notNull()
      .references(() => supplierSites.id, { onDelete: "cascade" }),
    supplierId: integer("supplier_id")
      .notNull()
      .references(() => suppliers.id, { onDelete: "cascade" }),
    /** The buyer (the company whose record it is), kept here so "which buyers list me" is one index. */
    buyerOrgId: integer("buyer_org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    claimedBy: integer("claimed_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("supplier_site_links_supplier_unique").on(t.supplierId), index("supplier_site_links_site_idx").on(t.siteId)],
);

/** A buyer's invitation to the supplier of one of its records: claim the workplace (token as for members). */
export const supplierInvitations = sqliteTable(
  "supplier_invitations",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** The buyer. */
    orgId: integer("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    supplierId: integer("supplier_id")
      .notNull()
      .references(() => suppliers.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    /** SHA-256 of the one-time token in the link. */
    tokenHash: text("token_hash").notNull(),
    invitedBy: integer("invited_by").references(() => users.id, { onDelete: "set null" }),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    acceptedAt: integer("accepted_at", { mode: "timestamp_ms" }),
    revokedAt: integer("revoked_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("supplier_invitations_token_unique").on(t.tokenHash), index("supplier_invitations_supplier_idx").on(t.supplierId)],
);

/** Each correction a supplier made to its site's identity, append-only: the buyers read the history. */
export const siteIdentityChanges = sqliteTable(
  "site_identity_changes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    siteId: integer("site_id")
      .notNull()
      .references(() => supplierSites.id, { onDelete: "cascade" }),
    /** "name", "country", "address" or "identifier:<scheme>". */
    field: text("field").notNull(),
    before: text("before"),
    after: text("after"),
    changedBy: integer("changed_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [index("site_identity_changes_site_idx").on(t.siteId, t.createdAt)],
);

/**
 * A site's answers to one questionnaire version (app/domain/questionnaires, defined as data). A draft
 * is saved and continued; a submitted one is what shares show and what scores read (self-reported).
 * A newer submission starts a new row, so the answers a buyer once read stay readable.
 */
export const questionnaireResponses = sqliteTable(
  "questionnaire_responses",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    siteId: integer("site_id")
      .notNull()
      .references(() => supplierSites.id, { onDelete: "cascade" }),
    /** The questionnaire ("saq-forced-labour") and the version the answers were given to ("1"). */
    questionnaire: text("questionnaire").notNull(),
    version: text("version").notNull(),
    /** Question id → answer as the engine stores it (string, number, boolean, ISO date, file id). */
    answers: text("answers", { mode: "json" }).$type<Record<string, unknown>>().notNull().default(sql`'{}'`),
    status: text("status", { enum: QUESTIONNAIRE_STATUSES }).notNull().default("draft"),
    submittedAt: integer("submitted_at", { mode: "timestamp_ms" }),
    submittedBy: integer("submitted_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("questionnaire_responses_site_idx").on(t.siteId, t.questionnaire, t.status)],
);

/** A supplier's share of a site's submitted answers with one buyer: scoped to the site, revocable. */
export const questionnaireShares = sqliteTable(
  "questionnaire_shares",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    siteId: integer("site_id")
      .notNull()
      .references(() => supplierSites.id, { onDelete: "cascade" }),
    buyerOrgId: integer("buyer_org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    revokedAt: integer("revoked_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("questionnaire_shares_site_idx").on(t.siteId), index("questionnaire_shares_buyer_idx").on(t.buyerOrgId)],
);

/**
 * A buyer's request that the supplier of one of its records answer the questionnaire by a date. A
 * request is answered at once when the linked site already has a submission younger than the
 * validity period and shares it with the buyer (answer once, share with many).
 */
export const questionnaireRequests = sqliteTable(
  "questionnaire_requests",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    buyerOrgId: integer("buyer_org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    supplierId: integer("supplier_id")
      .notNull()
      .references(() => suppliers.id, { onDelete: "cascade" }),
    questionnaire: text("questionnaire").notNull(),
    /** ISO date the buyer asks the answers by. */
    dueOn: text("due_on").notNull(),
    /** The submission that answered the request (null while open). */
    responseId: integer("response_id").references(() => questionnaireResponses.id, { onDelete: "set null" }),
    answeredAt: integer("answered_at", { mode: "timestamp_ms" }),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [index("questionnaire_requests_supplier_idx").on(t.supplierId), index("questionnaire_requests_buyer_idx").on(t.buyerOrgId)],
);

/**
 * Audits done by others (issue 20 item 5): a social-compliance audit (SMETA, amfori BSCI, RBA VAP,
 * SA8000) or a national labour inspection, with its report. Uploaded by the supplier for its site
 * (recognised by every buyer the site's answers are shared with) or by a buyer for its own record.
 * A mitigation with provenance: it counts only until `valid_until`, and its findings per indicator
 * are observations.
 */
export const QUESTIONNAIRE_REVIEW_OUTCOMES = ["accepted", "clarification"] as const;
export const DUPLICATE_DECISIONS = ["merged", "kept_apart"] as const;

/** Evidence a supplier attaches to an answer (a file question): lives with the site, like the answers. */
export const questionnaireFiles = sqliteTable(
  "questionnaire_files",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    siteId: integer("site_id")
      .notNull()
      .references(() => supplierSites.id, { onDelete: "cascade" }),
    /** The question the file answers (its id in the questionnaire definition). */
    questionId: text("question_id").notNull(),
    name: text("name").notNull(),
    path: text("path").notNull(),
    sha256: text("sha256").notNull(),
    size: integer("size").notNull(),
    mime: text("mime").notNull(),
    uploadedBy: integer("uploaded_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [index("questionnaire_files_site_idx").on(t.siteId)],
);

/**
 * A buyer's review of a submission shared with it: accepted, or a clarification asked (about one
 * question or the whole) that the supplier answers in `reply`. Rows are kept, so the exchange is history.
 */
export const questionnaireReviews = sqliteTable(
  "questionnaire_reviews",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    responseId: integer("response_id")
      .notNull()
      .references(() => questionnaireResponses.id, { onDelete: "cascade" }),
    buyerOrgId: integer("buyer_org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    outcome: text("outcome", { enum: QUESTIONNAIRE_REVIEW_OUTCOMES }).notNull(),
    /** The question a clarification is about, or null for the whole submission. */
    questionId: text("question_id"),
    message: text("message"),
    reply: text("reply"),
    repliedBy: integer("replied_by").references(() => users.id, { onDelete: "set null" }),
    repliedAt: integer("replied_at", { mode: "timestamp_ms" }),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [index("questionnaire_reviews_response_idx").on(t.responseId), index("questionnaire_reviews_buyer_idx").on(t.buyerOrgId)],
);

/**
 * The de-duplication review's decisions on pairs of a buyer's supplier records (issue 20 item 6):
 * "merged" (other_id folded into kept_id, suppliers.merged_into_id set) or "kept_apart" (the pair is
 * not proposed again). Undoing sets undone_at and never deletes, so a split keeps its history.
 */
export const supplierDuplicateDecisions = sqliteTable(
  "supplier_duplicate_decisions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    orgId: integer("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    keptId: integer("kept_id")
      .notNull()
      .references(() => suppliers.id, { onDelete: "cascade" }),
    otherId: integer("other_id")
      .notNull()
      .references(() => suppliers.id, { onDelete: "cascade" }),
    decision: text("decision", { enum: DUPLICATE_DECISIONS }).notNull(),
    /** What matched when the decision was taken: [{ kind: "identifier", scheme, value } | { kind: "name" }]. */
    evidence: text("evidence", { mode: "json" }).$type<{ kind: string; scheme?: string; value?: string }[]>().notNull().default(sql`'[]'`),
    note: text("note"),
    decidedBy: integer("decided_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    undoneAt: integer("undone_at", { mode: "timestamp_ms" }),
    undoneBy: integer("undone_by").references(() => users.id, { onDelete: "set null" }),
    undoReason: text("undo_reason"),
  },
  (t) => [index("supplier_duplicate_decisions_org_idx").on(t.orgId, t.createdAt), index("supplier_duplicate_decisions_kept_idx").on(t.keptId), index("supplier_duplicate_decisions_other_idx").on(t.otherId)],
);

export const THIRD_PARTY_SCHEMES = ["smeta", "amfori_bsci", "rba_vap", "sa8000", "labour_inspection", "other"] as const;

export const thirdPartyAudits = sqliteTable(
  "third_party_audits",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** The organisation that recorded it (the supplier, or the buyer). */
    orgId: integer("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    /** The supplier's site it covers (recorded by the supplier), or null. */
    siteId: integer("site_id").references(() => supplierSites.id, { onDelete: "cascade" }),
    /** The buyer's record it covers (recorded by the buyer), or null. */
    supplierId: integer("supplier_id").references(() => suppliers.id, { onDelete: "cascade" }),
    scheme: text("scheme", { enum: THIRD_PARTY_SCHEMES }).notNull(),
    /** Who audited (the audit firm, the inspectorate). */
    body: text("body").notNull(),
    auditedOn: text("audited_on").notNull(),
    validUntil: text("valid_until").notNull(),
    /** The scheme's own rating as the report gives it ("B", "Gold", "certified"), or null. */
    rating: text("rating"),
    /** Indicator code → "not_observed" | "minor" | "major" | "critical" (the findings per indicator). */
    findings: text("findings", { mode: "json" }).$type<Record<string, string>>().notNull().default(sql`'{}'`),
    reportName: text("report_name"),
    reportPath: text("report_path"),
    reportSha256: text("report_sha256"),
    reportSize: integer("report_size"),
    reportMime: text("report_mime"),
    recordedBy: integer("recorded_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [
    index("third_party_audits_site_idx").on(t.siteId),
    index("third_party_audits_supplier_idx").on(t.supplierId),
    check("third_party_audits_subject_check", sql`(${t.siteId} is null) <> (${t.supplierId} is null)`),
  ],
);

/**
 * Filings (issue 21, decision 036). A company's filing profile: what the regimes' forms ask about it
 * and which regimes it files under. One row per company, created on first save.
 */
export const filingProfiles = sqliteTable("filing_profiles", {
  orgId: integer("org_id")
    .primaryKey()
    .references(() => organisations.id, { onDelete: "cascade" }),
  /** "MM-DD": the last day of the financial year (the statements' periods and due dates follow from it). */
  financialYearEnd: text("financial_year_end").notNull(),
  /** One of TURNOVER_BANDS (app/domain/filings/regimes.ts); null: not stated. */
  turnoverBand: text("turnover_band"),
  sectors: text("sectors", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
  /** The REGIME_CODES the company files under. */
  regimes: text("regimes", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
  /** Whether its statements are made for a group (UK registry: "group statement"). */
  groupStatement: integer("group_statement", { mode: "boolean" }).notNull().default(false),
  updatedBy: integer("updated_by").references(() => users.id, { onDelete: "set null" }),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
});

/** A company's statement for one period: the narrative every regime's filing for the period is written from. */
export const statements = sqliteTable(
  "statements",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    orgId: integer("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    periodStart: text("period_start").notNull(),
    periodEnd: text("period_end").notNull(),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("statements_period_unique").on(t.orgId, t.periodStart, t.periodEnd)],
);

/** Every save of a section is a new version, kept: an approval names the exact versions it covers. */
export const statementSections = sqliteTable(
  "statement_sections",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    statementId: integer("statement_id")
      .notNull()
      .references(() => statements.id, { onDelete: "cascade" }),
    /** One of SECTION_CODES. */
    section: text("section").notNull(),
    version: integer("version").notNull(),
    body: text("body").notNull(),
    writtenBy: integer("written_by").references(() => users.id, { onDelete: "set null" }),
    writtenAt: integer("written_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [uniqueIndex("statement_sections_version_unique").on(t.statementId, t.section, t.version)],
);

/**
 * An approval by a named person with a role, on a date, over exactly the section versions it lists.
 * Never changed: an edit after it makes the statement a draft again (computed, not stored).
 */
export const statementApprovals = sqliteTable(
  "statement_approvals",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    statementId: integer("statement_id")
      .notNull()
      .references(() => statements.id, { onDelete: "cascade" }),
    approverName: text("approver_name").notNull(),
    /** One of APPROVER_ROLES. */
    approverRole: text("approver_role").notNull(),
    approvedOn: text("approved_on").notNull(),
    /** Section code → version approved. */
    sectionVersions: text("section_versions", { mode: "json" }).$type<Record<string, number>>().notNull(),
    recordedBy: integer("recorded_by").references(() => users.id, { onDelete: "set null" }),
    recordedAt: integer("recorded_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("statement_approvals_statement_idx").on(t.statementId)],
);

/**
 * A filing: one regime's rendering of a statement (UK, Australia, Canada: a period) or the answer to
 * an authority's request (EU, US: a product, a deadline). Issuing it issues a signed report.
 */
export const filings = sqliteTable(
  "filings",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    orgId: integer("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    /** One of REGIME_CODES. */
    regime: text("regime").notNull(),
    statementId: integer("statement_id")
      .notNull()
      .references(() => statements.id, { onDelete: "cascade" }),
    /** The request answered (EU, US); null for a statement. */
    authority: text("authority"),
    reference: text("reference"),
    receivedOn: text("received_on"),
    dueOn: text("due_on"),
    product: text("product"),
    rawMaterial: text("raw_material"),
    /** The last report issued for it (a new approval, new figures: a new report; the old stay). */
    reportId: text("report_id").references(() => reports.id),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [index("filings_org_idx").on(t.orgId, t.regime), index("filings_statement_idx").on(t.statementId)],
);

/**
 * API tokens (issue 22, decision 037): an organisation's key for its own systems (ERP, case
 * management). The token acts with the authority of the administrator who created it, as long as
 * that person stays an administrator of the organisation, narrowed to its scopes. Only the
 * token's SHA-256 is kept; the token is shown once.
 */
export const apiTokens = sqliteTable(
  "api_tokens",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    orgId: integer("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** SHA-256 (hex) of the secret part. */
    secretHash: text("secret_hash").notNull(),
    /** Resource → "read" | "write" (write includes read). */
    scopes: text("scopes", { mode: "json" }).$type<Record<string, "read" | "write">>().notNull(),
    createdBy: integer("created_by")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    /** Written at most once a minute, like a session's last activity. */
    lastUsedAt: integer("last_used_at", { mode: "timestamp_ms" }),
    revokedAt: integer("revoked_at", { mode: "timestamp_ms" }),
    revokedBy: integer("revoked_by").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [index("api_tokens_org_idx").on(t.orgId)],
);

/** Calls per token per fixed window (RateLimit header fields): one row per token and window, counted up atomically. */
export const apiRateWindows = sqliteTable(
  "api_rate_windows",
  {
    tokenId: integer("token_id")
      .notNull()
      .references(() => apiTokens.id, { onDelete: "cascade" }),
    /** Start of the window, ms since the epoch. */
    windowStart: integer("window_start").notNull(),
    calls: integer("calls").notNull(),
  },
  (t) => [primaryKey({ columns: [t.tokenId, t.windowStart] })],
);

/**
 * Webhook subscriptions (issue 22, decision 038): where an organisation's systems want to hear of
 * events. The signing secret is sealed under WEBHOOK_KEY (not in the database in clear: a dump
 * cannot forge deliveries). Delivery to a private or loopback address only when an administrator
 * allowed it on this subscription.
 */
export const webhookSubscriptions = sqliteTable(
  "webhook_subscriptions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    orgId: integer("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    url: text("url").notNull(),
    /** Event types (WEBHOOK_EVENTS). */
    events: text("events", { mode: "json" }).$type<string[]>().notNull(),
    sealedSecret: text("sealed_secret").notNull(),
    allowPrivate: integer("allow_private", { mode: "boolean" }).notNull().default(false),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    disabledAt: integer("disabled_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("webhook_subscriptions_org_idx").on(t.orgId)],
);

/**
 * One event for one subscription (an outbox row, written in the transaction that made the event):
 * its payload as sent, its attempts, and when it is next tried. The delivery log and its replay.
 */
export const webhookDeliveries = sqliteTable(
  "webhook_deliveries",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    subscriptionId: integer("subscription_id")
      .notNull()
      .references(() => webhookSubscriptions.id, { onDelete: "cascade" }),
    orgId: integer("org_id").notNull(),
    /** The event's id (the same in every subscription's delivery of it, and in a replay). */
    eventId: text("event_id").notNull(),
    eventType: text("event_type").notNull(),
    payload: text("payload").notNull(),
    status: text("status", { enum: ["pending", "sending", "delivered", "failed"] }).notNull(),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: integer("next_attempt_at", { mode: "timestamp_ms" }).notNull(),
    leaseUntil: integer("lease_until", { mode: "timestamp_ms" }),
    lastStatusCode: integer("last_status_code"),
    lastError: text("last_error"),
    deliveredAt: integer("delivered_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [index("webhook_deliveries_due_idx").on(t.status, t.nextAttemptAt), index("webhook_deliveries_subscription_idx").on(t.subscriptionId, t.id)],
);
