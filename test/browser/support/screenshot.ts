/**
 * Full-page screenshots, to look at: .data/screenshots/<name>.png by default (LCS_SCREENSHOT_DIR
 * elsewhere, e.g. docs/screenshots to refresh the README's pictures).
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { ROOT } from './processes';

export const SCREENSHOT_DIR = resolve(ROOT, process.env.LCS_SCREENSHOT_DIR || join('.data', 'screenshots'));

/** Saves the whole page as <dir>/<name>.png; returns the file. */
export async function screenshot(page: Page, name: string): Promise<string> {
  if (!/^[a-z0-9][a-z0-9._-]*$/i.test(name)) throw new Error(`screenshot name "${name}": letters, digits, . _ - only`);
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
  return file;
}
