import { CsvColumn, csvChunks, csvField, toCsv } from './csv';

/** How a spreadsheet set to `;` as separator cuts a record into cells (quotes still group). */
const cellsWithSemicolons = (record: string): string[] => {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (const ch of record) {
    if (ch === '"') quoted = !quoted;
    if (ch === ';' && !quoted) {
      cells.push(cell);
      cell = '';
    } else cell += ch;
  }
  return [...cells, cell];
};

describe('toCsv (RFC 4180, every text quoted, formula injection defused)', () => {
  it('writes a header record and one record per row, each ended by CRLF; text quoted, numbers bare', () => {
    const rows = [
      { stage: 'submitted', total: 3 },
      { stage: 'closed', total: 0 },
    ];
    expect(toCsv(rows, ['stage', 'total'])).toBe('"stage","total"\r\n"submitted",3\r\n"closed",0\r\n');
  });

  it('writes only the header when there are no rows', () => {
    expect(toCsv([] as { a: number }[], ['a'])).toBe('"a"\r\n');
  });

  it('takes computed columns with their own headers, in the order given', () => {
    const rows = [{ first: 'Ana', last: 'Reyes', n: 2 }];
    expect(toCsv(rows, ['n', { header: 'name', value: (r) => `${r.first} ${r.last}` }])).toBe('"n","name"\r\n2,"Ana Reyes"\r\n');
  });

  it('quotes every text field, doubling the quotes inside; commas, semicolons, CR and LF stay inside the quotes', () => {
    expect(csvField('Santos, Reyes & Co.')).toBe('"Santos, Reyes & Co."');
    expect(csvField('the "Golden" agency')).toBe('"the ""Golden"" agency"');
    expect(csvField('line one\nline two')).toBe('"line one\nline two"');
    expect(csvField('line one\r\nline two')).toBe('"line one\r\nline two"');
    expect(csvField('a\rb')).toBe('"a\rb"');
    expect(csvField('"')).toBe('""""');
    expect(csvField('plain text; no formula')).toBe('"plain text; no formula"');
    expect(csvField('')).toBe('""');
  });

  it('prefixes a single quote to text starting with =, +, -, @, tab or CR', () => {
    expect(csvField('=HYPERLINK("http://evil.test","x")')).toBe(`"'=HYPERLINK(""http://evil.test"",""x"")"`);
    expect(csvField('+63 917')).toBe(`"'+63 917"`);
    expect(csvField('-2+3')).toBe(`"'-2+3"`);
    expect(csvField('@SUM(A1:A2)')).toBe(`"'@SUM(A1:A2)"`);
    expect(csvField('\t=1+1')).toBe(`"'\t=1+1"`);
    expect(csvField('\r=1+1')).toBe(`"'\r=1+1"`);
    // Only a leading character counts.
    expect(csvField('A-1 Manpower')).toBe('"A-1 Manpower"');
    expect(csvField('x=1')).toBe('"x=1"');
  });

  it('opened with `;` as separator, no cell starts a formula: text after a semicolon stays in its quoted cell', () => {
    const names = ['Acme;=HYPERLINK("http://evil.test","x")', 'Acme;+1', 'Acme;-1', 'Acme;@SUM(A1)', 'Acme,;=1', 'Acme\n=1;=2'];
    const csv = toCsv(
      names.map((name) => ({ name, n: -4 })),
      ['name', 'n'],
    );
    for (const record of csv.split('\r\n').filter(Boolean)) {
      for (const cell of cellsWithSemicolons(record)) expect(cell).not.toMatch(/^"?[=+\-@\t\r]/);
    }
  });

  it('writes numbers, booleans, bigints and dates as they are; null and undefined as empty fields', () => {
    expect(csvField(-3)).toBe('-3');
    expect(csvField(12.5)).toBe('12.5');
    expect(csvField(Number.NaN)).toBe('');
    expect(csvField(10n)).toBe('10');
    expect(csvField(true)).toBe('true');
    expect(csvField(new Date('2026-03-02T01:00:00.000Z'))).toBe('2026-03-02T01:00:00.000Z');
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(toCsv([{ a: null, b: 'x' }], ['a', 'b'])).toBe('"a","b"\r\n,"x"\r\n');
  });

  it('defuses headers too, and quotes them like any field', () => {
    expect(
      toCsv(
        [{ v: 1 }],
        [
          { header: '=cmd', value: (r) => r.v },
          { header: 'a,b', value: () => 'c' },
        ],
      ),
    ).toBe(`"'=cmd","a,b"\r\n1,"c"\r\n`);
  });
});

describe('csvChunks (the same CSV written as the batches of a cursor come)', () => {
  type Row = { name: string; n: number | null; big: bigint };
  const columns: CsvColumn<Row>[] = ['name', 'n', { header: 'twice', value: (r) => r.big * 2n }];
  const rows: Row[] = [
    { name: 'Santos, "Golden" Manpower', n: 3, big: 10n },
    { name: '=HYPERLINK("x")', n: null, big: -1n },
    { name: 'Tala;=WEBSERVICE(A1)', n: 2.5, big: 0n },
    { name: 'line\r\nbreak', n: 0, big: 7n },
    { name: '', n: -4, big: 1n },
  ];
  async function* batches(...sizes: number[]): AsyncGenerator<Row[]> {
    let i = 0;
    for (const size of sizes) {
      yield rows.slice(i, i + size);
      i += size;
    }
  }
  const collect = async (it: AsyncIterable<string>) => {
    const chunks: string[] = [];
    for await (const c of it) chunks.push(c);
    return chunks;
  };

  it('is toCsv of all the rows, byte for byte, however the rows are batched (empty batches too)', async () => {
    const whole = toCsv(rows, columns);
    for (const sizes of [[5], [1, 1, 1, 1, 1], [2, 0, 3], [0, 5, 0], [4, 1]])
      expect((await collect(csvChunks(batches(...sizes), columns))).join('')).toBe(whole);
    expect((await collect(csvChunks(batches(), columns))).join('')).toBe(toCsv([], columns));
  });

  it('writes the header first, then one chunk per non-empty batch, as the batches come (nothing is gathered)', async () => {
    const chunks = await collect(csvChunks(batches(2, 0, 3), columns));
    expect(chunks).toEqual([
      toCsv([], columns),
      toCsv(rows.slice(0, 2), columns).replace(toCsv([], columns), ''),
      toCsv(rows.slice(2), columns).replace(toCsv([], columns), ''),
    ]);
    // Lazily: the second batch is not asked for before the first chunk of rows is read.
    const asked: number[] = [];
    async function* counted(): AsyncGenerator<Row[]> {
      for (let i = 0; i < rows.length; i++) {
        asked.push(i);
        yield [rows[i]];
      }
    }
    const it = csvChunks(counted(), columns)[Symbol.asyncIterator]();
    await it.next(); // the header
    expect(asked).toEqual([]);
    await it.next(); // the first row
    expect(asked).toEqual([0]);
    await it.return(undefined); // the reader went away: the source is closed, no more batches
    expect(asked).toEqual([0]);
  });
});
