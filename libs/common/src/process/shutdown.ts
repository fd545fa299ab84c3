/**
 * Graceful shutdown with a bound. On SIGTERM or SIGINT the application is closed (Nest runs
 * every module's destroy and shutdown hooks: HTTP stops accepting, workers finish their job,
 * connections close), then the process exits 0. If closing takes longer than `timeoutMs`, it
 * exits 1 anyway, so a stuck connection cannot keep a stopping process alive.
 */
export function closeOnSignals(app: { close(): Promise<void> }, timeoutMs: number, log: (msg: string) => void): void {
  let closing = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    log(`${signal} received; shutting down (at most ${timeoutMs} ms)`);
    setTimeout(() => {
      log(`shutdown took longer than ${timeoutMs} ms; exiting anyway`);
      process.exit(1);
    }, timeoutMs).unref();
    app.close().then(
      () => process.exit(0),
      (e: unknown) => {
        log(`shutdown failed: ${e instanceof Error ? e.message : String(e)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
