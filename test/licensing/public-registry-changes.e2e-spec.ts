/**
 * Public answers kept by the API are dropped when the registry changes, whoever changes it
 * (issue 23): a change written by another process (here, straight through the database, as the
 * worker or another API instance would) shows at once, though answers may be kept ten minutes;
 * the same after the listening connection is lost, and the process listens again by itself.
 */
import { createAgency, createUser } from '../support/identity';
import { TestApp, createTestApp } from '../support/test-app';
import { waitFor } from '../support/wait';

const LISTENER = 'labour-case-system public-registry listener';

describe('public answers follow registry changes made by any process', () => {
  let t: TestApp;
  let agencyId: string;
  let number: string;

  beforeAll(async () => {
    t = await createTestApp({ env: { LICENSING_PUBLIC_CACHE_SECONDS: '600' } });
    const supervisor = await createUser(t, { roles: ['supervisor'] });
    agencyId = (await createAgency(t, { legalName: 'Sampaguita Overseas Placement Inc.' })).id;
    number = (await t.http.post('/licensing/licenses').set('Authorization', supervisor.bearer).send({ agencyId, type: 'regular' }).expect(201)).body.number;
  });
  afterAll(() => t?.close());

  const legalName = async () => (await t.http.get(`/public/licenses/${number}`).expect(200)).body.legalName as string;
  /** A change no code of this process sees: SQL on the pool, as another process would write it. */
  const renameElsewhere = (name: string) => t.dataSource.query(`UPDATE agency SET legal_name = $1 WHERE id = $2`, [name, agencyId]);
  const listeners = async () =>
    Number(
      (
        (await t.dataSource.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()`, [
          LISTENER,
        ])) as { n: number }[]
      )[0].n,
    );

  it('keeps an answer, and drops it at once when another process changes the registry', async () => {
    expect(await legalName()).toBe('Sampaguita Overseas Placement Inc.');
    // Listening has begun; the next answer is kept.
    await waitFor('the listener', async () => (await listeners()) === 1, 5_000);
    expect(await legalName()).toBe('Sampaguita Overseas Placement Inc.');
    await legalName();

    await renameElsewhere('Sampaguita Global Placement Inc.');
    await waitFor('the new name', async () => (await legalName()) === 'Sampaguita Global Placement Inc.', 3_000);
  });

  it('keeps nothing while it cannot hear, and listens again by itself', async () => {
    await waitFor('the listener', async () => (await listeners()) === 1, 5_000);
    await legalName();
    await t.dataSource.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()`, [LISTENER]);
    await renameElsewhere('Sampaguita Manpower Inc.');
    await waitFor('the new name', async () => (await legalName()) === 'Sampaguita Manpower Inc.', 3_000);

    await waitFor('listening again', async () => (await legalName(), (await listeners()) === 1), 10_000);
    await legalName();
    await renameElsewhere('Sampaguita Recruitment Inc.');
    await waitFor('the new name', async () => (await legalName()) === 'Sampaguita Recruitment Inc.', 3_000);
  });
});
