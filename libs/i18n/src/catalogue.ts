/**
 * The message catalogues: one JSON file per language (messages/<locale>.json), nested objects
 * whose leaves are messages. English is the reference: every other language has exactly its
 * keys (a unit test fails otherwise, see `catalogueProblems`).
 *
 * A message is text with `{name}` placeholders, or, for a count, an object of CLDR plural forms
 * (`{ "one": "{count} complaint", "other": "{count} complaints" }`) chosen with Intl.PluralRules;
 * each language gives the forms its own rules use (Indonesian only `other`).
 */
import enBase from './messages/en.json';
import filBase from './messages/fil.json';
import idBase from './messages/id.json';
import neBase from './messages/ne.json';
import enAgencies from './messages/agencies/en.json';
import filAgencies from './messages/agencies/fil.json';
import idAgencies from './messages/agencies/id.json';
import neAgencies from './messages/agencies/ne.json';
import enFees from './messages/fees/en.json';
import filFees from './messages/fees/fil.json';
import idFees from './messages/fees/id.json';
import neFees from './messages/fees/ne.json';
import enComplaints from './messages/complaints/en.json';
import filComplaints from './messages/complaints/fil.json';
import idComplaints from './messages/complaints/id.json';
import neComplaints from './messages/complaints/ne.json';
import enTracking from './messages/tracking/en.json';
import filTracking from './messages/tracking/fil.json';
import idTracking from './messages/tracking/id.json';
import neTracking from './messages/tracking/ne.json';
import enAgencyPortal from './messages/agency-portal/en.json';
import enAgencyRecords from './messages/agency-records/en.json';
import filAgencyPortal from './messages/agency-portal/fil.json';
import filAgencyRecords from './messages/agency-records/fil.json';
import idAgencyPortal from './messages/agency-portal/id.json';
import idAgencyRecords from './messages/agency-records/id.json';
import neAgencyPortal from './messages/agency-portal/ne.json';
import neAgencyRecords from './messages/agency-records/ne.json';
import enAccount from './messages/account/en.json';
import filAccount from './messages/account/fil.json';
import idAccount from './messages/account/id.json';
import neAccount from './messages/account/ne.json';
import enStaffForms from './messages/staff-forms/en.json';
import filStaffForms from './messages/staff-forms/fil.json';
import idStaffForms from './messages/staff-forms/id.json';
import neStaffForms from './messages/staff-forms/ne.json';
import enStaffLicensing from './messages/staff-licensing/en.json';
import filStaffLicensing from './messages/staff-licensing/fil.json';
import idStaffLicensing from './messages/staff-licensing/id.json';
import neStaffLicensing from './messages/staff-licensing/ne.json';
import enStaffWelfare from './messages/staff-welfare/en.json';
import filStaffWelfare from './messages/staff-welfare/fil.json';
import idStaffWelfare from './messages/staff-welfare/id.json';
import neStaffWelfare from './messages/staff-welfare/ne.json';
import enStaffAdmin from './messages/staff-admin/en.json';
import filStaffAdmin from './messages/staff-admin/fil.json';
import idStaffAdmin from './messages/staff-admin/id.json';
import neStaffAdmin from './messages/staff-admin/ne.json';
import enStaff from './messages/staff/en.json';
import filStaff from './messages/staff/fil.json';
import idStaff from './messages/staff/id.json';
import neStaff from './messages/staff/ne.json';
import enMail from './messages/mail/en.json';
import filMail from './messages/mail/fil.json';
import idMail from './messages/mail/id.json';
import neMail from './messages/mail/ne.json';
import { DEFAULT_LOCALE, LOCALES, LOCALE_INFO, Locale } from './locales';
import { formatNumber } from './format';

type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };
type Message = string | PluralForms;
type Tree = { [key: string]: string | Tree };

/**
 * Each language's catalogue: the shared messages (messages/<locale>.json) and one file per area
 * (messages/<area>/<locale>.json), whose keys sit under the area's name (`agencies.search.title`).
 * The `mail` area holds the mail templates' texts (libs/notifications renders them).
 */
const en = {
  ...enBase,
  agencies: enAgencies,
  fees: enFees,
  complaints: enComplaints,
  tracking: enTracking,
  account: enAccount,
  agencyPortal: enAgencyPortal,
  agencyRecords: enAgencyRecords,
  mail: enMail,
  'staff-forms': enStaffForms,
  'staff-licensing': enStaffLicensing,
  'staff-welfare': enStaffWelfare,
  'staff-admin': enStaffAdmin,
  staff: enStaff,
};
const fil = {
  ...filBase,
  agencies: filAgencies,
  fees: filFees,
  complaints: filComplaints,
  tracking: filTracking,
  account: filAccount,
  agencyPortal: filAgencyPortal,
  agencyRecords: filAgencyRecords,
  mail: filMail,
  'staff-forms': filStaffForms,
  'staff-licensing': filStaffLicensing,
  'staff-welfare': filStaffWelfare,
  'staff-admin': filStaffAdmin,
  staff: filStaff,
};
const id = {
  ...idBase,
  agencies: idAgencies,
  fees: idFees,
  complaints: idComplaints,
  tracking: idTracking,
  account: idAccount,
  agencyPortal: idAgencyPortal,
  agencyRecords: idAgencyRecords,
  mail: idMail,
  'staff-forms': idStaffForms,
  'staff-licensing': idStaffLicensing,
  'staff-welfare': idStaffWelfare,
  'staff-admin': idStaffAdmin,
  staff: idStaff,
};
const ne = {
  ...neBase,
  agencies: neAgencies,
  fees: neFees,
  complaints: neComplaints,
  tracking: neTracking,
  account: neAccount,
  agencyPortal: neAgencyPortal,
  agencyRecords: neAgencyRecords,
  mail: neMail,
  'staff-forms': neStaffForms,
  'staff-licensing': neStaffLicensing,
  'staff-welfare': neStaffWelfare,
  'staff-admin': neStaffAdmin,
  staff: neStaff,
};

/** Every key of the English catalogue, dotted (`home.actions.fees.title`): a typo is a compile error in TypeScript callers. */
export type MessageKey = KeysOf<typeof en>;
type KeysOf<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : T[K] extends { other: string } ? `${Prefix}${K}` : KeysOf<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

export type MessageVars = Record<string, string | number | bigint | null | undefined>;
export type Translate = (key: MessageKey | (string & {}), vars?: MessageVars) => string;

const PLURAL_CATEGORIES: readonly string[] = ['zero', 'one', 'two', 'few', 'many', 'other'];

const isPluralForms = (value: unknown): value is PluralForms =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as Record<string, unknown>).other === 'string' &&
  Object.keys(value).every((k) => PLURAL_CATEGORIES.includes(k));

/** `{ a: { b: 'x' } }` → Map { 'a.b' => 'x' }; plural-form objects stay whole. */
function flatten(tree: Tree, prefix = '', into = new Map<string, Message>()): Map<string, Message> {
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix + key;
    if (typeof value === 'string' || isPluralForms(value)) into.set(path, value);
    else flatten(value, `${path}.`, into);
  }
  return into;
}

const SOURCES: Readonly<Record<Locale, Tree>> = { en, fil, id, ne };
const CATALOGUES: Readonly<Record<Locale, Map<string, Message>>> = Object.fromEntries(LOCALES.map((l) => [l, flatten(SOURCES[l])])) as Record<
  Locale,
  Map<string, Message>
>;

/** Does the catalogue have this key (in English, the reference)? */
export function hasMessage(key: string): boolean {
  return CATALOGUES[DEFAULT_LOCALE].has(key);
}

/** Every key of the reference catalogue. */
export function messageKeys(): string[] {
  return [...CATALOGUES[DEFAULT_LOCALE].keys()];
}

const pluralRules = new Map<Locale, Intl.PluralRules>();
const rulesFor = (locale: Locale) => {
  let rules = pluralRules.get(locale);
  if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(LOCALE_INFO[locale].intl)));
  return rules;
};

const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9_]*)\}/g;

/**
 * A message split at its placeholders: text, name, text, name, ..., text (`"{a} of {b}"` is
 * `['', 'a', ' of ', 'b', '']`). Split once per message and kept: a page fills some forty.
 */
const partsOf = new Map<string, readonly string[]>();
function splitMessage(text: string): readonly string[] {
  let parts = partsOf.get(text);
  if (!parts) {
    parts = text.split(PLACEHOLDER);
    partsOf.set(text, parts);
  }
  return parts;
}

/**
 * The message `key` in `locale`, its `{name}` placeholders filled from `vars` (numbers in the
 * reader's digits: Devanagari for Nepali). A key the catalogue lacks answers the key itself (a
 * page never breaks on a missing text; the catalogue test catches it before it ships); a
 * placeholder `vars` lacks stays as it is.
 */
export function translate(locale: Locale, key: string, vars?: MessageVars): string {
  const message = CATALOGUES[locale].get(key) ?? CATALOGUES[DEFAULT_LOCALE].get(key);
  if (message === undefined) return key;
  let text: string;
  if (typeof message === 'string') {
    text = message;
  } else {
    const count = Number(vars?.count ?? 0);
    text = message[rulesFor(locale).select(count)] ?? message.other;
  }
  if (!vars) return text;
  const parts = splitMessage(text);
  let filled = parts[0];
  for (let i = 1; i < parts.length; i += 2) {
    const name = parts[i];
    const value = vars[name];
    filled +=
      value === undefined || value === null ? `{${name}}` : typeof value === 'number' || typeof value === 'bigint' ? formatNumber(value, locale) : value;
    filled += parts[i + 1];
  }
  return filled;
}

/** `t(key, vars)` bound to one language, as templates and mail use it. */
export function translator(locale: Locale): Translate {
  return (key, vars) => translate(locale, key, vars);
}

const placeholdersOf = (message: Message): string[] => {
  const texts = typeof message === 'string' ? [message] : Object.values(message);
  return [...new Set(texts.flatMap((t) => [...(t ?? '').matchAll(PLACEHOLDER)].map((m) => m[1])))].sort();
};

/**
 * Everything wrong with the catalogues, one line each (empty when all is well): a key missing
 * from or extra in a language, a message that is empty, placeholders that differ from English,
 * a plural message lacking a form the language's rules need, or plural in one language and not
 * in another.
 */
export function catalogueProblems(): string[] {
  const problems: string[] = [];
  const reference = CATALOGUES[DEFAULT_LOCALE];
  for (const locale of LOCALES) {
    const catalogue = CATALOGUES[locale];
    for (const key of reference.keys()) if (!catalogue.has(key)) problems.push(`${locale}: missing key "${key}"`);
    for (const [key, message] of catalogue) {
      const ref = reference.get(key);
      if (ref === undefined) {
        problems.push(`${locale}: extra key "${key}" (not in en.json)`);
        continue;
      }
      if (typeof ref !== typeof message) {
        problems.push(
          `${locale}: "${key}" is ${typeof message === 'string' ? 'text' : 'plural forms'} but in en.json ${typeof ref === 'string' ? 'text' : 'plural forms'}`,
        );
        continue;
      }
      const texts = typeof message === 'string' ? [message] : Object.values(message);
      if (texts.some((t) => !t || !t.trim())) problems.push(`${locale}: "${key}" is empty`);
      const mine = placeholdersOf(message).join(', ');
      const theirs = placeholdersOf(ref).join(', ');
      if (mine !== theirs) problems.push(`${locale}: "${key}" has placeholders {${mine}} but en.json {${theirs}}`);
      if (typeof message !== 'string') {
        for (const category of rulesFor(locale).resolvedOptions().pluralCategories) {
          if (!(category in message)) problems.push(`${locale}: "${key}" lacks the plural form "${category}"`);
        }
      }
    }
  }
  return problems;
}
