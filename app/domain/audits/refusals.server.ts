/**
 * The audit forms' refusals in the reader's language (issue 18). A domain function throws
 * `AuditInvalid(field, key, values)`: its message is the English sentence of the "audits" catalog
 * (logs, tests and callers outside a page read it as before), and it carries the key. A route
 * runs the domain call through `keyedRefusals`, which hands the action contract the catalog key
 * instead, so that `runAction(..., context.locale)` answers in the reader's language.
 */
import { englishText } from "~/i18n/english-later.server";
import { Invalid, type MessageValues } from "../errors";

/** A key of the "audits" catalog, without the namespace ("errors.endBeforeStart"). */
export type AuditMessageKey = string;

export class AuditInvalid extends Invalid {
  override name = "Invalid";
  constructor(
    field: string,
    readonly key: AuditMessageKey,
    values: MessageValues = {},
  ) {
    super(field, `audits:${key}`, values);
    // The English sentence, read when it is read (the catalog has loaded by the time anything refuses).
    Object.defineProperty(this, "message", { get: () => englishText("audits", key, values), enumerable: false, configurable: true });
  }

  /** The same refusal with the catalog key as its message, for the action contract to translate. */
  keyed(): Invalid {
    return new Invalid(this.field, `audits:${this.key}`, this.values);
  }
}

/** Runs a domain call, answering its audit refusals by catalog key. */
export async function keyedRefusals<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw error instanceof AuditInvalid ? error.keyed() : error;
  }
}
