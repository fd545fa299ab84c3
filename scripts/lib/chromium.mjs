/**
 * Debian's Chromium for the browser tests (playwright-core drives it; no browser download).
 * Like Postgres and Redis in services.mjs: used when present, installed with apt-get when
 * missing and we run as root, otherwise a message with the command to run.
 *
 * With it, Debian's Noto fonts (`fonts-noto-core`): the pages name Noto Sans Devanagari for
 * Nepali through local() (as phones have it), and a machine without it would show boxes in every
 * Nepali screenshot. Missing fonts are installed the same way; without root they are only reported.
 *
 * LCS_CHROMIUM_PATH points elsewhere (default /usr/bin/chromium).
 */
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { which } from './services.mjs';

export const CHROMIUM_PATH = process.env.LCS_CHROMIUM_PATH || '/usr/bin/chromium';
const DEVANAGARI_FONT = '/usr/share/fonts/truetype/noto/NotoSansDevanagari-Regular.ttf';
const FONT_PACKAGE = 'fonts-noto-core';

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

const exists = (file) => {
  try {
    accessSync(file, constants.R_OK);
    return true;
  } catch {
    return false;
  }
};

/** Resolves the path of a usable Chromium; rejects with a message meant for the user. */
export async function ensureChromium({ log = console.log, env = process.env } = {}) {
  const needBrowser = !executable(CHROMIUM_PATH);
  const needFonts = !exists(DEVANAGARI_FONT);
  if (!needBrowser && !needFonts) return CHROMIUM_PATH;
  const canInstall = process.getuid?.() === 0 && Boolean(which('apt-get', env));
  const instructions = `Chromium is not at ${CHROMIUM_PATH}. Install Debian's package (sudo apt-get install -y chromium ${FONT_PACKAGE}), or set LCS_CHROMIUM_PATH.`;
  if (!canInstall) {
    if (needBrowser) throw new Error(instructions);
    log(`chromium: ${DEVANAGARI_FONT} is missing, so Nepali text shows as boxes in screenshots (sudo apt-get install -y ${FONT_PACKAGE})`);
    return CHROMIUM_PATH;
  }
  const packages = [...(needBrowser ? ['chromium'] : []), ...(needFonts ? [FONT_PACKAGE] : [])];
  log(`chromium: installing ${packages.join(' and ')}: apt-get update && apt-get install -y ${packages.join(' ')}`);
  const aptEnv = { ...env, DEBIAN_FRONTEND: 'noninteractive' };
  if ((await run('apt-get', ['update'], aptEnv)) !== 0) throw new Error(`apt-get update failed.\n${instructions}`);
  if ((await run('apt-get', ['install', '-y', ...packages], aptEnv)) !== 0) {
    if (needBrowser) throw new Error(`apt-get install -y ${packages.join(' ')} failed.\n${instructions}`);
    log(`chromium: apt-get install -y ${FONT_PACKAGE} failed; Nepali text shows as boxes in screenshots`);
  }
  if (!executable(CHROMIUM_PATH)) throw new Error(`chromium was installed, but ${CHROMIUM_PATH} is still missing.\n${instructions}`);
  return CHROMIUM_PATH;
}
