/**
 * License numbers as the app writes them (libs/agencies/src/licensing/license-number.ts):
 * `<prefix>-<year>-<serial of 5>-<Damm check digit of year and serial>`. The benchmarks make the
 * numbers of the agencies they insert (`verify`) or that scripts/seed-scale.mjs inserted (`scale`).
 */
const DAMM = [
  [0, 3, 1, 7, 5, 9, 8, 6, 4, 2],
  [7, 0, 9, 2, 1, 5, 4, 8, 6, 3],
  [4, 2, 0, 6, 8, 7, 1, 3, 5, 9],
  [1, 7, 5, 0, 9, 8, 3, 4, 2, 6],
  [6, 1, 2, 3, 0, 4, 5, 9, 7, 8],
  [3, 6, 7, 4, 2, 0, 9, 5, 8, 1],
  [5, 8, 6, 9, 7, 2, 0, 1, 3, 4],
  [8, 9, 4, 5, 3, 6, 2, 0, 1, 7],
  [9, 4, 3, 8, 6, 1, 7, 2, 0, 5],
  [2, 5, 8, 1, 4, 3, 6, 7, 9, 0],
];

/** The Damm check digit of a string of digits. */
export const damm = (digits) => [...digits].reduce((interim, d) => DAMM[interim][Number(d)], 0);

/** The license number with serial `i` (padded to 5 digits) of `year` under `prefix`. */
export function licenseNumber(prefix, year, i) {
  const serial = String(i).padStart(5, '0');
  return `${prefix}-${year}-${serial}-${damm(`${year}${serial}`)}`;
}
