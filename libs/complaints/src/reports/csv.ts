/** Moved to @app/common (libs/common/src/csv/csv.ts): every module's reports write CSV the same way. */
export { csvField, toCsv } from '@app/common';
export type { CsvColumn, CsvValue } from '@app/common';
