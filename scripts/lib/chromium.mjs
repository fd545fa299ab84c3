/**
 * Debian's Chromium for the browser tests (playwright-core drives it; no browser download).
 * Like Postgres and Redis in services.mjs: used when present, installed with apt-get when
 * missing and we run as root, otherwise a message with the command to run.
 *
 * LCS_CHROMIUM_PATH points elsewhere (default /usr/bin/chromium).
 */
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { which } from './services.mjs';

export const CHROMIUM_PATH = process.env.LCS_CHROMIUM_PATH || '/usr/bin/chromium';

const executable = (file) => {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

function run(cmd, args, env) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { env, stdio: 'inherit' });
    child.on('error', () => resolve(-1));
    child.on('close', (code) => resolve(code ?? 1));
  });
}

/** Resolves the path of a usable Chromium; rejects with a message meant for the user. */
export async function ensureChromium({ log = console.log, env = process.env } = {}) {
  if (executable(CHROMIUM_PATH)) return CHROMIUM_PATH;
  const instructions = `Chromium is not at ${CHROMIUM_PATH}. Install Debian's package (sudo apt-get install -y chromium), or set LCS_CHROMIUM_PATH.`;
  if (process.getuid?.() !== 0 || !which('apt-get', env)) throw new Error(instructions);
  log(`chromium: not installed; running apt-get update && apt-get install -y chromium`);
  const aptEnv = { ...env, DEBIAN_FRONTEND: 'noninteractive' };
  if ((await run('apt-get', ['update'], aptEnv)) !== 0) throw new Error(`apt-get update failed.\n${instructions}`);
  if ((await run('apt-get', ['install', '-y', 'chromium'], aptEnv)) !== 0) throw new Error(`apt-get install -y chromium failed.\n${instructions}`);
  if (!executable(CHROMIUM_PATH)) throw new Error(`chromium was installed, but ${CHROMIUM_PATH} is still missing.\n${instructions}`);
  return CHROMIUM_PATH;
}
