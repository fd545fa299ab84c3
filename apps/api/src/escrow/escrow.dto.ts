import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsString, Length, Matches } from 'class-validator';
import { ESCROW_ENTRY_KINDS, ESCROW_LICENSE_TYPES, EscrowEntryKind, EscrowLicenseType } from '@app/agencies';

/** A whole number sent as a JSON number is taken as its decimal string (safe integers only). */
const integerToString = ({ value }: { value: unknown }) => (typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value);

export class RecordEscrowEntryDto {
  @ApiProperty({ enum: ESCROW_ENTRY_KINDS, description: 'deposit and top-up add to the balance; garnishment and release take from it' })
  @IsIn(ESCROW_ENTRY_KINDS)
  kind: EscrowEntryKind;

  @ApiProperty({ type: String, example: '100000000', description: 'Integer minor units (centavos), positive; a decimal string (a JSON integer is accepted too)' })
  @Transform(integerToString)
  @IsString({ message: 'must be a positive whole number of minor units' })
  @Matches(/^[1-9]\d{0,17}$/, { message: 'must be a positive whole number of minor units (at most 18 digits)' })
  amountMinor: string;

  @ApiProperty({ example: 'PHP', description: "ISO 4217; must be the account's currency" })
  @Matches(/^[A-Z]{3}$/, { message: 'must be an ISO 4217 code such as PHP' })
  currency: string;

  @ApiProperty({ example: 'BDO-2026-0001234', description: 'The bank reference of a deposit, the case reference of a garnishment' })
  @IsString()
  @Length(1, 200)
  reference: string;
}

export class OpenEscrowAccountDto {
  @ApiProperty({ enum: ESCROW_LICENSE_TYPES })
  @IsIn(ESCROW_LICENSE_TYPES)
  licenseType: EscrowLicenseType;
}
