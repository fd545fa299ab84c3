import { ValidationFailedException } from './domain.exception';

/**
 * An error of a pure core (the fee assessment, the welfare fund's rules, the penalty schedule):
 * no I/O, no HTTP, only a stable `code` and the input path at fault (`lines[2].date`,
 * `degreePercent`). Each core declares its own subclasses; the service calling it turns one into
 * problem+json with rethrowCoreInput, naming the field where it sat in the request.
 */
export abstract class CoreInputError extends Error {
  abstract readonly code: string;
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/**
 * A core's input error as a 400 naming the field (`fieldOf` maps the core's path to the request's:
 * `(f) => \`placement.${f}\``); anything else is rethrown as it is.
 */
export function rethrowCoreInput(e: unknown, fieldOf: (coreField: string) => string = (f) => f): never {
  if (e instanceof CoreInputError) throw new ValidationFailedException([{ field: fieldOf(e.field), message: e.message, rule: e.code }]);
  throw e;
}
