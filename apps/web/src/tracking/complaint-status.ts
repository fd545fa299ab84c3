/**
 * The complainant's view of their case (the API's WorkerComplaintView) made into what the status
 * page shows, in the reader's language: every word from the catalogue (`tracking.status.*`),
 * dates and money through libs/i18n's formatters. The template only lays it out.
 *
 * The API's own `nextStep.what` is written in the language the complaint was filed in, not
 * necessarily the reader's: the page says what happens next from its own catalogue, by stage,
 * and takes only the date (`nextStep.by`) from the API.
 */
import type { ApiSchemas } from '@app/api-client';
import { Locale, Translate, formatDate, formatMoney, translator } from '@app/i18n';
import { CATEGORIES } from '../complaints/complaint-draft';

export type WorkerComplaintView = ApiSchemas['WorkerComplaintView'];
type TimelineEntry = ApiSchemas['TimelineEntry'];
type Allegation = ApiSchemas['AllegationView'];
type Sanction = ApiSchemas['DecidedSanctionView'];

/**
 * The API's lists, which this app may not import (it holds no domain lib): tied to the generated
 * contract's types, so a stage or action the API adds or renames is a compile error here, not a
 * page that quietly says "Your case was updated".
 */
export const STAGES = [
  'submitted',
  'conciliation',
  'settled',
  'adjudication',
  'decided',
  'appealed',
  'closed',
] as const satisfies readonly ApiSchemas['ComplaintStage'][];
type MissingStage = Exclude<ApiSchemas['ComplaintStage'], (typeof STAGES)[number]>;
const everyStage: [MissingStage] extends [never] ? true : MissingStage = true;
/** Timeline entries the history names (every lifecycle action, the filing and evidence); any other kind reads "Your case was updated". */
export const EVENT_KINDS = [
  'submitted',
  'accept',
  'refer',
  'dismiss',
  'extend-conciliation',
  'settle',
  'settle-money-claim',
  'fail-conciliation',
  'expire-conciliation',
  'return-to-conciliation',
  'comply',
  'breach-settlement',
  'record-answer',
  'schedule-hearing',
  'hold-hearing',
  'cancel-hearing',
  'decide',
  'appeal',
  'decide-appeal',
  'lapse-appeal-window',
  'reopen',
  'withdraw',
  'evidence',
  'information',
  'compliance-declared',
] as const satisfies readonly (ApiSchemas['ComplaintAction'] | 'submitted' | 'evidence' | 'information' | 'compliance-declared')[];
type MissingAction = Exclude<ApiSchemas['ComplaintAction'], (typeof EVENT_KINDS)[number]>;
const everyAction: [MissingAction] extends [never] ? true : MissingAction = true;
void everyStage;
void everyAction;
export const OUTCOMES = {
  referred: 'referred',
  dismissed: 'dismissed',
  settled: 'settled',
  decided: 'decided',
  'appeal-decided': 'appealDecided',
  withdrawn: 'withdrawn',
} as const;

/** Entries whose `body` is not a reason: a referral's target, an evidence's kind (a code), a note. */
const BODY_IS_NOT_A_REASON = new Set(['refer', 'evidence', 'note', 'submitted']);

export interface AllegationItem {
  title: string;
  facts: string;
  occurredOn: string | null;
  amount: string | null;
  finding: string | null;
  /** The decision's note, as the officer wrote it. */
  note: string | null;
  sanctions: string[];
}

export interface ComplaintStatusPage {
  reference: string;
  urgent: boolean;
  stage: { title: string; text: string };
  /** How a closed case ended, in words; null while it is open. */
  outcome: string | null;
  next: { text: string; by: string | null; late: boolean };
  /** While the case is in adjudication: when and where (in the case's zone). */
  hearing: { when: string; place: string } | null;
  settlement: { terms: string; amounts: string[]; complyBy: string } | null;
  /** "The agency sent its answer on …", one per answer recorded. */
  answers: string[];
  /** The agency's answer as it wrote it, in paragraphs; null until it answers. */
  answerText: string[] | null;
  /** A finding has been made on at least one allegation. */
  decided: boolean;
  /** The decided sanctions take effect only when the decision is final (decided, appealed). */
  sanctionsPending: boolean;
  allegations: AllegationItem[];
  /** The ministry's shared notes, newest first, each in paragraphs as written. */
  notes: { at: string; paragraphs: string[] }[];
  /** What happened, newest first. */
  history: { at: string; text: string; detail: string | null }[];
}

const oneOf = <T extends string>(list: readonly T[], value: string): value is T => (list as readonly string[]).includes(value);

/** Instants are shown as local dates in the case's jurisdiction (`view.timeZone`); civil dates (`occurredOn`, `complyBy`) need no zone. */
export function complaintStatusPage(view: WorkerComplaintView, locale: Locale, now: Date = new Date()): ComplaintStatusPage {
  const t: Translate = translator(locale);
  const zone = view.timeZone;
  const day = (instant: string) => formatDate(instant, locale, 'date', zone);
  const money = (minor: string, currency: string) => formatMoney(minor, currency, locale);
  const stage = oneOf(STAGES, view.stage) ? view.stage : 'submitted';
  const timeline = [...view.timeline].sort((a, b) => a.at.localeCompare(b.at));
  const latest = (kind: string): TimelineEntry | undefined => timeline.filter((e) => e.kind === kind).pop();

  const by = view.nextStep.by;
  const late = by !== null && Date.parse(by) < now.getTime();
  const next = {
    text: t(`tracking.status.next.${stage}`),
    by: by === null ? null : t(late ? 'tracking.status.next.late' : 'tracking.status.next.by', { date: day(by) }),
    late,
  };

  let outcome: string | null = null;
  if (view.outcome === 'referred') {
    const target = latest('refer')?.body?.trim();
    outcome = target ? t('tracking.status.outcome.referred', { target }) : t('tracking.status.outcome.referredNoTarget');
  } else if (view.outcome && view.outcome in OUTCOMES) {
    outcome = t(`tracking.status.outcome.${OUTCOMES[view.outcome as keyof typeof OUTCOMES]}`);
  }

  const allegations = view.allegations.map((a) => allegationItem(a, t, locale, money));

  return {
    reference: view.reference,
    urgent: view.priority === 'urgent',
    stage: { title: t(`tracking.status.stage.${stage}.title`), text: t(`tracking.status.stage.${stage}.text`) },
    outcome,
    next,
    // The hearing matters while the case waits for it; once decided, it is history.
    hearing: view.hearing && stage === 'adjudication' ? { when: formatDate(view.hearing.at, locale, 'dateTime', zone), place: view.hearing.place } : null,
    settlement: view.settlement
      ? {
          terms: view.settlement.terms,
          amounts: view.settlement.amounts.map((s) =>
            t('tracking.status.settlement.amountTo', { amount: money(s.amountMinor, s.currency), payableTo: s.payableTo }),
          ),
          complyBy: formatDate(view.settlement.complyBy, locale, 'date'),
        }
      : null,
    answers: timeline.filter((e) => e.kind === 'record-answer').map((e) => t('tracking.status.answer.sent', { date: day(e.at) })),
    answerText: view.agencyAnswer?.trim() ? paragraphs(view.agencyAnswer) : null,
    decided: view.allegations.some((a) => a.finding !== null),
    sanctionsPending: stage === 'decided' || stage === 'appealed',
    allegations,
    notes: timeline
      .filter((e) => e.kind === 'note' && e.body?.trim())
      .reverse()
      .map((e) => ({ at: day(e.at), paragraphs: paragraphs(e.body!) })),
    history: timeline
      .filter((e) => e.kind !== 'note')
      .reverse()
      .map((e) => ({ at: day(e.at), text: t(`tracking.status.history.event.${oneOf(EVENT_KINDS, e.kind) ? e.kind : 'other'}`), detail: detailOf(e, t) })),
  };
}

function allegationItem(a: Allegation, t: Translate, locale: Locale, money: (minor: string, currency: string) => string): AllegationItem {
  return {
    // The words the complainant chose from when filing (the filing pages' catalogue: one translation per term).
    title: t(`complaints.categories.${oneOf(CATEGORIES, a.category) ? a.category : 'other'}.name`),
    facts: a.facts,
    occurredOn: a.occurredOn ? formatDate(a.occurredOn, locale, 'date') : null,
    amount: a.amountMinor && a.currency ? money(a.amountMinor, a.currency) : null,
    finding: a.finding ? t(`tracking.status.finding.${a.finding}`) : null,
    note: a.findingNote?.trim() || null,
    sanctions: a.finding === 'violation' ? (a.sanction?.decided ?? []).map((s) => sanctionText(s, t, money)) : [],
  };
}

function sanctionText(s: Sanction, t: Translate, money: (minor: string, currency: string) => string): string {
  switch (s.kind) {
    case 'suspension':
      return t('tracking.status.sanction.suspension', { count: s.months ?? 0 });
    case 'revocation':
      return t('tracking.status.sanction.revocation');
    case 'fine':
      return t('tracking.status.sanction.fine', { amount: s.amountMinor && s.currency ? money(s.amountMinor, s.currency) : '' });
    case 'refund-order':
      return t('tracking.status.sanction.refund-order', { amount: s.amountMinor && s.currency ? money(s.amountMinor, s.currency) : '' });
    default:
      return t('tracking.status.history.event.other');
  }
}

/** A move's reason (shown to the parties) or a referral's target; nothing for codes and notes. */
function detailOf(e: TimelineEntry, t: Translate): string | null {
  const body = e.body?.trim();
  if (!body) return null;
  // A referral's target, what the complainant wrote themselves and the agency's compliance statement, as written.
  if (e.kind === 'refer' || e.kind === 'information' || e.kind === 'compliance-declared') return body;
  if (BODY_IS_NOT_A_REASON.has(e.kind)) return null;
  return t('tracking.status.history.reason', { reason: body });
}

/** Text as written, in paragraphs (blank lines or line breaks), without HTML: the template escapes it. */
const paragraphs = (body: string): string[] =>
  body
    .split(/\r?\n/)
    .map((p) => p.trim())
    .filter(Boolean);
