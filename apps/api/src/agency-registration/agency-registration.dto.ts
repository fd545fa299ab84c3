import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsEmail, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { NewAccountFields } from '@app/auth';
import { IsSingleLineName } from '../http/dto-rules';
import { CapitalDto, OfficerDto, OwnerDto } from '../licensing/licensing.dto';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** The first admin's account: confirmed by mail before it (and the agency) exist. */
export class AgencyAdminAccountDto extends NewAccountFields {}

/** A new agency registering itself: legal identity, owners and officers, address, and its first admin. */
export class RegisterAgencyDto {
  @ApiProperty({
    minLength: 2,
    maxLength: 300,
    example: 'Bagong Araw Manpower Services Inc.',
    description: 'The legal name, as the business registry has it (trimmed).',
  })
  @Transform(trim)
  @IsString()
  @Length(2, 300)
  @IsSingleLineName()
  legalName: string;

  @ApiProperty({
    minLength: 2,
    maxLength: 60,
    example: 'CS202600123',
    description: 'The business registration number; no two agencies hold the same one (compared ignoring case and spaces): 409 `registration-number-taken`.',
  })
  @Transform(trim)
  @IsString()
  @Length(2, 60)
  @Matches(/^[A-Za-z0-9][A-Za-z0-9 ./-]*$/, { message: 'must be a registration number: letters, digits, spaces, dots, slashes and dashes' })
  registrationNumber: string;

  @ApiProperty({ minLength: 1, maxLength: 500, example: '21 Mabini Street, Ermita, Manila', description: "The head office's address." })
  @Transform(trim)
  @IsString()
  @Length(1, 500)
  address: string;

  @ApiPropertyOptional({
    type: String,
    format: 'email',
    nullable: true,
    example: 'office@bagongaraw.example',
    description: "The agency's public contact address; absent or null: none.",
  })
  @IsOptional()
  @Transform(trim)
  @IsEmail({}, { message: 'must be an email address' })
  contactEmail?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, pattern: '^\\+?[0-9 ()-]{5,30}$', example: '+63 2 8555 0100', description: 'Absent or null: none.' })
  @IsOptional()
  @Matches(/^\+?[0-9 ()-]{5,30}$/, { message: 'must be a phone number' })
  contactPhone?: string | null;

  @ApiProperty({
    type: [OwnerDto],
    minItems: 1,
    maxItems: 100,
    description: 'Every owner; their shares must add up to exactly 100 (400 `validation-failed`, rule `sharesSumTo100`).',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => OwnerDto)
  owners: OwnerDto[];

  @ApiProperty({
    type: [OfficerDto],
    minItems: 1,
    maxItems: 50,
    description: 'The officers (at least one). Their contact details are personal data: never shown publicly.',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => OfficerDto)
  officers: OfficerDto[];

  @ApiProperty({ type: CapitalDto, description: 'Paid-up capital.' })
  @ValidateNested()
  @Type(() => CapitalDto)
  capital: CapitalDto;

  @ApiProperty({
    type: AgencyAdminAccountDto,
    description: "The first agency admin's account (role `agency_admin` of this agency): created, with the agency, when the mailed link is opened.",
  })
  @ValidateNested()
  @Type(() => AgencyAdminAccountDto)
  admin: AgencyAdminAccountDto;
}
