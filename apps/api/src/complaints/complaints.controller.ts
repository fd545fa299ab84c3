import { Body, Controller, Get, Headers, HttpCode, Inject, Param, ParseUUIDPipe, Post, Query, UseGuards } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { Actor, ActorContext, Public, Role, Roles, auditActor } from '@app/auth';
import { ConfigService, DomainException, NotFoundException, Page, PageQuery, REDIS } from '@app/common';
import { ActInput, AgencyComplaintView, ComplaintCases, DecidedSanction, FineView, Fines, ComplaintIntake, ComplaintLifecycle, LifecycleActor, QueueItem, StaffComplaintView, WorkerComplaintView, canonicalReference } from '@app/complaints';
import { PublicThrottleGuard } from '../http/public-throttle.guard';
import { AgencyAnswerDto, AgencyAppealDto, AssignDto, ComplaintActionDto, ComplaintActionParams, FileComplaintDto, FinePaymentDto, FineQuery, NoteDto, QueueQuery, ReferenceParams, WalkInComplaintDto } from './complaints.dto';

const OFFICERS: Role[] = ['inspector', 'supervisor'];
const AGENCY: Role[] = ['agency_admin', 'agency_staff'];

const lifecycleActor = (actor: ActorContext, allowed: readonly Role[]): LifecycleActor => {
  const u = actor.user!;
  return { userId: u.id, roles: u.roles.filter((r) => allowed.includes(r)) as LifecycleActor['roles'], agencyId: u.agencyId, auditActor: auditActor(actor, u.roles.find((r) => allowed.includes(r))), correlationId: actor.correlationId };
};

/** The DTO's sanctions as the lifecycle takes them (a suspension needs its months, a fine its amount). */
function actInputOf(dto: ComplaintActionDto): ActInput {
  return {
    ...dto,
    findings: dto.findings?.map((f) => ({
      ...f,
      sanctions: f.sanctions?.map((s): DecidedSanction =>
        s.kind === 'suspension' ? { kind: 'suspension', months: s.months! } : s.kind === 'revocation' ? { kind: 'revocation' } : { kind: s.kind, amountMinor: s.amountMinor!, currency: s.currency! },
      ),
    })),
  };
}

export interface FiledAnswer {
  id: string;
  reference: string;
  stage: string;
  priority: string;
  /** Public path only, shown once: with the reference, it opens the case view. Write it down. */
  trackingSecret?: string;
}

class TooManySecretAttempts extends DomainException {
  constructor() {
    super('too-many-requests', 429, 'Too many requests', 'Too many wrong secrets for this case; try again in an hour.', { retryAfter: 3600 });
  }
}

/** Filing and following a complaint without an account: anonymous allowed; the secret is shown once. */
@ApiTags('public: complaints')
@Controller('public/complaints')
@UseGuards(PublicThrottleGuard)
export class PublicComplaintsController {
  constructor(
    private readonly intake: ComplaintIntake,
    private readonly cases: ComplaintCases,
    @InjectDataSource() private readonly db: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: ConfigService,
  ) {}

  /** Files a complaint. No IP address is stored. The answer carries the reference and the tracking secret, shown this once. */
  @Post()
  @Public()
  async file(@Body() dto: FileComplaintDto, @Actor() actor: ActorContext): Promise<FiledAnswer> {
    const { complaint: c, trackingSecret } = await this.db.transaction((m) => this.intake.file(m, dto, { source: 'public', channel: 'web', auditActor: { role: 'anonymous' }, actorId: null, correlationId: actor.correlationId }));
    return { id: c.id, reference: c.reference, stage: c.stage, priority: c.priority, trackingSecret: trackingSecret! };
  }

  /** The case, for its complainant: reference in the path, secret in `X-Tracking-Secret`. Wrong reference or secret: 404; too many wrong secrets for one case: 429. */
  @Get(':reference')
  @Public()
  @ApiHeader({ name: 'X-Tracking-Secret', required: true })
  async track(@Param() p: ReferenceParams, @Headers('x-tracking-secret') secret: string | undefined): Promise<WorkerComplaintView> {
    const reference = canonicalReference(p.reference);
    if (!reference || !secret) throw new NotFoundException('case');
    const key = `${this.config.get('redis').REDIS_PREFIX}:complaint-secret:${reference}`;
    const failures = Number((await this.redis.get(key)) ?? 0);
    if (failures >= this.config.get('complaints').COMPLAINTS_SECRET_ATTEMPTS_PER_HOUR) throw new TooManySecretAttempts();
    const view = await this.cases.tracked(reference, secret);
    if (!view) {
      await this.redis.multi().incr(key).expire(key, 3600).exec();
      throw new NotFoundException('case');
    }
    return view;
  }
}

/** A worker's own complaints, filed from their account. */
@ApiTags('worker: complaints')
@ApiBearerAuth()
@Controller('me/complaints')
export class WorkerComplaintsController {
  constructor(
    private readonly intake: ComplaintIntake,
    private readonly cases: ComplaintCases,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  @Post()
  @Roles('worker')
  async file(@Body() dto: FileComplaintDto, @Actor() actor: ActorContext): Promise<FiledAnswer> {
    const { complaint: c } = await this.db.transaction((m) =>
      this.intake.file(m, dto, { source: 'worker', channel: 'web', complainantUserId: actor.user!.id, auditActor: auditActor(actor, 'worker'), actorId: actor.user!.id, correlationId: actor.correlationId }),
    );
    return { id: c.id, reference: c.reference, stage: c.stage, priority: c.priority };
  }

  @Get()
  @Roles('worker')
  list(@Query() q: PageQuery, @Actor() actor: ActorContext): Promise<Page<{ id: string; reference: string; stage: string; createdAt: string }>> {
    return this.cases.listOfWorker(actor.user!.id, q);
  }

  @Get(':id')
  @Roles('worker')
  get(@Param('id', ParseUUIDPipe) id: string, @Actor() actor: ActorContext): Promise<WorkerComplaintView> {
    return this.cases.ofWorker(id, actor.user!.id);
  }
}

/** The ministry's side: walk-in and hotline intake, queues, the case, its moves, notes and assignment. */
@ApiTags('complaints')
@ApiBearerAuth()
@Controller('complaints')
export class ComplaintsController {
  constructor(
    private readonly intake: ComplaintIntake,
    private readonly cases: ComplaintCases,
    private readonly lifecycle: ComplaintLifecycle,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  /** An inspector records a walk-in or hotline complaint for the caller. */
  @Post()
  @Roles('inspector')
  async file(@Body() dto: WalkInComplaintDto, @Actor() actor: ActorContext): Promise<FiledAnswer> {
    const { channel, ...input } = dto;
    const { complaint: c } = await this.db.transaction((m) => this.intake.file(m, input, { source: 'inspector', channel, auditActor: auditActor(actor, 'inspector'), actorId: actor.user!.id, correlationId: actor.correlationId }));
    return { id: c.id, reference: c.reference, stage: c.stage, priority: c.priority };
  }

  /** The queue: filters stage, priority, agency, overdue, assigned to me, the supervisors' queue; urgent first, oldest first. */
  @Get()
  @Roles(...OFFICERS)
  queue(@Query() q: QueueQuery, @Actor() actor: ActorContext): Promise<Page<QueueItem>> {
    return this.cases.queue(q, { userId: actor.user!.id, agencyId: null });
  }

  /** The whole case with the complainant's details (each read audited). */
  @Get(':id')
  @Roles(...OFFICERS)
  get(@Param('id', ParseUUIDPipe) id: string, @Actor() actor: ActorContext): Promise<StaffComplaintView> {
    return this.cases.staff(id, lifecycleActor(actor, OFFICERS));
  }

  /** One move of the lifecycle table (docs/complaints.md lists the actions, who may take each and what they need). */
  @Post(':id/actions/:action')
  @Roles(...OFFICERS)
  @HttpCode(200)
  async act(@Param() p: ComplaintActionParams, @Body() dto: ComplaintActionDto, @Actor() actor: ActorContext): Promise<StaffComplaintView> {
    await this.lifecycle.act(p.id, p.action, actInputOf(dto), lifecycleActor(actor, OFFICERS));
    return this.cases.staff(p.id, lifecycleActor(actor, OFFICERS));
  }

  @Post(':id/notes')
  @Roles(...OFFICERS)
  @HttpCode(201)
  async note(@Param('id', ParseUUIDPipe) id: string, @Body() dto: NoteDto, @Actor() actor: ActorContext): Promise<{ ok: true }> {
    await this.cases.note(id, dto.body, dto.visibility, lifecycleActor(actor, OFFICERS));
    return { ok: true };
  }

  /** A supervisor assigns or reassigns the case to an inspector. */
  @Post(':id/assign')
  @Roles('supervisor')
  @HttpCode(200)
  async assign(@Param('id', ParseUUIDPipe) id: string, @Body() dto: AssignDto, @Actor() actor: ActorContext): Promise<{ ok: true }> {
    await this.cases.assign(id, dto.userId, dto.version, lifecycleActor(actor, ['supervisor']));
    return { ok: true };
  }
}

/** Fines decisions imposed: the ministry lists them and records their payment; an agency lists its own. */
@ApiTags('complaints: fines')
@ApiBearerAuth()
@Controller()
export class FinesController {
  constructor(private readonly fines: Fines) {}

  @Get('fines')
  @Roles(...OFFICERS, 'admin')
  list(@Query() q: FineQuery): Promise<Page<FineView>> {
    return this.fines.list(q, null);
  }

  @Get('agency/fines')
  @Roles(...AGENCY)
  listOwn(@Query() q: FineQuery, @Actor() actor: ActorContext): Promise<Page<FineView>> {
    return this.fines.list(q, actor.user!.agencyId);
  }

  /** Records the agency's payment of a fine (its deadline is met). */
  @Post('fines/:id/payment')
  @Roles(...OFFICERS)
  @HttpCode(200)
  pay(@Param('id', ParseUUIDPipe) id: string, @Body() dto: FinePaymentDto, @Actor() actor: ActorContext): Promise<FineView> {
    return this.fines.recordPayment(id, dto.paidReference, { auditActor: auditActor(actor, actor.user!.roles.find((r) => OFFICERS.includes(r))), correlationId: actor.correlationId });
  }
}

/** An agency's side: the cases about it (no complainant contact, no protected identity), its answer and appeal. */
@ApiTags('agency: complaints')
@ApiBearerAuth()
@Controller('agency/complaints')
export class AgencyComplaintsController {
  constructor(
    private readonly cases: ComplaintCases,
    private readonly lifecycle: ComplaintLifecycle,
  ) {}

  @Get()
  @Roles(...AGENCY)
  list(@Query() q: QueueQuery, @Actor() actor: ActorContext): Promise<Page<QueueItem>> {
    return this.cases.queue({ ...q, assignedToMe: false, supervisorQueue: false }, { userId: null, agencyId: actor.user!.agencyId });
  }

  @Get(':id')
  @Roles(...AGENCY)
  get(@Param('id', ParseUUIDPipe) id: string, @Actor() actor: ActorContext): Promise<AgencyComplaintView> {
    return this.cases.agency(id, actor.user!.agencyId!);
  }

  /** The written answer in adjudication (meets the answer deadline). */
  @Post(':id/answer')
  @Roles(...AGENCY)
  @HttpCode(200)
  async answer(@Param('id', ParseUUIDPipe) id: string, @Body() dto: AgencyAnswerDto, @Actor() actor: ActorContext): Promise<AgencyComplaintView> {
    await this.lifecycle.act(id, 'record-answer', dto, lifecycleActor(actor, AGENCY));
    return this.cases.agency(id, actor.user!.agencyId!);
  }

  /** An appeal against a decision, within the appeal window. */
  @Post(':id/appeal')
  @Roles('agency_admin')
  @HttpCode(200)
  async appeal(@Param('id', ParseUUIDPipe) id: string, @Body() dto: AgencyAppealDto, @Actor() actor: ActorContext): Promise<AgencyComplaintView> {
    await this.lifecycle.act(id, 'appeal', dto, lifecycleActor(actor, ['agency_admin']));
    return this.cases.agency(id, actor.user!.agencyId!);
  }
}
