/**
 * The licensing pages' view models: what a license application, a license and an escrow statement
 * show, and which action forms the API allows now (`allowedActions`, the transition table's answer
 * for this person), each with its required fields. Plain functions: unit-tested without a server.
 */
import { randomUUID } from 'node:crypto';
import type { ApiSchemas } from '@app/api-client';
import { Locale, Translate, formatDate, formatMoney } from '@app/i18n';
import type { FormSpec } from '../workbench-forms';
import { STAFF_PATHS } from '../workbench-page';

type Application = ApiSchemas['ApplicationDetailView'];
type License = ApiSchemas['LicenseDetailView'];
type Escrow = ApiSchemas['EscrowSummary'];

export const APPLICATION_ACTIONS = ['take', 'recommend', 'return', 'approve', 'reject'] as const;
export type ApplicationMove = (typeof APPLICATION_ACTIONS)[number];
export const LICENSE_MOVES = ['suspend', 'reinstate', 'revoke'] as const;
export type LicenseMove = (typeof LICENSE_MOVES)[number];

export const applicationPath = (id: string) => `${STAFF_PATHS.applications}/${id}`;
export const licensePath = (id: string) => `${STAFF_PATHS.licenses}/${id}`;
export const escrowPath = (agencyId: string) => `${STAFF_PATHS.escrow}/${agencyId}/escrow`;

/**
 * Who makes each move (the API's access table, docs/access.md). Only to offer a person the forms
 * they can use: the API still answers every move itself (403 for another role).
 */
export const MOVE_ROLES: Record<ApplicationMove | LicenseMove, readonly string[]> = {
  take: ['inspector'],
  recommend: ['inspector'],
  return: ['inspector'],
  approve: ['supervisor'],
  reject: ['supervisor'],
  suspend: ['supervisor'],
  reinstate: ['supervisor'],
  revoke: ['supervisor'],
};
const mayMake = (move: ApplicationMove | LicenseMove, roles: readonly string[] | null) => roles === null || MOVE_ROLES[move].some((r) => roles.includes(r));

/**
 * The forms of an application's allowed moves that the person's roles make (`submit` is the
 * agency's, never shown here); `roles` null: every allowed move.
 */
export function applicationForms(a: Pick<Application, 'id' | 'version' | 'allowedActions'>, t: Translate, roles: readonly string[] | null = null): FormSpec[] {
  const base = (move: ApplicationMove) => ({
    id: `application-${move}`,
    title: t(`staff-licensing.application.actions.${move}.title`),
    submit: t(`staff-licensing.application.actions.${move}.submit`),
    action: `${applicationPath(a.id)}/${move}`,
    hidden: { version: String(a.version) },
  });
  const note = { name: 'note', label: t('staff-licensing.application.fields.note'), kind: 'textarea' as const };
  const specs: Record<ApplicationMove, FormSpec> = {
    take: { ...base('take'), fields: [] },
    recommend: { ...base('recommend'), fields: [note] },
    return: {
      ...base('return'),
      fields: [
        {
          name: 'items',
          label: t('staff-licensing.application.fields.items'),
          hint: t('staff-licensing.application.fields.itemsHint'),
          kind: 'textarea',
          required: true,
        },
      ],
    },
    approve: { ...base('approve'), fields: [note] },
    reject: {
      ...base('reject'),
      warning: true,
      fields: [{ name: 'reasons', label: t('staff-licensing.application.fields.reasons'), kind: 'textarea', required: true }],
    },
  };
  return APPLICATION_ACTIONS.filter((m) => (a.allowedActions as string[]).includes(m) && mayMake(m, roles)).map((m) => specs[m]);
}

/** The forms of a license's moves the API allows now; `lift` (ending a suspension early) is the API's `reinstate`. */
export function licenseForms(l: Pick<License, 'id' | 'version' | 'allowedActions'>, t: Translate, roles: readonly string[] | null = null): FormSpec[] {
  const allowed = (l.allowedActions as string[])
    .map((m) => (m === 'lift' ? 'reinstate' : m))
    .filter((m) => !(m in MOVE_ROLES) || mayMake(m as LicenseMove, roles));
  const reason = { name: 'reason', label: t('staff-licensing.license.fields.reason'), kind: 'textarea' as const, required: true };
  const base = (move: LicenseMove) => ({
    id: `license-${move}`,
    title: t(`staff-licensing.license.actions.${move}.title`),
    submit: t(`staff-licensing.license.actions.${move}.submit`),
    action: `${licensePath(l.id)}/${move}`,
    hidden: { version: String(l.version) },
  });
  const forms: FormSpec[] = [];
  if (allowed.includes('suspend'))
    forms.push({
      ...base('suspend'),
      warning: true,
      fields: [reason, { name: 'until', label: t('staff-licensing.license.fields.until'), kind: 'date', required: true }],
    });
  if (allowed.includes('reinstate') || allowed.includes('lift')) forms.push({ ...base('reinstate'), fields: [reason] });
  if (allowed.includes('revoke')) forms.push({ ...base('revoke'), warning: true, fields: [reason] });
  return forms;
}

const day = (d: string | null | undefined, locale: Locale) => (d ? formatDate(d, locale, 'date') : '');
const when = (d: string | null | undefined, locale: Locale) => (d ? formatDate(d, locale, 'dateTime', 'Asia/Manila') : '');

export function applicationView(a: Application, t: Translate, locale: Locale) {
  const clearance = a.clearance;
  return {
    title: t('staff-licensing.application.title', { agency: a.agencyName }),
    summary: [
      { key: t('staff-licensing.application.agency'), value: a.agencyName, href: escrowPath(a.agencyId) },
      { key: t('staff-licensing.application.type'), value: t(`staff-licensing.types.${a.type}`) },
      { key: t('staff-licensing.application.state'), value: t(`staff-licensing.states.${a.state}`) },
      { key: t('staff-licensing.application.submitted'), value: when(a.submittedAt, locale) || t('staff-licensing.none') },
      ...(a.licenseTypeOnApproval
        ? [{ key: t('staff-licensing.application.licenseOnApproval'), value: t(`staff-licensing.licenseTypes.${a.licenseTypeOnApproval}`) }]
        : []),
      ...(a.licenseNumber && a.licenseId ? [{ key: t('staff-licensing.application.license'), value: a.licenseNumber, href: licensePath(a.licenseId) }] : []),
      ...(a.correctionItems.length ? [{ key: t('staff-licensing.application.corrections'), value: a.correctionItems.join('; ') }] : []),
      ...(a.decisionReasons ? [{ key: t('staff-licensing.application.reasons'), value: a.decisionReasons }] : []),
    ],
    checklist: {
      id: 'checklist',
      caption: t('staff-licensing.application.checklist'),
      head: [t('staff-licensing.application.document'), t('staff-licensing.application.uploaded')],
      rows: a.checklist.map((c) => [
        { text: t(`staff-licensing.documentKinds.${c.kind}`) },
        c.uploaded > 0
          ? { text: t('staff-licensing.application.present', { count: c.uploaded }), tag: 'govuk-tag--green' }
          : { text: t('staff-licensing.application.missing'), tag: 'govuk-tag--red' },
      ]),
      empty: t('staff-licensing.none'),
    },
    documents: {
      id: 'documents',
      caption: t('staff-licensing.application.documents'),
      head: [t('staff-licensing.application.document'), t('staff-licensing.application.file'), t('staff-licensing.application.uploadedOn')],
      rows: a.documents.map((d) => [
        { text: t(`staff-licensing.documentKinds.${d.kind in KIND_SET ? d.kind : 'other'}`) },
        { text: d.originalName, href: `${STAFF_PATHS.documents}/${d.id}` },
        { text: when(d.createdAt, locale) },
      ]),
      empty: t('staff-licensing.application.noDocuments'),
    },
    clearance: clearance
      ? {
          cleared: clearance.cleared,
          verdict: t(clearance.cleared ? 'staff-licensing.application.cleared' : 'staff-licensing.application.notCleared'),
          table: {
            id: 'clearance',
            caption: t('staff-licensing.application.clearance'),
            head: [t('staff-licensing.application.check'), t('staff-licensing.application.result')],
            rows: clearance.checks.map((c) => [
              { text: t(`staff-licensing.checks.${c.check}`) },
              { text: t(c.ok ? 'staff-licensing.application.pass' : 'staff-licensing.application.fail'), tag: c.ok ? 'govuk-tag--green' : 'govuk-tag--red' },
            ]),
            empty: t('staff-licensing.none'),
          },
        }
      : null,
    openCases: {
      id: 'open-cases',
      caption: t('staff-licensing.application.openCases'),
      head: [
        t('staff-licensing.application.reference'),
        t('staff-licensing.application.kind'),
        t('staff-licensing.application.stage'),
        t('staff-licensing.application.opened'),
      ],
      rows: (a.openCases ?? []).map((c) => [
        { text: c.reference },
        { text: t(`staff-licensing.caseKinds.${c.kind}`) },
        { text: c.stage },
        { text: day(c.openedAt, locale) },
      ]),
      empty: t('staff-licensing.application.noOpenCases'),
    },
    history: {
      id: 'history',
      caption: t('staff-licensing.history'),
      head: [t('staff-licensing.when'), t('staff-licensing.what'), t('staff-licensing.who')],
      rows: a.events.map((e) => [
        { text: when(e.at, locale) },
        { text: [t(`staff-licensing.applicationEvents.${e.action}`), ...(e.details?.items ?? []), e.details?.note ?? ''].filter(Boolean).join(' — ') },
        { text: t(`staff-licensing.roles.${e.actorRole in ROLE_SET ? e.actorRole : 'system'}`) },
      ]),
      empty: t('staff-licensing.none'),
    },
  };
}

const KIND_SET: Record<string, true> = {
  'business-registration': true,
  'business-permit': true,
  'tax-clearance': true,
  'financial-statement': true,
  'escrow-certificate': true,
  'office-lease': true,
  other: true,
};
const ROLE_SET: Record<string, true> = {
  inspector: true,
  supervisor: true,
  admin: true,
  agency_admin: true,
  agency_staff: true,
  system: true,
  welfare_officer: true,
};

export function licenseView(l: License, t: Translate, locale: Locale) {
  return {
    title: t('staff-licensing.license.title', { number: l.number }),
    summary: [
      { key: t('staff-licensing.application.agency'), value: l.agencyName },
      { key: t('staff-licensing.license.type'), value: t(`staff-licensing.licenseTypes.${l.type}`) },
      { key: t('staff-licensing.license.state'), value: t(`staff-licensing.licenseStates.${l.state}`) },
      { key: t('staff-licensing.license.issued'), value: day(l.issuedOn, locale) },
      { key: t('staff-licensing.license.expires'), value: day(l.expiresOn, locale) },
      ...(l.suspendedUntil ? [{ key: t('staff-licensing.license.suspendedUntil'), value: when(l.suspendedUntil, locale) }] : []),
      { key: t('staff-licensing.escrow.title'), value: t('staff-licensing.license.escrowLink'), href: escrowPath(l.agencyId) },
    ],
    history: {
      id: 'history',
      caption: t('staff-licensing.history'),
      head: [t('staff-licensing.when'), t('staff-licensing.what'), t('staff-licensing.who')],
      rows: l.events.map((e) => [
        { text: when(e.at, locale) },
        {
          text: [
            t(`staff-licensing.licenseEvents.${e.action}`),
            e.reason ?? '',
            e.until ? t('staff-licensing.license.untilDate', { date: when(e.until, locale) }) : '',
          ]
            .filter(Boolean)
            .join(' — '),
        },
        { text: t(`staff-licensing.roles.${e.actorRole in ROLE_SET ? e.actorRole : 'system'}`) },
      ]),
      empty: t('staff-licensing.none'),
    },
  };
}

/** The kinds of escrow entry the API records: deposit and top-up add, garnishment and release take. */
export const ESCROW_ENTRY_KINDS = ['deposit', 'top-up', 'garnishment', 'release'] as const;
/** Who the API lets record an entry (POST /licensing/agencies/{agencyId}/escrow/entries). */
const ESCROW_RECORDERS = ['inspector', 'supervisor'];

/**
 * The escrow statement's form: record an entry, in the account's currency, while the account is
 * open and for the roles the API lets record one. `key` is the entry's Idempotency-Key, made when
 * the page is rendered: a double submit records the entry once.
 */
export function escrowForms(e: Pick<Escrow, 'agencyId' | 'open' | 'currency'>, t: Translate, roles: readonly string[], key: string = randomUUID()): FormSpec[] {
  if (!e.open || !roles.some((r) => ESCROW_RECORDERS.includes(r))) return [];
  return [
    {
      id: 'escrow-entry',
      title: t('staff-licensing.escrow.record.title'),
      intro: t('staff-licensing.escrow.record.intro', { currency: e.currency }),
      submit: t('staff-licensing.escrow.record.submit'),
      action: `${escrowPath(e.agencyId)}/entries`,
      hidden: { idempotencyKey: key },
      fields: [
        {
          name: 'kind',
          label: t('staff-licensing.escrow.kind'),
          kind: 'radios',
          required: true,
          options: ESCROW_ENTRY_KINDS.map((k) => ({ value: k, text: t(`staff-licensing.escrow.kinds.${k}`) })),
          api: ['kind'],
        },
        {
          name: 'amount',
          label: t('staff-licensing.escrow.record.amount', { currency: e.currency }),
          kind: 'money',
          required: true,
          currency: e.currency,
          api: ['amountMinor', 'currency'],
        },
        {
          name: 'reference',
          label: t('staff-licensing.escrow.reference'),
          hint: t('staff-licensing.escrow.record.referenceHint'),
          kind: 'text',
          required: true,
          api: ['reference'],
        },
      ],
    },
  ];
}

export function escrowView(e: Escrow, t: Translate, locale: Locale) {
  const money = (m: string | null | undefined) => (m ? formatMoney(m, e.currency, locale) : t('staff-licensing.none'));
  return {
    summary: [
      {
        key: t('staff-licensing.escrow.account'),
        value: e.open
          ? t('staff-licensing.escrow.open', { type: e.licenseType ? t(`staff-licensing.licenseTypes.${e.licenseType}`) : '' })
          : t('staff-licensing.escrow.notOpen'),
      },
      { key: t('staff-licensing.escrow.balance'), value: money(e.balanceMinor) },
      { key: t('staff-licensing.escrow.required'), value: money(e.requiredMinor) },
      { key: t('staff-licensing.escrow.shortfall'), value: money(e.shortfallMinor) },
      { key: t('staff-licensing.escrow.meets'), value: t(e.meetsRequirement ? 'staff-licensing.yes' : 'staff-licensing.no') },
      ...(e.topUpDeadline ? [{ key: t('staff-licensing.escrow.topUpBy'), value: when(e.topUpDeadline.dueAt, locale) }] : []),
      ...(e.hold ? [{ key: t('staff-licensing.escrow.hold'), value: e.hold.reason }] : []),
    ],
    entries: {
      id: 'entries',
      caption: t('staff-licensing.escrow.entries'),
      head: [
        t('staff-licensing.when'),
        t('staff-licensing.escrow.kind'),
        t('staff-licensing.escrow.amount'),
        t('staff-licensing.escrow.reference'),
        t('staff-licensing.escrow.balanceAfter'),
      ],
      rows: e.entries.items.map((x) => [
        { text: when(x.createdAt, locale) },
        { text: t(`staff-licensing.escrow.kinds.${x.kind}`) },
        { text: formatMoney(x.amountMinor, x.currency, locale) },
        { text: x.reference },
        { text: formatMoney(x.balanceAfterMinor, x.currency, locale) },
      ]),
      empty: t('staff-licensing.escrow.noEntries'),
    },
  };
}
