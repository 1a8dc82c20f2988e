/**
 * Child process for the transaction test: N read-modify-write transactions through the app's one
 * transaction helper, each reading a counter, pausing (so the other writer's commits fall inside
 * it), and writing the counter back plus one. Prints how many failed and with which error codes.
 */
import { inTransaction, openDatabase } from "../../../db/client";

const [databasePath, count] = process.argv.slice(2);
const db = openDatabase(databasePath!);
const read = db.$client.prepare(`select value from counter where id = 1`).pluck();
const write = db.$client.prepare(`update counter set value = ? where id = 1`);
const errors: string[] = [];
process.stdout.write("ready\n");
await new Promise<void>((resolve) => process.stdin.once("data", () => resolve()));
for (let i = 0; i < Number(count); i++) {
  try {
    await inTransaction(db, () => {
            const value = read.get() as number;
            const until = Date.now() + 1;
            while (Date.now() < until); // hold the transaction open across the other process's commits
            write.run(value + 1);
          });
  } catch (error) {
    errors.push((error as { code?: string }).code ?? String(error));
  }
}
db.$client.close();
process.stdout.write(`${JSON.stringify({ errors })}\n`);
