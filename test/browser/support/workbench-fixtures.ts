/**
 * Set-up for the workbench's browser tests (licensing, welfare, admin under /staff): staff signing
 * in through the sign-in page straight to a workbench page, and records made through the API as
 * the agency or the officer would make them.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import type { Page } from 'playwright-core';
import { ApiClient, ApiSchemas, createApiClient } from '@app/api-client';
import { submit } from './account-fixtures';
import { seedDemoData } from './agencies-fixtures';
import { stack } from './stack';
import { DEMO_PASSWORD } from './tracking-fixtures';

export const PASSWORD = 'correct horse battery staple';
const PDF = readFileSync(join(__dirname, '..', 'fixtures', 'complaints', 'contract.pdf'));

/** Fails with what the API said when it did not answer as expected. */
export function ok<T>(what: string, r: { data?: T; error?: unknown; response: Response }): T {
  if (r.data === undefined) throw new Error(`${what} answered ${r.response.status}: ${JSON.stringify(r.error)}`);
  return r.data;
}

/** Signs in through the sign-in page and lands on `path` (the sign-in's `returnTo`). */
export async function signInTo(page: Page, email: string, path: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(`/sign-in?returnTo=${encodeURIComponent(path)}`);
  await page.fill('#email', email);
  await page.fill('#password', password);
  await submit(page, '/sign-in');
  const at = new URL(page.url());
  if (at.pathname + at.search !== path) throw new Error(`signing in as ${email} ended at ${page.url()}`);
}

/**
 * The global fetch, sending a request once more when the API closed the kept-alive connection it
 * went out on: the server's idle timeout racing the next request on a loaded machine. It shows as
 * `fetch failed` with cause `UND_ERR_SOCKET` ("other side closed") or, when the close lands as the
 * request is written, `ECONNRESET` (each seen once in CI; these fixtures only set data up).
 */
const CLOSED_UNDER_US = new Set(['UND_ERR_SOCKET', 'ECONNRESET']);
const apiFetch = (async (input: Request, init?: RequestInit) => {
  const spare = input.clone();
  try {
    return await fetch(input, init);
  } catch (e) {
    if (CLOSED_UNDER_US.has((e as { cause?: { code?: string } }).cause?.code ?? '')) return fetch(spare, init);
    throw e;
  }
}) as typeof fetch;

/** A client of the API as the given account (signed in through POST /auth/login). */
export async function signedInApi(email: string, password: string): Promise<ApiClient> {
  const baseUrl = stack().apiUrl;
  const { data, response } = await createApiClient({ baseUrl, fetch: apiFetch }).POST('/auth/login', { body: { email, password } });
  if (!data) throw new Error(`sign-in as ${email} answered ${response.status}`);
  return createApiClient({ baseUrl, fetch: apiFetch, accessToken: () => data.accessToken });
}

/** The demo accounts, as clients of the API. */
export async function demoClients(): Promise<{ admin: ApiClient; supervisor: ApiClient; inspector: ApiClient; welfare: ApiClient; agency: ApiClient }> {
  await seedDemoData();
  const [admin, supervisor, inspector, welfare, agency] = await Promise.all(
    ['admin@demo.lcs', 'supervisor@demo.lcs', 'inspector@demo.lcs', 'welfare@demo.lcs', 'admin@bayanihan.demo.lcs'].map((e) => signedInApi(e, DEMO_PASSWORD)),
  );
  return { admin, supervisor, inspector, welfare, agency };
}

/**
 * A new agency with a submitted application for a new license, ready for review: the agency is a
 * registry row (no API registers agencies yet, as in agencies-fixtures.ts), its admin made by the
 * ministry's admin; its escrow opened by a supervisor and funded by an inspector to the
 * requirement; the application's documents uploaded and the application submitted by the agency.
 */
export async function submittedApplication(c: {
  admin: ApiClient;
  supervisor: ApiClient;
  inspector: ApiClient;
}): Promise<{ id: string; agencyId: string; legalName: string }> {
  const word = [...randomBytes(6)].map((b) => 'bcdfghjklmnpqrstvwxz'[b % 20]).join('');
  const legalName = `Sampaguita ${word[0].toUpperCase()}${word.slice(1)} Manpower Inc.`;
  const db = new Client({ connectionString: stack().databaseUrl });
  await db.connect();
  let agencyId: string;
  try {
    agencyId = (
      await db.query<{ id: string }>('INSERT INTO agency (legal_name, registration_number) VALUES ($1, $2) RETURNING id', [
        legalName,
        `TEST-${randomBytes(6).toString('hex')}`,
      ])
    ).rows[0].id;
  } finally {
    await db.end();
  }
  const email = `admin.${word}@test.lcs`;
  ok(
    'create the agency admin',
    await c.admin.POST('/admin/users', { body: { email, password: PASSWORD, displayName: 'Agency Admin', roles: ['agency_admin'], agencyId } }),
  );
  const agency = await signedInApi(email, PASSWORD);
  const opened = ok(
    'open the escrow',
    await c.supervisor.POST('/licensing/agencies/{agencyId}/escrow/account', { params: { path: { agencyId } }, body: { licenseType: 'provisional' } }),
  );
  ok(
    'fund the escrow',
    await c.inspector.POST('/licensing/agencies/{agencyId}/escrow/entries', {
      params: { path: { agencyId }, header: { 'Idempotency-Key': randomUUID() } },
      body: { kind: 'deposit', amountMinor: opened.requiredMinor, currency: opened.currency, reference: 'BDO-DEP-1' },
    }),
  );
  const created = ok('create the application', await agency.POST('/agency/applications', { body: { type: 'new' } }));
  for (const kind of created.missingDocuments) {
    const form = new FormData();
    form.append('kind', kind);
    form.append('file', new Blob([new Uint8Array(PDF)], { type: 'application/pdf' }), `${kind}.pdf`);
    ok(
      `upload ${kind}`,
      await agency.POST('/agency/applications/{id}/documents', {
        params: { path: { id: created.id } },
        body: form as unknown as ApiSchemas['UploadApplicationDocumentBody'],
      }),
    );
  }
  const current = ok('read the application', await agency.GET('/agency/applications/{id}', { params: { path: { id: created.id } } }));
  ok('submit', await agency.POST('/agency/applications/{id}/submit', { params: { path: { id: created.id } }, body: { version: current.version } }));
  return { id: created.id, agencyId, legalName };
}

/** A worker who is a member of the fund (a placement by the demo agency and its contribution), through the API. */
export async function memberPassport(agency: ApiClient): Promise<string> {
  const passport = `P${Math.floor(1_000_000 + Math.random() * 8_999_999)}B`;
  const day = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
  const placement = ok(
    'record a placement',
    await agency.POST('/placements', {
      body: {
        workerName: 'Maria Santos',
        workerPassportNumber: passport,
        employerName: 'Kowloon Logistics Ltd.',
        destinationCountry: 'HK',
        occupationCategory: 'general',
        monthlySalaryMinor: '1200000',
        salaryCurrency: 'HKD',
        recruitedOn: day(60),
        contractStart: day(20),
        contractMonths: 24,
        fees: [{ item: 'placement-fee', amountMinor: '6000000', currency: 'PHP', date: day(45), receiptNumber: 'BMS-TEST-2' }],
      },
    }),
  );
  ok(
    'record the contribution',
    await agency.POST('/welfare/contributions', { body: { placementId: placement.id, paidOn: day(10), receiptNumber: `OWWA-${randomUUID().slice(0, 8)}` } }),
  );
  return passport;
}

/** A medical claim filed by a welfare officer at the counter for a member, through the API. */
export async function filedClaim(
  officer: ApiClient,
  passport: string,
  facts = 'Treated in hospital for a back injury at work.',
): Promise<ApiSchemas['ClaimView']> {
  const incident = new Date(Date.now() - 5 * 86_400_000).toISOString().slice(0, 10);
  return ok(
    'file a claim',
    await officer.POST('/welfare/claims', {
      body: {
        claimType: 'medical',
        workerPassportNumber: passport,
        workerName: 'Maria Santos',
        incidentDate: incident,
        facts,
        claimedMinor: '50000',
        currency: 'PHP',
        payout: 'BDO 0012-3456-78',
        language: 'en',
      },
    }),
  );
}
