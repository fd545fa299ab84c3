import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** One refused field of a request (validation problems only). */
export class FieldProblem {
  @ApiProperty({ description: 'Path of the offending field in the request body, query or path.', example: 'owners[1].email' })
  field: string;

  @ApiProperty({ description: 'Why it was refused, in words (English).', example: 'must be an email' })
  message: string;

  @ApiProperty({ description: 'Stable name of the rule that failed.', example: 'isEmail' })
  rule: string;
}

/**
 * RFC 9457 problem details: the body of every error answer, as `application/problem+json`.
 * Members beyond those listed are extensions of a particular problem code (docs/errors.md).
 */
export class Problem {
  @ApiProperty({
    description: 'Stable URN of the kind of problem: `urn:lcs:problem:<code>`.',
    example: 'urn:lcs:problem:stale-version',
    pattern: '^urn:lcs:problem:[a-z0-9-]+$',
  })
  type: string;

  @ApiProperty({ description: 'The last part of `type`: the stable code to switch on. Each response lists the codes it can carry.', example: 'stale-version' })
  code: string;

  @ApiProperty({ description: 'Short summary for people; may change, never switch on it.', example: 'Conflict' })
  title: string;

  @ApiProperty({ description: 'The HTTP status code, repeated.', example: 409, type: 'integer' })
  status: number;

  @ApiPropertyOptional({
    description: 'What went wrong in this occurrence, for people (English).',
    example: 'Someone else changed this case meanwhile; reload it and try again.',
  })
  detail?: string;

  @ApiPropertyOptional({ description: 'The request path that failed.', example: '/complaints/1d6c2a4e-4b1e-4f61-9a51-0d1f3c1a2b3c/actions/triage' })
  instance?: string;

  @ApiProperty({
    description: 'Correlation id of the request, also sent as `X-Request-Id`; quote it when reporting a problem.',
    example: '5f0c1f1e-8a59-4c1e-9d7e-3b2f0d1c9a11',
  })
  correlationId: string;

  @ApiPropertyOptional({ description: '`validation-failed` only: every refused field.', type: [FieldProblem] })
  errors?: FieldProblem[];

  @ApiPropertyOptional({ description: '429 and 503: seconds to wait before retrying (also the `Retry-After` header).', type: 'integer', example: 5 })
  retryAfter?: number;

  @ApiPropertyOptional({ description: "`stale-version`: the record's current version.", type: 'integer', example: 4 })
  currentVersion?: number;

  @ApiPropertyOptional({ description: "`transition-not-allowed`: the actions the record's current state allows.", type: [String], example: ['triage'] })
  allowedActions?: string[];
}
