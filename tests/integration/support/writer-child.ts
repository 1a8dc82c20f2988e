/**
 * Child process for the backup test: writes to the database continuously (audit-log entries, in
 * small transactions, as a busy platform would) until killed, saying "writing" once it started.
 */
import { openDatabase } from "../../../db/client";

const [databasePath] = process.argv.slice(2);
const db = openDatabase(databasePath!);
const insert = db.$client.prepare(`insert into audit_log (at, action, details) values (?, 'load.write', ?)`);
let n = 0;
process.stdout.write("writing\n");
for (;;) {
  db.$client.transaction(() => {
    for (let i = 0; i < 50; i++) insert.run(Date.now(), JSON.stringify({ n: n++ }));
  })();
  await new Promise((resolve) => setImmediate(resolve));
}
