import { availableParallelism } from "node:os";
import path from "node:path";
import { defineConfig } from "vitest/config";

const root = path.dirname(new URL(import.meta.url).pathname);

/**
 * The integration tests that also run on PostgreSQL (ADR 022): the same test files against a real
 * server started by the harness. Files join this list as the code they cover runs on both engines.
 */
const POSTGRES_TESTS = [
  "tests/integration/report-signing.test.ts",
  "tests/integration/filings.test.ts",
  "tests/integration/api.test.ts",
  "tests/integration/api-audits.test.ts",
  "tests/integration/api-records.test.ts",
  "tests/integration/api-record-writes.test.ts",
  "tests/integration/api-reports.test.ts",
  "tests/integration/api-partners.test.ts",
  "tests/integration/api-tokens-page.test.ts",
  "tests/integration/webhooks.test.ts",
  "tests/integration/webhooks-page.test.ts",
  "tests/integration/questionnaire-answering.test.ts",
  "tests/integration/questionnaire-reviews.test.ts",
  "tests/integration/supplier-duplicates.test.ts",
  "tests/integration/supplier-evidence-scoring.test.ts",
  "tests/integration/third-party-audits.test.ts",
  "tests/integration/third-party-audit-pages.test.ts",
  "tests/integration/grievance-consent.test.ts",
  "tests/integration/grievance-channels.test.ts",
  "tests/integration/grievance-evidence.test.ts",
  "tests/integration/grievance-cases.test.ts",
  "tests/integration/fee-ledger.test.ts",
  "tests/integration/supplier-portal.test.ts",
  "tests/integration/grievance-intake.test.ts",
  "tests/integration/languages.test.ts",
  "tests/integration/supplier-pages-languages.test.ts",
  "tests/integration/data-layer.test.ts",
  "tests/integration/account-security.test.ts",
  "tests/integration/action-contract.test.ts",
  "tests/integration/members.test.ts",
  "tests/integration/sessions.test.ts",
  "tests/integration/job-queue.test.ts",
  // Two job-running processes on one database; the one committing an import is killed mid-way.
  "tests/integration/job-nodes.test.ts",
  "tests/integration/audits.test.ts",
  "tests/integration/share-scope.test.ts",
  "tests/integration/sharing-and-log.test.ts",
  "tests/integration/sharing.test.ts",
  "tests/integration/queue-range.test.ts",
  "tests/integration/supplier-pages.test.ts",
  "tests/integration/dashboard.test.ts",
  "tests/integration/world-map.test.ts",
  "tests/integration/homes.test.ts",
  "tests/integration/name-search.test.ts",
  "tests/integration/collation.test.ts",
  "tests/integration/risk-method-v2.test.ts",
  "tests/integration/routes.test.ts",
  // The import's analysis and commit (the engine's bulk paths; import-corpus and import-streams,
  // about decoding files, pass there too but prove nothing more: TEST_ALL_ON_POSTGRES runs them).
  "tests/integration/import.test.ts",
  "tests/integration/import-near-duplicates.test.ts",
  "tests/integration/import-recheck.test.ts",
  "tests/integration/reports.test.ts",
  "tests/integration/watchlists.test.ts",
  "tests/integration/reference.test.ts",
  "tests/integration/seed.test.ts",
  "tests/integration/upload-and-log-security.test.ts",
  "tests/integration/contests.test.ts",
  // Issue 17's review, sharing, organisation, methodology and audit work (append-only triggers, raw
  // pooling SQL, instants in timestamptz, rescoring by job).
  "tests/integration/report-reviews.test.ts",
  "tests/integration/regulator-companies.test.ts",
  "tests/integration/regulator-patterns.test.ts",
  "tests/integration/sharing-edit.test.ts",
  "tests/integration/organisation-admin.test.ts",
  "tests/integration/methodology-draft.test.ts",
  "tests/integration/audit-planner.test.ts",
  "tests/integration/audit-interviews.test.ts",
  "tests/integration/rescore-failure.test.ts",
  "tests/integration/audit-time-zones.test.ts",
  // Issue 20: questionnaire shares and requests (answer once, share with many).
  "tests/integration/questionnaire-sharing.test.ts",
  // Every route × role × own/foreign/missing id, over the real loaders and actions.
  "tests/integration/permission-matrix.test.ts",
];
/** `TEST_ALL_ON_POSTGRES=1 npx vitest run --project postgres` tries every integration test there (the work list). */
const POSTGRES_INCLUDE = process.env.TEST_ALL_ON_POSTGRES ? ["tests/integration/**/*.test.ts"] : POSTGRES_TESTS;
/** Tests of one engine's own files or of the two schemas side by side (it starts its own PostgreSQL): never in the postgres project. */
const SQLITE_PROJECT_ONLY = ["tests/integration/postgres-schema.test.ts", "tests/integration/kill.test.ts", "tests/integration/migration-upgrade.test.ts"];

export default defineConfig({
  resolve: {
    alias: {
      "~": path.join(root, "app"),
      "#db": path.join(root, "db"),
      "#reports": path.join(root, "reports"),
    },
  },
  test: {
    environment: "node",
    pool: "forks",
    // Vitest's default is one worker fewer than the cores: one on a 2-core CI machine, where the
    // tests spend much of their time waiting on PostgreSQL, child processes and timers, leaving a
    // core idle. Two files at a time on 2 cores passed the whole suite with the machine's load at 8.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    testTimeout: 20_000,
    projects: [
      {
        extends: true,
        test: {
          name: "sqlite",
          include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts"],
          globalSetup: ["tests/support/global-setup.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "postgres",
          include: POSTGRES_INCLUDE,
          exclude: SQLITE_PROJECT_ONLY,
          globalSetup: ["tests/support/postgres-setup.ts"],
          setupFiles: ["tests/support/postgres-env.ts"],
        },
      },
    ],
  },
});
