import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsIn,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { AMENDMENT_STATES, AmendmentState, LICENSE_STATES, LICENSE_TYPES, LicenseState, LicenseType } from '@app/agencies';
import { PageQuery } from '@app/common';
import { IsRecordVersion, IsSingleLineName, MAX_RECORD_VERSION } from '../http/dto-rules';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** The version of the record the caller read: a write with an older one is refused (409 stale-version). */
export class VersionedDto {
  @ApiProperty({
    type: 'integer',
    minimum: 1,
    maximum: MAX_RECORD_VERSION,
    example: 1,
    description: 'The `version` of the record as you read it; if someone changed it since, the change is refused (409 `stale-version`).',
  })
  @IsRecordVersion()
  version: number;
}

export class IssueLicenseDto {
  @ApiProperty({ format: 'uuid', description: 'The agency to license.' })
  @IsUUID()
  agencyId: string;

  @ApiProperty({ enum: LICENSE_TYPES, enumName: 'LicenseType', example: 'provisional' })
  @IsIn(LICENSE_TYPES)
  type: LicenseType;
}

export class LicenseActionDto extends VersionedDto {
  /** Why: kept in the license's events and the audit log, never shown publicly. */
  @ApiProperty({
    minLength: 3,
    maxLength: 2000,
    example: 'Illegal recruitment found at inspection',
    description: "Why (trimmed): kept in the license's events and the audit log, never shown publicly.",
  })
  @Transform(trim)
  @IsString()
  @Length(3, 2000)
  reason: string;
}

export class SuspendLicenseDto extends LicenseActionDto {
  /** When the suspension ends and the license becomes active again by itself (ISO 8601 date-time). */
  @ApiProperty({
    format: 'date-time',
    example: '2026-07-01T00:00:00+08:00',
    description:
      'When the suspension ends and the license becomes active again by itself: an ISO 8601 date-time with a time (and best an offset), in the future.',
  })
  @IsISO8601({ strict: true, strictSeparator: true })
  @Matches(/T/, { message: 'must be a date-time with a time, e.g. 2026-07-01T00:00:00+08:00' })
  until: string;
}

export class LicensesQuery extends PageQuery {
  @ApiPropertyOptional({ enum: LICENSE_STATES, enumName: 'LicenseState', description: 'Only licenses in this state.' })
  @IsOptional()
  @IsIn(LICENSE_STATES)
  state?: LicenseState;

  @ApiPropertyOptional({ enum: LICENSE_TYPES, enumName: 'LicenseType', description: 'Only licenses of this type.' })
  @IsOptional()
  @IsIn(LICENSE_TYPES)
  type?: LicenseType;

  @ApiPropertyOptional({ format: 'uuid', description: "Only this agency's licenses." })
  @IsOptional()
  @IsUUID()
  agencyId?: string;

  /** Part of the license number or of the agency's legal name. */
  @ApiPropertyOptional({
    minLength: 1,
    maxLength: 100,
    example: 'Kalayaan',
    description: "Part of the license number or of the agency's legal name (case-insensitive).",
  })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  q?: string;

  /** Licenses whose last day is on or before this date: the renewal queue. */
  @ApiPropertyOptional({
    format: 'date',
    example: '2026-12-31',
    description: 'Only licenses whose last day is on or before this date (YYYY-MM-DD): the renewal queue.',
  })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'must be a real calendar date' })
  expiresOnOrBefore?: string;
}

export class OfficerDto {
  @ApiProperty({ minLength: 1, maxLength: 200, example: 'Marisol Dimaculangan' })
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  @IsSingleLineName()
  name: string;

  @ApiProperty({ minLength: 1, maxLength: 120, example: 'President' })
  @Transform(trim)
  @IsString()
  @Length(1, 120)
  position: string;

  @ApiPropertyOptional({ type: String, format: 'email', nullable: true, example: 'marisol.d@kalayaan.example', description: 'Absent or null: none.' })
  @IsOptional()
  @Transform(trim)
  @IsEmail({}, { message: 'must be an email address' })
  email?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, pattern: '^\\+?[0-9 ()-]{5,30}$', example: '+63 917 555 0101', description: 'Absent or null: none.' })
  @IsOptional()
  @Matches(/^\+?[0-9 ()-]{5,30}$/, { message: 'must be a phone number' })
  phone?: string | null;
}

export class OwnerDto {
  @ApiProperty({ minLength: 1, maxLength: 200, example: 'Rogelio Panganiban', description: "The owner's name (a person or a company)." })
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  @IsSingleLineName()
  name: string;

  /** ISO 3166-1 alpha-2. */
  @ApiProperty({ pattern: '^[A-Z]{2}$', example: 'PH', description: "ISO 3166-1 alpha-2 country code of the owner's nationality." })
  @Matches(/^[A-Z]{2}$/, { message: 'must be an ISO 3166 country code such as PH' })
  nationality: string;

  @ApiProperty({
    type: Number,
    minimum: 0.01,
    maximum: 100,
    example: 50,
    description: 'Share of ownership in percent, at most two decimals. The shares of all owners add up to 100.',
  })
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 })
  @Min(0.01)
  @Max(100)
  sharePercent: number;
}

export class CapitalDto {
  /** Minor units (centavos), as a string of digits: amounts may exceed 2^53. */
  @ApiProperty({
    pattern: '^(0|[1-9][0-9]{0,17})$',
    example: '500000000',
    description: 'Minor units (centavos for PHP), as a string of digits: amounts may exceed 2^53.',
  })
  @Matches(/^(0|[1-9][0-9]{0,17})$/, { message: 'must be a whole number of minor units, as a string of digits' })
  amountMinor: string;

  @ApiProperty({ pattern: '^[A-Z]{3}$', example: 'PHP', description: 'ISO 4217 currency code.' })
  @Matches(/^[A-Z]{3}$/, { message: 'must be an ISO 4217 currency code such as PHP' })
  currency: string;
}

export class UpdateProfileDto extends VersionedDto {
  @ApiProperty({ minLength: 1, maxLength: 500, example: '10 Kalayaan Avenue, Quezon City', description: "The head office's address." })
  @Transform(trim)
  @IsString()
  @Length(1, 500)
  address: string;

  @ApiProperty({ type: String, format: 'email', nullable: true, example: 'hq@kalayaan.example', description: 'Required; null for none.' })
  @ValidateIf((_, v) => v !== null)
  @Transform(trim)
  @IsEmail({}, { message: 'must be an email address' })
  contactEmail: string | null;

  @ApiProperty({ type: String, nullable: true, pattern: '^\\+?[0-9 ()-]{5,30}$', example: '+63 2 8555 0000', description: 'Required; null for none.' })
  @ValidateIf((_, v) => v !== null)
  @Matches(/^\+?[0-9 ()-]{5,30}$/, { message: 'must be a phone number' })
  contactPhone: string | null;

  @ApiProperty({ type: [OfficerDto], maxItems: 50, description: 'The whole list of officers (it replaces the old one); may be empty.' })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => OfficerDto)
  officers: OfficerDto[];
}

export class BranchDto {
  @ApiProperty({ minLength: 1, maxLength: 200, example: 'Baguio branch' })
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  @IsSingleLineName()
  name: string;

  @ApiProperty({ minLength: 1, maxLength: 500, example: '3 Session Road, Baguio City' })
  @Transform(trim)
  @IsString()
  @Length(1, 500)
  address: string;
}

/** A change of legal identity: only the fields given change; owners replace the whole list (shares sum to 100). */
export class AmendmentDto {
  @ApiPropertyOptional({ minLength: 2, maxLength: 300, example: 'Kalayaan Global Manpower Services Inc.', description: 'The new legal name.' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(2, 300)
  @IsSingleLineName()
  legalName?: string;

  @ApiPropertyOptional({
    minLength: 2,
    maxLength: 60,
    example: 'CS201912345',
    description: 'The new business registration number (no other agency may hold it: checked at approval).',
  })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(2, 60)
  registrationNumber?: string;

  @ApiPropertyOptional({
    type: [OwnerDto],
    maxItems: 100,
    description: 'The whole new list of owners (it replaces the old one); their shares must add up to exactly 100.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => OwnerDto)
  owners?: OwnerDto[];

  @ApiPropertyOptional({ type: CapitalDto, description: 'The new paid-up capital.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => CapitalDto)
  capital?: CapitalDto;

  @ApiProperty({ minLength: 3, maxLength: 2000, example: 'New shareholder after a capital increase', description: 'Why the agency asks, for the reviewer.' })
  @Transform(trim)
  @IsString()
  @Length(3, 2000)
  reason: string;
}

export class AmendmentDecisionDto extends VersionedDto {
  @ApiProperty({
    minLength: 1,
    maxLength: 2000,
    example: 'Checked against the SEC certificate.',
    description: "The inspector's note on the decision (trimmed); it is shown with the amendment, to the agency too.",
  })
  @Transform(trim)
  @IsString()
  @Length(1, 2000)
  note: string;
}

export class AmendmentsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: AMENDMENT_STATES, enumName: 'AmendmentState', description: 'Only amendments in this state; `pending` is the review queue.' })
  @IsOptional()
  @IsIn(AMENDMENT_STATES)
  state?: AmendmentState;
}

export class PublicSearchQuery {
  /** Part of the agency's legal name (typos are forgiven). */
  @ApiProperty({
    minLength: 3,
    maxLength: 100,
    example: 'kalayaan overseas',
    description: "Part of the agency's legal name, at least 3 characters (trimmed); case does not matter and typos are forgiven.",
  })
  @Transform(trim)
  @IsString()
  @Length(3, 100)
  q: string;
}

/** `?state=suspended` or `?state=revoked`: the public lists, a page at a time. */
export class PublicLicenseListQuery extends PageQuery {
  @ApiProperty({ enum: ['suspended', 'revoked'], example: 'suspended', description: 'Which list: licenses suspended now, or revoked.' })
  @IsIn(['suspended', 'revoked'])
  state: 'suspended' | 'revoked';
}

export class LicenseNumberParams {
  /** E.g. PH-LRA-2026-00042-7; the check digit is verified before any lookup. */
  @ApiProperty({
    minLength: 8,
    maxLength: 40,
    example: 'PH-LRA-2026-00042-7',
    description:
      'The license number: prefix, year of issue, serial and check digit. Letter case and surrounding spaces do not matter; the check digit is verified before any lookup.',
  })
  @IsString()
  @Length(8, 40)
  number: string;
}

export class PlacementQuery {
  /** The instant to answer for (default now). */
  @ApiPropertyOptional({
    example: '2026-07-01T09:00:00+08:00',
    description: 'The instant to answer for, ISO 8601 (a date alone means its midnight UTC); default now.',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  at?: string;
}
