import { discrepancies, underDeclared } from './discrepancies';

const line = (item: string, amountMinor: string, currency = 'PHP') => ({ item, amountMinor, currency, date: '2026-03-01', receiptNumber: '' });

describe('discrepancies between declared and stated fees', () => {
  it('is empty when the worker states what was declared, in any order and split', () => {
    const d = discrepancies(
      [line('placement-fee', '5000000'), line('medical-examination', '250000')],
      [line('medical-examination', '250000'), line('placement-fee', '2000000'), line('placement-fee', '3000000')],
    );
    expect(d).toEqual([]);
    expect(underDeclared(d)).toBe(false);
  });

  it('lists stated minus declared per item and currency, and flags what was paid beyond the receipts', () => {
    const d = discrepancies(
      [line('placement-fee', '5000000'), line('training', '100000')],
      [line('placement-fee', '8000000'), line('training', '50000'), line('visa', '1500000', 'SAR')],
    );
    expect(d).toEqual([
      { item: 'placement-fee', currency: 'PHP', declaredMinor: '5000000', statedMinor: '8000000', differenceMinor: '3000000' },
      { item: 'training', currency: 'PHP', declaredMinor: '100000', statedMinor: '50000', differenceMinor: '-50000' },
      { item: 'visa', currency: 'SAR', declaredMinor: '0', statedMinor: '1500000', differenceMinor: '1500000' },
    ]);
    expect(underDeclared(d)).toBe(true);
  });

  it('does not flag a worker who says they paid less than declared', () => {
    expect(underDeclared(discrepancies([line('training', '100000')], [line('training', '90000')]))).toBe(false);
  });

  it('keeps the same item in two currencies apart', () => {
    expect(discrepancies([line('visa', '100', 'PHP')], [line('visa', '100', 'SAR')]).map((x) => [x.currency, x.differenceMinor])).toEqual([
      ['PHP', '-100'],
      ['SAR', '100'],
    ]);
  });
});
