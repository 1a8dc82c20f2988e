/**
 * The tables the domain queries, for the engine this process runs on (ADR 022): the SQLite schema
 * (db/schema.sqlite.ts) by default, the PostgreSQL one (db/schema.pg.ts) when DATABASE_URL names a
 * PostgreSQL database. Both have the same tables, columns and JavaScript value types, kept in step
 * by tests/integration/postgres-schema.test.ts, so the domain is typed against the SQLite schema
 * and this is the one place where the engine's tables are handed over instead.
 *
 * The choice is made once, when this module is first evaluated, so that module-level references to
 * columns (sort maps, column lists) hold the right engine's. One process talks to one engine.
 * Constants and types (enum lists, row types) come from the SQLite schema: the same on both.
 */
import * as postgres from "./schema.pg";
import * as sqlite from "./schema.sqlite";

export * from "./schema.sqlite";

/** Whether this process runs on PostgreSQL (false in the browser, which only reads constants). */
export const ON_POSTGRES = typeof process !== "undefined" && /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? "");

const tables = (ON_POSTGRES ? postgres : sqlite) as unknown as typeof sqlite;

export const { organisations, users, memberships, sessions, invitations, passwordResets, signInThrottle, auditLog, suppliers, recruiters, supplierRecruiters, imports, importIssues, importMappings, stagedSuppliers, stagedRecruiters, stagedLinks, referenceSources, referenceRows, watchlistMatches, productSynonyms, methodologies, riskScores, scoringRuns, shares, contests, inspectorateSettings, audits, auditTeam, auditEvents, inspectorAvailability, findings, auditInterviews, correctiveActions, evidence, auditPlans, auditProposals, calendarFeeds, signingCertificates, reports, reportReviews, reportDownloads, jobs, rateLimitEvents, dashboardSnapshots, grievanceChannels, grievances, grievanceRecipients, grievanceEvents, grievanceFiles, grievanceAccess, supportServices, feeCases, feeInstalments, feeConfirmations, sealingKeys, supplierSites, supplierSiteLinks, supplierInvitations, siteIdentityChanges, questionnaireResponses, questionnaireShares, questionnaireRequests, questionnaireFiles, questionnaireReviews, supplierDuplicateDecisions, thirdPartyAudits, filingProfiles, statements, statementSections, statementApprovals, filings, apiTokens, apiRateWindows, webhookSubscriptions, webhookDeliveries } = tables;
