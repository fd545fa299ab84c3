/**
 * What a request leaves in the log: the route and the names of its query parameters, never a
 * query value (`?access_token=`) nor a passport number in the path.
 */
import { createUser } from '../support/identity';
import { TestApp, createTestApp } from '../support/test-app';

describe('request logs carry no personal data from the URL', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('redacts the passport number of /welfare/members/:passport and every query value', async () => {
    const officer = await createUser(t, { roles: ['welfare_officer'] });
    const res = await t.http.get('/welfare/members/P7654321B?access_token=tok-5f1e9a&q=maria.santos%40example.org').set('Authorization', officer.bearer);
    expect(res.status).toBeLessThan(500);
    const lines = t.logs.withReqId(String(res.headers['x-request-id']));
    const logged = lines.find((l) => (l.req as { url?: string } | undefined)?.url);
    expect((logged?.req as { url: string }).url).toBe('/welfare/members/[redacted]?access_token=[redacted]&q=[redacted]');
    const text = JSON.stringify(t.logs.lines);
    for (const secret of ['P7654321B', 'tok-5f1e9a', 'maria.santos']) expect([secret, text.includes(secret)]).toEqual([secret, false]);
  });

  it('keeps the rest of the URL, enough to follow a request', async () => {
    const res = await t.http.get('/public/fees/vocabulary?probe=1').expect(200);
    const logged = t.logs.withReqId(String(res.headers['x-request-id'])).find((l) => (l.req as { url?: string } | undefined)?.url);
    expect((logged?.req as { url: string }).url).toBe('/public/fees/vocabulary?probe=[redacted]');
  });

  it('does not log the health probes (an orchestrator asks every few seconds)', async () => {
    const probe = await t.http.get('/health/live').expect(200);
    const ready = await t.http.get('/health/ready').expect(200);
    for (const res of [probe, ready]) expect(t.logs.withReqId(String(res.headers['x-request-id']))).toEqual([]);
  });
});
