import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsEmail, IsIn, IsISO8601, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min, ValidateIf, ValidateNested } from 'class-validator';
import { ALLEGATION_CATEGORIES, COMPLAINT_ACTIONS, COMPLAINT_STAGES, ComplaintAction, ComplaintStage } from '@app/complaints';
import { LANGUAGES } from '@app/auth';
import { PageQuery } from '@app/common';
import { IsCountryCode, IsCurrencyCode, IsLocalDate, IsPositiveMinorUnits } from '../http/dto-rules';

export class AllegationDto {
  @ApiProperty({ enum: ALLEGATION_CATEGORIES }) @IsIn(ALLEGATION_CATEGORIES) category: string;
  @ApiProperty({ example: 'They kept my passport when I arrived and have not given it back.' }) @IsString() @Length(5, 5000) facts: string;
  @ApiPropertyOptional() @IsOptional() @IsLocalDate() occurredOn?: string;
  @ApiPropertyOptional({ example: '5000000' }) @IsOptional() @IsPositiveMinorUnits() amountMinor?: string;
  @ApiPropertyOptional({ example: 'PHP' }) @IsOptional() @IsCurrencyCode() currency?: string;
  @ApiPropertyOptional({ description: 'Signs of trafficking (debt bondage, confinement, threats)' }) @IsOptional() @IsBoolean() traffickingIndicators?: boolean;
}

export class StatedFeeDto {
  @ApiProperty({ example: 'placement-fee' }) @Matches(/^[a-z][a-z0-9-]{1,63}$/, { message: 'must be a cost-item code such as placement-fee (see GET /public/fees/vocabulary)' }) item: string;
  @ApiProperty({ example: '8000000' }) @IsPositiveMinorUnits() amountMinor: string;
  @ApiProperty({ example: 'PHP' }) @IsCurrencyCode() currency: string;
  @ApiProperty({ example: '2026-02-20' }) @IsLocalDate() date: string;
}

export class StatedFeesDto {
  @ApiProperty({ example: 'domestic-work' }) @IsString() @Length(1, 64) occupationCategory: string;
  @ApiProperty({ example: '499000' }) @IsPositiveMinorUnits() monthlySalaryMinor: string;
  @ApiProperty({ example: 'HKD' }) @IsCurrencyCode() salaryCurrency: string;
  @ApiProperty({ type: [StatedFeeDto] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => StatedFeeDto) fees: StatedFeeDto[];
}

export class FileComplaintDto {
  @ApiPropertyOptional({ example: 'PH-LRA-2026-00042-7' }) @IsOptional() @IsString() @Length(3, 40) licenseNumber?: string;
  @ApiPropertyOptional({ example: 'Bayanihan Manpower Services Inc.' }) @IsOptional() @IsString() @Length(2, 300) agencyName?: string;
  @ApiPropertyOptional({ description: 'An unlicensed recruiter, in words' }) @IsOptional() @IsString() @Length(2, 2000) recruiterDescription?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 300) employerName?: string;
  @ApiPropertyOptional({ example: 'SA' }) @IsOptional() @IsCountryCode() destinationCountry?: string;
  @ApiProperty({ type: [AllegationDto] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => AllegationDto) allegations: AllegationDto[];
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) complainantName?: string;
  @ApiPropertyOptional() @IsOptional() @IsEmail({}, { message: 'must be an email address' }) email?: string;
  @ApiPropertyOptional({ example: '+63 917 123 4567' }) @IsOptional() @Matches(/^\+?[0-9 ()-]{6,25}$/, { message: 'must be a phone number' }) phone?: string;
  @ApiProperty({ enum: LANGUAGES, description: 'The language of every message and of the case view' }) @IsIn(LANGUAGES) language: string;
  @ApiPropertyOptional({ description: 'Public path only: no name or contact is kept; only the reference and secret identify you' }) @IsOptional() @IsBoolean() anonymous?: boolean;
  @ApiPropertyOptional({ description: 'The agency never learns who you are' }) @IsOptional() @IsBoolean() identityProtected?: boolean;
  @ApiPropertyOptional({ description: 'Still abroad with the employer (makes the case urgent)' }) @IsOptional() @IsBoolean() workerAbroad?: boolean;
  @ApiPropertyOptional({ type: StatedFeesDto, description: 'What you paid, for the job: the fees module checks it against the rules (needs destinationCountry)' })
  @IsOptional()
  @ValidateNested()
  @Type(() => StatedFeesDto)
  statedFees?: StatedFeesDto;
}

export class WalkInComplaintDto extends FileComplaintDto {
  @ApiProperty({ enum: ['walk-in', 'hotline'] }) @IsIn(['walk-in', 'hotline']) channel: 'walk-in' | 'hotline';
}

export class ReferenceParams {
  @ApiProperty({ example: 'CMP-2026-00042-7' }) @IsString() @Length(8, 40) reference: string;
}

export class SettlementAmountDto {
  @IsPositiveMinorUnits() amountMinor: string;
  @IsCurrencyCode() currency: string;
  @IsString() @Length(1, 200) payableTo: string;
}

export class SettlementDto {
  @IsString() @Length(5, 5000) terms: string;
  @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => SettlementAmountDto) amounts: SettlementAmountDto[];
  @IsLocalDate() complyBy: string;
}

export class HearingDto {
  @ApiProperty({ example: '2026-12-10T02:00:00Z' }) @IsISO8601({ strict: true }) at: string;
  @ApiProperty({ example: 'Room 4, Ministry building, Manila' }) @IsString() @Length(2, 500) place: string;
}

export class DecidedSanctionDto {
  @ApiProperty({ enum: ['suspension', 'revocation', 'fine', 'refund-order'] }) @IsIn(['suspension', 'revocation', 'fine', 'refund-order']) kind: 'suspension' | 'revocation' | 'fine' | 'refund-order';
  @ApiPropertyOptional({ description: 'For a suspension' }) @ValidateIf((o: DecidedSanctionDto) => o.kind === 'suspension') @IsInt() @Min(1) @Max(120) months?: number;
  @ApiPropertyOptional({ description: 'For a fine or a refund order' }) @ValidateIf((o: DecidedSanctionDto) => o.kind === 'fine' || o.kind === 'refund-order') @IsPositiveMinorUnits() amountMinor?: string;
  @ApiPropertyOptional() @ValidateIf((o: DecidedSanctionDto) => o.kind === 'fine' || o.kind === 'refund-order') @IsCurrencyCode() currency?: string;
}

export class FindingDto {
  @IsUUID() allegationId: string;
  @IsIn(['violation', 'dismissed']) finding: 'violation' | 'dismissed';
  @IsOptional() @IsString() @Length(1, 5000) note?: string;
  @ApiPropertyOptional({ type: [DecidedSanctionDto], description: "Default: the penalty schedule's proposal; a departure needs departureReason" })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => DecidedSanctionDto)
  sanctions?: DecidedSanctionDto[];
  @IsOptional() @IsString() @Length(5, 2000) departureReason?: string;
}

export class ComplaintActionParams {
  @IsUUID() id: string;
  @ApiProperty({ enum: COMPLAINT_ACTIONS }) @IsIn(COMPLAINT_ACTIONS) action: ComplaintAction;
}

export class ComplaintActionDto {
  @ApiProperty({ description: 'The version you read (409 stale-version otherwise)' }) @IsInt() @Min(1) version: number;
  @IsOptional() @IsString() @Length(1, 5000) reason?: string;
  @IsOptional() @IsString() @Length(2, 300) referralTarget?: string;
  @IsOptional() @IsBoolean() bothPartiesConsent?: boolean;
  @IsOptional() @ValidateNested() @Type(() => SettlementDto) settlement?: SettlementDto;
  @IsOptional() @IsString() @Length(5, 20000) answer?: string;
  @IsOptional() @ValidateNested() @Type(() => HearingDto) hearing?: HearingDto;
  @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => FindingDto) findings?: FindingDto[];
}

export class AgencyAnswerDto {
  @IsInt() @Min(1) version: number;
  @ApiProperty() @IsString() @Length(5, 20000) answer: string;
}

export class AgencyAppealDto {
  @IsInt() @Min(1) version: number;
  @ApiProperty() @IsString() @Length(5, 5000) reason: string;
}

export class NoteDto {
  @IsString() @Length(1, 10000) body: string;
  @ApiProperty({ enum: ['internal', 'shared'] }) @IsIn(['internal', 'shared']) visibility: 'internal' | 'shared';
}

export class AssignDto {
  @IsUUID() userId: string;
  @IsInt() @Min(1) version: number;
}

export class FineQuery extends PageQuery {
  @IsOptional() @IsIn(['open', 'paid', 'cancelled']) state?: string;
  @IsOptional() @IsUUID() agencyId?: string;
}

export class FinePaymentDto {
  @ApiProperty({ example: 'LBP-2026-55231', description: 'The proof of payment (bank or treasury receipt)' }) @IsString() @Length(1, 200) paidReference: string;
}

const bool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class QueueQuery extends PageQuery {
  @IsOptional() @IsIn(COMPLAINT_STAGES) stage?: ComplaintStage;
  @IsOptional() @IsIn(['normal', 'urgent']) priority?: 'normal' | 'urgent';
  @IsOptional() @IsUUID() agencyId?: string;
  @IsOptional() @Transform(bool) @IsBoolean() overdue?: boolean;
  @IsOptional() @Transform(bool) @IsBoolean() assignedToMe?: boolean;
  @IsOptional() @Transform(bool) @IsBoolean() supervisorQueue?: boolean;
}
