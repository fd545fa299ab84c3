import { MAX_BACKOFF_MS } from '../notifications.constants';

/**
 * Delay before the next attempt after `attempts` failed ones: exponential with full jitter,
 * a random whole number of milliseconds in [0, min(cap, base * 2^(attempts-1))]. Full jitter
 * spreads the retries of many messages that failed together (an SMTP outage) instead of
 * sending them all back at the same instant.
 */
export function backoffDelayMs(attempts: number, baseMs: number, random: () => number = Math.random): number {
  const ceiling = backoffCeilingMs(attempts, baseMs);
  return Math.min(ceiling, Math.floor(random() * (ceiling + 1)));
}

/** The largest delay `backoffDelayMs` can return after `attempts` failed attempts. */
export function backoffCeilingMs(attempts: number, baseMs: number): number {
  const exponent = Math.max(0, attempts - 1);
  // 2^40 * 10 ms is far past the cap: stop doubling before the number gets silly.
  return exponent > 40 ? MAX_BACKOFF_MS : Math.min(MAX_BACKOFF_MS, baseMs * 2 ** exponent);
}
