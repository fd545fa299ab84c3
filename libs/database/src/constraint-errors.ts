import { QueryFailedError } from 'typeorm';

/** SQLSTATE codes of the constraint violations the domain turns into 409s. */
const UNIQUE_VIOLATION = '23505';
const EXCLUSION_VIOLATION = '23P01';

function violated(e: unknown, code: string, constraint: string): boolean {
  if (!(e instanceof QueryFailedError)) return false;
  const driver = e.driverError as { code?: string; constraint?: string } | undefined;
  return driver?.code === code && driver.constraint === constraint;
}

/** True when `e` is Postgres refusing a row because of the named unique constraint or index. */
export const isUniqueViolation = (e: unknown, constraint: string): boolean => violated(e, UNIQUE_VIOLATION, constraint);

/** True when `e` is Postgres refusing a row because of the named exclusion constraint. */
export const isExclusionViolation = (e: unknown, constraint: string): boolean => violated(e, EXCLUSION_VIOLATION, constraint);
