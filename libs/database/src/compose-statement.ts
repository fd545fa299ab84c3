/**
 * One part of a statement that several modules write together: SQL over its own parameters
 * `$1 … $n`, with their values. Each module builds the parts for its own tables (a deadline's
 * INSERT, an outbox row, an audit entry), so the SQL that names a table stays in the module that
 * owns it; the caller joins them into one statement with composeStatement.
 */
export interface StatementPart {
  sql: string;
  values: unknown[];
}

/** A named part: a CTE of the composed statement, which later parts and the tail may read by name. */
export interface NamedPart extends StatementPart {
  name: string;
}

const PARAM = /\$(\d+)/g;
const NAME = /^[a-z_][a-z0-9_]*$/;

/**
 * `WITH <name> AS (<sql>), … <tail>` with every part's parameters renumbered after those of the
 * parts before it, so each part keeps writing `$1`. One round trip, and one implicit transaction
 * when it is sent outside one: every part is written or none (docs/benchmarks.md, "Filing in one
 * statement"). Postgres runs the data-modifying CTEs in an order of its own; a part that must run
 * after another reads it (`FROM (SELECT count(*) FROM <name>) after`), as the builders' `after`
 * options do.
 *
 * A part's SQL must not hold a `$` other than its parameters (no dollar-quoting, no `$` in a
 * literal): the renumbering could not tell them apart, so such a part is refused.
 */
export function composeStatement(parts: NamedPart[], tail: StatementPart): StatementPart {
  const values = [...parts.flatMap((p) => p.values), ...tail.values];
  const key = `${parts.map((p) => `${p.name}\u0000${p.values.length}\u0000${p.sql}`).join('\u0001')}\u0002${tail.values.length}\u0000${tail.sql}`;
  let sql = composed.get(key);
  if (sql === undefined) {
    sql = compose(parts, tail);
    // A few shapes in practice (filing has three); bounded all the same.
    if (composed.size >= COMPOSED_KEPT) composed.delete(composed.keys().next().value!);
    composed.set(key, sql);
  }
  return { sql, values };
}

/** The statement texts already composed, by their parts' texts: renumbering is a regex pass over every part, at every filing otherwise. */
const composed = new Map<string, string>();
const COMPOSED_KEPT = 64;

function compose(parts: NamedPart[], tail: StatementPart): string {
  let offset = 0;
  const renumbered = (part: StatementPart, what: string): string => {
    if (/\$(?!\d)/.test(part.sql)) throw new TypeError(`composeStatement: ${what} holds a "$" that is not a parameter`);
    let highest = 0;
    const at = offset;
    const sql = part.sql.replace(PARAM, (_, n: string) => {
      highest = Math.max(highest, Number(n));
      return `$${Number(n) + at}`;
    });
    if (highest !== part.values.length) throw new TypeError(`composeStatement: ${what} uses $1…$${highest} but has ${part.values.length} value(s)`);
    offset += part.values.length;
    return sql;
  };
  const names = new Set<string>();
  const ctes = parts.map((part) => {
    if (!NAME.test(part.name) || names.has(part.name)) throw new TypeError(`composeStatement: part name "${part.name}" is not a new lowercase name`);
    names.add(part.name);
    return `${part.name} AS (${renumbered(part, `part "${part.name}"`)})`;
  });
  const body = renumbered(tail, 'the tail');
  return ctes.length ? `WITH ${ctes.join(',\n')}\n${body}` : body;
}

/** `FROM`-clause item that makes a part run after the CTE `name` (one row whatever `name` returns). */
export const afterPart = (name: string): string => `(SELECT count(*) FROM ${name}) AS after_${name}`;
