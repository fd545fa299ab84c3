/**
 * The ministry workbench's forms (licensing, welfare, admin pages under /staff): each action is a
 * form described once (its fields, which are required, which API fields land on which of its
 * fields), read from the posted body, checked for what is missing before the API is asked, and the
 * API's refusals (problem+json) put next to the field they concern, in the reader's language (the
 * API's own `detail` is English and for developers: it is never shown).
 *
 * The pages stay plain HTML forms (POST, then Post/Redirect/Get): nothing here needs JavaScript.
 */
import { BadRequestException, ForbiddenException, NotFoundException } from '@nestjs/common';
import type { Problem } from '@app/api-client';
import { isProblem } from '@app/api-client';
import type { Locale, Translate } from '@app/i18n';
import { parseAmount } from '../complaints/complaint-inputs';

export type FieldKind = 'text' | 'textarea' | 'date' | 'select' | 'radios' | 'checkboxes' | 'number' | 'money' | 'decimal';

export interface FieldSpec {
  /** The form field's name and the input's id (prefixed by the form's id in the page). */
  name: string;
  label: string;
  kind: FieldKind;
  required?: boolean;
  hint?: string;
  options?: { value: string; text: string }[];
  /** The API's field names (first segment of `errors[].field`) this field stands for. */
  api?: string[];
  /** For `money`: the currency typed amounts are in, or the form's field that holds it. */
  currency?: string;
  currencyField?: string;
  /** The message when the API refuses this field (a catalogue key; default: staff-forms.errors.refused). */
  refused?: string;
}

export interface FormSpec {
  /** Unique on its page: the ids of its inputs start with it. */
  id: string;
  title: string;
  action: string;
  submit: string;
  fields: FieldSpec[];
  hidden?: Record<string, string>;
  /** A destructive action (a red button). */
  warning?: boolean;
  /** A short explanation above the fields. */
  intro?: string;
}

export type FormValues = Record<string, string | string[]>;
export type FormErrors = Record<string, string>;

/** What a page keeps of a form that was refused: shown again with its values and errors. */
export interface FormState {
  id: string;
  values: FormValues;
  errors: FormErrors;
}

const str = (v: unknown): string => (typeof v === 'string' ? v.trim() : Array.isArray(v) && typeof v[0] === 'string' ? String(v[0]).trim() : '');
const strs = (v: unknown): string[] =>
  (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === 'string' && x.trim() !== '').map((x) => x.trim());

export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const isRealDate = (s: string) => ISO_DATE.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

/** The posted values of a form (everything else in the body is ignored), each at most 5,000 characters. */
export function readValues(spec: FormSpec, body: unknown): FormValues {
  const b = (body ?? {}) as Record<string, unknown>;
  const values: FormValues = {};
  for (const f of spec.fields)
    values[f.name] =
      f.kind === 'checkboxes'
        ? strs(b[f.name])
            .map((s) => s.slice(0, 200))
            .slice(0, 50)
        : str(b[f.name]).slice(0, 5000);
  return values;
}

/**
 * Checks what the web can check without the API: required fields, dates, whole numbers, amounts
 * and the choices offered. Amounts are turned into minor units (`<name>Minor` in the answer).
 */
export function checkValues(spec: FormSpec, values: FormValues, locale: Locale): { errors: FormErrors; minor: Record<string, string> } {
  const errors: FormErrors = {};
  const minor: Record<string, string> = {};
  for (const f of spec.fields) {
    const v = values[f.name];
    const empty = Array.isArray(v) ? v.length === 0 : !v;
    if (empty) {
      if (f.required) errors[f.name] = 'staff-forms.errors.required';
      continue;
    }
    if (Array.isArray(v)) {
      if (f.options && v.some((x) => !f.options!.some((o) => o.value === x))) errors[f.name] = 'staff-forms.errors.choice';
      continue;
    }
    switch (f.kind) {
      case 'date':
        if (!isRealDate(v)) errors[f.name] = 'staff-forms.errors.date';
        break;
      case 'number':
        if (!/^\d{1,6}$/.test(v)) errors[f.name] = 'staff-forms.errors.number';
        break;
      case 'decimal':
        if (!/^\d{1,12}(\.\d{1,12})?$/.test(v)) errors[f.name] = 'staff-forms.errors.number';
        break;
      case 'money': {
        const currency = f.currencyField ? String(values[f.currencyField] ?? '').toUpperCase() : (f.currency ?? 'PHP');
        if (!/^[A-Z]{3}$/.test(currency)) {
          if (f.currencyField) errors[f.currencyField] ??= 'staff-forms.errors.currency';
          break;
        }
        const a = parseAmount(v, currency, locale);
        if (a.ok) minor[f.name] = a.minor;
        else errors[f.name] = 'staff-forms.errors.amount';
        break;
      }
      case 'select':
      case 'radios':
        if (f.options && !f.options.some((o) => o.value === v)) errors[f.name] = 'staff-forms.errors.choice';
        break;
    }
  }
  return { errors, minor };
}

/** Problem codes with a message of their own (staff-forms.problems.<code>). */
export const KNOWN_PROBLEMS = [
  'stale-version',
  'conflict',
  'transition-not-allowed',
  'transition-condition-unmet',
  'clearance-failed',
  'reason-required',
  'notification-not-failed',
  'fee-rule-overlap',
  'fee-rule-already-ended',
  'email-taken',
  'cannot-demote-self',
  'cannot-disable-self',
  'escrow-account-not-open',
  'escrow-insufficient-balance',
  'escrow-currency-mismatch',
  'escrow-balance-limit',
  'idempotency-key-reused',
  'not-ready',
  'contribution-exists',
  'receipt-number-taken',
  'contribution-after-contract',
  'missing-exchange-rate',
  'income-reference-taken',
  'validation-failed',
] as const;

/**
 * The API's refusal as messages next to the form's fields (catalogue keys): a `validation-failed`
 * names its fields, each put on the form's field that stands for it (or the first field when the
 * form has none for it); any other problem is put on the form's first field, with its own message
 * when the code has one.
 */
export function problemErrors(spec: FormSpec, problem: Problem | null, status: number): FormErrors {
  const errors: FormErrors = {};
  const first = spec.fields[0]?.name ?? '_form';
  const owner = (apiField: string): string => {
    const head = apiField.split(/[.[]/)[0];
    return spec.fields.find((f) => (f.api ?? [f.name]).includes(head))?.name ?? first;
  };
  if (problem?.code === 'validation-failed' && problem.errors?.length) {
    for (const e of problem.errors) {
      const name = owner(e.field);
      errors[name] ??= spec.fields.find((f) => f.name === name)?.refused ?? 'staff-forms.errors.refused';
    }
    return errors;
  }
  const code = problem?.code;
  errors[first] =
    code && (KNOWN_PROBLEMS as readonly string[]).includes(code)
      ? `staff-forms.problems.${code}`
      : status === 409
        ? 'staff-forms.problems.conflict'
        : 'staff-forms.problems.other';
  return errors;
}

export interface FieldView {
  kind: FieldKind;
  id: string;
  name: string;
  label: string;
  hint?: string;
  value: string;
  values: string[];
  items: { value: string; text: string; checked?: boolean; selected?: boolean }[];
  error?: { text: string };
}

export interface FormView {
  id: string;
  title: string;
  intro?: string;
  action: string;
  submit: string;
  warning: boolean;
  hidden: { name: string; value: string }[];
  fields: FieldView[];
  errorList: { text: string; href: string }[];
}

/** What the template renders (staff/workbench-macros.njk, `staffForm`). */
export function formView(spec: FormSpec, t: Translate, state?: FormState | null): FormView {
  const mine = state && state.id === spec.id ? state : null;
  const fields = spec.fields.map((f): FieldView => {
    const raw = mine?.values[f.name];
    const values = Array.isArray(raw) ? raw : raw ? [raw] : [];
    const value = Array.isArray(raw) ? '' : (raw ?? '');
    const err = mine?.errors[f.name];
    return {
      kind: f.kind,
      id: `${spec.id}-${f.name}`,
      name: f.name,
      label: f.label,
      hint: f.hint,
      value,
      values,
      items: (f.options ?? []).map((o) => ({ value: o.value, text: o.text, checked: values.includes(o.value), selected: value === o.value })),
      error: err ? { text: t(err) } : undefined,
    };
  });
  return {
    id: spec.id,
    title: spec.title,
    intro: spec.intro,
    action: spec.action,
    submit: spec.submit,
    warning: Boolean(spec.warning),
    hidden: Object.entries(spec.hidden ?? {}).map(([name, value]) => ({ name, value })),
    fields,
    errorList: fields.filter((f) => f.error).map((f) => ({ text: `${f.label}: ${f.error!.text}`, href: `#${f.id}` })),
  };
}

/** An API answer of a page's GET: its data, or the API's 403/404 as this page's. */
export function mustRead<T>(what: string, r: { data?: T; error?: unknown; response: Response }): T {
  if (r.data !== undefined && r.response.ok) return r.data;
  const s = r.response.status;
  if (s === 404 || (s === 400 && !isProblem(r.error))) throw new NotFoundException();
  if (s === 400) throw new NotFoundException();
  if (s === 403) throw new ForbiddenException();
  throw new Error(`${what} answered ${s}${isProblem(r.error) ? ` (${r.error.code})` : ''}`);
}

/**
 * The answer of an action's POST: ok, or the refusal to show on the form. A 403 or 404 is the
 * API's answer for this person and this record: the page's too (thrown).
 */
export function actionOutcome(
  spec: FormSpec,
  r: { data?: unknown; error?: unknown; response: Response },
): { ok: true } | { ok: false; errors: FormErrors; status: number } {
  const s = r.response.status;
  if (r.response.ok) return { ok: true };
  if (s === 403) throw new ForbiddenException();
  if (s === 404) throw new NotFoundException();
  if (s === 400 || s === 409 || s === 422)
    return { ok: false, errors: problemErrors(spec, isProblem(r.error) ? r.error : null, s), status: s === 422 ? 400 : s };
  if (s === 413 || s === 415) throw new BadRequestException();
  throw new Error(`${spec.action} answered ${s}${isProblem(r.error) ? ` (${r.error.code})` : ''}`);
}

/** A record's id in a path: a UUID, else the page does not exist. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function uuidParam(id: string): string {
  if (!UUID.test(id)) throw new NotFoundException();
  return id.toLowerCase();
}

/** The version a form carries (the record's as the page read it): a whole number, else 0 (the API answers stale-version). */
export function versionOf(body: unknown): number {
  const v = Number(str((body as Record<string, unknown> | null)?.version));
  return Number.isInteger(v) && v >= 0 ? v : 0;
}

/** Lines of a textarea as a list (empty lines dropped). */
export const lines = (v: string | string[] | undefined): string[] => (Array.isArray(v) ? v : (v ?? '').split(/\r?\n/)).map((s) => s.trim()).filter(Boolean);

/**
 * A refusal whose form is no longer on the page (the record moved on meanwhile: another officer
 * acted first): its message, to be shown above the fresh record; null otherwise.
 */
export function refusalOf(state: FormState | null, specs: FormSpec[], t: Translate): string | null {
  if (!state || specs.some((s) => s.id === state.id)) return null;
  const first = Object.values(state.errors)[0];
  return first ? t(first) : null;
}
