/**
 * `npm run bench -- mail-relay ...`: runs bench/mail-relay.ts (TypeScript: it enqueues with the
 * app's own code) under ts-node and passes its exit status on. See that file and
 * docs/benchmarks.md ("mail-relay").
 */
import { spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));

export class UsageError extends Error {}

/** Resolves when the bench passed; rejects with its exit status otherwise (2: usage). */
export function runMailRelayBench(argv) {
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', join(BENCH_DIR, 'mail-relay.ts'), ...argv], {
    cwd: resolve(BENCH_DIR, '..'),
    stdio: 'inherit',
  });
  return new Promise((ok, fail) => {
    child.once('exit', (code, signal) => {
      if (code === 0) return ok();
      if (code === 2) return fail(new UsageError('mail-relay: see the usage above'));
      process.exitCode = code ?? 1;
      fail(new Error(`mail-relay: ${signal ? `killed by ${signal}` : `exit status ${code}`}`));
    });
  });
}
