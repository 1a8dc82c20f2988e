/**
 * The database schema for PostgreSQL (drizzle pg-core): the second engine of issue 16, chosen by
 * `DATABASE_URL=postgres://…`. Migrations under db/migrations-pg are generated from this file by
 * `npx drizzle-kit generate --config drizzle.pg.config.ts` and committed, as db/migrations is
 * from db/schema.ts; the append-only and immutable-report triggers are a hand-written migration
 * there (0001_append_only_and_immutable.sql), as they are in db/migrations (0001, 0009).
 *
 * This file mirrors db/schema.ts table by table and column by column: the same table, column,
 * index and constraint names, nullability, defaults, foreign keys (with the same ON DELETE),
 * unique and partial indexes and CHECK constraints. tests/integration/postgres-schema.test.ts
 * compares the two databases as built by their migrations (tables, columns, nullability, indexes,
 * foreign keys, checks, triggers) and fails when they differ: a change to db/schema.ts is made
 * here too, in the same commit (ADR 021).
 *
 * Type mapping, chosen so that the JavaScript values the domain reads are the same on both:
 *   SQLite integer, mode "timestamp_ms"  → timestamptz(3), mode "date"   (a Date, millisecond precision)
 *   SQLite integer, mode "boolean"       → boolean                       (true/false)
 *   SQLite text, mode "json"             → jsonb, the same $type<>()     (the parsed value; jsonb does
 *                                           not keep object key order or duplicate keys)
 *   SQLite integer primary key autoIncrement → integer generated always as identity (a number: int4
 *                                           is read as a JS number, int8/bigserial would be a string;
 *                                           "always" makes an explicit id an error, as no code writes
 *                                           one, instead of silently desynchronising the sequence)
 *   SQLite integer                       → integer (int4; counts, sizes ≤ 2 GiB, foreign ids)
 *   SQLite real                          → double precision
 *   SQLite text (enum)                   → text, with the same CHECK constraints where db/schema.ts
 *                                           has them (not pg enums, so both engines evolve alike)
 *   default (cast(unixepoch('subsecond') * 1000 as integer)) → defaultNow()
 *   default sql`'[]'` / sql`'{}'` on JSON text → '[]'::jsonb / '{}'::jsonb
 * Staging columns that are plain text/integer in SQLite (staged_* products, identifiers,
 * fees_charged_to_workers…) stay plain text/integer here: the domain reads them as strings/numbers.
 */
import { sql } from "drizzle-orm";
import { bigint, boolean, check, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import {
  AUDIT_STATUSES,
  AUDIT_TYPES,
  CONTEST_KINDS,
  CONTEST_STATUSES,
  CORRECTIVE_ACTION_STATUSES,
  FINDING_RESULTS,
  GRIEVANCE_FINDINGS,
  GRIEVANCE_PARTIES,
  GRIEVANCE_SEVERITIES,
  GRIEVANCE_STATUSES,
  IMPORT_KINDS,
  INTERVIEW_GENDERS,
  INTERVIEW_ORIGINS,
  IMPORT_STATUSES,
  JOB_KINDS,
  JOB_STATUSES,
  METHODOLOGY_STATUSES,
  ORG_TYPES,
  REFERENCE_KINDS,
  REFERENCE_STATUSES,
  REPORT_REVIEW_ACTIONS,
  REPORT_TYPES,
  ROLES,
  SCORED_ENTITIES,
  WATCHLIST_MATCH_STATUSES,
  type GrievanceParty,
  type ImportCounts,
  type JobProgress,
  QUESTIONNAIRE_STATUSES,
  QUESTIONNAIRE_REVIEW_OUTCOMES,
  DUPLICATE_DECISIONS,
  THIRD_PARTY_SCHEMES,
} from "./schema.sqlite";

/** An engine-assigned integer id (SQLite: integer primary key autoincrement). */
const id = () => integer("id").primaryKey().generatedAlwaysAsIdentity();

/** A point in time read as a Date (SQLite: integer milliseconds, mode "timestamp_ms"). */
const ts = (name: string) => timestamp(name, { mode: "date", precision: 3, withTimezone: true });

const createdAt = () => ts("created_at").notNull().defaultNow();

export const organisations = pgTable(
  "organisations",
  {
    id: id(),
    type: text("type", { enum: ORG_TYPES }).notNull(),
    name: text("name").notNull(),
    jurisdictions: jsonb("jurisdictions").$type<string[]>().notNull().default([]),
    deactivatedAt: ts("deactivated_at"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("organisations_name_unique").on(sql`lower(${t.name})`),
    check("organisations_type_check", sql`${t.type} in ('company','inspectorate','union','regulator','supplier')`),
  ],
);

export const users = pgTable(
  "users",
  {
    id: id(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    passwordHash: text("password_hash"),
    isPlatformAdmin: boolean("is_platform_admin").notNull().default(false),
    disabledAt: ts("disabled_at"),
    /** The interface language the person chose (BCP 47 code, app/i18n/languages.ts); null: their browser's. */
    locale: text("locale"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("users_email_unique").on(t.email)],
);

export const memberships = pgTable(
  "memberships",
  {
    id: id(),
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

export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    orgId: integer("org_id").references(() => organisations.id, { onDelete: "cascade" }),
    /** The SQL column keeps its old name, as in db/schema.ts. */
    lastSeenAt: ts("expires_at").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

export const invitations = pgTable(
  "invitations",
  {
    id: id(),
    orgId: integer("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    role: text("role", { enum: ROLES }).notNull(),
    tokenHash: text("token_hash").notNull(),
    invitedBy: integer("invited_by").references(() => users.id, { onDelete: "set null" }),
    expiresAt: ts("expires_at").notNull(),
    acceptedAt: ts("accepted_at"),
    revokedAt: ts("revoked_at"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("invitations_token_unique").on(t.tokenHash), index("invitations_org_idx").on(t.orgId)],
);

export const passwordResets = pgTable(
  "password_resets",
  {
    id: id(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull(),
    issuedBy: integer("issued_by").references(() => users.id, { onDelete: "set null" }),
    expiresAt: ts("expires_at").notNull(),
    usedAt: ts("used_at"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("password_resets_token_unique").on(t.tokenHash)],
);

export const signInThrottle = pgTable("sign_in_throttle", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull(),
  lastFailureAt: ts("window_start").notNull(),
  notBefore: ts("locked_until"),
});

/** Append-only: triggers (db/migrations-pg/0001) refuse UPDATE, DELETE and TRUNCATE. */
export const auditLog = pgTable(
  "audit_log",
  {
    id: id(),
    at: ts("at").notNull(),
    actorUserId: integer("actor_user_id"),
    orgId: integer("org_id"),
    action: text("action").notNull(),
    targetType: text("target_type"),
    targetId: text("target_id"),
    ip: text("ip"),
    details: jsonb("details").$type<Record<string, unknown>>(),
  },
  (t) => [index("audit_log_org_at_idx").on(t.orgId, t.at), index("audit_log_action_idx").on(t.action)],
);

export const suppliers = pgTable(
  "suppliers",
  {
    id: id(),
    orgId: integer("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    externalId: text("external_id").notNull(),
    name: text("name").notNull(),
    address: text("address"),
    country: text("country"),
    region: text("region"),
    sector: text("sector"),
    products: jsonb("products").$type<string[]>().notNull().default([]),
    tier: integer("tier"),
    parentId: integer("parent_id"),
    parentExternalId: text("parent_external_id"),
    identifiers: jsonb("identifiers").$type<Record<string, string>>().notNull().default({}),
    workersTotal: integer("workers_total"),
    migrantShare: doublePrecision("migrant_share"),
    femaleShare: doublePrecision("female_share"),
    indicators: jsonb("indicators").$type<Record<string, boolean>>().notNull().default({}),
    indicatorSources: jsonb("indicator_sources").$type<Record<string, { source: string; date: string }>>().notNull().default({}),
    nameKey: text("name_key"),
    rowHash: text("row_hash"),
    lastImportId: integer("last_import_id"),
    riskScore: doublePrecision("risk_score"),
    riskBand: text("risk_band"),
    riskConfidence: doublePrecision("risk_confidence"),
    riskScoreLow: doublePrecision("risk_score_low"),
    riskScoreHigh: doublePrecision("risk_score_high"),
    riskRedFlags: integer("risk_red_flags").notNull().default(0),
    riskScoreId: integer("risk_score_id"),
    riskDrivers: text("risk_drivers"),
    riskBandBefore: text("risk_band_before"),
    riskRoseAt: ts("risk_rose_at"),
    mergedIntoId: integer("merged_into_id"),
    createdAt: createdAt(),
    updatedAt: ts("updated_at"),
  },
  (t) => [
    index("suppliers_merged_into_idx").on(t.mergedIntoId).where(sql`merged_into_id is not null`),
    // Score descending with unscored last: the lists' "highest first" order (written `desc nulls last`
    // to sort as SQLite does) read forwards, and "lowest first" (`asc nulls first`) read backwards.
    // An ascending index would serve neither on PostgreSQL, where NULLs sort high.
    index("suppliers_org_score_idx").on(t.orgId, t.riskScore.desc().nullsLast()),
    index("suppliers_org_band_score_idx").on(t.orgId, t.riskBand, t.riskScore.desc().nullsLast()),
    index("suppliers_org_red_flags_idx").on(t.orgId, t.riskScore.desc().nullsLast()).where(sql`risk_red_flags > 0`),
    index("suppliers_org_rose_idx").on(t.orgId, t.riskRoseAt).where(sql`risk_rose_at is not null`),
    index("suppliers_org_sector_idx").on(t.orgId, t.sector),
    uniqueIndex("suppliers_org_external_unique").on(t.orgId, t.externalId),
    index("suppliers_org_name_key_idx").on(t.orgId, t.nameKey),
    index("suppliers_org_country_idx").on(t.orgId, t.country),
    index("suppliers_org_name_idx").on(t.orgId, t.name),
    // The API's list in id order by cursor (decision 037): `org_id = ? and id > ? order by id limit
    // n` reads n entries from here. Without it both engines took an org index and sorted every row
    // of the organisation for each page (SQLite: a temp B-tree; measured in tests/bench/api.ts).
    index("suppliers_org_id_idx").on(t.orgId, t.id),
    // Name search: SQLite's FTS5 trigram table suppliers_fts (db/migrations/0015) is, here, a
    // trigram GIN index per searched column (pg_trgm, migration 0002), serving LIKE/ILIKE '%…%'.
    index("suppliers_name_trgm").using("gin", t.name.op("gin_trgm_ops")),
    index("suppliers_external_id_trgm").using("gin", t.externalId.op("gin_trgm_ops")),
  ],
);

export const recruiters = pgTable(
  "recruiters",
  {
    id: id(),
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
    originCountries: jsonb("origin_countries").$type<string[]>().notNull().default([]),
    feesChargedToWorkers: boolean("fees_charged_to_workers"),
    feeAmount: doublePrecision("fee_amount"),
    feeCurrency: text("fee_currency"),
    certification: text("certification"),
    nameKey: text("name_key"),
    rowHash: text("row_hash"),
    lastImportId: integer("last_import_id"),
    riskScore: doublePrecision("risk_score"),
    riskBand: text("risk_band"),
    riskConfidence: doublePrecision("risk_confidence"),
    riskScoreLow: doublePrecision("risk_score_low"),
    riskScoreHigh: doublePrecision("risk_score_high"),
    riskRedFlags: integer("risk_red_flags").notNull().default(0),
    riskScoreId: integer("risk_score_id"),
    createdAt: createdAt(),
    updatedAt: ts("updated_at"),
  },
  (t) => [
    uniqueIndex("recruiters_org_external_unique").on(t.orgId, t.externalId),
    index("recruiters_org_name_key_idx").on(t.orgId, t.nameKey),
    // Name search: see suppliers (SQLite: recruiters_fts).
    index("recruiters_name_trgm").using("gin", t.name.op("gin_trgm_ops")),
    index("recruiters_external_id_trgm").using("gin", t.externalId.op("gin_trgm_ops")),
    index("recruiters_licence_number_trgm").using("gin", t.licenceNumber.op("gin_trgm_ops")),
  ],
);

export const supplierRecruiters = pgTable(
  "supplier_recruiters",
  {
    id: id(),
    supplierId: integer("supplier_id")
      .notNull()
      .references(() => suppliers.id, { onDelete: "cascade" }),
    recruiterId: integer("recruiter_id")
      .notNull()
      .references(() => recruiters.id, { onDelete: "cascade" }),
    originCountry: text("origin_country").notNull().default(""),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("supplier_recruiters_unique").on(t.supplierId, t.recruiterId, t.originCountry),
    index("supplier_recruiters_recruiter_idx").on(t.recruiterId),
  ],
);

export const imports = pgTable(
  "imports",
  {
    id: id(),
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
    headers: jsonb("headers").$type<string[]>().notNull(),
    mapping: jsonb("mapping").$type<(string | null)[]>().notNull(),
    counts: jsonb("counts").$type<ImportCounts>(),
    failure: text("failure"),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    analysedAt: ts("analysed_at"),
    committedBy: integer("committed_by").references(() => users.id, { onDelete: "set null" }),
    committedAt: ts("committed_at"),
    autoCommit: text("auto_commit", { enum: ["valid", "all"] }),
  },
  (t) => [index("imports_org_created_idx").on(t.orgId, t.createdAt)],
);

export const importIssues = pgTable(
  "import_issues",
  {
    id: id(),
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

export const importMappings = pgTable(
  "import_mappings",
  {
    id: id(),
    orgId: integer("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: IMPORT_KINDS }).notNull(),
    headerSignature: text("header_signature").notNull(),
    mapping: jsonb("mapping").$type<(string | null)[]>().notNull(),
    updatedAt: ts("updated_at").notNull(),
  },
  (t) => [uniqueIndex("import_mappings_unique").on(t.orgId, t.kind, t.headerSignature)],
);

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

export const stagedSuppliers = pgTable(
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
    migrantShare: doublePrecision("migrant_share"),
    femaleShare: doublePrecision("female_share"),
    identifiers: text("identifiers"),
    indicators: text("indicators"),
  },
  (t) => [index("staged_suppliers_import_idx").on(t.importId, t.verdict)],
);

export const stagedRecruiters = pgTable(
  "staged_recruiters",
  {
    ...stagedCommon(),
    name: text("name").notNull(),
    licenceNumber: text("licence_number"),
    licenceStatus: text("licence_status"),
    country: text("country"),
    originCountries: text("origin_countries"),
    feesChargedToWorkers: integer("fees_charged_to_workers"),
    feeAmount: doublePrecision("fee_amount"),
    feeCurrency: text("fee_currency"),
    certification: text("certification"),
  },
  (t) => [index("staged_recruiters_import_idx").on(t.importId, t.verdict)],
);

export const stagedLinks = pgTable(
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

/* Risk scoring (issue 4). */

export const referenceSources = pgTable(
  "reference_sources",
  {
    id: id(),
    kind: text("kind", { enum: REFERENCE_KINDS }).notNull(),
    name: text("name").notNull(),
    edition: text("edition").notNull(),
    citation: text("citation").notNull(),
    fileName: text("file_name").notNull(),
    fileSha256: text("file_sha256").notNull(),
    status: text("status", { enum: REFERENCE_STATUSES }).notNull(),
    rowCount: integer("row_count").notNull(),
    loadedBy: integer("loaded_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    activatedAt: ts("activated_at"),
  },
  (t) => [
    index("reference_sources_kind_status_idx").on(t.kind, t.status),
    uniqueIndex("reference_sources_one_active").on(t.kind, t.name).where(sql`status = 'active'`),
  ],
);

export const referenceRows = pgTable(
  "reference_rows",
  {
    id: id(),
    sourceId: integer("source_id")
      .notNull()
      .references(() => referenceSources.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    data: jsonb("data").$type<Record<string, string>>().notNull(),
  },
  (t) => [uniqueIndex("reference_rows_source_key_unique").on(t.sourceId, t.key)],
);

export const watchlistMatches = pgTable(
  "watchlist_matches",
  {
    id: id(),
    orgId: integer("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    entityType: text("entity_type", { enum: ["supplier", "recruiter"] }).notNull(),
    entityId: integer("entity_id").notNull(),
    sourceId: integer("source_id")
      .notNull()
      .references(() => referenceSources.id, { onDelete: "cascade" }),
    entryKey: text("entry_key").notNull(),
    matchedName: text("matched_name").notNull(),
    entityName: text("entity_name").notNull(),
    similarity: doublePrecision("similarity").notNull(),
    status: text("status", { enum: WATCHLIST_MATCH_STATUSES }).notNull().default("candidate"),
    reason: text("reason"),
    decidedBy: integer("decided_by").references(() => users.id, { onDelete: "set null" }),
    decidedAt: ts("decided_at"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("watchlist_matches_unique").on(t.entityType, t.entityId, t.sourceId, t.entryKey),
    index("watchlist_matches_org_status_idx").on(t.orgId, t.status),
  ],
);

export const productSynonyms = pgTable(
  "product_synonyms",
  {
    id: id(),
    term: text("term").notNull(),
    good: text("good").notNull(),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("product_synonyms_term_good_unique").on(t.term, t.good)],
);

export const methodologies = pgTable(
  "methodologies",
  {
    id: id(),
    version: text("version").notNull(),
    name: text("name").notNull(),
    definition: jsonb("definition").$type<Record<string, unknown>>().notNull(),
    status: text("status", { enum: METHODOLOGY_STATUSES }).notNull(),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    activatedAt: ts("activated_at"),
  },
  (t) => [uniqueIndex("methodologies_version_unique").on(t.version), uniqueIndex("methodologies_one_active").on(t.status).where(sql`status = 'active'`)],
);

export const riskScores = pgTable(
  "risk_scores",
  {
    id: id(),
    orgId: integer("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    entityType: text("entity_type", { enum: SCORED_ENTITIES }).notNull(),
    entityId: integer("entity_id").notNull(),
    score: doublePrecision("score").notNull(),
    band: text("band").notNull(),
    confidence: doublePrecision("confidence").notNull(),
    scoreLow: doublePrecision("score_low"),
    scoreHigh: doublePrecision("score_high"),
    redFlags: jsonb("red_flags").$type<string[]>().notNull(),
    factors: jsonb("factors").$type<unknown[]>().notNull(),
    methodologyId: integer("methodology_id")
      .notNull()
      .references(() => methodologies.id),
    referenceVersions: jsonb("reference_versions").$type<number[]>().notNull(),
    inputs: jsonb("inputs").$type<Record<string, unknown>>().notNull(),
    inputsHash: text("inputs_hash").notNull(),
    cause: text("cause").notNull(),
    computedAt: ts("computed_at").notNull(),
  },
  (t) => [index("risk_scores_entity_idx").on(t.entityType, t.entityId, t.computedAt), index("risk_scores_org_idx").on(t.orgId, t.computedAt)],
);

export const scoringRuns = pgTable("scoring_runs", {
  id: id(),
  cause: text("cause").notNull(),
  status: text("status", { enum: ["running", "done", "failed"] }).notNull(),
  total: integer("total").notNull().default(0),
  done: integer("done").notNull().default(0),
  changed: integer("changed").notNull().default(0),
  failure: text("failure"),
  startedBy: integer("started_by").references(() => users.id, { onDelete: "set null" }),
  startedAt: ts("started_at").notNull(),
  finishedAt: ts("finished_at"),
});

export const shares = pgTable(
  "shares",
  {
    id: id(),
    fromOrgId: integer("from_org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    toOrgId: integer("to_org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    scope: jsonb("scope").$type<string[]>().notNull(),
    filter: jsonb("filter").$type<Record<string, unknown>>().notNull().default({}),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    revokedAt: ts("revoked_at"),
  },
  (t) => [index("shares_to_idx").on(t.toOrgId), index("shares_from_idx").on(t.fromOrgId)],
);

export const contests = pgTable(
  "contests",
  {
    id: id(),
    orgId: integer("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    supplierId: integer("supplier_id")
      .notNull()
      .references(() => suppliers.id, { onDelete: "cascade" }),
    companyOrgId: integer("company_org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    riskScoreId: integer("risk_score_id").references(() => riskScores.id),
    kind: text("kind", { enum: CONTEST_KINDS }).notNull().default("score"),
    factor: text("factor"),
    comment: text("comment").notNull(),
    evidenceName: text("evidence_name"),
    evidencePath: text("evidence_path"),
    evidenceSha256: text("evidence_sha256"),
    evidenceSize: integer("evidence_size"),
    status: text("status", { enum: CONTEST_STATUSES }).notNull().default("open"),
    response: text("response"),
    respondedBy: integer("responded_by").references(() => users.id, { onDelete: "set null" }),
    respondedAt: ts("responded_at"),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  // No CHECK on kind: adding one would make SQLite rebuild the table; the form schema bounds it.
  (t) => [index("contests_supplier_idx").on(t.supplierId), index("contests_company_idx").on(t.companyOrgId, t.status), index("contests_org_idx").on(t.orgId)],
);

/* Audits (issue 5). */

export const inspectorateSettings = pgTable("inspectorate_settings", {
  orgId: integer("org_id")
    .primaryKey()
    .references(() => organisations.id, { onDelete: "cascade" }),
  timeZone: text("time_zone").notNull().default("UTC"),
  maxAuditsPerInspectorPerDay: integer("max_audits_per_inspector_per_day").notNull().default(2),
  minDaysBetweenAudits: integer("min_days_between_audits").notNull().default(180),
  criticalDueDays: integer("critical_due_days").notNull().default(30),
  majorDueDays: integer("major_due_days").notNull().default(60),
  minorDueDays: integer("minor_due_days").notNull().default(90),
  updatedBy: integer("updated_by").references(() => users.id, { onDelete: "set null" }),
  updatedAt: ts("updated_at"),
});

export const audits = pgTable(
  "audits",
  {
    id: id(),
    orgId: integer("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    supplierId: integer("supplier_id")
      .notNull()
      .references(() => suppliers.id, { onDelete: "cascade" }),
    companyOrgId: integer("company_org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    type: text("type", { enum: AUDIT_TYPES }).notNull(),
    status: text("status", { enum: AUDIT_STATUSES }).notNull().default("planned"),
    startsAt: ts("starts_at").notNull(),
    endsAt: ts("ends_at").notNull(),
    leadInspectorId: integer("lead_inspector_id")
      .notNull()
      .references(() => users.id),
    followUpOf: integer("follow_up_of"),
    notes: text("notes"),
    workplaceName: text("workplace_name"),
    workplaceExternalId: text("workplace_external_id"),
    workplaceCountry: text("workplace_country"),
    workplaceSector: text("workplace_sector"),
    workplaceAddress: text("workplace_address"),
    workplaceCompany: text("workplace_company"),
    workplaceScore: doublePrecision("workplace_score"),
    workplaceBand: text("workplace_band"),
    workplaceSnapshotAt: ts("workplace_snapshot_at"),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: ts("updated_at"),
  },
  (t) => [
    index("audits_org_starts_idx").on(t.orgId, t.startsAt),
    index("audits_supplier_idx").on(t.supplierId, t.startsAt),
    index("audits_company_idx").on(t.companyOrgId, t.startsAt),
    check("audits_window_check", sql`${t.endsAt} > ${t.startsAt}`),
  ],
);

export const auditTeam = pgTable(
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

export const auditEvents = pgTable(
  "audit_events",
  {
    id: id(),
    auditId: integer("audit_id")
      .notNull()
      .references(() => audits.id, { onDelete: "cascade" }),
    at: ts("at").notNull(),
    byUserId: integer("by_user_id").references(() => users.id, { onDelete: "set null" }),
    kind: text("kind", { enum: ["created", "status", "rescheduled", "team"] }).notNull(),
    fromStatus: text("from_status"),
    toStatus: text("to_status"),
    reason: text("reason"),
    details: jsonb("details").$type<Record<string, unknown>>(),
  },
  (t) => [index("audit_events_audit_idx").on(t.auditId, t.at)],
);

export const inspectorAvailability = pgTable(
  "inspector_availability",
  {
    id: id(),
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

export const findings = pgTable(
  "findings",
  {
    id: id(),
    auditId: integer("audit_id")
      .notNull()
      .references(() => audits.id, { onDelete: "cascade" }),
    indicator: text("indicator").notNull(),
    result: text("result", { enum: FINDING_RESULTS }).notNull(),
    description: text("description").notNull().default(""),
    workersInterviewed: integer("workers_interviewed"),
    recordedBy: integer("recorded_by").references(() => users.id, { onDelete: "set null" }),
    recordedAt: ts("recorded_at").notNull(),
  },
  (t) => [uniqueIndex("findings_audit_indicator_unique").on(t.auditId, t.indicator)],
);

export const auditInterviews = pgTable(
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

export const correctiveActions = pgTable(
  "corrective_actions",
  {
    id: id(),
    findingId: integer("finding_id")
      .notNull()
      .references(() => findings.id, { onDelete: "cascade" }),
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
    dueOn: text("due_on").notNull(),
    status: text("status", { enum: CORRECTIVE_ACTION_STATUSES }).notNull().default("open"),
    response: text("response"),
    respondedBy: integer("responded_by").references(() => users.id, { onDelete: "set null" }),
    respondedAt: ts("responded_at"),
    verificationNote: text("verification_note"),
    verifiedBy: integer("verified_by").references(() => users.id, { onDelete: "set null" }),
    verifiedAt: ts("verified_at"),
    overdueNotifiedAt: ts("overdue_notified_at"),
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

export const evidence = pgTable(
  "evidence",
  {
    id: id(),
    findingId: integer("finding_id").references(() => findings.id, { onDelete: "cascade" }),
    correctiveActionId: integer("corrective_action_id").references(() => correctiveActions.id, { onDelete: "cascade" }),
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

export const auditPlans = pgTable("audit_plans", {
  id: id(),
  orgId: integer("org_id")
    .notNull()
    .references(() => organisations.id, { onDelete: "cascade" }),
  params: jsonb("params").$type<Record<string, unknown>>().notNull(),
  proposed: integer("proposed").notNull(),
  unplaced: jsonb("unplaced").$type<{ supplierId: number; name: string; reason: string }[]>().notNull(),
  nothingFits: text("nothing_fits"),
  createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
  createdAt: createdAt(),
});

export const auditProposals = pgTable(
  "audit_proposals",
  {
    id: id(),
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
    startsAt: ts("starts_at").notNull(),
    endsAt: ts("ends_at").notNull(),
    priority: doublePrecision("priority"),
    reason: text("reason").notNull(),
    followUpOf: integer("follow_up_of"),
    planId: integer("plan_id").references(() => auditPlans.id, { onDelete: "cascade" }),
    status: text("status", { enum: ["pending", "accepted", "rejected", "superseded"] }).notNull().default("pending"),
    auditId: integer("audit_id").references(() => audits.id, { onDelete: "set null" }),
    decidedBy: integer("decided_by").references(() => users.id, { onDelete: "set null" }),
    decidedAt: ts("decided_at"),
    decisionReason: text("decision_reason"),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [index("audit_proposals_org_status_idx").on(t.orgId, t.status, t.startsAt)],
);

export const calendarFeeds = pgTable(
  "calendar_feeds",
  {
    id: id(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    orgId: integer("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull(),
    createdAt: createdAt(),
    revokedAt: ts("revoked_at"),
    lastUsedAt: ts("last_used_at"),
  },
  (t) => [uniqueIndex("calendar_feeds_token_unique").on(t.tokenHash), index("calendar_feeds_user_idx").on(t.userId, t.orgId)],
);

/* Reports (issue 6). A submitted report is immutable: triggers in db/migrations-pg/0001. */

/** An organisation's report-signing certificate (decision 034): see db/schema.sqlite.ts. */
export const signingCertificates = pgTable(
  "signing_certificates",
  {
    id: id(),
    orgId: integer("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    certificatePem: text("certificate_pem").notNull(),
    sealedPrivateKey: text("sealed_private_key").notNull(),
    fingerprint: text("fingerprint").notNull(),
    notBefore: ts("not_before").notNull(),
    notAfter: ts("not_after").notNull(),
    createdAt: createdAt(),
    retiredAt: ts("retired_at"),
  },
  (t) => [
    uniqueIndex("signing_certificates_active_unique").on(t.orgId).where(sql`retired_at is null`),
    uniqueIndex("signing_certificates_fingerprint_unique").on(t.fingerprint),
  ],
);

export const reports = pgTable(
  "reports",
  {
    id: text("id").primaryKey(),
    orgId: integer("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    type: text("type", { enum: REPORT_TYPES }).notNull(),
    title: text("title").notNull(),
    params: jsonb("params").$type<Record<string, unknown>>().notNull(),
    periodStart: text("period_start"),
    periodEnd: text("period_end"),
    subjectId: integer("subject_id"),
    dataAsOf: ts("data_as_of").notNull(),
    methodologyVersion: text("methodology_version"),
    referenceVersions: jsonb("reference_versions").$type<number[]>().notNull(),
    dataHash: text("data_hash").notNull(),
    filePath: text("file_path").notNull(),
    sha256: text("sha256").notNull(),
    size: integer("size").notNull(),
    pages: integer("pages").notNull(),
    supersedes: text("supersedes"),
    submittedTo: integer("submitted_to").references(() => organisations.id),
    submittedBy: integer("submitted_by").references(() => users.id, { onDelete: "set null" }),
    submittedAt: ts("submitted_at"),
    issuedBy: integer("issued_by").references(() => users.id, { onDelete: "set null" }),
    issuedAt: ts("issued_at").notNull(),
    contentSha256: text("content_sha256"),
    contentSize: integer("content_size"),
    signedAt: ts("signed_at"),
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

export const reportReviews = pgTable(
  "report_reviews",
  {
    id: id(),
    reportId: text("report_id")
      .notNull()
      .references(() => reports.id, { onDelete: "cascade" }),
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

export const reportDownloads = pgTable(
  "report_downloads",
  {
    id: id(),
    reportId: text("report_id")
      .notNull()
      .references(() => reports.id, { onDelete: "cascade" }),
    userId: integer("user_id").references(() => users.id, { onDelete: "set null" }),
    orgId: integer("org_id").references(() => organisations.id, { onDelete: "set null" }),
    at: ts("at").notNull(),
  },
  (t) => [index("report_downloads_report_idx").on(t.reportId, t.at)],
);

/* Jobs and rate limits (ADR 020). */

export const jobs = pgTable(
  "jobs",
  {
    id: id(),
    kind: text("kind", { enum: JOB_KINDS }).notNull(),
    subject: text("subject").notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    status: text("status", { enum: JOB_STATUSES }).notNull().default("queued"),
    attempts: integer("attempts").notNull().default(0),
    runner: text("runner"),
    leaseUntil: ts("lease_until"),
    result: jsonb("result").$type<Record<string, unknown>>(),
    /** A running job's progress (app/domain/jobs/progress.server.ts): every node reads it here. */
    progress: jsonb("progress").$type<JobProgress>(),
    failure: text("failure"),
    requestedBy: integer("requested_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    startedAt: ts("started_at"),
    finishedAt: ts("finished_at"),
  },
  (t) => [
    index("jobs_claim_idx").on(t.status, t.id),
    index("jobs_subject_idx").on(t.subject, t.id),
    uniqueIndex("jobs_one_queued_idx").on(t.subject).where(sql`status = 'queued'`),
    check("jobs_status_check", sql`${t.status} in ('queued', 'running', 'done', 'failed')`),
  ],
);

export const rateLimitEvents = pgTable(
  "rate_limit_events",
  {
    id: id(),
    key: text("key").notNull(),
    at: ts("at").notNull(),
  },
  (t) => [index("rate_limit_events_key_idx").on(t.key, t.at)],
);

export const dashboardSnapshots = pgTable("dashboard_snapshots", {
  orgId: integer("org_id")
    .primaryKey()
    .references(() => organisations.id, { onDelete: "cascade" }),
  version: text("version").notNull(),
  data: jsonb("data").$type<Record<string, unknown>>().notNull(),
  computedAt: ts("computed_at").notNull(),
});

/* ------------------------------------------------------------------------------------------ *
 * Worker voice (issue 19, decision 028): grievance channels, cases, their timeline, files, who
 * read them, and the support services directory.
 * ------------------------------------------------------------------------------------------ */


/**
 * A place a worker can report from: one workplace (a supplier record) or, without one, a general
 * channel for a country. Posted by a company or a union as a short link /g/<token> and a QR code.
 */
export const grievanceChannels = pgTable(
  "grievance_channels",
  {
    id: id(),
    /** The short link's token (Crockford base32, unguessable: a channel's existence is not public). */
    token: text("token").notNull(),
    /** The organisation that posted it. */
    orgId: integer("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    supplierId: integer("supplier_id").references(() => suppliers.id, { onDelete: "cascade" }),
    /** ISO 3166-1 alpha-2: the workplace's country, or the general channel's. */
    country: text("country"),
    closedAt: ts("closed_at"),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("grievance_channels_token_unique").on(t.token), index("grievance_channels_supplier_idx").on(t.supplierId), index("grievance_channels_org_idx").on(t.orgId)],
);

export const grievances = pgTable(
  "grievances",
  {
    id: id(),
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
    categories: jsonb("categories").$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    /** Since when, as the worker said it: a month "2026-09" or a day. */
    since: text("since"),
    peopleCount: integer("people_count"),
    description: text("description"),
    /** Whether the company may read the worker's own words (never their identity). */
    textToCompany: boolean("text_to_company").notNull().default(false),
    /** Who the worker lets receive the case (GRIEVANCE_PARTIES). */
    consent: jsonb("consent").$type<GrievanceParty[]>().notNull().default(sql`'[]'::jsonb`),
    /** The worker's contact, AES-256-GCM with a key kept outside the database (null: anonymous). */
    contactSealed: text("contact_sealed"),
    /** The worker's language: answers are written for it, the case page opens in it. */
    language: text("language").notNull().default("en"),
    /** "online" (the worker) or "assisted" (recorded by an organiser, hotline or inspector). */
    intake: text("intake").notNull().default("online"),
    recordedBy: integer("recorded_by").references(() => users.id, { onDelete: "set null" }),
    recordedByOrgId: integer("recorded_by_org_id").references(() => organisations.id, { onDelete: "set null" }),
    status: text("status", { enum: GRIEVANCE_STATUSES }).notNull().default("new"),
    urgent: boolean("urgent").notNull().default(false),
    severity: text("severity", { enum: GRIEVANCE_SEVERITIES }),
    /** ILO indicator codes the case is tagged with (from the categories, refined at triage). */
    indicators: jsonb("indicators").$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    /** The organisation that leads the case (first to receive it) and the person it is assigned to. */
    leadOrgId: integer("lead_org_id").references(() => organisations.id, { onDelete: "set null" }),
    assigneeId: integer("assignee_id").references(() => users.id, { onDelete: "set null" }),
    /** When the worker must have an answer by; past it the case escalates (job). */
    dueAt: ts("due_at"),
    escalatedAt: ts("escalated_at"),
    finding: text("finding", { enum: GRIEVANCE_FINDINGS }).notNull().default("unknown"),
    findingAt: ts("finding_at"),
    /**
     * When a substantiated finding was written into the workplace's observed indicators (null: not
     * yet; a small workplace's waits for the end of its quarter, decision 028).
     */
    indicatorsAppliedAt: ts("indicators_applied_at"),
    /** The recruitment-fee case this worker's case confirms repayments of (fee ledger). */
    feeCaseId: integer("fee_case_id"),
    remedy: text("remedy"),
    /** The worker's own rating of the remedy: 1 not remedied … 3 remedied. */
    workerRating: integer("worker_rating"),
    closedAt: ts("closed_at"),
    createdAt: createdAt(),
    updatedAt: ts("updated_at"),
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
export const grievanceRecipients = pgTable(
  "grievance_recipients",
  {
    id: id(),
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
export const grievanceEvents = pgTable(
  "grievance_events",
  {
    id: id(),
    grievanceId: integer("grievance_id")
      .notNull()
      .references(() => grievances.id, { onDelete: "cascade" }),
    type: text("type").notNull(),
    audience: text("audience").notNull(),
    /** Null when the worker wrote it. */
    orgId: integer("org_id").references(() => organisations.id, { onDelete: "set null" }),
    userId: integer("user_id").references(() => users.id, { onDelete: "set null" }),
    body: text("body"),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    createdAt: createdAt(),
  },
  (t) => [index("grievance_events_case_idx").on(t.grievanceId, t.id)],
);

/** Files a worker (or the person recording for them) attached; stored and served like evidence. */
export const grievanceFiles = pgTable(
  "grievance_files",
  {
    id: id(),
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
export const grievanceAccess = pgTable(
  "grievance_access",
  {
    id: id(),
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
export const supportServices = pgTable(
  "support_services",
  {
    id: id(),
    country: text("country").notNull(),
    kind: text("kind").notNull(),
    name: text("name").notNull(),
    phone: text("phone"),
    url: text("url"),
    languages: jsonb("languages").$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    source: text("source").notNull(),
    verifiedBy: integer("verified_by").references(() => users.id, { onDelete: "set null" }),
    verifiedAt: ts("verified_at").notNull(),
    retiredAt: ts("retired_at"),
    createdAt: createdAt(),
  },
  (t) => [index("support_services_country_idx").on(t.country, t.kind)],
);

/* ------------------------------------------------------------------------------------------ *
 * Recruitment-fee repayment ledger (issue 19, Employer Pays Principle; decision 028).
 * Amounts in minor units of their ISO 4217 currency (integers: no rounding in sums).
 * ------------------------------------------------------------------------------------------ */

/** Fees workers paid to be recruited for a workplace, as identified (audit, grievance, supplier, other). */
export const feeCases = pgTable(
  "fee_cases",
  {
    id: id(),
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
export const feeInstalments = pgTable(
  "fee_instalments",
  {
    id: id(),
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
export const feeConfirmations = pgTable(
  "fee_confirmations",
  {
    id: id(),
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

/** As in db/schema.sqlite.ts: a sealed check value per sealing key. */
export const sealingKeys = pgTable("sealing_keys", {
  name: text("name").primaryKey(),
  checkValue: text("check_value").notNull(),
  createdAt: createdAt(),
});

/* The supplier side (issue 20, decision 030): see db/schema.sqlite.ts. */
export const supplierSites = pgTable(
  "supplier_sites",
  {
    id: id(),
    orgId: integer("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    country: text("country"),
    address: text("address"),
    identifiers: jsonb("identifiers").$type<Record<string, string>>().notNull().default({}),
    createdAt: createdAt(),
    updatedAt: ts("updated_at"),
  },
  (t) => [index("supplier_sites_org_idx").on(t.orgId)],
);

export const supplierSiteLinks = pgTable(
  "supplier_site_links",
  {
    id: id(),
    siteId: integer("site_id")
      .notNull()
      .references(() => supplierSites.id, { onDelete: "cascade" }),
    supplierId: integer("supplier_id")
      .notNull()
      .references(() => suppliers.id, { onDelete: "cascade" }),
    buyerOrgId: integer("buyer_org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    claimedBy: integer("claimed_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("supplier_site_links_supplier_unique").on(t.supplierId), index("supplier_site_links_site_idx").on(t.siteId)],
);

export const supplierInvitations = pgTable(
  "supplier_invitations",
  {
    id: id(),
    orgId: integer("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    supplierId: integer("supplier_id")
      .notNull()
      .references(() => suppliers.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    tokenHash: text("token_hash").notNull(),
    invitedBy: integer("invited_by").references(() => users.id, { onDelete: "set null" }),
    expiresAt: ts("expires_at").notNull(),
    acceptedAt: ts("accepted_at"),
    revokedAt: ts("revoked_at"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("supplier_invitations_token_unique").on(t.tokenHash), index("supplier_invitations_supplier_idx").on(t.supplierId)],
);

export const siteIdentityChanges = pgTable(
  "site_identity_changes",
  {
    id: id(),
    siteId: integer("site_id")
      .notNull()
      .references(() => supplierSites.id, { onDelete: "cascade" }),
    field: text("field").notNull(),
    before: text("before"),
    after: text("after"),
    changedBy: integer("changed_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [index("site_identity_changes_site_idx").on(t.siteId, t.createdAt)],
);

export const questionnaireResponses = pgTable(
  "questionnaire_responses",
  {
    id: id(),
    siteId: integer("site_id")
      .notNull()
      .references(() => supplierSites.id, { onDelete: "cascade" }),
    questionnaire: text("questionnaire").notNull(),
    version: text("version").notNull(),
    answers: jsonb("answers").$type<Record<string, unknown>>().notNull().default({}),
    status: text("status", { enum: QUESTIONNAIRE_STATUSES }).notNull().default("draft"),
    submittedAt: ts("submitted_at"),
    submittedBy: integer("submitted_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: ts("updated_at"),
  },
  (t) => [index("questionnaire_responses_site_idx").on(t.siteId, t.questionnaire, t.status)],
);

export const questionnaireShares = pgTable(
  "questionnaire_shares",
  {
    id: id(),
    siteId: integer("site_id")
      .notNull()
      .references(() => supplierSites.id, { onDelete: "cascade" }),
    buyerOrgId: integer("buyer_org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    revokedAt: ts("revoked_at"),
  },
  (t) => [index("questionnaire_shares_site_idx").on(t.siteId), index("questionnaire_shares_buyer_idx").on(t.buyerOrgId)],
);

export const questionnaireRequests = pgTable(
  "questionnaire_requests",
  {
    id: id(),
    buyerOrgId: integer("buyer_org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    supplierId: integer("supplier_id")
      .notNull()
      .references(() => suppliers.id, { onDelete: "cascade" }),
    questionnaire: text("questionnaire").notNull(),
    dueOn: text("due_on").notNull(),
    responseId: integer("response_id").references(() => questionnaireResponses.id, { onDelete: "set null" }),
    answeredAt: ts("answered_at"),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [index("questionnaire_requests_supplier_idx").on(t.supplierId), index("questionnaire_requests_buyer_idx").on(t.buyerOrgId)],
);

export const questionnaireFiles = pgTable(
  "questionnaire_files",
  {
    id: id(),
    siteId: integer("site_id")
      .notNull()
      .references(() => supplierSites.id, { onDelete: "cascade" }),
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

export const questionnaireReviews = pgTable(
  "questionnaire_reviews",
  {
    id: id(),
    responseId: integer("response_id")
      .notNull()
      .references(() => questionnaireResponses.id, { onDelete: "cascade" }),
    buyerOrgId: integer("buyer_org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    outcome: text("outcome", { enum: QUESTIONNAIRE_REVIEW_OUTCOMES }).notNull(),
    questionId: text("question_id"),
    message: text("message"),
    reply: text("reply"),
    repliedBy: integer("replied_by").references(() => users.id, { onDelete: "set null" }),
    repliedAt: ts("replied_at"),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [index("questionnaire_reviews_response_idx").on(t.responseId), index("questionnaire_reviews_buyer_idx").on(t.buyerOrgId)],
);

export const supplierDuplicateDecisions = pgTable(
  "supplier_duplicate_decisions",
  {
    id: id(),
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
    evidence: jsonb("evidence").$type<{ kind: string; scheme?: string; value?: string }[]>().notNull().default(sql`'[]'::jsonb`),
    note: text("note"),
    decidedBy: integer("decided_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    undoneAt: ts("undone_at"),
    undoneBy: integer("undone_by").references(() => users.id, { onDelete: "set null" }),
    undoReason: text("undo_reason"),
  },
  (t) => [index("supplier_duplicate_decisions_org_idx").on(t.orgId, t.createdAt), index("supplier_duplicate_decisions_kept_idx").on(t.keptId), index("supplier_duplicate_decisions_other_idx").on(t.otherId)],
);

export const thirdPartyAudits = pgTable(
  "third_party_audits",
  {
    id: id(),
    orgId: integer("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    siteId: integer("site_id").references(() => supplierSites.id, { onDelete: "cascade" }),
    supplierId: integer("supplier_id").references(() => suppliers.id, { onDelete: "cascade" }),
    scheme: text("scheme", { enum: THIRD_PARTY_SCHEMES }).notNull(),
    body: text("body").notNull(),
    auditedOn: text("audited_on").notNull(),
    validUntil: text("valid_until").notNull(),
    rating: text("rating"),
    findings: jsonb("findings").$type<Record<string, string>>().notNull().default({}),
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

export const filingProfiles = pgTable("filing_profiles", {
  orgId: integer("org_id")
    .primaryKey()
    .references(() => organisations.id, { onDelete: "cascade" }),
  financialYearEnd: text("financial_year_end").notNull(),
  turnoverBand: text("turnover_band"),
  sectors: jsonb("sectors").$type<string[]>().notNull().default([]),
  regimes: jsonb("regimes").$type<string[]>().notNull().default([]),
  groupStatement: boolean("group_statement").notNull().default(false),
  updatedBy: integer("updated_by").references(() => users.id, { onDelete: "set null" }),
  updatedAt: ts("updated_at").notNull(),
});

export const statements = pgTable(
  "statements",
  {
    id: id(),
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

export const statementSections = pgTable(
  "statement_sections",
  {
    id: id(),
    statementId: integer("statement_id")
      .notNull()
      .references(() => statements.id, { onDelete: "cascade" }),
    section: text("section").notNull(),
    version: integer("version").notNull(),
    body: text("body").notNull(),
    writtenBy: integer("written_by").references(() => users.id, { onDelete: "set null" }),
    writtenAt: ts("written_at").notNull(),
  },
  (t) => [uniqueIndex("statement_sections_version_unique").on(t.statementId, t.section, t.version)],
);

export const statementApprovals = pgTable(
  "statement_approvals",
  {
    id: id(),
    statementId: integer("statement_id")
      .notNull()
      .references(() => statements.id, { onDelete: "cascade" }),
    approverName: text("approver_name").notNull(),
    approverRole: text("approver_role").notNull(),
    approvedOn: text("approved_on").notNull(),
    sectionVersions: jsonb("section_versions").$type<Record<string, number>>().notNull(),
    recordedBy: integer("recorded_by").references(() => users.id, { onDelete: "set null" }),
    recordedAt: ts("recorded_at").notNull(),
  },
  (t) => [index("statement_approvals_statement_idx").on(t.statementId)],
);

export const filings = pgTable(
  "filings",
  {
    id: id(),
    orgId: integer("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    regime: text("regime").notNull(),
    statementId: integer("statement_id")
      .notNull()
      .references(() => statements.id, { onDelete: "cascade" }),
    authority: text("authority"),
    reference: text("reference"),
    receivedOn: text("received_on"),
    dueOn: text("due_on"),
    product: text("product"),
    rawMaterial: text("raw_material"),
    reportId: text("report_id").references(() => reports.id),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [index("filings_org_idx").on(t.orgId, t.regime), index("filings_statement_idx").on(t.statementId)],
);

export const apiTokens = pgTable(
  "api_tokens",
  {
    id: id(),
    orgId: integer("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    secretHash: text("secret_hash").notNull(),
    scopes: jsonb("scopes").$type<Record<string, "read" | "write">>().notNull(),
    createdBy: integer("created_by")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    expiresAt: ts("expires_at").notNull(),
    lastUsedAt: ts("last_used_at"),
    revokedAt: ts("revoked_at"),
    revokedBy: integer("revoked_by").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [index("api_tokens_org_idx").on(t.orgId)],
);

export const apiRateWindows = pgTable(
  "api_rate_windows",
  {
    tokenId: integer("token_id")
      .notNull()
      .references(() => apiTokens.id, { onDelete: "cascade" }),
    windowStart: bigint("window_start", { mode: "number" }).notNull(),
    calls: integer("calls").notNull(),
  },
  (t) => [primaryKey({ columns: [t.tokenId, t.windowStart] })],
);

export const webhookSubscriptions = pgTable(
  "webhook_subscriptions",
  {
    id: id(),
    orgId: integer("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    url: text("url").notNull(),
    events: jsonb("events").$type<string[]>().notNull(),
    sealedSecret: text("sealed_secret").notNull(),
    allowPrivate: boolean("allow_private").notNull().default(false),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    disabledAt: ts("disabled_at"),
  },
  (t) => [index("webhook_subscriptions_org_idx").on(t.orgId)],
);

export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: id(),
    subscriptionId: integer("subscription_id")
      .notNull()
      .references(() => webhookSubscriptions.id, { onDelete: "cascade" }),
    orgId: integer("org_id").notNull(),
    eventId: text("event_id").notNull(),
    eventType: text("event_type").notNull(),
    payload: text("payload").notNull(),
    status: text("status", { enum: ["pending", "sending", "delivered", "failed"] }).notNull(),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: ts("next_attempt_at").notNull(),
    leaseUntil: ts("lease_until"),
    lastStatusCode: integer("last_status_code"),
    lastError: text("last_error"),
    deliveredAt: ts("delivered_at"),
    createdAt: createdAt(),
  },
  (t) => [index("webhook_deliveries_due_idx").on(t.status, t.nextAttemptAt), index("webhook_deliveries_subscription_idx").on(t.subscriptionId, t.id)],
);
