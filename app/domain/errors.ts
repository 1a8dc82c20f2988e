/**
 * The ways a domain function refuses, as types. Domain code throws these instead of building HTTP
 * answers, so that it does not know about HTTP; the one mapping to status codes is
 * `app/lib/http-errors.server.ts`, used by page loaders and actions alike (and later the JSON API),
 * so the same refusal always answers the same way. Nothing was written when one is thrown.
 */

/**
 * A refusal's message is either a sentence (older code) or a catalog key such as
 * "members:errors.lastAdmin" with `values`; the action contract (app/lib/actions.server.ts) turns
 * a key into the reader's language, so domain code never knows who reads it.
 */
export type MessageValues = Record<string, string | number>;

/** Every refusal a route may turn into an answer; anything else thrown is a bug (a 500). */
export class DomainError extends Error {
  override name = "DomainError";
}

/**
 * The thing does not exist *for this actor*. Also thrown for another organisation's resource, so a
 * stranger cannot tell "not yours" from "not there" (docs/security.md). Answers 404.
 */
export class NotFound extends DomainError {
  override name = "NotFound";
  constructor(message = "Not found") {
    super(message);
  }
}

/** The actor may see the thing but not do this to it (e.g. a viewer editing). Answers 403. */
export class Forbidden extends DomainError {
  override name = "Forbidden";
  constructor(message = "Forbidden") {
    super(message);
  }
}

/**
 * The input breaks a rule (e.g. "the last admin cannot be removed"). `field` names the form field the
 * message belongs beside ("form" for the form as a whole); the page shows it there with the user's
 * input kept. Answers 400.
 */
export class Invalid extends DomainError {
  override name = "Invalid";
  /** The other fields refused by the same check (see `Invalid.all`): the form shows each beside its field. */
  others: readonly Invalid[] = [];
  constructor(
    readonly field: string,
    message: string,
    /** When `message` is a catalog key ("members:errors.lastAdmin"), the values it names (issue 18). */
    readonly values?: MessageValues,
  ) {
    super(message);
  }

  /**
   * Every refusal of a form checked as a whole, thrown as one: a user who mistyped two days and a
   * name learns all three at once, not one per round trip. Null when there is nothing to refuse.
   */
  static all(problems: readonly Invalid[]): Invalid | null {
    const [first, ...rest] = problems;
    if (!first) return null;
    first.others = rest;
    return first;
  }
}

/**
 * The input is well-formed but clashes with the current state (someone else changed it first, the
 * thing is already there, the work is already running). Shown like `Invalid`, but answers 409 so
 * that a client can tell "fix your input" from "look again and retry".
 */
export class Conflict extends DomainError {
  override name = "Conflict";
  constructor(
    readonly field: string,
    message: string,
    /** When `message` is a catalog key ("members:errors.lastAdmin"), the values it names (issue 18). */
    readonly values?: MessageValues,
  ) {
    super(message);
  }
}

/**
 * The older name of `Invalid`, kept as the same class (not a subclass) because modules outside this
 * change still throw and extend it (imports, watchlists, rate limits); `instanceof` is the same test.
 */
export { Invalid as InputError };
