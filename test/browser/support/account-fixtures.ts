/**
 * Accounts for the account pages' browser tests: the links the API mails (verification, password
 * reset, invitation) read back from the outbox, where they are sealed (opened with the keys the
 * stack runs with, the development ones), as a person would find them in their mail.
 */
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { Page, Response } from 'playwright-core';
import { DEV_ONLY_FIELD_ENCRYPTION_KEYS, DEV_ONLY_FIELD_INDEX_KEY, FieldEncryption } from '@app/common';
import { dedupDigest, openBody, secretLinkAad } from '@app/notifications';
import type { Locale } from '@app/i18n';
import { stack } from './stack';

export const fieldKeys = () =>
  FieldEncryption.fromSettings({ NODE_ENV: 'test', FIELD_ENCRYPTION_KEYS: DEV_ONLY_FIELD_ENCRYPTION_KEYS, FIELD_INDEX_KEY: DEV_ONLY_FIELD_INDEX_KEY });

/** A fresh address for a test of its own (the API limits sign-ins per account). */
export const newEmail = (what: string) => `${what}-${randomBytes(5).toString('hex')}@workers.test`;

const LINKS = {
  verify: { purpose: 'verify-email', template: 'account.verify-email', field: 'verifyUrl' },
  reset: { purpose: 'reset-password', template: 'account.password-reset', field: 'resetUrl' },
  invitation: { purpose: 'staff-invitation', template: 'account.staff-invitation', field: 'acceptUrl' },
} as const;

export async function withDb<T>(work: (db: Client) => Promise<T>): Promise<T> {
  const db = new Client({ connectionString: stack().databaseUrl });
  await db.connect();
  try {
    return await work(db);
  } finally {
    await db.end();
  }
}

/** The newest link of this kind mailed to `email`: its full URL (the web's page with `?token=`). */
export async function mailedLink(kind: keyof typeof LINKS, email: string): Promise<string> {
  const { purpose, template, field } = LINKS[kind];
  const keys = fieldKeys();
  return withDb(async (db) => {
    const { rows: links } = await db.query<{ id: string }>(
      `SELECT l.id FROM account_link l LEFT JOIN app_user u ON u.id = l.user_id
        WHERE l.purpose = $1 AND (l.email = $2 OR u.email = $2) ORDER BY l.created_at DESC LIMIT 1`,
      [purpose, email.toLowerCase()],
    );
    if (!links.length) throw new Error(`no ${purpose} link for ${email}`);
    const { rows } = await db.query(`SELECT id, recipient_enc, recipient, data_enc, data FROM notification_outbox WHERE dedup_key = $1`, [
      dedupDigest(keys, `${template}:${links[0].id}`),
    ]);
    if (!rows.length) throw new Error(`no ${template} mail for ${email}`);
    const data = openBody(keys, rows[0]).data as Record<string, { sealed: string }>;
    return keys.decrypt(data[field].sealed, secretLinkAad(template, field));
  });
}

/** The page's heading and an element's text, spaces collapsed. */
export const h1 = async (page: Page) => (await page.textContent('h1'))?.replace(/\s+/g, ' ').trim();
export const text = async (page: Page, selector: string) => (await page.textContent(selector))?.replace(/\s+/g, ' ').trim() ?? '';

/** Sends the form of the page's main part posting to `action` and waits for the page it leads to. */
export async function submit(page: Page, action: string): Promise<Response | null> {
  const [response] = await Promise.all([page.waitForNavigation(), page.click(`main form[action="${action}"] button[type="submit"]`)]);
  return response;
}

export const WORKER_PASSWORD = 'correct horse battery staple';

const postJson = (path: string, body: object, bearer?: string) =>
  fetch(`${stack().apiUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
    body: JSON.stringify(body),
  });

/**
 * A worker account made as a person makes one (registration, then the mailed link opened with the
 * same password), through the API. Answers its email and an access token.
 */
export async function createWorker(what: string, language: Locale = 'en', displayName = 'Maria Santos'): Promise<{ email: string; accessToken: string }> {
  const email = newEmail(what);
  const registered = await postJson('/auth/register', { email, password: WORKER_PASSWORD, displayName, preferredLanguage: language });
  if (registered.status !== 202) throw new Error(`register answered ${registered.status}`);
  const link = await mailedLink('verify', email);
  const verified = await postJson('/auth/verify-email', { token: new URL(link).searchParams.get('token'), password: WORKER_PASSWORD });
  if (verified.status !== 200) throw new Error(`verify answered ${verified.status}`);
  const { accessToken } = (await verified.json()) as { accessToken: string };
  return { email, accessToken };
}

/** Signs in through the sign-in page (the browser's session then holds the API tokens). */
export async function signInThroughPage(page: Page, email: string, password = WORKER_PASSWORD, lang: Locale = 'en'): Promise<void> {
  await page.goto(`${'/sign-in'}?lang=${lang}`);
  await page.fill('#email', email);
  await page.fill('#password', password);
  await submit(page, '/sign-in');
  if (new URL(page.url()).pathname !== '/account') throw new Error(`signing in as ${email} ended at ${page.url()}`);
}

/** A complaint filed from a worker's account through the API (the case is linked to it). */
export async function fileFromAccount(accessToken: string, language: Locale): Promise<{ id: string; reference: string }> {
  const res = await postJson(
    '/me/complaints',
    {
      recruiterDescription: 'A man at the bus station who said he recruits for Riyadh',
      destinationCountry: 'SA',
      complainantName: 'Maria Santos',
      allegations: [
        { category: 'excess-fees', facts: 'He took PHP 50,000 from me for the placement.', occurredOn: '2026-01-15', amountMinor: '5000000', currency: 'PHP' },
        { category: 'retained-documents', facts: 'He kept my passport.' },
      ],
      language,
    },
    accessToken,
  );
  if (res.status !== 201) throw new Error(`POST /me/complaints answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as { id: string; reference: string };
}

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

/**
 * A placement the demo agency records (through the API, as its admin), overcharged as the demo's
 * own is: a placement fee of PHP 60,000 for a job in Hong Kong paying HKD 12,000, whose cap is a
 * tenth of a month's wages. With `workerEmail`, the placement is that worker's.
 */
export async function overchargedPlacement(
  agency: import('@app/api-client').ApiClient,
  workerEmail: string | null,
): Promise<{ id: string; reference: string; refundReference: string }> {
  const { data, response, error } = await agency.POST('/placements', {
    body: {
      workerName: 'Maria Santos',
      workerPassportNumber: `P${Math.floor(1_000_000 + Math.random() * 8_999_999)}A`,
      workerEmail: workerEmail ?? undefined,
      employerName: 'Kowloon Logistics Ltd.',
      destinationCountry: 'HK',
      occupationCategory: 'general',
      monthlySalaryMinor: '1200000',
      salaryCurrency: 'HKD',
      recruitedOn: daysAgo(60),
      contractStart: daysAgo(20),
      contractMonths: 24,
      fees: [{ item: 'placement-fee', amountMinor: '6000000', currency: 'PHP', date: daysAgo(45), receiptNumber: 'BMS-TEST-1' }],
    },
  });
  if (!data) throw new Error(`POST /placements answered ${response.status}: ${JSON.stringify(error)}`);
  if (!data.refundOrders.length) throw new Error('the placement was not found overcharged');
  return { id: data.id, reference: data.reference, refundReference: data.refundOrders[0].reference };
}
