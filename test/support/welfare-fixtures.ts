import { Beneficiaries, Contributions, WelfareClaims, seedBenefitSchedule } from '@app/welfare';
import { placementBody } from './fees-fixtures';
import type { TestApp } from './test-app';

/** Records the welfare rows of the access matrix need (filled by createWelfareFixtures in its beforeAll). */
export const welfareFixtures = {
  /** A placement of the matrix agency without a contribution yet (one per allowed caller). */
  placementIds: [] as string[],
  passport: '',
  /** A claim filed by an officer, for reads. */
  claimId: '',
  /** A new submitted claim (each allowed caller of an action gets its own). */
  newClaim: async (): Promise<string> => '',
  version: async (_id: string): Promise<number> => 0,
  /** An open-ended schedule entry for the admin to end. */
  scheduleToEndId: '',
  /** Makes a worker account the filer of the fixture claim. */
  linkFiler: async (_userId: string): Promise<void> => undefined,
  /** A new entry on the member's register (each caller of the removal gets its own). */
  newBeneficiary: async (): Promise<string> => '',
  /** Makes a worker account the member holding `passport` (the worker of the placement whose contribution was paid). */
  linkMember: async (_userId: string): Promise<void> => undefined,
  /** A new claim filed as this worker's, waiting for the document `membership-record` (null: nobody's). */
  awaitingDocuments: async (_userId: string | null): Promise<string> => '',
};

const OFFICER = { userId: null, roles: ['welfare_officer'], auditActor: 'system' as const };

/** `memberPlacementId`: a placement with `passport` (not one of `placementIds`) whose contribution is paid here: its worker is the member. */
export async function createWelfareFixtures(t: TestApp, placementIds: string[], passport: string, memberPlacementId: string): Promise<void> {
  const f = welfareFixtures;
  await t.dataSource.transaction((m) => seedBenefitSchedule(m));
  await t.dataSource.transaction((m) =>
    t.app
      .get(Contributions, { strict: false })
      .recordIn(
        m,
        { placementId: memberPlacementId, paidOn: new Date().toISOString().slice(0, 10), receiptNumber: 'MATRIX-MEMBER' },
        { auditActor: 'system', userId: null, agencyId: null },
      ),
  );
  f.linkMember = async (userId) => {
    await t.dataSource.query(`UPDATE placement SET worker_user_id = $2 WHERE id = $1`, [memberPlacementId, userId]);
  };
  f.placementIds = placementIds;
  f.passport = passport;
  const claims = t.app.get(WelfareClaims, { strict: false });
  const file = async () =>
    (
      await t.dataSource.transaction((m) =>
        claims.fileIn(
          m,
          {
            claimType: 'livelihood-grant',
            workerPassportNumber: passport,
            workerName: 'Maria Santos',
            incidentDate: new Date().toISOString().slice(0, 10),
            facts: 'matrix claim',
            payout: 'matrix bank',
            language: 'en',
          },
          OFFICER,
        ),
      )
    ).id;
  f.claimId = await file();
  // The education grant's seeded entry ends in 2098, so that the admin's new one (2099) may follow it.
  await t.dataSource.query(`UPDATE benefit_schedule_entry SET valid_to = '2098-12-31' WHERE claim_type = 'education-grant'`);
  [{ id: f.scheduleToEndId }] = await t.dataSource.query(`SELECT id FROM benefit_schedule_entry WHERE claim_type = 'legal-assistance'`);
  f.newClaim = file;
  f.newBeneficiary = async () =>
    (
      await t.dataSource.transaction((m) =>
        t.app
          .get(Beneficiaries, { strict: false })
          .registerIn(
            m,
            passport,
            { name: 'Matrix Heir', relationship: 'child', idNumber: 'MATRIX-ID', proof: { kind: 'birth-certificate', reference: 'PSA-MATRIX' } },
            OFFICER,
          ),
      )
    ).id;
  f.version = async (id) => Number((await t.dataSource.query(`SELECT version FROM welfare_claim WHERE id = $1`, [id]))[0].version);
  f.awaitingDocuments = async (userId) => {
    const id = await file();
    await t.dataSource.query(`UPDATE welfare_claim SET filed_by = $2, claimant_kind = 'worker' WHERE id = $1`, [id, userId]);
    const officer = { ...OFFICER, roles: ['welfare_officer'] };
    await claims.act(id, 'take', { version: await f.version(id) }, officer);
    await claims.act(id, 'request-documents', { version: await f.version(id), documents: ['membership-record'] }, officer);
    return id;
  };
  f.linkFiler = async (userId) => {
    await t.dataSource.query(`UPDATE welfare_claim SET filed_by = $2 WHERE id = $1`, [f.claimId, userId]);
  };
}

/**
 * A member of the fund, as an agency makes one through the routes: a placement of Rodel Santos
 * (`passport`; his account's `email` links it) recruited in January 2026 for two years from
 * 1 February, and its contribution paid that day under `receipt`. Answers the placement's id.
 */
export async function contributingMember(
  t: TestApp,
  agencyAdmin: { bearer: string },
  { passport, receipt, email }: { passport: string; receipt: string; email?: string },
): Promise<string> {
  const placement = await t.http
    .post('/placements')
    .set('Authorization', agencyAdmin.bearer)
    .send(
      placementBody({
        workerName: 'Rodel Santos',
        workerPassportNumber: passport,
        ...(email ? { workerEmail: email } : {}),
        recruitedOn: '2026-01-10',
        contractStart: '2026-02-01',
        contractMonths: 24,
      }),
    )
    .expect(201);
  await t.http
    .post('/welfare/contributions')
    .set('Authorization', agencyAdmin.bearer)
    .send({ placementId: placement.body.id, paidOn: '2026-02-01', receiptNumber: receipt })
    .expect(201);
  return placement.body.id as string;
}

/**
 * A claim row under review, as the claims service writes one, inserted directly (the fund's specs
 * need a claim of a given type for the ledger to post to, not the filing). Answers its id.
 */
export async function insertClaimRow(
  t: Pick<TestApp, 'dataSource'>,
  { reference, type, filedBy }: { reference: string; type: string; filedBy: string },
): Promise<string> {
  const [{ id }] = (await t.dataSource.query(
    `INSERT INTO welfare_claim (reference, claim_type, state, worker_passport_number, worker_name, claimant_kind, filed_by, incident_date, filed_on, facts,
                                claimed_minor, currency, eligibility, requested_documents, language, version, created_at, updated_at)
     VALUES ($1, $2, 'under_review', 'P1000001R', 'Maria Santos', 'officer', $3, '2026-02-20', '2026-03-01', 'What happened.', 100000, 'PHP',
             '{"eligible": true, "checks": []}'::jsonb, '[]'::jsonb, 'en', 1, now(), now()) RETURNING id`,
    [reference, type, filedBy],
  )) as { id: string }[];
  return id;
}
