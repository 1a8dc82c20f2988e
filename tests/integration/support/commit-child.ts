/**
 * Child process for the kill test: commits an analysed import and says when the commit starts,
 * so that the parent can kill it in the middle.
 */
import { closeDatabase, openDatabase } from "../../../db/client";
import { runImportPhase } from "../../../app/domain/import/run.server";

const [databasePath, importId] = process.argv.slice(2);
const db = openDatabase(databasePath!);
process.stdout.write("committing\n");
await runImportPhase(db, Number(importId), "commit");
process.stdout.write("committed\n");
await closeDatabase(db);
