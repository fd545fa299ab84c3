/**
 * The mails agencies and workers never got (issue 19), through the outbox, each in the
 * recipient's language: application returned / approved / rejected, license suspended /
 * reinstated / revoked (to the agency's admins), fine imposed (agency), appeal lodged (to the
 * other party), refund ordered by a decision (to the worker).
 */
import { randomUUID } from 'node:crypto';
import { EscrowService, LicenseApplication } from '@app/agencies';
import { ManualClock } from '@app/common';
import { TestUser, createAgency, createUser } from '../support/identity';
import { outboxMessages } from '../support/outbox';
import { TestApp, createTestApp } from '../support/test-app';
import { DEADLINES_DRIVEN_BY_TEST } from '../support/wait';

describe('mails to agencies and workers', () => {
  const clock = new ManualClock(new Date('2026-03-02T01:00:00.000Z'));
  let t: TestApp;
  let inspector: TestUser;
  let supervisor: TestUser;

  beforeAll(async () => {
    t = await createTestApp({ clock, env: { ...DEADLINES_DRIVEN_BY_TEST, EVENTS_POLL_MS: '0' } });
    [inspector, supervisor] = await Promise.all((['inspector', 'supervisor'] as const).map((role) => createUser(t, { roles: [role] })));
  });
  afterAll(async () => {
    await t?.close();
  });

  const agencyWithAdmin = async (legalName: string, language = 'fil') => {
    const id = (await createAgency(t, { legalName })).id;
    const admin = await createUser(t, { roles: ['agency_admin'], agencyId: id });
    await t.dataSource.query(`UPDATE app_user SET preferred_language = $2 WHERE id = $1`, [admin.id, language]);
    return { id, admin };
  };
  const mailsTo = async (email: string, template: string) => outboxMessages(t, { recipient: email, template });
  const post = (path: string, as: TestUser, body: object = {}) => t.http.post(path).set('Authorization', as.bearer).send(body);

  it('application returned, approved and rejected: the agency admins, in their language', async () => {
    const a = await agencyWithAdmin('Mailed Applications Agency Inc.');
    const repo = t.dataSource.getRepository(LicenseApplication);
    const toReturn = await repo.save({ agencyId: a.id, type: 'new', state: 'under_review', reviewerId: inspector.id, correctionItems: [], version: 1 });
    await post(`/licensing/applications/${toReturn.id}/return`, inspector, { version: 1, items: ['Sign the financial statement'] }).expect(200);
    const [returned] = await mailsTo(a.admin.email, 'license.application-returned');
    expect(returned).toMatchObject({
      language: 'fil',
      data: expect.objectContaining({ agencyName: 'Mailed Applications Agency Inc.', items: 'Sign the financial statement' }),
    });
    const toReject = await repo.save({ agencyId: a.id, type: 'new', state: 'recommended', correctionItems: [], version: 1 });
    await post(`/licensing/applications/${toReject.id}/reject`, supervisor, { version: 1, reasons: 'The escrow deposit was not made.' }).expect(200);
    expect((await mailsTo(a.admin.email, 'license.application-rejected'))[0].data).toMatchObject({ reasons: 'The escrow deposit was not made.' });
    const escrow = t.app.get(EscrowService, { strict: false });
    await t.dataSource.transaction(async (m) => {
      await escrow.openAccount(m, a.id, 'provisional');
      await escrow.record(m, {
        agencyId: a.id,
        kind: 'deposit',
        amountMinor: 100_000_000n,
        currency: 'PHP',
        reference: 'BDO-MAIL',
        actor: 'system',
        idempotencyKey: randomUUID(),
      });
    });
    const toApprove = await repo.save({ agencyId: a.id, type: 'new', state: 'recommended', correctionItems: [], version: 1 });
    const approved = (await post(`/licensing/applications/${toApprove.id}/approve`, supervisor, { version: 1 }).expect(200)).body;
    expect((await mailsTo(a.admin.email, 'license.application-approved'))[0].data).toMatchObject({
      licenseNumber: approved.licenseNumber,
      expiresOn: { date: '2028-03-01' },
    });
  });

  it('license suspended (also a further suspension), reinstated and revoked', async () => {
    const a = await agencyWithAdmin('Mailed License Agency Inc.', 'ne');
    const l = (await post('/licensing/licenses', supervisor, { agencyId: a.id, type: 'regular' }).expect(201)).body;
    await post(`/licensing/licenses/${l.id}/suspend`, supervisor, { version: 1, reason: 'Fees above the cap', until: '2026-05-01T00:00:00Z' }).expect(200);
    await post(`/licensing/licenses/${l.id}/suspend`, supervisor, { version: 2, reason: 'A second finding', until: '2026-07-01T00:00:00Z' }).expect(200);
    const suspended = await mailsTo(a.admin.email, 'license.suspended');
    expect(suspended.map((x) => (x.data?.until as { date: string }).date).sort()).toEqual(['2026-05-01', '2026-07-01']);
    expect(suspended.find((x) => x.data?.reason === 'Fees above the cap')).toMatchObject({
      language: 'ne',
      data: expect.objectContaining({ licenseNumber: l.number }),
    });
    await post(`/licensing/licenses/${l.id}/reinstate`, supervisor, { version: 3, reason: 'Complied' }).expect(200);
    expect(await mailsTo(a.admin.email, 'license.reinstated')).toHaveLength(1);
    await post(`/licensing/licenses/${l.id}/revoke`, supervisor, { version: 4, reason: 'Illegal recruitment' }).expect(200);
    expect((await mailsTo(a.admin.email, 'license.revoked'))[0].data).toMatchObject({ licenseNumber: l.number, reason: 'Illegal recruitment' });
  });

  it('appeal lodged to the other party; when the decision is final, the fine to the agency and the refund order to the worker', async () => {
    const a = await agencyWithAdmin('Mailed Decisions Agency Inc.', 'id');
    await post('/licensing/licenses', supervisor, { agencyId: a.id, type: 'regular' }).expect(201);
    const file = async (email: string) =>
      (
        await t.http
          .post('/public/complaints')
          .send({
            agencyName: 'Mailed Decisions Agency Inc.',
            allegations: [{ category: 'unpaid-wages', facts: 'Two months unpaid.' }],
            complainantName: 'Dewi Lestari',
            email,
            language: 'id',
          })
          .expect(201)
      ).body as { id: string };
    const view = async (id: string) => (await t.http.get(`/complaints/${id}`).set('Authorization', inspector.bearer).expect(200)).body;
    const act = async (id: string, action: string, body: object = {}, as = inspector) =>
      post(`/complaints/${id}/actions/${action}`, as, { version: (await view(id)).version, ...body }).expect(200);
    const decided = async (email: string, sanctions?: object[]) => {
      const c = await file(email);
      await act(c.id, 'accept');
      await act(c.id, 'fail-conciliation', { reason: 'No agreement' });
      const findings = (await view(c.id)).allegations.map((x: { id: string }) => ({
        allegationId: x.id,
        finding: 'violation',
        ...(sanctions ? { sanctions, departureReason: 'Wages owed are paid back with a fine' } : {}),
      }));
      await act(c.id, 'decide', { findings }, supervisor);
      return { c, findings };
    };
    const sanctions = [
      { kind: 'suspension', months: 2 },
      { kind: 'fine', amountMinor: '5000000', currency: 'PHP' },
      { kind: 'refund-order', amountMinor: '4500000', currency: 'PHP' },
    ];
    // The agency appeals: the complainant is told.
    const one = await decided('dewi.lestari@workers.test', sanctions);
    await post(`/agency/complaints/${one.c.id}/appeal`, a.admin, { version: (await view(one.c.id)).version, reason: 'We paid the wages in cash' }).expect(200);
    expect(await mailsTo('dewi.lestari@workers.test', 'complaint.appeal-lodged')).toEqual([expect.objectContaining({ language: 'id' })]);
    expect(await mailsTo(a.admin.email, 'complaint.agency-appeal-lodged')).toEqual([]);
    await act(one.c.id, 'decide-appeal', { findings: one.findings }, supervisor);
    const [fine] = await mailsTo(a.admin.email, 'complaint.fine-imposed');
    expect(fine).toMatchObject({
      language: 'id',
      data: expect.objectContaining({ fineReference: expect.stringMatching(/^FN-/), amount: { money: { minor: '5000000', currency: 'PHP' } } }),
    });
    const [refund] = await mailsTo('dewi.lestari@workers.test', 'complaint.refund-ordered');
    expect(refund.data).toMatchObject({ amount: { money: { minor: '4500000', currency: 'PHP' } }, refundReference: expect.stringMatching(/^RO-/) });
    // The ministry appeals for the complainant: the agency is told.
    const two = await decided('budi.santoso@workers.test');
    await act(two.c.id, 'appeal', { reason: 'The complainant asks for a review' });
    expect(await mailsTo(a.admin.email, 'complaint.agency-appeal-lodged')).toHaveLength(1);
    expect(await mailsTo('budi.santoso@workers.test', 'complaint.appeal-lodged')).toEqual([]);
  });
});
