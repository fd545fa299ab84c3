import { ContractChecker, OpenApiDocument, loadCommittedDocument } from '../support/contract';
import { TestApp, createTestApp } from '../support/test-app';

/**
 * The contract checker that every e2e test app runs (test/support/contract.ts) must be able to
 * fail: each case below is a real answer of the running API held against a document that says
 * something else.
 */
describe('the contract checker', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const liveAnswer = async () => {
    const res = await t.http.get('/health/live').expect(200);
    return { status: res.status, type: res.headers['content-type'], body: res.text };
  };
  const copy = (): OpenApiDocument => structuredClone(loadCommittedDocument());
  const schemaNameOf = (doc: OpenApiDocument, path: string, status: string): string => {
    const schema = doc.paths[path].get.responses![status].content!['application/json'].schema as { $ref: string };
    return schema.$ref.split('/').pop()!;
  };

  it('passes an answer that keeps the committed document', async () => {
    const a = await liveAnswer();
    expect(new ContractChecker().check('GET', '/health/live', a.status, a.type, a.body)).toBe('');
  });

  it('fails an answer whose body lacks a member the schema requires (a deliberately wrong schema)', async () => {
    const doc = copy();
    const name = schemaNameOf(doc, '/health/live', '200');
    const schema = doc.components.schemas[name] as { properties: Record<string, unknown>; required?: string[] };
    schema.properties.uptimeSeconds = { type: 'integer' };
    schema.required = [...(schema.required ?? []), 'uptimeSeconds'];
    const a = await liveAnswer();
    expect(new ContractChecker(doc).check('GET', '/health/live', a.status, a.type, a.body)).toMatch(/does not match the schema.*uptimeSeconds/);
  });

  it('fails a member the schema does not describe (named schemas are closed)', async () => {
    const doc = copy();
    const name = schemaNameOf(doc, '/health/live', '200');
    delete (doc.components.schemas[name] as { properties: Record<string, unknown> }).properties.status;
    const a = await liveAnswer();
    expect(new ContractChecker(doc).check('GET', '/health/live', a.status, a.type, a.body)).toMatch(/must NOT have unevaluated properties \(status\)/);
  });

  it('fails a status the operation does not declare, and a route the document does not have', () => {
    const checker = new ContractChecker();
    expect(checker.check('GET', '/health/live', 418, 'application/json', '{}')).toMatch(/status not declared/);
    expect(checker.check('GET', '/nowhere/:id', 200, 'application/json', '{}')).toMatch(/not in the document/);
  });

  it('fails a problem code that the error response does not list', async () => {
    const res = await t.http.get('/complaints').expect(401);
    const checker = new ContractChecker();
    expect(checker.check('GET', '/complaints', 401, res.headers['content-type'], res.text)).toBe('');
    const forged = JSON.stringify({ ...res.body, code: 'stale-version', type: 'urn:lcs:problem:stale-version' });
    expect(checker.check('GET', '/complaints', 401, res.headers['content-type'], forged)).toMatch(/code.*must be equal to one of the allowed values/);
  });

  it('fails a content type the response does not declare', async () => {
    const a = await liveAnswer();
    expect(new ContractChecker().check('GET', '/health/live', a.status, 'text/html', a.body)).toMatch(/content type "text\/html" not declared/);
  });
});
