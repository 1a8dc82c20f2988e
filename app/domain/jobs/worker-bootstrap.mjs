// Worker threads do not inherit the main thread's `--import tsx` hooks: register them here, then
// load the TypeScript worker named in workerData.
import { workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
await import(workerData.entry);
