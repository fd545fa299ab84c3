/**
 * Names (of people, agencies, branches, employers...) reach official mail, PDFs and CSV verbatim:
 * a control character or line break in any name field the API takes is a 400 naming that field
 * (rule `singleLineName`), while multi-line free text (complaint facts) keeps its newlines.
 */
import { randomUUID } from 'node:crypto';
import { Role } from '@app/auth';
import { complaintBody } from '../support/complaints-fixtures';
import { placementBody } from '../support/fees-fixtures';
import { TEST_PASSWORD, TestUser, createAgency, createUser } from '../support/identity';
import { TestApp, createTestApp } from '../support/test-app';

/**
 * A line of its own in a letter, and the other characters that break a line or a layout. (NUL is
 * refused in every text field before the DTO rules run: test/platform/hostile-input.e2e-spec.ts.)
 */
const BAD = [
  'Acme Inc.\nDear worker, your refund was approved',
  'Acme\r\nBcc: x',
  'Acme\tInc.',
  'Acme\u0085Inc.',
  'Acme\u2028Inc.',
  'Acme\u001b[2JInc.',
  'Acme\u007fInc.',
  'Acme \u202eGolden\u202c Inc.',
  'Acme\u2066Inc.',
];

interface NameCase {
  method: 'post' | 'put' | 'patch';
  path: string;
  as: Role | 'anonymous';
  field: string;
  body: (bad: string, unique: string) => object;
}

const CASES: NameCase[] = [
  {
    method: 'post',
    path: '/auth/register',
    as: 'anonymous',
    field: 'displayName',
    body: (bad, u) => ({ email: `reg.${u}@test.lcs`, password: TEST_PASSWORD, displayName: bad }),
  },
  { method: 'patch', path: '/me', as: 'worker', field: 'displayName', body: (bad) => ({ displayName: bad }) },
  {
    method: 'post',
    path: '/admin/users',
    as: 'admin',
    field: 'displayName',
    body: (bad, u) => ({ email: `staff.${u}@test.lcs`, password: TEST_PASSWORD, displayName: bad, roles: ['inspector'] }),
  },
  { method: 'post', path: '/agency/users', as: 'agency_admin', field: 'displayName', body: (bad, u) => ({ email: `agstaff.${u}@test.lcs`, displayName: bad }) },
  { method: 'post', path: '/agency/branches', as: 'agency_admin', field: 'name', body: (bad) => ({ name: bad, address: '2 Session Road, Baguio City' }) },
  { method: 'post', path: '/agency/amendments', as: 'agency_admin', field: 'legalName', body: (bad) => ({ legalName: bad, reason: 'new name' }) },
  {
    method: 'post',
    path: '/agency/amendments',
    as: 'agency_admin',
    field: 'owners[0].name',
    body: (bad) => ({ owners: [{ name: bad, nationality: 'PH', sharePercent: 100 }], reason: 'new owner' }),
  },
  {
    method: 'put',
    path: '/agency/profile',
    as: 'agency_admin',
    field: 'officers[0].name',
    body: (bad) => ({ version: 1, address: '1 Kalayaan Avenue', contactEmail: null, contactPhone: null, officers: [{ name: bad, position: 'President' }] }),
  },
  { method: 'post', path: '/placements', as: 'agency_admin', field: 'workerName', body: (bad) => placementBody({ workerName: bad }) },
  { method: 'post', path: '/placements', as: 'agency_admin', field: 'employerName', body: (bad) => placementBody({ employerName: bad }) },
  {
    method: 'post',
    path: `/placements/${randomUUID()}/amendments`,
    as: 'agency_admin',
    field: 'terms.employerName',
    body: (bad) => ({ revision: 1, reason: 'employer renamed', terms: { employerName: bad } }),
  },
  {
    method: 'post',
    path: '/public/complaints',
    as: 'anonymous',
    field: 'complainantName',
    body: (bad) => ({ ...complaintBody('Acme Manpower'), complainantName: bad }),
  },
  { method: 'post', path: '/public/complaints', as: 'anonymous', field: 'agencyName', body: (bad) => complaintBody(bad) },
  {
    method: 'post',
    path: '/public/complaints',
    as: 'anonymous',
    field: 'employerName',
    body: (bad) => ({ ...complaintBody('Acme Manpower'), employerName: bad }),
  },
  {
    method: 'post',
    path: `/complaints/${randomUUID()}/actions/refer`,
    as: 'inspector',
    field: 'referralTarget',
    body: (bad) => ({ version: 1, referralTarget: bad }),
  },
  {
    method: 'post',
    path: '/welfare/claims',
    as: 'worker',
    field: 'workerName',
    body: (bad) => ({
      claimType: 'livelihood-grant',
      workerPassportNumber: 'P1234567A',
      workerName: bad,
      incidentDate: '2026-01-05',
      facts: 'The shop burned down.',
      payout: 'BDO 0012',
      language: 'en',
    }),
  },
  { method: 'put', path: '/admin/jurisdictions/PH', as: 'admin', field: 'name', body: (bad) => ({ name: bad, timeZone: 'Asia/Manila', weekendDays: [6, 7] }) },
  { method: 'put', path: '/admin/jurisdictions/PH/holidays/2031-06-12', as: 'admin', field: 'name', body: (bad) => ({ name: bad }) },
];

describe('name fields refuse control characters and line breaks', () => {
  let t: TestApp;
  const callers = new Map<Role, TestUser>();

  beforeAll(async () => {
    t = await createTestApp();
    const agency = await createAgency(t);
    for (const role of ['worker', 'admin', 'agency_admin', 'inspector'] as Role[]) {
      callers.set(role, await createUser(t, { roles: [role], agencyId: role.startsWith('agency') ? agency.id : null }));
    }
  });

  afterAll(async () => {
    await t?.close();
  });

  const send = (c: NameCase, body: object) => {
    const req = t.http[c.method](c.path).send(body);
    return c.as === 'anonymous' ? req : req.set('Authorization', callers.get(c.as)!.bearer);
  };

  it.each(CASES.map((c) => [`${c.method.toUpperCase()} ${c.path.replace(/[0-9a-f-]{36}/, ':id')} ${c.field}`, c] as const))(
    '%s: 400 naming the field',
    async (_, c) => {
      for (const [i, bad] of BAD.entries()) {
        const res = await send(c, c.body(bad, `${i}.${Date.now()}`));
        expect([bad, res.status]).toEqual([bad, 400]);
        expect(res.body.errors).toEqual([expect.objectContaining({ field: c.field, rule: 'singleLineName' })]);
      }
    },
  );

  it('names in any script pass, and multi-line facts keep their newlines', async () => {
    const res = await t.http
      .post('/public/complaints')
      .send({
        ...complaintBody('Acme Manpower'),
        complainantName: 'सीता गुरुङ',
        allegations: [{ category: 'unpaid-wages', facts: 'Two months unpaid.\nThen they kept my passport.' }],
      })
      .expect(201);
    expect(res.body.reference).toEqual(expect.any(String));
    await t.http
      .post('/auth/register')
      .send({ email: `reg.ok.${Date.now()}@test.lcs`, password: TEST_PASSWORD, displayName: "O'Brien-Dela Cruz 陳大文" })
      .expect(202);
  });
});
