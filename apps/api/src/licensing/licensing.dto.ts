import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsIn,
  IsInt,
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

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** The version of the record the caller read: a write with an older one is refused (409 stale-version). */
export class VersionedDto {
  @IsInt()
  @Min(1)
  version: number;
}

export class IssueLicenseDto {
  @IsUUID()
  agencyId: string;

  @IsIn(LICENSE_TYPES)
  type: LicenseType;
}

export class LicenseActionDto extends VersionedDto {
  /** Why: kept in the license's events and the audit log, never shown publicly. */
  @Transform(trim)
  @IsString()
  @Length(3, 2000)
  reason: string;
}

export class SuspendLicenseDto extends LicenseActionDto {
  /** When the suspension ends and the license becomes active again by itself (ISO 8601 date-time). */
  @IsISO8601({ strict: true, strictSeparator: true })
  @Matches(/T/, { message: 'must be a date-time with a time, e.g. 2026-07-01T00:00:00+08:00' })
  until: string;
}

export class LicensesQuery extends PageQuery {
  @IsOptional()
  @IsIn(LICENSE_STATES)
  state?: LicenseState;

  @IsOptional()
  @IsIn(LICENSE_TYPES)
  type?: LicenseType;

  @IsOptional()
  @IsUUID()
  agencyId?: string;

  /** Part of the license number or of the agency's legal name. */
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  q?: string;

  /** Licenses whose last day is on or before this date: the renewal queue. */
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'must be a real calendar date' })
  expiresOnOrBefore?: string;
}

export class OfficerDto {
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  name: string;

  @Transform(trim)
  @IsString()
  @Length(1, 120)
  position: string;

  @IsOptional()
  @Transform(trim)
  @IsEmail({}, { message: 'must be an email address' })
  email?: string | null;

  @IsOptional()
  @Matches(/^\+?[0-9 ()-]{5,30}$/, { message: 'must be a phone number' })
  phone?: string | null;
}

export class OwnerDto {
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  name: string;

  /** ISO 3166-1 alpha-2. */
  @Matches(/^[A-Z]{2}$/, { message: 'must be an ISO 3166 country code such as PH' })
  nationality: string;

  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 })
  @Min(0.01)
  @Max(100)
  sharePercent: number;
}

export class CapitalDto {
  /** Minor units (centavos), as a string of digits: amounts may exceed 2^53. */
  @Matches(/^(0|[1-9][0-9]{0,17})$/, { message: 'must be a whole number of minor units, as a string of digits' })
  amountMinor: string;

  @Matches(/^[A-Z]{3}$/, { message: 'must be an ISO 4217 currency code such as PHP' })
  currency: string;
}

export class UpdateProfileDto extends VersionedDto {
  @Transform(trim)
  @IsString()
  @Length(1, 500)
  address: string;

  @ValidateIf((_, v) => v !== null)
  @Transform(trim)
  @IsEmail({}, { message: 'must be an email address' })
  contactEmail: string | null;

  @ValidateIf((_, v) => v !== null)
  @Matches(/^\+?[0-9 ()-]{5,30}$/, { message: 'must be a phone number' })
  contactPhone: string | null;

  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => OfficerDto)
  officers: OfficerDto[];
}

export class BranchDto {
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  name: string;

  @Transform(trim)
  @IsString()
  @Length(1, 500)
  address: string;
}

/** A change of legal identity: only the fields given change; owners replace the whole list (shares sum to 100). */
export class AmendmentDto {
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(2, 300)
  legalName?: string;

  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(2, 60)
  registrationNumber?: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => OwnerDto)
  owners?: OwnerDto[];

  @IsOptional()
  @ValidateNested()
  @Type(() => CapitalDto)
  capital?: CapitalDto;

  @Transform(trim)
  @IsString()
  @Length(3, 2000)
  reason: string;
}

export class AmendmentDecisionDto extends VersionedDto {
  @Transform(trim)
  @IsString()
  @Length(1, 2000)
  note: string;
}

export class AmendmentsQuery extends PageQuery {
  @IsOptional()
  @IsIn(AMENDMENT_STATES)
  state?: AmendmentState;
}

export class PublicSearchQuery {
  /** Part of the agency's legal name (typos are forgiven). */
  @Transform(trim)
  @IsString()
  @Length(3, 100)
  q: string;
}

export class LicenseNumberParams {
  /** E.g. PH-LRA-2026-00042-7; the check digit is verified before any lookup. */
  @IsString()
  @Length(8, 40)
  number: string;
}

export class PlacementQuery {
  /** The instant to answer for (default now). */
  @IsOptional()
  @IsISO8601({ strict: true })
  at?: string;
}
