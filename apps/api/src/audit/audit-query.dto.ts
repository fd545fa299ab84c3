import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDateString, IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import { AuditEntryView, AuditPartitionsStatus, ChainVerificationStatus } from '@app/audit';

export class AuditHistoryQuery {
  /** At most this many entries, newest first (default 50). */
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 500, default: 50, description: 'At most this many entries.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  /** Only entries older than this seq: pass the previous page's `nextBefore`. */
  @ApiPropertyOptional({
    pattern: '^[1-9]\\d{0,18}$',
    example: '18342',
    description: "Only entries older than this `seq`: pass the previous page's `nextBefore`.",
  })
  @IsOptional()
  @Matches(/^[1-9]\d{0,18}$/, { message: 'must be a positive whole number (an entry seq)' })
  before?: string;
}

export class AuditSubjectParams {
  @ApiProperty({
    pattern: '^[a-z][a-z0-9_.-]{0,63}$',
    example: 'user',
    description: 'The subject type: `user`, `agency`, `case`, `session`, `notification`, `sla-policy`, `jurisdiction`, ...',
  })
  @Matches(/^[a-z][a-z0-9_.-]{0,63}$/, { message: 'must be a subject type such as user, agency or case' })
  type: string;

  @ApiProperty({
    pattern: '^[A-Za-z0-9_.:-]{1,128}$',
    example: '3b241101-e2bb-4255-8caf-4136c566a962',
    description: 'The subject id as the entries record it (a uuid, a case reference, a code).',
  })
  @Matches(/^[A-Za-z0-9_.:-]{1,128}$/, { message: 'must be a subject id' })
  id: string;
}

/** One page of a subject's history, newest first. */
export class AuditHistoryView {
  @ApiProperty({ type: [AuditEntryView], description: 'The entries, newest first.' })
  items: AuditEntryView[];

  @ApiProperty({
    type: String,
    nullable: true,
    pattern: '^[1-9][0-9]{0,18}$',
    example: '18291',
    description: 'Send as `before` for the next (older) page; null when this page is the last (it held fewer than `limit` entries).',
  })
  nextBefore: string | null;
}

/** What the background verification last found, per chain. */
export class AuditChainsView {
  @ApiProperty({ example: true, description: 'False when the verification found a chain broken.' })
  valid: boolean;

  @ApiProperty({ example: true, description: 'True when the verification has reached the recorded head of every chain.' })
  upToDate: boolean;

  @ApiProperty({
    type: [ChainVerificationStatus],
    description: 'Each chain by name (`main` always once the worker has run): how far it is verified, when, and the first break found.',
  })
  chains: ChainVerificationStatus[];

  @ApiProperty({
    type: AuditPartitionsStatus,
    description:
      "How the log's monthly partitions stand: `healthy` false when entries fell into the default partition (months without a partition of their own) " +
      'or when the next month has no partition yet. Says nothing about the chains.',
  })
  partitions: AuditPartitionsStatus;
}

/** The audit trail's search: every criterion optional, all given must hold; newest first. */
export class AuditSearchQuery extends AuditHistoryQuery {
  @ApiPropertyOptional({
    pattern: '^[a-z][a-z0-9_.-]{0,63}$',
    example: 'complaint',
    description: 'Only entries about subjects of this type (`user`, `agency`, `complaint`, ...).',
  })
  @IsOptional()
  @Matches(/^[a-z][a-z0-9_.-]{0,63}$/, { message: 'must be a subject type such as user, agency or complaint' })
  subjectType?: string;

  @ApiPropertyOptional({
    pattern: '^[A-Za-z0-9_.:-]{1,128}$',
    example: '3b241101-e2bb-4255-8caf-4136c566a962',
    description: 'Only entries about this subject id (a uuid, a case reference, a code).',
  })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_.:-]{1,128}$/, { message: 'must be a subject id' })
  subjectId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only entries of this acting user.' })
  @IsOptional()
  @IsUUID()
  actorId?: string;

  @ApiPropertyOptional({
    pattern: '^[a-z][a-z0-9_.-]{0,127}$',
    example: 'complaint',
    description: 'An action (`complaint.reassigned`) or a dotted prefix of actions: `complaint` finds `complaint` and every `complaint.*`.',
  })
  @IsOptional()
  @Matches(/^[a-z][a-z0-9_.-]{0,127}$/, { message: 'must be an action such as complaint.reassigned, or a prefix such as complaint' })
  action?: string;

  @ApiPropertyOptional({ format: 'date-time', example: '2026-03-01T00:00:00Z', description: 'Only entries that occurred at or after this instant.' })
  @IsOptional()
  @IsDateString({ strict: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', example: '2026-04-01T00:00:00Z', description: 'Only entries that occurred before this instant.' })
  @IsOptional()
  @IsDateString({ strict: true })
  to?: string;
}
