/**
 * Agencies with licences in the states the agency pages show, made for one test file:
 *
 *   1. the demo seed (added once per run by the global set-up, as `npm start` adds it) gives the
 *      ministry's accounts;
 *   2. the agencies themselves are registry rows: the API has no route that registers an agency
 *      yet (the agency portal's registration comes later), so they are inserted here, in the
 *      test, with a name of this run's own (never by the web app);
 *   3. everything else goes through the API, as the ministry would do it: an admin creates a
 *      supervisor and an agency admin, the supervisor issues the licences, suspends one until a
 *      date and revokes another with its ground; the agency admin opens two branches, closes one.
 */
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { ApiClient, createApiClient } from '@app/api-client';
import { stack } from './stack';

const DEMO_PASSWORD = 'demo-pass-2026!';
const PASSWORD = 'correct horse battery staple';

export interface FixtureLicense {
  legalName: string;
  number: string;
}

export interface AgencyFixtures {
  /** A word of this run's own in every name: searching for it finds the four agencies below. */
  word: string;
  active: FixtureLicense & { branches: { open: string; closed: string } };
  suspended: FixtureLicense & { until: string };
  revoked: FixtureLicense & { ground: string };
  /** An agency on the register that never had a licence. */
  unlicensedName: string;
}

/**
 * The demo data, as `npm start` adds it (the ministry's accounts): the global set-up adds it once
 * per run, beside starting the processes (global-setup.ts); a file that needs it says so here,
 * and fails at once if the set-up did not.
 */
export function seedDemoData(): Promise<void> {
  if (!stack().demoSeeded) return Promise.reject(new Error('the browser set-up did not add the demo data (stack.json: demoSeeded)'));
  return Promise.resolve();
}

/** A client of the API as the given account (signed in through POST /auth/login). */
export async function signedInApi(email: string, password: string): Promise<ApiClient> {
  const apiUrl = stack().apiUrl;
  const { data, response } = await createApiClient({ baseUrl: apiUrl }).POST('/auth/login', { body: { email, password } });
  if (!data) throw new Error(`sign-in as ${email} answered ${response.status}`);
  return createApiClient({ baseUrl: apiUrl, accessToken: () => data.accessToken });
}

/** Fails with what the API said when it did not answer as expected. */
function ok<T>(what: string, result: { data?: T; error?: unknown; response: Response }): T {
  if (result.data === undefined) throw new Error(`${what} answered ${result.response.status}: ${JSON.stringify(result.error)}`);
  return result.data;
}

async function insertAgencies(names: string[]): Promise<string[]> {
  const db = new Client({ connectionString: stack().databaseUrl });
  await db.connect();
  try {
    const ids: string[] = [];
    for (const name of names) {
      const { rows } = await db.query<{ id: string }>('INSERT INTO agency (legal_name, registration_number) VALUES ($1, $2) RETURNING id', [
        name,
        `TEST-${randomBytes(6).toString('hex')}`,
      ]);
      ids.push(rows[0].id);
    }
    return ids;
  } finally {
    await db.end();
  }
}

/** Letters only (the name search matches words), capitalised: "Qzvkex". */
function randomWord(): string {
  const letters = 'bcdfghjklmnpqrstvwxz';
  const word = [...randomBytes(7)].map((b) => letters[b % letters.length]).join('');
  return word[0].toUpperCase() + word.slice(1);
}

export async function createAgencyFixtures(): Promise<AgencyFixtures> {
  await seedDemoData();
  const word = randomWord();
  const names = [
    `Tala ${word} Manpower Services Inc.`,
    `Bituin ${word} Overseas Staffing Corp.`,
    `Dagat ${word} Recruitment Agency`,
    `Ulap ${word} Placement Co.`,
  ];
  const [activeId, suspendedId, revokedId] = await insertAgencies(names);

  const admin = await signedInApi('admin@demo.lcs', DEMO_PASSWORD);
  const supervisorEmail = `supervisor.${word.toLowerCase()}@test.lcs`;
  const agencyAdminEmail = `admin.${word.toLowerCase()}@test.lcs`;
  ok(
    'create a supervisor',
    await admin.POST('/admin/users', { body: { email: supervisorEmail, password: PASSWORD, displayName: 'Test Supervisor', roles: ['supervisor'] } }),
  );
  ok(
    'create an agency admin',
    await admin.POST('/admin/users', {
      body: { email: agencyAdminEmail, password: PASSWORD, displayName: 'Test Agency Admin', roles: ['agency_admin'], agencyId: activeId },
    }),
  );

  const supervisor = await signedInApi(supervisorEmail, PASSWORD);
  const issue = async (agencyId: string, type: 'regular' | 'provisional') =>
    ok('issue a licence', await supervisor.POST('/licensing/licenses', { body: { agencyId, type } }));
  const active = await issue(activeId, 'regular');
  const suspended = await issue(suspendedId, 'provisional');
  const revoked = await issue(revokedId, 'regular');

  // Suspended until noon UTC 45 days from now: the same day wherever the page shows it.
  const untilDate = new Date(Date.now() + 45 * 86_400_000);
  untilDate.setUTCHours(12, 0, 0, 0);
  const until = untilDate.toISOString();
  ok(
    'suspend',
    await supervisor.POST('/licensing/licenses/{id}/suspend', {
      params: { path: { id: suspended.id } },
      body: { version: suspended.version, reason: 'Fees above the cap found at inspection', until },
    }),
  );
  const ground = 'Kept the passports of three workers';
  ok(
    'revoke',
    await supervisor.POST('/licensing/licenses/{id}/revoke', { params: { path: { id: revoked.id } }, body: { version: revoked.version, reason: ground } }),
  );

  const agencyAdmin = await signedInApi(agencyAdminEmail, PASSWORD);
  const open = '3 Session Road, Baguio City';
  const closed = '12 J.P. Laurel Avenue, Davao City';
  const opened = ok('open a branch', await agencyAdmin.POST('/agency/branches', { body: { name: 'Baguio branch', address: open } }));
  const toClose = ok('open a branch', await agencyAdmin.POST('/agency/branches', { body: { name: 'Davao branch', address: closed } }));
  // Branches are public once the ministry approves them.
  for (const b of [opened, toClose])
    ok('approve a branch', await supervisor.POST('/licensing/branches/{id}/approve', { params: { path: { id: b.id } }, body: {} }));
  ok('close a branch', await agencyAdmin.POST('/agency/branches/{id}/close', { params: { path: { id: toClose.id } } }));

  return {
    word,
    active: { legalName: names[0], number: active.number, branches: { open, closed } },
    suspended: { legalName: names[1], number: suspended.number, until },
    revoked: { legalName: names[2], number: revoked.number, ground },
    unlicensedName: names[3],
  };
}
