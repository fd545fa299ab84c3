/**
 * RFC 9457 problem details. `type` is a stable URN per error kind; clients switch on it.
 * Every kind is listed in docs/errors.md.
 */
export const PROBLEM_TYPE_PREFIX = 'urn:lcs:problem:';

export interface FieldError {
  /** Path of the offending field in the request, e.g. `owners[0].email`. */
  field: string;
  /** Why it was refused, in words. */
  message: string;
  /** Stable name of the rule that failed, e.g. `isEmail`, `whitelistValidation`. */
  rule: string;
}

export interface ProblemDetails {
  type: string;
  /** The last part of `type` (`stale-version`): the same stable code, easier to switch on. */
  code: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  correlationId?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export const problemType = (code: string) => `${PROBLEM_TYPE_PREFIX}${code}`;
