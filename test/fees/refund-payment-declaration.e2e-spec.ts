/**
 * Issue 22: an agency declares its own payment of a refund order with a reference and a proof
 * file (POST /agency/refund-orders/{id}/payment-declaration); the ministry confirms it
 * (POST /refund-orders/{id}/payment) or rejects it with a reason (POST /refund-orders/{id}/reject-declaration).
 */
import { ManualClock } from '@app/common';
import { Deadline, FiringService, SchedulerService } from '@app/deadlines';
import { REFUND_PAYMENT_KIND } from '@app/fees';
import { SMALL_PDF } from '../documents/fixtures';
import { placementBody, seedFees } from '../support/fees-fixtures';
import { TestUser, createAgency, createUser } from '../support/identity';
import { outboxMessages } from '../support/outbox';
import { TestApp, createTestApp } from '../support/test-app';
import { TestWorker, createTestWorker } from '../support/test-worker';
import { DEADLINES_DRIVEN_BY_TEST, waitFor } from '../support/wait';

describe('fees: an agency declares its payment of a refund order, the ministry confirms or rejects it', () => {
  const START = new Date('2026-03-02T01:00:00.000Z');
  const clock = new ManualClock(START);
  let t: TestApp;
  let worker: TestWorker;
  let supervisor: TestUser;
  let inspector: TestUser;
  let agencyAdmin: TestUser;
  let agencyStaff: TestUser;
  let otherAdmin: TestUser;
  let agencyId: string;

  const licensed = async () => {
    const agency = await createAgency(t);
    await t.http.post('/licensing/licenses').set('Authorization', supervisor.bearer).send({ agencyId: agency.id, type: 'regular' }).expect(201);
    return agency.id;
  };

  beforeAll(async () => {
    t = await createTestApp({ clock, env: DEADLINES_DRIVEN_BY_TEST });
    worker = await createTestWorker({ databaseUrl: t.db.url, clock, env: { ...DEADLINES_DRIVEN_BY_TEST, REDIS_PREFIX: t.config.redis.REDIS_PREFIX } });
    await seedFees(t);
    [supervisor, inspector] = await Promise.all((['supervisor', 'inspector'] as const).map((role) => createUser(t, { roles: [role] })));
    agencyId = await licensed();
    agencyAdmin = await createUser(t, { roles: ['agency_admin'], agencyId });
    agencyStaff = await createUser(t, { roles: ['agency_staff'], agencyId });
    otherAdmin = await createUser(t, { roles: ['agency_admin'], agencyId: await licensed() });
    // An escrow that can pay an order, for the garnishment after a late rejection.
    await t.http.post(`/licensing/agencies/${agencyId}/escrow/account`).set('Authorization', supervisor.bearer).send({ licenseType: 'regular' }).expect(200);
    await t.http
      .post(`/licensing/agencies/${agencyId}/escrow/entries`)
      .set('Authorization', inspector.bearer)
      .set('Idempotency-Key', `dep-${agencyId}`)
      .send({ kind: 'deposit', amountMinor: '100000000', currency: 'PHP', reference: 'BDO-DECL-1' })
      .expect(201);
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
  });

  const openOrder = async (): Promise<{ id: string; reference: string; dueAt: string; amountMinor: string }> => {
    const rec = await t.http
      .post('/placements')
      .set('Authorization', agencyAdmin.bearer)
      .send(
        placementBody({ fees: [{ item: 'placement-fee', amountMinor: '3000000', currency: 'PHP', date: '2026-02-20', receiptNumber: `OR-${Math.random()}` }] }),
      )
      .expect(201);
    return rec.body.refundOrders[0];
  };
  const declare = (id: string, as: TestUser, paymentReference: string | null = 'GCASH-7781', file: Buffer | null = SMALL_PDF) => {
    let req = t.http.post(`/agency/refund-orders/${id}/payment-declaration`).set('Authorization', as.bearer);
    if (paymentReference !== null) req = req.field('paymentReference', paymentReference);
    if (file) req = req.attach('file', file, { filename: 'receipt.pdf', contentType: 'application/pdf' });
    else req = req.field('note', 'x').type('multipart/form-data');
    return req;
  };
  const state = async (id: string) => (await t.dataSource.query(`SELECT state FROM refund_order WHERE id = $1`, [id]))[0].state as string;
  const auditActions = async (id: string) =>
    ((await t.dataSource.query(`SELECT action FROM audit_log WHERE subject_id = $1 ORDER BY seq`, [id])) as { action: string }[]).map((a) => a.action);

  it('the agency declares with proof; the ministry downloads the proof and confirms it: paid with the declared reference, the deadline met', async () => {
    const order = await openOrder();
    const declared = await declare(order.id, agencyStaff).expect(200);
    expect(declared.body).toMatchObject({
      state: 'payment-declared',
      declaredReference: 'GCASH-7781',
      declaredDocumentId: expect.any(String),
      declaredAt: expect.any(String),
      version: 2,
      paidReference: null,
    });
    const proof = await t.http
      .get(`/refund-orders/${order.id}/payment-proof`)
      .set('Authorization', inspector.bearer)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(proof.headers['content-type']).toBe('application/pdf');
    expect(Buffer.compare(proof.body as Buffer, SMALL_PDF)).toBe(0);
    await t.http.get(`/refund-orders/${order.id}/payment-proof`).set('Authorization', otherAdmin.bearer).expect(404);
    // The agency cannot confirm its own declaration; a declared order cannot be cancelled before the ministry decides.
    await t.http.post(`/refund-orders/${order.id}/payment`).set('Authorization', agencyAdmin.bearer).send({ version: 2 }).expect(403);
    expect(
      (
        await t.http
          .post(`/refund-orders/${order.id}/cancel`)
          .set('Authorization', supervisor.bearer)
          .send({ version: 2, reason: 'Declared twice' })
          .expect(409)
      ).body,
    ).toMatchObject({ code: 'refund-order-transition', state: 'payment-declared' });
    const paid = await t.http.post(`/refund-orders/${order.id}/payment`).set('Authorization', inspector.bearer).send({ version: 2 }).expect(200);
    expect(paid.body).toMatchObject({ state: 'paid', paidReference: 'GCASH-7781', declaredReference: 'GCASH-7781', version: 3 });
    const [deadline] = await t.dataSource.getRepository(Deadline).find({ where: { subjectId: order.id, kind: REFUND_PAYMENT_KIND } });
    expect(deadline.state).toBe('met');
    expect(await auditActions(order.id)).toEqual(
      expect.arrayContaining(['fees.refund-order.opened', 'fees.refund-order.payment-declared', 'fees.refund-order.paid']),
    );
    const [doc] = await t.dataSource.query(`SELECT owner_type, owner_id, agency_id, kind FROM stored_document WHERE id = $1`, [
      declared.body.declaredDocumentId,
    ]);
    expect(doc).toEqual({ owner_type: 'refund-order', owner_id: order.id, agency_id: agencyId, kind: 'payment-proof' });
  });

  it('declaring twice is 409 and stores nothing more; a paid order cannot be declared either', async () => {
    const order = await openOrder();
    await declare(order.id, agencyAdmin).expect(200);
    const documents = async () => Number((await t.dataSource.query(`SELECT count(*) AS n FROM stored_document WHERE owner_id = $1`, [order.id]))[0].n);
    expect(await documents()).toBe(1);
    const again = await declare(order.id, agencyAdmin, 'GCASH-OTHER').expect(409);
    expect(again.body).toMatchObject({ type: 'urn:lcs:problem:refund-order-transition', state: 'payment-declared' });
    expect(await documents()).toBe(1);
  });

  it("another agency's order is 404 and nothing changes; ministry staff cannot declare (403)", async () => {
    const order = await openOrder();
    await declare(order.id, otherAdmin).expect(404);
    await declare(order.id, inspector).expect(403);
    await declare('3b241101-e2bb-4255-8caf-4136c566a962', agencyAdmin).expect(404);
    expect(await state(order.id)).toBe('open');
  });

  it('bad input is a problem+json naming the field, and nothing is stored', async () => {
    const order = await openOrder();
    const blank = await declare(order.id, agencyAdmin, '   ').expect(400);
    expect(blank.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(blank.body.errors.map((e: { field: string }) => e.field)).toContain('paymentReference');
    const missing = await declare(order.id, agencyAdmin, null).expect(400);
    expect(missing.body.errors.map((e: { field: string }) => e.field)).toContain('paymentReference');
    const long = await declare(order.id, agencyAdmin, 'x'.repeat(201)).expect(400);
    expect(long.body.errors.map((e: { field: string }) => e.field)).toContain('paymentReference');
    const noFile = await t.http
      .post(`/agency/refund-orders/${order.id}/payment-declaration`)
      .set('Authorization', agencyAdmin.bearer)
      .field('paymentReference', 'GCASH-1')
      .expect(400);
    expect(noFile.body.code).toBe('file-missing');
    const notAFile = await t.http
      .post(`/agency/refund-orders/${order.id}/payment-declaration`)
      .set('Authorization', agencyAdmin.bearer)
      .field('paymentReference', 'GCASH-1')
      .attach('file', Buffer.from('#!/bin/sh\necho hi\n'), 'receipt.pdf')
      .expect(415);
    expect(notAFile.body.type).toMatch(/unsupported-media-type$/);
    await t.http
      .post(`/agency/refund-orders/not-a-uuid/payment-declaration`)
      .set('Authorization', agencyAdmin.bearer)
      .field('paymentReference', 'GCASH-1')
      .attach('file', SMALL_PDF, 'receipt.pdf')
      .expect(400);
    expect(await state(order.id)).toBe('open');
    expect(Number((await t.dataSource.query(`SELECT count(*) AS n FROM stored_document WHERE owner_id = $1`, [order.id]))[0].n)).toBe(0);
  });

  it('the ministry rejects a declaration with a reason: open again, the agency mailed; it may declare again', async () => {
    const order = await openOrder();
    await declare(order.id, agencyAdmin).expect(200);
    await t.http
      .post(`/refund-orders/${order.id}/reject-declaration`)
      .set('Authorization', agencyAdmin.bearer)
      .send({ version: 2, reason: 'The receipt is for another amount' })
      .expect(403);
    const short = await t.http
      .post(`/refund-orders/${order.id}/reject-declaration`)
      .set('Authorization', inspector.bearer)
      .send({ version: 2, reason: 'no' })
      .expect(400);
    expect(short.body.errors.map((e: { field: string }) => e.field)).toEqual(['reason']);
    expect(
      (
        await t.http
          .post(`/refund-orders/${order.id}/reject-declaration`)
          .set('Authorization', inspector.bearer)
          .send({ version: 1, reason: 'The receipt is for another amount' })
          .expect(409)
      ).body.code,
    ).toBe('stale-version');
    const rejected = await t.http
      .post(`/refund-orders/${order.id}/reject-declaration`)
      .set('Authorization', inspector.bearer)
      .send({ version: 2, reason: 'The receipt is for another amount' })
      .expect(200);
    expect(rejected.body).toMatchObject({ state: 'open', declarationRejectedReason: 'The receipt is for another amount', paidReference: null, version: 3 });
    const mails = (await outboxMessages(t, { template: 'fees.refund-declaration-rejected' })).filter((m) => m.data?.reference === order.reference);
    expect(mails.map((m) => ({ recipient: m.recipient, reason: m.data?.reason, paymentReference: m.data?.paymentReference }))).toEqual([
      { recipient: agencyAdmin.email, reason: 'The receipt is for another amount', paymentReference: 'GCASH-7781' },
    ]);
    expect(await auditActions(order.id)).toContain('fees.refund-order.declaration-rejected');
    // A rejection of an order that is not declared is 409; the agency declares again.
    expect(
      (
        await t.http
          .post(`/refund-orders/${order.id}/reject-declaration`)
          .set('Authorization', inspector.bearer)
          .send({ version: 3, reason: 'Again and again' })
          .expect(409)
      ).body.code,
    ).toBe('refund-order-transition');
    const again = await declare(order.id, agencyAdmin, 'GCASH-7782').expect(200);
    expect(again.body).toMatchObject({ state: 'payment-declared', declaredReference: 'GCASH-7782', declarationRejectedReason: null });
  });

  it('a declared order is not garnished when its deadline passes; rejected after it, it is garnished at once', async () => {
    const order = await openOrder();
    await declare(order.id, agencyAdmin).expect(200);
    const scheduler = worker.app.get(SchedulerService, { strict: false });
    clock.set(new Date(Date.parse(order.dueAt) + 60_000));
    try {
      await waitFor('deadline fired', async () => {
        await scheduler.scheduleDue();
        const [d] = await t.dataSource.getRepository(Deadline).find({ where: { subjectId: order.id, kind: REFUND_PAYMENT_KIND } });
        return d.state === 'breached';
      });
      expect(await state(order.id)).toBe('payment-declared');
      expect(await auditActions(order.id)).not.toContain('fees.refund-order.garnished');
      const rejected = await t.http
        .post(`/refund-orders/${order.id}/reject-declaration`)
        .set('Authorization', supervisor.bearer)
        .send({ version: 2, reason: 'No such transfer at the bank' })
        .expect(200);
      expect(rejected.body).toMatchObject({ state: 'garnished', paidReference: expect.stringMatching(/^escrow:/) });
      expect(await auditActions(order.id)).toEqual(expect.arrayContaining(['fees.refund-order.declaration-rejected', 'fees.refund-order.garnished']));
    } finally {
      clock.set(START);
    }
  });

  it('a firing waits for a move on its order, which then takes the deadline, with no deadlock (the order before its deadline: subject-locks.ts)', async () => {
    const order = await openOrder();
    const [d] = (await t.dataSource.query(
      `SELECT id, version, next_level, next_fire_at FROM deadline WHERE subject_type = 'refund_order' AND subject_id = $1 AND kind = $2`,
      [order.id, REFUND_PAYMENT_KIND],
    )) as { id: string; version: number; next_level: number; next_fire_at: Date }[];
    clock.set(new Date(d.next_fire_at));
    const qr = t.dataSource.createQueryRunner();
    await qr.connect();
    await qr.startTransaction();
    try {
      // As a move on the order does: the order, then (garnishing) the agency's escrow, then the order's deadline.
      await qr.query(`SELECT 1 FROM refund_order WHERE id = $1 FOR UPDATE`, [order.id]);
      const firing = worker.app
        .get(FiringService, { strict: false })
        .fire({ deadlineId: d.id, version: d.version, level: d.next_level }, 'job', 'refund-lock-order');
      await waitFor('the engine waiting on a lock', async () => {
        const [{ n }] = (await t.dataSource.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        )) as { n: number }[];
        return n > 0;
      });
      await qr.query(`SELECT 1 FROM escrow_account WHERE agency_id = $1 FOR UPDATE`, [agencyId]);
      await qr.query(`SELECT 1 FROM deadline WHERE id = $1 FOR UPDATE`, [d.id]);
      await qr.commitTransaction();
      await expect(firing).resolves.toMatchObject({ result: 'fired' });
    } finally {
      if (qr.isTransactionActive) await qr.rollbackTransaction();
      await qr.release();
      clock.set(START);
    }
  });
});
