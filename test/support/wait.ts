/** Polls `fn` until it returns something truthy, and returns that; fails naming `what` after `timeoutMs`. */
export async function waitFor<T>(what: string, fn: () => Promise<T | undefined | null | false>, timeoutMs = 15_000, everyMs = 50): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Settings for tests that drive the deadline scheduler and sweep themselves (no timers). */
export const DEADLINES_DRIVEN_BY_TEST = { DEADLINE_SCHEDULER_INTERVAL_MS: '0', DEADLINE_SWEEP_INTERVAL_SECONDS: '0', DEADLINE_SWEEP_GRACE_SECONDS: '30' };
