import fc from 'fast-check';
import {
  ESCROW_ENTRY_KINDS,
  EscrowEntryKind,
  MAX_ESCROW_BALANCE_MINOR,
  applyEntry,
  balanceOf,
  requirementEffect,
  shortfallOf,
  signedAmount,
} from './escrow-ledger';

describe('escrow ledger arithmetic', () => {
  it('adds deposits and top-ups, takes garnishments and releases', () => {
    expect(signedAmount('deposit', 500n)).toBe(500n);
    expect(signedAmount('top-up', 500n)).toBe(500n);
    expect(signedAmount('garnishment', 500n)).toBe(-500n);
    expect(signedAmount('release', 500n)).toBe(-500n);
    expect(
      balanceOf([
        { kind: 'deposit', amountMinor: 100_000_000n },
        { kind: 'garnishment', amountMinor: 30_000_000n },
        { kind: 'top-up', amountMinor: 5_000_000n },
        { kind: 'release', amountMinor: 1n },
      ]),
    ).toBe(74_999_999n);
  });

  it('refuses a zero or negative amount: the sign comes from the kind', () => {
    expect(() => signedAmount('deposit', 0n)).toThrow(RangeError);
    expect(() => signedAmount('garnishment', -5n)).toThrow(RangeError);
  });

  it('refuses a garnishment or release larger than the balance, naming the balance and the amount asked', () => {
    expect(applyEntry(1_000n, 'garnishment', 1_001n)).toEqual({ accepted: false, reason: 'insufficient-balance', balance: 1_000n, asked: 1_001n });
    expect(applyEntry(1_000n, 'release', 1_001n)).toEqual({ accepted: false, reason: 'insufficient-balance', balance: 1_000n, asked: 1_001n });
    expect(applyEntry(1_000n, 'garnishment', 1_000n)).toEqual({ accepted: true, balanceAfter: 0n });
    expect(applyEntry(0n, 'deposit', 1n)).toEqual({ accepted: true, balanceAfter: 1n });
  });

  it('refuses a deposit or top-up that would take the balance past the largest one the ledger records', () => {
    expect(applyEntry(MAX_ESCROW_BALANCE_MINOR - 10n, 'deposit', 10n)).toEqual({ accepted: true, balanceAfter: MAX_ESCROW_BALANCE_MINOR });
    expect(applyEntry(MAX_ESCROW_BALANCE_MINOR - 10n, 'top-up', 11n)).toEqual({
      accepted: false,
      reason: 'balance-limit',
      balance: MAX_ESCROW_BALANCE_MINOR - 10n,
      asked: 11n,
    });
    expect(applyEntry(MAX_ESCROW_BALANCE_MINOR, 'release', MAX_ESCROW_BALANCE_MINOR)).toEqual({ accepted: true, balanceAfter: 0n });
  });

  it('computes the shortfall against the requirement (0 when met or exceeded)', () => {
    expect(shortfallOf(75_000_000n, 100_000_000n)).toBe(25_000_000n);
    expect(shortfallOf(100_000_000n, 100_000_000n)).toBe(0n);
    expect(shortfallOf(120_000_000n, 100_000_000n)).toBe(0n);
  });

  it('starts the top-up deadline only when a debit leaves the balance below the requirement, and meets it when a credit reaches it', () => {
    const req = 100n;
    expect(requirementEffect('garnishment', 99n, req)).toBe('start');
    expect(requirementEffect('release', 0n, req)).toBe('start');
    expect(requirementEffect('garnishment', 100n, req)).toBe('none');
    expect(requirementEffect('deposit', 99n, req)).toBe('none');
    expect(requirementEffect('deposit', 100n, req)).toBe('meet');
    expect(requirementEffect('top-up', 150n, req)).toBe('meet');
  });
});

describe('escrow ledger property', () => {
  const operation = fc.record({ kind: fc.constantFrom<EscrowEntryKind>(...ESCROW_ENTRY_KINDS), amountMinor: fc.bigInt({ min: 1n, max: 10n ** 12n }) });

  it('for any sequence of operations, the accepted ones sum to the derived balance, which is never negative', () => {
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 200 }), (ops) => {
        let balance = 0n;
        const accepted: typeof ops = [];
        for (const op of ops) {
          const d = applyEntry(balance, op.kind, op.amountMinor);
          if (d.accepted) {
            accepted.push(op);
            balance = d.balanceAfter;
          } else {
            // A refusal changes nothing and names exactly what was asked against what there is.
            expect(d.balance).toBe(balance);
            expect(d.asked).toBe(op.amountMinor);
            expect(balance - op.amountMinor).toBeLessThan(0n);
          }
          expect(balance).toBeGreaterThanOrEqual(0n);
        }
        expect(balanceOf(accepted)).toBe(balance);
      }),
      { numRuns: 500 },
    );
  });
});
