import { ValidationFailedException, decodeCursor, encodeCursor } from '@app/common';

/**
 * Keyset paging of the per-agency report (`GET /complaints/reports/agencies?limit=&cursor=`): the
 * ranking's order is the rate, highest first and no rate last, then most complaints, then the
 * legal name, then the agency's id (unique). The rate is a numeric of two decimals (or null), so
 * the cursor holds it in hundredths, -100 standing for "no rate" (rates are never negative, so it
 * sorts after every rate, as NULLS LAST does). The name is not in the cursor (it could pass the
 * cursor's length): the agency's id is, and the name is read back when the cursor returns, as the
 * case queue's `agency` order does (queue-order.ts).
 */

/** The page size when none is asked for, and the largest one. */
export const AGENCY_PAGE_DEFAULT = 50;
export const AGENCY_PAGE_MAX = 500;

/** The first number of the cursor: names the list it belongs to (queue cursors start with 0-9 or 100-109). */
const RANKING = 300;
/** The rate in the cursor when there is none. */
const NO_RATE = -100;

export interface AgencyRankKey {
  /** The rate in hundredths; NO_RATE for none. */
  rate: number;
  complaints: number;
  agencyId: string;
}

const foreign = () =>
  new ValidationFailedException([
    {
      field: 'cursor',
      message: 'is not a cursor of this report: pass back the `next` of a page unchanged (with the same period), or leave it out for the first page',
      rule: 'cursor',
    },
  ]);

/** The cursor naming a row of the ranking (its `next`: the page after continues after it). */
export function rankCursor(row: { rate: string | number | null; complaints: number; agency_id: string }): string {
  const rate = row.rate === null ? NO_RATE : Math.round(Number(row.rate) * 100);
  return encodeCursor([RANKING, rate, Number(row.complaints), row.agency_id]);
}

/** The key a cursor names; anything that is not a cursor of this ranking is 400 naming `cursor`. */
export function readRankCursor(cursor: string): AgencyRankKey {
  const [tag, rate, complaints, agencyId] = decodeCursor(cursor, ['int', 'int', 'int', 'uuid']) as [number, number, number, string];
  if (tag !== RANKING || complaints < 0 || (rate < 0 && rate !== NO_RATE)) throw foreign();
  return { rate, complaints, agencyId };
}

/** The error of a cursor whose agency is not known (deleted, or never was). */
export const foreignRankCursor = foreign;

/**
 * The ranking's sort key over the rows of `r` (rate numeric or null, complaints, legal_name,
 * agency_id): ORDER BY terms, and the WHERE that continues after a key (parameters $rate
 * hundredths, $complaints, $name, $id, each a placeholder given by the caller).
 */
export const RANK_ORDER = 'coalesce(r.rate, -1) DESC, r.complaints DESC, r.legal_name, r.agency_id';

export function afterRank(p: { rate: string; complaints: string; name: string; id: string }): string {
  const rate = `(${p.rate}::numeric / 100)`;
  return (
    `(coalesce(r.rate, -1) < ${rate} OR (coalesce(r.rate, -1) = ${rate} AND (r.complaints < ${p.complaints}::int` +
    ` OR (r.complaints = ${p.complaints}::int AND (r.legal_name, r.agency_id) > (${p.name}::text, ${p.id}::uuid)))))`
  );
}
