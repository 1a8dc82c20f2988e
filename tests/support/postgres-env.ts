/**
 * Setup file of the "postgres" vitest project: runs in each test process before the test file
 * loads anything, so that db/schema.ts chooses PostgreSQL's tables and tests/support/db.ts creates
 * PostgreSQL databases.
 */
import { inject } from "vitest";

process.env.DATABASE_URL = inject("postgresTemplateUrl");
process.env.TEST_POSTGRES_ADMIN_URL = inject("postgresAdminUrl");
