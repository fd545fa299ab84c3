/**
 * Welfare fund end to end: contributions make members, claims for death, disability and
 * repatriation walk the whole lifecycle, the decision clock pauses while documents are requested,
 * an amount above the schedule needs a supervisor, each filer sees only their own claims, only the
 * member files from an account (anyone else gets the answer a passport without membership gets), twenty
 * concurrent disbursements with one Idempotency-Key write one ledger entry, and a disbursement the
 * fund cannot pay is refused with nothing written.
 */
import { ManualClock, toCsv } from '@app/common';
import { translate } from '@app/i18n';
import { CLAIM_TYPES, seedBenefitSchedule } from '@app/welfare';
import { EXCEPTION_COLUMNS } from '../../apps/api/src/welfare/welfare-reports.controller';
import { SMALL_PDF } from '../documents/fixtures';
import { seedFees } from '../support/fees-fixtures';
import { TestUser, createAgency, createUser } from '../support/identity';
import { outboxMessages } from '../support/outbox';
import { TestApp, createTestApp } from '../support/test-app';
import { contributingMember } from '../support/welfare-fixtures';
import { DEADLINES_DRIVEN_BY_TEST } from '../support/wait';

const DAY = 86_400_000;
const PASSPORT = 'P7654321W';
const STRANGER_PASSPORT = 'P0000001X';
const UNLINKED_PASSPORT = 'P0000002X';

describe('welfare fund', () => {
  const start = new Date('2026-03-02T01:00:00.000Z');
  const clock = new ManualClock(start);
  let t: TestApp;
  let officer: TestUser;
  let supervisor: TestUser;
  let agencyAdmin: TestUser;
  let member: TestUser;
  let beneficiary: TestUser;
  let stranger: TestUser;

  beforeAll(async () => {
    // A large contribution (USD 5,000.00) so that a few placements fund the claims below.
    t = await createTestApp({ clock, env: { ...DEADLINES_DRIVEN_BY_TEST, WELFARE_CONTRIBUTION_MINOR: '500000' } });
    await seedFees(t);
    await t.dataSource.transaction((m) => seedBenefitSchedule(m));
    [officer, supervisor] = await Promise.all((['welfare_officer', 'supervisor'] as const).map((role) => createUser(t, { roles: [role] })));
    const licensor = await createUser(t, { roles: ['supervisor'] });
    const agencyId = (await createAgency(t)).id;
    await t.http.post('/licensing/licenses').set('Authorization', licensor.bearer).send({ agencyId, type: 'regular' }).expect(201);
    agencyAdmin = await createUser(t, { roles: ['agency_admin'], agencyId });
    [member, beneficiary, stranger] = await Promise.all([0, 1, 2].map(() => createUser(t, { roles: ['worker'] })));
    // The member's placement (linked to their account by email) and contribution; the stranger's own
    // membership; and one more contribution for the fund, of a worker without an account.
    for (const [i, [passport, worker]] of (
      [
        [PASSPORT, member],
        [STRANGER_PASSPORT, stranger],
        [UNLINKED_PASSPORT, null],
      ] as const
    ).entries()) {
      await contributingMember(t, agencyAdmin, { passport, receipt: `OWWA-${i}`, email: worker?.email });
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  const file = (as: TestUser, body: Record<string, unknown>) =>
    t.http
      .post('/welfare/claims')
      .set('Authorization', as.bearer)
      .send({
        workerPassportNumber: PASSPORT,
        workerName: 'Rodel Santos',
        incidentDate: '2026-02-20',
        facts: 'What happened, in words.',
        payout: 'BDO 0012-3456-78',
        language: 'fil',
        ...body,
      });
  const act = async (id: string, action: string, body: Record<string, unknown> = {}, as: TestUser = officer, status = 200, key?: string) => {
    const { version } = (await t.http.get(`/welfare/claims/${id}`).set('Authorization', officer.bearer).expect(200)).body;
    const req = t.http.post(`/welfare/claims/${id}/actions/${action}`).set('Authorization', as.bearer);
    return (key ? req.set('Idempotency-Key', key) : req).send({ version, ...body }).expect(status);
  };
  const fundEntries = async () => Number((await t.dataSource.query(`SELECT count(*)::int AS n FROM fund_entry`))[0].n);

  it('contributions make the member: one per placement, membership derived, each a balanced fund entry', async () => {
    const res = await t.http.get(`/welfare/members/${PASSPORT}`).set('Authorization', officer.bearer).expect(200);
    expect(res.body.periods).toEqual([expect.objectContaining({ from: '2026-02-01', to: '2028-01-31' })]);
    const fund = (await t.http.get('/welfare/fund').set('Authorization', officer.bearer).expect(200)).body;
    expect(fund.currency).toBe('PHP');
    expect(BigInt(fund.cashMinor)).toBeGreaterThan(0n);
    const [{ unbalanced }] = await t.dataSource.query(
      `SELECT count(*)::int AS unbalanced FROM (SELECT entry_seq FROM fund_line GROUP BY entry_seq HAVING sum(debit_minor) <> sum(credit_minor)) x`,
    );
    expect(unbalanced).toBe(0);
    const [{ placement_id }] = await t.dataSource.query(`SELECT placement_id FROM welfare_contribution LIMIT 1`);
    const again = await t.http
      .post('/welfare/contributions')
      .set('Authorization', agencyAdmin.bearer)
      .send({ placementId: placement_id, paidOn: '2026-02-02', receiptNumber: 'OWWA-X' })
      .expect(409);
    expect(again.body.type).toBe('urn:lcs:problem:contribution-exists');
  });

  it("a worker reads their own membership (by passport number or without one), never another's: one and the same 404", async () => {
    const own = await t.http.get(`/welfare/members/${PASSPORT}`).set('Authorization', member.bearer).expect(200);
    expect(own.body.periods).toEqual([expect.objectContaining({ from: '2026-02-01', to: '2028-01-31' })]);
    const mine = (await t.http.get('/me/welfare/membership').set('Authorization', member.bearer).expect(200)).body;
    expect(mine.memberships).toEqual([expect.objectContaining({ passportNumber: PASSPORT, periods: own.body.periods, contributions: own.body.contributions })]);
    // Another member's passport, one nobody holds, one of a placement without an account: the same 404.
    const refusals = await Promise.all(
      [STRANGER_PASSPORT, 'P9999999Z', UNLINKED_PASSPORT].map((pp) => t.http.get(`/welfare/members/${pp}`).set('Authorization', member.bearer).expect(404)),
    );
    const shapes = refusals.map((r) => ({ ...r.body, correlationId: undefined, instance: undefined }));
    for (const shape of shapes) expect(shape).toEqual(shapes[0]);
    // A worker with no placement is no member, and sees nobody else's.
    expect((await t.http.get('/me/welfare/membership').set('Authorization', beneficiary.bearer).expect(200)).body).toEqual({ memberships: [] });
    // Officers still read any passport number, a member or not.
    await t.http.get(`/welfare/members/P9999999Z`).set('Authorization', officer.bearer).expect(200);
    await t.http.get(`/welfare/members/${PASSPORT}`).set('Authorization', agencyAdmin.bearer).expect(403);
  });

  it('only the member files from an account: another member, a passport without membership and a self-declared beneficiary get one and the same 404', async () => {
    const claimsBefore = Number((await t.dataSource.query(`SELECT count(*)::int AS n FROM welfare_claim`))[0].n);
    const body = { claimType: 'medical', claimedMinor: '300000', currency: 'PHP' };
    const refusals = [
      // A member of the fund themself, probing someone else's passport number (a member with payments on record).
      await file(stranger, body).expect(404),
      // The same caller, a passport number nobody holds a membership of.
      await file(stranger, { ...body, workerPassportNumber: 'P9999999Z' }).expect(404),
      // A member whose placement is not linked to any account.
      await file(stranger, { ...body, workerPassportNumber: UNLINKED_PASSPORT }).expect(404),
      // Someone naming themself a beneficiary: there is no register to check it against yet.
      await file(beneficiary, {
        claimType: 'death:accidental',
        beneficiary: { name: 'Liza Santos', relationship: 'spouse', idNumber: 'UMID-0011-2233' },
      }).expect(404),
      // Even the member, when claiming as a beneficiary.
      await file(member, { ...body, beneficiary: { name: 'Liza Santos', relationship: 'spouse', idNumber: 'UMID-0011-2233' } }).expect(404),
    ];
    const shapes = refusals.map((r) => ({ ...r.body, correlationId: undefined }));
    expect(shapes[0]).toMatchObject({ type: 'urn:lcs:problem:not-found', status: 404 });
    for (const shape of shapes) expect(shape).toEqual(shapes[0]);
    expect(refusals.every((r) => r.headers['content-type'] === refusals[0].headers['content-type'])).toBe(true);
    expect(Number((await t.dataSource.query(`SELECT count(*)::int AS n FROM welfare_claim`))[0].n)).toBe(claimsBefore);
    // The stranger files for their own membership, and the member for theirs.
    expect((await file(stranger, { ...body, workerPassportNumber: STRANGER_PASSPORT }).expect(201)).body).toMatchObject({
      claimantKind: 'worker',
      eligibility: { eligible: true },
    });
    expect((await file(member, body).expect(201)).body).toMatchObject({ claimantKind: 'worker', eligibility: { eligible: true } });
  });

  it('the beneficiary register: the member names beneficiaries from their account, an officer with proof; only the member or a named beneficiary whose names match may claim', async () => {
    const register = (as: TestUser, body: Record<string, unknown>, passport = PASSPORT) =>
      t.http.post(`/welfare/members/${passport}/beneficiaries`).set('Authorization', as.bearer).send(body);
    const list = (as: TestUser, passport = PASSPORT) => t.http.get(`/welfare/members/${passport}/beneficiaries`).set('Authorization', as.bearer);
    const liza = { name: 'Liza Santos', relationship: 'spouse', idNumber: 'UMID-0011-2233' };
    // The member, from their account, names their spouse (and the spouse's account address).
    const spouse = (await register(member, { ...liza, email: beneficiary.email }).expect(201)).body;
    expect(spouse).toMatchObject({
      name: 'Liza Santos',
      relationship: 'spouse',
      idNumber: 'UMID-0011-2233',
      registeredVia: 'member',
      proof: null,
      removedAt: null,
    });
    // Nobody else may touch or read a member's register from an account: the 404 of a passport without membership.
    const strangerTries = [
      await register(stranger, liza).expect(404),
      await register(beneficiary, liza).expect(404),
      await list(stranger).expect(404),
      await register(member, liza, 'P9999999Z').expect(404),
    ];
    for (const r of strangerTries) expect(r.body).toMatchObject({ type: 'urn:lcs:problem:not-found', detail: strangerTries[0].body.detail });
    // An officer registers on the member's behalf only with proof.
    expect((await register(officer, { name: 'Mark Santos', relationship: 'child', idNumber: 'PSA-2019-0001' }).expect(400)).body.errors[0].field).toBe('proof');
    const child = (
      await register(officer, {
        name: 'Mark Santos',
        relationship: 'child',
        idNumber: 'PSA-2019-0001',
        proof: { kind: 'birth-certificate', reference: 'PSA-2019-0001' },
      }).expect(201)
    ).body;
    expect(child).toMatchObject({ registeredVia: 'officer', proof: { kind: 'birth-certificate', reference: 'PSA-2019-0001' } });
    expect((await list(member).expect(200)).body.map((b: { name: string }) => b.name).sort()).toEqual(['Liza Santos', 'Mark Santos']);
    expect((await list(officer).expect(200)).body).toHaveLength(2);
    // Encrypted at rest.
    const [row] = await t.dataSource.query(`SELECT name_enc, id_number_enc, email_enc FROM welfare_beneficiary WHERE id = $1`, [spouse.id]);
    expect(JSON.stringify(row)).not.toMatch(/Liza|UMID|@/);

    const asSpouse = { claimType: 'death:burial', beneficiary: { name: 'SANTOS, Liza', relationship: 'spouse', idNumber: 'umid 0011 2233' } };
    const claimsBefore = Number((await t.dataSource.query(`SELECT count(*)::int AS n FROM welfare_claim`))[0].n);
    const refused = [
      // Not named on the register (the stranger), with the spouse's details.
      await file(stranger, asSpouse).expect(404),
      // The spouse's account, under another name or another identity number.
      await file(beneficiary, { ...asSpouse, beneficiary: { ...asSpouse.beneficiary, name: 'Lisa Santos' } }).expect(404),
      await file(beneficiary, { ...asSpouse, beneficiary: { ...asSpouse.beneficiary, idNumber: 'UMID-0011-0000' } }).expect(404),
      // The spouse's account, the member's name wrong.
      await file(beneficiary, { ...asSpouse, workerName: 'Rodrigo Santos' }).expect(404),
      // The member themself, under another name.
      await file(member, { claimType: 'medical', claimedMinor: '100000', currency: 'PHP', workerName: 'Maria Santos' }).expect(404),
      // A named beneficiary without an account address on the register cannot claim from an account.
      await file(beneficiary, { ...asSpouse, beneficiary: { name: 'Mark Santos', relationship: 'child', idNumber: 'PSA-2019-0001' } }).expect(404),
    ];
    const shapeOf = (b: Record<string, unknown>) => ({ ...b, correlationId: undefined, instance: undefined });
    const unknownPassport = (await file(beneficiary, { ...asSpouse, workerPassportNumber: 'P9999999Z' }).expect(404)).body;
    for (const r of refused) expect(shapeOf(r.body)).toEqual(shapeOf(unknownPassport));
    expect(Number((await t.dataSource.query(`SELECT count(*)::int AS n FROM welfare_claim`))[0].n)).toBe(claimsBefore);
    // The named spouse, from their own account, names matching: filed, as a beneficiary.
    const filed = (await file(beneficiary, asSpouse).expect(201)).body;
    expect(filed).toMatchObject({
      claimantKind: 'beneficiary',
      checklist: expect.arrayContaining([expect.objectContaining({ code: 'proof-of-relationship' })]),
    });
    expect((await t.http.get(`/welfare/claims/${filed.id}`).set('Authorization', beneficiary.bearer).expect(200)).body.id).toBe(filed.id);

    // An officer filing: a beneficiary not on the register, or the member's name wrong, is refused and says why.
    const unnamed = (
      await file(officer, { claimType: 'death:burial', beneficiary: { name: 'Pedro Santos', relationship: 'brother', idNumber: 'X-1' } }).expect(422)
    ).body;
    expect(unnamed).toMatchObject({ type: 'urn:lcs:problem:not-a-named-beneficiary' });
    expect((await file(officer, { claimType: 'death:burial', workerName: 'Maria Santos' }).expect(422)).body).toMatchObject({
      type: 'urn:lcs:problem:member-name-mismatch',
    });

    // A beneficiary removed from the register can claim no more; the member removes, the stranger cannot.
    await t.http
      .post(`/welfare/members/${PASSPORT}/beneficiaries/${spouse.id}/remove`)
      .set('Authorization', stranger.bearer)
      .send({ reason: 'Not my spouse' })
      .expect(404);
    const removed = (
      await t.http
        .post(`/welfare/members/${PASSPORT}/beneficiaries/${spouse.id}/remove`)
        .set('Authorization', member.bearer)
        .send({ reason: 'Divorced in 2026' })
        .expect(200)
    ).body;
    expect(removed.removedAt).not.toBeNull();
    await file(beneficiary, asSpouse).expect(404);
    expect((await list(member).expect(200)).body.map((b: { name: string; removedAt: string | null }) => [b.name, b.removedAt === null])).toEqual(
      expect.arrayContaining([
        ['Liza Santos', false],
        ['Mark Santos', true],
      ]),
    );
    const audit = await t.dataSource.query(`SELECT action FROM audit_log WHERE subject_type = 'welfare_beneficiary' ORDER BY seq`);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(expect.arrayContaining(['welfare.beneficiary.registered', 'welfare.beneficiary.removed']));
    // The officer's death claim below is for the spouse: register her again, by an officer with proof.
    await register(officer, { ...liza, proof: { kind: 'marriage-certificate', reference: 'PSA-M-2015-77' } }).expect(201);
  });

  it('a death claim filed by an officer for a beneficiary: eligible, the scheduled amount, documents requested (the clock pauses and the due date moves), approved, disbursed, paid', async () => {
    const filed = (
      await file(officer, { claimType: 'death:accidental', beneficiary: { name: 'Liza Santos', relationship: 'spouse', idNumber: 'UMID-0011-2233' } }).expect(
        201,
      )
    ).body;
    expect(filed).toMatchObject({ state: 'submitted', claimantKind: 'officer', scheduledMinor: '20000000', currency: 'PHP', eligibility: { eligible: true } });
    expect(filed).toMatchObject({
      language: 'fil',
      nextStep: expect.stringContaining('welfare officer'),
      checklist: expect.arrayContaining([expect.objectContaining({ code: 'death-certificate' })]),
    });
    const dueBefore = Date.parse(filed.decisionDue);
    await act(filed.id, 'take');
    expect((await act(filed.id, 'request-documents', { documents: [] }, officer, 409)).body).toMatchObject({ condition: 'documents-required' });
    await act(filed.id, 'request-documents', { documents: ['death-certificate'] });
    clock.set(new Date(start.getTime() + 5 * DAY));
    try {
      const resumed = (await act(filed.id, 'documents-received')).body;
      expect(Date.parse(resumed.decisionDue) - dueBefore).toBe(5 * DAY);
    } finally {
      clock.set(start);
    }
    const approved = (await act(filed.id, 'approve')).body;
    expect(approved).toMatchObject({ state: 'approved', approvedMinor: '20000000' });
    await act(filed.id, 'disburse', {}, officer, 400);
    expect((await act(filed.id, 'disburse', {}, officer, 200, 'pay-death-1')).body.state).toBe('disbursed');
    await act(filed.id, 'confirm-payment', {}, officer, 409);
    expect((await act(filed.id, 'confirm-payment', { paidReference: 'BDO-TRX-991' })).body).toMatchObject({ state: 'paid', paidReference: 'BDO-TRX-991' });
    const officerView = (await t.http.get(`/welfare/claims/${filed.id}`).set('Authorization', officer.bearer).expect(200)).body;
    expect(officerView).toMatchObject({ beneficiary: { name: 'Liza Santos', relationship: 'spouse' }, payout: 'BDO 0012-3456-78' });
    // One-time: a second death claim for the same incident is not eligible.
    const second = (
      await file(officer, { claimType: 'death:natural', beneficiary: { name: 'Liza Santos', relationship: 'spouse', idNumber: 'UMID-0011-2233' } }).expect(201)
    ).body;
    expect(second.eligibility).toMatchObject({
      eligible: false,
      checks: expect.arrayContaining([expect.objectContaining({ check: 'not-paid-before', ok: false })]),
    });
  });

  it("the claimant sends the documents asked for from their account (the documents module's rules); the last one resumes the decision clock; never on another's claim", async () => {
    const filed = (await file(member, { claimType: 'medical', claimedMinor: '300000', currency: 'PHP' }).expect(201)).body;
    const dueBefore = Date.parse(filed.decisionDue);
    const asked = filed.checklist.slice(0, 2).map((d: { code: string }) => d.code);
    expect(asked).toHaveLength(2);
    const send = (as: TestUser, document: string, content: Buffer = SMALL_PDF) =>
      t.http
        .post(`/me/welfare/claims/${filed.id}/documents`)
        .set('Authorization', as.bearer)
        .field('document', document)
        .attach('file', content, { filename: 'scan.pdf', contentType: 'application/pdf' });
    // Not asked for yet: 409, and nothing stored.
    expect((await send(member, asked[0]).expect(409)).body.type).toBe('urn:lcs:problem:documents-not-requested');
    await act(filed.id, 'take');
    await act(filed.id, 'request-documents', { documents: asked });
    clock.set(new Date(start.getTime() + 3 * DAY));
    try {
      await send(stranger, asked[0]).expect(404);
      const other = ['death-certificate', 'burial-permit', 'school-grades'].find((c) => !asked.includes(c))!;
      expect((await send(member, other).expect(400)).body.errors.map((e: { field: string }) => e.field)).toEqual(['document']);
      await send(member, asked[0], Buffer.from('not a document at all')).expect(415);
      await send(member, asked[0]).expect(201);
      let view = (await t.http.get(`/welfare/claims/${filed.id}`).set('Authorization', member.bearer).expect(200)).body;
      expect(view.state).toBe('documents_requested');
      const sent = (await send(member, asked[1]).expect(201)).body;
      expect(sent).toMatchObject({ code: asked[1], contentType: 'application/pdf' });
      view = (await t.http.get(`/welfare/claims/${filed.id}`).set('Authorization', member.bearer).expect(200)).body;
      expect(view.state).toBe('under_review');
      // Paused three days: the decision is due three days later.
      expect(Date.parse(view.decisionDue) - dueBefore).toBe(3 * DAY);
      const [deadline] = await t.dataSource.query(`SELECT state FROM deadline WHERE subject_type = 'welfare_claim' AND subject_id = $1`, [filed.id]);
      expect(deadline.state).toBe('pending');
      const listed = (await t.http.get(`/me/welfare/claims/${filed.id}/documents`).set('Authorization', member.bearer).expect(200)).body;
      expect(listed.map((d: { code: string }) => d.code).sort()).toEqual([...asked].sort());
      await t.http.get(`/me/welfare/claims/${filed.id}/documents`).set('Authorization', stranger.bearer).expect(404);
      const [audit] = await t.dataSource.query(`SELECT actor_role FROM audit_log WHERE subject_id = $1 AND action = 'welfare.claim.documents-received'`, [
        filed.id,
      ]);
      expect(audit).toBeDefined();
      // The mail asking for them links to the claim's page in the member's account.
      const asking = (await outboxMessages(t, { template: 'welfare.documents-requested' })).filter((r) => r.data?.referenceNumber === filed.reference);
      expect(asking).toHaveLength(1);
      expect(asking[0].data?.claimUrl).toMatch(new RegExp(`/account/welfare/claims/${filed.id}$`));
      // The documents named in the claimant's language (the claim's: Filipino), not in English.
      expect(asking[0].language).toBe('fil');
      expect(asking[0].data?.documents).toBe(asked.map((c: string) => translate('fil', `mail.term.document.${c}`)).join(', '));
      expect(asking[0].data?.documents).toContain('Patunay ng pagiging miyembro');
    } finally {
      clock.set(start);
    }
  });

  it('a partial disability claim: amount by degree; more than the schedule needs a supervisor and a reason', async () => {
    const filed = (await file(member, { claimType: 'disability:partial', degreePercent: 40 }).expect(201)).body;
    const scheduled = BigInt(filed.scheduledMinor);
    expect(scheduled).toBeGreaterThan(0n);
    await act(filed.id, 'take');
    const more = (scheduled + 100000n).toString();
    // null is not "left out": the amount is refused by name, and the claim stays under review.
    const nulled = (await act(filed.id, 'approve', { approvedMinor: null }, supervisor, 400)).body;
    expect(nulled).toMatchObject({ type: 'urn:lcs:problem:validation-failed', errors: [{ field: 'approvedMinor', rule: 'isNotNull' }] });
    expect((await t.http.get(`/welfare/claims/${filed.id}`).set('Authorization', officer.bearer).expect(200)).body.state).toBe('under_review');
    expect((await act(filed.id, 'approve', { approvedMinor: more, reason: 'Loss of livelihood' }, officer, 409)).body).toMatchObject({
      condition: 'supervisor-required',
    });
    expect((await act(filed.id, 'approve', { approvedMinor: more }, supervisor, 409)).body).toMatchObject({ condition: 'reason-required' });
    expect((await act(filed.id, 'approve', { approvedMinor: more, reason: 'Loss of livelihood' }, supervisor)).body).toMatchObject({
      state: 'approved',
      approvedMinor: more,
    });
    await act(filed.id, 'disburse', {}, officer, 200, 'pay-disability-1');
    expect((await act(filed.id, 'confirm-payment', { paidReference: 'BDO-TRX-992' })).body.state).toBe('paid');
    // A reimbursement without the amount claimed, or a degree out of range, is a 400 naming the field.
    expect((await file(member, { claimType: 'disability:partial', degreePercent: 0 }).expect(400)).body.errors[0].field).toBe('degreePercent');
  });

  it('approving outside eligibility needs a supervisor, a reason from the list and words; it is audited and reported', async () => {
    // The incident is before the membership began (2026-02-01): not eligible.
    const filed = (await file(member, { claimType: 'medical', claimedMinor: '250000', currency: 'PHP', incidentDate: '2026-01-20' }).expect(201)).body;
    expect(filed.eligibility).toMatchObject({
      eligible: false,
      checks: expect.arrayContaining([expect.objectContaining({ check: 'membership-active', ok: false })]),
    });
    await act(filed.id, 'take');
    // A welfare officer may not, whatever the reason.
    expect((await act(filed.id, 'approve', { reason: 'ok', exceptionReason: 'humanitarian' }, officer, 409)).body).toMatchObject({
      condition: 'supervisor-required',
    });
    // A supervisor needs a reason from the list, and words with it.
    expect((await act(filed.id, 'approve', { reason: 'ok' }, supervisor, 409)).body).toMatchObject({ condition: 'exception-reason-required' });
    expect((await act(filed.id, 'approve', { exceptionReason: 'humanitarian' }, supervisor, 409)).body).toMatchObject({ condition: 'reason-required' });
    expect((await act(filed.id, 'approve', { reason: 'ok', exceptionReason: 'because' }, supervisor, 400)).body.errors[0].field).toBe('exceptionReason');
    expect((await t.http.get(`/welfare/claims/${filed.id}`).set('Authorization', officer.bearer).expect(200)).body.state).toBe('under_review');
    const words = 'Treated in the week before departure for an injury at the pre-departure training';
    const approved = (await act(filed.id, 'approve', { reason: words, exceptionReason: 'humanitarian' }, supervisor)).body;
    expect(approved).toMatchObject({
      state: 'approved',
      decisionReason: words,
      eligibilityException: { reason: 'humanitarian', failedChecks: ['membership-active'], approvedBy: supervisor.id },
    });
    const [entry] = await t.dataSource.query(`SELECT actor_id, changes FROM audit_log WHERE subject_id = $1 AND action = 'welfare.claim.approve'`, [filed.id]);
    expect(entry.actor_id).toBe(supervisor.id);
    expect(entry.changes).toMatchObject({ reason: words, outsideEligibility: { exceptionReason: 'humanitarian', failedChecks: ['membership-active'] } });
    // An eligible claim takes no exception reason.
    const eligible = (await file(member, { claimType: 'medical', claimedMinor: '100000', currency: 'PHP' }).expect(201)).body;
    await act(eligible.id, 'take');
    expect((await act(eligible.id, 'approve', { exceptionReason: 'humanitarian', reason: 'x' }, supervisor, 400)).body.errors[0].field).toBe('exceptionReason');
    await act(eligible.id, 'approve', {}, officer);
    // The report lists approvals outside eligibility, not the others.
    const report = (await t.http.get('/welfare/reports/eligibility-exceptions').set('Authorization', officer.bearer).expect(200)).body;
    expect(report.rows).toEqual([
      expect.objectContaining({
        reference: filed.reference,
        claimType: 'medical',
        failedChecks: ['membership-active'],
        exceptionReason: 'humanitarian',
        reason: words,
        approvedBy: supervisor.id,
        approvedMinor: '250000',
        currency: 'PHP',
        decidedOn: '2026-03-02',
      }),
    ]);
    expect(report.totals).toEqual({
      approvals: 1,
      byReason: { 'late-filing-good-cause': 0, 'contribution-paid-unrecorded': 0, 'agency-failed-to-remit': 0, 'record-error': 0, humanitarian: 1 },
    });
    const csv = await t.http.get('/welfare/reports/eligibility-exceptions?format=csv').set('Authorization', supervisor.bearer).expect(200);
    expect(csv.text).toContain(filed.reference);
    await t.http.get('/welfare/reports/eligibility-exceptions').set('Authorization', member.bearer).expect(403);
  });

  it('a repatriation claim: actual cost up to the cap, then paid; a rejection needs a reason', async () => {
    const filed = (await file(member, { claimType: 'repatriation', claimedMinor: '8000000', currency: 'PHP' }).expect(201)).body;
    expect(filed.scheduledMinor).toBe('8000000');
    await act(filed.id, 'take');
    await act(filed.id, 'approve');
    await act(filed.id, 'disburse', {}, officer, 200, 'pay-repat-1');
    expect((await act(filed.id, 'confirm-payment', { paidReference: 'BDO-TRX-993' })).body.state).toBe('paid');
    // The member who filed is mailed each step, in their language.
    const mails = (await outboxMessages(t, { recipient: member.email })).filter((m) => m.data?.referenceNumber === filed.reference);
    expect(mails.map((r: { template: string }) => r.template).sort()).toEqual([
      'welfare.claim-approved',
      'welfare.claim-disbursed',
      'welfare.claim-paid',
      'welfare.claim-received',
    ]);
    expect(mails.every((r: { language: string }) => r.language === 'fil')).toBe(true);
    const other = (await file(member, { claimType: 'medical', claimedMinor: '300000', currency: 'PHP' }).expect(201)).body;
    await act(other.id, 'take');
    await act(other.id, 'reject', {}, officer, 409);
    expect((await act(other.id, 'reject', { reason: 'The treatment was before the contract' })).body.state).toBe('rejected');
    await act(other.id, 'approve', {}, officer, 409);
  });

  it('a worker sees only the claims they filed', async () => {
    const mine = (await t.http.get('/welfare/claims').set('Authorization', member.bearer).expect(200)).body.items;
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((c: { claimantKind: string }) => c.claimantKind === 'worker')).toBe(true);
    const theirs = (await t.http.get('/welfare/claims').set('Authorization', stranger.bearer).expect(200)).body.items;
    expect(theirs).toHaveLength(1);
    await t.http.get(`/welfare/claims/${theirs[0].id}`).set('Authorization', member.bearer).expect(404);
    await t.http.get(`/welfare/claims/${mine[0].id}`).set('Authorization', stranger.bearer).expect(404);
    // An officer's filing for the member is not the member's own.
    const officerFiled = (await t.http.get('/welfare/claims?pageSize=100').set('Authorization', officer.bearer).expect(200)).body.items.filter(
      (c: { claimantKind: string }) => c.claimantKind === 'officer',
    );
    await t.http.get(`/welfare/claims/${officerFiled[0].id}`).set('Authorization', member.bearer).expect(404);
    // The named spouse sees the one claim they filed as a beneficiary, nothing else.
    expect(
      (await t.http.get('/welfare/claims').set('Authorization', beneficiary.bearer).expect(200)).body.items.map(
        (c: { claimantKind: string }) => c.claimantKind,
      ),
    ).toEqual(['beneficiary']);
    await t.http.post(`/welfare/claims/${mine[0].id}/actions/take`).set('Authorization', member.bearer).send({ version: 1 }).expect(403);
  });

  it('twenty concurrent disbursements with one Idempotency-Key write one ledger entry', async () => {
    const filed = (await file(member, { claimType: 'livelihood-grant' }).expect(201)).body;
    await act(filed.id, 'take');
    const { version } = (await act(filed.id, 'approve')).body;
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        t.http
          .post(`/welfare/claims/${filed.id}/actions/disburse`)
          .set('Authorization', officer.bearer)
          .set('Idempotency-Key', 'livelihood-once')
          .send({ version }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(200));
    expect(results.every((r) => r.body.state === 'disbursed')).toBe(true);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM fund_entry WHERE claim_id = $1 AND kind = 'disbursement'`, [filed.id]);
    expect(n).toBe(1);
  });

  it('a disbursement beyond the fund balance is refused and nothing is written', async () => {
    const fund = (await t.http.get('/welfare/fund').set('Authorization', officer.bearer).expect(200)).body;
    const tooMuch = (BigInt(fund.cashMinor) + 1n).toString();
    const filed = (await file(member, { claimType: 'legal-assistance', claimedMinor: '100000', currency: 'PHP' }).expect(201)).body;
    await act(filed.id, 'take');
    await act(filed.id, 'approve', { approvedMinor: tooMuch, reason: 'Appeal in the destination court' }, supervisor);
    const before = await fundEntries();
    const res = await act(filed.id, 'disburse', {}, officer, 409, 'legal-too-much');
    expect(res.body).toMatchObject({ type: 'urn:lcs:problem:fund-insufficient-balance', balanceMinor: fund.cashMinor });
    expect(await fundEntries()).toBe(before);
    expect((await t.http.get(`/welfare/claims/${filed.id}`).set('Authorization', officer.bearer).expect(200)).body.state).toBe('approved');
    expect((await t.http.get('/welfare/fund').set('Authorization', officer.bearer).expect(200)).body.cashMinor).toBe(fund.cashMinor);
  });

  it('the fund takes appropriations and other income (a finance officer or the admin): double entry, audited, once per key; a benefit the contributions could not pay is paid', async () => {
    const [finance, admin] = await Promise.all((['finance_officer', 'admin'] as const).map((role) => createUser(t, { roles: [role] })));
    const income = (as: TestUser, body: Record<string, unknown>, key?: string) => {
      const req = t.http.post('/welfare/fund/income').set('Authorization', as.bearer);
      return (key ? req.set('Idempotency-Key', key) : req).send({
        kind: 'appropriation',
        amountMinor: '1',
        currency: 'PHP',
        receivedOn: '2026-03-01',
        reference: 'SARO-X',
        description: 'A release of the budget',
        ...body,
      });
    };
    // A death benefit larger than the cash: approved, its disbursement refused.
    const before = (await t.http.get('/welfare/fund').set('Authorization', finance.bearer).expect(200)).body;
    const needed = BigInt(before.cashMinor) + 5_000_000n;
    const filed = (await file(member, { claimType: 'death:natural', incidentDate: '2026-02-25' }).expect(201)).body;
    await act(filed.id, 'take');
    await act(filed.id, 'approve', { approvedMinor: needed.toString(), reason: 'Burial abroad and transport of the remains' }, supervisor);
    expect((await act(filed.id, 'disburse', {}, officer, 409, 'death-natural-1')).body.type).toBe('urn:lcs:problem:fund-insufficient-balance');
    // Who may record income: a finance officer or the admin, no one else.
    for (const who of [officer, supervisor, member]) await income(who, {}, 'k-forbidden').expect(403);
    await income(finance, {}).expect(400);
    expect((await income(finance, { currency: 'USD' }, 'k-usd').expect(400)).body.errors[0].field).toBe('currency');
    expect((await income(finance, { receivedOn: '2026-03-03' }, 'k-future').expect(400)).body.errors[0].field).toBe('receivedOn');
    expect((await income(finance, { kind: 'gift' }, 'k-gift').expect(400)).body.errors[0].field).toBe('kind');
    const entriesBefore = await fundEntries();
    const appropriation = {
      kind: 'appropriation',
      amountMinor: (needed - BigInt(before.cashMinor) + 1_000_000n).toString(),
      reference: 'SARO-2026-0042',
      description: 'General Appropriations Act 2026, welfare fund subsidy',
    };
    const recorded = await income(finance, appropriation, 'k-approp-1').expect(201);
    expect(recorded.headers['idempotent-replayed']).toBeUndefined();
    expect(recorded.body).toMatchObject({
      kind: 'appropriation',
      amountMinor: appropriation.amountMinor,
      currency: 'PHP',
      reference: 'SARO-2026-0042',
      recordedBy: finance.id,
    });
    // Retried: the first answer, nothing written; the key for another body 422; the reference again 409.
    const replay = await income(finance, appropriation, 'k-approp-1').expect(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body.id).toBe(recorded.body.id);
    expect((await income(finance, { ...appropriation, amountMinor: '2' }, 'k-approp-1').expect(422)).body.type).toBe('urn:lcs:problem:idempotency-key-reused');
    expect((await income(finance, appropriation, 'k-approp-2').expect(409)).body.type).toBe('urn:lcs:problem:income-reference-taken');
    await income(
      admin,
      { kind: 'other-income', amountMinor: '250000', reference: 'BDO-INT-2026-02', description: 'Interest on the fund deposit, February' },
      'k-interest',
    ).expect(201);
    expect(await fundEntries()).toBe(entriesBefore + 2);
    const lines = await t.dataSource.query(
      `SELECT l.account, l.debit_minor, l.credit_minor FROM fund_line l JOIN fund_entry e ON e.seq = l.entry_seq WHERE e.income_id = $1 ORDER BY l.id`,
      [recorded.body.id],
    );
    expect(lines).toEqual([
      { account: 'fund-cash', debit_minor: appropriation.amountMinor, credit_minor: '0' },
      { account: 'appropriations-received', debit_minor: '0', credit_minor: appropriation.amountMinor },
    ]);
    const audit = await t.dataSource.query(`SELECT actor_id, changes FROM audit_log WHERE action = 'welfare.fund.income-recorded' ORDER BY seq`);
    expect(audit.map((a: { actor_id: string }) => a.actor_id)).toEqual([finance.id, admin.id]);
    const fund = (await t.http.get('/welfare/fund').set('Authorization', finance.bearer).expect(200)).body;
    expect(fund).toMatchObject({
      appropriationsReceivedMinor: appropriation.amountMinor,
      otherIncomeMinor: '250000',
      cashMinor: (BigInt(before.cashMinor) + BigInt(appropriation.amountMinor) + 250000n).toString(),
    });
    expect(fund.uncommittedMinor).toBe((BigInt(fund.cashMinor) - BigInt(fund.payablesMinor)).toString());
    expect(
      (await t.http.get('/welfare/fund/income').set('Authorization', officer.bearer).expect(200)).body.items
        .map((i: { reference: string }) => i.reference)
        .sort(),
    ).toEqual(['BDO-INT-2026-02', 'SARO-2026-0042']);

    // The fund's position in the reports: the projected obligations are the approved claims not yet disbursed.
    const position = (await t.http.get('/welfare/reports/fund-position').set('Authorization', officer.bearer).expect(200)).body;
    expect(position).toMatchObject({
      currency: 'PHP',
      asOfDay: '2026-03-02',
      cashMinor: fund.cashMinor,
      income: { appropriationsMinor: appropriation.amountMinor, otherIncomeMinor: '250000', contributionsMinor: fund.contributionsReceivedMinor },
    });
    expect(position.totals).toEqual({ claims: expect.any(Number), obligationsMinor: fund.payablesMinor, uncommittedMinor: fund.uncommittedMinor });
    expect(position.rows).toEqual(expect.arrayContaining([{ claimType: 'death:natural', claims: 1, obligationsMinor: needed.toString() }]));
    // The day's income shows in the fund balance.
    const day = (await t.http.get('/welfare/reports/fund-balance?from=2026-03-02&to=2026-03-02').set('Authorization', officer.bearer).expect(200)).body;
    expect(day.rows[0].incomeInMinor).toBe((BigInt(appropriation.amountMinor) + 250000n).toString());

    // Now the benefit is paid, and it is an obligation no more.
    expect((await act(filed.id, 'disburse', {}, officer, 200, 'death-natural-2')).body.state).toBe('disbursed');
    const after = (await t.http.get('/welfare/reports/fund-position').set('Authorization', supervisor.bearer).expect(200)).body;
    expect(after.rows.find((r: { claimType: string }) => r.claimType === 'death:natural')).toBeUndefined();
    expect(after.totals.obligationsMinor).toBe((BigInt(fund.payablesMinor) - needed).toString());
    expect(after.disbursedMinor).toBe((BigInt(position.disbursedMinor) + needed).toString());
  });

  it("lists each claim type's document checklist before filing, and a claim filed carries the same list", async () => {
    await t.http.get('/welfare/claim-types').expect(401);
    const types = (await t.http.get('/welfare/claim-types').set('Authorization', member.bearer).expect(200)).body as {
      claimType: string;
      documents: { code: string; label: string }[];
      beneficiaryDocuments: { code: string }[];
    }[];
    expect(types.map((x) => x.claimType)).toEqual([...CLAIM_TYPES]);
    const medical = types.find((x) => x.claimType === 'medical')!;
    expect(medical.documents.map((d) => d.code)).toEqual(['membership-record', 'passport-copy', 'medical-report', 'medical-receipts']);
    expect(medical.documents[2].label).toBe('Medical certificate or report: diagnosis and treatment');
    expect(medical.beneficiaryDocuments.map((d) => d.code)).toEqual([
      'membership-record',
      'passport-copy',
      'medical-report',
      'medical-receipts',
      'claimant-id',
      'proof-of-relationship',
    ]);
    const filed = (await file(member, { claimType: 'medical', claimedMinor: '250000', currency: 'PHP' }).expect(201)).body;
    expect(filed.checklist).toEqual(medical.documents);
  });

  it('an admin keeps the benefit schedule: an overlap is refused, an entry ended (never lengthened) makes room for the next', async () => {
    const admin = await createUser(t, { roles: ['admin'] });
    const entries = (await t.http.get('/welfare/benefit-schedules').set('Authorization', member.bearer).expect(200)).body as {
      id: string;
      claimType: string;
      validTo: string | null;
      rule: { kind: string };
    }[];
    expect(new Set(entries.map((e) => e.rule.kind))).toEqual(new Set(['fixed', 'by-degree', 'reimbursement']));
    const current = entries.find((e) => e.claimType === 'education-grant' && e.validTo === null)!;
    const next = {
      claimType: 'education-grant',
      rule: { kind: 'reimbursement', capMinor: 1_500_000, currency: 'PHP' },
      validFrom: '2100-01-01',
      source: 'Board Resolution No. 1, s. 2099',
    };
    expect((await t.http.post('/admin/benefit-schedules').set('Authorization', admin.bearer).send(next).expect(409)).body.code).toBe(
      'benefit-schedule-overlap',
    );
    expect(
      (await t.http.post(`/admin/benefit-schedules/${current.id}/end`).set('Authorization', admin.bearer).send({ validTo: '2020-01-01' }).expect(400)).body
        .errors[0].field,
    ).toBe('validTo');
    expect(
      (await t.http.post(`/admin/benefit-schedules/${current.id}/end`).set('Authorization', admin.bearer).send({ validTo: '2099-12-31' }).expect(200)).body,
    ).toMatchObject({ id: current.id, validTo: '2099-12-31' });
    expect(
      (await t.http.post(`/admin/benefit-schedules/${current.id}/end`).set('Authorization', admin.bearer).send({ validTo: '2099-12-31' }).expect(409)).body
        .code,
    ).toBe('benefit-schedule-already-ended');
    const created = (await t.http.post('/admin/benefit-schedules').set('Authorization', admin.bearer).send(next).expect(201)).body;
    expect(created).toMatchObject({
      claimType: 'education-grant',
      rule: { kind: 'reimbursement', capMinor: '1500000', currency: 'PHP' },
      oneTime: false,
      validFrom: '2100-01-01',
      validTo: null,
    });
    await t.http.post(`/admin/benefit-schedules/not-a-uuid/end`).set('Authorization', admin.bearer).send({ validTo: '2099-12-31' }).expect(400);
  });

  it('the eligibility-exceptions CSV is streamed from a database cursor: chunked, the same bytes as the JSON rows written at once', async () => {
    const json = (await t.http.get('/welfare/reports/eligibility-exceptions').set('Authorization', supervisor.bearer).expect(200)).body;
    expect(json.rows.length).toBeGreaterThan(0);
    const res = await t.http.get('/welfare/reports/eligibility-exceptions?format=csv').set('Authorization', supervisor.bearer).expect(200);
    expect(res.headers['transfer-encoding']).toBe('chunked');
    expect(res.headers['content-length']).toBeUndefined();
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="welfare-eligibility-exceptions-${json.asOfDate}.csv"`);
    expect(res.text).toBe(toCsv(json.rows, EXCEPTION_COLUMNS));
    const bad = await t.http.get('/welfare/reports/eligibility-exceptions?format=csv&to=2026-02-30').set('Authorization', supervisor.bearer).expect(400);
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});
