import { parseLocalDate } from '@app/common';
import { rateInForce } from './exchange-rates.service';

const day = (d: string) => parseLocalDate(d)!;
const rates = [
  { day: day('2026-01-01'), rate: '0.0335' },
  { day: day('2026-02-01'), rate: '0.0340' },
  { day: day('2026-03-01'), rate: '0.0338' },
];

describe('the exchange rate in force on a day', () => {
  it('is the rate published that day', () => expect(rateInForce(rates, day('2026-02-01'), 31)).toBe('0.0340'));
  it('is the latest rate before it, not a later one', () => expect(rateInForce(rates, day('2026-02-28'), 31)).toBe('0.0340'));
  it('holds for exactly the maximum age, not a day more', () => {
    expect(rateInForce(rates, day('2026-03-01') + 31, 31)).toBe('0.0338');
    expect(rateInForce(rates, day('2026-03-01') + 32, 31)).toBeUndefined();
  });
  it('does not exist before the first rate (never a later rate, never a guess)', () => expect(rateInForce(rates, day('2025-12-31'), 31)).toBeUndefined());
  it('does not exist for an invalid day or an empty pair', () => {
    expect(rateInForce(rates, null, 31)).toBeUndefined();
    expect(rateInForce([], day('2026-02-01'), 31)).toBeUndefined();
  });
});
