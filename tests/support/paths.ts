import path from "node:path";

export const TMP_DIR = path.resolve("tests/.tmp");
/** A database with every migration applied, copied for each integration test (faster than migrating each time). */
export const TEMPLATE_DB = path.join(TMP_DIR, "template.db");
/**
 * The database the end-to-end server runs on (recreated at each run). E2E_DATABASE (with E2E_PORT)
 * lets two Playwright runs of one checkout go on side by side.
 */
export const E2E_DATABASE = process.env.E2E_DATABASE ?? "tests/.tmp/e2e.db";
