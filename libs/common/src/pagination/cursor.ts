import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import type { SelectQueryBuilder, ObjectLiteral } from 'typeorm';
import { ValidationFailedException } from '../errors/domain.exception';
import { PageQuery } from './page';

/**
 * Keyset paging (docs/api.md, "Paging"): a list sorted by a unique key answers, besides the
 * page, an opaque `next` cursor naming the last item's key; `?cursor=<next>` continues after it,
 * with no OFFSET (the database seeks to the key on the list's index) and without gaps or
 * duplicates when cases are added or moved between two pages. `page` still works (offset paging)
 * for clients that use it; a `cursor` takes precedence over `page`.
 */
export class CursorPageQuery extends PageQuery {
  @ApiPropertyOptional({
    type: String,
    maxLength: 200,
    description:
      'Continue after the item this cursor names: the `next` of the previous page, passed back unchanged (with the same filters). Takes precedence over `page`.',
    example: 'WzEsIjIwMjYtMTItMDEgMDg6MDA6MDArMDAiLCI2ZjBlLi4uIl0',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}

/**
 * The most a list's `total` counts: beyond it the count stops and `totalCapped` is true. Counting
 * every one of a million matching rows on every request is what made the queues slow; a person
 * working a queue needs "more than 1,000" (forty pages), not the exact figure. Measured at a
 * million cases (docs/benchmarks.md): counting to 10,000 overdue cases took 200-600 ms, each match
 * a probe of the open deadlines; to 1,000, a tenth of that.
 */
export const TOTAL_CAP = 1_000;

/** The kinds of value a cursor holds, each checked when it comes back. */
export type CursorPart = 'int' | 'bigint' | 'timestamp' | 'due' | 'uuid' | 'reference';

const CHECKS: Record<CursorPart, (v: unknown) => boolean> = {
  int: (v) => typeof v === 'number' && Number.isSafeInteger(v),
  bigint: (v) => typeof v === 'string' && /^-?\d{1,19}$/.test(v),
  // As Postgres writes a timestamptz as text (microseconds kept: a JavaScript Date would lose them).
  timestamp: (v) =>
    typeof v === 'string' &&
    /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:?\d{2})?|Z)$/.test(v) &&
    !Number.isNaN(Date.parse(v.replace(' ', 'T').replace(/([+-]\d{2})$/, '$1:00'))),
  // A time that may be Postgres's 'infinity' (a sort key standing for "none": sorts after every time).
  due: (v) => v === 'infinity' || CHECKS.timestamp(v),
  uuid: (v) => typeof v === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(v),
  // A record's reference as the system writes them (`WC-2026-00123-2`, `PH-LRA-2026-00042-7`): capitals, digits and hyphens.
  reference: (v) => typeof v === 'string' && /^[A-Z0-9][A-Z0-9-]{0,39}$/.test(v),
};

/** The cursor of a key: base64url of its JSON array (opaque to clients: they pass it back). */
export const encodeCursor = (key: readonly (string | number)[]): string => Buffer.from(JSON.stringify(key)).toString('base64url');

/** The key a cursor names, checked against the list's key shape; anything else is 400 naming `cursor`. */
export function decodeCursor(cursor: string, shape: readonly CursorPart[]): (string | number)[] {
  const bad = () =>
    new ValidationFailedException([
      {
        field: 'cursor',
        message: 'is not a cursor of this list: pass back the `next` of a page unchanged, or leave it out for the first page',
        rule: 'cursor',
      },
    ]);
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw bad();
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  if (!Array.isArray(key) || key.length !== shape.length || !shape.every((part, i) => CHECKS[part](key[i]))) throw bad();
  return key as (string | number)[];
}

/**
 * How many rows the builder's query matches, counting no further than `cap` (+1 to know it was
 * passed): `{ total, capped }`. The builder is cloned; its order and paging are dropped.
 */
export async function cappedCount<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, cap = TOTAL_CAP): Promise<{ total: number; capped: boolean }> {
  const inner = qb
    .clone()
    .select('1', 'one')
    .orderBy()
    .offset(undefined)
    .limit(cap + 1)
    .skip(undefined)
    .take(undefined);
  const [sql, params] = inner.getQueryAndParameters();
  const [{ n }] = (await qb.connection.query(`SELECT count(*)::int AS n FROM (${sql}) AS capped`, params)) as { n: number }[];
  return n > cap ? { total: cap, capped: true } : { total: n, capped: false };
}
