// Graceful shutdown is libs/shutdown's (the web process, which may not import this library, uses it too).
export { closeOnSignals } from '@app/shutdown';
export type { ShutdownSteps } from '@app/shutdown';
