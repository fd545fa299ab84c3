/**
 * The welfare officer's pages' view models: a claim with its eligibility explained, the forms of
 * the moves the API allows now (each with its required fields), the queue's deadline badge, the
 * fund's position. Plain functions, unit-tested without a server.
 */
import { randomUUID } from 'node:crypto';
import type { ApiSchemas } from '@app/api-client';
import { Locale, Translate, formatDate, formatMoney } from '@app/i18n';
import type { FormSpec } from '../workbench-forms';
import { STAFF_PATHS } from '../workbench-page';

type Claim = ApiSchemas['ClaimView'];
type Fund = ApiSchemas['FundPositionView'];
type Income = ApiSchemas['FundIncomeView'];
type Balance = ApiSchemas['FundBalanceReport'];

export const CLAIM_MOVES = ['take', 'request-documents', 'documents-received', 'approve', 'reject', 'disburse', 'confirm-payment'] as const;
export type ClaimMove = (typeof CLAIM_MOVES)[number];
export const EXCEPTION_REASONS = ['late-filing-good-cause', 'contribution-paid-unrecorded', 'agency-failed-to-remit', 'record-error', 'humanitarian'] as const;
export const CLAIM_STATES = ['submitted', 'under_review', 'documents_requested', 'approved', 'rejected', 'disbursed', 'paid'] as const;
/** Claim states with work for an officer: the queue's default. */
export const OPEN_CLAIM_STATES = ['submitted', 'under_review', 'documents_requested', 'approved', 'disbursed'] as const;
/** A decision due within this long is "due soon". */
export const DUE_SOON_MS = 3 * 86_400_000;

export const claimPath = (id: string) => `${STAFF_PATHS.claims}/${id}`;

const ZONE = 'Asia/Manila';

/**
 * The decision deadline as a badge: paused (documents awaited: the clock stands still), overdue,
 * due soon, on time; none once decided.
 */
export function deadlineBadge(decisionDue: string | null | undefined, now: Date, t: Translate, paused = false): { text: string; tag: string } | null {
  if (!decisionDue) return null;
  if (paused) return { text: t('staff-welfare.sla.paused'), tag: 'govuk-tag--grey' };
  const left = Date.parse(decisionDue) - now.getTime();
  if (left < 0) return { text: t('staff-welfare.sla.overdue'), tag: 'govuk-tag--red' };
  if (left <= DUE_SOON_MS) return { text: t('staff-welfare.sla.dueSoon'), tag: 'govuk-tag--yellow' };
  return { text: t('staff-welfare.sla.onTime'), tag: 'govuk-tag--green' };
}

/** The forms of the claim's moves the API allows now; `key` is the disbursement's Idempotency-Key. */
export function claimForms(
  c: Pick<Claim, 'id' | 'version' | 'allowedActions' | 'checklist' | 'currency' | 'eligibility' | 'scheduledMinor'>,
  t: Translate,
  locale: Locale,
  key: string = randomUUID(),
): FormSpec[] {
  const base = (move: ClaimMove) => ({
    id: `claim-${move}`,
    title: t(`staff-welfare.claim.actions.${move}.title`),
    submit: t(`staff-welfare.claim.actions.${move}.submit`),
    action: `${claimPath(c.id)}/${move}`,
    hidden: { version: String(c.version) },
  });
  const forms: Record<ClaimMove, FormSpec> = {
    take: { ...base('take'), fields: [] },
    'request-documents': {
      ...base('request-documents'),
      fields: [
        {
          name: 'documents',
          label: t('staff-welfare.claim.fields.documents'),
          kind: 'checkboxes',
          required: true,
          api: ['documents'],
          options: c.checklist.map((d) => ({ value: d.code, text: t(`account.welfare.documents.${d.code}`) })),
        },
      ],
    },
    'documents-received': { ...base('documents-received'), fields: [] },
    approve: {
      ...base('approve'),
      intro: c.scheduledMinor
        ? t('staff-welfare.claim.scheduleIntro', { amount: formatMoney(c.scheduledMinor, c.currency, locale) })
        : t('staff-welfare.claim.noScheduleIntro'),
      fields: [
        {
          name: 'approved',
          label: t('staff-welfare.claim.fields.approved'),
          hint: t('staff-welfare.claim.fields.approvedHint'),
          kind: 'money',
          currency: c.currency,
          api: ['approvedMinor'],
          refused: 'staff-welfare.claim.fields.approvedRefused',
        },
        ...(c.eligibility.eligible
          ? []
          : [
              {
                name: 'exceptionReason',
                label: t('staff-welfare.claim.fields.exceptionReason'),
                hint: t('staff-welfare.claim.fields.exceptionHint'),
                kind: 'select' as const,
                required: true,
                options: EXCEPTION_REASONS.map((r) => ({ value: r, text: t(`staff-welfare.exceptionReasons.${r}`) })),
              },
            ]),
        {
          name: 'reason',
          label: t('staff-welfare.claim.fields.approveReason'),
          hint: t('staff-welfare.claim.fields.approveReasonHint'),
          kind: 'textarea',
          required: !c.eligibility.eligible,
        },
      ],
    },
    reject: {
      ...base('reject'),
      warning: true,
      fields: [{ name: 'reason', label: t('staff-welfare.claim.fields.rejectReason'), kind: 'textarea', required: true }],
    },
    disburse: { ...base('disburse'), hidden: { version: String(c.version), idempotencyKey: key }, fields: [] },
    'confirm-payment': {
      ...base('confirm-payment'),
      fields: [{ name: 'paidReference', label: t('staff-welfare.claim.fields.paidReference'), kind: 'text', required: true }],
    },
  };
  return CLAIM_MOVES.filter((m) => (c.allowedActions as string[]).includes(m)).map((m) => forms[m]);
}

/** What the API's action takes, from the form's checked values (amounts already in minor units). */
export function claimActionBody(
  move: ClaimMove,
  version: number,
  values: Record<string, string | string[]>,
  minor: Record<string, string>,
): ApiSchemas['ClaimActionDto'] {
  const s = (k: string) => (typeof values[k] === 'string' && values[k] ? (values[k] as string) : undefined);
  switch (move) {
    case 'request-documents':
      return { version, documents: values.documents as ApiSchemas['WelfareDocumentCode'][] };
    case 'approve':
      return {
        version,
        ...(minor.approved ? { approvedMinor: minor.approved } : {}),
        ...(s('reason') ? { reason: s('reason') } : {}),
        ...(s('exceptionReason') ? { exceptionReason: s('exceptionReason') as ApiSchemas['EligibilityExceptionReason'] } : {}),
      };
    case 'reject':
      return { version, reason: s('reason') };
    case 'confirm-payment':
      return { version, paidReference: s('paidReference') };
    default:
      return { version };
  }
}

export function claimView(c: Claim, t: Translate, locale: Locale, now = new Date()) {
  const money = (m: string | null | undefined) => (m ? formatMoney(m, c.currency, locale) : null);
  const row = (key: string, value: string | null | undefined, id?: string) => (value ? [{ key: t(key), value, id }] : []);
  return {
    title: t('staff-welfare.claim.title', { reference: c.reference }),
    badge: deadlineBadge(c.decisionDue, now, t, c.state === 'documents_requested'),
    decisionDue: c.decisionDue ? formatDate(c.decisionDue, locale, 'dateTime', ZONE) : null,
    // While documents are awaited the deadline is paused: the date shown is where it stood, and moves on when they come.
    paused: c.state === 'documents_requested' && Boolean(c.decisionDue),
    summary: [
      ...row('staff-welfare.claim.worker', c.workerName),
      ...row('staff-welfare.claim.type', t(`account.welfare.types.${c.claimType}`)),
      ...row('staff-welfare.claim.state', t(`staff-welfare.states.${c.state}`)),
      ...row('staff-welfare.claim.incident', formatDate(c.incidentDate, locale, 'date')),
      ...row('staff-welfare.claim.filed', formatDate(c.filedOn, locale, 'date')),
      ...row('staff-welfare.claim.claimed', money(c.claimedMinor)),
      ...row('staff-welfare.claim.degree', c.degreePercent != null ? `${c.degreePercent}%` : null),
      ...row('staff-welfare.claim.scheduled', money(c.scheduledMinor)),
      ...row('staff-welfare.claim.approved', money(c.approvedMinor)),
      ...row('staff-welfare.claim.reason', c.decisionReason),
      ...row('staff-welfare.claim.exception', c.eligibilityException ? t(`staff-welfare.exceptionReasons.${c.eligibilityException.reason}`) : null),
      ...row('staff-welfare.claim.payout', c.payout ?? null),
      ...row('staff-welfare.claim.beneficiary', c.beneficiary?.name ? [c.beneficiary.name, c.beneficiary.relationship].filter(Boolean).join(', ') : null),
      ...row('staff-welfare.claim.paidReference', c.paidReference),
    ],
    eligibility: {
      verdict: t(c.eligibility.eligible ? 'staff-welfare.claim.eligible' : 'staff-welfare.claim.notEligible'),
      eligible: c.eligibility.eligible,
      table: {
        id: 'eligibility',
        caption: t('staff-welfare.claim.eligibility'),
        head: [t('staff-welfare.claim.check'), t('staff-welfare.claim.result'), t('staff-welfare.claim.why')],
        rows: c.eligibility.checks.map((x) => [
          { text: t(`staff-welfare.checks.${x.check}`) },
          { text: t(x.ok ? 'staff-welfare.claim.pass' : 'staff-welfare.claim.fail'), tag: x.ok ? 'govuk-tag--green' : 'govuk-tag--red' },
          { text: x.detail },
        ]),
        empty: t('staff-welfare.none'),
      },
    },
    checklist: c.checklist.map((d) => t(`account.welfare.documents.${d.code}`)),
    requested: c.requestedDocuments.map((d) => t(`account.welfare.documents.${d.code}`)),
  };
}

export function queueRow(c: Claim, t: Translate, locale: Locale, now = new Date()) {
  const badge = deadlineBadge(c.decisionDue, now, t, c.state === 'documents_requested');
  return [
    { text: c.reference, href: claimPath(c.id) },
    { text: c.workerName },
    { text: t(`account.welfare.types.${c.claimType}`) },
    { text: t(`staff-welfare.states.${c.state}`) },
    { text: formatDate(c.filedOn, locale, 'date') },
    { text: c.decisionDue ? formatDate(c.decisionDue, locale, 'date', ZONE) : t('staff-welfare.none') },
    badge ? { text: badge.text, tag: badge.tag } : { text: '' },
  ];
}

export function fundView(f: Fund, income: Income[], t: Translate, locale: Locale, balance: Balance | null = null) {
  const m = (x: string) => formatMoney(x, f.currency, locale);
  return {
    // The ledger's fund-cash account day by day (newest first); only for the roles the report is for.
    movements: balance
      ? {
          id: 'movements',
          caption: t('staff-welfare.fund.movements'),
          head: [
            t('staff-welfare.fund.day'),
            t('staff-welfare.fund.contributionsIn'),
            t('staff-welfare.fund.incomeIn'),
            t('staff-welfare.fund.disbursed'),
            t('staff-welfare.fund.closing'),
          ],
          rows: balance.rows
            .filter((r) => r.netMinor !== '0' || r.contributionsInMinor !== '0' || r.disbursementsOutMinor !== '0')
            .reverse()
            .map((r) => [
              { text: formatDate(r.firstDay, locale, 'date') },
              { text: m(r.contributionsInMinor) },
              { text: m(r.incomeInMinor) },
              { text: m(r.disbursementsOutMinor) },
              { text: m(r.closingBalanceMinor) },
            ]),
          empty: t('staff-welfare.fund.noMovements'),
        }
      : null,
    summary: [
      { key: t('staff-welfare.fund.cash'), value: m(f.cashMinor) },
      { key: t('staff-welfare.fund.contributions'), value: m(f.contributionsReceivedMinor) },
      { key: t('staff-welfare.fund.appropriations'), value: m(f.appropriationsReceivedMinor) },
      { key: t('staff-welfare.fund.otherIncome'), value: m(f.otherIncomeMinor) },
      { key: t('staff-welfare.fund.benefitsApproved'), value: m(f.benefitsApprovedMinor) },
      { key: t('staff-welfare.fund.payables'), value: m(f.payablesMinor) },
      { key: t('staff-welfare.fund.uncommitted'), value: m(f.uncommittedMinor) },
    ],
    income: {
      id: 'income',
      caption: t('staff-welfare.fund.incomeTitle'),
      head: [
        t('staff-welfare.fund.receivedOn'),
        t('staff-welfare.fund.kind'),
        t('staff-welfare.fund.amount'),
        t('staff-welfare.fund.reference'),
        t('staff-welfare.fund.description'),
      ],
      rows: income.map((i) => [
        { text: formatDate(i.receivedOn, locale, 'date') },
        { text: t(`staff-welfare.fund.kinds.${i.kind}`) },
        { text: formatMoney(i.amountMinor, i.currency, locale) },
        { text: i.reference },
        { text: i.description },
      ]),
      empty: t('staff-welfare.fund.noIncome'),
    },
  };
}

/** The fund's income kinds the API records (contributions are recorded per placement). */
export const FUND_INCOME_KINDS = ['appropriation', 'other-income'] as const;
/** Who the API lets record what (POST /welfare/contributions, POST /welfare/fund/income). */
const CONTRIBUTION_RECORDERS = ['welfare_officer'];
const INCOME_RECORDERS = ['finance_officer', 'admin'];

/**
 * The fund page's forms, for the roles the API lets use them: a contribution paid at a ministry
 * counter (welfare officers; the amount is the ministry's setting, not typed), and the fund's
 * other income (finance officers and the admin), in the fund's currency, with the
 * Idempotency-Key made when the page is rendered (a double submit records it once).
 */
export function fundForms(f: Pick<Fund, 'currency'>, t: Translate, roles: readonly string[], key: string = randomUUID()): FormSpec[] {
  const forms: FormSpec[] = [];
  if (roles.some((r) => CONTRIBUTION_RECORDERS.includes(r))) {
    forms.push({
      id: 'contribution',
      title: t('staff-welfare.fund.contribution.title'),
      intro: t('staff-welfare.fund.contribution.intro'),
      submit: t('staff-welfare.fund.contribution.submit'),
      action: `${STAFF_PATHS.fund}/contributions`,
      fields: [
        {
          name: 'placementId',
          label: t('staff-welfare.fund.contribution.placementId'),
          hint: t('staff-welfare.fund.contribution.placementIdHint'),
          kind: 'text',
          required: true,
          api: ['placementId'],
        },
        { name: 'paidOn', label: t('staff-welfare.fund.contribution.paidOn'), kind: 'date', required: true, api: ['paidOn'] },
        { name: 'receiptNumber', label: t('staff-welfare.fund.contribution.receiptNumber'), kind: 'text', required: true, api: ['receiptNumber'] },
      ],
    });
  }
  if (roles.some((r) => INCOME_RECORDERS.includes(r))) {
    forms.push({
      id: 'income-record',
      title: t('staff-welfare.fund.record.title'),
      submit: t('staff-welfare.fund.record.submit'),
      action: `${STAFF_PATHS.fund}/income`,
      hidden: { idempotencyKey: key },
      fields: [
        {
          name: 'kind',
          label: t('staff-welfare.fund.kind'),
          kind: 'radios',
          required: true,
          options: FUND_INCOME_KINDS.map((k) => ({ value: k, text: t(`staff-welfare.fund.kinds.${k}`) })),
          api: ['kind'],
        },
        {
          name: 'amount',
          label: t('staff-welfare.fund.record.amount', { currency: f.currency }),
          kind: 'money',
          required: true,
          currency: f.currency,
          api: ['amountMinor', 'currency'],
        },
        { name: 'receivedOn', label: t('staff-welfare.fund.receivedOn'), kind: 'date', required: true, api: ['receivedOn'] },
        {
          name: 'reference',
          label: t('staff-welfare.fund.reference'),
          hint: t('staff-welfare.fund.record.referenceHint'),
          kind: 'text',
          required: true,
          api: ['reference'],
        },
        { name: 'description', label: t('staff-welfare.fund.description'), kind: 'textarea', required: true, api: ['description'] },
      ],
    });
  }
  return forms;
}
