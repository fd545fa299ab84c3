import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

export class AuditHistoryQuery {
  /** At most this many entries, newest first (default 50). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  /** Only entries older than this seq: pass the previous page's `nextBefore`. */
  @IsOptional()
  @Matches(/^[1-9]\d{0,18}$/, { message: 'must be a positive whole number (an entry seq)' })
  before?: string;
}

export class AuditSubjectParams {
  @Matches(/^[a-z][a-z0-9_.-]{0,63}$/, { message: 'must be a subject type such as user, agency or case' })
  type: string;

  @Matches(/^[A-Za-z0-9_.:-]{1,128}$/, { message: 'must be a subject id' })
  id: string;
}
