import { Readable } from 'node:stream';
import { StreamableFile, Type, applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { Type as ToType } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, ValidateBy, ValidationArguments } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { CsvColumn, csvChunks } from '@app/common';
import { IsLocalDate } from './dto-rules';

const LOCAL_DATE = '^[0-9]{4}-[0-9]{2}-[0-9]{2}$';
const REPORT_FORMATS = ['json', 'csv'];

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
  @ApiPropertyOptional({
    type: String,
    format: 'date',
    pattern: LOCAL_DATE,
    example: '2026-01-01',
    description: 'First day of the period (YYYY-MM-DD, a local date of the home jurisdiction), included. Left out: from the beginning.',
  })
  @IsOptional()
  @IsLocalDate()
  from?: string;

  @ApiPropertyOptional({
    type: String,
    format: 'date',
    pattern: LOCAL_DATE,
    example: '2026-03-31',
    description: 'Last day of the period (YYYY-MM-DD), included; not before `from` (400 otherwise). Left out: up to now.',
  })
  @IsOptional()
  @IsLocalDate()
  @NotBefore('from')
  to?: string;

  @ApiPropertyOptional({
    enum: REPORT_FORMATS,
    enumName: 'ReportFormat',
    default: 'json',
    description: 'json: the report as `application/json`; csv: the same rows as a `text/csv` file download (RFC 4180, UTF-8).',
  })
  @IsOptional()
  @IsIn(REPORT_FORMATS)
  format?: 'json' | 'csv';
}

/** What a paged report's query says of its rows (PagedReportQuery). */
export interface ReportPage {
  /** One row and many, in words: 'agency' / 'agencies'. */
  row: string;
  rows: string;
  /** What the CSV lists instead of a page, e.g. 'every agency'. */
  csvLists: string;
  /** What a request without a cursor answers, e.g. 'the top of the ranking'. */
  first: string;
  default: number;
  max: number;
  cursorExample: string;
}

/**
 * The query of a report whose JSON is a page of its rows (keyset paging: `limit`, and `cursor`,
 * the `next` of the page before), while its CSV lists every row of the period.
 */
export function PagedReportQuery(page: ReportPage): Type<ReportQuery & { limit: number; cursor?: string }> {
  class PagedQuery extends ReportQuery {
    @ApiPropertyOptional({
      type: 'integer',
      minimum: 1,
      maximum: page.max,
      default: page.default,
      description: `JSON only: how many ${page.rows} a page holds, 1 to ${page.max}. The CSV lists ${page.csvLists}.`,
    })
    @IsOptional()
    @ToType(() => Number)
    @IsInt()
    @Min(1)
    @Max(page.max)
    limit: number = page.default;

    @ApiPropertyOptional({
      type: String,
      maxLength: 200,
      description:
        `JSON only: continue after the ${page.row} this cursor names: the \`next\` of the previous page, passed back unchanged (with the same period). ` +
        `Anything else is 400 naming \`cursor\`. Left out: ${page.first}.`,
      example: page.cursorExample,
    })
    @IsOptional()
    @IsString()
    @MaxLength(200)
    cursor?: string;
  }
  return PagedQuery;
}

/** Sends CSV text as a download named `<prefix>-<report>-<asOfDate>.csv`. */
export function csvDownload(reply: FastifyReply, filename: string, body: string): string {
  void reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${filename}"`);
  return body;
}

/**
 * Sends rows that come in batches (a database cursor) as a CSV download named `filename`, written
 * as they come (chunked; the same bytes as `toCsv` of all the rows): the headers are set here,
 * before the first byte, so a failure to open the rows still answers problem+json. A failure after
 * the first byte cuts the connection (the client sees a truncated chunked answer, never a short
 * file that looks whole). `close` is called when the stream ends or is destroyed (the client went
 * away), so the cursor's connection goes back to the pool.
 */
export function csvStream<T>(
  reply: FastifyReply,
  filename: string,
  batches: AsyncIterable<readonly T[]>,
  columns: readonly CsvColumn<T>[],
  close: () => Promise<void>,
): StreamableFile {
  void reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${filename}"`);
  const stream = Readable.from(csvChunks(batches, columns), { objectMode: false });
  stream.once('close', () => void close().catch(() => undefined));
  return new StreamableFile(stream);
}

/**
 * The OpenAPI answer of a report route taking ReportQuery: 200 with the report class as JSON, or
 * (`format=csv`) the CSV text as a download. `@ApiReportResponse(SlaReport, 'kind,metOnTime\r\n...')`.
 */
export const ApiReportResponse = (report: Type<unknown>, csvExample?: string) =>
  applyDecorators(
    ApiExtraModels(report),
    ApiOkResponse({
      description: 'The report: JSON by default; with `format=csv`, the same rows as a CSV file (RFC 4180, UTF-8, a header line first) sent as an attachment.',
      headers: {
        'Content-Disposition': { description: 'With `format=csv` only: `attachment; filename="<report>-<asOfDate>.csv"`.', schema: { type: 'string' } },
      },
      content: {
        'application/json': { schema: { $ref: getSchemaPath(report) } },
        'text/csv': { schema: { type: 'string' }, ...(csvExample ? { example: csvExample } : {}) },
      },
    }),
  );
