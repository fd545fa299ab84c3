import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsISO8601, IsInt, IsString, Matches, Max, Min } from 'class-validator';

/** A whole number sent as a JSON number is taken as its decimal string (safe integers only); anything else is left for the checks to refuse. */
const integerToString = ({ value }: { value: unknown }) => (typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value);

/**
 * Integer minor units (centavos, paisa) as a decimal string of at most 18 digits, positive: a JSON
 * integer is accepted too; a negative, fractional or non-numeric amount is refused with the field named.
 */
export const IsPositiveMinorUnits = () =>
  applyDecorators(
    Transform(integerToString),
    IsString({ message: 'must be a positive whole number of minor units' }),
    Matches(/^[1-9]\d{0,17}$/, { message: 'must be a positive whole number of minor units (no sign, no decimals, at most 18 digits)' }),
  );

/** The largest `version` (or `revision`) a record can reach: the columns are Postgres `integer`. */
export const MAX_RECORD_VERSION = 2_147_483_647;

/**
 * The `version` (or `revision`) of a record as the caller read it: 1 to MAX_RECORD_VERSION. A larger
 * one can be no record's, and would fail in the database instead of answering 400 naming the field.
 */
export const IsRecordVersion = () => applyDecorators(IsInt(), Min(1), Max(MAX_RECORD_VERSION));

/** A real calendar date written YYYY-MM-DD. */
export const IsLocalDate = () =>
  applyDecorators(
    Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date YYYY-MM-DD' }),
    IsISO8601({ strict: true }, { message: 'must be a real calendar date' }),
  );

/** An ISO 4217 code's shape (whether the code exists is the domain's check). */
export const IsCurrencyCode = () => Matches(/^[A-Z]{3}$/, { message: 'must be an ISO 4217 code such as PHP' });

/** An ISO 3166-1 alpha-2 code's shape. */
export const IsCountryCode = () => Matches(/^[A-Z]{2}$/, { message: 'must be an ISO 3166 alpha-2 country code such as HK' });

/** A name (person, agency, branch, employer): one line, no control characters (libs/common/src/text/single-line-name.ts). */
export { IsSingleLineName } from '@app/common';
