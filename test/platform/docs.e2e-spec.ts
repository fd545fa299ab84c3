import { TestApp, createTestApp } from '../support/test-app';

describe('OpenAPI', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('serves the interactive docs at /docs', async () => {
    const res = await t.http.get('/docs').redirects(1);
    expect(res.status).toBe(200);
    expect(res.text).toContain('swagger-ui');
  });

  it('serves the OpenAPI document at /docs-json, describing the routes', async () => {
    const res = await t.http.get('/docs-json').expect(200);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/health/live', '/health/ready']));
  });
});

describe('OpenAPI switched off (API_DOCS_ENABLED=false, the default in production)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { API_DOCS_ENABLED: 'false' } });
  });
  afterAll(() => t.close());

  it('serves neither /docs nor /docs-json', async () => {
    for (const path of ['/docs', '/docs/', '/docs-json', '/docs/swagger-ui.css']) {
      const res = await t.http.get(path);
      expect([path, res.status]).toEqual([path, 404]);
      expect(res.body.code).toBe('not-found');
    }
    await t.http.get('/health/live').expect(200);
  });
});
