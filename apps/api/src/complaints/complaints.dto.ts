import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsISO8601,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  ALLEGATION_CATEGORIES,
  COMPLAINT_ACTIONS,
  DEADLINE_STATES,
  DUE_SOON_HOURS,
  DeadlineState,
  COMPLAINT_STAGES,
  ComplaintAction,
  ComplaintStage,
  FINE_STATES,
  QUEUE_SORTS,
  QueueSort,
  SORT_ORDERS,
  SortOrder,
  COMPLIANCE_STATEMENT_MAX,
} from '@app/complaints';
import { LANGUAGES } from '@app/auth';
import { CursorPageQuery, PageQuery } from '@app/common';
import { ACCEPTED_TYPES_IN_WORDS } from '@app/documents';
import { IsCountryCode, IsCurrencyCode, IsLocalDate, IsPositiveMinorUnits, IsRecordVersion, IsSingleLineName, MAX_RECORD_VERSION } from '../http/dto-rules';

const MINOR = '^[1-9][0-9]{0,17}$';
const MINOR_TEXT = 'Integer minor units (centavos) as a decimal string, positive, at most 18 digits (a JSON integer is accepted too).';
const CURRENCY = '^[A-Z]{3}$';
const DATE = '^[0-9]{4}-[0-9]{2}-[0-9]{2}$';

export class AllegationDto {
  @ApiProperty({
    enum: ALLEGATION_CATEGORIES,
    enumName: 'AllegationCategory',
    example: 'retained-documents',
    description: 'What kind of wrong (retained-documents and abuse-harassment make the case urgent).',
  })
  @IsIn(ALLEGATION_CATEGORIES)
  category: string;
  @ApiProperty({
    minLength: 5,
    maxLength: 5000,
    example: 'They kept my passport when I arrived and have not given it back.',
    description: 'What happened, in your words.',
  })
  @IsString()
  @Length(5, 5000)
  facts: string;
  @ApiPropertyOptional({ type: String, format: 'date', pattern: DATE, example: '2026-02-20', description: 'When it happened (YYYY-MM-DD).' })
  @IsOptional()
  @IsLocalDate()
  occurredOn?: string;
  @ApiPropertyOptional({
    type: String,
    pattern: MINOR,
    example: '5000000',
    description: MINOR_TEXT + ' An amount at stake (a fee charged, wages owed); give it with its currency.',
  })
  @IsOptional()
  @IsPositiveMinorUnits()
  amountMinor?: string;
  @ApiPropertyOptional({ type: String, pattern: CURRENCY, example: 'PHP', description: "ISO 4217, the amount's currency; only with an amount." })
  @IsOptional()
  @IsCurrencyCode()
  currency?: string;
  @ApiPropertyOptional({
    type: Boolean,
    default: false,
    description: 'Signs of trafficking (debt bondage, confinement, threats): makes the case urgent and the offence serious.',
  })
  @IsOptional()
  @IsBoolean()
  traffickingIndicators?: boolean;
}

export class StatedFeeDto {
  @ApiProperty({ pattern: '^[a-z][a-z0-9-]{1,63}$', example: 'placement-fee', description: 'A cost-item code (GET /public/fees/vocabulary).' })
  @Matches(/^[a-z][a-z0-9-]{1,63}$/, { message: 'must be a cost-item code such as placement-fee (see GET /public/fees/vocabulary)' })
  item: string;
  @ApiProperty({ type: String, pattern: MINOR, example: '8000000', description: MINOR_TEXT }) @IsPositiveMinorUnits() amountMinor: string;
  @ApiProperty({ pattern: CURRENCY, example: 'PHP', description: 'ISO 4217.' }) @IsCurrencyCode() currency: string;
  @ApiProperty({ format: 'date', pattern: DATE, example: '2026-02-20', description: 'When it was paid (the rule in force that day applies).' })
  @IsLocalDate()
  date: string;
}

export class StatedFeesDto {
  @ApiProperty({ minLength: 1, maxLength: 64, example: 'domestic-work', description: 'The occupation category of the job (GET /public/fees/vocabulary).' })
  @IsString()
  @Length(1, 64)
  occupationCategory: string;
  @ApiProperty({ type: String, pattern: MINOR, example: '499000', description: 'The monthly basic salary of the job. ' + MINOR_TEXT })
  @IsPositiveMinorUnits()
  monthlySalaryMinor: string;
  @ApiProperty({ pattern: CURRENCY, example: 'HKD', description: "ISO 4217, the salary's currency." }) @IsCurrencyCode() salaryCurrency: string;
  @ApiProperty({ type: [StatedFeeDto], minItems: 1, maxItems: 50, description: 'Each fee paid.' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => StatedFeeDto)
  fees: StatedFeeDto[];
}

export class StatedContractDto {
  @ApiProperty({
    format: 'uuid',
    description: "A placement recorded for you (your account is its worker's); an inspector may name any. Otherwise 400 naming this field.",
  })
  @IsUUID()
  placementId: string;
  @ApiPropertyOptional({ type: String, pattern: MINOR, example: '350000', description: 'The monthly basic salary you actually get. ' + MINOR_TEXT })
  @IsOptional()
  @IsPositiveMinorUnits()
  monthlySalaryMinor?: string;
  @ApiPropertyOptional({ pattern: CURRENCY, example: 'HKD', description: 'ISO 4217, with the salary.' })
  @IsOptional()
  @IsCurrencyCode()
  salaryCurrency?: string;
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 168, example: 72, description: 'Hours you work a week.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(168)
  hoursPerWeek?: number;
  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 7, example: 0, description: 'Rest days you get a week.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(7)
  restDaysPerWeek?: number;
  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 366, example: 0, description: 'Paid leave days a year.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(366)
  paidLeaveDaysPerYear?: number;
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 120, example: 36, description: 'The length of the contract you signed, in months.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(120)
  contractMonths?: number;
  @ApiPropertyOptional({ enum: ['employer', 'shared', 'worker'], enumName: 'FarePayer', example: 'worker', description: 'Who paid the fare.' })
  @IsOptional()
  @IsIn(['employer', 'shared', 'worker'])
  farePaidBy?: 'employer' | 'shared' | 'worker';
}

export class FileComplaintDto {
  @ApiPropertyOptional({
    minLength: 3,
    maxLength: 40,
    example: 'PH-LRA-2026-00042-7',
    description: "The recruiter's license number, if known (it identifies the agency). Give at least one of licenseNumber, agencyName, recruiterDescription.",
  })
  @IsOptional()
  @IsString()
  @Length(3, 40)
  licenseNumber?: string;
  @ApiPropertyOptional({
    minLength: 2,
    maxLength: 300,
    example: 'Bayanihan Manpower Services Inc.',
    description: "The agency's name (an exact legal name identifies it).",
  })
  @IsOptional()
  @IsString()
  @Length(2, 300)
  @IsSingleLineName()
  agencyName?: string;
  @ApiPropertyOptional({ minLength: 2, maxLength: 2000, description: 'An unlicensed recruiter, in words.' })
  @IsOptional()
  @IsString()
  @Length(2, 2000)
  recruiterDescription?: string;
  @ApiPropertyOptional({ minLength: 1, maxLength: 300, example: 'Al Noor Household', description: 'The employer abroad.' })
  @IsOptional()
  @IsString()
  @Length(1, 300)
  @IsSingleLineName()
  employerName?: string;
  @ApiPropertyOptional({ pattern: '^[A-Z]{2}$', example: 'SA', description: 'ISO 3166-1 alpha-2 code of the country of work.' })
  @IsOptional()
  @IsCountryCode()
  destinationCountry?: string;
  @ApiProperty({ type: [AllegationDto], minItems: 1, maxItems: 20, description: 'What the complaint is about: one entry per wrong.' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => AllegationDto)
  allegations: AllegationDto[];
  @ApiPropertyOptional({
    minLength: 1,
    maxLength: 200,
    example: 'Maria Santos',
    description: 'Stored encrypted; not kept when anonymous. A walk-in or hotline complaint needs a name, an email or a phone.',
  })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  @IsSingleLineName()
  complainantName?: string;
  @ApiPropertyOptional({
    format: 'email',
    example: 'maria.santos@example.org',
    description: 'Where the acknowledgement and the case news are mailed. Stored encrypted; not kept when anonymous.',
  })
  @IsOptional()
  @IsEmail({}, { message: 'must be an email address' })
  email?: string;
  @ApiPropertyOptional({ pattern: '^\\+?[0-9 ()-]{6,25}$', example: '+63 917 123 4567', description: 'Stored encrypted; not kept when anonymous.' })
  @IsOptional()
  @Matches(/^\+?[0-9 ()-]{6,25}$/, { message: 'must be a phone number' })
  phone?: string;
  @ApiProperty({ enum: LANGUAGES, example: 'en', description: 'The language of every message and of the case view.' }) @IsIn(LANGUAGES) language: string;
  @ApiPropertyOptional({
    type: Boolean,
    default: false,
    description:
      'Public path only (400 elsewhere): no name or contact is kept; only the reference and the tracking secret identify you. Implies identityProtected.',
  })
  @IsOptional()
  @IsBoolean()
  anonymous?: boolean;
  @ApiPropertyOptional({ type: Boolean, default: false, description: 'The agency never learns who you are.' })
  @IsOptional()
  @IsBoolean()
  identityProtected?: boolean;
  @ApiPropertyOptional({ type: Boolean, default: false, description: 'Still abroad with the employer (makes the case urgent).' })
  @IsOptional()
  @IsBoolean()
  workerAbroad?: boolean;
  @ApiPropertyOptional({
    type: StatedFeesDto,
    description:
      'What you paid, for the job: the fees module checks it against the rules in force (needs destinationCountry); a serious violation makes the case urgent. A bad fee line is a 400 naming statedFees.fees[i].',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => StatedFeesDto)
  statedFees?: StatedFeesDto;
  @ApiPropertyOptional({
    type: StatedContractDto,
    description:
      'The contract you actually got, for a placement recorded for you (worker account or inspector only: 400 on the public path). Each term you state is set beside the contract registered with the placement; any difference flags the case as contract substitution (an allegation of that category is added when you did not name one).',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => StatedContractDto)
  statedContract?: StatedContractDto;
}

export class WalkInComplaintDto extends FileComplaintDto {
  @ApiProperty({ enum: ['walk-in', 'hotline'], example: 'walk-in', description: 'How the caller reached the inspector.' })
  @IsIn(['walk-in', 'hotline'])
  channel: 'walk-in' | 'hotline';
}

export class ReferenceParams {
  @ApiProperty({
    minLength: 8,
    maxLength: 40,
    example: 'CMP-2026-00042-7',
    description: "The case's reference, as given when it was filed (case and dashes are forgiven).",
  })
  @IsString()
  @Length(8, 40)
  reference: string;
}

export class SettlementAmountDto {
  @ApiProperty({ type: String, pattern: MINOR, example: '8000000', description: MINOR_TEXT }) @IsPositiveMinorUnits() amountMinor: string;
  @ApiProperty({ pattern: CURRENCY, example: 'PHP', description: 'ISO 4217.' }) @IsCurrencyCode() currency: string;
  @ApiProperty({ minLength: 1, maxLength: 200, example: 'the complainant', description: 'Who is to be paid.' })
  @IsString()
  @Length(1, 200)
  @IsSingleLineName()
  payableTo: string;
}

export class SettlementDto {
  @ApiProperty({
    minLength: 5,
    maxLength: 5000,
    example: 'The agency refunds the placement fee and returns the passport.',
    description: 'What the parties agreed.',
  })
  @IsString()
  @Length(5, 5000)
  terms: string;
  @ApiProperty({ type: [SettlementAmountDto], maxItems: 20, description: 'The amounts the settlement makes payable (may be empty).' })
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => SettlementAmountDto)
  amounts: SettlementAmountDto[];
  @ApiProperty({
    format: 'date',
    pattern: DATE,
    example: '2026-04-30',
    description: 'The day by which the agency must comply (the end of that day, local time, is the deadline).',
  })
  @IsLocalDate()
  complyBy: string;
}

export class HearingDto {
  @ApiProperty({ format: 'date-time', example: '2026-12-10T02:00:00Z', description: 'When; must be in the future.' }) @IsISO8601({ strict: true }) at: string;
  @ApiProperty({ minLength: 2, maxLength: 500, example: 'Room 4, Ministry building, Manila' }) @IsString() @Length(2, 500) place: string;
}

export class DecidedSanctionDto {
  @ApiProperty({
    enum: ['suspension', 'revocation', 'fine', 'refund-order'],
    enumName: 'SanctionKind',
    example: 'suspension',
    description: 'refund-order: the agency pays the worker back.',
  })
  @IsIn(['suspension', 'revocation', 'fine', 'refund-order'])
  kind: 'suspension' | 'revocation' | 'fine' | 'refund-order';
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 120, example: 2, description: 'Required for a suspension: its length in months.' })
  @ValidateIf((o: DecidedSanctionDto) => o.kind === 'suspension')
  @IsInt()
  @Min(1)
  @Max(120)
  months?: number;
  @ApiPropertyOptional({ type: String, pattern: MINOR, example: '5000000', description: 'Required for a fine or a refund order. ' + MINOR_TEXT })
  @ValidateIf((o: DecidedSanctionDto) => o.kind === 'fine' || o.kind === 'refund-order')
  @IsPositiveMinorUnits()
  amountMinor?: string;
  @ApiPropertyOptional({ pattern: CURRENCY, example: 'PHP', description: 'Required for a fine or a refund order: ISO 4217.' })
  @ValidateIf((o: DecidedSanctionDto) => o.kind === 'fine' || o.kind === 'refund-order')
  @IsCurrencyCode()
  currency?: string;
}

export class FindingDto {
  @ApiProperty({ format: 'uuid', description: "One of the case's allegations (409 unknown-allegation otherwise)." }) @IsUUID() allegationId: string;
  @ApiProperty({ enum: ['violation', 'dismissed'], example: 'violation' }) @IsIn(['violation', 'dismissed']) finding: 'violation' | 'dismissed';
  @ApiPropertyOptional({ minLength: 1, maxLength: 5000, description: 'The reasoning on this allegation (the parties see it).' })
  @IsOptional()
  @IsString()
  @Length(1, 5000)
  note?: string;
  @ApiPropertyOptional({
    type: [DecidedSanctionDto],
    description: "For a violation: the sanctions decided. Default: the penalty schedule's proposal; a departure needs departureReason.",
  })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => DecidedSanctionDto)
  sanctions?: DecidedSanctionDto[];
  @ApiPropertyOptional({ minLength: 5, maxLength: 2000, description: "Required when `sanctions` departs from the schedule's proposal (400 otherwise)." })
  @IsOptional()
  @IsString()
  @Length(5, 2000)
  departureReason?: string;
}

export class ComplaintActionParams {
  @ApiProperty({ format: 'uuid', description: 'The case.' }) @IsUUID() id: string;
  @ApiProperty({
    enum: COMPLAINT_ACTIONS,
    enumName: 'ComplaintAction',
    example: 'accept',
    description: 'The move (docs/complaints.md: what each needs and who may take it).',
  })
  @IsIn(COMPLAINT_ACTIONS)
  action: ComplaintAction;
}

export class ComplaintActionDto {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: MAX_RECORD_VERSION, example: 1, description: 'The version you read (409 stale-version otherwise).' })
  @IsRecordVersion()
  version: number;
  @ApiPropertyOptional({
    minLength: 1,
    maxLength: 5000,
    description:
      'Required by dismiss, fail-conciliation, breach-settlement, appeal and every backwards move (return-to-conciliation, reopen); shown to the parties.',
  })
  @IsOptional()
  @IsString()
  @Length(1, 5000)
  reason?: string;
  @ApiPropertyOptional({
    minLength: 2,
    maxLength: 300,
    example: 'Department of Migrant Workers, Legal Assistance',
    description: 'refer: where the case is sent.',
  })
  @IsOptional()
  @IsString()
  @Length(2, 300)
  @IsSingleLineName()
  referralTarget?: string;
  @ApiPropertyOptional({ type: Boolean, description: 'extend-conciliation: both parties consented (once per case).' })
  @IsOptional()
  @IsBoolean()
  bothPartiesConsent?: boolean;
  @ApiPropertyOptional({ type: SettlementDto, description: 'settle: the terms.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => SettlementDto)
  settlement?: SettlementDto;
  @ApiPropertyOptional({ minLength: 5, maxLength: 20000, description: "record-answer: the agency's written answer (recorded by an officer)." })
  @IsOptional()
  @IsString()
  @Length(5, 20000)
  answer?: string;
  @ApiPropertyOptional({ type: HearingDto, description: 'schedule-hearing: when and where.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => HearingDto)
  hearing?: HearingDto;
  @ApiPropertyOptional({ type: [FindingDto], description: 'decide, decide-appeal: a finding for every allegation of the case.' })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => FindingDto)
  findings?: FindingDto[];
}

export class AgencyAnswerDto {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: MAX_RECORD_VERSION, example: 3, description: 'The version you read (409 stale-version otherwise).' })
  @IsRecordVersion()
  version: number;
  @ApiProperty({
    minLength: 5,
    maxLength: 20000,
    example: "The passport was kept in our office safe at the worker's request and was returned on 3 March.",
    description: "The agency's written answer to the allegations.",
  })
  @IsString()
  @Length(5, 20000)
  answer: string;
}

/** The complainant's appeal (the same move as the agency's, on the same row of the lifecycle table). */
export class ComplainantAppealDto {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: MAX_RECORD_VERSION, example: 5, description: 'The version you read (409 stale-version otherwise).' })
  @IsRecordVersion()
  version: number;
  @ApiProperty({
    minLength: 5,
    maxLength: 5000,
    example: 'The decision does not order the agency to return my passport.',
    description: 'The grounds of the appeal (shown to the agency and the ministry).',
  })
  @IsString()
  @Length(5, 5000)
  reason: string;
}

export class WithdrawComplaintDto {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: MAX_RECORD_VERSION, example: 3, description: 'The version you read (409 stale-version otherwise).' })
  @IsRecordVersion()
  version: number;
  @ApiPropertyOptional({
    minLength: 1,
    maxLength: 2000,
    example: 'The agency gave my passport back.',
    description: 'Why, if you wish to say (shown to the ministry and the agency).',
  })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  reason?: string;
}

export class ComplaintInformationDto {
  @ApiProperty({
    minLength: 5,
    maxLength: 5000,
    example: 'The agency called me again yesterday and asked me to drop the complaint.',
    description: 'What you want to add, in your words. The ministry sees it; the agency never does.',
  })
  @IsString()
  @Length(5, 5000)
  text: string;
}

export class AgencyAppealDto {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: MAX_RECORD_VERSION, example: 5, description: 'The version you read (409 stale-version otherwise).' })
  @IsRecordVersion()
  version: number;
  @ApiProperty({
    minLength: 5,
    maxLength: 5000,
    example: 'The finding ignores the signed receipt for the returned passport.',
    description: 'The grounds of the appeal.',
  })
  @IsString()
  @Length(5, 5000)
  reason: string;
}

export class NoteDto {
  @ApiProperty({ minLength: 1, maxLength: 10000, example: 'Called the agency; the passport is to be returned on Monday.' })
  @IsString()
  @Length(1, 10000)
  body: string;
  @ApiProperty({
    enum: ['internal', 'shared'],
    enumName: 'NoteVisibility',
    example: 'internal',
    description: 'internal: ministry staff only; shared: the complainant and the agency see it too.',
  })
  @IsIn(['internal', 'shared'])
  visibility: 'internal' | 'shared';
}

export class RevealIdentityDto {
  @ApiProperty({
    minLength: 5,
    maxLength: 2000,
    example: 'Calling the complainant to arrange the conciliation conference.',
    description: 'Why the officer needs to see who the complainant is (kept in the audit entry).',
  })
  @IsString()
  @Length(5, 2000)
  @Matches(/\S/, { message: 'reason must not be blank' })
  reason: string;
}

export class LinkAgencyDto {
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The agency the case is about; null unlinks it.' })
  @ValidateIf((o: LinkAgencyDto) => o.agencyId !== null)
  @IsUUID()
  agencyId: string | null;
  @ApiProperty({
    minLength: 5,
    maxLength: 2000,
    example: 'The complainant named "Bayanihan Manpower"; its Cebu branch recruited her.',
    description: 'Why (internal).',
  })
  @IsString()
  @Length(5, 2000)
  reason: string;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: MAX_RECORD_VERSION, example: 1, description: 'The version you read (409 stale-version otherwise).' })
  @IsRecordVersion()
  version: number;
}

export class AssignDto {
  @ApiProperty({ format: 'uuid', description: 'An active inspector (400 otherwise).' }) @IsUUID() userId: string;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: MAX_RECORD_VERSION, example: 1, description: 'The version you read (409 stale-version otherwise).' })
  @IsRecordVersion()
  version: number;
}

export class FineQuery extends PageQuery {
  @ApiPropertyOptional({ enum: FINE_STATES, enumName: 'FineState', description: 'Only fines in this state.' }) @IsOptional() @IsIn(FINE_STATES) state?: string;
  @ApiPropertyOptional({ format: 'uuid', description: "Only this agency's fines (an agency's own list ignores it)." })
  @IsOptional()
  @IsUUID()
  agencyId?: string;
}

export class FinePaymentDto {
  @ApiPropertyOptional({
    minLength: 1,
    maxLength: 200,
    example: 'LBP-2026-55231',
    description:
      "The proof of payment (bank or treasury receipt). Required for an open fine; for a fine whose payment the agency declared, omit it to confirm the agency's declared reference.",
  })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  paidReference?: string;
}

export class RejectFineDeclarationDto {
  @ApiProperty({
    minLength: 5,
    maxLength: 2000,
    example: 'The receipt is for a different fine.',
    description: 'Why the declaration is rejected: the agency is mailed it.',
  })
  @IsString()
  @Length(5, 2000)
  reason: string;
}

/** The multipart body of a fine's payment declaration, for OpenAPI only (the route streams it). */
export class DeclareFinePaymentBody {
  @ApiProperty({ minLength: 1, maxLength: 200, example: 'LBP-2026-55231', description: 'The bank or treasury reference of the payment of the fine.' })
  paymentReference: string;

  @ApiProperty({
    type: 'string',
    format: 'binary',
    description: `Exactly one proof of payment (receipt, bank slip): a ${ACCEPTED_TYPES_IN_WORDS} file recognised by its content, at most DOCUMENTS_MAX_BYTES.`,
  })
  file: unknown;
}

/** The multipart text field of an agency's settlement-compliance declaration (validated like a JSON body). */
export class ComplianceDeclarationFields {
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Matches(/\S/, { message: 'must not be blank' })
  @MaxLength(COMPLIANCE_STATEMENT_MAX)
  statement: string;
}

/** The multipart body of a compliance declaration, for OpenAPI only (the route streams it). */
export class DeclareComplianceBody {
  @ApiProperty({
    minLength: 1,
    maxLength: COMPLIANCE_STATEMENT_MAX,
    example: 'We refunded the placement fee by bank transfer on 2 April and returned the passport in person.',
    description: 'What the agency did to comply with the settlement, and when (trimmed; required).',
  })
  statement: string;

  @ApiPropertyOptional({
    type: 'string',
    format: 'binary',
    description: `At most one proof (a receipt, a bank slip, a signed acknowledgement): a ${ACCEPTED_TYPES_IN_WORDS} file recognised by its content, at most DOCUMENTS_MAX_BYTES. Optional.`,
  })
  file?: unknown;
}

const bool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class QueueQuery extends CursorPageQuery {
  // The queue pages by cursor both ways: the same parameter takes a page's `next` or its `previous`.
  @ApiPropertyOptional({
    type: String,
    maxLength: 200,
    description:
      "A page's `next` (for the page after it) or `previous` (for the page before it, in the same order), passed back unchanged with the same filters, `sort` and `order`. Takes precedence over `page`.",
    example: 'WzEsIjIwMjYtMTItMDEgMDg6MDA6MDArMDAiLCI2ZjBlLi4uIl0',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  override cursor?: string = undefined;

  @ApiPropertyOptional({
    type: Boolean,
    description:
      "The ministry's queue: closed cases too (true or false). Without `stage` the queue holds open cases only; ignored on the agency list, which holds all of the agency's cases.",
  })
  @IsOptional()
  @Transform(bool)
  @IsBoolean()
  includeClosed?: boolean;
  @ApiPropertyOptional({ enum: COMPLAINT_STAGES, enumName: 'ComplaintStage', description: 'Only cases in this stage.' })
  @IsOptional()
  @IsIn(COMPLAINT_STAGES)
  stage?: ComplaintStage;
  @ApiPropertyOptional({ enum: ['normal', 'urgent'], enumName: 'ComplaintPriority', description: 'Only cases of this priority.' })
  @IsOptional()
  @IsIn(['normal', 'urgent'])
  priority?: 'normal' | 'urgent';
  @ApiPropertyOptional({ format: 'uuid', description: "Only cases about this agency (an agency's own list ignores it)." })
  @IsOptional()
  @IsUUID()
  agencyId?: string;
  @ApiPropertyOptional({ type: Boolean, description: 'Only cases with an open deadline past due (true or false).' })
  @IsOptional()
  @Transform(bool)
  @IsBoolean()
  overdue?: boolean;
  @ApiPropertyOptional({ type: Boolean, description: 'Only cases assigned to the caller (ignored on the agency list).' })
  @IsOptional()
  @Transform(bool)
  @IsBoolean()
  assignedToMe?: boolean;
  @ApiPropertyOptional({ type: Boolean, description: "Only the supervisors' queue (escalated cases; ignored on the agency list)." })
  @IsOptional()
  @Transform(bool)
  @IsBoolean()
  supervisorQueue?: boolean;
  @ApiPropertyOptional({ enum: ALLEGATION_CATEGORIES, enumName: 'AllegationCategory', description: 'Only cases with an allegation of this category.' })
  @IsOptional()
  @IsIn(ALLEGATION_CATEGORIES)
  category?: string;
  @ApiPropertyOptional({
    enum: DEADLINE_STATES,
    enumName: 'DeadlineState',
    description: `Only cases whose nearest open deadline is past due (\`overdue\`), due within ${DUE_SOON_HOURS} hours (\`due-soon\`) or further off (\`on-time\`); a case with no open deadline matches none.`,
  })
  @IsOptional()
  @IsIn(DEADLINE_STATES)
  deadlineState?: DeadlineState;
  @ApiPropertyOptional({
    enum: QUEUE_SORTS,
    enumName: 'QueueSort',
    default: 'priority',
    description:
      'The order: `priority` (urgent first, then oldest first), `deadline` (the nearest open deadline first; cases with none last), `filed` (oldest first), ' +
      "`stage` (in the lifecycle's order, then oldest first), `agency` (by the agency's legal name, cases naming no licensed agency first, then oldest first); ties broken by id. Each order is served by an index and paged by `cursor`.",
  })
  @IsOptional()
  @IsIn(QUEUE_SORTS)
  sort?: QueueSort;
  @ApiPropertyOptional({
    enum: SORT_ORDERS,
    enumName: 'SortOrder',
    default: 'asc',
    description: '`desc` reverses the whole order. A `cursor` continues only the sort and order it was made for (another is 400 naming `cursor`).',
  })
  @IsOptional()
  @IsIn(SORT_ORDERS)
  order?: SortOrder;
}
