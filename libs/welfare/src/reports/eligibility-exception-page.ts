import { ValidationFailedException, decodeCursor, encodeCursor } from '@app/common';

/**
 * Keyset paging of the eligibility-exceptions report (`GET /welfare/reports/eligibility-exceptions?limit=&cursor=`,
 * issue 23: its JSON never holds the whole period). The report's order is the approval's time
 * (`decided_at`), then the claim's reference (unique): a page is the range of
 * ix_welfare_claim_exception_page after the last row's key, LIMIT the page size + 1. The cursor
 * holds that key: the time as Postgres writes it (microseconds kept) and the reference.
 */

/** The page size when none is asked for, and the largest one (as the per-agency report's). */
export const EXCEPTION_PAGE_DEFAULT = 50;
export const EXCEPTION_PAGE_MAX = 500;

/** The first number of the cursor: names the list it belongs to (the per-agency ranking's is 300, the queues' 0-9 and 100-109). */
const EXCEPTIONS = 301;

export interface ExceptionPage {
  limit: number;
  cursor?: string;
}

export interface ExceptionKey {
  /** `decided_at` as Postgres writes a timestamptz. */
  decidedAt: string;
  reference: string;
}

/** The cursor naming a row of the report (its `next`: the page after continues after it). */
export function exceptionCursor(key: ExceptionKey): string {
  return encodeCursor([EXCEPTIONS, key.decidedAt, key.reference]);
}

/** The key a cursor names; anything that is not a cursor of this report is 400 naming `cursor`. */
export function readExceptionCursor(cursor: string): ExceptionKey {
  const [tag, decidedAt, reference] = decodeCursor(cursor, ['int', 'timestamp', 'reference']) as [number, string, string];
  if (tag !== EXCEPTIONS)
    throw new ValidationFailedException([
      {
        field: 'cursor',
        message: 'is not a cursor of this report: pass back the `next` of a page unchanged (with the same period), or leave it out for the first page',
        rule: 'cursor',
      },
    ]);
  return { decidedAt, reference };
}
