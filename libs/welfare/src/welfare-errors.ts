import { rethrowCoreInput } from '@app/common';

/** The pure core's input errors as problem+json naming the field (its path prefixed where the input sat). */
export function rethrowWelfare(e: unknown, prefix = ''): never {
  return rethrowCoreInput(e, (field) => `${prefix}${field}`);
}
