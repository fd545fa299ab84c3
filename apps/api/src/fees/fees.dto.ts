import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsEmail, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min, ValidateIf, ValidateNested } from 'class-validator';
import { PageQuery } from '@app/common';
import { REFUND_ORDER_STATES, RefundOrderState } from '@app/fees';
import { IsCountryCode, IsCurrencyCode, IsLocalDate, IsPositiveMinorUnits } from '../http/dto-rules';

const ITEM = /^[a-z][a-z0-9-]{1,63}$/;
const itemMessage = { message: 'must be a cost-item code such as medical-examination (see GET /public/fees/vocabulary)' };

export class MoneyCapDto {
  @ApiProperty({ example: '250000', description: 'Integer minor units' })
  @IsPositiveMinorUnits()
  amountMinor: string;

  @ApiProperty({ example: 'PHP' })
  @IsCurrencyCode()
  currency: string;
}

export class PlacementFeeCapDto {
  @ApiProperty({ enum: ['none', 'salary-multiple', 'fixed'], description: 'none: no placement fee allowed; salary-multiple: at most `multiple` months of basic salary; fixed: at most amountMinor in currency' })
  @IsIn(['none', 'salary-multiple', 'fixed'])
  kind: 'none' | 'salary-multiple' | 'fixed';

  @ApiPropertyOptional({ example: '1.0', description: 'For salary-multiple: months of basic salary, a decimal such as 1 or 0.5' })
  @ValidateIf((o: PlacementFeeCapDto) => o.kind === 'salary-multiple')
  @Matches(/^(0|[1-9]\d{0,2})(\.\d{1,4})?$/, { message: 'must be a non-negative decimal such as 1 or 0.5 (required for salary-multiple)' })
  multiple?: string;

  @ApiPropertyOptional({ example: '1000000', description: 'For fixed: integer minor units' })
  @ValidateIf((o: PlacementFeeCapDto) => o.kind === 'fixed')
  @IsPositiveMinorUnits()
  amountMinor?: string;

  @ApiPropertyOptional({ example: 'NPR', description: 'For fixed' })
  @ValidateIf((o: PlacementFeeCapDto) => o.kind === 'fixed')
  @IsCurrencyCode()
  currency?: string;
}

export class AllowedItemDto {
  @ApiProperty({ example: 'medical-examination' })
  @Matches(ITEM, itemMessage)
  item: string;

  @ApiPropertyOptional({ type: MoneyCapDto, description: 'Cap on the total charged for this item; absent: no cap' })
  @IsOptional()
  @ValidateNested()
  @Type(() => MoneyCapDto)
  cap?: MoneyCapDto;
}

export class CreateFeeRuleDto {
  @ApiProperty({ example: 'HK' })
  @IsCountryCode()
  destinationCountry: string;

  @ApiProperty({ example: 'general', description: 'An occupation category (GET /public/fees/vocabulary)' })
  @IsString()
  @Length(1, 64)
  occupationCategory: string;

  @ApiProperty({ example: 'PH', description: "An origin country, or '*' for every origin without a rule of its own" })
  @Matches(/^([A-Z]{2}|\*)$/, { message: "must be an ISO 3166 alpha-2 code or '*'" })
  originCountry: string;

  @ApiProperty({ example: '2027-01-01', description: 'First day in force' })
  @IsLocalDate()
  validFrom: string;

  @ApiPropertyOptional({ example: null, description: 'Last day in force (inclusive); absent or null: open-ended' })
  @IsOptional()
  @IsLocalDate()
  validTo?: string | null;

  @ApiProperty({ type: PlacementFeeCapDto })
  @ValidateNested()
  @Type(() => PlacementFeeCapDto)
  placementFeeCap: PlacementFeeCapDto;

  @ApiProperty({ type: [AllowedItemDto] })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => AllowedItemDto)
  allowedItems: AllowedItemDto[];

  @ApiProperty({ type: [String], example: ['visa', 'airfare'] })
  @IsArray()
  @ArrayMaxSize(100)
  @Matches(ITEM, { each: true, ...itemMessage })
  prohibitedItems: string[];

  @ApiProperty({ description: 'A protected category (e.g. domestic work): any fee is a serious violation' })
  @IsBoolean()
  protected: boolean;

  @ApiProperty({ example: 'DMW Department Circular No. 01, s. 2024, section 3' })
  @IsString()
  @Length(3, 1000)
  source: string;
}

export class EndFeeRuleDto {
  @ApiProperty({ example: '2026-12-31', description: "The rule's last day in force (today or later)" })
  @IsLocalDate()
  validTo: string;
}

export class FeeRuleQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsCountryCode() destinationCountry?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 64) occupationCategory?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(/^([A-Z]{2}|\*)$/, { message: "must be an ISO 3166 alpha-2 code or '*'" }) originCountry?: string;
  @ApiPropertyOptional({ description: 'Only rules in force on this date' }) @IsOptional() @IsLocalDate() inForceOn?: string;
}

export class ExchangeRateParams {
  @IsCurrencyCode() base: string;
  @IsCurrencyCode() quote: string;
  @IsLocalDate() date: string;
}

export class RecordExchangeRateDto {
  @ApiProperty({ example: '0.0335', description: 'Units of quote for one unit of base, a plain decimal (at most 12 decimal places)' })
  @IsString({ message: 'must be a decimal written as a string, e.g. "0.0335"' })
  @Matches(/^(0|[1-9]\d{0,11})(\.\d{1,12})?$/, { message: 'must be a positive plain decimal such as 0.0335 (at most 12 decimal places)' })
  rate: string;

  @ApiProperty({ example: 'Bangko Sentral ng Pilipinas reference rate' })
  @IsString()
  @Length(3, 500)
  source: string;
}

export class ExchangeRateQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsCurrencyCode() base?: string;
  @ApiPropertyOptional() @IsOptional() @IsCurrencyCode() quote?: string;
  @ApiPropertyOptional() @IsOptional() @IsLocalDate() from?: string;
  @ApiPropertyOptional() @IsOptional() @IsLocalDate() to?: string;
}

export class FeeLineDto {
  @ApiProperty({ example: 'placement-fee', description: "'placement-fee' or a cost-item code (GET /public/fees/vocabulary)" })
  @Matches(ITEM, itemMessage)
  item: string;

  @ApiProperty({ example: '2500000', description: 'Integer minor units, positive' })
  @IsPositiveMinorUnits()
  amountMinor: string;

  @ApiProperty({ example: 'PHP' })
  @IsCurrencyCode()
  currency: string;

  @ApiProperty({ example: '2026-03-02', description: 'The day it was charged: not before the recruitment, not in the future' })
  @IsLocalDate()
  date: string;

  @ApiProperty({ example: 'OR-2026-000123' })
  @IsString()
  @Length(1, 100)
  receiptNumber: string;
}

export class StatedFeeLineDto {
  @ApiProperty({ example: 'placement-fee' })
  @Matches(ITEM, itemMessage)
  item: string;

  @ApiProperty({ example: '8000000' })
  @IsPositiveMinorUnits()
  amountMinor: string;

  @ApiProperty({ example: 'PHP' })
  @IsCurrencyCode()
  currency: string;

  @ApiProperty({ example: '2026-03-02' })
  @IsLocalDate()
  date: string;

  @ApiPropertyOptional({ description: 'If the worker has one' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  receiptNumber?: string;
}

class PlacementTermsDto {
  @ApiProperty({ example: 'Maria Santos' }) @IsString() @Length(1, 200) workerName: string;
  @ApiProperty({ example: 'P1234567A' }) @IsString() @Matches(/^[A-Z0-9]{5,20}$/, { message: 'must be 5-20 capital letters and digits' }) workerPassportNumber: string;
  @ApiPropertyOptional({ description: "The worker's email: if they have an account, they can state what they paid; they are told of refund orders" })
  @IsOptional()
  @IsEmail({}, { message: 'must be an email address' })
  workerEmail?: string | null;
  @ApiProperty({ example: 'Chan Tai Man' }) @IsString() @Length(1, 300) employerName: string;
  @ApiProperty({ example: 'HK' }) @IsCountryCode() destinationCountry: string;
  @ApiProperty({ example: 'domestic-work' }) @IsString() @Length(1, 64) occupationCategory: string;
  @ApiProperty({ example: '460000', description: 'Monthly basic salary, integer minor units, positive' }) @IsPositiveMinorUnits() monthlySalaryMinor: string;
  @ApiProperty({ example: 'HKD' }) @IsCurrencyCode() salaryCurrency: string;
  @ApiProperty({ example: '2026-02-15', description: 'When the agency recruited the worker; no fee may be dated earlier' }) @IsLocalDate() recruitedOn: string;
  @ApiProperty({ example: '2026-05-01' }) @IsLocalDate() contractStart: string;
  @ApiProperty({ example: 24 }) @IsInt() @Min(1) @Max(120) contractMonths: number;
}

export class RecordPlacementDto extends PlacementTermsDto {
  @ApiProperty({ type: [FeeLineDto], description: 'Every fee charged to the worker, item by item' })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => FeeLineDto)
  fees: FeeLineDto[];
}

class PartialTermsDto {
  @IsOptional() @IsString() @Length(1, 200) workerName?: string;
  @IsOptional() @IsString() @Matches(/^[A-Z0-9]{5,20}$/, { message: 'must be 5-20 capital letters and digits' }) workerPassportNumber?: string;
  @IsOptional() @IsEmail({}, { message: 'must be an email address' }) workerEmail?: string | null;
  @IsOptional() @IsString() @Length(1, 300) employerName?: string;
  @IsOptional() @IsCountryCode() destinationCountry?: string;
  @IsOptional() @IsString() @Length(1, 64) occupationCategory?: string;
  @IsOptional() @IsPositiveMinorUnits() monthlySalaryMinor?: string;
  @IsOptional() @IsCurrencyCode() salaryCurrency?: string;
  @IsOptional() @IsLocalDate() recruitedOn?: string;
  @IsOptional() @IsLocalDate() contractStart?: string;
  @IsOptional() @IsInt() @Min(1) @Max(120) contractMonths?: number;
}

export class AmendPlacementDto {
  @ApiProperty({ description: 'The revision being corrected (409 stale-version if it is no longer the current one)' })
  @IsInt()
  @Min(1)
  revision: number;

  @ApiProperty({ example: 'Receipt OR-118 was entered as PHP 25,000; the receipt says PHP 2,500' })
  @IsString()
  @Length(5, 2000)
  reason: string;

  @ApiPropertyOptional({ type: PartialTermsDto, description: 'Only the terms that change' })
  @IsOptional()
  @ValidateNested()
  @Type(() => PartialTermsDto)
  terms?: PartialTermsDto;

  @ApiPropertyOptional({ type: [FeeLineDto], description: 'The complete corrected list of fees (replaces the declared list)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => FeeLineDto)
  fees?: FeeLineDto[];
}

export class FeeStatementDto {
  @ApiProperty({ type: [StatedFeeLineDto], description: 'What the worker actually paid' })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => StatedFeeLineDto)
  lines: StatedFeeLineDto[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 4000)
  note?: string;
}

export class PlacementQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Ministry only: one agency' }) @IsOptional() @Matches(/^[0-9a-f-]{36}$/, { message: 'must be a UUID' }) agencyId?: string;
  @ApiPropertyOptional() @IsOptional() @IsCountryCode() destinationCountry?: string;
}

export class RefundOrderQuery extends PageQuery {
  @ApiPropertyOptional({ enum: REFUND_ORDER_STATES }) @IsOptional() @IsIn(REFUND_ORDER_STATES) state?: RefundOrderState;
  @ApiPropertyOptional({ description: 'Ministry only: one agency' }) @IsOptional() @Matches(/^[0-9a-f-]{36}$/, { message: 'must be a UUID' }) agencyId?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(/^[0-9a-f-]{36}$/, { message: 'must be a UUID' }) placementId?: string;
}

export class RecordRefundPaymentDto {
  @ApiProperty() @IsInt() @Min(1) version: number;
  @ApiProperty({ example: 'GCASH-7781-2231', description: "The proof of payment to the worker (bank or remittance reference)" }) @IsString() @Length(1, 200) paidReference: string;
}

export class CancelRefundOrderDto {
  @ApiProperty() @IsInt() @Min(1) version: number;
  @ApiProperty({ example: 'The fee was declared twice; amendment 2 removed the duplicate' }) @IsString() @Length(5, 2000) reason: string;
}

export class CalculatorQueryDto {
  @ApiProperty({ example: 'HK' }) @IsCountryCode() destinationCountry: string;
  @ApiProperty({ example: 'general' }) @IsString() @Length(1, 64) occupationCategory: string;
  @ApiPropertyOptional({ example: 'PH', description: "Default: this installation's origin country" }) @IsOptional() @IsCountryCode() originCountry?: string;
  @ApiProperty({ example: '600000', description: 'Monthly basic salary, integer minor units' }) @IsPositiveMinorUnits() monthlySalaryMinor: string;
  @ApiProperty({ example: 'HKD' }) @IsCurrencyCode() salaryCurrency: string;
  @ApiPropertyOptional({ example: '2026-11-23', description: 'The fee date; default today' }) @IsOptional() @IsLocalDate() date?: string;
}

export class CheckedFeeDto {
  @ApiProperty({ example: 'placement-fee' }) @Matches(ITEM, itemMessage) item: string;
  @ApiProperty({ example: '3000000' }) @IsPositiveMinorUnits() amountMinor: string;
  @ApiProperty({ example: 'PHP' }) @IsCurrencyCode() currency: string;
  @ApiPropertyOptional({ description: "Default: the question's date" }) @IsOptional() @IsLocalDate() date?: string;
}

export class CalculatorCheckDto extends CalculatorQueryDto {
  @ApiProperty({ type: [CheckedFeeDto] })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => CheckedFeeDto)
  fees: CheckedFeeDto[];
}
