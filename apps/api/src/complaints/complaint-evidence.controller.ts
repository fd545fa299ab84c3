import { Controller, Get, Headers, HttpCode, Inject, Param, ParseUUIDPipe, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiHeader, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type Redis from 'ioredis';
import { Actor, ActorContext, Public, Role, Roles, auditActor } from '@app/auth';
import { ConfigService, DomainException, NotFoundException, Page, REDIS } from '@app/common';
import { canonicalReference } from '@app/complaints';
import { ComplaintEvidence, EvidenceContext, EvidenceDoor, EvidenceView, StaffEvidenceView } from '@app/complaints/evidence';
import { DocumentsService, sendDocument, withSingleFileUpload } from '@app/documents';
import { PublicThrottleGuard } from '../http/public-throttle.guard';
import { EvidenceQuery, EvidenceReferenceParams, UploadEvidenceBody, UploadEvidenceFields } from './complaint-evidence.dto';

const OFFICERS: Role[] = ['inspector', 'supervisor'];
const AGENCY: Role[] = ['agency_admin', 'agency_staff'];
const FILE_TYPES = ['application/pdf', 'image/jpeg', 'image/png'];

const contextOf = (actor: ActorContext, allowed: readonly Role[]): EvidenceContext => ({
  auditActor: auditActor(actor, actor.user?.roles.find((r) => allowed.includes(r))),
  correlationId: actor.correlationId,
});

/**
 * An evidence upload, the same for every door: the case is checked first (404, 409 case-closed)
 * so that a refused caller's file is never written to disk; then exactly one file (multipart:
 * `kind`, `file`) is checked and staged by withSingleFileUpload (415, 413, 400 as
 * docs/documents.md says), and attached in one transaction by ComplaintEvidence.upload, which
 * checks the case again under a lock.
 */
async function receive(evidence: ComplaintEvidence, documents: DocumentsService, req: FastifyRequest, door: EvidenceDoor, ctx: EvidenceContext): Promise<EvidenceView> {
  await evidence.checkUpload(door);
  return withSingleFileUpload(req, documents, { fields: UploadEvidenceFields }, ({ staged, fields }) => evidence.upload(door, staged, fields.kind, ctx));
}

/** The ministry's side: any case's evidence; every download is audited. */
@ApiTags('complaints: evidence')
@ApiBearerAuth()
@Roles(...OFFICERS)
@Controller('complaints')
export class ComplaintEvidenceController {
  constructor(
    private readonly evidence: ComplaintEvidence,
    private readonly documents: DocumentsService,
  ) {}

  /** Adds one file (multipart: `kind`, `file`) to the case; the timeline entry is internal. Audited. */
  @Post(':id/evidence')
  @HttpCode(201)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: UploadEvidenceBody })
  upload(@Param('id', ParseUUIDPipe) id: string, @Req() req: FastifyRequest, @Actor() actor: ActorContext): Promise<StaffEvidenceView> {
    const door = { party: 'ministry', caseId: id, userId: actor.user!.id } as const;
    return receive(this.evidence, this.documents, req, door, contextOf(actor, OFFICERS)) as Promise<StaffEvidenceView>;
  }

  /** Every file of the case, whoever added it, newest first. */
  @Get(':id/evidence')
  list(@Param('id', ParseUUIDPipe) id: string, @Query() q: EvidenceQuery, @Actor() actor: ActorContext): Promise<Page<StaffEvidenceView>> {
    return this.evidence.list({ party: 'ministry', caseId: id, userId: actor.user!.id }, q);
  }

  /** The file itself, as a download; the access is written to the audit log first. */
  @Get(':id/evidence/:documentId/content')
  @ApiProduces(...FILE_TYPES)
  async content(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('documentId', ParseUUIDPipe) documentId: string,
    @Actor() actor: ActorContext,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    sendDocument(reply, await this.evidence.open({ party: 'ministry', caseId: id, userId: actor.user!.id }, documentId, contextOf(actor, OFFICERS)));
  }
}

/** The complainant's account: evidence for their own case (another's is 404). */
@ApiTags('worker: complaints')
@ApiBearerAuth()
@Roles('worker')
@Controller('me/complaints')
export class WorkerComplaintEvidenceController {
  constructor(
    private readonly evidence: ComplaintEvidence,
    private readonly documents: DocumentsService,
  ) {}

  /** Adds one file (multipart: `kind`, `file`). The agency never sees it, nor learns that it exists. */
  @Post(':id/evidence')
  @HttpCode(201)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: UploadEvidenceBody })
  upload(@Param('id', ParseUUIDPipe) id: string, @Req() req: FastifyRequest, @Actor() actor: ActorContext): Promise<EvidenceView> {
    const door = { party: 'complainant', caseId: id, userId: actor.user!.id } as const;
    return receive(this.evidence, this.documents, req, door, contextOf(actor, ['worker']));
  }

  /** The complainant's own files and those the agency put forward. */
  @Get(':id/evidence')
  list(@Param('id', ParseUUIDPipe) id: string, @Query() q: EvidenceQuery, @Actor() actor: ActorContext): Promise<Page<EvidenceView>> {
    return this.evidence.list({ party: 'complainant', caseId: id, userId: actor.user!.id }, q);
  }

  /** A file they may list; anything else is 404. */
  @Get(':id/evidence/:documentId/content')
  @ApiProduces(...FILE_TYPES)
  async content(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('documentId', ParseUUIDPipe) documentId: string,
    @Actor() actor: ActorContext,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    sendDocument(reply, await this.evidence.open({ party: 'complainant', caseId: id, userId: actor.user!.id }, documentId, contextOf(actor, ['worker'])));
  }
}

class TooManySecretAttempts extends DomainException {
  constructor() {
    super('too-many-requests', 429, 'Too many requests', 'Too many wrong secrets for this case; try again in an hour.', { retryAfter: 3600 });
  }
}

/** The complainant without an account: the reference in the path, the tracking secret in `X-Tracking-Secret`. */
@ApiTags('public: complaints')
@Controller('public/complaints')
@UseGuards(PublicThrottleGuard)
export class PublicComplaintEvidenceController {
  constructor(
    private readonly evidence: ComplaintEvidence,
    private readonly documents: DocumentsService,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: ConfigService,
  ) {}

  /**
   * Adds one file (multipart: `kind`, `file`). A wrong reference or secret is 404 (the file is not
   * read); wrong secrets count towards the same per-case limit as `GET /public/complaints/:reference` (429).
   */
  @Post(':reference/evidence')
  @Public()
  @HttpCode(201)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: UploadEvidenceBody })
  @ApiHeader({ name: 'X-Tracking-Secret', required: true })
  async upload(
    @Param() p: EvidenceReferenceParams,
    @Headers('x-tracking-secret') secret: string | undefined,
    @Req() req: FastifyRequest,
    @Actor() actor: ActorContext,
  ): Promise<EvidenceView> {
    const reference = canonicalReference(p.reference);
    if (!reference || !secret) throw new NotFoundException('case');
    // The same counter as the tracking route: guessing a secret here is no cheaper.
    const key = `${this.config.get('redis').REDIS_PREFIX}:complaint-secret:${reference}`;
    if (Number((await this.redis.get(key)) ?? 0) >= this.config.get('complaints').COMPLAINTS_SECRET_ATTEMPTS_PER_HOUR) throw new TooManySecretAttempts();
    const door = { party: 'complainant', reference, secret } as const;
    try {
      await this.evidence.checkUpload(door);
    } catch (e) {
      if (e instanceof NotFoundException) await this.redis.multi().incr(key).expire(key, 3600).exec();
      throw e;
    }
    return receive(this.evidence, this.documents, req, door, { auditActor: { role: 'anonymous' }, correlationId: actor.correlationId });
  }
}

/** An agency's side: evidence for cases about it. It sees only its own uploads; another agency's case is 404. */
@ApiTags('agency: complaints')
@ApiBearerAuth()
@Roles(...AGENCY)
@Controller('agency/complaints')
export class AgencyComplaintEvidenceController {
  constructor(
    private readonly evidence: ComplaintEvidence,
    private readonly documents: DocumentsService,
  ) {}

  private door(id: string, actor: ActorContext) {
    return { party: 'agency', caseId: id, userId: actor.user!.id, agencyId: actor.user!.agencyId! } as const;
  }

  /** Adds one file (multipart: `kind`, `file`): the agency's evidence, shared with the complainant. */
  @Post(':id/evidence')
  @HttpCode(201)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: UploadEvidenceBody })
  upload(@Param('id', ParseUUIDPipe) id: string, @Req() req: FastifyRequest, @Actor() actor: ActorContext): Promise<EvidenceView> {
    return receive(this.evidence, this.documents, req, this.door(id, actor), contextOf(actor, AGENCY));
  }

  /** The agency's own uploads to the case, and nothing else. */
  @Get(':id/evidence')
  list(@Param('id', ParseUUIDPipe) id: string, @Query() q: EvidenceQuery, @Actor() actor: ActorContext): Promise<Page<EvidenceView>> {
    return this.evidence.list(this.door(id, actor), q);
  }

  /** One of its own uploads; anything else is 404. */
  @Get(':id/evidence/:documentId/content')
  @ApiProduces(...FILE_TYPES)
  async content(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('documentId', ParseUUIDPipe) documentId: string,
    @Actor() actor: ActorContext,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    sendDocument(reply, await this.evidence.open(this.door(id, actor), documentId, contextOf(actor, AGENCY)));
  }
}
