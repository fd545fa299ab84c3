import { Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditActor, AuditLog } from '@app/audit';
import { Actor, Clock, ConfigService, ConflictException, NotFoundException } from '@app/common';
import { isUniqueViolation } from '@app/database';
import { ExchangeRates, Placement, convert, placementWorkers, rethrowAsProblem } from '@app/fees';
import { MembershipPeriod, coverOf, membershipPeriods } from '../core';
import { WelfareContribution } from '../entities/welfare-contribution.entity';
import { FundLedger } from '../ledger/fund-ledger.service';
import { rethrowWelfare } from '../welfare-errors';

/** One contribution paid for one placement: the member's cover comes from it. */
export class ContributionView {
  @ApiProperty({ format: 'uuid', description: "The contribution's id." })
  id: string;

  @ApiProperty({ format: 'uuid', description: 'The placement it was paid for (one contribution per placement).' })
  placementId: string;

  @ApiProperty({ format: 'date', example: '2026-02-01', description: 'The day it was paid.' })
  paidOn: string;

  @ApiProperty({ format: 'date', example: '2026-02-01', description: 'First day it covers: the later of the contract start and the payment day.' })
  coverFrom: string;

  @ApiProperty({ format: 'date', example: '2028-01-31', description: "Last day it covers (included): the contract's end, at most two years after its start." })
  coverTo: string;

  @ApiProperty({
    type: String,
    pattern: '^[0-9]+$',
    example: '2500',
    description: "The amount paid, in minor units of `currency`, as a decimal string. Set by the ministry's settings, never by the request.",
  })
  amountMinor: string;

  @ApiProperty({
    example: 'USD',
    pattern: '^[A-Z]{3}$',
    description: 'ISO 4217 code of the amount paid (the fund books it converted into its own currency at the rate of the payment day).',
  })
  currency: string;

  @ApiProperty({ example: 'OWWA-2026-0001234', description: 'The receipt number; unique over all contributions.' })
  receiptNumber: string;

  @ApiProperty({
    enum: ['agency', 'counter'],
    example: 'agency',
    description: '`agency`: recorded by the placing agency; `counter`: by a welfare officer at a ministry counter.',
  })
  channel: string;
}

/** A run of days on which the worker is a member (both ends included), and the placements whose contributions make it up. */
export class MembershipPeriodView implements MembershipPeriod {
  @ApiProperty({ format: 'date', example: '2026-02-01', description: 'First day of membership.' })
  from: string;

  @ApiProperty({ format: 'date', example: '2028-01-31', description: 'Last day of membership (included).' })
  to: string;

  @ApiProperty({ type: [String], format: 'uuid', description: 'The placements whose contributions make up the period, in order of first appearance.' })
  placementIds: string[];
}

/** A worker's membership: periods derived from the contributions, and the contributions themselves. */
export class MembershipView {
  @ApiProperty({
    type: [MembershipPeriodView],
    description: 'Membership periods in date order; empty when no contribution is on record (the worker is not a member).',
  })
  periods: MembershipPeriodView[];

  @ApiProperty({ type: [ContributionView], description: 'Every contribution recorded for this passport number, oldest payment first.' })
  contributions: ContributionView[];
}

/** One passport number's membership, for its holder. */
export class PassportMembershipView extends MembershipView {
  @ApiProperty({ example: 'P1234567A', description: 'The passport number the contributions were paid under.' })
  passportNumber: string;
}

/** The memberships of the signed-in worker: one per passport number of their own placements with a contribution. */
export class MyMembershipView {
  @ApiProperty({ type: [PassportMembershipView], description: 'Empty when no contribution was paid for a placement of this account: not a member.' })
  memberships: PassportMembershipView[];
}

const view = (c: WelfareContribution): ContributionView => ({
  id: c.id,
  placementId: c.placementId,
  paidOn: c.paidOn,
  coverFrom: c.coverFrom,
  coverTo: c.coverTo,
  amountMinor: c.amountMinor,
  currency: c.currency.trim(),
  receiptNumber: c.receiptNumber,
  channel: c.channel,
});

/**
 * Contributions, one per placement (settings: default USD 25.00, covering the contract up to two
 * years), recorded by the placing agency or at a ministry counter; each is a balanced entry in the
 * fund (converted to the fund's currency at the rate of the day it was paid). Membership is
 * derived from them.
 */
@Injectable()
export class Contributions {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly config: ConfigService,
    private readonly audit: AuditLog,
    private readonly ledger: FundLedger,
    private readonly rates: ExchangeRates,
  ) {}

  /** Records a contribution paid, in one transaction (see recordIn). */
  record(input: { placementId: string; paidOn: string; receiptNumber: string }, actor: Actor): Promise<ContributionView> {
    return this.db.transaction((m) => this.recordIn(m, input, actor));
  }

  /** Records a contribution in the caller's transaction (the API's `record`, test fixtures). */
  async recordIn(
    m: EntityManager,
    input: { placementId: string; paidOn: string; receiptNumber: string },
    actor: { auditActor: AuditActor; userId: string | null; agencyId: string | null; correlationId?: string },
  ): Promise<ContributionView> {
    const placement = await m.findOne(Placement, { where: { id: input.placementId } });
    if (!placement || (actor.agencyId && placement.agencyId !== actor.agencyId)) throw new NotFoundException('placement');
    const settings = this.config.get('welfare');
    const amount = { amountMinor: BigInt(settings.WELFARE_CONTRIBUTION_MINOR), currency: settings.WELFARE_CONTRIBUTION_CURRENCY };
    let cover;
    try {
      cover = coverOf({
        placementId: placement.id,
        paidOn: input.paidOn,
        contractStart: placement.contractStart,
        contractMonths: placement.contractMonths,
        amountMinor: amount.amountMinor,
        currency: amount.currency,
      });
    } catch (e) {
      rethrowWelfare(e);
    }
    if (!cover) throw new ConflictException('contribution-after-contract', `Paid on ${input.paidOn}, after the contract's cover ended: it covers nothing.`);
    let inFund: bigint;
    try {
      const lookup = await this.rates.lookup(m, [amount.currency, this.ledger.currency()], input.paidOn, input.paidOn);
      inFund = convert(amount, this.ledger.currency(), input.paidOn, lookup).amountMinor;
    } catch (e) {
      rethrowAsProblem(e);
    }
    let saved: WelfareContribution;
    try {
      await m.query('SAVEPOINT contribution');
      saved = await m.save(
        WelfareContribution,
        m.create(WelfareContribution, {
          placementId: placement.id,
          workerPassportNumber: placement.workerPassportNumber,
          workerUserId: placement.workerUserId,
          paidOn: input.paidOn,
          coverFrom: cover.from,
          coverTo: cover.to,
          amountMinor: amount.amountMinor.toString(),
          currency: amount.currency,
          receiptNumber: input.receiptNumber,
          channel: actor.agencyId ? 'agency' : 'counter',
          recordedBy: actor.userId,
          createdAt: this.clock.now(),
        }),
      );
      await m.query('RELEASE SAVEPOINT contribution');
    } catch (e) {
      await m.query('ROLLBACK TO SAVEPOINT contribution');
      if (isUniqueViolation(e, 'uq_welfare_contribution_placement'))
        throw new ConflictException('contribution-exists', 'This placement already has its contribution.');
      if (isUniqueViolation(e, 'uq_welfare_contribution_receipt'))
        throw new ConflictException('receipt-number-taken', 'Another contribution has this receipt number.');
      throw e;
    }
    await this.ledger.contribution(m, saved.id, inFund!, actor.userId);
    await this.audit.append(m, {
      actor: actor.auditActor,
      action: 'welfare.contribution.recorded',
      subjectType: 'placement',
      subjectId: placement.id,
      changes: {
        contributionId: saved.id,
        amountMinor: saved.amountMinor,
        currency: saved.currency,
        inFundMinor: inFund!.toString(),
        coverFrom: saved.coverFrom,
        coverTo: saved.coverTo,
      },
      correlationId: actor.correlationId,
    });
    return view(saved);
  }

  /**
   * Whether this worker account is the member holding this passport number: a contribution was
   * paid for a placement with that passport number whose worker is this account now (the placing
   * agency linked it through the worker's email, `Placement.workerUserId`). The account's own
   * placements are read first (libs/fees): a passport number it was never placed under is refused
   * before any contribution is read, the same whether that number has a membership or not.
   */
  async isMemberAccount(m: EntityManager, passportNumber: string, userId: string): Promise<boolean> {
    const own = await placementWorkers(m, { workerUserId: userId, passportNumber });
    if (!own.length) return false;
    const rows = (await m.query(`SELECT 1 FROM welfare_contribution WHERE worker_passport_number = $1 AND placement_id = ANY($2::uuid[]) LIMIT 1`, [
      passportNumber,
      own.map((p) => p.placementId),
    ])) as unknown[];
    return rows.length > 0;
  }

  /** The names the member holding this passport number was placed under (placements with a contribution); empty without membership. */
  async memberNames(m: EntityManager, passportNumber: string): Promise<string[]> {
    const paid = await m.find(WelfareContribution, { select: { id: true, placementId: true }, where: { workerPassportNumber: passportNumber } });
    const placements = await placementWorkers(m, { ids: paid.map((c) => c.placementId), passportNumber });
    return [...new Set(placements.map((p) => p.workerName))];
  }

  /** The memberships of the signed-in worker (see membershipsOfAccount). */
  myMemberships(actor: Actor): Promise<MyMembershipView> {
    if (!actor.userId) throw new NotFoundException('membership');
    return this.membershipsOfAccount(this.db.manager, actor.userId);
  }

  /**
   * A member's periods, for an officer (welfare officer or supervisor) or for the member's own
   * account; anyone else: 404, as if there were none.
   */
  async membershipFor(passportNumber: string, actor: Actor): Promise<MembershipView> {
    const officer = actor.roles.some((r) => r === 'welfare_officer' || r === 'supervisor');
    if (!officer && !(actor.userId && (await this.isMemberAccount(this.db.manager, passportNumber, actor.userId)))) throw new NotFoundException('membership');
    return this.membership(this.db.manager, passportNumber);
  }

  /**
   * The memberships of a worker account: one per passport number of a placement that is this
   * account's (`placement.worker_user_id`) and has a contribution; none when there is none. Never
   * another person's: a passport number appears only through the account's own placements.
   */
  async membershipsOfAccount(m: EntityManager, userId: string): Promise<MyMembershipView> {
    const own = await placementWorkers(m, { workerUserId: userId });
    const rows = own.length
      ? ((await m.query(
          `SELECT DISTINCT c.worker_passport_number AS passport
             FROM welfare_contribution c JOIN unnest($1::uuid[], $2::text[]) AS p(id, passport) ON p.id = c.placement_id AND p.passport = c.worker_passport_number
            ORDER BY 1`,
          [own.map((p) => p.placementId), own.map((p) => p.workerPassportNumber)],
        )) as { passport: string }[])
      : [];
    const memberships: PassportMembershipView[] = [];
    for (const r of rows) memberships.push({ passportNumber: r.passport, ...(await this.membership(m, r.passport)) });
    return { memberships };
  }

  /** A worker's membership periods (derived from contributions), by passport number. */
  async membership(m: EntityManager, passportNumber: string): Promise<MembershipView> {
    const rows = await m.find(WelfareContribution, { where: { workerPassportNumber: passportNumber }, order: { paidOn: 'ASC' } });
    const placements = await placementWorkers(m, { ids: rows.map((r) => r.placementId) });
    const byId = new Map(placements.map((p) => [p.placementId, p]));
    const periods = membershipPeriods(
      rows.map((r) => ({
        placementId: r.placementId,
        paidOn: r.paidOn,
        contractStart: byId.get(r.placementId)!.contractStart,
        contractMonths: byId.get(r.placementId)!.contractMonths,
        amountMinor: BigInt(r.amountMinor),
        currency: r.currency.trim(),
      })),
    );
    return { periods, contributions: rows.map(view) };
  }
}
