import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { CursorPageQuery, PageQuery } from '@app/common';
import { ACCEPTED_TYPES_IN_WORDS } from '@app/documents';
import { FARE_PAYERS, FarePayer, REFUND_ORDER_STATES, RefundOrderState } from '@app/fees';
import { IsCountryCode, IsCurrencyCode, IsLocalDate, IsPositiveMinorUnits, IsRecordVersion, IsSingleLineName, MAX_RECORD_VERSION } from '../http/dto-rules';

const ITEM = /^[a-z][a-z0-9-]{1,63}$/;

/** The OpenAPI side of the shared rules (apps/api/src/http/dto-rules.ts), so the document says what the checks accept. */
const ITEM_SCHEMA = { pattern: '^[a-z][a-z0-9-]{1,63}$' };
const MINOR_SCHEMA = { type: String, pattern: '^[1-9][0-9]{0,17}$' };
const CURRENCY_SCHEMA = { pattern: '^[A-Z]{3}$' };
const COUNTRY_SCHEMA = { pattern: '^[A-Z]{2}$' };
const DATE_SCHEMA = { type: String, format: 'date' };
const ORIGIN_SCHEMA = { pattern: '^([A-Z]{2}|\\*)$' };
const UUID_SCHEMA = { format: 'uuid' };
const itemMessage = { message: 'must be a cost-item code such as medical-examination (see GET /public/fees/vocabulary)' };

export class MoneyCapDto {
  @ApiProperty({ ...MINOR_SCHEMA, example: '250000', description: 'Integer minor units, positive, as a decimal string (a JSON integer is accepted too).' })
  @IsPositiveMinorUnits()
  amountMinor: string;

  @ApiProperty({ ...CURRENCY_SCHEMA, example: 'PHP', description: 'ISO 4217.' })
  @IsCurrencyCode()
  currency: string;
}

export class PlacementFeeCapDto {
  @ApiProperty({
    enum: ['none', 'salary-multiple', 'fixed'],
    enumName: 'PlacementFeeCapKind',
    description: 'none: no placement fee allowed; salary-multiple: at most `multiple` months of basic salary; fixed: at most amountMinor in currency',
  })
  @IsIn(['none', 'salary-multiple', 'fixed'])
  kind: 'none' | 'salary-multiple' | 'fixed';

  @ApiPropertyOptional({
    pattern: '^(0|[1-9]\\d{0,2})(\\.\\d{1,4})?$',
    example: '1.0',
    description: 'Required for salary-multiple (ignored otherwise): months of basic salary, a decimal such as 1 or 0.5',
  })
  @ValidateIf((o: PlacementFeeCapDto) => o.kind === 'salary-multiple')
  @Matches(/^(0|[1-9]\d{0,2})(\.\d{1,4})?$/, { message: 'must be a non-negative decimal such as 1 or 0.5 (required for salary-multiple)' })
  multiple?: string;

  @ApiPropertyOptional({ ...MINOR_SCHEMA, example: '1000000', description: 'Required for fixed (ignored otherwise): integer minor units, positive' })
  @ValidateIf((o: PlacementFeeCapDto) => o.kind === 'fixed')
  @IsPositiveMinorUnits()
  amountMinor?: string;

  @ApiPropertyOptional({ ...CURRENCY_SCHEMA, example: 'NPR', description: 'Required for fixed (ignored otherwise): ISO 4217' })
  @ValidateIf((o: PlacementFeeCapDto) => o.kind === 'fixed')
  @IsCurrencyCode()
  currency?: string;
}

export class AllowedItemDto {
  @ApiProperty({ ...ITEM_SCHEMA, example: 'medical-examination', description: 'A cost-item code (GET /public/fees/vocabulary).' })
  @Matches(ITEM, itemMessage)
  item: string;

  @ApiPropertyOptional({ type: MoneyCapDto, description: 'Cap on the total charged for this item; absent: no cap' })
  @IsOptional()
  @ValidateNested()
  @Type(() => MoneyCapDto)
  cap?: MoneyCapDto;
}

export class CreateFeeRuleDto {
  @ApiProperty({ ...COUNTRY_SCHEMA, example: 'HK', description: 'ISO 3166 alpha-2 destination country.' })
  @IsCountryCode()
  destinationCountry: string;

  @ApiProperty({ minLength: 1, maxLength: 64, example: 'general', description: 'An occupation category (GET /public/fees/vocabulary)' })
  @IsString()
  @Length(1, 64)
  occupationCategory: string;

  @ApiProperty({ ...ORIGIN_SCHEMA, example: 'PH', description: "An origin country, or '*' for every origin without a rule of its own" })
  @Matches(/^([A-Z]{2}|\*)$/, { message: "must be an ISO 3166 alpha-2 code or '*'" })
  originCountry: string;

  @ApiProperty({ ...DATE_SCHEMA, example: '2027-01-01', description: 'First day in force' })
  @IsLocalDate()
  validFrom: string;

  @ApiPropertyOptional({
    ...DATE_SCHEMA,
    nullable: true,
    example: null,
    description: 'Last day in force (inclusive), on or after validFrom; absent or null: open-ended',
  })
  @IsOptional()
  @IsLocalDate()
  validTo?: string | null;

  @ApiProperty({ type: PlacementFeeCapDto })
  @ValidateNested()
  @Type(() => PlacementFeeCapDto)
  placementFeeCap: PlacementFeeCapDto;

  @ApiProperty({ type: [AllowedItemDto], maxItems: 100, description: 'The cost items the agency may charge, with their caps.' })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => AllowedItemDto)
  allowedItems: AllowedItemDto[];

  @ApiProperty({ type: [String], maxItems: 100, example: ['visa', 'airfare'], description: 'Cost-item codes the agency may never charge the worker.' })
  @IsArray()
  @ArrayMaxSize(100)
  @Matches(ITEM, { each: true, ...itemMessage })
  prohibitedItems: string[];

  @ApiProperty({ description: 'A protected category (e.g. domestic work): any fee is a serious violation' })
  @IsBoolean()
  protected: boolean;

  @ApiProperty({
    minLength: 3,
    maxLength: 1000,
    example: 'DMW Department Circular No. 01, s. 2024, section 3',
    description: 'The statute or circular the rule comes from (shown by the public calculator).',
  })
  @IsString()
  @Length(3, 1000)
  source: string;
}

export class EndFeeRuleDto {
  @ApiProperty({ ...DATE_SCHEMA, example: '2026-12-31', description: "The rule's last day in force (today or later, and not after the day it already ends)" })
  @IsLocalDate()
  validTo: string;
}

export class FeeRuleQuery extends PageQuery {
  @ApiPropertyOptional({ ...COUNTRY_SCHEMA, example: 'HK', description: 'Only rules for this destination country.' })
  @IsOptional()
  @IsCountryCode()
  destinationCountry?: string;
  @ApiPropertyOptional({ minLength: 1, maxLength: 64, example: 'domestic-work', description: 'Only rules for this occupation category.' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  occupationCategory?: string;
  @ApiPropertyOptional({ ...ORIGIN_SCHEMA, example: 'PH', description: "Only rules for this origin ('*': the rules for every origin without its own)." })
  @IsOptional()
  @Matches(/^([A-Z]{2}|\*)$/, { message: "must be an ISO 3166 alpha-2 code or '*'" })
  originCountry?: string;
  @ApiPropertyOptional({ ...DATE_SCHEMA, example: '2026-11-23', description: 'Only rules in force on this date' })
  @IsOptional()
  @IsLocalDate()
  inForceOn?: string;
}

export class ExchangeRateParams {
  @ApiProperty({ ...CURRENCY_SCHEMA, example: 'PHP', description: 'ISO 4217: the currency one unit of which is priced.' }) @IsCurrencyCode() base: string;
  @ApiProperty({ ...CURRENCY_SCHEMA, example: 'HKD', description: 'ISO 4217: the currency the rate is given in (not the base).' })
  @IsCurrencyCode()
  quote: string;
  @ApiProperty({ ...DATE_SCHEMA, example: '2026-03-02', description: 'The day the rate was published.' }) @IsLocalDate() date: string;
}

export class RecordExchangeRateDto {
  @ApiProperty({
    pattern: '^(0|[1-9]\\d{0,11})(\\.\\d{1,12})?$',
    example: '0.0335',
    description: 'Units of quote for one unit of base, a positive plain decimal written as a string (at most 12 decimal places)',
  })
  @IsString({ message: 'must be a decimal written as a string, e.g. "0.0335"' })
  @Matches(/^(0|[1-9]\d{0,11})(\.\d{1,12})?$/, { message: 'must be a positive plain decimal such as 0.0335 (at most 12 decimal places)' })
  rate: string;

  @ApiProperty({ minLength: 3, maxLength: 500, example: 'Bangko Sentral ng Pilipinas reference rate' })
  @IsString()
  @Length(3, 500)
  source: string;
}

export class ExchangeRateQuery extends PageQuery {
  @ApiPropertyOptional({ ...CURRENCY_SCHEMA, example: 'PHP', description: 'Only rates of this base currency.' }) @IsOptional() @IsCurrencyCode() base?: string;
  @ApiPropertyOptional({ ...CURRENCY_SCHEMA, example: 'HKD', description: 'Only rates into this quote currency.' })
  @IsOptional()
  @IsCurrencyCode()
  quote?: string;
  @ApiPropertyOptional({ ...DATE_SCHEMA, description: 'Only rates published on or after this day.' }) @IsOptional() @IsLocalDate() from?: string;
  @ApiPropertyOptional({ ...DATE_SCHEMA, description: 'Only rates published on or before this day.' }) @IsOptional() @IsLocalDate() to?: string;
}

export class FeeLineDto {
  @ApiProperty({ ...ITEM_SCHEMA, example: 'placement-fee', description: "'placement-fee' or a cost-item code (GET /public/fees/vocabulary)" })
  @Matches(ITEM, itemMessage)
  item: string;

  @ApiProperty({ ...MINOR_SCHEMA, example: '2500000', description: 'Integer minor units, positive, as a decimal string (a JSON integer is accepted too)' })
  @IsPositiveMinorUnits()
  amountMinor: string;

  @ApiProperty({ ...CURRENCY_SCHEMA, example: 'PHP' })
  @IsCurrencyCode()
  currency: string;

  @ApiProperty({ ...DATE_SCHEMA, example: '2026-03-02', description: 'The day it was charged: not before the recruitment, not in the future' })
  @IsLocalDate()
  date: string;

  @ApiProperty({ minLength: 1, maxLength: 100, example: 'OR-2026-000123' })
  @IsString()
  @Length(1, 100)
  receiptNumber: string;
}

export class StatedFeeLineDto {
  @ApiProperty({ ...ITEM_SCHEMA, example: 'placement-fee', description: "'placement-fee' or a cost-item code (GET /public/fees/vocabulary)" })
  @Matches(ITEM, itemMessage)
  item: string;

  @ApiProperty({ ...MINOR_SCHEMA, example: '8000000', description: 'Integer minor units, positive, as a decimal string (a JSON integer is accepted too)' })
  @IsPositiveMinorUnits()
  amountMinor: string;

  @ApiProperty({ ...CURRENCY_SCHEMA, example: 'PHP' })
  @IsCurrencyCode()
  currency: string;

  @ApiProperty({ ...DATE_SCHEMA, example: '2026-03-02', description: 'The day it was paid: not before the recruitment, not in the future' })
  @IsLocalDate()
  date: string;

  @ApiPropertyOptional({ minLength: 1, maxLength: 100, description: 'If the worker has one' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  receiptNumber?: string;
}

class PlacementTermsDto {
  @ApiProperty({ minLength: 1, maxLength: 200, example: 'Maria Santos' }) @IsString() @Length(1, 200) @IsSingleLineName() workerName: string;
  @ApiProperty({ pattern: '^[A-Z0-9]{5,20}$', example: 'P1234567A' })
  @IsString()
  @Matches(/^[A-Z0-9]{5,20}$/, { message: 'must be 5-20 capital letters and digits' })
  workerPassportNumber: string;
  @ApiPropertyOptional({
    type: String,
    format: 'email',
    nullable: true,
    description: "The worker's email: if they have an account, they can state what they paid; they are told of refund orders",
  })
  @IsOptional()
  @IsEmail({}, { message: 'must be an email address' })
  workerEmail?: string | null;
  @ApiProperty({ minLength: 1, maxLength: 300, example: 'Chan Tai Man' }) @IsString() @Length(1, 300) @IsSingleLineName() employerName: string;
  @ApiProperty({ ...COUNTRY_SCHEMA, example: 'HK' }) @IsCountryCode() destinationCountry: string;
  @ApiProperty({ minLength: 1, maxLength: 64, example: 'domestic-work', description: 'An occupation category (GET /public/fees/vocabulary)' })
  @IsString()
  @Length(1, 64)
  occupationCategory: string;
  @ApiProperty({ ...MINOR_SCHEMA, example: '460000', description: 'Monthly basic salary, integer minor units, positive' })
  @IsPositiveMinorUnits()
  monthlySalaryMinor: string;
  @ApiProperty({ ...CURRENCY_SCHEMA, example: 'HKD' }) @IsCurrencyCode() salaryCurrency: string;
  @ApiProperty({ ...DATE_SCHEMA, example: '2026-02-15', description: 'When the agency recruited the worker (not in the future); no fee may be dated earlier' })
  @IsLocalDate()
  recruitedOn: string;
  @ApiProperty({ ...DATE_SCHEMA, example: '2026-05-01', description: 'Not before recruitedOn' }) @IsLocalDate() contractStart: string;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 120, example: 24 }) @IsInt() @Min(1) @Max(120) contractMonths: number;
}

/** The contract's terms besides the salary, start and length (issue 20); each optional, a term left out is not checked. */
export class PlacementContractDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 168, example: 48, description: 'Hours of work a week.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(168)
  hoursPerWeek?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 7, example: 1, description: 'Rest days a week.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(7)
  restDaysPerWeek?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 366, example: 7, description: 'Paid leave days a year.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(366)
  paidLeaveDaysPerYear?: number;

  @ApiPropertyOptional({ enum: FARE_PAYERS, enumName: 'FarePayer', example: 'employer', description: 'Who pays the fare to the job and back.' })
  @IsOptional()
  @IsIn(FARE_PAYERS)
  farePaidBy?: FarePayer;
}

export class RecordPlacementDto extends PlacementTermsDto {
  @ApiProperty({ type: [FeeLineDto], maxItems: 100, description: 'Every fee charged to the worker, item by item' })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => FeeLineDto)
  fees: FeeLineDto[];

  @ApiPropertyOptional({
    type: PlacementContractDto,
    description:
      "The contract's other terms. With the salary and length they are checked against the model contract of the corridor in force on the recruitment date: a term below it is a finding (`contract.findings` of the answer).",
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => PlacementContractDto)
  contract?: PlacementContractDto;
}

export class CreateModelContractDto {
  @ApiProperty({ ...COUNTRY_SCHEMA, example: 'HK', description: 'ISO 3166 alpha-2 of the destination.' })
  @IsCountryCode()
  destinationCountry: string;

  @ApiProperty({ ...ITEM_SCHEMA, example: 'domestic-work', description: 'An occupation category of the vocabulary (`GET /public/fees/vocabulary`).' })
  @Matches(ITEM, { message: 'must be an occupation code such as domestic-work' })
  occupationCategory: string;

  @ApiProperty({ ...ORIGIN_SCHEMA, example: '*', description: 'ISO 3166 alpha-2 of the origin, or `*` for every origin without a model of its own.' })
  @Matches(/^([A-Z]{2}|\*)$/, { message: 'must be a two-letter country code or *' })
  originCountry: string;

  @ApiProperty({ ...DATE_SCHEMA, example: '2026-01-01', description: 'First day in force (recruitment date).' })
  @IsLocalDate()
  validFrom: string;

  @ApiPropertyOptional({ ...DATE_SCHEMA, example: '2027-12-31', description: 'Last day in force (included); left out, open-ended.' })
  @IsOptional()
  @IsLocalDate()
  validTo?: string;

  @ApiProperty({ ...MINOR_SCHEMA, example: '499000', description: 'The minimum monthly basic salary, integer minor units of `salaryCurrency`.' })
  @IsPositiveMinorUnits()
  minMonthlySalaryMinor: string;

  @ApiProperty({ ...CURRENCY_SCHEMA, example: 'HKD' })
  @IsCurrencyCode()
  salaryCurrency: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 168, example: 48, description: 'The most hours a week; left out, no limit.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(168)
  maxHoursPerWeek?: number;

  @ApiProperty({ type: 'integer', minimum: 0, maximum: 7, example: 1 })
  @IsInt()
  @Min(0)
  @Max(7)
  minRestDaysPerWeek: number;

  @ApiProperty({ type: 'integer', minimum: 0, maximum: 366, example: 7 })
  @IsInt()
  @Min(0)
  @Max(366)
  minPaidLeaveDaysPerYear: number;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 120, example: 24, description: 'The standard duration in months.' })
  @IsInt()
  @Min(1)
  @Max(120)
  contractMonths: number;

  @ApiProperty({ enum: FARE_PAYERS, enumName: 'FarePayer', example: 'employer' })
  @IsIn(FARE_PAYERS)
  farePaidBy: FarePayer;

  @ApiProperty({
    minLength: 3,
    maxLength: 1000,
    example: 'Standard Employment Contract for Domestic Helpers (ID 407)',
    description: 'The instrument the figures come from.',
  })
  @IsString()
  @Length(3, 1000)
  source: string;
}

export class ModelContractQuery {
  @ApiPropertyOptional({ ...COUNTRY_SCHEMA, example: 'HK' })
  @IsOptional()
  @IsCountryCode()
  destinationCountry?: string;

  @ApiPropertyOptional({ ...ITEM_SCHEMA, example: 'domestic-work' })
  @IsOptional()
  @Matches(ITEM, { message: 'must be an occupation code such as domestic-work' })
  occupationCategory?: string;

  @ApiPropertyOptional({ ...DATE_SCHEMA, example: '2026-03-01', description: 'Only the models in force on this day.' })
  @IsOptional()
  @IsLocalDate()
  inForceOn?: string;
}

/** The terms an amendment changes: any of the placement's terms, each optional. */
class PartialTermsDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 200 }) @IsOptional() @IsString() @Length(1, 200) @IsSingleLineName() workerName?: string;
  @ApiPropertyOptional({ pattern: '^[A-Z0-9]{5,20}$' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Z0-9]{5,20}$/, { message: 'must be 5-20 capital letters and digits' })
  workerPassportNumber?: string;
  @ApiPropertyOptional({ type: String, format: 'email', nullable: true, description: 'null removes the address' })
  @IsOptional()
  @IsEmail({}, { message: 'must be an email address' })
  workerEmail?: string | null;
  @ApiPropertyOptional({ minLength: 1, maxLength: 300 }) @IsOptional() @IsString() @Length(1, 300) @IsSingleLineName() employerName?: string;
  @ApiPropertyOptional({ ...COUNTRY_SCHEMA }) @IsOptional() @IsCountryCode() destinationCountry?: string;
  @ApiPropertyOptional({ minLength: 1, maxLength: 64 }) @IsOptional() @IsString() @Length(1, 64) occupationCategory?: string;
  @ApiPropertyOptional({ ...MINOR_SCHEMA, description: 'Monthly basic salary, integer minor units, positive' })
  @IsOptional()
  @IsPositiveMinorUnits()
  monthlySalaryMinor?: string;
  @ApiPropertyOptional({ ...CURRENCY_SCHEMA }) @IsOptional() @IsCurrencyCode() salaryCurrency?: string;
  @ApiPropertyOptional({ ...DATE_SCHEMA }) @IsOptional() @IsLocalDate() recruitedOn?: string;
  @ApiPropertyOptional({ ...DATE_SCHEMA }) @IsOptional() @IsLocalDate() contractStart?: string;
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 120 }) @IsOptional() @IsInt() @Min(1) @Max(120) contractMonths?: number;
}

export class AmendPlacementDto {
  @ApiProperty({
    type: 'integer',
    minimum: 1,
    maximum: MAX_RECORD_VERSION,
    description: 'The revision being corrected (409 stale-version if it is no longer the current one)',
  })
  @IsRecordVersion()
  revision: number;

  @ApiProperty({ minLength: 5, maxLength: 2000, example: 'Receipt OR-118 was entered as PHP 25,000; the receipt says PHP 2,500' })
  @IsString()
  @Length(5, 2000)
  reason: string;

  @ApiPropertyOptional({ type: PartialTermsDto, description: 'Only the terms that change' })
  @IsOptional()
  @ValidateNested()
  @Type(() => PartialTermsDto)
  terms?: PartialTermsDto;

  @ApiPropertyOptional({ type: [FeeLineDto], maxItems: 100, description: 'The complete corrected list of fees (replaces the declared list)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => FeeLineDto)
  fees?: FeeLineDto[];
}

export class FeeStatementDto {
  @ApiProperty({ type: [StatedFeeLineDto], maxItems: 100, description: 'What the worker actually paid' })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => StatedFeeLineDto)
  lines: StatedFeeLineDto[];

  @ApiPropertyOptional({ minLength: 1, maxLength: 4000, description: 'Anything the worker (or the inspector for them) adds.' })
  @IsOptional()
  @IsString()
  @Length(1, 4000)
  note?: string;
}

export class PlacementQuery extends CursorPageQuery {
  @ApiPropertyOptional({ ...UUID_SCHEMA, description: "Ministry only: one agency's placements (an agency user always sees only its own)" })
  @IsOptional()
  @Matches(/^[0-9a-f-]{36}$/, { message: 'must be a UUID' })
  agencyId?: string;
  @ApiPropertyOptional({ ...COUNTRY_SCHEMA, example: 'HK', description: 'Only placements to this destination country.' })
  @IsOptional()
  @IsCountryCode()
  destinationCountry?: string;
}

export class RefundOrderQuery extends PageQuery {
  @ApiPropertyOptional({ enum: REFUND_ORDER_STATES, enumName: 'RefundOrderState', description: 'Only orders in this state.' })
  @IsOptional()
  @IsIn(REFUND_ORDER_STATES)
  state?: RefundOrderState;
  @ApiPropertyOptional({ ...UUID_SCHEMA, description: "Ministry only: one agency's orders (an agency user always sees only its own)" })
  @IsOptional()
  @Matches(/^[0-9a-f-]{36}$/, { message: 'must be a UUID' })
  agencyId?: string;
  @ApiPropertyOptional({ ...UUID_SCHEMA, description: 'Only the orders of this placement.' })
  @IsOptional()
  @Matches(/^[0-9a-f-]{36}$/, { message: 'must be a UUID' })
  placementId?: string;
}

export class RecordRefundPaymentDto {
  @ApiProperty({
    type: 'integer',
    minimum: 1,
    maximum: MAX_RECORD_VERSION,
    description: "The order's version you read (409 stale-version when it changed meanwhile)",
  })
  @IsRecordVersion()
  version: number;
  @ApiPropertyOptional({
    minLength: 1,
    maxLength: 200,
    example: 'GCASH-7781-2231',
    description:
      "The proof of payment to the worker (bank or remittance reference). Required for an open order; for an order whose payment the agency declared, omit it to confirm the agency's declared reference.",
  })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  paidReference?: string;
}

export class RejectRefundDeclarationDto {
  @ApiProperty({
    type: 'integer',
    minimum: 1,
    maximum: MAX_RECORD_VERSION,
    description: "The order's version you read (409 stale-version when it changed meanwhile)",
  })
  @IsRecordVersion()
  version: number;
  @ApiProperty({
    minLength: 5,
    maxLength: 2000,
    example: 'The receipt shows a different amount than the order.',
    description: 'Why the declaration is rejected: the agency is mailed it.',
  })
  @IsString()
  @Length(5, 2000)
  reason: string;
}

/**
 * The multipart text fields of an agency's payment declaration (validated like a JSON body): a
 * refund order's, and a fine's (apps/api/src/complaints/fine-payments.controller.ts).
 */
export class PaymentDeclarationFields {
  @IsString() @Matches(/\S/, { message: 'must not be blank' }) @Length(1, 200) paymentReference: string;
}

/** The multipart body of a payment declaration, for OpenAPI only (the route streams it). */
export class DeclareRefundPaymentBody {
  @ApiProperty({ minLength: 1, maxLength: 200, example: 'GCASH-7781-2231', description: 'The bank or remittance reference of the payment to the worker.' })
  paymentReference: string;

  @ApiProperty({
    type: 'string',
    format: 'binary',
    description: `Exactly one proof of payment (receipt, bank slip): a ${ACCEPTED_TYPES_IN_WORDS} file recognised by its content, at most DOCUMENTS_MAX_BYTES.`,
  })
  file: unknown;
}

export class CancelRefundOrderDto {
  @ApiProperty({
    type: 'integer',
    minimum: 1,
    maximum: MAX_RECORD_VERSION,
    description: "The order's version you read (409 stale-version when it changed meanwhile)",
  })
  @IsRecordVersion()
  version: number;
  @ApiProperty({ minLength: 5, maxLength: 2000, example: 'The fee was declared twice; amendment 2 removed the duplicate' })
  @IsString()
  @Length(5, 2000)
  reason: string;
}

export class CalculatorQueryDto {
  @ApiProperty({ ...COUNTRY_SCHEMA, example: 'HK', description: 'ISO 3166 alpha-2 destination country.' }) @IsCountryCode() destinationCountry: string;
  @ApiProperty({ minLength: 1, maxLength: 64, example: 'general', description: 'An occupation category (GET /public/fees/vocabulary)' })
  @IsString()
  @Length(1, 64)
  occupationCategory: string;
  @ApiPropertyOptional({
    ...COUNTRY_SCHEMA,
    example: 'PH',
    description: "An origin country the system knows the currency of (GET /public/fees/vocabulary); default: this installation's origin country",
  })
  @IsOptional()
  @IsCountryCode()
  originCountry?: string;
  @ApiProperty({ ...MINOR_SCHEMA, example: '600000', description: 'Monthly basic salary, integer minor units, positive' })
  @IsPositiveMinorUnits()
  monthlySalaryMinor: string;
  @ApiProperty({ ...CURRENCY_SCHEMA, example: 'HKD', description: 'ISO 4217 currency of the salary.' }) @IsCurrencyCode() salaryCurrency: string;
  @ApiPropertyOptional({ ...DATE_SCHEMA, example: '2026-11-23', description: 'The fee date; default today' }) @IsOptional() @IsLocalDate() date?: string;
}

export class CheckedFeeDto {
  @ApiProperty({ ...ITEM_SCHEMA, example: 'placement-fee', description: "'placement-fee' or a cost-item code (GET /public/fees/vocabulary)" })
  @Matches(ITEM, itemMessage)
  item: string;
  @ApiProperty({ ...MINOR_SCHEMA, example: '3000000', description: 'Integer minor units, positive, as a decimal string (a JSON integer is accepted too)' })
  @IsPositiveMinorUnits()
  amountMinor: string;
  @ApiProperty({ ...CURRENCY_SCHEMA, example: 'PHP' }) @IsCurrencyCode() currency: string;
  @ApiPropertyOptional({ ...DATE_SCHEMA, description: "The day it was charged (not in the future); default: the question's date" })
  @IsOptional()
  @IsLocalDate()
  date?: string;
}

export class CalculatorCheckDto extends CalculatorQueryDto {
  @ApiProperty({ type: [CheckedFeeDto], maxItems: 50, description: 'What the worker was charged, fee by fee.' })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => CheckedFeeDto)
  fees: CheckedFeeDto[];
}
