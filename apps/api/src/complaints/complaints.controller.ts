import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public, Role, Roles, CurrentActor } from '@app/auth';
import { AGENCY_ROLES, Actor, MINISTRY_ROLES, NotFoundException, Page, PageOf, PageQuery, ROLES } from '@app/common';
import {
  ActInput,
  AgencyComplaintView,
  COMPLAINT_STAGES,
  ComplainantView,
  ComplaintCases,
  DecidedSanction,
  FINE_LIFECYCLE,
  FineView,
  Fines,
  ComplaintIntake,
  InspectorWorkloadView,
  ComplaintLifecycle,
  QueuePage,
  caseActor,
  complainantActor,
  StaffComplaintView,
  WorkerComplaintListItem,
  WorkerComplaintView,
  COMPLAINT_LIFECYCLE,
  canonicalReference,
} from '@app/complaints';
import { PublicThrottleGuard } from '../http/public-throttle.guard';
import { SECRET_LIMITS, SecretAttempts } from './secret-attempts';
import { ApiProblems } from '../openapi/api-problems.decorator';
import {
  AgencyAnswerDto,
  AgencyAppealDto,
  AssignDto,
  LinkAgencyDto,
  ComplaintActionDto,
  ComplaintActionParams,
  FileComplaintDto,
  FinePaymentDto,
  FineQuery,
  NoteDto,
  QueueQuery,
  ReferenceParams,
  RevealIdentityDto,
  WalkInComplaintDto,
  ComplainantAppealDto,
  ComplaintInformationDto,
  WithdrawComplaintDto,
} from './complaints.dto';

const OFFICERS: Role[] = ['inspector', 'supervisor'];
const AGENCY: Role[] = ['agency_admin', 'agency_staff'];
/** The routes that make lifecycle moves take their roles from the table (docs/contributing.md, "Lifecycles"). */
const MOVERS: Role[] = COMPLAINT_LIFECYCLE.everyoneAmong(MINISTRY_ROLES);
const ANSWERERS: Role[] = COMPLAINT_LIFECYCLE.whoAmong('record-answer', AGENCY_ROLES);
const AGENCY_APPELLANTS: Role[] = COMPLAINT_LIFECYCLE.whoAmong('appeal', AGENCY_ROLES);

/** The DTO's sanctions as the lifecycle takes them (a suspension needs its months, a fine its amount). */
function actInputOf(dto: ComplaintActionDto): ActInput {
  return {
    ...dto,
    findings: dto.findings?.map((f) => ({
      ...f,
      sanctions: f.sanctions?.map((s): DecidedSanction =>
        s.kind === 'suspension'
          ? { kind: 'suspension', months: s.months! }
          : s.kind === 'revocation'
            ? { kind: 'revocation' }
            : { kind: s.kind, amountMinor: s.amountMinor!, currency: s.currency! },
      ),
    })),
  };
}

/** A complaint just filed. */
export class FiledAnswer {
  @ApiProperty({ type: String, format: 'uuid' })
  id: string;

  @ApiProperty({
    type: String,
    example: 'CMP-2026-00042-7',
    description: 'CMP-<year>-<serial>-<check digit>: what the case is known and followed by (read it over the phone).',
  })
  reference: string;

  @ApiProperty({ enum: COMPLAINT_STAGES, enumName: 'ComplaintStage', example: 'submitted', description: 'Always `submitted`.' })
  stage: string;

  @ApiProperty({
    enum: ['normal', 'urgent'],
    enumName: 'ComplaintPriority',
    example: 'normal',
    description: 'urgent: documents retained, abuse or trafficking alleged, the worker still abroad, or a fee in a protected category; shorter deadlines.',
  })
  priority: string;

  /** Public path only, shown once: with the reference, it opens the case view. Write it down. */
  @ApiPropertyOptional({
    type: String,
    example: '7KQ2M9XD4HT1PW6B',
    description: 'Public path only, shown this once and never again (stored only as a hash): with the reference, it opens the case view. Write it down.',
  })
  trackingSecret?: string;
}

/** A change that answers nothing but its success. */
export class ComplaintOkAnswer {
  @ApiProperty({ type: Boolean, enum: [true], example: true })
  ok: true;
}

const CASE_ID = { name: 'id', format: 'uuid', description: 'The case.' } as const;
const MOVE_CONFLICTS = ['stale-version', 'transition-not-allowed', 'transition-condition-unmet'];
const FILING =
  'One transaction registers the case and its allegations, the timeline entry, the triage deadline (shorter when urgent), the assignment to the least-loaded inspector, the audit entry and the mail: ' +
  'the acknowledgement to the complainant (`case.received`, when there is an address; on the public path at most COMPLAINTS_ACK_MAILS_PER_ADDRESS_PER_DAY (3) to one address in 24 hours, past which the case is filed without mail) ' +
  "and the case is listed in the assigned inspector's next digest of new cases (`complaint.assignments-digest`, every COMPLAINTS_ASSIGNMENT_DIGEST_MINUTES), not mailed one by one. " +
  'The recruiter must be named (a license number, the agency name, or an unlicensed recruiter in words); a license number or exact legal name links the licensed agency. ' +
  'Stated fees (with destinationCountry) are checked by the fees module and the verdict kept on the case. Bad input is a 400 naming the field, and nothing is written. ' +
  'Not idempotent: sending it twice files two cases.';

/** Filing and following a complaint without an account: anonymous allowed; the secret is shown once. */
@ApiTags('public: complaints')
@Controller('public/complaints')
@UseGuards(PublicThrottleGuard)
export class PublicComplaintsController {
  constructor(
    private readonly intake: ComplaintIntake,
    private readonly cases: ComplaintCases,
    private readonly secrets: SecretAttempts,
  ) {}

  /** Files a complaint. No IP address is stored. The answer carries the reference and the tracking secret, shown this once. */
  @Post()
  @Public()
  @ApiOperation({
    summary: 'File a complaint without an account',
    description:
      'Files a complaint, anonymously if wished (`anonymous: true`: no name or contact is kept). The answer carries the reference and the **tracking secret, shown this once**: with both, ' +
      '`GET /public/complaints/{reference}` opens the case view. No IP address is stored; the public routes are rate-limited per address (429). ' +
      FILING,
  })
  @ApiCreatedResponse({ type: FiledAnswer, description: 'The case, with its tracking secret.' })
  @ApiProblems({ 429: ['too-many-requests'] })
  async file(@Body() dto: FileComplaintDto, @CurrentActor() actor: Actor): Promise<FiledAnswer> {
    const { complaint: c, trackingSecret } = await this.intake.fileBy(dto, { source: 'public', channel: 'web' }, actor);
    return { id: c.id, reference: c.reference, stage: c.stage, priority: c.priority, trackingSecret: trackingSecret! };
  }

  /** The case, for its complainant: reference in the path, secret in `X-Tracking-Secret`. Wrong reference or secret: 404; too many wrong secrets (from the caller, or for the case): 429 — the right secret always opens its case. */
  @Get(':reference')
  @Public()
  @ApiOperation({
    summary: 'Follow a complaint with its reference and tracking secret',
    description:
      "The complainant's view of the case: its stage, what happens next and by when (in the complainant's language), the shared timeline and the findings. " +
      'The reference goes in the path, the secret in `X-Tracking-Secret`. A wrong reference or a wrong or missing secret is the same 404. ' +
      SECRET_LIMITS,
  })
  @ApiHeader({ name: 'X-Tracking-Secret', required: true, description: 'The tracking secret shown once when the complaint was filed.' })
  @ApiOkResponse({ type: WorkerComplaintView })
  @ApiProblems({ 429: ['too-many-requests'] })
  async track(
    @Param() p: ReferenceParams,
    @Headers('x-tracking-secret') secret: string | undefined,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<WorkerComplaintView> {
    const reference = canonicalReference(p.reference);
    if (!reference || !secret) throw new NotFoundException('case');
    return this.secrets.guard(reference, req.ip, reply, async () => {
      const view = await this.cases.tracked(reference, secret);
      if (!view) throw new NotFoundException('case');
      return view;
    });
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
    private readonly lifecycle: ComplaintLifecycle,
  ) {}

  @Post()
  @Roles('worker')
  @ApiOperation({
    summary: 'File a complaint from my account',
    description:
      'A worker files a complaint from their account and follows it at `GET /me/complaints/{id}` (no tracking secret: the account opens it; `anonymous` is refused). ' +
      FILING,
  })
  @ApiCreatedResponse({ type: FiledAnswer, description: 'The case (no tracking secret).' })
  async file(@Body() dto: FileComplaintDto, @CurrentActor() actor: Actor): Promise<FiledAnswer> {
    const { complaint: c } = await this.intake.fileBy(dto, { source: 'worker', channel: 'web' }, actor);
    return { id: c.id, reference: c.reference, stage: c.stage, priority: c.priority };
  }

  @Get()
  @Roles('worker')
  @ApiOperation({ summary: 'List my complaints', description: 'The cases the worker filed from their account (or was linked to), newest first; paged.' })
  @ApiOkResponse({ type: PageOf(WorkerComplaintListItem) })
  list(@Query() q: PageQuery, @CurrentActor() actor: Actor): Promise<Page<WorkerComplaintListItem>> {
    return this.cases.listOfWorker(actor.userId!, q);
  }

  @Get(':id')
  @Roles('worker')
  @ApiOperation({
    summary: 'Read one of my complaints',
    description:
      "The complainant's view of one of their cases: stage, what happens next and by when, the shared timeline, the findings. Another's case is 404.",
  })
  @ApiParam(CASE_ID)
  @ApiOkResponse({ type: WorkerComplaintView })
  @ApiProblems({ 400: ['bad-request'] })
  get(@Param('id', ParseUUIDPipe) id: string, @CurrentActor() actor: Actor): Promise<WorkerComplaintView> {
    return this.cases.ofWorker(id, actor.userId!);
  }

  /** The complainant's appeal against a decision, within the appeal window: the agency's row of the table. */
  @Post(':id/appeal')
  @Roles('worker')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Appeal the decision on my complaint',
    description:
      "The complainant appeals a decision while its appeal window is open (stage `decided`), as the agency may: the window's deadline is met and the case moves to `appealed`, which a supervisor decides; the sanctions wait. " +
      "Grounds are required (5 to 5000 characters). Name the `version` you read (409 `stale-version` otherwise); in another stage (the window lapsed, or the other side appealed first) it is 409 `transition-not-allowed`. Another's case is 404. Audited.",
  })
  @ApiParam(CASE_ID)
  @ApiOkResponse({ type: WorkerComplaintView, description: 'The case, now appealed.' })
  @ApiProblems({ 400: ['bad-request'], 409: MOVE_CONFLICTS })
  async appeal(@Param('id', ParseUUIDPipe) id: string, @Body() dto: ComplainantAppealDto, @CurrentActor() actor: Actor): Promise<WorkerComplaintView> {
    await this.lifecycle.act(id, 'appeal', dto, complainantActor(actor));
    return this.cases.ofWorker(id, actor.userId!);
  }

  /** The complainant withdraws their complaint before it is decided. */
  @Post(':id/withdraw')
  @Roles('worker')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Withdraw my complaint',
    description:
      'The complainant withdraws a complaint that is not decided yet (stage `submitted`, `conciliation` or `adjudication`): the case closes with outcome `withdrawn` and every deadline on it is cancelled. ' +
      "A settled, decided or appealed case cannot be withdrawn (409 `transition-not-allowed`). Name the `version` you read (409 `stale-version` otherwise). Another's case is 404. Audited.",
  })
  @ApiParam(CASE_ID)
  @ApiOkResponse({ type: WorkerComplaintView, description: 'The case, now closed.' })
  @ApiProblems({ 400: ['bad-request'], 409: MOVE_CONFLICTS })
  async withdraw(@Param('id', ParseUUIDPipe) id: string, @Body() dto: WithdrawComplaintDto, @CurrentActor() actor: Actor): Promise<WorkerComplaintView> {
    await this.lifecycle.act(id, 'withdraw', dto, complainantActor(actor));
    return this.cases.ofWorker(id, actor.userId!);
  }

  /** The complainant adds information to their open case. */
  @Post(':id/information')
  @Roles('worker')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Add information to my complaint',
    description:
      'The complainant adds what they want the ministry to know to a case that is not closed (409 `case-closed` otherwise): an entry of kind `information` in the timeline, which the complainant and the ministry see and the agency never does. ' +
      "Files go to `POST /me/complaints/{id}/evidence`. Another's case is 404. Audited (`complaint.information.added`, never the text).",
  })
  @ApiParam(CASE_ID)
  @ApiOkResponse({ type: WorkerComplaintView, description: 'The case with the information added.' })
  @ApiProblems({ 400: ['bad-request'], 409: ['case-closed'] })
  async addInformation(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ComplaintInformationDto,
    @CurrentActor() actor: Actor,
  ): Promise<WorkerComplaintView> {
    await this.cases.addInformation(id, dto.text.trim(), complainantActor(actor));
    return this.cases.ofWorker(id, actor.userId!);
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
  ) {}

  /** An inspector records a walk-in or hotline complaint for the caller. */
  @Post()
  @Roles('inspector')
  @ApiOperation({
    summary: 'Record a walk-in or hotline complaint',
    description:
      'An inspector files a complaint for a caller at the desk or on the hotline (`channel`). It records who the complainant is or how to reach them (a name, an email or a phone). ' +
      FILING,
  })
  @ApiCreatedResponse({ type: FiledAnswer, description: 'The case (no tracking secret).' })
  async file(@Body() dto: WalkInComplaintDto, @CurrentActor() actor: Actor): Promise<FiledAnswer> {
    const { channel, ...input } = dto;
    const { complaint: c } = await this.intake.fileBy(input, { source: 'inspector', channel }, actor);
    return { id: c.id, reference: c.reference, stage: c.stage, priority: c.priority };
  }

  /** The queue: filters stage, priority, agency, overdue, assigned to me, the supervisors' queue; urgent first, oldest first, or the `sort` asked. */
  @Get()
  @Roles(...OFFICERS)
  @ApiOperation({
    summary: 'List the case queue',
    description:
      "The open cases (closed ones too with `includeClosed=true`, or those of the `stage` asked for), filtered by priority, agency, overdue (an open deadline past due), assigned to the caller, or the supervisors' queue (escalated cases). " +
      "Urgent first, then oldest first, unless `sort` (deadline, filed, stage, agency) and `order` (asc, desc) say otherwise. Paged by `cursor` both ways (pass back the answer's `next` for the page after, or its `previous` for the page before, with the same filters, sort and order; keyset paging, served by an index for each order, read backwards for `previous`) or by `page` (offset paging, kept for clients that use it); `total` counts up to 1,000 (`totalCapped`). A malformed or foreign `cursor` is 400 naming it.",
  })
  @ApiOkResponse({ type: QueuePage })
  queue(@Query() q: QueueQuery, @CurrentActor() actor: Actor): Promise<QueuePage> {
    return this.cases.queue(q, { userId: actor.userId!, agencyId: null });
  }

  /** The inspectors and their load, for assigning (declared before `:id`, which it is not). */
  @Get('workloads')
  @Roles(...OFFICERS)
  @ApiOperation({
    summary: "List the inspectors' workloads",
    description:
      'Every active inspector with the cases assigned to them that are not closed, and how many of those have an open deadline past due; least loaded first. What a supervisor looks at to assign or reassign a case (`POST /complaints/{id}/assign`).',
  })
  @ApiOkResponse({ type: [InspectorWorkloadView] })
  workloads(): Promise<InspectorWorkloadView[]> {
    return this.cases.workloads();
  }

  /** The whole case with the complainant's details (each read audited), a protected identity withheld. */
  @Get(':id')
  @Roles(...OFFICERS)
  @ApiOperation({
    summary: 'Read a case (ministry)',
    description:
      "The whole case: the complainant's details decrypted, the full timeline with internal notes, the deadlines, the actions the lifecycle allows now, the agency's other cases and the check of the stated fees. " +
      "Reading a case that holds the complainant's details is audited (`complaint.complainant.viewed`). A protected identity is withheld (`complainant.identityWithheld`; nothing decrypted, no audit entry): `POST /complaints/{id}/identity` shows it, with a reason.",
  })
  @ApiParam(CASE_ID)
  @ApiOkResponse({ type: StaffComplaintView })
  @ApiProblems({ 400: ['bad-request'] })
  get(@Param('id', ParseUUIDPipe) id: string, @CurrentActor() actor: Actor): Promise<StaffComplaintView> {
    return this.cases.staff(id, caseActor(actor, OFFICERS));
  }

  /** One move of the lifecycle table (docs/complaints.md lists the actions, who may take each and what they need). */
  @Post(':id/actions/:action')
  @Roles(...MOVERS)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Move a case through its lifecycle',
    description:
      'One move of the lifecycle table (docs/complaints.md lists the actions, who may take each and what they need: `reason`, `referralTarget`, `bothPartiesConsent`, `settlement`, `answer`, `hearing`, `findings`). ' +
      'Name the `version` you read (409 `stale-version` otherwise; two officers at once: one wins). A move the stage does not allow is 409 `transition-not-allowed` with the allowed actions; ' +
      'a missing condition is 409 `transition-condition-unmet` naming it; a role the move does not list is 403; a finding for an allegation not of the case is 409 `unknown-allegation`; ' +
      "sanctions departing from the penalty schedule's proposal without `departureReason` are 400. " +
      "In one transaction the move starts, meets or cancels the stage's deadlines, adds a shared timeline entry and an audit entry, and queues the parties' mail; " +
      'when a decision becomes final (decide-appeal) its sanctions take effect on the license, as fines and as refund orders. Answers the case as it now is.',
  })
  @ApiOkResponse({ type: StaffComplaintView, description: 'The case after the move.' })
  @ApiProblems({ 409: [...MOVE_CONFLICTS, 'unknown-allegation'] })
  async act(@Param() p: ComplaintActionParams, @Body() dto: ComplaintActionDto, @CurrentActor() actor: Actor): Promise<StaffComplaintView> {
    await this.lifecycle.act(p.id, p.action, actInputOf(dto), caseActor(actor, MOVERS));
    return this.cases.staff(p.id, caseActor(actor, MOVERS));
  }

  @Post(':id/notes')
  @Roles(...OFFICERS)
  @HttpCode(201)
  @ApiOperation({
    summary: 'Add a note to a case',
    description:
      'A note on the timeline: `internal` (ministry staff only) or `shared` (the complainant and the agency see it). Audited (`complaint.note.added`). Sends no mail; not idempotent (the same note twice is two notes).',
  })
  @ApiParam(CASE_ID)
  @ApiCreatedResponse({ type: ComplaintOkAnswer, description: 'The note was added.' })
  @ApiProblems({ 400: ['bad-request'] })
  async note(@Param('id', ParseUUIDPipe) id: string, @Body() dto: NoteDto, @CurrentActor() actor: Actor): Promise<ComplaintOkAnswer> {
    await this.cases.note(id, dto.body, dto.visibility, caseActor(actor, OFFICERS));
    return { ok: true };
  }

  /** Showing a protected complainant's identity: its own audited step, with a reason. */
  @Post(':id/identity')
  @Roles(...OFFICERS)
  @HttpCode(200)
  @ApiOperation({
    summary: "Show a protected complainant's identity",
    description:
      "The complainant's name, email and phone, which the case view withholds while the identity is protected (`complainant.identityWithheld`). " +
      'Give the `reason` you need them (5 to 2,000 characters; 400 naming `reason` otherwise): the audit log records the step as `complaint.identity.revealed` with the reason, apart from the ordinary reads (`complaint.complainant.viewed`). ' +
      'Each call is one audit entry; nothing is kept for later reads. A case holding no details (anonymous) answers the complainant without them.',
  })
  @ApiParam(CASE_ID)
  @ApiOkResponse({ type: ComplainantView, description: 'The complainant with the details decrypted.' })
  @ApiProblems({ 400: ['bad-request'] })
  revealIdentity(@Param('id', ParseUUIDPipe) id: string, @Body() dto: RevealIdentityDto, @CurrentActor() actor: Actor): Promise<ComplainantView> {
    return this.cases.revealIdentity(id, dto.reason.trim(), caseActor(actor, OFFICERS));
  }

  /** An officer links the case to the agency the complainant meant, or unlinks a wrong match. */
  @Post(':id/agency')
  @Roles(...OFFICERS)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Link or unlink the agency of a case',
    description:
      'Links the case to a registered agency (`agencyId`; the staff view suggests matches in `agencySuggestions`) or unlinks it (`agencyId: null`), with a `reason`, before a decision ' +
      '(409 `agency-link-closed` from `decided` on, and for inspections; 409 `agency-link-unchanged` when nothing changes). Name the `version` you read (409 `stale-version`). ' +
      "An internal timeline entry and an audit entry (`complaint.agency.linked` / `.unlinked`); linking an accepted complaint counts it for the agency's pattern at once (an inspection may open). Answers the case.",
  })
  @ApiParam(CASE_ID)
  @ApiOkResponse({ type: StaffComplaintView, description: 'The case after the change.' })
  @ApiProblems({ 400: ['bad-request'], 409: ['stale-version', 'agency-link-closed', 'agency-link-unchanged'] })
  async linkAgency(@Param('id', ParseUUIDPipe) id: string, @Body() dto: LinkAgencyDto, @CurrentActor() actor: Actor): Promise<StaffComplaintView> {
    await this.cases.linkAgency(id, dto.agencyId, dto.reason, dto.version, caseActor(actor, OFFICERS));
    return this.cases.staff(id, caseActor(actor, OFFICERS));
  }

  /** A supervisor assigns or reassigns the case to an inspector. */
  @Post(':id/assign')
  @Roles('supervisor')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Assign a case to an inspector',
    description:
      "A supervisor assigns or reassigns the case to an active inspector (400 otherwise); the case leaves the supervisors' queue and its open deadlines follow the new assignee. " +
      'Name the `version` you read (409 `stale-version` otherwise). Adds an internal timeline entry and an audit entry (`complaint.reassigned`).',
  })
  @ApiParam(CASE_ID)
  @ApiOkResponse({ type: ComplaintOkAnswer, description: 'The case was assigned.' })
  @ApiProblems({ 400: ['bad-request'], 409: ['stale-version'] })
  async assign(@Param('id', ParseUUIDPipe) id: string, @Body() dto: AssignDto, @CurrentActor() actor: Actor): Promise<ComplaintOkAnswer> {
    await this.cases.assign(id, dto.userId, dto.version, caseActor(actor, ['supervisor']));
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
  @ApiOperation({
    summary: 'List fines',
    description:
      "Every fine a complaint decision imposed, optionally of one agency or in one state; newest first, paged. Open fines block the agency's license clearance.",
  })
  @ApiOkResponse({ type: PageOf(FineView) })
  list(@Query() q: FineQuery): Promise<Page<FineView>> {
    return this.fines.list(q, null);
  }

  @Get('agency/fines')
  @Roles(...AGENCY)
  @ApiOperation({
    summary: "List my agency's fines",
    description:
      "The fines imposed on the caller's agency (`agencyId` is ignored), optionally in one state; newest first, paged. Open fines, and fines whose payment the agency declared, block the agency's license clearance until the ministry records or confirms their payment.",
  })
  @ApiOkResponse({ type: PageOf(FineView) })
  listOwn(@Query() q: FineQuery, @CurrentActor() actor: Actor): Promise<Page<FineView>> {
    return this.fines.list(q, actor.agencyId);
  }

  /** Records the agency's payment of a fine (its deadline is met). */
  @Post('fines/:id/payment')
  @Roles(...FINE_LIFECYCLE.whoAmong('record-payment', ROLES))
  @HttpCode(200)
  @ApiOperation({
    summary: "Record a fine's payment",
    description:
      'Marks an open fine paid with the proof of payment (`paidReference`): its payment deadline is met and it no longer blocks the license clearance. ' +
      "For a fine whose payment the agency declared (`payment-declared`, POST /agency/fines/{id}/payment-declaration), this confirms the declaration: `paidReference` may be omitted to keep the agency's declared reference (for an open fine it is required: 400). " +
      'Audited (`complaint.fine.paid`). A fine already paid or cancelled is 409 `fine-not-open`, so a retry cannot record it twice.',
  })
  @ApiParam({ name: 'id', format: 'uuid', description: 'The fine.' })
  @ApiOkResponse({ type: FineView, description: 'The fine, now paid.' })
  @ApiProblems({ 400: ['bad-request'], 409: ['fine-not-open'] })
  pay(@Param('id', ParseUUIDPipe) id: string, @Body() dto: FinePaymentDto, @CurrentActor() actor: Actor): Promise<FineView> {
    return this.fines.recordPayment(id, dto.paidReference, actor);
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
  @ApiOperation({
    summary: 'List the cases about my agency',
    description:
      "The cases about the caller's agency only, closed ones included, filtered by stage, priority or overdue (`agencyId`, `assignedToMe`, `supervisorQueue` and `includeClosed` are ignored). Urgent first, then oldest first; " +
      "paged by `cursor` (pass back the answer's `next` for the page after, its `previous` for the page before) or by `page`; `total` counts up to 1,000 (`totalCapped`).",
  })
  @ApiOkResponse({ type: QueuePage })
  list(@Query() q: QueueQuery, @CurrentActor() actor: Actor): Promise<QueuePage> {
    return this.cases.queue({ ...q, assignedToMe: false, supervisorQueue: false }, { userId: null, agencyId: actor.agencyId });
  }

  @Get(':id')
  @Roles(...AGENCY)
  @ApiOperation({
    summary: 'Read a case about my agency',
    description:
      "The agency's view: the allegations, the shared timeline, the deadlines that concern it, its answer and the decision. Never the complainant's contact details; their name only when identity protection was not asked for. Another agency's case is 404.",
  })
  @ApiParam(CASE_ID)
  @ApiOkResponse({ type: AgencyComplaintView })
  @ApiProblems({ 400: ['bad-request'] })
  get(@Param('id', ParseUUIDPipe) id: string, @CurrentActor() actor: Actor): Promise<AgencyComplaintView> {
    return this.cases.agency(id, actor.agencyId!);
  }

  /** The written answer in adjudication (meets the answer deadline). */
  @Post(':id/answer')
  @Roles(...ANSWERERS)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Answer a case in adjudication',
    description:
      "The agency's written answer while the case is in adjudication (`record-answer`): it meets the agency-answer deadline and adds a shared timeline entry and an audit entry. " +
      "Name the `version` you read (409 `stale-version` otherwise); in another stage it is 409 `transition-not-allowed`. Another agency's case is 404.",
  })
  @ApiParam(CASE_ID)
  @ApiOkResponse({ type: AgencyComplaintView, description: 'The case with the answer.' })
  @ApiProblems({ 400: ['bad-request'], 409: MOVE_CONFLICTS })
  async answer(@Param('id', ParseUUIDPipe) id: string, @Body() dto: AgencyAnswerDto, @CurrentActor() actor: Actor): Promise<AgencyComplaintView> {
    await this.lifecycle.act(id, 'record-answer', dto, caseActor(actor, ANSWERERS));
    return this.cases.agency(id, actor.agencyId!);
  }

  /** An appeal against a decision, within the appeal window. */
  @Post(':id/appeal')
  @Roles(...AGENCY_APPELLANTS)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Appeal a decision on a case about my agency',
    description:
      "An agency admin appeals a decision while its appeal window is open (stage `decided`): the window's deadline is met and the case moves to `appealed`, which a supervisor decides; the sanctions wait. " +
      "Name the `version` you read (409 `stale-version` otherwise); in another stage (the window lapsed) it is 409 `transition-not-allowed`. Another agency's case is 404.",
  })
  @ApiParam(CASE_ID)
  @ApiOkResponse({ type: AgencyComplaintView, description: 'The case, now appealed.' })
  @ApiProblems({ 400: ['bad-request'], 409: MOVE_CONFLICTS })
  async appeal(@Param('id', ParseUUIDPipe) id: string, @Body() dto: AgencyAppealDto, @CurrentActor() actor: Actor): Promise<AgencyComplaintView> {
    await this.lifecycle.act(id, 'appeal', dto, caseActor(actor, AGENCY_APPELLANTS));
    return this.cases.agency(id, actor.agencyId!);
  }
}
