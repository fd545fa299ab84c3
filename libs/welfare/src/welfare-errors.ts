import { ValidationFailedException } from '@app/common';
import { WelfareCoreError } from './core';

/** The pure core's input errors as problem+json naming the field (its path prefixed where the input sat). */
export function rethrowWelfare(e: unknown, prefix = ''): never {
  if (e instanceof WelfareCoreError) throw new ValidationFailedException([{ field: `${prefix}${(e as WelfareCoreError & { field?: string }).field ?? ''}`, message: e.message, rule: (e as WelfareCoreError & { code: string }).code }]);
  throw e;
}
