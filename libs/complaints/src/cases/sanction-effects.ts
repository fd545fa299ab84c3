import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { EntityManager, In } from 'typeorm';
import { License, LicensingActor, LicensingService } from '@app/agencies';
import { ValidationFailedException } from '@app/common';
import { Allegation, Complaint } from '../entities';
import { AllegationCategory, PriorOffence, Proposal, Sanction, gravityOf, proposeSanctions } from '../penalties';

/** A sanction as decided on an allegation (stored in allegation.sanction). */
export type DecidedSanction = { kind: 'suspension'; months: number } | { kind: 'revocation' } | { kind: 'fine'; amountMinor: string; currency: string };

/**
 * When a decision becomes final (the appeal window lapsed, or the appeal was decided), the
 * sanctions land on the agency's license: revocation if any violation calls for it, otherwise one
 * suspension for the months of all its violations added up. Fines are recorded with the decision;
 * collecting them is not built yet (docs/complaints.md).
 */
@Injectable()
export class SanctionEffects {
  constructor(private readonly licensing: LicensingService) {}

  /**
   * The schedule's proposal for a violation found on one allegation (each complainant is one
   * violation; a case has one complainant), numbered after the agency's decided offences.
   */
  async propose(m: EntityManager, c: Complaint, a: Allegation): Promise<Proposal> {
    const gravity = gravityOf({ category: a.category as AllegationCategory, traffickingIndicators: a.traffickingIndicators });
    const rows = (await m.query(
      `SELECT al.category, al.trafficking_indicators, al.sanction, co.closed_at FROM allegation al JOIN complaint co ON co.id = al.complaint_id
        WHERE co.agency_id = $1 AND co.id <> $2 AND co.stage = 'closed' AND co.outcome IN ('decided','appeal-decided') AND al.finding = 'violation'`,
      [c.agencyId, c.id],
    )) as { category: string; trafficking_indicators: boolean; sanction: { decided?: DecidedSanction[] } | null; closed_at: Date }[];
    const prior: PriorOffence[] = rows.map((r) => ({
      gravity: gravityOf({ category: r.category as AllegationCategory, traffickingIndicators: r.trafficking_indicators }),
      decidedAt: r.closed_at,
      sanctions: (r.sanction?.decided ?? []).map(toScheduleSanction),
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
    const decided = allegations.filter((a) => a.finding === 'violation' && a.sanction).flatMap((a) => (a.sanction as { decided?: DecidedSanction[] }).decided ?? []);
    const revoke = decided.some((s) => s.kind === 'revocation');
    const months = decided.reduce((n, s) => n + (s.kind === 'suspension' ? s.months : 0), 0);
    if (!revoke && months === 0) return { applied: 'none', why: 'no suspension or revocation decided' };
    const license = await m.findOne(License, { where: { agencyId: c.agencyId, state: In(['active', 'suspended']) }, lock: { mode: 'pessimistic_write' } });
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

const toScheduleSanction = (s: DecidedSanction): Sanction =>
  s.kind === 'suspension' ? { kind: 'suspension', minMonths: s.months, maxMonths: s.months, proposedMonths: s.months } : s.kind === 'revocation' ? { kind: 'revocation' } : { kind: 'fine', amountMinor: BigInt(s.amountMinor), currency: s.currency };
