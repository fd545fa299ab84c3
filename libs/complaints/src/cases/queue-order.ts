import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { agencyColumns } from '@app/agencies';
import { CursorPart, ValidationFailedException, decodeCursor, encodeCursor } from '@app/common';
import { COMPLAINT_STAGES } from '../lifecycle/complaint-transitions';

/**
 * The orders of the case queue (`GET /complaints?sort=&order=`), each a unique key that keyset
 * paging seeks to and an index serves (migrations QueueKeysetIndexes and QueueSortIndexes):
 *
 * - `priority` (the default): urgent first, then oldest first, then by id;
 * - `deadline`: the nearest open deadline first (`complaint.next_due_at`, kept by a trigger on the
 *   deadlines; 'infinity' when none is open, so those come last), then by id;
 * - `filed`: oldest first, then by id;
 * - `stage`: in the lifecycle's order (submitted ... closed), then oldest first, then by id;
 * - `agency`: by the agency's legal name (cases naming no licensed agency first), then its id,
 *   then oldest first, then by id. A page is two reads (agencyParts): the cases without an agency
 *   (ix_complaint_open_filed), then the agencies in name order (ix_agency_legal_name), each agency's
 *   cases from ix_complaint_open_agency_queue (an incremental sort by time within the agency).
 *
 * `order=desc` reverses the whole key (the same index read backwards). The cursor names the sort
 * and order it was made for, so a cursor of another order is 400 like any foreign cursor, and which
 * way it reads: a page's `next` (made from its last row) continues after that row, its `previous`
 * (made from its first row) reads the page before it the other way along the same key (the index
 * read backwards: reversed comparison and ORDER BY, pageSize + 1 rows, then put back in order).
 */
export const QUEUE_SORTS = ['priority', 'deadline', 'filed', 'stage', 'agency'] as const;
export type QueueSort = (typeof QUEUE_SORTS)[number];
export const SORT_ORDERS = ['asc', 'desc'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

/** Urgent 0, normal 1: the same expression as the queue indexes'. */
export const PRIORITY_RANK = `(CASE WHEN c.priority = 'urgent' THEN 0 ELSE 1 END)`;
/** A stage's place in the lifecycle: the same expression as the stage-order index's. */
export const STAGE_RANK = `(CASE c.stage ${COMPLAINT_STAGES.map((s, i) => `WHEN '${s}' THEN ${i}`).join(' ')} END)`;
const NO_AGENCY = '00000000-0000-0000-0000-000000000000';
/** The agency the queue joins (alias `a`, left join on `c.agency_id`): its columns as libs/agencies publishes them. */
export const QUEUE_AGENCY = agencyColumns('a');
const A = QUEUE_AGENCY;

interface KeyPart {
  /** What the query sorts by. */
  sql: string;
  /** What the row answers for the cursor (a time as Postgres writes it: microseconds kept). */
  select: string;
  /** How the cursor holds it; `name`: not in the cursor (read back from the agency's id). */
  part: CursorPart | 'name';
}

const CREATED: KeyPart = { sql: 'c.created_at', select: 'c.created_at::text', part: 'timestamp' };
const ID: KeyPart = { sql: 'c.id', select: 'c.id', part: 'uuid' };

const KEYS: Record<QueueSort, KeyPart[]> = {
  priority: [{ sql: PRIORITY_RANK, select: PRIORITY_RANK, part: 'int' }, CREATED, ID],
  deadline: [{ sql: 'c.next_due_at', select: 'c.next_due_at::text', part: 'due' }, ID],
  filed: [CREATED, ID],
  stage: [{ sql: STAGE_RANK, select: STAGE_RANK, part: 'int' }, CREATED, ID],
  // The name is not in the cursor (it could pass the cursor's length): the agency's id is, and the
  // name is read back when the cursor returns.
  agency: [
    { sql: `coalesce(${A.legalName}, '')`, select: `coalesce(${A.legalName}, '')`, part: 'name' },
    { sql: `coalesce(c.agency_id, '${NO_AGENCY}'::uuid)`, select: `coalesce(c.agency_id, '${NO_AGENCY}'::uuid)`, part: 'uuid' },
    CREATED,
    ID,
  ],
};

/** Added to a cursor's number when it reads backwards (a page's `previous`). */
const BACKWARD = 100;

/** The number a cursor starts with: which sort and order it belongs to, and which way it reads. */
const code = (sort: QueueSort, order: SortOrder, backward = false) => QUEUE_SORTS.indexOf(sort) * 2 + (order === 'desc' ? 1 : 0) + (backward ? BACKWARD : 0);

const foreign = () =>
  new ValidationFailedException([
    {
      field: 'cursor',
      message: 'is not a cursor of this list and order: pass back the `next` or `previous` of a page unchanged, with the same `sort` and `order`',
      rule: 'cursor',
    },
  ]);

export interface QueueOrder {
  sort: QueueSort;
  order: SortOrder;
  /** ORDER BY terms, in order. */
  orderBy: { sql: string; dir: 'ASC' | 'DESC' }[];
  /** Extra select expressions (alias `k0`, `k1`...) the next cursor is made from. */
  selects: { sql: string; alias: string }[];
}

export function queueOrder(sort: QueueSort = 'priority', order: SortOrder = 'asc'): QueueOrder {
  const dir = order === 'desc' ? 'DESC' : 'ASC';
  const keys = KEYS[sort];
  return { sort, order, orderBy: keys.map((k) => ({ sql: k.sql, dir })), selects: keys.map((k, i) => ({ sql: k.select, alias: `k${i}` })) };
}

/**
 * The key values a cursor of this order names and which way it reads (`backward`: a `previous`);
 * a cursor of another sort or order is 400.
 */
function readCursor(o: QueueOrder, cursor: string): { backward: boolean; values: (string | number)[] } {
  const parts = KEYS[o.sort].map((k) => k.part).filter((p): p is CursorPart => p !== 'name');
  const [tag, ...values] = decodeCursor(cursor, ['int', ...parts]);
  if (tag !== code(o.sort, o.order) && tag !== code(o.sort, o.order, true)) throw foreign();
  return { backward: tag === code(o.sort, o.order, true), values };
}

/** The ORDER BY terms of a read: the order's, or each reversed when reading backwards. */
export const readingOrder = (o: QueueOrder, backward: boolean): QueueOrder['orderBy'] =>
  backward ? o.orderBy.map((t) => ({ sql: t.sql, dir: t.dir === 'ASC' ? ('DESC' as const) : ('ASC' as const) })) : o.orderBy;

/**
 * The WHERE that continues from a cursor, with its parameters: after its row, or before it for a
 * backward cursor (read in readingOrder(o, true)). `agencyName` reads an agency's legal name
 * (only the `agency` order needs it). A cursor of another sort or order is 400.
 */
export async function afterCursor(
  o: QueueOrder,
  cursor: string,
  agencyName: (id: string) => Promise<string | null>,
): Promise<{ where: string; params: Record<string, unknown>; backward: boolean }> {
  const keys = KEYS[o.sort];
  const { backward, values } = readCursor(o, cursor);
  if (o.sort === 'agency') {
    const id = values[0] as string;
    const name = id === NO_AGENCY ? '' : await agencyName(id);
    if (name === null) throw foreign();
    values.unshift(name);
  }
  const params: Record<string, unknown> = {};
  const placeholders = keys.map((k, i) => {
    params[`qk${i}`] = values[i];
    const cast = k.part === 'timestamp' || k.part === 'due' ? '::timestamptz' : k.part === 'uuid' ? '::uuid' : k.part === 'int' ? '::int' : '::text';
    return `:qk${i}${cast}`;
  });
  const descending = (o.order === 'desc') !== backward;
  return { where: `(${keys.map((k) => k.sql).join(', ')}) ${descending ? '<' : '>'} (${placeholders.join(', ')})`, params, backward };
}

/** The cursor naming a row (its `k0`, `k1`... as selected): a `next`, or with `backward` a `previous`. */
export function cursorOf(o: QueueOrder, row: Record<string, unknown>, backward = false): string {
  const keys = KEYS[o.sort];
  const values = keys.flatMap((k, i) => (k.part === 'name' ? [] : [k.part === 'int' ? Number(row[`k${i}`]) : String(row[`k${i}`])]));
  return encodeCursor([code(o.sort, o.order, backward), ...values]);
}

/**
 * sort=agency, first page or from a cursor: the ordered reads whose concatenation (in the order
 * given) is the page in reading order (reversed for a backward cursor), each limited by the caller.
 * `qb` holds the filters and the agency join (`a`); it is cloned. Cursor rows: [code, agency id
 * (or the nil uuid: no agency), created_at, id].
 */
export async function agencyParts<T extends ObjectLiteral>(
  o: QueueOrder,
  qb: SelectQueryBuilder<T>,
  cursor: string | undefined,
  agencyName: (id: string) => Promise<string | null>,
): Promise<{ parts: SelectQueryBuilder<T>[]; backward: boolean }> {
  const read = cursor ? readCursor(o, cursor) : { backward: false, values: [] };
  // The direction the index is walked in: the order's, or the other way for the page before a cursor.
  const desc = (o.order === 'desc') !== read.backward;
  const dir = desc ? 'DESC' : 'ASC';
  const cmp = desc ? '<' : '>';
  const none = qb.clone().andWhere('c.agency_id IS NULL').orderBy('c.created_at', dir).addOrderBy('c.id', dir);
  // a.id IS NOT NULL makes the join an inner one, which the planner may drive from the agencies' index.
  const named = qb
    .clone()
    .andWhere(`${A.id} IS NOT NULL`)
    .orderBy(A.legalName, dir)
    .addOrderBy(A.id, dir)
    .addOrderBy('c.created_at', dir)
    .addOrderBy('c.id', dir);
  if (cursor) {
    const [agencyId, at, id] = read.values as [string, string, string];
    if (agencyId === NO_AGENCY) {
      none.andWhere(`(c.created_at, c.id) ${cmp} (:qat::timestamptz, :qid::uuid)`, { qat: at, qid: id });
      // Walking up the key, every named case follows; walking down, they all came before.
      if (desc) named.andWhere('false');
    } else {
      const name = await agencyName(agencyId);
      if (name === null) throw foreign();
      if (!desc) none.andWhere('false');
      named
        .andWhere(`${A.legalName} ${desc ? '<=' : '>='} :qname::text`, { qname: name })
        .andWhere(`(${A.legalName}, ${A.id}, c.created_at, c.id) ${cmp} (:qname::text, :qagency::uuid, :qat::timestamptz, :qid::uuid)`, {
          qagency: agencyId,
          qat: at,
          qid: id,
        });
    }
  }
  return { parts: desc ? [named, none] : [none, named], backward: read.backward };
}
