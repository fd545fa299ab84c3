import { EVENT_BACKOFF_BASE_MS, EVENT_BACKOFF_CAP_MS } from '../events.constants';
import { eventBackoffMs } from './backoff';
import { describeHandlerError } from './failure';

describe('event retry back-off', () => {
  it('doubles from the base with each failed attempt', () => {
    expect([1, 2, 3, 4].map((a) => eventBackoffMs(a))).toEqual([
      EVENT_BACKOFF_BASE_MS,
      2 * EVENT_BACKOFF_BASE_MS,
      4 * EVENT_BACKOFF_BASE_MS,
      8 * EVENT_BACKOFF_BASE_MS,
    ]);
  });

  it('never exceeds the cap, however many attempts', () => {
    expect(eventBackoffMs(20)).toBe(EVENT_BACKOFF_CAP_MS);
    expect(eventBackoffMs(10_000)).toBe(EVENT_BACKOFF_CAP_MS);
    expect(eventBackoffMs(3, 1_000, 2_500)).toBe(2_500);
  });
});

describe('describeHandlerError', () => {
  it('keeps the name and message on one short line, without credentials', () => {
    const e = new TypeError(`cannot reach postgres://app:hunter2@db.internal/cases\n${'x'.repeat(2_000)}`);
    const text = describeHandlerError(e);
    expect(text.startsWith('TypeError: cannot reach postgres://[redacted]@db.internal/cases x')).toBe(true);
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('\n');
    expect(text.length).toBeLessThanOrEqual(500);
  });

  it('describes something thrown that is not an Error', () => {
    expect(describeHandlerError('boom')).toBe('Error: boom');
    expect(describeHandlerError({ code: 1 })).toBe('Error: non-Error thrown');
  });
});
