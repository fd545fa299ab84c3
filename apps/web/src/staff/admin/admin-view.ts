/**
 * The admin pages' forms and what they send to the API: users and roles, SLA policies, holidays,
 * fee rules, exchange rates, benefit schedules. Each form is described once (workbench-forms.ts);
 * the functions turning its checked values into the API's body are here, unit-tested.
 */
import type { ApiSchemas } from '@app/api-client';
import type { Translate } from '@app/i18n';
import type { FormSpec, FormValues } from '../workbench-forms';
import { lines } from '../workbench-forms';
import { STAFF_PATHS } from '../workbench-page';

export const ROLES = ['worker', 'agency_admin', 'agency_staff', 'inspector', 'supervisor', 'welfare_officer', 'finance_officer', 'admin'] as const;
export const LANGUAGES = ['en', 'fil', 'id', 'ne'] as const;
export const ESCALATION_ACTIONS = ['notify-assignee', 'notify-supervisors', 'raise-priority', 'move-to-supervisors-queue', 'act'] as const;
export const CLAIM_TYPES = [
  'death:natural',
  'death:accidental',
  'death:burial',
  'disability:partial',
  'disability:total',
  'medical',
  'repatriation',
  'legal-assistance',
  'education-grant',
  'livelihood-grant',
] as const;

const s = (v: FormValues[string] | undefined): string => (typeof v === 'string' ? v : '');

// --- users ---------------------------------------------------------------------------------------

const roleOptions = (t: Translate) => ROLES.map((r) => ({ value: r, text: t(`staff-admin.roles.${r}`) }));

export function createUserForm(t: Translate): FormSpec {
  return {
    id: 'user-create',
    title: t('staff-admin.users.create.title'),
    submit: t('staff-admin.users.create.submit'),
    action: STAFF_PATHS.users,
    fields: [
      { name: 'displayName', label: t('staff-admin.users.fields.name'), kind: 'text', required: true },
      { name: 'email', label: t('staff-admin.users.fields.email'), kind: 'text', required: true },
      { name: 'password', label: t('staff-admin.users.fields.password'), hint: t('staff-admin.users.fields.passwordHint'), kind: 'text', required: true },
      {
        name: 'preferredLanguage',
        label: t('staff-admin.users.fields.language'),
        kind: 'select',
        required: true,
        options: LANGUAGES.map((l) => ({ value: l, text: t(`staff-admin.languages.${l}`) })),
      },
      { name: 'roles', label: t('staff-admin.users.fields.roles'), kind: 'checkboxes', required: true, options: roleOptions(t) },
      { name: 'agencyId', label: t('staff-admin.users.fields.agency'), hint: t('staff-admin.users.fields.agencyHint'), kind: 'text' },
    ],
  };
}

export function rolesForm(userId: string, t: Translate): FormSpec {
  return {
    id: 'user-roles',
    title: t('staff-admin.users.roles.title'),
    submit: t('staff-admin.users.roles.submit'),
    action: `${STAFF_PATHS.users}/${userId}/roles`,
    fields: [
      { name: 'roles', label: t('staff-admin.users.fields.roles'), kind: 'checkboxes', required: true, options: roleOptions(t) },
      { name: 'agencyId', label: t('staff-admin.users.fields.agency'), hint: t('staff-admin.users.fields.agencyHint'), kind: 'text' },
    ],
  };
}

export function disableForm(userId: string, t: Translate): FormSpec {
  return {
    id: 'user-disable',
    title: t('staff-admin.users.disable.title'),
    submit: t('staff-admin.users.disable.submit'),
    action: `${STAFF_PATHS.users}/${userId}/disable`,
    warning: true,
    fields: [{ name: 'reason', label: t('staff-admin.users.fields.reason'), kind: 'textarea', required: true }],
  };
}

export function enableForm(userId: string, t: Translate): FormSpec {
  return {
    id: 'user-enable',
    title: t('staff-admin.users.enable.title'),
    submit: t('staff-admin.users.enable.submit'),
    action: `${STAFF_PATHS.users}/${userId}/enable`,
    fields: [],
  };
}

export function createUserBody(v: FormValues): ApiSchemas['CreateUserDto'] {
  return {
    displayName: s(v.displayName),
    email: s(v.email),
    password: s(v.password),
    preferredLanguage: s(v.preferredLanguage) as ApiSchemas['Language'],
    roles: v.roles as ApiSchemas['Role'][],
    ...(s(v.agencyId) ? { agencyId: s(v.agencyId) } : {}),
  };
}

// --- SLA policies --------------------------------------------------------------------------------

export function slaForm(kind: string, t: Translate, supported: readonly string[]): FormSpec {
  return {
    id: 'sla-policy',
    title: t('staff-admin.sla.edit.title'),
    submit: t('staff-admin.sla.edit.submit'),
    action: `${STAFF_PATHS.sla}/${encodeURIComponent(kind)}`,
    fields: [
      { name: 'durationDays', label: t('staff-admin.sla.fields.duration'), kind: 'number', required: true },
      {
        name: 'counting',
        label: t('staff-admin.sla.fields.counting'),
        kind: 'radios',
        required: true,
        options: [
          { value: 'calendar', text: t('staff-admin.sla.counting.calendar') },
          { value: 'business', text: t('staff-admin.sla.counting.business') },
        ],
      },
      { name: 'reminderShare', label: t('staff-admin.sla.fields.reminder'), hint: t('staff-admin.sla.fields.reminderHint'), kind: 'decimal' },
      {
        name: 'escalations',
        label: t('staff-admin.sla.fields.escalations'),
        hint: t('staff-admin.sla.fields.escalationsHint', { actions: supported.join(', ') }),
        kind: 'textarea',
        api: ['escalations'],
      },
    ],
  };
}

/** The form's values of a policy as it stands. */
export function slaValues(p: ApiSchemas['PolicyView']): FormValues {
  return {
    durationDays: String(p.durationDays),
    counting: p.counting,
    reminderShare: p.reminderShare == null ? '' : String(p.reminderShare),
    escalations: p.escalations.map((e) => `${e.afterHours}: ${e.actions.join(', ')}`).join('\n'),
  };
}

/**
 * The escalation levels as typed, one a line: `<hours after the due time>: <action>, <action>`.
 * Null with the line that cannot be read.
 */
export function parseEscalations(text: string): { ok: true; levels: ApiSchemas['EscalationLevelDto'][] } | { ok: false } {
  const levels: ApiSchemas['EscalationLevelDto'][] = [];
  for (const line of lines(text)) {
    const m = /^(\d{1,5}(?:\.\d{1,2})?)\s*:\s*(.+)$/.exec(line);
    if (!m) return { ok: false };
    const actions = m[2]
      .split(',')
      .map((a) => a.trim())
      .filter(Boolean);
    if (!actions.length || actions.some((a) => !(ESCALATION_ACTIONS as readonly string[]).includes(a))) return { ok: false };
    levels.push({ afterHours: Number(m[1]), actions: actions as ApiSchemas['EscalationAction'][] });
  }
  return { ok: true, levels };
}

export function slaBody(v: FormValues, levels: ApiSchemas['EscalationLevelDto'][]): ApiSchemas['SlaPolicyDto'] {
  return {
    durationDays: Number(s(v.durationDays)),
    counting: s(v.counting) as ApiSchemas['DayCounting'],
    reminderShare: s(v.reminderShare) ? Number(s(v.reminderShare)) : null,
    escalations: levels,
  };
}

// --- holidays ------------------------------------------------------------------------------------

export function holidayForm(code: string, t: Translate): FormSpec {
  return {
    id: 'holiday-add',
    title: t('staff-admin.holidays.add.title'),
    submit: t('staff-admin.holidays.add.submit'),
    action: `${STAFF_PATHS.holidays}/${encodeURIComponent(code)}`,
    fields: [
      { name: 'date', label: t('staff-admin.holidays.fields.date'), kind: 'date', required: true },
      { name: 'name', label: t('staff-admin.holidays.fields.name'), kind: 'text', required: true },
    ],
  };
}

// --- exchange rates ------------------------------------------------------------------------------

export function rateForm(t: Translate): FormSpec {
  return {
    id: 'rate-record',
    title: t('staff-admin.rates.record.title'),
    submit: t('staff-admin.rates.record.submit'),
    action: STAFF_PATHS.rates,
    fields: [
      { name: 'base', label: t('staff-admin.rates.fields.base'), kind: 'text', required: true },
      { name: 'quote', label: t('staff-admin.rates.fields.quote'), kind: 'text', required: true },
      { name: 'date', label: t('staff-admin.rates.fields.date'), kind: 'date', required: true },
      { name: 'rate', label: t('staff-admin.rates.fields.rate'), hint: t('staff-admin.rates.fields.rateHint'), kind: 'decimal', required: true },
      { name: 'source', label: t('staff-admin.rates.fields.source'), kind: 'text', required: true },
    ],
  };
}

// --- fee rules -----------------------------------------------------------------------------------

export function feeRuleForm(t: Translate): FormSpec {
  return {
    id: 'fee-rule-create',
    title: t('staff-admin.feeRules.create.title'),
    submit: t('staff-admin.feeRules.create.submit'),
    action: STAFF_PATHS.feeRules,
    fields: [
      {
        name: 'destinationCountry',
        label: t('staff-admin.feeRules.fields.destination'),
        hint: t('staff-admin.feeRules.fields.countryHint'),
        kind: 'text',
        required: true,
      },
      { name: 'occupationCategory', label: t('staff-admin.feeRules.fields.occupation'), kind: 'text', required: true },
      {
        name: 'originCountry',
        label: t('staff-admin.feeRules.fields.origin'),
        hint: t('staff-admin.feeRules.fields.originHint'),
        kind: 'text',
        required: true,
      },
      { name: 'validFrom', label: t('staff-admin.feeRules.fields.validFrom'), kind: 'date', required: true },
      {
        name: 'capKind',
        label: t('staff-admin.feeRules.fields.capKind'),
        kind: 'radios',
        required: true,
        api: ['placementFeeCap'],
        options: (['none', 'salary-multiple', 'fixed'] as const).map((k) => ({ value: k, text: t(`staff-admin.feeRules.capKinds.${k}`) })),
      },
      { name: 'capMultiple', label: t('staff-admin.feeRules.fields.capMultiple'), kind: 'decimal' },
      { name: 'capCurrency', label: t('staff-admin.feeRules.fields.capCurrency'), kind: 'text' },
      { name: 'capAmount', label: t('staff-admin.feeRules.fields.capAmount'), kind: 'money', currencyField: 'capCurrency' },
      {
        name: 'allowedItems',
        label: t('staff-admin.feeRules.fields.allowed'),
        hint: t('staff-admin.feeRules.fields.allowedHint'),
        kind: 'textarea',
        api: ['allowedItems'],
      },
      { name: 'prohibitedItems', label: t('staff-admin.feeRules.fields.prohibited'), hint: t('staff-admin.feeRules.fields.linesHint'), kind: 'textarea' },
      {
        name: 'protected',
        label: t('staff-admin.feeRules.fields.protected'),
        kind: 'radios',
        required: true,
        options: [
          { value: 'yes', text: t('staff-admin.yes') },
          { value: 'no', text: t('staff-admin.no') },
        ],
      },
      { name: 'source', label: t('staff-admin.feeRules.fields.source'), kind: 'text', required: true },
    ],
  };
}

/** Allowed items, one a line: `<item>` or `<item> <cap> <CUR>` (the cap in major units: `medical-exam 2500 PHP`). */
export function parseAllowedItems(
  text: string,
  amount: (typed: string, currency: string) => string | null,
): { ok: true; items: ApiSchemas['AllowedItemDto'][] } | { ok: false } {
  const items: ApiSchemas['AllowedItemDto'][] = [];
  for (const line of lines(text)) {
    const m = /^(\S+)(?:\s+([0-9][0-9.,]*)\s+([A-Za-z]{3}))?$/.exec(line);
    if (!m) return { ok: false };
    if (!m[2]) {
      items.push({ item: m[1] });
      continue;
    }
    const currency = m[3].toUpperCase();
    const minor = amount(m[2], currency);
    if (!minor) return { ok: false };
    items.push({ item: m[1], cap: { amountMinor: minor, currency } });
  }
  return { ok: true, items };
}

export function feeRuleBody(v: FormValues, minor: Record<string, string>, allowed: ApiSchemas['AllowedItemDto'][]): ApiSchemas['CreateFeeRuleDto'] {
  const kind = s(v.capKind) as ApiSchemas['PlacementFeeCapKind'];
  const cap: ApiSchemas['PlacementFeeCapDto'] =
    kind === 'salary-multiple'
      ? { kind, multiple: s(v.capMultiple) }
      : kind === 'fixed'
        ? { kind, amountMinor: minor.capAmount, currency: s(v.capCurrency).toUpperCase() }
        : { kind };
  return {
    destinationCountry: s(v.destinationCountry).toUpperCase(),
    occupationCategory: s(v.occupationCategory),
    originCountry: s(v.originCountry).toUpperCase(),
    validFrom: s(v.validFrom),
    placementFeeCap: cap,
    allowedItems: allowed,
    prohibitedItems: lines(s(v.prohibitedItems)),
    protected: s(v.protected) === 'yes',
    source: s(v.source),
  };
}

export function endForm(id: string, action: string, t: Translate, title: string): FormSpec {
  return {
    id: `end-${id}`,
    title,
    submit: t('staff-admin.end.submit'),
    action,
    fields: [{ name: 'validTo', label: t('staff-admin.end.validTo'), kind: 'date', required: true }],
  };
}

// --- benefit schedules ---------------------------------------------------------------------------

export function benefitForm(t: Translate): FormSpec {
  return {
    id: 'benefit-create',
    title: t('staff-admin.benefits.create.title'),
    submit: t('staff-admin.benefits.create.submit'),
    action: STAFF_PATHS.benefits,
    fields: [
      {
        name: 'claimType',
        label: t('staff-admin.benefits.fields.claimType'),
        kind: 'select',
        required: true,
        options: CLAIM_TYPES.map((c) => ({ value: c, text: t(`account.welfare.types.${c}`) })),
      },
      {
        name: 'ruleKind',
        label: t('staff-admin.benefits.fields.ruleKind'),
        kind: 'radios',
        required: true,
        api: ['rule'],
        options: (['fixed', 'by-degree', 'reimbursement'] as const).map((k) => ({ value: k, text: t(`staff-admin.benefits.ruleKinds.${k}`) })),
      },
      { name: 'currency', label: t('staff-admin.benefits.fields.currency'), kind: 'text', required: true },
      {
        name: 'amount',
        label: t('staff-admin.benefits.fields.amount'),
        hint: t('staff-admin.benefits.fields.amountHint'),
        kind: 'money',
        required: true,
        currencyField: 'currency',
      },
      { name: 'validFrom', label: t('staff-admin.benefits.fields.validFrom'), kind: 'date', required: true },
      { name: 'source', label: t('staff-admin.benefits.fields.source'), kind: 'text', required: true },
    ],
  };
}

export function benefitBody(v: FormValues, minor: Record<string, string>): ApiSchemas['CreateBenefitScheduleDto'] {
  const kind = s(v.ruleKind) as 'fixed' | 'by-degree' | 'reimbursement';
  const currency = s(v.currency).toUpperCase();
  const amount = minor.amount;
  const rule: ApiSchemas['StoredRuleDto'] =
    kind === 'fixed'
      ? { kind, amountMinor: amount, currency }
      : kind === 'by-degree'
        ? { kind, maxAmountMinor: amount, currency }
        : { kind, capMinor: amount, currency };
  return { claimType: s(v.claimType) as ApiSchemas['WelfareClaimType'], rule, validFrom: s(v.validFrom), source: s(v.source) };
}
