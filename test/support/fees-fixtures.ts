import { Placements, RateLookup, RecordPlacementInput, SEEDED_EXCHANGE_RATES, seedFeeReferenceData } from '@app/fees';
import { DocumentsService } from '@app/documents';
import { SMALL_PDF } from '../documents/fixtures';
import type { TestApp } from './test-app';

/** Writes the seeded fee rules and demonstration rates into the test app's database. */
export async function seedFees(t: TestApp): Promise<void> {
  await t.dataSource.transaction((m) => seedFeeReferenceData(m));
}

const DAY = 86_400_000;

/**
 * An oracle for expected figures: the seeded rate in force on a date (the pair's latest on or
 * before it, at most `maxAgeDays` old), computed from the seed data, not from the database.
 */
export const seededRates =
  (maxAgeDays = 31): RateLookup =>
  (from, to, date) => {
    const on = Date.parse(`${date}T00:00:00Z`);
    let best: { at: number; rate: string } | undefined;
    for (const r of SEEDED_EXCHANGE_RATES) {
      if (r.base !== from || r.quote !== to) continue;
      const at = Date.parse(`${r.date}T00:00:00Z`);
      if (at <= on && (!best || at > best.at)) best = { at, rate: r.rate };
    }
    return best && (on - best.at) / DAY <= maxAgeDays ? best.rate : undefined;
  };

/** A placement body for POST /placements, with overrides. */
export function placementBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    workerName: 'Maria Santos',
    workerPassportNumber: 'P1234567A',
    employerName: 'Kowloon Logistics Ltd.',
    destinationCountry: 'HK',
    occupationCategory: 'general',
    monthlySalaryMinor: '600000',
    salaryCurrency: 'HKD',
    recruitedOn: '2026-02-02',
    contractStart: '2026-04-01',
    contractMonths: 24,
    fees: [],
    ...overrides,
  };
}

/** Records the fees rows of the access matrix need (filled by createFeesFixtures in its beforeAll). */
export const feesFixtures = {
  /** An open-ended rule for the admin to end. */
  ruleToEndId: '',
  /** An open-ended model contract for the admin to end. */
  modelToEndId: '',
  /** A placement of the matrix agency with fees over the cap. */
  placementId: '',
  /** Open refund orders of the matrix agency: one paid by the inspector, one by the supervisor, one cancelled. */
  payByInspectorId: '',
  payBySupervisorId: '',
  toCancelId: '',
  /** Open orders for the agency's admin and staff to declare their payment of (issue 22). */
  declareByAdminId: '',
  declareByStaffId: '',
  /** Orders whose payment the agency declared, for the inspector and the supervisor to reject. */
  rejectByInspectorId: '',
  rejectBySupervisorId: '',
  /** A declared order with its stored proof, for every reader to download. */
  proofOrderId: '',
  /** Placements of the matrix agency with no contribution yet (the welfare rows use them). */
  spareIds: [] as string[],
  /** The placements' worker passport. */
  passport: 'P1234567A',
  /** The placement's current revision (amendments succeed more than once). */
  revision: async (): Promise<number> => 0,
  /** Makes a worker account the placement's worker (the worker routes need their own placement). */
  linkWorker: async (_userId: string): Promise<void> => undefined,
};

/** Seeds the fee rules and rates, and the records above, for the matrix agency (licensed by then). */
export async function createFeesFixtures(t: TestApp, matrixAgencyId: string): Promise<void> {
  await seedFees(t);
  const f = feesFixtures;
  [{ id: f.ruleToEndId }] = await t.dataSource.query(
    `INSERT INTO fee_rule (destination_country, occupation_category, origin_country, valid_from, valid_to, placement_fee_cap, allowed_items, prohibited_items, protected, source, created_at)
     VALUES ('JP', 'general', 'PH', '2027-01-01', NULL, '{"kind":"none"}', '[]', '[]', false, 'matrix fixture', now()) RETURNING id`,
  );
  [{ id: f.modelToEndId }] = await t.dataSource.query(
    `INSERT INTO model_contract (destination_country, occupation_category, origin_country, valid_from, valid_to, min_monthly_salary_minor, salary_currency, max_hours_per_week, min_rest_days_per_week, min_paid_leave_days_per_year, contract_months, fare_paid_by, source, created_at)
     VALUES ('JP', 'general', 'PH', '2027-01-01', NULL, 20000000, 'JPY', 40, 2, 10, 36, 'employer', 'matrix fixture', now()) RETURNING id`,
  );
  const placements = t.app.get(Placements, { strict: false });
  const actor = { userId: null, roles: ['agency_admin'], agencyId: matrixAgencyId, auditActor: 'system' as const };
  const overCap = async () => {
    const today = new Date().toISOString().slice(0, 10);
    const view = await t.dataSource.transaction((m) =>
      placements.recordIn(
        m,
        matrixAgencyId,
        {
          ...(placementBody({ recruitedOn: today, contractStart: today }) as unknown as RecordPlacementInput),
          fees: [{ item: 'placement-fee', amountMinor: '3000000', currency: 'PHP', date: today, receiptNumber: 'MATRIX' }],
        },
        actor,
      ),
    );
    return view;
  };
  const first = await overCap();
  f.placementId = first.id;
  f.payByInspectorId = first.refundOrders[0].id;
  f.payBySupervisorId = (await overCap()).refundOrders[0].id;
  f.toCancelId = (await overCap()).refundOrders[0].id;
  f.declareByAdminId = (await overCap()).refundOrders[0].id;
  f.declareByStaffId = (await overCap()).refundOrders[0].id;
  const declared = async () => {
    const id = (await overCap()).refundOrders[0].id;
    const proof = await t.app.get(DocumentsService, { strict: false }).store(t.dataSource.manager, {
      content: SMALL_PDF,
      declaredName: 'receipt.pdf',
      ownerType: 'refund-order',
      ownerId: id,
      agencyId: matrixAgencyId,
      kind: 'payment-proof',
      uploadedBy: null,
      actor: 'system' as const,
    });
    await t.dataSource.query(
      `UPDATE refund_order SET state = 'payment-declared', declared_reference = 'MATRIX-DECL', declared_document_id = $2, declared_at = now() WHERE id = $1`,
      [id, proof.id],
    );
    return id;
  };
  f.rejectByInspectorId = await declared();
  f.rejectBySupervisorId = await declared();
  f.proofOrderId = await declared();
  f.spareIds = [(await overCap()).id, (await overCap()).id, (await overCap()).id];
  f.revision = async () => Number((await t.dataSource.query(`SELECT revision FROM placement WHERE id = $1`, [f.placementId]))[0].revision);
  f.linkWorker = async (userId) => {
    await t.dataSource.query(`UPDATE placement SET worker_user_id = $2 WHERE id = $1`, [f.placementId, userId]);
  };
}
