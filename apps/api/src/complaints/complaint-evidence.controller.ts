import { Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public, Role, Roles, CurrentActor } from '@app/auth';
import { Actor, NotFoundException, Page, PageOf } from '@app/common';
import { canonicalReference } from '@app/complaints';
import { ComplaintEvidence, EvidenceContext, EvidenceDoor, EvidenceView, StaffEvidenceView } from '@app/complaints/evidence';
import { ACCEPTED_TYPES_IN_WORDS, DocumentsService, sendDocument, withSingleFileUpload } from '@app/documents';
import { PublicThrottleGuard } from '../http/public-throttle.guard';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { SECRET_LIMITS, SecretAttempts } from './secret-attempts';
import { EVIDENCE_DOWNLOAD, EvidenceQuery, EvidenceReferenceParams, UploadEvidenceBody, UploadEvidenceFields } from './complaint-evidence.dto';

const OFFICERS: Role[] = ['inspector', 'supervisor'];
const AGENCY: Role[] = ['agency_admin', 'agency_staff'];

/** What an upload can be refused for, beyond the generic problems (docs/documents.md). */
const UPLOAD_PROBLEMS = { 400: ['file-missing', 'too-many-files', 'malformed-multipart'], 409: ['case-closed'] } as const;
const UPLOAD_RULES =
  `Send \`multipart/form-data\` with the field \`kind\` and exactly one file in \`file\` (${ACCEPTED_TYPES_IN_WORDS}, recognised by its content; at most DOCUMENTS_MAX_BYTES). ` +
  'The case is checked before the file is read (404; 409 `case-closed` when it is closed: ask the ministry to reopen it). ' +
  'A file of another type is 415, a larger one 413, a missing or second file 400 (`file-missing`, `too-many-files`). ' +
  'The file, its timeline entry and the audit entry are written in one transaction. Not idempotent: sending the same file twice stores it twice.';
const CASE_ID = { name: 'id', format: 'uuid', description: 'The case.' } as const;
const DOCUMENT_ID = { name: 'documentId', format: 'uuid', description: 'The evidence file (its `id` in the list).' } as const;

/**
 * An evidence upload, the same for every door: the case is checked first (404, 409 case-closed)
 * so that a refused caller's file is never written to disk; then exactly one file (multipart:
 * `kind`, `file`) is checked and staged by withSingleFileUpload (415, 413, 400 as
 * docs/documents.md says), and attached in one transaction by ComplaintEvidence.upload, which
 * checks the case again under a lock.
 */
async function receive(
  evidence: ComplaintEvidence,
  documents: DocumentsService,
  req: FastifyRequest,
  door: EvidenceDoor,
  ctx: EvidenceContext,
): Promise<EvidenceView> {
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
  @ApiOperation({
    summary: 'Add an evidence file to a case (ministry)',
    description: `An inspector or supervisor attaches a file to any case. Its timeline entry is internal: the parties never see a ministry file, nor learn that it exists. Audited (\`complaint.evidence.added\`, \`document.uploaded\`). ${UPLOAD_RULES}`,
  })
  @ApiParam(CASE_ID)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: UploadEvidenceBody })
  @ApiCreatedResponse({ type: StaffEvidenceView, description: 'The file as stored.' })
  @ApiProblems(UPLOAD_PROBLEMS)
  upload(@Param('id', ParseUUIDPipe) id: string, @Req() req: FastifyRequest, @CurrentActor() actor: Actor): Promise<StaffEvidenceView> {
    const door = { party: 'ministry', caseId: id, userId: actor.userId! } as const;
    return receive(this.evidence, this.documents, req, door, actor) as Promise<StaffEvidenceView>;
  }

  /** Every file of the case, whoever added it, newest first. */
  @Get(':id/evidence')
  @ApiOperation({
    summary: "List a case's evidence (ministry)",
    description: 'Every file of the case, whoever added it (the complainant, the agency, the ministry), newest first; paged, optionally of one kind.',
  })
  @ApiParam(CASE_ID)
  @ApiOkResponse({ type: PageOf(StaffEvidenceView) })
  @ApiProblems({ 400: ['bad-request'] })
  list(@Param('id', ParseUUIDPipe) id: string, @Query() q: EvidenceQuery, @CurrentActor() actor: Actor): Promise<Page<StaffEvidenceView>> {
    return this.evidence.list({ party: 'ministry', caseId: id, userId: actor.userId! }, q);
  }

  /** The file itself, as a download; the access is written to the audit log first. */
  @Get(':id/evidence/:documentId/content')
  @ApiOperation({
    summary: 'Download an evidence file (ministry)',
    description: 'Any file of the case. The download is written to the audit log (`document.downloaded`) before a byte is sent. A file of another case is 404.',
  })
  @ApiParam(CASE_ID)
  @ApiParam(DOCUMENT_ID)
  @ApiOkResponse(EVIDENCE_DOWNLOAD)
  @ApiProblems({ 400: ['bad-request'] })
  async content(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('documentId', ParseUUIDPipe) documentId: string,
    @CurrentActor() actor: Actor,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    sendDocument(reply, await this.evidence.open({ party: 'ministry', caseId: id, userId: actor.userId! }, documentId, actor));
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
  @ApiOperation({
    summary: 'Add an evidence file to my complaint',
    description: `The complainant adds a file to a case they filed (another's case is 404). The ministry sees it; the agency never sees it, nor learns that it exists (a complainant's evidence can identify them). Audited. ${UPLOAD_RULES}`,
  })
  @ApiParam(CASE_ID)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: UploadEvidenceBody })
  @ApiCreatedResponse({ type: EvidenceView, description: 'The file as stored.' })
  @ApiProblems(UPLOAD_PROBLEMS)
  upload(@Param('id', ParseUUIDPipe) id: string, @Req() req: FastifyRequest, @CurrentActor() actor: Actor): Promise<EvidenceView> {
    const door = { party: 'complainant', caseId: id, userId: actor.userId! } as const;
    return receive(this.evidence, this.documents, req, door, actor);
  }

  /** The complainant's own files and those the agency put forward. */
  @Get(':id/evidence')
  @ApiOperation({
    summary: "List my complaint's evidence",
    description:
      "The complainant's own files and those the agency put forward, newest first; never the ministry's working files. Paged, optionally of one kind. Another's case is 404.",
  })
  @ApiParam(CASE_ID)
  @ApiOkResponse({ type: PageOf(EvidenceView) })
  @ApiProblems({ 400: ['bad-request'] })
  list(@Param('id', ParseUUIDPipe) id: string, @Query() q: EvidenceQuery, @CurrentActor() actor: Actor): Promise<Page<EvidenceView>> {
    return this.evidence.list({ party: 'complainant', caseId: id, userId: actor.userId! }, q);
  }

  /** A file they may list; anything else is 404. */
  @Get(':id/evidence/:documentId/content')
  @ApiOperation({
    summary: 'Download an evidence file of my complaint',
    description: 'A file the complainant may list (their own, or one the agency put forward); anything else is 404.',
  })
  @ApiParam(CASE_ID)
  @ApiParam(DOCUMENT_ID)
  @ApiOkResponse(EVIDENCE_DOWNLOAD)
  @ApiProblems({ 400: ['bad-request'] })
  async content(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('documentId', ParseUUIDPipe) documentId: string,
    @CurrentActor() actor: Actor,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    sendDocument(reply, await this.evidence.open({ party: 'complainant', caseId: id, userId: actor.userId! }, documentId, actor));
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
    private readonly secrets: SecretAttempts,
  ) {}

  /**
   * Adds one file (multipart: `kind`, `file`). A wrong reference or secret is 404 (the file is not
   * read); wrong secrets count towards the same limits as `GET /public/complaints/:reference` (429).
   */
  @Post(':reference/evidence')
  @Public()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Add an evidence file to a complaint without an account',
    description:
      'The complainant without an account: the reference in the path, the tracking secret in `X-Tracking-Secret`. A wrong reference or secret is 404 and the file is not read; ' +
      'wrong secrets count towards the same limits as `GET /public/complaints/{reference}`. ' +
      SECRET_LIMITS +
      ' ' +
      `The ministry sees the file; the agency never does. ${UPLOAD_RULES}`,
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: UploadEvidenceBody })
  @ApiHeader({ name: 'X-Tracking-Secret', required: true, description: 'The tracking secret shown once when the complaint was filed.' })
  @ApiCreatedResponse({ type: EvidenceView, description: 'The file as stored.' })
  @ApiProblems({ ...UPLOAD_PROBLEMS, 429: ['too-many-requests'] })
  async upload(
    @Param() p: EvidenceReferenceParams,
    @Headers('x-tracking-secret') secret: string | undefined,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @CurrentActor() actor: Actor,
  ): Promise<EvidenceView> {
    const reference = canonicalReference(p.reference);
    if (!reference || !secret) throw new NotFoundException('case');
    // The same limits (and counters) as the tracking route: guessing a secret here is no cheaper.
    const door = { party: 'complainant', reference, secret } as const;
    await this.secrets.guard(reference, req.ip, reply, () => this.evidence.checkUpload(door));
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

  private door(id: string, actor: Actor) {
    return { party: 'agency', caseId: id, userId: actor.userId!, agencyId: actor.agencyId! } as const;
  }

  /** Adds one file (multipart: `kind`, `file`): the agency's evidence, shared with the complainant. */
  @Post(':id/evidence')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Add an evidence file to a case about my agency',
    description: `The agency's evidence for a case about it (another agency's case is 404). It is shared: the complainant and the ministry see it, and its timeline entry is shared. Audited. ${UPLOAD_RULES}`,
  })
  @ApiParam(CASE_ID)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: UploadEvidenceBody })
  @ApiCreatedResponse({ type: EvidenceView, description: 'The file as stored.' })
  @ApiProblems(UPLOAD_PROBLEMS)
  upload(@Param('id', ParseUUIDPipe) id: string, @Req() req: FastifyRequest, @CurrentActor() actor: Actor): Promise<EvidenceView> {
    return receive(this.evidence, this.documents, req, this.door(id, actor), actor);
  }

  /** The agency's own uploads to the case, and nothing else. */
  @Get(':id/evidence')
  @ApiOperation({
    summary: "List my agency's evidence on a case",
    description:
      "The agency's own uploads to the case, newest first, and nothing else (the complainant's and the ministry's files are never listed). Paged, optionally of one kind. Another agency's case is 404.",
  })
  @ApiParam(CASE_ID)
  @ApiOkResponse({ type: PageOf(EvidenceView) })
  @ApiProblems({ 400: ['bad-request'] })
  list(@Param('id', ParseUUIDPipe) id: string, @Query() q: EvidenceQuery, @CurrentActor() actor: Actor): Promise<Page<EvidenceView>> {
    return this.evidence.list(this.door(id, actor), q);
  }

  /** One of its own uploads; anything else is 404. */
  @Get(':id/evidence/:documentId/content')
  @ApiOperation({ summary: 'Download an evidence file my agency added', description: "One of the agency's own uploads to the case; anything else is 404." })
  @ApiParam(CASE_ID)
  @ApiParam(DOCUMENT_ID)
  @ApiOkResponse(EVIDENCE_DOWNLOAD)
  @ApiProblems({ 400: ['bad-request'] })
  async content(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('documentId', ParseUUIDPipe) documentId: string,
    @CurrentActor() actor: Actor,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    sendDocument(reply, await this.evidence.open(this.door(id, actor), documentId, actor));
  }
}
