/** The deadline of one kind met for each row of a caller's subject, as SQL text (see metDeadlineJoin). */
export interface MetDeadlineJoin {
  /** `JOIN deadline <alias> ON …`: one row per subject row whose deadline of the kind was met. */
  join: string;
  /** The instant it was met (a timestamptz expression on the alias). */
  metAt: string;
}

const SUBJECT_TYPE = /^[a-z][a-z0-9_]*$/;

/**
 * The published way for another library's SQL to read met deadlines (this library owns the
 * `deadline` table and its columns): an inner JOIN of the deadline of `kind` in state `met` of each
 * subject row, and the instant it was met, composed into the caller's own statement so that a
 * report keeps one query and its plan (ix_deadline_subject). `subjectType` is a subject-type word
 * (written as a literal); `subjectId` an SQL expression of the caller's rows, as text (`w.id::text`);
 * `kind` an SQL expression, usually a parameter (`$5`); `alias` names the joined row.
 */
export function metDeadlineJoin(alias: string, on: { subjectType: string; subjectId: string; kind: string }): MetDeadlineJoin {
  if (!SUBJECT_TYPE.test(on.subjectType)) throw new TypeError(`metDeadlineJoin: ${on.subjectType} is not a subject type`);
  return {
    join: `JOIN deadline ${alias} ON ${alias}.subject_type = '${on.subjectType}' AND ${alias}.subject_id = ${on.subjectId} AND ${alias}.kind = ${on.kind} AND ${alias}.state = 'met'`,
    metAt: `${alias}.closed_at`,
  };
}
