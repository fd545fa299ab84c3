import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, ValidateBy, ValidationArguments } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { IsLocalDate } from './dto-rules';

/** `to` may not be before `from` (both YYYY-MM-DD, so text order is date order). */
const NotBefore = (field: string) =>
  ValidateBy({
    name: 'notBefore',
    constraints: [field],
    validator: {
      validate: (value: unknown, args?: ValidationArguments) => {
        const other = (args?.object as Record<string, unknown> | undefined)?.[field];
        return typeof value !== 'string' || typeof other !== 'string' || value >= other;
      },
      defaultMessage: () => `must not be before ${field}`,
    },
  });

/** The query every report takes: a period of local dates and the format (JSON, or a CSV download). */
export class ReportQuery {
  @ApiPropertyOptional({ example: '2026-01-01', description: 'First day of the period (local date of the home jurisdiction), included' })
  @IsOptional()
  @IsLocalDate()
  from?: string;

  @ApiPropertyOptional({ example: '2026-03-31', description: 'Last day of the period, included; not before `from`' })
  @IsOptional()
  @IsLocalDate()
  @NotBefore('from')
  to?: string;

  @ApiPropertyOptional({ enum: ['json', 'csv'], default: 'json', description: 'csv: a file download (RFC 4180, UTF-8)' })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}

/** Sends CSV text as a download named `<prefix>-<report>-<asOfDate>.csv`. */
export function csvDownload(reply: FastifyReply, filename: string, body: string): string {
  void reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${filename}"`);
  return body;
}
