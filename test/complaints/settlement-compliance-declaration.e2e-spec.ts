/**
 * Issue 22: an agency declares that it complied with a settlement (POST
 * /agency/complaints/{id}/compliance-declaration: a statement, optionally a proof file). The
 * declaration is its own record with a shared timeline entry, audited, and mailed to the case's
 * inspector (the supervisors while unassigned); it does not move the case: the inspector confirms
 * with `comply`.
 */
import { SMALL_PDF } from '../documents/fixtures';
import { settledCase } from '../support/complaints-fixtures';
import { TestUser, createAgency, createUser } from '../support/identity';
import { outboxMessages } from '../support/outbox';
import { TestApp, createTestApp } from '../support/test-app';

describe('complaints: an agency declares compliance with a settlement; the ministry confirms it', () => {
  let t: TestApp;
  let inspector: TestUser;
  let supervisor: TestUser;
  let agencyAdmin: TestUser;
  let agencyStaff: TestUser;
  let otherAdmin: TestUser;
  let agencyId: string;

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

  const declare = (
    id: string,
    as: TestUser,
    statement: string | null = 'We refunded the placement fee by bank transfer on 2 April.',
    file: Buffer | null = SMALL_PDF,
  ) => {
    let req = t.http.post(`/agency/complaints/${id}/compliance-declaration`).set('Authorization', as.bearer);
    if (statement !== null) req = req.field('statement', statement);
    if (file) req = req.attach('file', file, { filename: 'receipt.pdf', contentType: 'application/pdf' });
    else if (statement === null) req = req.field('note', 'x');
    return req;
  };
  const staffView = async (id: string) => (await t.http.get(`/complaints/${id}`).set('Authorization', inspector.bearer).expect(200)).body;
  const declarations = async (id: string) =>
    Number((await t.dataSource.query(`SELECT count(*) AS n FROM complaint_compliance_declaration WHERE complaint_id = $1`, [id]))[0].n);
  const auditActions = async (id: string) =>
    ((await t.dataSource.query(`SELECT action FROM audit_log WHERE subject_id = $1 ORDER BY seq`, [id])) as { action: string }[]).map((a) => a.action);
  const problemFields = (body: { errors?: { field: string }[] }) => (body.errors ?? []).map((e) => e.field);

  it('declared by the agency with proof: its record, timeline entry, audit and the inspector mailed; the stage unchanged; then the inspector complies', async () => {
    const id = await settledCase(t, agencyId, inspector.id);
    const declared = await declare(id, agencyStaff, '  We refunded the placement fee by bank transfer on 2 April.  ').expect(201);
    expect(declared.body).toMatchObject({
      id,
      stage: 'settled',
      complianceDeclaration: {
        statement: 'We refunded the placement fee by bank transfer on 2 April.',
        declaredAt: expect.any(String),
        declaredBy: agencyStaff.id,
        documents: [expect.objectContaining({ addedBy: 'agency', contentType: 'application/pdf' })],
      },
    });
    expect(declared.body.timeline.map((e: { kind: string }) => e.kind)).toContain('compliance-declared');
    expect(await declarations(id)).toBe(1);
    expect(await auditActions(id)).toEqual(expect.arrayContaining(['complaint.compliance.declared', 'complaint.evidence.added']));

    // The proof is the agency's evidence on the case: the ministry and the agency can download it.
    const documentId = declared.body.complianceDeclaration.documents[0].id as string;
    await t.http.get(`/agency/complaints/${id}/evidence/${documentId}/content`).set('Authorization', agencyAdmin.bearer).expect(200);
    await t.http.get(`/complaints/${id}/evidence/${documentId}/content`).set('Authorization', inspector.bearer).expect(200);

    // The staff view shows it beside the comply action; nothing moved.
    const staff = await staffView(id);
    expect(staff).toMatchObject({ stage: 'settled', complianceDeclaration: { statement: 'We refunded the placement fee by bank transfer on 2 April.' } });
    expect(staff.allowedActions).toContain('comply');

    const mail = await outboxMessages(t, { template: 'complaint.compliance-declared' });
    const ours = mail.filter((m) => m.data?.referenceNumber === staff.reference);
    expect(ours.map((m) => m.recipient)).toEqual([inspector.email]);

    const complied = await t.http.post(`/complaints/${id}/actions/comply`).set('Authorization', inspector.bearer).send({ version: staff.version }).expect(200);
    expect(complied.body).toMatchObject({ stage: 'closed', outcome: 'settled' });
    // Closed: no more declarations.
    expect((await declare(id, agencyAdmin).expect(409)).body).toMatchObject({ code: 'case-not-settled', stage: 'closed' });
  });

  it('without a file, on an unassigned case: the statement alone, the supervisors mailed; declaring twice (one after the other, or at once) is 409 and stores nothing more', async () => {
    const id = await settledCase(t, agencyId, null);
    const first = await declare(id, agencyAdmin, 'Paid in cash; the complainant signed a receipt.', null).expect(201);
    expect(first.body.complianceDeclaration).toMatchObject({ statement: 'Paid in cash; the complainant signed a receipt.', documents: [] });
    const again = await declare(id, agencyAdmin, 'A second try.').expect(409);
    expect(again.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(again.body).toMatchObject({ code: 'compliance-already-declared', declaredAt: first.body.complianceDeclaration.declaredAt });
    expect(await declarations(id)).toBe(1);
    const reference = (await staffView(id)).reference as string;
    const mail = (await outboxMessages(t, { template: 'complaint.compliance-declared' })).filter((m) => m.data?.referenceNumber === reference);
    expect(mail.map((m) => m.recipient)).toContain(supervisor.email);
    expect(mail.map((m) => m.recipient)).not.toContain(inspector.email);
    // A double submit at once: one declaration, one proof stored; the other is 409.
    const raced = await settledCase(t, agencyId, inspector.id);
    const answers = await Promise.all([declare(raced, agencyAdmin), declare(raced, agencyStaff)]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    expect(await declarations(raced)).toBe(1);
    const proofs = await t.dataSource.query(`SELECT count(*) AS n FROM stored_document WHERE owner_id = $1`, [raced]);
    expect(Number(proofs[0].n)).toBe(1);
    // The agency's view says it was declared, and when.
    const seen = await t.http.get(`/agency/complaints/${id}`).set('Authorization', agencyAdmin.bearer).expect(200);
    expect(seen.body.complianceDeclaration.declaredAt).toBe(first.body.complianceDeclaration.declaredAt);
  });

  it('refused: a case not settled (409), another agency (404), ministry staff (403), a missing, blank or too long statement (400 naming `statement`)', async () => {
    const id = await settledCase(t, agencyId, inspector.id);
    await declare(id, otherAdmin).expect(404);
    await declare(id, inspector).expect(403);
    await declare('3b241101-e2bb-4255-8caf-4136c566a962', agencyAdmin).expect(404);

    const missing = await declare(id, agencyAdmin, null).expect(400);
    expect(missing.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(problemFields(missing.body)).toContain('statement');
    expect(problemFields((await declare(id, agencyAdmin, '   ').expect(400)).body)).toContain('statement');
    expect(problemFields((await declare(id, agencyAdmin, 'x'.repeat(5001)).expect(400)).body)).toContain('statement');
    expect(await declarations(id)).toBe(0);
    const files = await t.dataSource.query(`SELECT count(*) AS n FROM stored_document WHERE owner_id = $1`, [id]);
    expect(Number(files[0].n)).toBe(0);

    // A breach takes the case back to adjudication: nothing to declare there.
    const { version } = await staffView(id);
    await t.http
      .post(`/complaints/${id}/actions/breach-settlement`)
      .set('Authorization', inspector.bearer)
      .send({ version, reason: 'Nothing paid' })
      .expect(200);
    const refused = await declare(id, agencyAdmin).expect(409);
    expect(refused.body).toMatchObject({ code: 'case-not-settled', stage: 'adjudication' });
    expect(await declarations(id)).toBe(0);
  });
});
