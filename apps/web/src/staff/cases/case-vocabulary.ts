/**
 * The case vocabulary of the staff pages, as the API's contract names it (the unit test holds each
 * list to libs/complaints, which the web may not import), and each word's text in the reader's
 * language.
 */
import type { MessageKey, Translate } from '@app/i18n';
import type { ApiSchemas } from '@app/api-client';
import { EVENT_KINDS } from '../../tracking/complaint-status';

export const STAGES = [
  'submitted',
  'conciliation',
  'settled',
  'adjudication',
  'decided',
  'appealed',
  'closed',
] as const satisfies readonly ApiSchemas['ComplaintStage'][];
export const PRIORITIES = ['normal', 'urgent'] as const satisfies readonly ApiSchemas['ComplaintPriority'][];
export const CATEGORIES = [
  'excess-fees',
  'contract-substitution',
  'unpaid-wages',
  'retained-documents',
  'no-job-on-arrival',
  'different-job',
  'abuse-harassment',
  'unlicensed-recruitment',
  'other',
] as const satisfies readonly ApiSchemas['AllegationCategory'][];

export type Stage = (typeof STAGES)[number];
export type Category = (typeof CATEGORIES)[number];

const oneOf =
  <T extends string>(list: readonly T[]) =>
  (v: unknown): v is T =>
    typeof v === 'string' && (list as readonly string[]).includes(v);
export const isStage = oneOf(STAGES);
export const isPriority = oneOf(PRIORITIES);
export const isCategory = oneOf(CATEGORIES);

export const stageText = (t: Translate, s: string): string => (isStage(s) ? t(`staff.stage.${s}`) : s);
export const categoryText = (t: Translate, c: string): string =>
  !isCategory(c) ? c : c === 'other' ? t('staff.category.otherCategory') : t(`staff.category.${c}`);
export const priorityText = (t: Translate, p: string): string => (isPriority(p) ? t(`staff.priority.${p}`) : p);

/** The timeline's entry kinds (moves, notes, assignment...): the move's name, or the kind's. */
export function timelineKindText(t: Translate, kind: string): string {
  const key = `staff.timeline.${kind}` as MessageKey;
  return TIMELINE_KINDS.has(kind) ? t(key) : kind;
}
/** The complainant's history's kinds (every move, the filing, evidence, information, a compliance declaration) and the ministry's own. */
const TIMELINE_KINDS = new Set<string>([...EVENT_KINDS, 'note', 'assign', 'agency-linked', 'agency-unlinked']);
export const TIMELINE_KIND_LIST = [...TIMELINE_KINDS];

/** A deadline's kind (`complaint.triage`): its name when the catalogue has one, else the kind itself. */
export function deadlineKindText(t: Translate, kind: string): string {
  const short = kind.replace(/^complaint\./, '').replace(/\.urgent$/, 'Urgent');
  return DEADLINE_KINDS.has(short) ? t(`staff.deadlineKind.${short}` as MessageKey) : kind;
}
const DEADLINE_KINDS = new Set<string>([
  'triage',
  'triageUrgent',
  'conciliation',
  'settlement-compliance',
  'agency-answer',
  'decision',
  'decisionUrgent',
  'appeal-window',
  'fine-payment',
]);
export const DEADLINE_KIND_LIST = [...DEADLINE_KINDS];
