import type { EntityManager } from 'typeorm';
import type { Complaint } from '../entities';
import { NamedPart, afterPart } from '@app/database';

/** An allegation as filed (every door: the public form, an account, a system case). */
export interface AllegationInput {
  category: string;
  facts: string;
  occurredOn?: string | null;
  amountMinor?: string | null;
  currency?: string | null;
  traffickingIndicators?: boolean;
  /** Set by the system door: a fee charged to a worker in a protected category (serious). */
  protectedCategoryFee?: boolean;
}

/** The complaint row's INSERT, made once per data source from the entity's metadata. */
interface ComplaintInsert {
  /** Every column the entity writes, in order. */
  names: string[];
  /** Their parameters, `$1` … `$n` (JSON columns cast: `$9::jsonb`). */
  placeholders: string[];
  /** The row's values, in the columns' order (JSON columns as JSON text). */
  values(c: Complaint): unknown[];
}

const complaintInserts = new WeakMap<object, ComplaintInsert>();

const JSON_TYPES = new Set<unknown>(['json', 'jsonb']);

/**
 * The complaint INSERT's column list from the entity's metadata (every column the `Complaint`
 * entity maps, so a column added to the entity is written without touching this file), with
 * JSON columns sent as text and cast (node-postgres would send a JS array as a Postgres array).
 */
export function complaintInsert(m: EntityManager): ComplaintInsert {
  let made = complaintInserts.get(m.connection);
  if (made) return made;
  // Every column the entity writes (a column kept by the database itself, `insert: false`, is left to it).
  const columns = m.connection.getMetadata('Complaint').columns.filter((col) => col.isInsert);
  const names = columns.map((col) => col.databaseName);
  const placeholders = columns.map((col, i) => `$${i + 1}${JSON_TYPES.has(col.type) ? `::${String(col.type)}` : ''}`);
  made = {
    names,
    placeholders,
    values: (c) =>
      columns.map((col) => {
        const v = col.getEntityValue(c, true) as unknown;
        if (v === undefined) return null;
        return JSON_TYPES.has(col.type) && v !== null ? JSON.stringify(v) : v;
      }),
  };
  complaintInserts.set(m.connection, made);
  return made;
}

/**
 * A new case as the parts of the filing's one statement (composeStatement): the complaint row as
 * given (every column of the entity, by complaintInsert) in `filed_case`, its allegations (in the
 * order given, positions from 1), the `submitted` entry of its timeline and, when the case is
 * assigned, its line in the assignee's next digest (complaint_assignment_notice). Plain SQL rather
 * than four TypeORM inserts: every filing goes through here, and each round trip counts
 * (docs/benchmarks.md, file-complaint). `first`: the part of the statement that starts the case's
 * first deadline (the triage), which the case row follows, and that deadline's due time.
 */
export function caseParts(
  m: EntityManager,
  c: Complaint,
  allegations: AllegationInput[],
  by: { actorId: string | null; actorRole: string },
  first: { part: string; nextDueAt: Date },
): NamedPart[] {
  const row = complaintInsert(m);
  const values = row.values(c);
  return [
    {
      name: 'filed_case',
      // `next_due_at`, which the database keeps, is written here once: the due time of the deadline
      // the same statement starts (`first`) for an id no other deadline names; the row's insert
      // trigger would read that same value (migration 1796456900000).
      sql: `INSERT INTO complaint (${[...row.names, 'next_due_at'].join(', ')})
            SELECT ${[...row.placeholders, `$${values.length + 1}`].join(', ')} FROM ${afterPart(first.part)} RETURNING id`,
      values: [...values, first.nextDueAt],
    },
    {
      name: 'filed_allegations',
      sql: `INSERT INTO allegation (complaint_id, position, category, facts, occurred_on, amount_minor, currency, trafficking_indicators, protected_category_fee)
       SELECT c.id, t.position, t.category, t.facts, t.occurred_on, t.amount_minor, t.currency, t.trafficking_indicators, t.protected_category_fee
         FROM filed_case c, unnest($1::text[], $2::text[], $3::date[], $4::bigint[], $5::text[], $6::boolean[], $7::boolean[])
                 WITH ORDINALITY AS t(category, facts, occurred_on, amount_minor, currency, trafficking_indicators, protected_category_fee, position)`,
      values: [
        allegations.map((a) => a.category),
        allegations.map((a) => a.facts.trim()),
        allegations.map((a) => a.occurredOn ?? null),
        allegations.map((a) => a.amountMinor ?? null),
        allegations.map((a) => a.currency ?? null),
        allegations.map((a) => a.traffickingIndicators === true),
        allegations.map((a) => a.protectedCategoryFee === true),
      ],
    },
    {
      name: 'filed_notice',
      sql: `INSERT INTO complaint_assignment_notice (complaint_id, created_at) SELECT c.id, $1 FROM filed_case c WHERE $2::boolean`,
      values: [c.createdAt, c.assignedTo !== null],
    },
    {
      name: 'filed_event',
      sql: `INSERT INTO complaint_event (complaint_id, kind, from_stage, to_stage, body, visibility, actor_id, actor_role, at)
       SELECT c.id, 'submitted', NULL, $1, NULL, 'shared', $2, $3, $4 FROM filed_case c`,
      values: [c.stage, by.actorId, by.actorRole, c.createdAt],
    },
  ];
}
