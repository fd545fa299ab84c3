import type { ApiSchemas } from '@app/api-client';
import { SPARE_ROWS, amendValuesFrom, amendValuesOf, placementVersions, readAmendment } from './placement-amendment';

const line = (amountMinor: string, receiptNumber: string): ApiSchemas['FeeLineView'] =>
  ({ item: 'placement-fee', amountMinor, currency: 'PHP', date: '2026-02-20', receiptNumber }) as ApiSchemas['FeeLineView'];

describe('amendValuesOf', () => {
  it('prefills the current lines in the reader way of writing amounts, and offers spare rows', () => {
    const v = amendValuesOf({ fees: [line('2500000', 'OR-118')] }, 'id');
    expect(v.currency).toBe('PHP');
    expect(v.fees).toHaveLength(1 + SPARE_ROWS);
    expect(v.fees[0]).toEqual({ item: 'placement-fee', amount: '25000', date: '2026-02-20', receipt: 'OR-118' });
    expect(v.fees[1]).toEqual({ item: '', amount: '', date: '', receipt: '' });
  });
});

describe('readAmendment', () => {
  const posted = (over: Record<string, string> = {}) =>
    amendValuesFrom({
      rows: '3',
      feeCurrency: 'php',
      reason: 'Receipt OR-118 says PHP 2,500',
      'fee-0-item': 'placement-fee',
      'fee-0-amount': '2,500',
      'fee-0-date': '2026-02-20',
      'fee-0-receipt': 'OR-118',
      ...over,
    });

  it('sends the complete corrected list with the revision read and the reason; empty rows are dropped', () => {
    const read = readAmendment(posted(), 3, 'en');
    expect(read.errors).toEqual({});
    expect(read.body).toEqual({
      revision: 3,
      reason: 'Receipt OR-118 says PHP 2,500',
      fees: [{ item: 'placement-fee', amountMinor: '250000', currency: 'PHP', date: '2026-02-20', receiptNumber: 'OR-118' }],
    });
  });
  it('names each bad field of a row, and a missing or short reason', () => {
    const read = readAmendment(posted({ 'fee-1-amount': 'abc', reason: 'no' }), 3, 'en');
    expect(read.body).toBeNull();
    expect(read.errors).toEqual({
      reason: 'agencyPortal.placementAmend.errors.reason',
      'fee-1-item': 'agencyPortal.placements.errors.item',
      'fee-1-amount': 'agencyPortal.placements.errors.amount',
      'fee-1-date': 'agencyPortal.placements.errors.date',
      'fee-1-receipt': 'agencyPortal.placements.errors.receipt',
    });
  });
  it('reads no more rows than the page had, at most 100', () => {
    expect(amendValuesFrom({ rows: '999' }).fees).toHaveLength(100);
    expect(amendValuesFrom({ rows: 'x' }).fees).toHaveLength(1);
  });
});

describe('placementVersions', () => {
  const revision = (n: number, reason: string | null, fees: ApiSchemas['FeeLineView'][]): ApiSchemas['RevisionView'] =>
    ({
      revision: n,
      reason,
      fees,
      createdAt: `2026-03-0${n}T03:00:00.000Z`,
      actorId: null,
      actorRole: 'agency_admin',
      terms: {},
    }) as unknown as ApiSchemas['RevisionView'];
  it('lists every version newest first, the earlier fee lines kept, with why each was amended', () => {
    const versions = placementVersions(
      [revision(1, null, [line('2500000', 'OR-118')]), revision(2, 'Receipt says PHP 2,500', [line('250000', 'OR-118')])],
      'en',
    );
    expect(versions.map((v) => [v.heading.replace(/ on .*/, ''), v.current, v.reason])).toEqual([
      ['Version 2: amended', true, 'Receipt says PHP 2,500'],
      ['Version 1: recorded', false, null],
    ]);
    expect(versions[1].fees[0].amount).toMatch(/25,000/);
    expect(versions[0].fees[0].amount).toMatch(/2,500/);
  });
});
