// How a service says no. A rule refused the request (a decision has closed, the name is taken,
// the step comes in the wrong order): the service throws a Refusal with a code from its
// feature's own list, which rolls back the transaction it is in. The route's forms module turns
// the code into words beside a field; the service never knows about fields or page text.
// (Something that does not exist, or that this account may not see, is a NotFoundError instead:
// the page is "not found", and there is nothing to learn from it.)

export class Refusal<Code extends string = string> extends Error {
  override name = 'Refusal';
  readonly code: Code;

  constructor(code: Code) {
    super(`refused: ${code}`);
    this.code = code;
  }
}

/** The refusal's code when `error` is a Refusal with one of these codes, else undefined. */
export function refusalCode<Code extends string>(error: unknown, codes: readonly Code[] | Record<Code, unknown>): Code | undefined {
  if (!(error instanceof Refusal)) return undefined;
  const known = Array.isArray(codes) ? codes : Object.keys(codes);
  return known.includes(error.code) ? (error.code as Code) : undefined;
}
