import type { EntityManager } from 'typeorm';
import type { Complaint } from '../entities';
import { preparedQuery } from '@app/database';

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
  /** `INSERT INTO complaint (<every column>) VALUES ($1, ..., $n::jsonb, ...) RETURNING id`. */
  sql: string;
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
    sql: `INSERT INTO complaint (${names.join(', ')}) VALUES (${placeholders.join(', ')}) RETURNING id`,
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
 * Writes a new case in one statement: the complaint row as given (every column of the entity, by
 * complaintInsert), its allegations (in the order given, positions from 1), the `submitted`
 * entry of its timeline and, when the case is assigned, its line in the assignee's next digest
 * (complaint_assignment_notice). Plain SQL rather than four TypeORM inserts: every filing goes
 * through here, and each round trip counts (docs/benchmarks.md, file-complaint).
 */
export async function insertCase(
  m: EntityManager,
  c: Complaint,
  allegations: AllegationInput[],
  by: { actorId: string | null; actorRole: string },
): Promise<void> {
  const row = complaintInsert(m);
  const values = row.values(c);
  const n = values.length;
  const p = (i: number) => `$${n + i}`;
  await preparedQuery(
    m,
    `WITH c AS (${row.sql}),
     a AS (
       INSERT INTO allegation (complaint_id, position, category, facts, occurred_on, amount_minor, currency, trafficking_indicators, protected_category_fee)
       SELECT c.id, t.position, t.category, t.facts, t.occurred_on, t.amount_minor, t.currency, t.trafficking_indicators, t.protected_category_fee
         FROM c, unnest(${p(1)}::text[], ${p(2)}::text[], ${p(3)}::date[], ${p(4)}::bigint[], ${p(5)}::text[], ${p(6)}::boolean[], ${p(7)}::boolean[])
                 WITH ORDINALITY AS t(category, facts, occurred_on, amount_minor, currency, trafficking_indicators, protected_category_fee, position)
     ),
     notice AS (INSERT INTO complaint_assignment_notice (complaint_id, created_at) SELECT c.id, ${p(11)} FROM c WHERE ${p(12)}::boolean)
     INSERT INTO complaint_event (complaint_id, kind, from_stage, to_stage, body, visibility, actor_id, actor_role, at)
     SELECT c.id, 'submitted', NULL, ${p(8)}, NULL, 'shared', ${p(9)}, ${p(10)}, ${p(11)} FROM c`,
    [
      ...values,
      allegations.map((a) => a.category),
      allegations.map((a) => a.facts.trim()),
      allegations.map((a) => a.occurredOn ?? null),
      allegations.map((a) => a.amountMinor ?? null),
      allegations.map((a) => a.currency ?? null),
      allegations.map((a) => a.traffickingIndicators === true),
      allegations.map((a) => a.protectedCategoryFee === true),
      c.stage,
      by.actorId,
      by.actorRole,
      c.createdAt,
      c.assignedTo !== null,
    ],
  );
}
