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
    workersTotal: integer("workers_total"),
    /** Shares are stored as fractions 0..1. */
    migrantShare: real("migrant_share"),
    femaleShare: real("female_share"),
    /** Observed indicators that came with the list: indicator code -> true/false (absent = unknown). */
    indicators: text("indicators", { mode: "json" }).$type<Record<string, boolean>>().notNull().default(sql`'{}'`),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    uniqueIndex("suppliers_org_external_unique").on(t.orgId, t.externalId),
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
    feeAmountUsd: real("fee_amount_usd"),
    certification: text("certification"),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }),
  },
  (t) => [uniqueIndex("recruiters_org_external_unique").on(t.orgId, t.externalId)],
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
