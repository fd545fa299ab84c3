import { OPEN_STATES_SQL } from '../entities/deadline.entity';

/**
 * The published way to read the `deadline` table from another library's SQL: a subject's open
 * deadlines (pending, paused or breached) as fragments the caller composes into its own statement,
 * so the table and its columns are named here alone while the caller's query stays one statement
 * with the same plan (ix_deadline_open_subject_due, ix_deadline_open_due). `subjectType` is a code
 * constant, written into the SQL (so checked); `subjectId` is the caller's SQL expression
 * (`c.id::text`). The fragments take the alias `d`.
 */
const open = (subjectType: string, subjectId: string): string => {
  if (!/^[a-z][a-z0-9_.-]*$/.test(subjectType)) throw new Error(`not a subject type: ${subjectType}`);
  return `d.subject_type = '${subjectType}' AND d.subject_id = ${subjectId} AND d.state IN (${OPEN_STATES_SQL})`;
};

/** The nearest due time of the subject's open deadlines (null when none is open): a parenthesised scalar subquery. */
export const nearestOpenDueSql = (subjectType: string, subjectId: string): string =>
  `(SELECT min(d.due_at) FROM deadline d WHERE ${open(subjectType, subjectId)})`;
