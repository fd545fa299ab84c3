/**
 * The published way to read the `license` table from another library's SQL: the agency holding
 * the license whose number is `number` (the caller's SQL expression, e.g. `$1`; null when none),
 * a parenthesised scalar subquery (uq_license_number) to compose into one statement.
 */
export const licenseHolderSql = (number: string): string => `(SELECT l.agency_id FROM license l WHERE l.number = ${number})`;
