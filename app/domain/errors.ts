/**
 * A business rule refused the input (e.g. "the last admin cannot be removed"). Routes turn it into
 * a message next to the named field; nothing was written when it is thrown.
 */
export class InputError extends Error {
  override name = "InputError";
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}
