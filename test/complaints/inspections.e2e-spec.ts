/**
 * Inspections of agencies (issue 19): planned (a pattern of complaints, a supervisor, a routine
 * schedule), conducted with the checklist (identity documents, fee receipts, contracts, branch
 * premises), findings, and follow-up: a violation found opens proceedings against the agency like
 * a complaint's. The agency sees an inspection once the ministry notifies it.
 */
import { ManualClock } from '@app/common';
import { InspectionsService } from '@app/complaints';
import { TestUser, createAgency, createUser } from '../support/identity';
import { outboxMessages } from '../support/outbox';
import { TestApp, createTestApp } from '../support/test-app';
import { DEADLINES_DRIVEN_BY_TEST } from '../support/wait';

const CHECKLIST = ['identity-documents-retained', 'fee-receipts', 'contracts', 'branch-premises'];

describe('inspections', () => {
  const clock = new ManualClock(new Date('2026-03-02T01:00:00.000Z'));
  let t: TestApp;
  let inspector: TestUser;
  let supervisor: TestUser;
  let agencyId: string;
  let admin: TestUser;

  beforeAll(async () => {
    t = await createTestApp({ clock, env: { ...DEADLINES_DRIVEN_BY_TEST, EVENTS_POLL_MS: '0' } });
    [inspector, supervisor] = await Promise.all((['inspector', 'supervisor'] as const).map((role) => createUser(t, { roles: [role] })));
    agencyId = (await createAgency(t, { legalName: 'Inspected Manpower Services Inc.' })).id;
    admin = await createUser(t, { roles: ['agency_admin'], agencyId });
  });
  afterAll(async () => {
    await t?.close();
  });

  const post = (path: string, as: TestUser, body: object = {}) => t.http.post(path).set('Authorization', as.bearer).send(body);
  const get = (path: string, as: TestUser) => t.http.get(path).set('Authorization', as.bearer);
  const plan = async (body: object = {}) =>
    (
      await post('/inspections', supervisor, {
        agencyId,
        origin: 'routine',
        reason: 'Routine inspection of the first quarter',
        plannedFor: '2026-03-04',
        ...body,
      }).expect(201)
    ).body;
  const act = async (id: string, action: string, body: object = {}, as: TestUser = inspector, status = 200) =>
    post(`/inspections/${id}/actions/${action}`, as, { version: (await get(`/inspections/${id}`, inspector).expect(200)).body.version, ...body }).expect(
      status,
    );
  const checklist = (over: Record<string, string> = {}) => CHECKLIST.map((item) => ({ item, result: over[item] ?? 'compliant' }));

  it("a supervisor plans one (routine or on purpose); the agency sees it only once notified, without the ministry's reasons", async () => {
    await post('/inspections', inspector, { agencyId, origin: 'routine', reason: 'Routine inspection' }).expect(403);
    const past = await post('/inspections', supervisor, { agencyId, origin: 'routine', reason: 'Routine inspection', plannedFor: '2026-03-01' }).expect(400);
    expect(past.body.errors.map((e: { field: string }) => e.field)).toEqual(['plannedFor']);
    const i = await plan();
    expect(i).toMatchObject({
      reference: expect.stringMatching(/^INS-2026-\d{6}$/),
      state: 'planned',
      origin: 'routine',
      agencyNotifiedAt: null,
      allowedActions: ['notify-agency', 'conduct', 'cancel'],
    });
    expect((await get('/agency/inspections', admin).expect(200)).body).toEqual([]);
    await get(`/agency/inspections/${i.id}`, admin).expect(404);
    expect((await act(i.id, 'notify-agency')).body.agencyNotifiedAt).toBe('2026-03-02T01:00:00.000Z');
    await act(i.id, 'notify-agency', {}, inspector, 409);
    const [mail] = await outboxMessages(t, { recipient: admin.email, template: 'inspection.agency-notified' });
    expect(mail.data).toMatchObject({ inspectionReference: i.reference, plannedFor: { date: '2026-03-04' } });
    const seen = (await get(`/agency/inspections/${i.id}`, admin).expect(200)).body;
    expect(seen).toMatchObject({ reference: i.reference, state: 'planned' });
    expect(JSON.stringify(seen)).not.toContain('Routine inspection of the first quarter');
    const other = await createUser(t, { roles: ['agency_admin'], agencyId: (await createAgency(t)).id });
    await get(`/agency/inspections/${i.id}`, other).expect(404);
  });

  it('conducted with the whole checklist by inspectors on a day gone by; a violation found is followed up by proceedings against the agency', async () => {
    const i = await plan();
    expect(
      (await act(i.id, 'conduct', { conductedOn: '2026-03-02', inspectorIds: [inspector.id], checklist: checklist().slice(1) }, inspector, 409)).body,
    ).toMatchObject({ condition: 'checklist-incomplete' });
    expect(
      (await act(i.id, 'conduct', { conductedOn: '2026-03-03', inspectorIds: [inspector.id], checklist: checklist() }, inspector, 409)).body,
    ).toMatchObject({ condition: 'date-required' });
    expect((await act(i.id, 'conduct', { conductedOn: '2026-03-02', inspectorIds: [], checklist: checklist() }, inspector, 409)).body).toMatchObject({
      condition: 'inspectors-required',
    });
    await act(i.id, 'conduct', { conductedOn: '2026-03-02', inspectorIds: [supervisor.id], checklist: checklist() }, inspector, 400);
    const conducted = (
      await act(i.id, 'conduct', {
        conductedOn: '2026-03-02',
        inspectorIds: [inspector.id],
        checklist: checklist({ 'identity-documents-retained': 'non-compliant' }),
      })
    ).body;
    expect(conducted).toMatchObject({ state: 'conducted', conductedOn: '2026-03-02', inspectorIds: [inspector.id] });
    expect(conducted.checklist.find((c: { item: string }) => c.item === 'identity-documents-retained')).toMatchObject({ result: 'non-compliant' });
    await act(i.id, 'record-findings', { findings: [{ category: 'retained-documents', facts: 'Eleven passports kept in the office safe.' }] });
    await act(i.id, 'follow-up', {}, inspector, 403);
    const closed = (await act(i.id, 'follow-up', {}, supervisor)).body;
    expect(closed).toMatchObject({ state: 'closed', followUpCaseReference: expect.stringMatching(/^CMP-/) });
    const proceedings = (await get(`/complaints/${closed.followUpCaseId}`, inspector).expect(200)).body;
    expect(proceedings).toMatchObject({ kind: 'inspection', source: 'system', agencyId, stage: 'submitted', priority: 'urgent' });
    expect(proceedings.allegations).toEqual([expect.objectContaining({ category: 'retained-documents', facts: expect.stringContaining(i.reference) })]);
    const audit = await t.dataSource.query(`SELECT action FROM audit_log WHERE subject_id = $1 ORDER BY seq`, [i.id]);
    expect(audit.map((a: { action: string }) => a.action)).toEqual([
      'inspection.planned',
      'inspection.conduct',
      'inspection.record-findings',
      'inspection.follow-up',
    ]);
  });

  it('no violation found: the follow-up closes it with no proceedings; a planned one is cancelled only with a reason, by a supervisor', async () => {
    const clean = await plan();
    await act(clean.id, 'conduct', { conductedOn: '2026-03-02', inspectorIds: [inspector.id], checklist: checklist() });
    await act(clean.id, 'record-findings', { findings: [] });
    expect((await act(clean.id, 'follow-up', {}, supervisor)).body).toMatchObject({ state: 'closed', followUpCaseId: null, findings: [] });
    const dropped = await plan();
    await act(dropped.id, 'cancel', { reason: 'the agency closed' }, inspector, 403);
    expect((await act(dropped.id, 'cancel', {}, supervisor, 409)).body).toMatchObject({ condition: 'reason-required' });
    expect((await act(dropped.id, 'cancel', { reason: 'The agency closed its office' }, supervisor)).body).toMatchObject({
      state: 'cancelled',
      closeReason: 'The agency closed its office',
      allowedActions: [],
    });
    await act(dropped.id, 'conduct', { conductedOn: '2026-03-02', inspectorIds: [inspector.id], checklist: checklist() }, inspector, 409);
  });

  it('the routine schedule plans one for each licensed agency not inspected within COMPLAINTS_INSPECTION_ROUTINE_MONTHS, once', async () => {
    const due = (await createAgency(t, { legalName: 'Never Inspected Recruitment Corp.' })).id;
    await post('/licensing/licenses', supervisor, { agencyId: due, type: 'regular' }).expect(201);
    const unlicensed = (await createAgency(t, { legalName: 'Unlicensed Routine Corp.' })).id;
    // The agency of the tests above was inspected (and has open ones): not due.
    await post('/licensing/licenses', supervisor, { agencyId, type: 'regular' }).expect(201);
    const service = t.app.get(InspectionsService, { strict: false });
    const planned = await service.planRoutine();
    const rows = await t.dataSource.query(`SELECT agency_id, origin, state, planned_for FROM inspection WHERE reference = ANY($1)`, [planned]);
    expect(rows.map((r: { agency_id: string }) => r.agency_id)).toContain(due);
    expect(rows.map((r: { agency_id: string }) => r.agency_id)).not.toContain(agencyId);
    expect(rows.map((r: { agency_id: string }) => r.agency_id)).not.toContain(unlicensed);
    expect(rows.find((r: { agency_id: string }) => r.agency_id === due)).toMatchObject({ origin: 'routine', state: 'planned' });
    // Run again: the open one covers it.
    expect(await service.planRoutine()).toEqual([]);
  });
});
