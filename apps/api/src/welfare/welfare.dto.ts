import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min, ValidateIf, ValidateNested } from 'class-validator';
import { LANGUAGES } from '@app/auth';
import { PageQuery } from '@app/common';
import { CLAIM_ACTIONS, CLAIM_STATES, CLAIM_TYPES, ClaimAction, DOCUMENT_CODES } from '@app/welfare';
import { IsCurrencyCode, IsLocalDate, IsPositiveMinorUnits } from '../http/dto-rules';

export class RecordContributionDto {
  @ApiProperty() @IsUUID() placementId: string;
  @ApiProperty({ example: '2026-03-01' }) @IsLocalDate() paidOn: string;
  @ApiProperty({ example: 'OWWA-2026-0001234' }) @IsString() @Length(1, 100) receiptNumber: string;
}

export class StoredRuleDto {
  @ApiProperty({ enum: ['fixed', 'by-degree', 'reimbursement'] }) @IsIn(['fixed', 'by-degree', 'reimbursement']) kind: 'fixed' | 'by-degree' | 'reimbursement';
  @ApiPropertyOptional() @ValidateIf((o: StoredRuleDto) => o.kind === 'fixed') @IsPositiveMinorUnits() amountMinor?: string;
  @ApiPropertyOptional() @ValidateIf((o: StoredRuleDto) => o.kind === 'by-degree') @IsPositiveMinorUnits() maxAmountMinor?: string;
  @ApiPropertyOptional() @ValidateIf((o: StoredRuleDto) => o.kind === 'reimbursement') @IsPositiveMinorUnits() capMinor?: string;
  @ApiProperty({ example: 'PHP' }) @IsCurrencyCode() currency: string;
}

export class CreateBenefitScheduleDto {
  @ApiProperty({ enum: CLAIM_TYPES }) @IsIn(CLAIM_TYPES) claimType: (typeof CLAIM_TYPES)[number];
  @ApiProperty({ type: StoredRuleDto }) @ValidateNested() @Type(() => StoredRuleDto) rule: StoredRuleDto;
  @ApiProperty() @IsLocalDate() validFrom: string;
  @ApiPropertyOptional() @IsOptional() @IsLocalDate() validTo?: string;
  @ApiProperty() @IsString() @Length(3, 1000) source: string;
}

export class EndBenefitScheduleDto {
  @ApiProperty({ example: '2026-12-31' }) @IsLocalDate() validTo: string;
}

export class BeneficiaryDto {
  @ApiProperty() @IsString() @Length(1, 200) name: string;
  @ApiProperty({ example: 'spouse' }) @IsString() @Length(2, 60) relationship: string;
  @ApiProperty({ description: 'An identity document number' }) @IsString() @Length(3, 60) idNumber: string;
}

export class FileClaimDto {
  @ApiProperty({ enum: CLAIM_TYPES }) @IsIn(CLAIM_TYPES) claimType: string;
  @ApiProperty({ example: 'P1234567A' }) @Matches(/^[A-Z0-9]{5,20}$/, { message: 'must be 5-20 capital letters and digits' }) workerPassportNumber: string;
  @ApiProperty() @IsString() @Length(1, 200) workerName: string;
  @ApiProperty({ example: '2026-02-10' }) @IsLocalDate() incidentDate: string;
  @ApiProperty() @IsString() @Length(5, 10000) facts: string;
  @ApiPropertyOptional({ description: 'For reimbursements: the amount claimed' }) @IsOptional() @IsPositiveMinorUnits() claimedMinor?: string;
  @ApiPropertyOptional() @IsOptional() @IsCurrencyCode() currency?: string;
  @ApiPropertyOptional({ description: 'Partial disability: degree in percent' }) @IsOptional() @IsInt() @Min(1) @Max(100) degreePercent?: number;
  @ApiPropertyOptional({ type: BeneficiaryDto, description: 'When a beneficiary files for the member' }) @IsOptional() @ValidateNested() @Type(() => BeneficiaryDto) beneficiary?: BeneficiaryDto;
  @ApiProperty({ description: 'Where to pay: bank and account, or a remittance channel (encrypted at rest)' }) @IsString() @Length(3, 500) payout: string;
  @ApiProperty({ enum: LANGUAGES }) @IsIn(LANGUAGES) language: string;
}

export class ClaimActionParams {
  @IsUUID() id: string;
  @ApiProperty({ enum: CLAIM_ACTIONS }) @IsIn(CLAIM_ACTIONS) action: ClaimAction;
}

export class ClaimActionDto {
  @ApiProperty() @IsInt() @Min(1) version: number;
  @IsOptional() @IsString() @Length(1, 5000) reason?: string;
  @ApiPropertyOptional({ enum: DOCUMENT_CODES, isArray: true }) @IsOptional() @IsArray() @IsIn(DOCUMENT_CODES, { each: true }) documents?: string[];
  @ApiPropertyOptional({ description: 'approve: default the scheduled amount; above it only a supervisor, with a reason' }) @IsOptional() @IsPositiveMinorUnits() approvedMinor?: string;
  @IsOptional() @IsString() @Length(1, 200) paidReference?: string;
}

export class ClaimQuery extends PageQuery {
  @IsOptional() @IsIn(CLAIM_STATES) state?: string;
  @IsOptional() @IsIn(CLAIM_TYPES) claimType?: string;
}

export class PassportParams {
  @Matches(/^[A-Z0-9]{5,20}$/, { message: 'must be 5-20 capital letters and digits' }) passport: string;
}
