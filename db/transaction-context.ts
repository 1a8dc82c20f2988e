/**
 * Which transaction the running async work belongs to (ADR 022). Shared by every copy of this
 * module in the process: the server loads the data layer from source while the Remix build bundles
 * its own copy, and a database opened by one is used by the other.
 */
import { AsyncLocalStorage } from "node:async_hooks";

export interface TransactionContext {
  /** The engine (one per opened database) whose transaction this is. */
  engine: object;
  /** False once the transaction has ended: work it started that outlives it must not use it. */
  open: boolean;
  /** PostgreSQL: the pooled connection the transaction runs on. */
  connection?: unknown;
}

const shared = globalThis as { __dbTransactionContext?: AsyncLocalStorage<TransactionContext> };
export const transactionContext = (shared.__dbTransactionContext ??= new AsyncLocalStorage<TransactionContext>());

/** The open transaction of `engine` that the caller's async context belongs to, if any. */
export function currentTransaction(engine: object): TransactionContext | undefined {
  const context = transactionContext.getStore();
  return context !== undefined && context.engine === engine && context.open ? context : undefined;
}
