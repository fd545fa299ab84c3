export interface ShutdownSteps {
  /**
   * Runs first, before the application is closed: e.g. the API stops taking new requests and
   * waits for those in flight. Given the time (epoch ms) by which the process must be gone.
   */
  beforeClose?: (deadlineMs: number) => Promise<void>;
}

/**
 * Graceful shutdown with a bound. On SIGTERM or SIGINT, `beforeClose` runs, then the application
 * is closed (Nest runs every module's destroy and shutdown hooks: HTTP stops accepting, workers
 * finish their job, connections close), then the process exits 0. If all that takes longer than
 * `timeoutMs`, it exits 1 anyway, so a stuck connection cannot keep a stopping process alive.
 */
export function closeOnSignals(app: { close(): Promise<void> }, timeoutMs: number, log: (msg: string) => void, steps: ShutdownSteps = {}): void {
  let closing = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    const deadline = Date.now() + timeoutMs;
    log(`${signal} received; shutting down (at most ${timeoutMs} ms)`);
    setTimeout(() => {
      log(`shutdown took longer than ${timeoutMs} ms; exiting anyway`);
      process.exit(1);
    }, timeoutMs).unref();
    (async () => {
      if (steps.beforeClose) await steps.beforeClose(deadline);
      await app.close();
    })().then(
      () => {
        log(`shut down in ${timeoutMs - (deadline - Date.now())} ms`);
        process.exit(0);
      },
      (e: unknown) => {
        log(`shutdown failed: ${e instanceof Error ? e.message : String(e)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
