/**
 * What the agency's record pages show, made from the API's answers (agency-records.controller.ts):
 * the escrow statement and the staff accounts an admin may disable. Pure: unit-tested in
 * agency-records-view.spec.ts.
 */
import type { ApiSchemas } from '@app/api-client';
import { Locale, MessageKey, formatDate, formatMoney, translator } from '@app/i18n';

type Escrow = ApiSchemas['EscrowSummary'];
type User = ApiSchemas['UserView'];

/** The kinds that take money out of the escrow: shown as a debit. */
const DEBITS = new Set(['garnishment', 'release']);

export interface EscrowStatementView {
  open: boolean;
  licenseType: string | null;
  balance: string;
  required: string | null;
  shortfall: string | null;
  meetsRequirement: boolean;
  topUp: { due: string; missed: boolean } | null;
  hold: boolean;
  entries: { date: string; kind: string; reference: string; credit: string; debit: string; balanceAfter: string }[];
  /** What garnishments took from the escrow, in all (on this page of the ledger). */
  garnished: string | null;
  page: number;
  pages: number;
}

export function escrowStatement(e: Escrow, locale: Locale): EscrowStatementView {
  const t = translator(locale);
  const money = (minor: string) => formatMoney(minor, e.currency, locale);
  const garnished = e.entries.items.filter((x) => x.kind === 'garnishment').reduce((sum, x) => sum + BigInt(x.amountMinor), 0n);
  return {
    open: e.open,
    licenseType: e.licenseType ? t(`agencyPortal.licenseTypes.${e.licenseType}`) : null,
    balance: money(e.balanceMinor),
    required: e.requiredMinor === null ? null : money(e.requiredMinor),
    shortfall: e.shortfallMinor === null || BigInt(e.shortfallMinor) === 0n ? null : money(e.shortfallMinor),
    meetsRequirement: e.meetsRequirement,
    topUp: e.topUpDeadline ? { due: formatDate(e.topUpDeadline.dueAt, locale, 'date'), missed: e.topUpDeadline.state === 'breached' } : null,
    hold: e.hold !== null,
    entries: e.entries.items.map((x) => ({
      date: formatDate(x.createdAt, locale, 'date'),
      kind: t(`agencyRecords.escrow.kinds.${x.kind}`),
      reference: x.reference,
      credit: DEBITS.has(x.kind) ? '' : money(x.amountMinor),
      debit: DEBITS.has(x.kind) ? money(x.amountMinor) : '',
      balanceAfter: money(x.balanceAfterMinor),
    })),
    garnished: garnished > 0n ? money(garnished.toString()) : null,
    page: e.entries.page,
    pages: Math.max(1, Math.ceil(e.entries.total / e.entries.pageSize)),
  };
}

/** Only an admin disables, and only an active staff account (the API refuses admins' accounts). */
export const disableable = (u: User, viewerIsAdmin: boolean): boolean =>
  viewerIsAdmin && u.active && u.roles.includes('agency_staff') && !u.roles.includes('agency_admin');

/** A disabling reason: 3 to 500 characters once spaces are tidied (the API's rule). */
export function disablingReasonError(
  reason: string,
): 'agencyRecords.staff.errors.reasonMissing' | 'agencyRecords.staff.errors.reasonShort' | 'agencyRecords.staff.errors.reasonLong' | null {
  if (!reason) return 'agencyRecords.staff.errors.reasonMissing';
  if (reason.length < 3) return 'agencyRecords.staff.errors.reasonShort';
  if (reason.length > 500) return 'agencyRecords.staff.errors.reasonLong';
  return null;
}

type Problem = { errors?: { field: string }[] } | null;

export interface BranchValues {
  name: string;
  address: string;
}

const line = (v: unknown, max: number) => (typeof v === 'string' ? v.replace(/\s+/g, ' ').trim().slice(0, max) : '');

/** The branch form: name (1-200, one line) and address (1-500), checked as the API does. */
export function readBranch(body: unknown): { values: BranchValues; errors: Record<string, MessageKey> } {
  const f = (body ?? {}) as Record<string, unknown>;
  const values = { name: line(f.name, 201), address: line(f.address, 501) };
  const errors: Record<string, MessageKey> = {};
  if (!values.name) errors.name = 'agencyRecords.branches.errors.nameMissing';
  else if (values.name.length > 200) errors.name = 'agencyRecords.branches.errors.nameLong';
  if (!values.address) errors.address = 'agencyRecords.branches.errors.addressMissing';
  else if (values.address.length > 500) errors.address = 'agencyRecords.branches.errors.addressLong';
  return { values, errors };
}

/** The API's refusal of a branch (400 naming `name` or `address`) put next to the page's fields. */
export function branchApiErrors(problem: Problem): Record<string, MessageKey> {
  const errors: Record<string, MessageKey> = {};
  for (const e of problem?.errors ?? []) {
    if (e.field === 'name') errors.name = 'agencyRecords.branches.errors.nameInvalid';
    else if (e.field === 'address') errors.address = 'agencyRecords.branches.errors.addressInvalid';
  }
  return errors;
}

export function branchRows(
  branches: ApiSchemas['BranchView'][],
  locale: Locale,
): { name: string; address: string; state: string; stateClass: string; detail: string }[] {
  const t = translator(locale);
  const classes: Record<string, string> = { pending: 'govuk-tag--blue', active: 'govuk-tag--green', rejected: 'govuk-tag--red', closed: 'govuk-tag--grey' };
  return branches.map((b) => ({
    name: b.name,
    address: b.address,
    state: t(`agencyRecords.branches.states.${b.status}`),
    stateClass: classes[b.status] ?? 'govuk-tag--grey',
    detail: [
      b.status === 'pending' ? t('agencyRecords.branches.pendingDetail', { date: formatDate(b.createdAt, locale, 'date') }) : '',
      b.decidedAt && b.status !== 'pending' ? t('agencyRecords.branches.decided', { date: formatDate(b.decidedAt, locale, 'date') }) : '',
      b.decisionNote ?? '',
      b.closedAt ? t('agencyRecords.branches.closedOn', { date: formatDate(b.closedAt, locale, 'date') }) : '',
    ]
      .filter(Boolean)
      .join(' '),
  }));
}

/** The license's renewal window (GET /agency/license `renewalWindow`) as a sentence; null when there is none (a license no longer live). */
export function renewalWindowText(window: { opensOn: string; closesOn: string } | null | undefined, locale: Locale): string | null {
  if (!window) return null;
  return translator(locale)('agencyRecords.renewalWindow', {
    opens: formatDate(window.opensOn, locale, 'date'),
    closes: formatDate(window.closesOn, locale, 'date'),
  });
}

/**
 * A complaint's settlement as the agency reads it: the terms, what to pay to whom, the day to
 * comply by and where it stands. The agency declares its compliance (once per settlement, while
 * the case is settled); the ministry records it (`comply` is an officer's transition in
 * libs/complaints), so after the declaration the page says it waits for the ministry.
 */
export function settlementView(
  c: {
    stage: string;
    outcome?: string | null;
    settlement?: ApiSchemas['SettlementView'] | null;
    complianceDeclaration?: ApiSchemas['ComplianceDeclarationView'] | null;
  },
  locale: Locale,
): { terms: string; amounts: string[]; complyBy: string; standing: string; statement: string | null; canDeclare: boolean } | null {
  if (!c.settlement) return null;
  const t = translator(locale);
  const s = c.settlement;
  const complyBy = formatDate(s.complyBy, locale, 'date');
  const declared = c.complianceDeclaration ?? null;
  const standing =
    c.stage === 'closed' && c.outcome === 'settled'
      ? t('agencyRecords.settlement.complied')
      : c.stage === 'settled'
        ? declared
          ? t('agencyRecords.settlement.declared', { date: formatDate(declared.declaredAt, locale, 'date') })
          : t('agencyRecords.settlement.pending', { date: complyBy })
        : t('agencyRecords.settlement.breached');
  return {
    terms: s.terms,
    amounts: s.amounts.map((a) => t('agencyRecords.settlement.payableTo', { amount: formatMoney(a.amountMinor, a.currency, locale), to: a.payableTo })),
    complyBy,
    standing,
    statement: c.stage === 'settled' && declared ? declared.statement : null,
    canDeclare: c.stage === 'settled' && !declared,
  };
}
