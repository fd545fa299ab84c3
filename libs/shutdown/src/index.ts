// Graceful shutdown for every process: the signals, and the HTTP drain of the API and the web.
// No imports of ours: the web process (which may use only a few libs) uses it too.
export { closeOnSignals } from './close-on-signals';
export type { ShutdownSteps } from './close-on-signals';
export { DRAINING_RETRY_AFTER_SECONDS, Draining, drainBeforeClose } from './draining';
