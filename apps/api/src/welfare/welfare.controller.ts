import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import { DataSource, EntityManager } from 'typeorm';
import { CalendarsService } from '@app/deadlines';
import { Actor, ActorContext, Authenticated, Role, Roles, auditActor } from '@app/auth';
import { Clock, ConfigService, Page, localDateOf } from '@app/common';
import { BenefitScheduleView, BenefitSchedules, ClaimActorContext, ClaimView, ContributionView, Contributions, FundLedger, MembershipPeriod, StoredRule, WelfareClaims } from '@app/welfare';
import { idempotencyKeyOf } from '../escrow/escrow.controller';
import { ClaimActionDto, ClaimActionParams, ClaimQuery, CreateBenefitScheduleDto, EndBenefitScheduleDto, FileClaimDto, PassportParams, RecordContributionDto } from './welfare.dto';

const OFFICERS: Role[] = ['welfare_officer', 'supervisor'];

const claimActor = (actor: ActorContext): ClaimActorContext => ({ userId: actor.user!.id, roles: actor.user!.roles, auditActor: auditActor(actor, actor.user!.roles.find((r) => ['supervisor', 'welfare_officer', 'worker', 'admin'].includes(r))), correlationId: actor.correlationId });

/** Welfare fund: contributions, benefit schedules, membership, claims and the fund's position. */
@ApiTags('welfare')
@ApiBearerAuth()
@Controller()
export class WelfareController {
  constructor(
    private readonly contributions: Contributions,
    private readonly schedules: BenefitSchedules,
    private readonly claims: WelfareClaims,
    private readonly ledger: FundLedger,
    @InjectDataSource() private readonly db: DataSource,
    private readonly calendars: CalendarsService,
    private readonly config: ConfigService,
    private readonly clock: Clock,
  ) {}

  /** A placement's contribution: by its agency, or at a ministry counter. One per placement (409 after). */
  @Post('welfare/contributions')
  @Roles('agency_admin', 'agency_staff', 'welfare_officer')
  record(@Body() dto: RecordContributionDto, @Actor() actor: ActorContext): Promise<ContributionView> {
    return this.db.transaction((m) => this.contributions.record(m, dto, { auditActor: auditActor(actor, actor.user!.roles[0]), userId: actor.user!.id, agencyId: actor.user!.agencyId, correlationId: actor.correlationId }));
  }

  /** A worker's membership (periods derived from contributions), by passport number. */
  @Get('welfare/members/:passport')
  @Roles(...OFFICERS)
  member(@Param() p: PassportParams): Promise<{ periods: MembershipPeriod[]; contributions: ContributionView[] }> {
    return this.contributions.membership(this.db.manager, p.passport);
  }

  @Post('admin/benefit-schedules')
  @Roles('admin')
  createSchedule(@Body() dto: CreateBenefitScheduleDto, @Actor() actor: ActorContext): Promise<BenefitScheduleView> {
    return this.db.transaction((m) => this.schedules.create(m, { ...dto, rule: dto.rule as unknown as StoredRule }, { auditActor: auditActor(actor, 'admin'), userId: actor.user!.id }));
  }

  /** Ends an entry on `validTo` (today or later), so that a new one can follow it. */
  @Post('admin/benefit-schedules/:id/end')
  @Roles('admin')
  @HttpCode(200)
  async endSchedule(@Param('id', ParseUUIDPipe) id: string, @Body() dto: EndBenefitScheduleDto, @Actor() actor: ActorContext): Promise<BenefitScheduleView> {
    return this.db.transaction(async (m) => this.schedules.end(m, id, dto.validTo, await this.today(m), { auditActor: auditActor(actor, 'admin') }));
  }

  @Get('welfare/benefit-schedules')
  @Authenticated()
  listSchedules(): Promise<BenefitScheduleView[]> {
    return this.schedules.list();
  }

  /** Files a claim: the worker, a named beneficiary (from their own account), or a welfare officer for them. Eligibility and the scheduled amount are computed and shown. */
  @Post('welfare/claims')
  @Roles('worker', 'welfare_officer')
  file(@Body() dto: FileClaimDto, @Actor() actor: ActorContext): Promise<ClaimView> {
    return this.db.transaction((m) => this.claims.file(m, dto, claimActor(actor)));
  }

  /** Officers: every claim; a worker or beneficiary: the claims they filed. */
  @Get('welfare/claims')
  @Roles('worker', ...OFFICERS)
  list(@Query() q: ClaimQuery, @Actor() actor: ActorContext): Promise<Page<ClaimView>> {
    return this.claims.list(q, claimActor(actor));
  }

  @Get('welfare/claims/:id')
  @Roles('worker', ...OFFICERS)
  get(@Param('id', ParseUUIDPipe) id: string, @Actor() actor: ActorContext): Promise<ClaimView> {
    return this.claims.get(id, claimActor(actor));
  }

  /** One move of the claim lifecycle. `disburse` needs an Idempotency-Key: the same key again answers the first and writes nothing. */
  @Post('welfare/claims/:id/actions/:action')
  @Roles(...OFFICERS)
  @HttpCode(200)
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Required for disburse' })
  act(@Param() p: ClaimActionParams, @Body() dto: ClaimActionDto, @Headers('idempotency-key') key: string | undefined, @Actor() actor: ActorContext): Promise<ClaimView> {
    return this.claims.act(p.id, p.action, { ...dto, ...(p.action === 'disburse' ? { idempotencyKey: idempotencyKeyOf(key) } : {}) }, claimActor(actor));
  }

  private async today(m: EntityManager): Promise<string> {
    return localDateOf(await this.calendars.calendarOf(this.config.get('deadlines').DEADLINE_DEFAULT_JURISDICTION, m), this.clock.now());
  }

  /** The fund's position, derived from its ledger. */
  @Get('welfare/fund')
  @Roles(...OFFICERS, 'admin')
  fund(): Promise<Awaited<ReturnType<FundLedger['position']>>> {
    return this.ledger.position();
  }
}
