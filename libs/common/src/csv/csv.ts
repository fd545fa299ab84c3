/**
 * CSV (RFC 4180) for reports that supervisors open in a spreadsheet (complaints, welfare, ...).
 *
 * - Records end with CRLF, the last one too; the first record is the header.
 * - Every text field is enclosed in double quotes, and each double quote inside it is doubled
 *   (`say "hi"` → `"say ""hi"""`). RFC 4180 only requires quotes around a comma, a quote, CR or LF,
 *   but a spreadsheet set to `;` as separator (the default in many locales) splits an unquoted
 *   `Acme;=HYPERLINK(...)` into two cells, the second a formula: quoted, it stays one cell whatever
 *   the separator. Numbers, bigints, booleans and dates are ours and are written bare.
 * - Formula injection (OWASP "CSV injection"): a spreadsheet runs a cell that starts with `=`,
 *   `+`, `-` or `@` as a formula (and some also after a leading tab or CR), so text read from the
 *   database (an agency's legal name is whatever the agency registered) could run
 *   `=HYPERLINK(...)` on a supervisor's machine. A text value starting with one of those six
 *   characters is written with a single quote before it (`=SUM(A1)` → `"'=SUM(A1)"`), which
 *   spreadsheets show as text. The price: such a value does not read back byte for byte.
 *   Numbers are written as they are (a negative number is data we produced, not a formula);
 *   headers are ours and get the same treatment as any text.
 * - null and undefined are empty fields (an empty text is `""`); booleans `true`/`false`; dates ISO 8601 (UTC).
 * - The text is UTF-8 without a byte-order mark (the HTTP answer says `charset=utf-8`).
 */

export type CsvValue = string | number | bigint | boolean | Date | null | undefined;

/** A column: a key of the row (the key is also the header), or a header and how to read the value. */
export type CsvColumn<T> = (keyof T & string) | { header: string; value: (row: T) => CsvValue };

const FORMULA_START = /^[=+\-@\t\r]/;

/** One field: text defused and always quoted; other values bare. */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString();
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return `"${text.replace(/"/g, '""')}"`;
}

/** A CSV of given columns: its header record, and how one row is written (each ended by CRLF). */
export interface CsvWriter<T> {
  header: string;
  record(row: T): string;
}

export function csvWriter<T>(columns: readonly CsvColumn<T>[]): CsvWriter<T> {
  const cols = columns.map((c) => (typeof c === 'string' ? { header: c, value: (row: T) => row[c] as unknown as CsvValue } : c));
  return {
    header: `${cols.map((c) => csvField(c.header)).join(',')}\r\n`,
    record: (row: T) => `${cols.map((c) => csvField(c.value(row))).join(',')}\r\n`,
  };
}

/** The rows as CSV text: a header record, then one record per row, each ended by CRLF. */
export function toCsv<T>(rows: readonly T[], columns: readonly CsvColumn<T>[]): string {
  const w = csvWriter(columns);
  return w.header + rows.map(w.record).join('');
}

/**
 * The same CSV as {@link toCsv}, byte for byte, written as the rows come: the header record, then
 * the records of each batch (a database cursor's FETCH) as one chunk. Only the batch in hand is
 * held, never the whole text; a consumer that stops reading stops the batches (an async generator
 * pulls the next batch only when its chunk is asked for).
 */
export async function* csvChunks<T>(batches: AsyncIterable<readonly T[]>, columns: readonly CsvColumn<T>[]): AsyncGenerator<string, void, undefined> {
  const w = csvWriter(columns);
  yield w.header;
  for await (const batch of batches) if (batch.length) yield batch.map(w.record).join('');
}
