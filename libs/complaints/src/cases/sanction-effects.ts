import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { EntityManager, In } from 'typeorm';
import { License, LicensingActor, LicensingService } from '@app/agencies';
import { Clock, ValidationFailedException } from '@app/common';
import { DeadlineService } from '@app/deadlines';
import { RefundOrders } from '@app/fees';
import { COMPLAINT_DEADLINES } from '../deadlines/complaint-deadline-kinds';
import { Allegation, AllegationFinding, Complaint, Fine } from '../entities';
import type { Proposal } from '../penalties';
import {
  AllegationCategory,
  DecidedCase,
  DecidedFinding,
  GravityInput,
  OffenceGravity,
  PenaltySchedule,
  PriorOffence,
  Sanction,
  gravityOf,
  priorOffencesOf,
  proposeForDecision,
} from '../penalties';
import { PenaltySchedules } from '../penalties/penalty-schedules.service';
import { ComplaintNotices } from './complaint-notices';
import { mailMoney } from '@app/notifications';

/** A sanction as decided on an allegation (stored in allegation.sanction). */
export type DecidedSanction =
  | { kind: 'suspension'; months: number }
  | { kind: 'revocation' }
  | { kind: 'fine'; amountMinor: string; currency: string }
  /** The agency pays the worker back (wages, fees): a refund order, garnished from escrow when unpaid. */
  | { kind: 'refund-order'; amountMinor: string; currency: string };

/** A decision on one allegation, as the lifecycle's `decide` takes it. */
export interface FindingInput {
  allegationId: string;
  finding: AllegationFinding;
  note?: string;
  /** For a violation: the sanctions decided (default: the schedule's proposal); a departure needs `departureReason`. */
  sanctions?: DecidedSanction[];
  departureReason?: string;
}

/** The schedule's proposal for one decision (one complainant: one offence). */
export interface CaseProposal {
  gravity: OffenceGravity;
  offenceNumber: number;
  sanctions: DecidedSanction[];
  basis: Proposal['basis'];
  /** The first day of the schedule version used (null: the built-in defaults). */
  scheduleEffectiveFrom: string | null;
  /** Each violation's own gravity. */
  findingGravity: Map<string, OffenceGravity>;
}

/** The proposal shown on the case before the decision. */
export type CaseProposalView = Omit<CaseProposal, 'findingGravity'> & { assumes: 'every-allegation-found' };

const gravityInputOf = (a: Allegation): GravityInput => ({
  category: a.category as AllegationCategory,
  traffickingIndicators: a.traffickingIndicators,
  protectedCategoryFee: a.protectedCategoryFee,
});

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
    private readonly schedules: PenaltySchedules,
    private readonly notices: ComplaintNotices,
  ) {}

  /**
   * The schedule's proposal for one decision whose violations are `violations`: the case is one
   * complainant, so one offence (of the gravest gravity among them), numbered after the agency's
   * decided cases (each one offence, whatever its number of violations), under the schedule in
   * force today in the case's jurisdiction.
   */
  async propose(m: EntityManager, c: Complaint, violations: Allegation[]): Promise<CaseProposal> {
    const { schedule, effectiveFrom } = await this.schedules.inForceNow(m, c.jurisdictionCode);
    const prior = c.agencyId ? await this.priorOffences(m, c, schedule) : [];
    const proposal = proposeForDecision({ findings: violations.map(gravityInputOf), prior, schedule });
    return {
      gravity: proposal.gravity,
      offenceNumber: proposal.offences[0].number,
      sanctions: proposal.sanctions.map(fromScheduleSanction),
      basis: proposal.basis,
      scheduleEffectiveFrom: effectiveFrom,
      findingGravity: new Map(violations.map((a) => [a.id, gravityOf(gravityInputOf(a), schedule)])),
    };
  }

  /** The agency's decided cases other than this one, one offence each (rows of one case grouped). */
  private async priorOffences(m: EntityManager, c: Complaint, schedule: PenaltySchedule): Promise<PriorOffence[]> {
    const rows = (await m.query(
      `SELECT co.id AS complaint_id, al.category, al.trafficking_indicators, al.protected_category_fee, al.sanction, co.closed_at FROM allegation al JOIN complaint co ON co.id = al.complaint_id
        WHERE co.agency_id = $1 AND co.id <> $2 AND co.stage = 'closed' AND co.outcome IN ('decided','appeal-decided') AND al.finding = 'violation'
        ORDER BY co.closed_at, co.id, al.position`,
      [c.agencyId, c.id],
    )) as {
      complaint_id: string;
      category: string;
      trafficking_indicators: boolean;
      protected_category_fee: boolean;
      sanction: { decided?: DecidedSanction[]; gravity?: OffenceGravity } | null;
      closed_at: Date;
    }[];
    const cases = new Map<string, DecidedCase & { findings: DecidedFinding[] }>();
    for (const r of rows) {
      const one = cases.get(r.complaint_id) ?? { decidedAt: r.closed_at, findings: [] };
      one.findings.push({
        // The gravity recorded with the decision; older decisions are read under today's schedule.
        gravity:
          r.sanction?.gravity ??
          gravityOf(
            { category: r.category as AllegationCategory, traffickingIndicators: r.trafficking_indicators, protectedCategoryFee: r.protected_category_fee },
            schedule,
          ),
        sanctions: (r.sanction?.decided ?? []).flatMap(toScheduleSanction),
      });
      cases.set(r.complaint_id, one);
    }
    return priorOffencesOf([...cases.values()]);
  }

  /**
   * Whether the case alleges a serious offence under the schedule in force, or abuse: such a case
   * is never settled away (settlement may dispose of the money claim; the offence is adjudicated).
   */
  async seriousOffence(m: EntityManager, c: Complaint, allegations: Allegation[]): Promise<boolean> {
    const { schedule } = await this.schedules.inForceNow(m, c.jurisdictionCode);
    return allegations.some((a) => a.category === 'abuse-harassment' || gravityOf(gravityInputOf(a), schedule) === 'serious');
  }

  /**
   * Before the decision: what the schedule proposes if every allegation of the case is found a
   * violation (null when no licensed agency is on the case).
   */
  async preview(m: EntityManager, c: Complaint, allegations: Allegation[]): Promise<CaseProposalView | null> {
    if (!c.agencyId || !allegations.length) return null;
    const p = await this.propose(m, c, allegations);
    return {
      assumes: 'every-allegation-found',
      gravity: p.gravity,
      offenceNumber: p.offenceNumber,
      sanctions: p.sanctions,
      basis: p.basis,
      scheduleEffectiveFrom: p.scheduleEffectiveFrom,
    };
  }

  /**
   * What is stored on each allegation found a violation in one decision. The decision's violations
   * are one offence: the proposal is carried by the first of them (by position); the others are
   * numbered with it and propose nothing of their own. What the supervisor decided on each (the
   * proposal when they say nothing), and the reason for departing from it (required when they do).
   */
  async decideAll(m: EntityManager, c: Complaint, allegations: Allegation[], findings: FindingInput[]): Promise<Map<string, Record<string, unknown>>> {
    const out = new Map<string, Record<string, unknown>>();
    const violations = allegations.filter((a) => findings.find((f) => f.allegationId === a.id)?.finding === 'violation');
    if (!violations.length) return out;
    const p = await this.propose(m, c, violations);
    const lead = violations[0];
    for (const a of violations) {
      const f = findings.find((x) => x.allegationId === a.id)!;
      const proposed = a === lead ? p.sanctions : [];
      const final = f.sanctions ?? proposed;
      const departs = JSON.stringify(final) !== JSON.stringify(proposed);
      if (departs && !f.departureReason?.trim()) {
        throw new ValidationFailedException([
          { field: `findings[${findings.indexOf(f)}].sanctions`, message: 'departs from the proposed sanction: give departureReason', rule: 'departureReason' },
        ]);
      }
      out.set(a.id, {
        gravity: p.findingGravity.get(a.id),
        offenceNumber: p.offenceNumber,
        offenceGravity: p.gravity,
        numberedWith: a === lead ? null : lead.id,
        scheduleEffectiveFrom: p.scheduleEffectiveFrom,
        proposed,
        basis: p.basis,
        decided: final,
        ...(departs ? { departureReason: f.departureReason!.trim() } : {}),
      });
    }
    return out;
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
          const order = await this.refunds.openForDecision(m, {
            agencyId: c.agencyId!,
            complaintId: c.id,
            caseReference: c.reference,
            key: `${a.position}-${s.currency}`,
            amountMinor: BigInt(s.amountMinor),
            currency: s.currency,
            workerName: 'the complainant',
            placementId: c.placementId,
          });
          refundOrders.push(order.reference);
          // The worker is told what the agency must pay them, and by when.
          await this.notices.toComplainant(
            m,
            c,
            'complaint.refund-ordered',
            { amount: mailMoney(order.amountMinor, order.currency), refundReference: order.reference, dueDate: await this.notices.day(m, c, order.dueAt) },
            `refund:${order.reference}`,
          );
        }
      }
    }
    return { fines, refundOrders };
  }

  private async fine(m: EntityManager, c: Complaint, a: Allegation, s: { amountMinor: string; currency: string }): Promise<string> {
    const existing = await m.findOne(Fine, { where: { complaintId: c.id, allegationId: a.id } });
    if (existing) return existing.reference;
    const [{ seq }] = (await m.query(`SELECT nextval('fine_serial_seq')::text AS seq`)) as { seq: string }[];
    const id = randomUUID();
    const reference = `FN-${c.reference.slice(4, 8)}-${seq.padStart(6, '0')}`;
    const deadline = await this.deadlines.start(m, {
      kind: COMPLAINT_DEADLINES.finePayment,
      subjectType: 'fine',
      subjectId: id,
      label: `Fine ${reference} (case ${c.reference})`,
      jurisdictionCode: c.jurisdictionCode,
    });
    await m.insert(Fine, {
      id,
      reference,
      agencyId: c.agencyId!,
      complaintId: c.id,
      allegationId: a.id,
      amountMinor: s.amountMinor,
      currency: s.currency,
      state: 'open',
      dueAt: new Date(deadline.dueAt),
      paidReference: null,
      createdAt: this.clock.now(),
    });
    await this.notices.toAgency(
      m,
      c,
      'complaint.fine-imposed',
      { fineReference: reference, amount: mailMoney(s.amountMinor, s.currency), dueDate: await this.notices.day(m, c, deadline.dueAt) },
      `fine:${reference}`,
    );
    return reference;
  }

  private async onLicense(m: EntityManager, c: Complaint, allegations: Allegation[], now: Date): Promise<Record<string, unknown>> {
    const decided = allegations
      .filter((a) => a.finding === 'violation' && a.sanction)
      .flatMap((a) => (a.sanction as { decided?: DecidedSanction[] }).decided ?? []);
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
    // A license already suspended serves this suspension after the current one: nothing is dropped.
    const consecutive = license.state === 'suspended' && !!license.suspendedUntil && license.suspendedUntil > now;
    const from = consecutive ? license.suspendedUntil! : now;
    const until = DateTime.fromJSDate(from).plus({ months }).toJSDate();
    await this.licensing.transitionIn(m, license.id, 'suspend', { reason, until }, actor, { now });
    return { applied: 'suspension', months, consecutive, from: from.toISOString(), until: until.toISOString(), licenseId: license.id };
  }
}

const fromScheduleSanction = (s: Sanction): DecidedSanction =>
  s.kind === 'suspension'
    ? { kind: 'suspension', months: s.proposedMonths }
    : s.kind === 'revocation'
      ? { kind: 'revocation' }
      : { kind: 'fine', amountMinor: s.amountMinor.toString(), currency: s.currency };

/** A decided sanction as the schedule reads a prior offence (refund orders are not penalties: left out). */
const toScheduleSanction = (s: DecidedSanction): Sanction[] =>
  s.kind === 'suspension'
    ? [{ kind: 'suspension', minMonths: s.months, maxMonths: s.months, proposedMonths: s.months }]
    : s.kind === 'revocation'
      ? [{ kind: 'revocation' }]
      : s.kind === 'fine'
        ? [{ kind: 'fine', amountMinor: BigInt(s.amountMinor), currency: s.currency }]
        : [];
