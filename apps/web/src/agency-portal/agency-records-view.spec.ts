import type { ApiSchemas } from '@app/api-client';
import {
  branchApiErrors,
  branchRows,
  disableable,
  disablingReasonError,
  escrowStatement,
  readBranch,
  renewalWindowText,
  settlementView,
} from './agency-records-view';

type Entry = ApiSchemas['EscrowEntryView'];

const entry = (kind: Entry['kind'], amountMinor: string, balanceAfterMinor: string, reference: string): Entry =>
  ({
    id: `00000000-0000-4000-8000-${reference.padStart(12, '0').slice(-12)}`,
    kind,
    amountMinor,
    currency: 'PHP',
    reference,
    balanceAfterMinor,
    recordedBy: { id: null, role: 'inspector' },
    createdAt: '2026-11-02T03:00:00.000Z',
  }) as Entry;

const summary = (over: Partial<ApiSchemas['EscrowSummary']> = {}): ApiSchemas['EscrowSummary'] =>
  ({
    open: true,
    licenseType: 'provisional',
    currency: 'PHP',
    requiredMinor: '100000000',
    balanceMinor: '70000000',
    shortfallMinor: '30000000',
    meetsRequirement: false,
    topUpDeadline: { id: '00000000-0000-4000-8000-000000000001', state: 'pending', dueAt: '2026-11-17T03:00:00.000Z' },
    hold: null,
    entries: {
      items: [
        entry('release', '10000000', '70000000', 'REL-1'),
        entry('garnishment', '15000000', '80000000', 'CASE-2'),
        entry('garnishment', '5000000', '95000000', 'CASE-1'),
        entry('deposit', '100000000', '100000000', 'BDO-1'),
      ],
      page: 1,
      pageSize: 50,
      total: 4,
    },
    ...over,
  }) as ApiSchemas['EscrowSummary'];

describe('escrowStatement', () => {
  it('signs each entry by its kind and totals what garnishments took', () => {
    const v = escrowStatement(summary(), 'en');
    expect(v.entries.map((e) => [e.kind, e.credit, e.debit, e.balanceAfter])).toEqual([
      ['Release', '', '₱100,000.00', '₱700,000.00'],
      ['Garnishment (paid to a worker)', '', '₱150,000.00', '₱800,000.00'],
      ['Garnishment (paid to a worker)', '', '₱50,000.00', '₱950,000.00'],
      ['Deposit', '₱1,000,000.00', '', '₱1,000,000.00'],
    ]);
    expect(v.garnished).toBe('₱200,000.00');
    expect(v).toMatchObject({
      balance: '₱700,000.00',
      required: '₱1,000,000.00',
      shortfall: '₱300,000.00',
      meetsRequirement: false,
      licenseType: 'Provisional',
      hold: false,
      pages: 1,
    });
    expect(v.topUp).toEqual({ due: expect.stringContaining('2026'), missed: false });
  });

  it('shows no shortfall when the requirement is met, a missed deadline and the hold', () => {
    const v = escrowStatement(
      summary({
        balanceMinor: '100000000',
        shortfallMinor: '0',
        meetsRequirement: true,
        topUpDeadline: { id: 'x', state: 'breached', dueAt: '2026-11-17T03:00:00.000Z' },
        hold: { reason: 'escrow-below-requirement', startedAt: '2026-11-17T03:00:00.000Z' } as never,
      }),
      'en',
    );
    expect(v.shortfall).toBeNull();
    expect(v.topUp?.missed).toBe(true);
    expect(v.hold).toBe(true);
  });

  it('answers an account not open yet, and counts the pages of a long ledger', () => {
    const v = escrowStatement(
      summary({
        open: false,
        licenseType: null,
        requiredMinor: null,
        shortfallMinor: null,
        balanceMinor: '0',
        topUpDeadline: null,
        entries: { items: [], page: 2, pageSize: 50, total: 101 },
      }),
      'en',
    );
    expect(v).toMatchObject({ open: false, licenseType: null, required: null, shortfall: null, garnished: null, entries: [], page: 2, pages: 3 });
  });

  it("speaks the reader's language", () => {
    expect(escrowStatement(summary(), 'id').entries[3].kind).toBe('Setoran');
    expect(escrowStatement(summary(), 'fil').entries[0].kind).toBe('Pagpapalabas');
  });
});

describe('disabling a staff account', () => {
  const user = (roles: string[], active = true) =>
    ({
      id: 'u',
      email: 'a@b.test',
      displayName: 'A',
      roles,
      active,
      agencyId: 'g',
      createdAt: '2026-01-01T00:00:00.000Z',
    }) as unknown as ApiSchemas['UserView'];

  it('is offered to an admin, for an active staff account only', () => {
    expect(disableable(user(['agency_staff']), true)).toBe(true);
    expect(disableable(user(['agency_staff']), false)).toBe(false);
    expect(disableable(user(['agency_staff'], false), true)).toBe(false);
    expect(disableable(user(['agency_admin']), true)).toBe(false);
  });

  it('needs a reason of 3 to 500 characters', () => {
    expect(disablingReasonError('')).toBe('agencyRecords.staff.errors.reasonMissing');
    expect(disablingReasonError('no')).toBe('agencyRecords.staff.errors.reasonShort');
    expect(disablingReasonError('x'.repeat(501))).toBe('agencyRecords.staff.errors.reasonLong');
    expect(disablingReasonError('Left the agency.')).toBeNull();
  });
});

describe('branch offices', () => {
  it('reads the form, spaces tidied, and names each missing or too long field', () => {
    expect(readBranch({ name: '  Baguio   branch ', address: '3 Session Road,\n Baguio City' })).toEqual({
      values: { name: 'Baguio branch', address: '3 Session Road, Baguio City' },
      errors: {},
    });
    expect(readBranch({}).errors).toEqual({ name: 'agencyRecords.branches.errors.nameMissing', address: 'agencyRecords.branches.errors.addressMissing' });
    expect(readBranch({ name: 'x'.repeat(201), address: 'y'.repeat(501) }).errors).toEqual({
      name: 'agencyRecords.branches.errors.nameLong',
      address: 'agencyRecords.branches.errors.addressLong',
    });
  });

  it("puts the API's refusals next to the fields", () => {
    expect(branchApiErrors({ errors: [{ field: 'name' }, { field: 'other' }] })).toEqual({ name: 'agencyRecords.branches.errors.nameInvalid' });
    expect(branchApiErrors(null)).toEqual({});
  });

  it("says where each branch stands, with the ministry's reason", () => {
    const b = (status: string, over: object = {}) =>
      ({
        id: 'b',
        name: 'Baguio',
        address: 'Session Road',
        status,
        createdAt: '2026-11-02T03:00:00.000Z',
        closedAt: null,
        decidedAt: null,
        decisionNote: null,
        ...over,
      }) as ApiSchemas['BranchView'];
    const [pending, refused, closed] = branchRows(
      [
        b('pending'),
        b('rejected', { decidedAt: '2026-11-03T03:00:00.000Z', decisionNote: 'No business permit.' }),
        b('closed', { closedAt: '2026-11-04T03:00:00.000Z' }),
      ],
      'en',
    );
    expect(pending).toMatchObject({ state: 'Waiting for the ministry', stateClass: 'govuk-tag--blue' });
    expect(pending.detail).toMatch(/^Asked on 2 November 2026\.$/);
    expect(refused.state).toBe('Refused');
    expect(refused.detail).toBe('Decided on 3 November 2026. No business permit.');
    expect(closed.detail).toBe('Closed on 4 November 2026.');
  });
});

describe('the renewal window', () => {
  it("says when it opens and closes, in the reader's language; nothing without one", () => {
    expect(renewalWindowText({ opensOn: '2029-11-01', closesOn: '2030-03-01' }, 'en')).toBe(
      'The renewal window opens on 1 November 2029 and closes at the end of 1 March 2030.',
    );
    expect(renewalWindowText({ opensOn: '2029-11-01', closesOn: '2030-03-01' }, 'id')).toContain('2030');
    expect(renewalWindowText(null, 'en')).toBeNull();
  });
});

describe('a settlement on the complaint page', () => {
  const settlement = {
    terms: 'Refund the placement fee in full.',
    amounts: [{ amountMinor: '2500000', currency: 'PHP', payableTo: 'the complainant' }],
    complyBy: '2026-12-20',
  } as ApiSchemas['SettlementView'];

  it('gives the terms, what to pay, the day to comply by, and says the ministry records compliance', () => {
    expect(settlementView({ stage: 'settled', outcome: null, settlement }, 'en')).toEqual({
      terms: 'Refund the placement fee in full.',
      amounts: ['₱25,000.00 to the complainant'],
      complyBy: '20 December 2026',
      standing: expect.stringMatching(
        /^Carry out the terms by 20 December 2026, then declare it below: .* The ministry records the compliance once its inspector has checked it/,
      ),
      statement: null,
      canDeclare: true,
    });
  });

  it('once the agency declared compliance: when, its statement, no second form; after comply or a breach, no statement and no form', () => {
    const complianceDeclaration = {
      statement: 'Refunded by bank transfer on 2 December.',
      declaredAt: '2026-12-03T02:00:00.000Z',
      declaredBy: '6f1c1f3e-8d7a-4b5e-9a51-0c2f7e9d1b23',
      documents: [],
    } as ApiSchemas['ComplianceDeclarationView'];
    expect(settlementView({ stage: 'settled', outcome: null, settlement, complianceDeclaration }, 'en')).toMatchObject({
      standing: "Compliance declared on 3 December 2026, waiting for the ministry's confirmation.",
      statement: 'Refunded by bank transfer on 2 December.',
      canDeclare: false,
    });
    expect(settlementView({ stage: 'closed', outcome: 'settled', settlement, complianceDeclaration }, 'en')).toMatchObject({
      standing: 'The ministry recorded that the agency complied with the settlement.',
      statement: null,
      canDeclare: false,
    });
    expect(settlementView({ stage: 'adjudication', outcome: null, settlement }, 'en')?.canDeclare).toBe(false);
  });

  it('says when compliance was recorded, or the settlement was breached; nothing without a settlement', () => {
    expect(settlementView({ stage: 'closed', outcome: 'settled', settlement }, 'en')?.standing).toBe(
      'The ministry recorded that the agency complied with the settlement.',
    );
    expect(settlementView({ stage: 'adjudication', outcome: null, settlement }, 'en')?.standing).toMatch(/not carried out/);
    expect(settlementView({ stage: 'conciliation', outcome: null, settlement: null }, 'en')).toBeNull();
  });
});
