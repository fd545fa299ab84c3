import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Length } from 'class-validator';
import { ESCROW_ENTRY_KINDS, ESCROW_LICENSE_TYPES, EscrowEntryKind, EscrowLicenseType } from '@app/agencies';
import { IsCurrencyCode, IsPositiveMinorUnits } from '../http/dto-rules';

export class RecordEscrowEntryDto {
  @ApiProperty({
    enum: ESCROW_ENTRY_KINDS,
    enumName: 'EscrowEntryKind',
    description: 'deposit and top-up add to the balance; garnishment and release take from it',
  })
  @IsIn(ESCROW_ENTRY_KINDS)
  kind: EscrowEntryKind;

  @ApiProperty({
    type: String,
    pattern: '^[1-9][0-9]{0,17}$',
    example: '100000000',
    description: 'Integer minor units (centavos), positive; a decimal string (a JSON integer is accepted too)',
  })
  @IsPositiveMinorUnits()
  amountMinor: string;

  @ApiProperty({ pattern: '^[A-Z]{3}$', example: 'PHP', description: "ISO 4217; must be the account's currency" })
  @IsCurrencyCode()
  currency: string;

  @ApiProperty({
    minLength: 1,
    maxLength: 200,
    example: 'BDO-2026-0001234',
    description: 'The bank reference of a deposit, the case reference of a garnishment',
  })
  @IsString()
  @Length(1, 200)
  reference: string;
}

export class OpenEscrowAccountDto {
  @ApiProperty({
    enum: ESCROW_LICENSE_TYPES,
    enumName: 'EscrowLicenseType',
    example: 'regular',
    description: 'The license type, which sets the required amount.',
  })
  @IsIn(ESCROW_LICENSE_TYPES)
  licenseType: EscrowLicenseType;
}
