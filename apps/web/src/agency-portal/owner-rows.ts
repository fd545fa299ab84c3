/**
 * The agency's owners as rows of a form (`owner-<n>-name`, `-nationality`, `-share`), shared by
 * the registration form (agency-register-form.ts, a fixed number of rows) and the amendment form
 * (agency-amendments-view.ts, as many rows as the page had, `ownerRows`, with a "Remove" box per
 * row and an "Add another owner" button: both work without script, the page is drawn again).
 * The template is views/agency-portal/_owners.njk.
 *
 * A row left empty is left out, so the API's `owners[i]` is the i-th row filled: `rows` keeps which
 * page row each is, to put the API's refusal next to the right row.
 */
import type { MessageKey } from '@app/i18n';

/** The API takes at most 100 owners (ArrayMaxSize). */
export const MAX_OWNER_ROWS = 100;
const COUNTRY = /^[A-Z]{2}$/;
const SHARE = /^\d{1,3}([.,]\d{1,2})?$/;

export interface OwnerRow {
  name: string;
  nationality: string;
  share: string;
}
export interface Owner {
  name: string;
  nationality: string;
  sharePercent: number;
}
/** Each refused owner field (its id on the page) and why. */
export type OwnerErrors = Record<string, MessageKey>;

const line = (v: unknown, max: number) => (typeof v === 'string' ? v.replace(/\s+/g, ' ').trim().slice(0, max) : '');
const blank = (): OwnerRow => ({ name: '', nationality: '', share: '' });

/**
 * The rows posted (a nationality is cut at 3 letters, not 2, so that "Filipino" is refused rather than read as FI):
 * `count` of them, or, when `count` is omitted, as many as the page said it had
 * (`ownerRows`); a row whose "Remove" box is ticked is dropped, so the rows after it move up.
 */
export function ownerRowsFrom(body: unknown, count?: number): OwnerRow[] {
  const f = (body ?? {}) as Record<string, unknown>;
  const n = count ?? Math.min(MAX_OWNER_ROWS, Math.max(0, Math.trunc(Number(line(f.ownerRows, 3))) || 0));
  const rows: OwnerRow[] = [];
  for (let i = 0; i < n; i++) {
    if (count === undefined && f[`owner-${i}-remove`] !== undefined) continue;
    rows.push({
      name: line(f[`owner-${i}-name`], 200),
      nationality: line(f[`owner-${i}-nationality`], 3).toUpperCase(),
      share: line(f[`owner-${i}-share`], 8),
    });
  }
  return rows;
}

/** The owners as the form shows them, with `spare` empty rows after them (at least one row in all). */
export function ownerRowsOf(owners: readonly Owner[], spare = 0): OwnerRow[] {
  const rows = owners.map((o) => ({ name: o.name, nationality: o.nationality, share: String(o.sharePercent) }));
  return withSpare(rows, spare);
}

/** `rows` and `spare` empty rows after them, at least one row in all, at most MAX_OWNER_ROWS. */
export function withSpare(rows: readonly OwnerRow[], spare: number): OwnerRow[] {
  const out = [...rows, ...Array.from({ length: spare }, blank)];
  if (!out.length) out.push(blank());
  return out.slice(0, MAX_OWNER_ROWS);
}

/**
 * The rows checked as the API checks them: each filled row needs a name, a two-letter country
 * code and a share of 0.01 to 100; the shares add up to 100 (said on the first filled row's share).
 * `required`: at least one owner (said on the first row's name).
 */
export function readOwnerRows(rows: readonly OwnerRow[], required: boolean): { owners: Owner[]; rows: number[]; errors: OwnerErrors } {
  const errors: OwnerErrors = {};
  const owners: Owner[] = [];
  const index: number[] = [];
  rows.forEach((o, i) => {
    if (!o.name && !o.nationality && !o.share) return;
    if (!o.name) errors[`owner-${i}-name`] = 'agencyPortal.register.errors.required';
    if (!COUNTRY.test(o.nationality)) errors[`owner-${i}-nationality`] = 'agencyPortal.register.errors.nationality';
    const share = SHARE.test(o.share) ? Number(o.share.replace(',', '.')) : NaN;
    if (!(share > 0 && share <= 100)) errors[`owner-${i}-share`] = 'agencyPortal.register.errors.share';
    owners.push({ name: o.name, nationality: o.nationality, sharePercent: share });
    index.push(i);
  });
  if (!owners.length) {
    if (required) errors['owner-0-name'] = 'agencyPortal.register.errors.ownerMissing';
  } else if (!Object.keys(errors).length && owners.reduce((s, o) => s + Math.round(o.sharePercent * 100), 0) !== 10_000) {
    errors[`owner-${index[0]}-share`] = 'agencyPortal.register.errors.sharesSum';
  }
  return { owners, rows: index, errors };
}

/** The same owners, in any order (what changes a legal identity is who owns what share, not the order of the list). */
export function sameOwners(a: readonly Owner[], b: readonly Owner[]): boolean {
  const key = (list: readonly Owner[]) => list.map((o) => JSON.stringify([o.name, o.nationality, Math.round(o.sharePercent * 100)])).sort();
  const [x, y] = [key(a), key(b)];
  return x.length === y.length && x.every((k, i) => k === y[i]);
}

const OWNER_FIELD: Record<string, string> = { name: 'name', nationality: 'nationality', sharePercent: 'share' };

/** The page field of an API error's `field` about owners (`owners[1].nationality`, or `owners` for the sum), or undefined. */
export function ownerFieldId(field: string, rows: readonly number[]): string | undefined {
  const m = /^owners\[(\d+)\](?:\.(\w+))?$/.exec(field);
  if (m) return `owner-${rows[Number(m[1])] ?? 0}-${(m[2] && OWNER_FIELD[m[2]]) || 'name'}`;
  if (field === 'owners') return `owner-${rows[0] ?? 0}-share`;
  return undefined;
}

/** The page's field ids of `count` rows, in the page's order (for the error summary). */
export function ownerFieldIds(count: number): string[] {
  return Array.from({ length: count }, (_, i) => [`owner-${i}-name`, `owner-${i}-nationality`, `owner-${i}-share`]).flat();
}
