/**
 * The forms of the case page's actions: for each move of the complaint lifecycle an officer can
 * take (libs/complaints/src/lifecycle/complaint-transitions.ts; the unit test holds this list to
 * that table), what the form asks, and how a posted form becomes the API's ComplaintActionDto —
 * or the errors to show next to its fields, in the reader's language, before anything is sent.
 *
 * Which moves are offered comes from the API (`allowedActions`, the moves of the case's stage),
 * kept to those the officer's roles may take; the API checks both again.
 */
import { DateTime } from 'luxon';
import type { ApiSchemas } from '@app/api-client';
import type { Locale, MessageKey } from '@app/i18n';
import { isKnownCurrency } from '@app/i18n';
import { parseMoneyInput } from '../../fees/money-input';

export type Field =
  | 'reason'
  | 'referralTarget'
  | 'bothPartiesConsent'
  | 'terms'
  | 'complyBy'
  | 'amount'
  | 'currency'
  | 'payableTo'
  | 'answer'
  | 'hearingDate'
  | 'hearingTime'
  | 'place'
  | 'findings';

/**
 * The penalty part of a decision's form (decide, decide-appeal): `penalty` is `proposed` (the
 * schedule's proposal, the default: nothing is sent) or `different`: then the sanctions chosen
 * (a suspension's months, revocation, a fine, a refund order; none at all is a choice too) and the
 * reason for departing, required. They are the decision's offence's, carried by its first
 * allegation found a violation, as the API reads them.
 */
export const PENALTY_FIELDS = ['penalty', 'suspensionMonths', 'revocation', 'fineAmount', 'refundAmount', 'sanctionCurrency', 'departureReason'] as const;

export interface ActionSpec {
  /** Who may take it (the table's `who`, officers only). */
  who: readonly ('inspector' | 'supervisor')[];
  fields: readonly Field[];
  /** A move the case's parties feel (closing, deciding): the button is a warning one. */
  warning?: boolean;
}

const O = ['inspector', 'supervisor'] as const;
const S = ['supervisor'] as const;

export const ACTION_SPECS = {
  accept: { who: O, fields: [] },
  refer: { who: O, fields: ['referralTarget'], warning: true },
  dismiss: { who: O, fields: ['reason'], warning: true },
  'extend-conciliation': { who: O, fields: ['bothPartiesConsent'] },
  settle: { who: O, fields: ['terms', 'complyBy', 'amount', 'currency', 'payableTo'] },
  'settle-money-claim': { who: O, fields: ['terms', 'complyBy', 'amount', 'currency', 'payableTo'] },
  'fail-conciliation': { who: O, fields: ['reason'] },
  'return-to-conciliation': { who: O, fields: ['reason'] },
  comply: { who: O, fields: [] },
  'breach-settlement': { who: O, fields: ['reason'], warning: true },
  'record-answer': { who: O, fields: ['answer'] },
  'schedule-hearing': { who: O, fields: ['hearingDate', 'hearingTime', 'place'] },
  'hold-hearing': { who: O, fields: [] },
  'cancel-hearing': { who: O, fields: ['reason'], warning: true },
  decide: { who: S, fields: ['findings'], warning: true },
  appeal: { who: O, fields: ['reason'] },
  'decide-appeal': { who: S, fields: ['findings'], warning: true },
  reopen: { who: S, fields: ['reason'], warning: true },
} as const satisfies Record<string, ActionSpec>;

export type StaffAction = keyof typeof ACTION_SPECS;
export const STAFF_ACTIONS = Object.keys(ACTION_SPECS) as StaffAction[];
export const isStaffAction = (a: string): a is StaffAction => Object.hasOwn(ACTION_SPECS, a);

/** The moves the API allows now that these roles may take, in the table's order. */
export function actionsFor(allowed: readonly string[], roles: readonly string[]): StaffAction[] {
  return allowed.filter(isStaffAction).filter((a) => ACTION_SPECS[a].who.some((w) => roles.includes(w)));
}

type Body = Record<string, unknown>;
export type ActionErrors = Partial<Record<string, MessageKey>>;
export type ActionForm = { ok: true; dto: ApiSchemas['ComplaintActionDto'] } | { ok: false; errors: ActionErrors };

const str = (body: Body, name: string): string => {
  const v = body[name];
  return typeof v === 'string' ? v.replace(/\r\n/g, '\n').trim() : '';
};
const len = (s: string) => [...s].length;

/**
 * Reads the posted form of `action` into the API's body, checking what the API would refuse so the
 * form can say it next to the field. `now` and the case's time zone date the hearing.
 */
export function readActionForm(
  action: StaffAction,
  body: Body,
  c: Pick<ApiSchemas['StaffComplaintView'], 'version' | 'allegations' | 'timeZone'>,
  locale: Locale,
  now: Date,
): ActionForm {
  const errors: ActionErrors = {};
  const dto: ApiSchemas['ComplaintActionDto'] = { version: c.version };
  const fields: readonly Field[] = ACTION_SPECS[action].fields;

  if (fields.includes('reason')) {
    const reason = str(body, 'reason');
    if (!reason) errors.reason = 'staff.actions.errors.reasonMissing';
    else if (len(reason) > 5000) errors.reason = 'staff.actions.errors.tooLong';
    else dto.reason = reason;
  }
  if (fields.includes('referralTarget')) {
    const target = str(body, 'referralTarget');
    if (len(target) < 2) errors.referralTarget = 'staff.actions.errors.referralTargetMissing';
    else if (len(target) > 300 || /[\n\t]/.test(target)) errors.referralTarget = 'staff.actions.errors.referralTargetInvalid';
    else dto.referralTarget = target;
  }
  if (fields.includes('bothPartiesConsent')) {
    if (str(body, 'bothPartiesConsent') !== 'yes') errors.bothPartiesConsent = 'staff.actions.errors.consentMissing';
    else dto.bothPartiesConsent = true;
  }
  if (fields.includes('terms')) {
    const terms = str(body, 'terms');
    if (len(terms) < 5) errors.terms = 'staff.actions.errors.termsMissing';
    else if (len(terms) > 5000) errors.terms = 'staff.actions.errors.tooLong';
    const complyBy = str(body, 'complyBy');
    const today = DateTime.fromJSDate(now, { zone: c.timeZone }).toISODate()!;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(complyBy) || !DateTime.fromISO(complyBy).isValid) errors.complyBy = 'staff.actions.errors.complyByMissing';
    else if (complyBy < today) errors.complyBy = 'staff.actions.errors.complyByPast';
    const amounts: ApiSchemas['SettlementAmountDto'][] = [];
    const amountText = str(body, 'amount');
    const currency = str(body, 'currency').toUpperCase();
    const payableTo = str(body, 'payableTo');
    if (amountText || payableTo) {
      if (!/^[A-Z]{3}$/.test(currency) || !isKnownCurrency(currency)) errors.currency = 'staff.actions.errors.currencyInvalid';
      else {
        const money = parseMoneyInput(amountText, currency, locale);
        if (!money.ok) errors.amount = 'staff.actions.errors.amountInvalid';
        else if (!payableTo || len(payableTo) > 200) errors.payableTo = 'staff.actions.errors.payableToMissing';
        else amounts.push({ amountMinor: money.minor, currency, payableTo });
      }
    }
    if (!errors.terms && !errors.complyBy) dto.settlement = { terms, complyBy, amounts };
  }
  if (fields.includes('answer')) {
    const answer = str(body, 'answer');
    if (len(answer) < 5) errors.answer = 'staff.actions.errors.answerMissing';
    else if (len(answer) > 20000) errors.answer = 'staff.actions.errors.tooLong';
    else dto.answer = answer;
  }
  if (fields.includes('hearingDate')) {
    const date = str(body, 'hearingDate');
    const time = str(body, 'hearingTime');
    const place = str(body, 'place');
    const at = DateTime.fromISO(`${date}T${time}`, { zone: c.timeZone });
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) errors.hearingDate = 'staff.actions.errors.hearingDateMissing';
    else if (!/^\d{2}:\d{2}$/.test(time) || !at.isValid) errors.hearingTime = 'staff.actions.errors.hearingTimeMissing';
    else if (at.toMillis() <= now.getTime()) errors.hearingDate = 'staff.actions.errors.hearingPast';
    if (len(place) < 2 || len(place) > 500) errors.place = 'staff.actions.errors.placeMissing';
    if (!errors.hearingDate && !errors.hearingTime && !errors.place) dto.hearing = { at: at.toUTC().toISO()!, place };
  }
  if (fields.includes('findings')) {
    const findings: ApiSchemas['FindingDto'][] = [];
    c.allegations.forEach((a, i) => {
      const finding = str(body, `finding-${i}`);
      const note = str(body, `note-${i}`);
      if (finding !== 'violation' && finding !== 'dismissed') errors[`finding-${i}`] = 'staff.actions.errors.findingMissing';
      else if (len(note) > 5000) errors[`note-${i}`] = 'staff.actions.errors.tooLong';
      else findings.push({ allegationId: a.id, finding, ...(note ? { note } : {}) });
    });
    if (findings.length === c.allegations.length) dto.findings = findings;
    readPenalty(body, locale, findings, errors);
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, dto };
}

/** A different penalty than the schedule's (PENALTY_FIELDS), put on the first violation's finding. */
function readPenalty(body: Body, locale: Locale, findings: ApiSchemas['FindingDto'][], errors: ActionErrors): void {
  const penalty = str(body, 'penalty');
  if (penalty !== 'different') return;
  const sanctions: ApiSchemas['DecidedSanctionDto'][] = [];
  const months = str(body, 'suspensionMonths');
  if (months) {
    if (!/^\d{1,3}$/.test(months) || Number(months) < 1 || Number(months) > 120) errors.suspensionMonths = 'staff.actions.errors.monthsInvalid';
    else sanctions.push({ kind: 'suspension', months: Number(months) });
  }
  if (str(body, 'revocation') === 'yes') sanctions.push({ kind: 'revocation' });
  const fine = str(body, 'fineAmount');
  const refund = str(body, 'refundAmount');
  if (fine || refund) {
    const currency = str(body, 'sanctionCurrency').toUpperCase();
    if (!/^[A-Z]{3}$/.test(currency) || !isKnownCurrency(currency)) errors.sanctionCurrency = 'staff.actions.errors.currencyInvalid';
    else {
      for (const [field, kind, text] of [
        ['fineAmount', 'fine', fine],
        ['refundAmount', 'refund-order', refund],
      ] as const) {
        if (!text) continue;
        const money = parseMoneyInput(text, currency, locale);
        if (!money.ok) errors[field] = 'staff.actions.errors.amountInvalid';
        else sanctions.push({ kind, amountMinor: money.minor, currency });
      }
    }
  }
  const reason = str(body, 'departureReason');
  if (len(reason) < 5) errors.departureReason = 'staff.actions.errors.departureReasonMissing';
  else if (len(reason) > 2000) errors.departureReason = 'staff.actions.errors.tooLong';
  const lead = findings.find((f) => f.finding === 'violation');
  // Findings still missing are said on their own fields; with every allegation dismissed there is no penalty to choose.
  if (!lead && findings.length && !Object.keys(errors).some((k) => k.startsWith('finding-'))) errors.penalty = 'staff.actions.errors.penaltyWithoutViolation';
  if (lead) {
    lead.sanctions = sanctions;
    lead.departureReason = reason;
  }
}

/** Which field of the form the API's refusal (a 400's `errors[].field`) belongs to. */
export function fieldOfApiError(apiField: string): string {
  const finding = /^findings\[(\d+)\]\.(finding|note)/.exec(apiField);
  if (finding) return `${finding[2]}-${finding[1]}`;
  // A departure without its reason is refused on `findings[i].sanctions`; a bad sanction within it on the penalty.
  if (/^findings\[\d+\]\.(departureReason|sanctions)$/.test(apiField)) return 'departureReason';
  if (/^findings\[\d+\]\.sanctions/.test(apiField)) return 'penalty';
  const map: Record<string, string> = {
    reason: 'reason',
    referralTarget: 'referralTarget',
    bothPartiesConsent: 'bothPartiesConsent',
    'settlement.terms': 'terms',
    'settlement.complyBy': 'complyBy',
    answer: 'answer',
    'hearing.at': 'hearingDate',
    'hearing.place': 'place',
  };
  if (map[apiField]) return map[apiField];
  if (apiField.startsWith('settlement.amounts')) return apiField.endsWith('payableTo') ? 'payableTo' : apiField.endsWith('currency') ? 'currency' : 'amount';
  return 'action';
}
