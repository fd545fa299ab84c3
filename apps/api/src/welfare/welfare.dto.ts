import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsArray,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateBy,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { LANGUAGES } from '@app/auth';
import { CursorPageQuery } from '@app/common';
import {
  BENEFICIARY_PROOF_KINDS,
  INCOME_KINDS,
  CLAIM_ACTIONS,
  CLAIM_STATES,
  CLAIM_TYPES,
  ClaimAction,
  DOCUMENT_CODES,
  ELIGIBILITY_EXCEPTION_REASONS,
  WELFARE_CLAIM_ACTION,
  WELFARE_CLAIM_STATE,
  WELFARE_CLAIM_TYPE,
  WELFARE_DOCUMENT_CODE,
} from '@app/welfare';
import { ACCEPTED_TYPES_IN_WORDS } from '@app/documents';
import { IsCurrencyCode, IsLocalDate, IsPositiveMinorUnits, IsRecordVersion, IsSingleLineName, MAX_RECORD_VERSION } from '../http/dto-rules';

/** The OpenAPI description of a field checked by IsPositiveMinorUnits. */
const POSITIVE_MINOR = { type: String, pattern: '^[1-9][0-9]{0,17}$', minLength: 1, maxLength: 18 } as const;
const MINOR_NOTE = 'Integer minor units as a decimal string (a JSON integer is accepted too), positive, at most 18 digits.';
const LOCAL_DATE = { type: String, format: 'date' } as const;
const CURRENCY = { type: String, pattern: '^[A-Z]{3}$', example: 'PHP' } as const;
const PASSPORT = { type: String, pattern: '^[A-Z0-9]{5,20}$', example: 'P1234567A' } as const;

export class RecordContributionDto {
  @ApiProperty({
    format: 'uuid',
    description: "The placement the contribution is paid for. An agency may only name its own placements (another agency's is 404).",
  })
  @IsUUID()
  placementId: string;

  @ApiProperty({ ...LOCAL_DATE, example: '2026-03-01', description: 'The day it was paid: the cover runs from the later of this day and the contract start.' })
  @IsLocalDate()
  paidOn: string;

  @ApiProperty({
    minLength: 1,
    maxLength: 100,
    example: 'OWWA-2026-0001234',
    description: "The receipt's number; unique over all contributions (409 `receipt-number-taken`).",
  })
  @IsString()
  @Length(1, 100)
  receiptNumber: string;
}

type RuleKind = 'fixed' | 'by-degree' | 'reimbursement';

/**
 * An amount member of one rule kind only: sent beside another kind it is refused (400 naming it),
 * rather than stored with the rule and shown back as a rule the document does not describe.
 */
const OnlyForRuleKind = (kind: RuleKind) =>
  ValidateBy({
    name: 'onlyForRuleKind',
    validator: {
      validate: (value: unknown, args) => value === undefined || (args?.object as StoredRuleDto).kind === kind,
      defaultMessage: () => `is only accepted when kind is ${kind}`,
    },
  });

/** How a benefit schedule entry computes the amount: `kind` says which amount field goes with it. */
export class StoredRuleDto {
  @ApiProperty({
    enum: ['fixed', 'by-degree', 'reimbursement'],
    example: 'fixed',
    description:
      '`fixed`: `amountMinor` for every claim; `by-degree` (partial disability): `maxAmountMinor` times the degree; `reimbursement`: what was claimed, up to `capMinor`.',
  })
  @IsIn(['fixed', 'by-degree', 'reimbursement'])
  kind: RuleKind;

  @ApiPropertyOptional({
    ...POSITIVE_MINOR,
    example: '20000000',
    description: `Required when \`kind\` is \`fixed\`, refused with any other kind: the amount paid. ${MINOR_NOTE}`,
  })
  @ValidateIf((o: StoredRuleDto) => o.kind === 'fixed' || o.amountMinor !== undefined)
  @IsPositiveMinorUnits()
  @OnlyForRuleKind('fixed')
  amountMinor?: string;

  @ApiPropertyOptional({
    ...POSITIVE_MINOR,
    example: '10000000',
    description: `Required when \`kind\` is \`by-degree\`, refused with any other kind: the amount for a 100 % degree. ${MINOR_NOTE}`,
  })
  @ValidateIf((o: StoredRuleDto) => o.kind === 'by-degree' || o.maxAmountMinor !== undefined)
  @IsPositiveMinorUnits()
  @OnlyForRuleKind('by-degree')
  maxAmountMinor?: string;

  @ApiPropertyOptional({
    ...POSITIVE_MINOR,
    example: '5000000',
    description: `Required when \`kind\` is \`reimbursement\`, refused with any other kind: the most reimbursed. ${MINOR_NOTE}`,
  })
  @ValidateIf((o: StoredRuleDto) => o.kind === 'reimbursement' || o.capMinor !== undefined)
  @IsPositiveMinorUnits()
  @OnlyForRuleKind('reimbursement')
  capMinor?: string;

  @ApiProperty({ ...CURRENCY, description: 'ISO 4217 code of the amount.' })
  @IsCurrencyCode()
  currency: string;
}

export class CreateBenefitScheduleDto {
  @ApiProperty({ ...WELFARE_CLAIM_TYPE, example: 'death:natural' })
  @IsIn(CLAIM_TYPES)
  claimType: (typeof CLAIM_TYPES)[number];

  @ApiProperty({ type: StoredRuleDto })
  @ValidateNested()
  @Type(() => StoredRuleDto)
  rule: StoredRuleDto;

  @ApiProperty({ ...LOCAL_DATE, example: '2027-01-01', description: 'First incident date the entry applies to.' })
  @IsLocalDate()
  validFrom: string;

  @ApiPropertyOptional({ ...LOCAL_DATE, example: '2027-12-31', description: 'Last incident date it applies to (included). Left out: open-ended.' })
  @IsOptional()
  @IsLocalDate()
  validTo?: string;

  @ApiProperty({
    minLength: 3,
    maxLength: 1000,
    example: 'OWWA Board Resolution No. 012, s. 2026',
    description: 'Where the figure comes from: the legal instrument that sets it.',
  })
  @IsString()
  @Length(3, 1000)
  source: string;
}

export class EndBenefitScheduleDto {
  @ApiProperty({
    ...LOCAL_DATE,
    example: '2026-12-31',
    description: "The entry's new last day (included): today or later, not before its first day, and earlier than any end it already has.",
  })
  @IsLocalDate()
  validTo: string;
}

export class BeneficiaryDto {
  @ApiProperty({ minLength: 1, maxLength: 200, example: 'Liza Santos', description: "The beneficiary's full name (encrypted at rest)." })
  @IsString()
  @Length(1, 200)
  @IsSingleLineName()
  name: string;

  @ApiProperty({ minLength: 2, maxLength: 60, example: 'spouse', description: 'Their relationship to the member.' })
  @IsString()
  @Length(2, 60)
  relationship: string;

  @ApiProperty({ minLength: 3, maxLength: 60, example: 'UMID-0011-2233', description: 'An identity document number of the beneficiary (encrypted at rest).' })
  @IsString()
  @Length(3, 60)
  idNumber: string;
}

export class BeneficiaryProofDto {
  @ApiProperty({
    enum: BENEFICIARY_PROOF_KINDS,
    enumName: 'BeneficiaryProofKind',
    example: 'marriage-certificate',
    description: 'The document that proves the relationship.',
  })
  @IsIn(BENEFICIARY_PROOF_KINDS)
  kind: string;

  @ApiProperty({ minLength: 1, maxLength: 200, example: 'PSA-M-2015-0077', description: 'Its number or reference, as on the document seen.' })
  @IsString()
  @Length(1, 200)
  reference: string;
}

export class RegisterBeneficiaryDto extends BeneficiaryDto {
  @ApiPropertyOptional({
    format: 'email',
    maxLength: 254,
    example: 'liza.santos@example.ph',
    description: "The beneficiary's own account address (encrypted at rest): only then may they file a claim from their account.",
  })
  @IsOptional()
  @IsEmail()
  @Length(3, 254)
  email?: string;

  @ApiPropertyOptional({
    type: BeneficiaryProofDto,
    description:
      "Required when a welfare officer names the beneficiary on the member's behalf (400 naming `proof` without it); ignored from the member's own account.",
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => BeneficiaryProofDto)
  proof?: BeneficiaryProofDto;
}

export class RemoveBeneficiaryDto {
  @ApiProperty({ minLength: 3, maxLength: 1000, example: 'Divorced in 2026', description: 'Why the beneficiary no longer stands.' })
  @IsString()
  @Length(3, 1000)
  reason: string;
}

export class BeneficiaryParams {
  @ApiProperty({ ...PASSPORT, description: "The member's passport number." })
  @Matches(/^[A-Z0-9]{5,20}$/, { message: 'must be 5-20 capital letters and digits' })
  passport: string;

  @ApiProperty({ format: 'uuid', description: "The register entry's id." })
  @IsUUID()
  id: string;
}

export class FileClaimDto {
  @ApiProperty({ ...WELFARE_CLAIM_TYPE, example: 'death:natural' })
  @IsIn(CLAIM_TYPES)
  claimType: string;

  @ApiProperty({ ...PASSPORT, description: "The member's passport number: 5-20 capital letters and digits. Membership is looked up by it." })
  @Matches(/^[A-Z0-9]{5,20}$/, { message: 'must be 5-20 capital letters and digits' })
  workerPassportNumber: string;

  @ApiProperty({ minLength: 1, maxLength: 200, example: 'Rodel Santos', description: "The member's name." })
  @IsString()
  @Length(1, 200)
  @IsSingleLineName()
  workerName: string;

  @ApiProperty({ ...LOCAL_DATE, example: '2026-02-10', description: 'The day of the death, accident, illness or repatriation; not in the future.' })
  @IsLocalDate()
  incidentDate: string;

  @ApiProperty({ minLength: 5, maxLength: 10000, example: 'Fell from scaffolding at the work site.', description: 'What happened, in words.' })
  @IsString()
  @Length(5, 10000)
  facts: string;

  @ApiPropertyOptional({ ...POSITIVE_MINOR, example: '1250000', description: `Reimbursements: the amount claimed, in \`currency\`. ${MINOR_NOTE}` })
  @IsOptional()
  @IsPositiveMinorUnits()
  claimedMinor?: string;

  @ApiPropertyOptional({ ...CURRENCY, description: "ISO 4217 code of `claimedMinor`; left out: the schedule's currency. It must match the schedule's." })
  @IsOptional()
  @IsCurrencyCode()
  currency?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100, example: 40, description: 'Partial disability: the degree in percent.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  degreePercent?: number;

  @ApiPropertyOptional({
    type: BeneficiaryDto,
    description:
      "When a beneficiary named on the member's register files (from their own account, whose address the entry carries), or a welfare officer files for them. The name and identity number must match an active entry of the register: otherwise 404 from an account (like a passport number without membership), 422 `not-a-named-beneficiary` for an officer.",
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => BeneficiaryDto)
  beneficiary?: BeneficiaryDto;

  @ApiProperty({
    minLength: 3,
    maxLength: 500,
    example: 'BDO 0012-3456-78',
    description: 'Where to pay: bank and account, or a remittance channel (encrypted at rest; only officers see it back).',
  })
  @IsString()
  @Length(3, 500)
  payout: string;

  @ApiProperty({
    enum: LANGUAGES,
    enumName: 'Language',
    example: 'fil',
    description: "The claimant's language: mails and the claim's `nextStep` are written in it.",
  })
  @IsIn(LANGUAGES)
  language: string;
}

export class ClaimActionParams {
  @ApiProperty({ format: 'uuid', description: "The claim's id." })
  @IsUUID()
  id: string;

  @ApiProperty({
    ...WELFARE_CLAIM_ACTION,
    example: 'take',
    description: 'The move to make (docs/welfare.md, "Lifecycle"): take, request-documents, documents-received, approve, reject, disburse, confirm-payment.',
  })
  @IsIn(CLAIM_ACTIONS)
  action: ClaimAction;
}

export class ClaimActionDto {
  @ApiProperty({
    type: 'integer',
    minimum: 1,
    maximum: MAX_RECORD_VERSION,
    example: 3,
    description: "The claim's `version` as last read; a stale one is 409 `stale-version`.",
  })
  @IsRecordVersion()
  version: number;

  @ApiPropertyOptional({
    minLength: 1,
    maxLength: 5000,
    example: 'Death certificate does not match the passport.',
    description: 'Required to reject, to approve an ineligible claim (with `exceptionReason`), and with an amount above the schedule.',
  })
  @IsOptional()
  @IsString()
  @Length(1, 5000)
  reason?: string;

  @ApiPropertyOptional({
    ...WELFARE_DOCUMENT_CODE,
    isArray: true,
    example: ['death-certificate'],
    description: '`request-documents`: the checklist codes asked for (at least one).',
  })
  @IsOptional()
  @IsArray()
  @IsIn(DOCUMENT_CODES, { each: true })
  documents?: string[];

  @ApiPropertyOptional({
    ...POSITIVE_MINOR,
    example: '20000000',
    description: `\`approve\`: the amount approved; left out, the scheduled amount. Above the schedule, or when the schedule gives none (then it is required), only a supervisor may approve, with a \`reason\`. ${MINOR_NOTE}`,
  })
  @IsOptional()
  @IsPositiveMinorUnits()
  approvedMinor?: string;

  @ApiPropertyOptional({
    enum: ELIGIBILITY_EXCEPTION_REASONS,
    enumName: 'EligibilityExceptionReason',
    example: 'late-filing-good-cause',
    description:
      '`approve` of a claim outside eligibility (supervisor only, required then, with `reason` in words): why it is approved all the same. Refused (400) on an eligible claim and with any other action.',
  })
  @IsOptional()
  @IsIn(ELIGIBILITY_EXCEPTION_REASONS)
  exceptionReason?: string;

  @ApiPropertyOptional({
    minLength: 1,
    maxLength: 200,
    example: 'BDO-TRX-20260315-0042',
    description: "`confirm-payment`: the payment's reference (required).",
  })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  paidReference?: string;
}

export class ClaimQuery extends CursorPageQuery {
  @ApiPropertyOptional({ ...WELFARE_CLAIM_STATE, description: 'Only claims in this state.' })
  @IsOptional()
  @IsIn(CLAIM_STATES)
  state?: string;

  @ApiPropertyOptional({ ...WELFARE_CLAIM_TYPE, description: 'Only claims of this type.' })
  @IsOptional()
  @IsIn(CLAIM_TYPES)
  claimType?: string;
}

export class PassportParams {
  @ApiProperty({ ...PASSPORT, description: "The worker's passport number: 5-20 capital letters and digits." })
  @Matches(/^[A-Z0-9]{5,20}$/, { message: 'must be 5-20 capital letters and digits' })
  passport: string;
}

export class RecordFundIncomeDto {
  @ApiProperty({
    enum: INCOME_KINDS,
    enumName: 'FundIncomeKind',
    example: 'appropriation',
    description: '`appropriation`: money from the state budget; `other-income`: interest, donations, recoveries.',
  })
  @IsIn(INCOME_KINDS)
  kind: 'appropriation' | 'other-income';

  @ApiProperty({ ...POSITIVE_MINOR, example: '100000000', description: `The amount received, in the fund's currency. ${MINOR_NOTE}` })
  @IsPositiveMinorUnits()
  amountMinor: string;

  @ApiProperty({ ...CURRENCY, description: "ISO 4217 code: the fund's currency (`WELFARE_FUND_CURRENCY`), else 400. Nothing is converted." })
  @IsCurrencyCode()
  currency: string;

  @ApiProperty({ ...LOCAL_DATE, example: '2026-03-01', description: 'The day the money was received; not in the future.' })
  @IsLocalDate()
  receivedOn: string;

  @ApiProperty({
    minLength: 1,
    maxLength: 200,
    example: 'SARO-2026-0042',
    description: "The appropriation's warrant (allotment order) or the bank's reference; unique (409 `income-reference-taken`).",
  })
  @IsString()
  @Length(1, 200)
  reference: string;

  @ApiProperty({
    minLength: 3,
    maxLength: 2000,
    example: 'General Appropriations Act 2026, welfare fund subsidy, first release',
    description: 'What the money is.',
  })
  @IsString()
  @Length(3, 2000)
  description: string;
}

/** The multipart fields of a claim document upload (checked by withSingleFileUpload). */
export class UploadClaimDocumentFields {
  @IsIn(DOCUMENT_CODES)
  document: string;
}

/** The multipart body, for OpenAPI only (the route streams it; see withSingleFileUpload). */
export class UploadClaimDocumentBody {
  @ApiProperty({
    ...WELFARE_DOCUMENT_CODE,
    example: 'medical-receipts',
    description: 'Which document asked for this file is. Send this field before the file.',
  })
  document: string;

  @ApiProperty({
    type: 'string',
    format: 'binary',
    description: `Exactly one ${ACCEPTED_TYPES_IN_WORDS} file (recognised by its content, not its name), at most DOCUMENTS_MAX_BYTES (10 MiB by default).`,
  })
  file: unknown;
}
