/**
 * The running system the browser tests drive: the real api, worker and web as separate
 * processes (started by global-setup.ts), on free ports, against a fresh database and a Redis
 * prefix of this run's own.
 */
import { readFileSync } from 'node:fs';

export const STACK_FILE_ENV = 'LCS_BROWSER_STACK_FILE';

export interface BrowserStack {
  /** Where the web app answers, e.g. http://127.0.0.1:41233 */
  webUrl: string;
  apiUrl: string;
  databaseUrl: string;
  redisUrl: string;
  redisPrefix: string;
  /** The web's session secret (tests that build their own session set-up use the same store). */
  sessionSecret: string;
  /** The demo data (the ministry's accounts, as `npm start` adds them) was added by the set-up. */
  demoSeeded: boolean;
}

let cached: BrowserStack | undefined;

/** The stack of this run (written by the global set-up, read by every test file). */
export function stack(): BrowserStack {
  if (cached) return cached;
  const file = process.env[STACK_FILE_ENV];
  if (!file) throw new Error('the browser global set-up did not run (no stack file); run with `jest --selectProjects browser`');
  cached = JSON.parse(readFileSync(file, 'utf8')) as BrowserStack;
  return cached;
}
