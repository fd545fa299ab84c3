import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { EntityManager, In } from 'typeorm';
import { License, LicensingActor, LicensingService } from '@app/agencies';
import { Clock, ValidationFailedException } from '@app/common';
import { DeadlineService } from '@app/deadlines';
import { RefundOrders } from '@app/fees';
import { COMPLAINT_DEADLINES } from '../deadlines/complaint-deadline-kinds';
import { Allegation, Complaint, Fine } from '../entities';
import { AllegationCategory, PriorOffence, Proposal, Sanction, gravityOf, proposeSanctions } from '../penalties';

/** A sanction as decided on an allegation (stored in allegation.sanction). */
export type DecidedSanction =
  | { kind: 'suspension'; months: number }
  | { kind: 'revocation' }
  | { kind: 'fine'; amountMinor: string; currency: string }
  /** The agency pays the worker back (wages, fees): a refund order, garnished from escrow when unpaid. */
  | { kind: 'refund-order'; amountMinor: string; currency: string };

/**
 * When a decision becomes final (the appeal window lapsed, or the appeal was decided), its
 * sanctions take effect: on the license (revocation if any violation calls for it, otherwise one
 * suspension for the months added up), fines with a payment deadline (complaint.fine-payment), and
 * refund orders to the worker (fees.refund-payment; garnished from escrow when unpaid). Open fines
 * and refund orders block the agency's license clearance. Idempotent per case and allegation.
 */
@Injectable()
export class SanctionEffects {
  constructor(
    private readonly licensing: LicensingService,
    private readonly refunds: RefundOrders,
    private readonly deadlines: DeadlineService,
    private readonly clock: Clock,
  ) {}

  /**
   * The schedule's proposal for a violation found on one allegation (each complainant is one
   * violation; a case has one complainant), numbered after the agency's decided offences.
   */
  async propose(m: EntityManager, c: Complaint, a: Allegation): Promise<Proposal> {
    const gravity = gravityOf({ category: a.category as AllegationCategory, traffickingIndicators: a.traffickingIndicators, protectedCategoryFee: a.protectedCategoryFee });
    const rows = (await m.query(
      `SELECT al.category, al.trafficking_indicators, al.protected_category_fee, al.sanction, co.closed_at FROM allegation al JOIN complaint co ON co.id = al.complaint_id
        WHERE co.agency_id = $1 AND co.id <> $2 AND co.stage = 'closed' AND co.outcome IN ('decided','appeal-decided') AND al.finding = 'violation'`,
      [c.agencyId, c.id],
    )) as { category: string; trafficking_indicators: boolean; protected_category_fee: boolean; sanction: { decided?: DecidedSanction[] } | null; closed_at: Date }[];
    const prior: PriorOffence[] = rows.map((r) => ({
      gravity: gravityOf({ category: r.category as AllegationCategory, traffickingIndicators: r.trafficking_indicators, protectedCategoryFee: r.protected_category_fee }),
      decidedAt: r.closed_at,
      sanctions: (r.sanction?.decided ?? []).flatMap(toScheduleSanction),
    }));
    return proposeSanctions({ gravity, complainants: 1, prior });
  }

  /**
   * What is stored on the allegation: the proposal, what the supervisor decided (the proposal
   * when they say nothing), and the reason for departing from it (required when they do).
   */
  async decide(m: EntityManager, c: Complaint, a: Allegation, decided: DecidedSanction[] | undefined, departureReason: string | undefined, field: string): Promise<Record<string, unknown>> {
    const proposal = await this.propose(m, c, a);
    const proposed = proposal.sanctions.map(fromScheduleSanction);
    const final = decided ?? proposed;
    const departs = JSON.stringify(final) !== JSON.stringify(proposed);
    if (departs && !departureReason?.trim()) {
      throw new ValidationFailedException([{ field, message: 'departs from the proposed sanction: give departureReason', rule: 'departureReason' }]);
    }
    return { proposed, basis: proposal.basis, decided: final, ...(departs ? { departureReason: departureReason!.trim() } : {}) };
  }

  async apply(m: EntityManager, c: Complaint, allegations: Allegation[], now: Date): Promise<Record<string, unknown>> {
    if (!c.agencyId) return { applied: 'none', why: 'no licensed agency on the case' };
    const money = await this.money(m, c, allegations);
    return { ...(await this.onLicense(m, c, allegations, now)), ...money };
  }

  /** Fines and refund orders of the violations found (one per allegation and kind, whatever the retries). */
  private async money(m: EntityManager, c: Complaint, allegations: Allegation[]): Promise<{ fines: string[]; refundOrders: string[] }> {
    const fines: string[] = [];
    const refundOrders: string[] = [];
    for (const a of allegations) {
      if (a.finding !== 'violation' || !a.sanction) continue;
      for (const s of (a.sanction as { decided?: DecidedSanction[] }).decided ?? []) {
        if (s.kind === 'fine') fines.push(await this.fine(m, c, a, s));
        if (s.kind === 'refund-order') {
          const order = await this.refunds.openForDecision(m, { agencyId: c.agencyId!, complaintId: c.id, caseReference: c.reference, key: `${a.position}-${s.currency}`, amountMinor: BigInt(s.amountMinor), currency: s.currency, workerName: 'the complainant', placementId: c.placementId });
          refundOrders.push(order.reference);
        }
      }
    }
    return { fines, refundOrders };
  }

  private async fine(m: EntityManager, c: Complaint, a: Allegation, s: { amountMinor: string; currency: string }): Promise<string> {
    const existing = await m.findOne(Fine, { where: { complaintId: c.id, allegationId: a.id } });
    if (existing) return existing.reference;
    const [{ seq }] = (await m.query(`SELECT nextval('fine_serial_seq')::text AS seq`)) as { seq: string }[];
    const id = ((await m.query(`SELECT gen_random_uuid()::text AS id`)) as { id: string }[])[0].id;
    const reference = `FN-${c.reference.slice(4, 8)}-${seq.padStart(6, '0')}`;
    const deadline = await this.deadlines.start(m, { kind: COMPLAINT_DEADLINES.finePayment, subjectType: 'fine', subjectId: id, label: `Fine ${reference} (case ${c.reference})`, jurisdictionCode: c.jurisdictionCode });
    await m.insert(Fine, { id, reference, agencyId: c.agencyId!, complaintId: c.id, allegationId: a.id, amountMinor: s.amountMinor, currency: s.currency, state: 'open', dueAt: new Date(deadline.dueAt), paidReference: null, createdAt: this.clock.now() });
    return reference;
  }

  private async onLicense(m: EntityManager, c: Complaint, allegations: Allegation[], now: Date): Promise<Record<string, unknown>> {
    const decided = allegations.filter((a) => a.finding === 'violation' && a.sanction).flatMap((a) => (a.sanction as { decided?: DecidedSanction[] }).decided ?? []);
    const revoke = decided.some((s) => s.kind === 'revocation');
    const months = decided.reduce((n, s) => n + (s.kind === 'suspension' ? s.months : 0), 0);
    if (!revoke && months === 0) return { applied: 'none', why: 'no suspension or revocation decided' };
    const license = await m.findOne(License, { where: { agencyId: c.agencyId!, state: In(['active', 'suspended']) }, lock: { mode: 'pessimistic_write' } });
    if (!license) return { applied: 'none', why: 'the agency holds no live license' };
    const actor: LicensingActor = { userId: null, roles: ['supervisor', 'system'], agencyId: null, correlationId: null };
    const reason = `Decision in case ${c.reference}`;
    if (revoke) {
      await this.licensing.transitionIn(m, license.id, 'revoke', { reason }, actor, { now });
      return { applied: 'revocation', licenseId: license.id };
    }
    if (license.state === 'suspended') return { applied: 'none', why: `license already suspended; ${months} months to be imposed by a supervisor`, months };
    const until = DateTime.fromJSDate(now).plus({ months }).toJSDate();
    await this.licensing.transitionIn(m, license.id, 'suspend', { reason, until }, actor, { now });
    return { applied: 'suspension', months, until: until.toISOString(), licenseId: license.id };
  }
}

const fromScheduleSanction = (s: Sanction): DecidedSanction =>
  s.kind === 'suspension' ? { kind: 'suspension', months: s.proposedMonths } : s.kind === 'revocation' ? { kind: 'revocation' } : { kind: 'fine', amountMinor: s.amountMinor.toString(), currency: s.currency };

/** A decided sanction as the schedule reads a prior offence (refund orders are not penalties: left out). */
const toScheduleSanction = (s: DecidedSanction): Sanction[] =>
  s.kind === 'suspension'
    ? [{ kind: 'suspension', minMonths: s.months, maxMonths: s.months, proposedMonths: s.months }]
    : s.kind === 'revocation'
      ? [{ kind: 'revocation' }]
      : s.kind === 'fine'
        ? [{ kind: 'fine', amountMinor: BigInt(s.amountMinor), currency: s.currency }]
        : [];
