/**
 * Issue 22: an agency declares its own payment of a fine with a reference and a proof file
 * (POST /agency/fines/{id}/payment-declaration); the ministry confirms it (POST /fines/{id}/payment
 * without a reference) or rejects it with a reason (POST /fines/{id}/reject-declaration). Until
 * confirmed the fine still blocks the license clearance.
 */
import { ClearanceSource } from '@app/agencies';
import { Deadline, DeadlineService } from '@app/deadlines';
import { SMALL_PDF } from '../documents/fixtures';
import { fineOnNewCase } from '../support/complaints-fixtures';
import { TestUser, createAgency, createUser } from '../support/identity';
import { outboxMessages } from '../support/outbox';
import { TestApp, createTestApp } from '../support/test-app';

describe('complaints: an agency declares its payment of a fine, the ministry confirms or rejects it', () => {
  let t: TestApp;
  let inspector: TestUser;
  let supervisor: TestUser;
  let agencyAdmin: TestUser;
  let agencyStaff: TestUser;
  let otherAdmin: TestUser;
  let agencyId: string;
  let n = 0;

  beforeAll(async () => {
    t = await createTestApp();
    [inspector, supervisor] = await Promise.all((['inspector', 'supervisor'] as const).map((role) => createUser(t, { roles: [role] })));
    agencyId = (await createAgency(t)).id;
    agencyAdmin = await createUser(t, { roles: ['agency_admin'], agencyId });
    agencyStaff = await createUser(t, { roles: ['agency_staff'], agencyId });
    otherAdmin = await createUser(t, { roles: ['agency_admin'], agencyId: (await createAgency(t)).id });
  });
  afterAll(async () => {
    await t?.close();
  });

  const openFine = async (): Promise<{ id: string; reference: string }> => {
    const reference = `FN-DECL-${Date.now()}-${++n}`;
    return { id: await fineOnNewCase(t, agencyId, reference, '5000000'), reference };
  };
  const declare = (id: string, as: TestUser, paymentReference: string | null = 'LBP-55231', file: Buffer | null = SMALL_PDF) => {
    let req = t.http.post(`/agency/fines/${id}/payment-declaration`).set('Authorization', as.bearer);
    if (paymentReference !== null) req = req.field('paymentReference', paymentReference);
    if (file) req = req.attach('file', file, { filename: 'receipt.pdf', contentType: 'application/pdf' });
    else req = req.field('note', 'x').type('multipart/form-data');
    return req;
  };
  const state = async (id: string) => (await t.dataSource.query(`SELECT state FROM fine WHERE id = $1`, [id]))[0].state as string;
  const documents = async (id: string) => Number((await t.dataSource.query(`SELECT count(*) AS n FROM stored_document WHERE owner_id = $1`, [id]))[0].n);
  const auditActions = async (id: string) =>
    ((await t.dataSource.query(`SELECT action FROM audit_log WHERE subject_id = $1 ORDER BY seq`, [id])) as { action: string }[]).map((a) => a.action);
  const unpaidFines = async () =>
    (await t.dataSource.transaction((m) => t.app.get(ClearanceSource, { strict: false }).outstanding(m, agencyId)))
      .filter((o) => o.kind === 'unpaid-fine')
      .map((o) => o.reference);

  it('the agency declares with proof; it still blocks clearance; the ministry downloads the proof and confirms it: paid with the declared reference, the deadline met', async () => {
    const fine = await openFine();
    const [{ jurisdiction_code: jurisdictionCode }] = await t.dataSource.query(
      `SELECT c.jurisdiction_code FROM fine f JOIN complaint c ON c.id = f.complaint_id WHERE f.id = $1`,
      [fine.id],
    );
    await t.dataSource.transaction((m) =>
      t.app
        .get(DeadlineService, { strict: false })
        .start(m, { kind: 'complaint.fine-payment', subjectType: 'fine', subjectId: fine.id, label: `Fine ${fine.reference}`, jurisdictionCode }),
    );
    const declared = await declare(fine.id, agencyStaff).expect(200);
    expect(declared.body).toMatchObject({
      state: 'payment-declared',
      declaredReference: 'LBP-55231',
      declaredAt: expect.any(String),
      hasPaymentProof: true,
      paidReference: null,
      declarationRejectedReason: null,
    });
    const listed = await t.http.get('/agency/fines?state=payment-declared').set('Authorization', agencyAdmin.bearer).expect(200);
    expect(listed.body.items.map((f: { id: string }) => f.id)).toContain(fine.id);
    expect(await unpaidFines()).toContain(fine.reference);
    for (const reader of [inspector, agencyAdmin]) {
      const proof = await t.http
        .get(`/fines/${fine.id}/payment-proof`)
        .set('Authorization', reader.bearer)
        .buffer(true)
        .parse((res, cb) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => cb(null, Buffer.concat(chunks)));
        })
        .expect(200);
      expect(proof.headers['content-type']).toBe('application/pdf');
      expect(Buffer.compare(proof.body as Buffer, SMALL_PDF)).toBe(0);
    }
    await t.http.get(`/fines/${fine.id}/payment-proof`).set('Authorization', otherAdmin.bearer).expect(404);
    // The agency cannot confirm its own declaration.
    await t.http.post(`/fines/${fine.id}/payment`).set('Authorization', agencyAdmin.bearer).send({}).expect(403);
    const paid = await t.http.post(`/fines/${fine.id}/payment`).set('Authorization', inspector.bearer).send({}).expect(200);
    expect(paid.body).toMatchObject({ state: 'paid', paidReference: 'LBP-55231', declaredReference: 'LBP-55231' });
    expect(await unpaidFines()).not.toContain(fine.reference);
    const [deadline] = await t.dataSource.getRepository(Deadline).find({ where: { subjectId: fine.id, kind: 'complaint.fine-payment' } });
    expect(deadline.state).toBe('met');
    expect(await auditActions(fine.id)).toEqual(expect.arrayContaining(['complaint.fine.payment-declared', 'complaint.fine.paid']));
    const [doc] = await t.dataSource.query(`SELECT owner_type, owner_id, agency_id, kind FROM stored_document WHERE owner_id = $1`, [fine.id]);
    expect(doc).toEqual({ owner_type: 'fine', owner_id: fine.id, agency_id: agencyId, kind: 'payment-proof' });
    // Paid: no more declarations, no second payment.
    expect((await declare(fine.id, agencyAdmin).expect(409)).body).toMatchObject({ code: 'fine-not-open', state: 'paid' });
    await t.http.post(`/fines/${fine.id}/payment`).set('Authorization', inspector.bearer).send({ paidReference: 'AGAIN' }).expect(409);
  });

  it('declaring twice is 409 and stores nothing more; another agency gets 404, ministry staff 403', async () => {
    const fine = await openFine();
    await declare(fine.id, otherAdmin).expect(404);
    await declare(fine.id, inspector).expect(403);
    await declare('3b241101-e2bb-4255-8caf-4136c566a962', agencyAdmin).expect(404);
    expect(await state(fine.id)).toBe('open');
    await declare(fine.id, agencyAdmin).expect(200);
    expect(await documents(fine.id)).toBe(1);
    const again = await declare(fine.id, agencyAdmin, 'LBP-OTHER').expect(409);
    expect(again.body).toMatchObject({ type: 'urn:lcs:problem:fine-not-open', state: 'payment-declared' });
    expect(await documents(fine.id)).toBe(1);
  });

  it('bad input is a problem+json naming the field, and nothing is stored; an open fine needs its paidReference', async () => {
    const fine = await openFine();
    const blank = await declare(fine.id, agencyAdmin, '   ').expect(400);
    expect(blank.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(blank.body.errors.map((e: { field: string }) => e.field)).toContain('paymentReference');
    expect((await declare(fine.id, agencyAdmin, null).expect(400)).body.errors.map((e: { field: string }) => e.field)).toContain('paymentReference');
    expect((await declare(fine.id, agencyAdmin, 'x'.repeat(201)).expect(400)).body.errors.map((e: { field: string }) => e.field)).toContain('paymentReference');
    const noFile = await t.http
      .post(`/agency/fines/${fine.id}/payment-declaration`)
      .set('Authorization', agencyAdmin.bearer)
      .field('paymentReference', 'LBP-1')
      .expect(400);
    expect(noFile.body.code).toBe('file-missing');
    await t.http
      .post(`/agency/fines/${fine.id}/payment-declaration`)
      .set('Authorization', agencyAdmin.bearer)
      .field('paymentReference', 'LBP-1')
      .attach('file', Buffer.from('#!/bin/sh\necho hi\n'), 'receipt.pdf')
      .expect(415);
    await t.http
      .post(`/agency/fines/not-a-uuid/payment-declaration`)
      .set('Authorization', agencyAdmin.bearer)
      .field('paymentReference', 'LBP-1')
      .attach('file', SMALL_PDF, 'receipt.pdf')
      .expect(400);
    expect(await state(fine.id)).toBe('open');
    expect(await documents(fine.id)).toBe(0);
    const noReference = await t.http.post(`/fines/${fine.id}/payment`).set('Authorization', inspector.bearer).send({}).expect(400);
    expect(noReference.body.errors.map((e: { field: string }) => e.field)).toEqual(['paidReference']);
    expect(await state(fine.id)).toBe('open');
  });

  it('the ministry rejects a declaration with a reason: open again, the agency mailed; it may declare again', async () => {
    const fine = await openFine();
    await declare(fine.id, agencyAdmin).expect(200);
    await t.http
      .post(`/fines/${fine.id}/reject-declaration`)
      .set('Authorization', agencyAdmin.bearer)
      .send({ reason: 'The receipt is for another fine' })
      .expect(403);
    const short = await t.http.post(`/fines/${fine.id}/reject-declaration`).set('Authorization', supervisor.bearer).send({ reason: 'no' }).expect(400);
    expect(short.body.errors.map((e: { field: string }) => e.field)).toEqual(['reason']);
    const rejected = await t.http
      .post(`/fines/${fine.id}/reject-declaration`)
      .set('Authorization', supervisor.bearer)
      .send({ reason: 'The receipt is for another fine' })
      .expect(200);
    expect(rejected.body).toMatchObject({
      state: 'open',
      declarationRejectedReason: 'The receipt is for another fine',
      paidReference: null,
      declaredReference: 'LBP-55231',
    });
    const mails = (await outboxMessages(t, { template: 'complaint.fine-declaration-rejected' })).filter((m) => m.data?.fineReference === fine.reference);
    expect(mails.map((m) => ({ recipient: m.recipient, reason: m.data?.reason, paymentReference: m.data?.paymentReference }))).toEqual([
      { recipient: agencyAdmin.email, reason: 'The receipt is for another fine', paymentReference: 'LBP-55231' },
    ]);
    expect(await auditActions(fine.id)).toContain('complaint.fine.declaration-rejected');
    expect(await unpaidFines()).toContain(fine.reference);
    expect(
      (await t.http.post(`/fines/${fine.id}/reject-declaration`).set('Authorization', inspector.bearer).send({ reason: 'Again and again' }).expect(409)).body
        .code,
    ).toBe('fine-not-declared');
    const again = await declare(fine.id, agencyStaff, 'LBP-55232').expect(200);
    expect(again.body).toMatchObject({ state: 'payment-declared', declaredReference: 'LBP-55232', declarationRejectedReason: null });
  });
});
