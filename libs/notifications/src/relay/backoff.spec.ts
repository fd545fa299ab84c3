import { MAX_BACKOFF_MS } from '../notifications.constants';
import { backoffCeilingMs, backoffDelayMs } from './backoff';

describe('retry backoff (exponential, full jitter)', () => {
  it('doubles the ceiling with each failed attempt, from the base', () => {
    expect([1, 2, 3, 4].map((a) => backoffCeilingMs(a, 5_000))).toEqual([5_000, 10_000, 20_000, 40_000]);
  });

  it('draws the delay anywhere from 0 to the ceiling, inclusive', () => {
    expect(backoffDelayMs(3, 1_000, () => 0)).toBe(0);
    expect(backoffDelayMs(3, 1_000, () => 0.5)).toBe(2_000);
    expect(backoffDelayMs(3, 1_000, () => 0.999999999)).toBe(4_000);
  });

  it('never exceeds the cap, however many attempts', () => {
    expect(backoffCeilingMs(50, 5_000)).toBe(MAX_BACKOFF_MS);
    expect(backoffCeilingMs(1_000, 5_000)).toBe(MAX_BACKOFF_MS);
    expect(backoffDelayMs(1_000, 5_000, () => 0.999999999)).toBeLessThanOrEqual(MAX_BACKOFF_MS);
  });

  it('spreads delays (jitter is random)', () => {
    const delays = new Set(Array.from({ length: 50 }, () => backoffDelayMs(5, 1_000)));
    expect(delays.size).toBeGreaterThan(10);
  });
});
