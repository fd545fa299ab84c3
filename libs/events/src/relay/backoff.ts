import { EVENT_BACKOFF_BASE_MS, EVENT_BACKOFF_CAP_MS } from '../events.constants';

/**
 * Delay before the next attempt after `attempts` failed ones: EVENT_BACKOFF_BASE_MS, doubling with
 * each failure, never more than EVENT_BACKOFF_CAP_MS (5 s, 10 s, 20 s, ... 1 h).
 */
export function eventBackoffMs(attempts: number, baseMs: number = EVENT_BACKOFF_BASE_MS, capMs: number = EVENT_BACKOFF_CAP_MS): number {
  const exponent = Math.max(0, attempts - 1);
  // 2^40 * 1 ms is far past any cap: stop doubling before the number gets silly.
  return exponent > 40 ? capMs : Math.min(capMs, baseMs * 2 ** exponent);
}
