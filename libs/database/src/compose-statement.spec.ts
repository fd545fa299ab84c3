import { afterPart, composeStatement } from './compose-statement';

describe('composeStatement', () => {
  it('joins the parts as CTEs, each part keeping its own $1… and the values following in order', () => {
    const s = composeStatement(
      [
        { name: 'first', sql: 'INSERT INTO a (x, y) VALUES ($1, $2) RETURNING id', values: ['x', 2] },
        { name: 'second', sql: `INSERT INTO b (a_id, z) SELECT first.id, $1 FROM first, ${afterPart('first')}`, values: [true] },
      ],
      { sql: 'SELECT (SELECT count(*) FROM second) AS n, $1::int AS k, $1::int AS again', values: [7] },
    );
    expect(s.sql).toBe(
      'WITH first AS (INSERT INTO a (x, y) VALUES ($1, $2) RETURNING id),\n' +
        'second AS (INSERT INTO b (a_id, z) SELECT first.id, $3 FROM first, (SELECT count(*) FROM first) AS after_first)\n' +
        'SELECT (SELECT count(*) FROM second) AS n, $4::int AS k, $4::int AS again',
    );
    expect(s.values).toEqual(['x', 2, true, 7]);
  });

  it('renumbers two-digit parameters whole ($10 is not $1 followed by 0)', () => {
    const values = Array.from({ length: 10 }, (_, i) => i + 1);
    const sql = `SELECT ${values.map((v) => `$${v}`).join(', ')}`;
    const s = composeStatement([{ name: 'one', sql, values }], { sql, values });
    expect(s.sql).toContain('$20');
    expect(s.sql.split('\n')[1]).toBe(`SELECT ${values.map((v) => `$${v + 10}`).join(', ')}`);
    expect(s.values).toHaveLength(20);
  });

  it("gives the same text again for the same parts, with each call's own values", () => {
    const parts = (v: number) => [{ name: 'p', sql: 'SELECT $1::int AS v', values: [v] }];
    const tail = { sql: 'SELECT v, $1::int FROM p', values: [9] };
    const first = composeStatement(parts(1), tail);
    const again = composeStatement(parts(2), tail);
    expect(again.sql).toBe(first.sql);
    expect([first.values, again.values]).toEqual([
      [1, 9],
      [2, 9],
    ]);
    // Another text is another statement.
    expect(composeStatement([{ name: 'p', sql: 'SELECT $1::bigint AS v', values: [1] }], tail).sql).toContain('$1::bigint');
  });

  it('is the tail alone when there are no parts', () => {
    expect(composeStatement([], { sql: 'SELECT $1', values: [1] })).toEqual({ sql: 'SELECT $1', values: [1] });
  });

  it('refuses a part whose values do not match its parameters, a "$" that is not one, and a name used twice', () => {
    expect(() => composeStatement([{ name: 'a', sql: 'SELECT $1, $2', values: [1] }], { sql: 'SELECT 1', values: [] })).toThrow(/uses \$1…\$2 but has 1/);
    expect(() => composeStatement([{ name: 'a', sql: 'SELECT $$x$$', values: [] }], { sql: 'SELECT 1', values: [] })).toThrow(/not a parameter/);
    expect(() => composeStatement([], { sql: "SELECT 'US$' || $1", values: [1] })).toThrow(/the tail holds a "\$"/);
    const part = { name: 'a', sql: 'SELECT 1', values: [] };
    expect(() => composeStatement([part, part], { sql: 'SELECT 1', values: [] })).toThrow(/not a new lowercase name/);
    expect(() => composeStatement([{ ...part, name: 'A; DROP' }], { sql: 'SELECT 1', values: [] })).toThrow(/not a new lowercase name/);
  });
});
