import {
  Account,
  BENEFITS_PAID,
  CONTRIBUTIONS_RECEIVED,
  Entry,
  FUND_CASH,
  InsufficientFundError,
  InvalidLedgerEntryError,
  InvalidWelfareInputError,
  MixedCurrencyError,
  OverDisbursementError,
  accountKind,
  applyApproval,
  applyContribution,
  applyDisbursement,
  approvalEntry,
  balances,
  claimIdOf,
  contributionEntry,
  disbursementEntry,
  fundPosition,
  incomeEntry,
  OTHER_INCOME,
  APPROPRIATIONS_RECEIVED,
  isBalanced,
  ledgerCurrency,
  outstandingPayable,
  payableAccount,
  postEntry,
  validateEntry,
} from './index';

function thrown(fn: () => unknown): Error & { field?: string; code?: string } {
  try {
    fn();
  } catch (e) {
    return e as Error & { field?: string };
  }
  throw new Error('expected an error, none was thrown');
}

const php = (amountMinor: bigint) => ({ amountMinor, currency: 'PHP' });
const sum = (m: Map<string, bigint>) => [...m.values()].reduce((a, b) => a + b, 0n);

/** PHP 1,500.00 in, PHP 800.00 approved on claim c1, PHP 300.00 of it paid. */
function sample(): Entry[] {
  let l: Entry[] = [];
  l = applyContribution(l, php(100_000n));
  l = applyContribution(l, php(50_000n));
  l = applyApproval(l, 'c1', php(80_000n));
  l = applyDisbursement(l, 'c1', php(30_000n));
  return l;
}

describe('accounts', () => {
  it('a payable per claim; the kind of every account', () => {
    expect(payableAccount('4b1c8d0e-0000-4000-8000-000000000001')).toBe('claim-payable:4b1c8d0e-0000-4000-8000-000000000001');
    expect(claimIdOf('claim-payable:c1')).toBe('c1');
    expect(claimIdOf(FUND_CASH)).toBeNull();
    expect(([FUND_CASH, CONTRIBUTIONS_RECEIVED, BENEFITS_PAID, payableAccount('c1')] as Account[]).map(accountKind)).toEqual([
      'asset',
      'revenue',
      'expense',
      'liability',
    ]);
    expect(thrown(() => payableAccount(''))).toBeInstanceOf(InvalidWelfareInputError);
    expect(thrown(() => payableAccount('c 1')).field).toBe('claimId');
  });
});

describe('entry builders', () => {
  it('a contribution debits fund-cash and credits contributions-received', () => {
    expect(contributionEntry(php(2_500n))).toEqual({
      currency: 'PHP',
      lines: [
        { account: 'fund-cash', debitMinor: 2_500n },
        { account: 'contributions-received', creditMinor: 2_500n },
      ],
    });
  });

  it('an approval debits benefits-paid and credits the claim payable', () => {
    expect(approvalEntry('c1', php(7n))).toEqual({
      currency: 'PHP',
      lines: [
        { account: 'benefits-paid', debitMinor: 7n },
        { account: 'claim-payable:c1', creditMinor: 7n },
      ],
    });
  });

  it('a disbursement debits the claim payable and credits fund-cash', () => {
    expect(disbursementEntry('c1', php(7n))).toEqual({
      currency: 'PHP',
      lines: [
        { account: 'claim-payable:c1', debitMinor: 7n },
        { account: 'fund-cash', creditMinor: 7n },
      ],
    });
  });

  it.each<[string, unknown, string]>([
    ['zero', php(0n), 'amount.amountMinor'],
    ['negative', php(-1n), 'amount.amountMinor'],
    ['a number', { amountMinor: 25, currency: 'PHP' }, 'amount.amountMinor'],
    ['a bad currency', { amountMinor: 1n, currency: 'php' }, 'amount.currency'],
  ])('refuses an amount that is %s', (_name, amount, field) => {
    const e = thrown(() => contributionEntry(amount as never));
    expect(e).toBeInstanceOf(InvalidWelfareInputError);
    expect(e.field).toBe(field);
  });
});

describe('validateEntry: balanced double entries only', () => {
  const ok: Entry = contributionEntry(php(10n));

  it('accepts a balanced entry, also with several lines on a side', () => {
    expect(isBalanced(ok)).toBe(true);
    expect(() =>
      validateEntry({
        currency: 'PHP',
        lines: [
          { account: 'claim-payable:a', debitMinor: 3n },
          { account: 'claim-payable:b', debitMinor: 4n },
          { account: 'fund-cash', creditMinor: 7n },
        ],
      }),
    ).not.toThrow();
  });

  it.each<[string, Entry, string]>([
    [
      'unbalanced',
      {
        currency: 'PHP',
        lines: [
          { account: 'fund-cash', debitMinor: 10n },
          { account: 'contributions-received', creditMinor: 9n },
        ],
      },
      'entry.lines',
    ],
    ['a single line', { currency: 'PHP', lines: [{ account: 'fund-cash', debitMinor: 10n }] }, 'entry.lines'],
    [
      'a line with both sides',
      {
        currency: 'PHP',
        lines: [
          { account: 'fund-cash', debitMinor: 1n, creditMinor: 1n },
          { account: 'benefits-paid', debitMinor: 1n },
        ],
      },
      'entry.lines[0]',
    ],
    ['a line with neither side', { currency: 'PHP', lines: [{ account: 'fund-cash' }, { account: 'benefits-paid', debitMinor: 1n }] }, 'entry.lines[0]'],
    [
      'a zero amount',
      {
        currency: 'PHP',
        lines: [
          { account: 'fund-cash', debitMinor: 0n },
          { account: 'contributions-received', creditMinor: 0n },
        ],
      },
      'entry.lines[0].debitMinor',
    ],
    [
      'a negative amount',
      {
        currency: 'PHP',
        lines: [
          { account: 'fund-cash', debitMinor: 5n },
          { account: 'contributions-received', creditMinor: -5n },
        ],
      },
      'entry.lines[1].creditMinor',
    ],
    [
      'an amount as a number',
      {
        currency: 'PHP',
        lines: [
          { account: 'fund-cash', debitMinor: 5 as never },
          { account: 'contributions-received', creditMinor: 5n },
        ],
      },
      'entry.lines[0].debitMinor',
    ],
    [
      'an unknown account',
      {
        currency: 'PHP',
        lines: [
          { account: 'petty-cash' as never, debitMinor: 5n },
          { account: 'contributions-received', creditMinor: 5n },
        ],
      },
      'entry.lines[0].account',
    ],
    [
      'a payable without a claim id',
      {
        currency: 'PHP',
        lines: [
          { account: 'claim-payable:' as never, debitMinor: 5n },
          { account: 'fund-cash', creditMinor: 5n },
        ],
      },
      'entry.lines[0].account',
    ],
    ['a bad currency', { currency: 'Peso', lines: ok.lines }, 'entry.currency'],
  ])('refuses %s', (_name, entry, field) => {
    const e = thrown(() => validateEntry(entry));
    expect(e).toBeInstanceOf(InvalidLedgerEntryError);
    expect(e.field).toBe(field);
    expect(isBalanced(entry)).toBe(false);
  });
});

describe('balances: derived from the entries, debits minus credits', () => {
  it('gives each account its signed balance, adding up to zero', () => {
    const b = balances(sample());
    expect(Object.fromEntries(b)).toEqual({
      'fund-cash': 120_000n, // asset, debit-normal: positive
      'contributions-received': -150_000n, // revenue, credit-normal: negative
      'benefits-paid': 80_000n, // expense, debit-normal: positive
      'claim-payable:c1': -50_000n, // liability, credit-normal: negative (50,000 still owed)
    });
    expect(sum(b)).toBe(0n);
  });

  it('an empty ledger has no balances and no currency', () => {
    expect(balances([]).size).toBe(0);
    expect(ledgerCurrency([])).toBeNull();
  });

  it('the fund position gives the natural signs', () => {
    expect(fundPosition(sample())).toEqual({
      currency: 'PHP',
      cashMinor: 120_000n,
      contributionsReceivedMinor: 150_000n,
      benefitsApprovedMinor: 80_000n,
      appropriationsReceivedMinor: 0n,
      otherIncomeMinor: 0n,
      payablesMinor: 50_000n,
      uncommittedMinor: 70_000n,
    });
    expect(outstandingPayable(sample(), 'c1')).toBe(50_000n);
    expect(outstandingPayable(sample(), 'never-approved')).toBe(0n);
  });

  it('income other than contributions (an appropriation, other income) debits cash and credits its own revenue account, so a large benefit can be paid', () => {
    expect(incomeEntry('appropriation', { amountMinor: 1_000_000n, currency: 'PHP' })).toEqual({
      currency: 'PHP',
      lines: [
        { account: FUND_CASH, debitMinor: 1_000_000n },
        { account: APPROPRIATIONS_RECEIVED, creditMinor: 1_000_000n },
      ],
    });
    expect(accountKind(APPROPRIATIONS_RECEIVED)).toBe('revenue');
    expect(accountKind(OTHER_INCOME)).toBe('revenue');
    const poor = applyApproval(applyContribution([], { amountMinor: 2_500n, currency: 'PHP' }), 'death', { amountMinor: 20_000n, currency: 'PHP' });
    expect(thrown(() => applyDisbursement(poor, 'death', { amountMinor: 20_000n, currency: 'PHP' }))).toBeInstanceOf(InsufficientFundError);
    const funded = postEntry(
      postEntry(poor, incomeEntry('appropriation', { amountMinor: 15_000n, currency: 'PHP' })),
      incomeEntry('other-income', { amountMinor: 3_000n, currency: 'PHP' }),
    );
    const paid = applyDisbursement(funded, 'death', { amountMinor: 20_000n, currency: 'PHP' });
    expect(fundPosition(paid)).toMatchObject({
      cashMinor: 500n,
      contributionsReceivedMinor: 2_500n,
      appropriationsReceivedMinor: 15_000n,
      otherIncomeMinor: 3_000n,
      payablesMinor: 0n,
    });
    expect(thrown(() => incomeEntry('gift' as never, { amountMinor: 1n, currency: 'PHP' }))).toBeInstanceOf(InvalidWelfareInputError);
    expect(thrown(() => incomeEntry('appropriation', { amountMinor: 0n, currency: 'PHP' }))).toBeInstanceOf(InvalidWelfareInputError);
  });

  it('refuses a ledger in two currencies, naming the first entry that differs', () => {
    const e = thrown(() => balances([...sample(), contributionEntry({ amountMinor: 2_500n, currency: 'USD' })]));
    expect(e).toBeInstanceOf(MixedCurrencyError);
    expect(e.field).toBe('entries[4].currency');
  });

  it('refuses an invalid entry in the ledger, naming it', () => {
    const bad = {
      currency: 'PHP',
      lines: [
        { account: 'fund-cash', debitMinor: 2n },
        { account: 'contributions-received', creditMinor: 1n },
      ],
    } as Entry;
    expect(thrown(() => balances([...sample(), bad])).field).toBe('entries[4].lines');
  });
});

describe('applyDisbursement: never below zero, never more than owed', () => {
  it('pays what is owed out of the cash, exactly to zero', () => {
    let l = applyContribution([], php(50_000n));
    l = applyApproval(l, 'c1', php(50_000n));
    l = applyDisbursement(l, 'c1', php(50_000n));
    expect(fundPosition(l)).toMatchObject({ cashMinor: 0n, payablesMinor: 0n });
  });

  it('refuses a disbursement that would make the fund negative, and posts nothing', () => {
    let l = applyContribution([], php(100_000n));
    l = applyApproval(l, 'c1', php(150_000n));
    const before = [...l];
    const e = thrown(() => applyDisbursement(l, 'c1', php(120_000n)));
    expect(e).toBeInstanceOf(InsufficientFundError);
    expect(e).toMatchObject({ code: 'insufficient-fund', availableMinor: 100_000n, requestedMinor: 120_000n, currency: 'PHP' });
    expect(e.message).toMatch(/would overdraw fund-cash/);
    expect(l).toEqual(before);
    expect(l).toHaveLength(2);
  });

  it('refuses paying a claim that was never approved', () => {
    const l = applyContribution([], php(100_000n));
    const e = thrown(() => applyDisbursement(l, 'c9', php(1n)));
    expect(e).toBeInstanceOf(OverDisbursementError);
    expect(e).toMatchObject({ code: 'over-disbursement', claimId: 'c9', outstandingMinor: 0n, requestedMinor: 1n });
  });

  it('refuses paying more than is still owed on the claim, and paying it twice', () => {
    let l = applyContribution([], php(100_000n));
    l = applyApproval(l, 'c1', php(40_000n));
    expect(thrown(() => applyDisbursement(l, 'c1', php(40_001n)))).toMatchObject({ outstandingMinor: 40_000n, requestedMinor: 40_001n });
    l = applyDisbursement(l, 'c1', php(40_000n));
    expect(thrown(() => applyDisbursement(l, 'c1', php(40_000n)))).toBeInstanceOf(OverDisbursementError);
  });

  it('checks the claim before the fund: an unapproved payment from an empty fund is an over-disbursement', () => {
    expect(thrown(() => applyDisbursement([], 'c1', php(1n)))).toBeInstanceOf(OverDisbursementError);
  });

  it('refuses a disbursement in another currency than the fund', () => {
    let l = applyContribution([], php(100_000n));
    l = applyApproval(l, 'c1', php(40_000n));
    const e = thrown(() => applyDisbursement(l, 'c1', { amountMinor: 100n, currency: 'USD' }));
    expect(e).toBeInstanceOf(MixedCurrencyError);
    expect(e).toMatchObject({ fundCurrency: 'PHP', entryCurrency: 'USD' });
  });

  it('does not change the entries it is given', () => {
    const l = sample();
    const copy = [...l];
    const next = applyDisbursement(l, 'c1', php(1n));
    expect(l).toEqual(copy);
    expect(next).toHaveLength(copy.length + 1);
  });
});

describe('the README worked example', () => {
  it('over-disbursement on c1, then an approval beyond the cash that cannot be paid', () => {
    const l = sample();
    expect(thrown(() => applyDisbursement(l, 'c1', php(60_000n)))).toMatchObject({ code: 'over-disbursement', outstandingMinor: 50_000n });
    const l2 = applyApproval(l, 'c2', php(200_000n));
    expect(fundPosition(l2)).toMatchObject({ cashMinor: 120_000n, payablesMinor: 250_000n, uncommittedMinor: -130_000n });
    expect(thrown(() => applyDisbursement(l2, 'c2', php(200_000n)))).toMatchObject({
      code: 'insufficient-fund',
      availableMinor: 120_000n,
      requestedMinor: 200_000n,
    });
  });
});

describe('postEntry: the same guards for any entry', () => {
  it('refuses a hand-made entry that takes cash the fund does not have', () => {
    const l = applyContribution([], php(10n));
    const e: Entry = {
      currency: 'PHP',
      lines: [
        { account: BENEFITS_PAID, debitMinor: 11n },
        { account: FUND_CASH, creditMinor: 11n },
      ],
    };
    expect(thrown(() => postEntry(l, e))).toMatchObject({ availableMinor: 10n, requestedMinor: 11n });
  });

  it('refuses an unbalanced entry', () => {
    const e = {
      currency: 'PHP',
      lines: [
        { account: FUND_CASH, debitMinor: 2n },
        { account: CONTRIBUTIONS_RECEIVED, creditMinor: 1n },
      ],
    } as Entry;
    expect(thrown(() => postEntry([], e))).toBeInstanceOf(InvalidLedgerEntryError);
  });

  it('the first entry sets the fund currency', () => {
    const l = postEntry([], contributionEntry({ amountMinor: 2_500n, currency: 'USD' }));
    expect(ledgerCurrency(l)).toBe('USD');
    expect(thrown(() => applyContribution(l, php(1n)))).toBeInstanceOf(MixedCurrencyError);
  });
});
