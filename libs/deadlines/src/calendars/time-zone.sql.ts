/**
 * The published way for another library's SQL to read a jurisdiction's time zone (this library
 * owns `jurisdiction`): a scalar expression, the IANA zone of the jurisdiction whose code is the
 * SQL expression `code` (usually a parameter, `$1`), 'UTC' when there is no such jurisdiction.
 * The same zone REPORT_PERIOD_CTE reads.
 */
export const jurisdictionTimeZone = (code: string): string => `coalesce((SELECT time_zone FROM jurisdiction WHERE code = ${code}), 'UTC')`;
