import { LicenseApplication } from '@app/agencies';
import { ROLES } from '@app/auth';
import { MAX_PAGE } from '@app/common';
import { MAX_RECORD_VERSION } from '../../apps/api/src/http/dto-rules';
import { MAX_JSON_DEPTH } from '../../apps/api/src/http/input-safety';
import { loadCommittedDocument } from '../support/contract';
import { complaintBody } from '../support/complaints-fixtures';
import { TEST_PASSWORD, TestUser, createAgency, createUser } from '../support/identity';
import { TestApp, createTestApp } from '../support/test-app';

/**
 * Input no client should send, sent to the real routes: each is refused at the edge with a 400
 * problem naming the field, never a 500 from the database or a stack overflow.
 */
const PROBLEM = /^application\/problem\+json/;
const fieldsOf = (body: { errors?: { field: string; rule: string }[] }) => (body.errors ?? []).map((e) => `${e.field}:${e.rule}`);

describe('hostile input is a 400, never a 500', () => {
  let t: TestApp;
  let everyone: TestUser;
  beforeAll(async () => {
    t = await createTestApp();
    const agency = await createAgency(t);
    // Every role at once (written straight to the table): the role guards let every list through.
    everyone = await createUser(t, { roles: [...ROLES], agencyId: agency.id });
  });
  afterAll(() => t.close());

  const expectValidation = (res: { status: number; headers: Record<string, string>; body: { type?: string } }) => {
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.body.type).toBe('urn:lcs:problem:validation-failed');
  };

  describe('nesting depth', () => {
    const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

    it('refuses a body nested ~2,000 deep (a 4 KB body) with 400 maxDepth', async () => {
      const body = `{"agencyName":"x","allegations":${nested(2_000)}}`;
      const res = await t.http.post('/public/complaints').set('content-type', 'application/json').send(body);
      expectValidation(res);
      expect(res.body.errors).toHaveLength(1);
      expect(res.body.errors[0]).toMatchObject({ rule: 'maxDepth' });
      expect(res.body.errors[0].field).toMatch(/^allegations(\[0\])+$/);
    });

    it('refuses a bare array nested far deeper than that', async () => {
      const res = await t.http.post('/auth/login').set('content-type', 'application/json').send(nested(200_000));
      expectValidation(res);
      expect(fieldsOf(res.body)[0]).toMatch(/:maxDepth$/);
    });

    it(`lets ${MAX_JSON_DEPTH} levels through to the ordinary validation`, async () => {
      const res = await t.http.post('/auth/login').send({ email: JSON.parse(nested(MAX_JSON_DEPTH - 1)), password: TEST_PASSWORD });
      expectValidation(res);
      expect(fieldsOf(res.body)).not.toContainEqual(expect.stringMatching(/maxDepth/));
      expect(fieldsOf(res.body)).toContain('email:isString');
    });
  });

  describe('NUL characters', () => {
    it('in a body field of a public filing', async () => {
      const res = await t.http.post('/public/complaints').send({ ...complaintBody('Some agency'), complainantName: 'Maria\u0000Santos' });
      expectValidation(res);
      expect(res.body.errors).toEqual([{ field: 'complainantName', rule: 'noNulCharacter', message: 'must not contain the NUL character (U+0000)' }]);
    });

    it('in a nested body field', async () => {
      const res = await t.http
        .post('/public/complaints')
        .send({ ...complaintBody('Some agency'), allegations: [{ category: 'unpaid-wages', facts: 'unpaid\u0000' }] });
      expectValidation(res);
      expect(fieldsOf(res.body)).toEqual(['allegations[0].facts:noNulCharacter']);
    });

    it('in the sign-in email and password', async () => {
      const res = await t.http.post('/auth/login').send({ email: `\u0000${everyone.email}`, password: `${TEST_PASSWORD}\u0000` });
      expectValidation(res);
      expect(fieldsOf(res.body).sort()).toEqual(['email:noNulCharacter', 'password:noNulCharacter']);
    });

    it('in a member name', async () => {
      const res = await t.http.post('/auth/login').send({ email: everyone.email, password: TEST_PASSWORD, 'a\u0000b': 1 });
      expectValidation(res);
      expect(fieldsOf(res.body)).toEqual(['"a\\u0000b":noNulCharacter']);
    });

    it('in a query parameter', async () => {
      const res = await t.http.get('/public/agencies?q=Test%00Agency');
      expectValidation(res);
      expect(fieldsOf(res.body)).toEqual(['q:noNulCharacter']);
    });

    it('in a query parameter of an authenticated list', async () => {
      const res = await t.http.get('/licensing/licenses?q=%00').set('Authorization', everyone.bearer);
      expectValidation(res);
      expect(fieldsOf(res.body)).toEqual(['q:noNulCharacter']);
    });
  });

  describe('lone surrogates', () => {
    it('in the sign-in email', async () => {
      const res = await t.http.post('/auth/login').send({ email: `maria\ud800@example.org`, password: TEST_PASSWORD });
      expectValidation(res);
      expect(res.body.errors).toEqual([{ field: 'email', rule: 'wellFormedUnicode', message: 'must be well-formed Unicode (it holds a lone surrogate)' }]);
    });

    it('in text fields of a public filing, a low surrogate too', async () => {
      const res = await t.http.post('/public/complaints').send({ ...complaintBody('Some agency'), complainantName: '\ud800', email: 'x\udc00@example.org' });
      expectValidation(res);
      expect(fieldsOf(res.body).sort()).toEqual(['complainantName:wellFormedUnicode', 'email:wellFormedUnicode']);
    });

    it('lets a real surrogate pair (an emoji) through', async () => {
      const res = await t.http.get(`/public/agencies?q=${encodeURIComponent('Kalayaan 😀')}`);
      expect(res.status).toBe(200);
    });
  });

  // Found by test/platform/generative.e2e-spec.ts.
  describe('record versions past the integer column', () => {
    type BodySchema = { $ref?: string; properties?: Record<string, { type?: string; maximum?: number }> };
    const document = loadCommittedDocument() as unknown as {
      paths: Record<
        string,
        Record<
          string,
          {
            parameters?: { name: string; in: string; schema?: { enum?: string[]; example?: string; allOf?: { $ref: string }[] } }[];
            requestBody?: { content: Record<string, { schema: BodySchema }> };
          }
        >
      >;
      components: { schemas: Record<string, BodySchema & { enum?: string[] }> };
    };
    const schemaOf = (s: BodySchema) => (s.$ref ? document.components.schemas[s.$ref.split('/').pop()!] : s);
    const versioned = Object.entries(document.paths).flatMap(([path, ops]) =>
      Object.entries(ops).flatMap(([method, op]) => {
        const body = op.requestBody?.content['application/json']?.schema;
        const field = body && Object.keys(schemaOf(body).properties ?? {}).find((k) => k === 'version' || k === 'revision');
        return field ? [{ method, path, field, op }] : [];
      }),
    );

    it('the document bounds every version and revision a request sends', () => {
      expect(versioned.length).toBeGreaterThan(10);
      for (const { path, field, op } of versioned) {
        const property = schemaOf(op.requestBody!.content['application/json'].schema).properties![field];
        expect({ path, maximum: property.maximum }).toEqual({ path, maximum: MAX_RECORD_VERSION });
      }
    });

    it(`answers a version of ${MAX_RECORD_VERSION + 1} with 400 naming it on every operation that takes one`, async () => {
      const answers: string[] = [];
      for (const { method, path, field, op } of versioned) {
        // Path parameters: an enum's first value (e.g. the action), else any id.
        const url = path.replace(/\{([^}]+)\}/g, (_m, name: string) => {
          const schema = op.parameters?.find((p) => p.name === name)?.schema;
          const named = schema?.allOf?.[0]?.$ref ? document.components.schemas[schema.allOf[0].$ref.split('/').pop()!] : schema;
          return (named as { enum?: string[] } | undefined)?.enum?.[0] ?? '00000000-0000-4000-8000-000000000000';
        });
        const res = await t.http[method as 'post'](url)
          .set('Authorization', everyone.bearer)
          .send({ [field]: MAX_RECORD_VERSION + 1 });
        answers.push(
          `${method.toUpperCase()} ${path} ${res.status} ${fieldsOf(res.body).includes(`${field}:max`) ? `${field}:max` : fieldsOf(res.body).join(',')}`,
        );
      }
      expect(answers).toEqual(versioned.map(({ method, path, field }) => `${method.toUpperCase()} ${path} 400 ${field}:max`));
    });

    it('returning an application under review with version 2^31 is a 400, not a database error', async () => {
      const application = await t.dataSource
        .getRepository(LicenseApplication)
        .save({ agencyId: everyone.agencyId!, type: 'new', state: 'under_review', correctionItems: [], version: 1 });
      const res = await t.http
        .post(`/licensing/applications/${application.id}/return`)
        .set('Authorization', everyone.bearer)
        .send({ version: 2 ** 31, items: ['The business permit is missing.'] });
      expectValidation(res);
      expect(fieldsOf(res.body)).toEqual(['version:max']);
    });
  });

  describe('benefit schedule rules', () => {
    it('refuses an amount member of another rule kind (it would be stored and shown back)', async () => {
      const res = await t.http
        .post('/admin/benefit-schedules')
        .set('Authorization', everyone.bearer)
        .send({
          claimType: 'education-grant',
          rule: { kind: 'fixed', amountMinor: '1500000', maxAmountMinor: '3', capMinor: '4', currency: 'PHP' },
          validFrom: '2099-01-01',
          source: 'hostile input test',
        });
      expectValidation(res);
      expect(fieldsOf(res.body).sort()).toEqual(['rule.capMinor:onlyForRuleKind', 'rule.maxAmountMinor:onlyForRuleKind']);
    });
  });

  describe('errors every operation can give are in the document', () => {
    // The test app's contract checker fails the file on an undeclared status: these were.
    it('a NUL in the query of an operation that takes no parameters is a declared 400', async () => {
      for (const path of ['/me', '/audit/chains', '/public/fees/vocabulary', '/welfare/benefit-schedules']) {
        const res = await t.http.get(`${path}?%00`).set('Authorization', everyone.bearer);
        expectValidation(res);
      }
      expect(t.contract.violations).toEqual([]);
    });

    it('a body where the operation takes none is a declared 415 (or 400 when it is broken JSON)', async () => {
      const wrongType = await t.http
        .delete('/admin/jurisdictions/PH/holidays/2031-01-01')
        .set('Authorization', everyone.bearer)
        .set('Content-Type', 'application/xml')
        .send('<a/>');
      expect(wrongType.status).toBe(415);
      const someone = await createUser(t, { roles: ['worker'] });
      const broken = await t.http.post('/auth/logout').set('Authorization', someone.bearer).set('Content-Type', 'application/json').send('{');
      expect(broken.status).toBe(400);
      expect(broken.body.type).toBe('urn:lcs:problem:malformed-json');
      // An upload route takes multipart, but a JSON body is still parsed as JSON first.
      const jsonToUpload = await t.http.post('/agency/documents').set('Authorization', everyone.bearer).set('Content-Type', 'application/json').send('{');
      expect(jsonToUpload.status).toBe(400);
      expect(jsonToUpload.body.type).toBe('urn:lcs:problem:malformed-json');
      expect(t.contract.violations).toEqual([]);
    });
  });

  describe('page bound', () => {
    const document = loadCommittedDocument();
    const paginated = Object.entries(document.paths).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([, op]) => ((op as { parameters?: { name: string; in: string }[] }).parameters ?? []).some((p) => p.name === 'page' && p.in === 'query'))
        .map(([method]) => ({ method, path })),
    );
    const anyId = '00000000-0000-4000-8000-000000000000';
    const urlOf = (path: string) => path.replace(/\{[^}]+\}/g, anyId);

    it('the document bounds `page` on every paginated list', () => {
      expect(paginated.length).toBeGreaterThan(10);
      for (const { method, path } of paginated) {
        const op = document.paths[path][method] as { parameters: { name: string; schema: { maximum?: number } }[] };
        expect({ path, maximum: op.parameters.find((p) => p.name === 'page')!.schema.maximum }).toEqual({ path, maximum: MAX_PAGE });
      }
    });

    it('answers ?page=99999999999999999999 with 400 naming page on every paginated list', async () => {
      const answers: string[] = [];
      for (const { method, path } of paginated) {
        const res = await t.http[method as 'get'](`${urlOf(path)}?page=99999999999999999999`).set('Authorization', everyone.bearer);
        // Other required parameters may be refused beside it (e.g. `state` of /public/licenses): `page` must be among them.
        answers.push(`${method.toUpperCase()} ${path} ${res.status} ${fieldsOf(res.body).includes('page:max') ? 'page:max' : fieldsOf(res.body).join(',')}`);
      }
      expect(answers).toEqual(paginated.map(({ method, path }) => `${method.toUpperCase()} ${path} 400 page:max`));
    });

    it(`takes page ${MAX_PAGE} (an empty page) and refuses ${MAX_PAGE + 1}`, async () => {
      const last = await t.http.get(`/admin/users?page=${MAX_PAGE}&pageSize=100`).set('Authorization', everyone.bearer).expect(200);
      expect(last.body).toMatchObject({ items: [], page: MAX_PAGE, pageSize: 100 });
      const past = await t.http.get(`/admin/users?page=${MAX_PAGE + 1}`).set('Authorization', everyone.bearer);
      expectValidation(past);
      expect(fieldsOf(past.body)).toEqual(['page:max']);
    });
  });
});
