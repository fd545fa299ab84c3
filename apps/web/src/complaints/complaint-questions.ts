/**
 * The questions of "File a complaint", one per page. Each question:
 *
 *   values(draft)          the form's fields as the draft answers them (GET)
 *   parse(body)            the form's fields as sent (POST)
 *   save(values, ctx)      checks them and writes the answer into the draft; answers the
 *                          problems (field → message key) or where to go: `next` (the next
 *                          question, or the check page after a change) or `stay` (the same page
 *                          again: a search, a line added, a file uploaded)
 *   view(values, ctx)      what its template needs besides the values (options, search results)
 *
 * Messages are catalogue keys (complaints.*); the controller translates them.
 */
import type { ApiClient, ApiSchemas } from '@app/api-client';
import { LOCALE_INFO, LOCALES, Locale, MessageVars, isKnownCurrency, isLocale, translate } from '@app/i18n';
import { countryName as feesCountryName, currencyOptions as feesCurrencyOptions, itemName, jobName } from '../fees/fees-names';
import { CATEGORIES, CATEGORIES_WITH_AMOUNT, Category, ComplaintDraft, EVIDENCE_KINDS, FeeLineAnswer, isCategory } from './complaint-draft';
import {
  DateParts,
  amountForInput,
  dateParts,
  list,
  looksLikeEmail,
  normalisePhone,
  parseAmount,
  parseDateParts,
  PHONE,
  text,
  todayIso,
} from './complaint-inputs';

export interface FieldError {
  /** The id of the field in the page (the error summary links to `#<field>`). */
  field: string;
  key: string;
  vars?: MessageVars;
}

export type Values = Record<string, unknown>;
export type SaveResult = { errors: FieldError[] } | { next: true } | { stay: true };

export interface QuestionContext {
  draft: ComplaintDraft;
  locale: Locale;
  api: ApiClient;
}

export interface Question {
  template: string;
  values(d: ComplaintDraft, ctx: QuestionContext): Values;
  parse(body: Record<string, unknown>): Values;
  save(values: Values, ctx: QuestionContext): Promise<SaveResult> | SaveResult;
  view?(values: Values, ctx: QuestionContext): Promise<Values> | Values;
}

const fail = (...errors: (FieldError | null | undefined | false)[]): SaveResult | null => {
  const list = errors.filter((e): e is FieldError => Boolean(e));
  return list.length ? { errors: list } : null;
};
const err = (field: string, key: string, vars?: MessageVars): FieldError => ({ field, key, vars });
const yesNo = (v: unknown): boolean | undefined => (v === 'yes' ? true : v === 'no' ? false : undefined);
const asYesNo = (b: boolean | undefined): string => (b === undefined ? '' : b ? 'yes' : 'no');

// ---------------------------------------------------------------------------------------------
// Options shown in lists: countries, currencies, job types, fee items (names in the reader's
// language: Intl for countries and currencies, the catalogue for the rest).
// ---------------------------------------------------------------------------------------------

/** Where workers from the origin countries most often go (ISO 3166-1 alpha-2). */
export const DESTINATION_COUNTRIES = [
  'AE',
  'AU',
  'BH',
  'BN',
  'CA',
  'CN',
  'CY',
  'CZ',
  'DE',
  'ES',
  'GB',
  'GR',
  'HK',
  'HR',
  'IE',
  'IL',
  'IN',
  'IT',
  'JO',
  'JP',
  'KR',
  'KW',
  'LB',
  'MO',
  'MT',
  'MV',
  'MY',
  'NL',
  'NZ',
  'OM',
  'PL',
  'PT',
  'QA',
  'RO',
  'RU',
  'SA',
  'SG',
  'TH',
  'TR',
  'TW',
  'US',
] as const;

/** A country's name in the reader's language (the fee pages' names: one translation of each term). */
export const countryName = (code: string, locale: Locale): string => feesCountryName(locale, code);

export function countryOptions(locale: Locale): { value: string; text: string }[] {
  const collator = new Intl.Collator(LOCALE_INFO[locale].intl);
  return DESTINATION_COUNTRIES.map((code) => ({ value: code, text: countryName(code, locale) })).sort((a, b) => collator.compare(a.text, b.text));
}

/** The currency a person of this language most likely paid fees in. */
export const HOME_CURRENCY: Readonly<Record<Locale, string>> = { en: 'PHP', fil: 'PHP', id: 'IDR', ne: 'NPR' };
const FIRST_CURRENCIES = ['PHP', 'NPR', 'IDR', 'USD'];

/** Every currency ("Philippine peso (PHP)"), the reader's home currency and the usual ones first. */
export function currencyOptions(locale: Locale): { value: string; text: string }[] {
  const first = [HOME_CURRENCY[locale], ...FIRST_CURRENCIES.filter((c) => c !== HOME_CURRENCY[locale])];
  const all = feesCurrencyOptions(locale).map((c) => ({ value: c.code, text: c.label }));
  return [...first.map((code) => all.find((c) => c.value === code)!).filter(Boolean), ...all.filter((c) => !first.includes(c.value))];
}

async function vocabulary(api: ApiClient): Promise<ApiSchemas['FeeVocabulary']> {
  const { data, response } = await api.GET('/public/fees/vocabulary');
  if (!response.ok || !data) throw new Error(`GET /public/fees/vocabulary answered ${response.status}`);
  return data;
}

/** A fee item's name (the fee pages' catalogue; the API's English label for one it does not know). */
export const feeItemName = (code: string, locale: Locale, apiLabel?: string): string => itemName(locale, code, apiLabel);
/** A job type's name (the fee pages' catalogue). */
export const occupationName = (code: string, locale: Locale): string => jobName(locale, code);

// ---------------------------------------------------------------------------------------------
// 1. Who you are, or anonymous; identity protection
// ---------------------------------------------------------------------------------------------

const who: Question = {
  template: 'complaints/who.njk',
  values: (d) => ({ who: d.who ?? '' }),
  parse: (b) => ({ who: text(b.who) }),
  save(v, { draft }) {
    const choice = v.who as string;
    if (choice !== 'named' && choice !== 'anonymous') return { errors: [err('who', 'complaints.who.errors.choose')] };
    draft.who = choice;
    if (choice === 'anonymous') {
      // Nothing that says who they are is kept, nor sent.
      delete draft.name;
      delete draft.identityProtected;
      delete draft.contact;
    }
    return { next: true };
  },
};

const name: Question = {
  template: 'complaints/name.njk',
  values: (d) => ({ name: d.name ?? '' }),
  parse: (b) => ({ name: text(b.name).replace(/\s+/g, ' ') }),
  save(v, { draft }) {
    const value = v.name as string;
    const problem = fail(!value && err('name', 'complaints.who.errors.nameMissing'), value.length > 200 && err('name', 'complaints.who.errors.nameTooLong'));
    if (problem) return problem;
    draft.name = value;
    return { next: true };
  },
};

const protection: Question = {
  template: 'complaints/protection.njk',
  values: (d) => ({ protect: asYesNo(d.identityProtected) }),
  parse: (b) => ({ protect: text(b.protect) }),
  save(v, { draft }) {
    const protect = yesNo(v.protect);
    if (protect === undefined) return { errors: [err('protect', 'complaints.protection.errors.choose')] };
    draft.identityProtected = protect;
    return { next: true };
  },
};

// ---------------------------------------------------------------------------------------------
// 2. The agency: found by search (name or license number), or "not licensed / I don't know"
// ---------------------------------------------------------------------------------------------

/** A license number as people type it (PH-LRA-2026-00042-7): letters, then digits with dashes. */
const LICENSE_LIKE = /^[A-Za-z]{2,4}[-\s]?[A-Za-z]{0,4}[-\s]?\d{4}[-\s]?\d{1,6}[-\s]?\d$/;

export interface AgencyResult {
  value: string;
  legalName: string;
  licenseNumber?: string;
  state?: ApiSchemas['PublicLicenseView']['state'];
}

/** The agencies matching what was typed: by license number when it looks like one, by name otherwise. */
export async function searchAgencies(api: ApiClient, q: string): Promise<AgencyResult[]> {
  if (LICENSE_LIKE.test(q.trim())) {
    const { data, response } = await api.GET('/public/licenses/{number}', { params: { path: { number: q.trim().replace(/\s+/g, '-') } } });
    if (response.ok && data) return [agencyResult(data)];
    if (response.status !== 404 && response.status !== 400) throw new Error(`GET /public/licenses/{number} answered ${response.status}`);
    return [];
  }
  if (q.trim().length < 3) return [];
  const { data, response } = await api.GET('/public/agencies', { params: { query: { q: q.trim().slice(0, 100) } } });
  if (response.status === 400) return [];
  if (!response.ok || !data) throw new Error(`GET /public/agencies answered ${response.status}`);
  return data.items.map(agencyResult);
}

function agencyResult(a: ApiSchemas['PublicAgencyView']): AgencyResult {
  return a.license
    ? { value: `license:${a.license.number}`, legalName: a.legalName, licenseNumber: a.license.number, state: a.license.state }
    : { value: `name:${a.legalName}`, legalName: a.legalName };
}

/** The agency a license number names (null when there is none), e.g. from `?licenseNumber=` on the agency's page. */
export async function agencyByLicense(api: ApiClient, licenseNumber: string): Promise<AgencyResult | null> {
  const number = licenseNumber.trim();
  if (number.length < 8 || number.length > 40) return null;
  const { data, response } = await api.GET('/public/licenses/{number}', { params: { path: { number } } });
  if (response.ok && data) return agencyResult(data);
  if (response.status === 404 || response.status === 400) return null;
  throw new Error(`GET /public/licenses/{number} answered ${response.status}`);
}

/** "Licence PH-LRA-2026-00042-7 (suspended)", in the reader's language. */
function agencyHint(r: AgencyResult, locale: Locale): string {
  if (!r.licenseNumber) return translate(locale, 'complaints.agency.noLicence');
  const number = translate(locale, 'complaints.agency.licence', { number: r.licenseNumber });
  return r.state && r.state !== 'active' ? `${number} – ${translate(locale, `complaints.agency.states.${r.state}`)}` : number;
}

const agencyValue = (d: ComplaintDraft): string =>
  d.agency?.kind === 'licensed'
    ? `license:${d.agency.licenseNumber}`
    : d.agency?.kind === 'named'
      ? `name:${d.agency.agencyName}`
      : d.agency?.kind === 'unlicensed'
        ? 'unlicensed'
        : '';

const agency: Question = {
  template: 'complaints/agency.njk',
  values: (d) => ({ q: d.agencyQuery ?? '', agency: agencyValue(d) }),
  parse: (b) => ({ q: text(b.q).slice(0, 200), agency: text(b.agency), action: text(b.action) }),
  async save(v, { draft, api }) {
    if (v.action === 'unlicensed') v = { ...v, agency: 'unlicensed' };
    if (v.action === 'search') {
      const q = v.q as string;
      if (!LICENSE_LIKE.test(q) && q.length < 3) return { errors: [err('q', 'complaints.agency.errors.queryShort')] };
      draft.agencyQuery = q;
      return { stay: true };
    }
    const choice = v.agency as string;
    if (choice === 'unlicensed') {
      draft.agency = { kind: 'unlicensed', description: draft.agency?.kind === 'unlicensed' ? draft.agency.description : undefined };
      return { next: true };
    }
    if (choice.startsWith('license:')) {
      const found = await agencyByLicense(api, choice.slice('license:'.length));
      if (!found?.licenseNumber) return { errors: [err('agency', 'complaints.agency.errors.choose')] };
      draft.agency = { kind: 'licensed', licenseNumber: found.licenseNumber, legalName: found.legalName };
      return { next: true };
    }
    if (choice.startsWith('name:') && choice.length > 'name:'.length + 1) {
      draft.agency = { kind: 'named', agencyName: choice.slice('name:'.length).slice(0, 300) };
      return { next: true };
    }
    return { errors: [err(v.q ? 'agency' : 'q', v.q ? 'complaints.agency.errors.choose' : 'complaints.agency.errors.searchFirst')] };
  },
  async view(v, { draft, api, locale }) {
    const q = (v.q as string) || draft.agencyQuery || '';
    const results = q ? await searchAgencies(api, q) : [];
    // The agency already chosen stays on the page, even when the search no longer finds it.
    const current: AgencyResult | null =
      draft.agency?.kind === 'licensed'
        ? { value: `license:${draft.agency.licenseNumber}`, legalName: draft.agency.legalName, licenseNumber: draft.agency.licenseNumber }
        : draft.agency?.kind === 'named'
          ? { value: `name:${draft.agency.agencyName}`, legalName: draft.agency.agencyName }
          : null;
    if (current && !results.some((r) => r.value === current.value)) results.unshift(current);
    return {
      searched: Boolean(q),
      query: q,
      results: results.map((r) => ({ value: r.value, text: r.legalName, hint: agencyHint(r, locale) })),
      unlicensedChosen: draft.agency?.kind === 'unlicensed',
    };
  },
};

const recruiter: Question = {
  template: 'complaints/recruiter.njk',
  values: (d) => ({ description: d.agency?.kind === 'unlicensed' ? (d.agency.description ?? '') : '' }),
  parse: (b) => ({ description: text(b.description) }),
  save(v, { draft }) {
    const description = v.description as string;
    const problem = fail(
      description.length < 2 && err('description', 'complaints.recruiter.errors.missing'),
      description.length > 2000 && err('description', 'complaints.recruiter.errors.tooLong'),
    );
    if (problem) return problem;
    draft.agency = { kind: 'unlicensed', description };
    return { next: true };
  },
};

// ---------------------------------------------------------------------------------------------
// 3. What happened: categories, then the facts of each
// ---------------------------------------------------------------------------------------------

const whatHappened: Question = {
  template: 'complaints/what-happened.njk',
  values: (d) => ({ categories: d.categories ?? [] }),
  parse: (b) => ({ categories: list(b.categories).filter(isCategory) }),
  save(v, { draft }) {
    const chosen = CATEGORIES.filter((c) => (v.categories as string[]).includes(c));
    if (!chosen.length) return { errors: [err('categories', 'complaints.whatHappened.errors.choose')] };
    draft.categories = chosen;
    // What was said about a category no longer chosen goes.
    for (const c of CATEGORIES) if (!chosen.includes(c) && draft.facts?.[c]) delete draft.facts[c];
    return { next: true };
  },
};

function facts(category: Category): Question {
  const withAmount = CATEGORIES_WITH_AMOUNT.includes(category);
  return {
    template: 'complaints/facts.njk',
    values: (d, { locale }) => {
      const f = d.facts?.[category];
      return {
        facts: f?.facts ?? '',
        occurredOn: dateParts(f?.occurredOn),
        amount: amountForInput(f?.amountMinor, f?.currency, locale),
        currency: f?.currency ?? '',
      };
    },
    parse: (b) => ({
      facts: text(b.facts),
      occurredOn: { day: text(b['occurredOn-day']), month: text(b['occurredOn-month']), year: text(b['occurredOn-year']) },
      amount: text(b.amount),
      currency: text(b.currency),
    }),
    save(v, { draft, locale }) {
      const factsText = v.facts as string;
      const date = parseDateParts(v.occurredOn as DateParts, todayIso());
      const errors: FieldError[] = [];
      if (factsText.length < 5) errors.push(err('facts', 'complaints.facts.errors.missing'));
      else if (factsText.length > 5000) errors.push(err('facts', 'complaints.facts.errors.tooLong'));
      if (!date.ok) errors.push(err('occurredOn', `complaints.dates.${date.reason}`));
      let amountMinor: string | undefined;
      const currency = v.currency as string;
      if (withAmount && v.amount) {
        if (!isKnownCurrency(currency)) errors.push(err('currency', 'complaints.facts.errors.currencyMissing'));
        else {
          const amount = parseAmount(v.amount as string, currency, locale);
          if (amount.ok) amountMinor = amount.minor;
          else errors.push(err('amount', `complaints.amounts.${amount.reason}`));
        }
      }
      if (errors.length) return { errors };
      draft.facts = {
        ...(draft.facts ?? {}),
        [category]: { facts: factsText, ...(date.ok && date.date ? { occurredOn: date.date } : {}), ...(amountMinor ? { amountMinor, currency } : {}) },
      };
      return { next: true };
    },
    view: (_v, { locale }) => ({
      category,
      categoryName: translate(locale, `complaints.categories.${category}.name`),
      prompt: translate(locale, `complaints.categories.${category}.prompt`),
      withAmount,
      currencies: withAmount ? currencyOptions(locale) : [],
    }),
  };
}

// ---------------------------------------------------------------------------------------------
// 4. Details: the employer and the country; the fees paid; still abroad; in danger
// ---------------------------------------------------------------------------------------------

const employer: Question = {
  template: 'complaints/employer.njk',
  values: (d) => ({ employerName: d.employer?.name ?? '', country: d.employer?.country ?? '' }),
  parse: (b) => ({ employerName: text(b.employerName), country: text(b.country) }),
  save(v, { draft }) {
    const name = v.employerName as string;
    const country = v.country as string;
    const problem = fail(
      name.length > 300 && err('employerName', 'complaints.employer.errors.nameTooLong'),
      country !== '' && !(DESTINATION_COUNTRIES as readonly string[]).includes(country) && err('country', 'complaints.employer.errors.countryRefused'),
    );
    if (problem) return problem;
    draft.employer = { ...(name ? { name } : {}), ...(country ? { country } : {}) };
    return { next: true };
  },
  view: (_v, { locale }) => ({ countries: countryOptions(locale) }),
};

/** Fee lines shown without script: the lines given and empty ones up to this many (at most FEE_LINES_MAX). */
const FEE_LINES_SHOWN = 3;
export const FEE_LINES_MAX = 20;

const feesPaid: Question = {
  template: 'complaints/fees-paid.njk',
  values: (d, { locale }) => {
    const f = d.feesPaid ?? undefined;
    const currency = f?.currency ?? HOME_CURRENCY[locale];
    return {
      currency,
      paidOn: dateParts(f?.paidOn),
      lines: (f?.lines ?? []).map((l) => ({ item: l.item, amount: amountForInput(l.amountMinor, currency, locale) })),
      occupationCategory: f?.occupationCategory ?? '',
      salary: amountForInput(f?.monthlySalaryMinor, f?.salaryCurrency, locale),
      salaryCurrency: f?.salaryCurrency ?? '',
      rows: Math.max(FEE_LINES_SHOWN, (f?.lines.length ?? 0) + 1),
    };
  },
  parse: (b) => {
    const lines: { item: string; amount: string }[] = [];
    const rows = Math.min(FEE_LINES_MAX, Math.max(1, Number(text(b.rows)) || FEE_LINES_SHOWN));
    for (let i = 0; i < rows; i++) lines.push({ item: text(b[`item-${i}`]), amount: text(b[`amount-${i}`]) });
    return {
      action: text(b.action),
      currency: text(b.currency),
      paidOn: { day: text(b['paidOn-day']), month: text(b['paidOn-month']), year: text(b['paidOn-year']) },
      lines,
      occupationCategory: text(b.occupationCategory),
      salary: text(b.salary),
      salaryCurrency: text(b.salaryCurrency),
      rows,
    };
  },
  async save(v, { draft, locale, api }) {
    if (v.action === 'skip') {
      draft.feesPaid = null;
      return { next: true };
    }
    const vocab = await vocabulary(api);
    const items = new Set([vocab.placementFeeItem, ...vocab.costItems.map((c) => c.code)]);
    const errors: FieldError[] = [];
    const currency = v.currency as string;
    if (!isKnownCurrency(currency)) errors.push(err('currency', 'complaints.feesPaid.errors.currencyMissing'));
    const lines: FeeLineAnswer[] = [];
    (v.lines as { item: string; amount: string }[]).forEach((l, i) => {
      if (!l.item && !l.amount) return;
      if (!l.item || !items.has(l.item)) errors.push(err(`item-${i}`, 'complaints.feesPaid.errors.itemMissing', { number: i + 1 }));
      if (!l.amount) errors.push(err(`amount-${i}`, 'complaints.feesPaid.errors.amountMissing', { number: i + 1 }));
      else if (isKnownCurrency(currency)) {
        const amount = parseAmount(l.amount, currency, locale);
        if (amount.ok) lines.push({ item: l.item, amountMinor: amount.minor });
        else errors.push(err(`amount-${i}`, `complaints.amounts.${amount.reason}`));
      }
    });
    const addLine = v.action === 'add';
    if (!addLine && !lines.length && !errors.some((e) => e.field.startsWith('item-') || e.field.startsWith('amount-')))
      errors.push(err('item-0', 'complaints.feesPaid.errors.noLines'));
    const paidOn = parseDateParts(v.paidOn as DateParts, todayIso());
    if (!paidOn.ok) errors.push(err('paidOn', `complaints.dates.${paidOn.reason}`));
    else if (!paidOn.date && !addLine) errors.push(err('paidOn', 'complaints.feesPaid.errors.paidOnMissing'));
    const occupation = v.occupationCategory as string;
    if (occupation && !vocab.occupationCategories.includes(occupation)) errors.push(err('occupationCategory', 'complaints.feesPaid.errors.occupationRefused'));
    let salaryMinor: string | undefined;
    const salaryCurrency = v.salaryCurrency as string;
    if (v.salary) {
      if (!isKnownCurrency(salaryCurrency)) errors.push(err('salaryCurrency', 'complaints.feesPaid.errors.salaryCurrencyMissing'));
      else {
        const salary = parseAmount(v.salary as string, salaryCurrency, locale);
        if (salary.ok) salaryMinor = salary.minor;
        else errors.push(err('salary', `complaints.amounts.${salary.reason}`));
      }
    }
    if (errors.length) return { errors };
    draft.feesPaid = {
      lines,
      currency: isKnownCurrency(currency) ? currency : HOME_CURRENCY[locale],
      paidOn: paidOn.ok && paidOn.date ? paidOn.date : '',
      ...(occupation && vocab.occupationCategories.includes(occupation) ? { occupationCategory: occupation } : {}),
      ...(salaryMinor ? { monthlySalaryMinor: salaryMinor, salaryCurrency } : {}),
    };
    if (addLine) {
      draft.feesPaidRows = Math.min(FEE_LINES_MAX, (v.rows as number) + 1);
      return { stay: true };
    }
    delete draft.feesPaidRows;
    return { next: true };
  },
  async view(v, { draft, locale, api }) {
    const vocab = await vocabulary(api);
    const rows = Math.min(FEE_LINES_MAX, Math.max(v.rows as number, draft.feesPaidRows ?? 0));
    const items = [
      { value: vocab.placementFeeItem, text: feeItemName(vocab.placementFeeItem, locale) },
      ...vocab.costItems.map((c) => ({ value: c.code, text: feeItemName(c.code, locale, c.label) })),
    ];
    return {
      rows,
      items,
      occupations: vocab.occupationCategories.map((code) => ({ value: code, text: occupationName(code, locale) })),
      currencies: currencyOptions(locale),
      canAdd: rows < FEE_LINES_MAX,
      country: draft.employer?.country ? countryName(draft.employer.country, locale) : null,
    };
  },
};

const abroad: Question = {
  template: 'complaints/abroad.njk',
  values: (d) => ({ abroad: asYesNo(d.workerAbroad) }),
  parse: (b) => ({ abroad: text(b.abroad) }),
  save(v, { draft }) {
    const answer = yesNo(v.abroad);
    if (answer === undefined) return { errors: [err('abroad', 'complaints.abroad.errors.choose')] };
    draft.workerAbroad = answer;
    return { next: true };
  },
};

const safety: Question = {
  template: 'complaints/safety.njk',
  values: (d) => ({ danger: asYesNo(d.danger) }),
  parse: (b) => ({ danger: text(b.danger) }),
  save(v, { draft }) {
    const answer = yesNo(v.danger);
    if (answer === undefined) return { errors: [err('danger', 'complaints.safety.errors.choose')] };
    draft.danger = answer;
    return { next: true };
  },
};

// ---------------------------------------------------------------------------------------------
// 6. Contact and language
// ---------------------------------------------------------------------------------------------

const contact: Question = {
  template: 'complaints/contact.njk',
  values: (d) => ({ email: d.contact?.email ?? '', phone: d.contact?.phone ?? '' }),
  parse: (b) => ({ email: text(b.email).replace(/\s+/g, ''), phone: normalisePhone(text(b.phone)) }),
  save(v, { draft }) {
    const email = v.email as string;
    const phone = v.phone as string;
    const problem = fail(
      email !== '' && !looksLikeEmail(email) && err('email', 'complaints.contact.errors.emailInvalid'),
      phone !== '' && !PHONE.test(phone) && err('phone', 'complaints.contact.errors.phoneInvalid'),
    );
    if (problem) return problem;
    draft.contact = { ...(email ? { email } : {}), ...(phone ? { phone } : {}) };
    return { next: true };
  },
};

const language: Question = {
  template: 'complaints/language.njk',
  values: (d, { locale }) => ({ language: d.language ?? locale }),
  parse: (b) => ({ language: text(b.language) }),
  save(v, { draft }) {
    if (!isLocale(v.language)) return { errors: [err('language', 'complaints.language.errors.choose')] };
    draft.language = v.language;
    return { next: true };
  },
  view: () => ({ options: LOCALES.map((code) => ({ value: code, text: LOCALE_INFO[code].name, lang: code })) }),
};

/** The question at `slug` (evidence has its own handling in the controller: a multipart form). */
export function questionFor(slug: string): Question | null {
  const m = /^what-happened\/([a-z-]+)$/.exec(slug);
  if (m) return isCategory(m[1]) ? facts(m[1]) : null;
  return QUESTIONS[slug] ?? null;
}

const QUESTIONS: Readonly<Record<string, Question>> = {
  who,
  name,
  protection,
  agency,
  recruiter,
  'what-happened': whatHappened,
  employer,
  'fees-paid': feesPaid,
  abroad,
  safety,
  contact,
  language,
};

export const EVIDENCE_KIND_LIST = EVIDENCE_KINDS;
