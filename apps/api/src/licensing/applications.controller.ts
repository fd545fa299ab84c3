import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { APPLICATION_LIFECYCLE, ApplicationDetailView, ApplicationView, ApplicationsService } from '@app/agencies';
import { Roles, CurrentActor } from '@app/auth';
import { Actor, Page, PageOf, ROLES } from '@app/common';
import { ACCEPTED_TYPES_IN_WORDS, DocumentView, DocumentsService, withSingleFileUpload } from '@app/documents';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { ApplicationDocuments } from './application-documents.service';
import {
  AgencyApplicationsQuery,
  ApplicationMoveDto,
  ApplicationsQuery,
  CreateApplicationDto,
  RejectApplicationDto,
  ReturnApplicationDto,
  UploadApplicationDocumentBody,
  UploadApplicationDocumentFields,
} from './applications.dto';

const ApplicationId = () => ApiParam({ name: 'id', format: 'uuid', description: "The application's id." });
const MOVE_NOTE =
  'Send the `version` you read: when someone changed the application since, 409 `stale-version` (`currentVersion`); a move its state does not allow is 409 ' +
  '`transition-not-allowed` (`allowedActions` names what is). The move, its event and the audit entry are written in one transaction.';

/** An agency's own license applications (new and renewal): another agency's are "not found". */
@ApiTags('agency: license applications')
@ApiBearerAuth()
@Controller('agency/applications')
export class AgencyApplicationsController {
  constructor(
    private readonly applications: ApplicationsService,
    private readonly documents: DocumentsService,
    private readonly applicationDocuments: ApplicationDocuments,
  ) {}

  /** Opens a draft. A renewal is of the agency's live license, from the window's opening until its expiry (409 otherwise). */
  @Post()
  @Roles('agency_admin')
  @ApiOperation({
    summary: 'Open a license application',
    description:
      "Opens a `draft` application for the caller's agency: `new` (a first license, or one again after the last ended) or `renewal` (of its live license). A renewal can be opened " +
      "only from its window's opening (120 days before the last day by default) until the end of the last day: 409 `renewal-window-not-open` / `renewal-window-closed` " +
      '(`expiresOn`, `windowOpensOn`); with no live license 409 `no-license-to-renew`; a suspended one 409 `license-not-renewable`; one renewal per license is open at a time ' +
      '(409 `renewal-exists`). Then upload its documents and submit it. Audited (`agency.application.created`).',
  })
  @ApiCreatedResponse({ type: ApplicationDetailView, description: 'The draft, with its checklist of required documents.' })
  @ApiProblems({ 409: ['no-license-to-renew', 'license-not-renewable', 'renewal-window-not-open', 'renewal-window-closed', 'renewal-exists'] })
  create(@Body() dto: CreateApplicationDto, @CurrentActor() actor: Actor): Promise<ApplicationDetailView> {
    return this.applications.create(actor.agencyId!, dto.type, actor);
  }

  @Get()
  @Roles('agency_admin', 'agency_staff')
  @ApiOperation({
    summary: "List the agency's applications",
    description: "The caller's agency's license applications, optionally in one `state`, most recently changed first, paginated (`page`, `pageSize`).",
  })
  @ApiOkResponse({ type: PageOf(ApplicationView) })
  list(@Query() query: AgencyApplicationsQuery, @CurrentActor() actor: Actor): Promise<Page<ApplicationView>> {
    const { page, pageSize, state } = query;
    return this.applications.list({ agencyId: actor.agencyId!, state }, { page, pageSize });
  }

  /** One application with its checklist of required documents, its documents and its events. */
  @Get(':id')
  @Roles('agency_admin', 'agency_staff')
  @ApiOperation({
    summary: "Read one of the agency's applications",
    description:
      "One of the caller's agency's applications with its checklist of required documents, the kinds still missing, its documents and its history " +
      "(never the ministry's `clearance`). Another agency's is 404 `not-found`.",
  })
  @ApplicationId()
  @ApiOkResponse({ type: ApplicationDetailView })
  get(@Param('id', ParseUUIDPipe) id: string, @CurrentActor() actor: Actor): Promise<ApplicationDetailView> {
    return this.applications.get(id, actor);
  }

  /** Uploads one document (multipart: `kind`, `file`) while the application is a draft or returned for correction. Audited. */
  @Post(':id/documents')
  @Roles('agency_admin', 'agency_staff')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Upload a document to an application',
    description:
      `Attaches one file (multipart/form-data: the text field \`kind\` and the file \`file\`; ${ACCEPTED_TYPES_IN_WORDS}, recognised from its content, at most DOCUMENTS_MAX_BYTES, 10 MiB by default) ` +
      "to one of the caller's agency's applications, while it is a `draft` or `returned_for_correction` (409 `application-locked` otherwise, with `allowedActions`). " +
      'Several documents of one kind may be attached. Recorded as a `document` event of the application and audited (`document.uploaded`). ' +
      'A body that is not multipart or a refused file type is 415; too large 413; no file, two files or a broken body 400 (`file-missing`, `too-many-files`, `malformed-multipart`).',
  })
  @ApplicationId()
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: UploadApplicationDocumentBody })
  @ApiCreatedResponse({ type: DocumentView, description: 'The document stored.' })
  @ApiProblems({ 400: ['malformed-multipart', 'file-missing', 'too-many-files'], 409: ['application-locked'] })
  upload(@Param('id', ParseUUIDPipe) id: string, @Req() req: FastifyRequest, @CurrentActor() actor: Actor): Promise<DocumentView> {
    return withSingleFileUpload(req, this.documents, { fields: UploadApplicationDocumentFields }, ({ staged, fields }) =>
      this.applicationDocuments.upload(id, staged, fields.kind, actor),
    );
  }

  /** Files the application (or refiles it after correction). 409 naming the missing documents, or for a renewal outside its window. */
  @Post(':id/submit')
  @Roles(...APPLICATION_LIFECYCLE.whoAmong('submit', ROLES))
  @HttpCode(200)
  @ApiOperation({
    summary: 'Submit an application for review',
    description:
      "Files a `draft` (or refiles one `returned_for_correction`): it becomes `submitted`, in the inspectors' queue. Every required document must be attached " +
      '(409 `documents-missing`, `missing` naming the kinds). The first filing of a renewal must come inside its window (409 `renewal-window-not-open` / `renewal-window-closed`, ' +
      'or `license-not-renewable` when the license is no longer active or suspended); while a filed renewal is undecided the license does not expire. An optional `note` is kept in its history. ' +
      'Audited (`agency.application.submitted`). ' +
      MOVE_NOTE,
  })
  @ApplicationId()
  @ApiOkResponse({ type: ApplicationDetailView, description: 'The application as it is now.' })
  @ApiProblems({
    409: ['stale-version', 'transition-not-allowed', 'documents-missing', 'renewal-window-not-open', 'renewal-window-closed', 'license-not-renewable'],
  })
  submit(@Param('id', ParseUUIDPipe) id: string, @Body() dto: ApplicationMoveDto, @CurrentActor() actor: Actor): Promise<ApplicationDetailView> {
    return this.applications.act(id, 'submit', { version: dto.version, note: dto.note ?? null }, actor);
  }
}

/** The ministry's review of license applications: inspectors review and recommend, supervisors decide. */
@ApiTags('licensing: applications')
@ApiBearerAuth()
@Controller('licensing/applications')
export class LicensingApplicationsController {
  constructor(private readonly applications: ApplicationsService) {}

  @Get()
  @Roles('inspector', 'supervisor')
  @ApiOperation({
    summary: 'List license applications',
    description:
      "Every agency's license applications, filtered by `state` (`submitted`: to take; `recommended`: to decide), `type` and `agencyId`, most recently changed first, " +
      'paginated (`page`, `pageSize`). Drafts are listed too.',
  })
  @ApiOkResponse({ type: PageOf(ApplicationView) })
  list(@Query() query: ApplicationsQuery): Promise<Page<ApplicationView>> {
    const { page, pageSize, ...filters } = query;
    return this.applications.list(filters, { page, pageSize });
  }

  /** One application with its checklist, documents, events and the clearance checks approval enforces. */
  @Get(':id')
  @Roles('inspector', 'supervisor')
  @ApiOperation({
    summary: 'Read a license application for review',
    description:
      'One application with its checklist, missing documents, documents, history and `clearance`: the checks approval enforces (escrow, unpaid fines, refund orders, ' +
      "and the license's state), computed now.",
  })
  @ApplicationId()
  @ApiOkResponse({ type: ApplicationDetailView })
  get(@Param('id', ParseUUIDPipe) id: string, @CurrentActor() actor: Actor): Promise<ApplicationDetailView> {
    return this.applications.get(id, actor);
  }

  /** An inspector takes a submitted application for review. */
  @Post(':id/take')
  @Roles(...APPLICATION_LIFECYCLE.whoAmong('take', ROLES))
  @HttpCode(200)
  @ApiOperation({
    summary: 'Take a submitted application for review',
    description:
      'The calling inspector takes a `submitted` application: it becomes `under_review` with them as its reviewer. An optional `note` is kept in its history. ' +
      'Audited (`agency.application.review-started`). Of two inspectors taking it at once, one wins and the other gets 409. ' +
      MOVE_NOTE,
  })
  @ApplicationId()
  @ApiOkResponse({ type: ApplicationDetailView, description: 'The application as it is now.' })
  @ApiProblems({ 409: ['stale-version', 'transition-not-allowed'] })
  take(@Param('id', ParseUUIDPipe) id: string, @Body() dto: ApplicationMoveDto, @CurrentActor() actor: Actor): Promise<ApplicationDetailView> {
    return this.applications.act(id, 'take', { version: dto.version, note: dto.note ?? null }, actor);
  }

  /** Returns it to the agency with the items to fix. */
  @Post(':id/return')
  @Roles(...APPLICATION_LIFECYCLE.whoAmong('return', ROLES))
  @HttpCode(200)
  @ApiOperation({
    summary: 'Return an application for correction',
    description:
      'Sends an application `under_review` back to the agency (`returned_for_correction`) with the `items` it must fix (its `correctionItems`); the agency may then upload ' +
      'documents again and resubmit. Audited (`agency.application.returned`). ' +
      MOVE_NOTE,
  })
  @ApplicationId()
  @ApiOkResponse({ type: ApplicationDetailView, description: 'The application as it is now.' })
  @ApiProblems({ 409: ['stale-version', 'transition-not-allowed', 'transition-condition-unmet'] })
  return(@Param('id', ParseUUIDPipe) id: string, @Body() dto: ReturnApplicationDto, @CurrentActor() actor: Actor): Promise<ApplicationDetailView> {
    return this.applications.act(id, 'return', { version: dto.version, items: dto.items }, actor);
  }

  @Post(':id/recommend')
  @Roles(...APPLICATION_LIFECYCLE.whoAmong('recommend', ROLES))
  @HttpCode(200)
  @ApiOperation({
    summary: 'Recommend an application for a decision',
    description:
      "The inspector recommends an application `under_review`: it becomes `recommended`, in the supervisors' queue. An optional `note` is kept in its history. " +
      'Audited (`agency.application.recommended`). ' +
      MOVE_NOTE,
  })
  @ApplicationId()
  @ApiOkResponse({ type: ApplicationDetailView, description: 'The application as it is now.' })
  @ApiProblems({ 409: ['stale-version', 'transition-not-allowed'] })
  recommend(@Param('id', ParseUUIDPipe) id: string, @Body() dto: ApplicationMoveDto, @CurrentActor() actor: Actor): Promise<ApplicationDetailView> {
    return this.applications.act(id, 'recommend', { version: dto.version, note: dto.note ?? null }, actor);
  }

  /** Approves: issues the license (new) or extends it (renewal), in the same transaction. 409 clearance-failed naming the failed checks. */
  @Post(':id/approve')
  @Roles(...APPLICATION_LIFECYCLE.whoAmong('approve', ROLES))
  @HttpCode(200)
  @ApiOperation({
    summary: 'Approve an application',
    description:
      'Approves a `recommended` application, only when every clearance check passes (409 `clearance-failed`, with `failedChecks` and `checks`). In the same transaction, ' +
      'a `new` application issues the license (`provisional` for an agency never licensed, `regular` otherwise; the application keeps its `licenseId`), and a `renewal` ' +
      "extends its license by the type's validity (new last day = old last day + the years) and restarts its expiry deadline and reminders. " +
      'The optional `note` becomes its `decisionReasons`. Audited (`agency.application.approved`, and `agency.license.issued` or `.renewed`); the public verification shows it at once. ' +
      'A license changed meanwhile can still refuse it: 409 `license-exists` or `license-not-renewable`. ' +
      MOVE_NOTE,
  })
  @ApplicationId()
  @ApiOkResponse({ type: ApplicationDetailView, description: 'The application, `approved`, with its license.' })
  @ApiProblems({ 409: ['stale-version', 'transition-not-allowed', 'clearance-failed', 'license-exists', 'license-not-renewable'] })
  approve(@Param('id', ParseUUIDPipe) id: string, @Body() dto: ApplicationMoveDto, @CurrentActor() actor: Actor): Promise<ApplicationDetailView> {
    return this.applications.act(id, 'approve', { version: dto.version, note: dto.note ?? null }, actor);
  }

  /** Rejects with reasons. A renewal rejected after the license's last day expires the license at once. */
  @Post(':id/reject')
  @Roles(...APPLICATION_LIFECYCLE.whoAmong('reject', ROLES))
  @HttpCode(200)
  @ApiOperation({
    summary: 'Reject an application',
    description:
      "Rejects a `recommended` application with its `reasons` (the agency reads them as `decisionReasons`): final. A renewal rejected after its license's last day " +
      'expires the license at once (in the same transaction); before it, the license expires at its end as usual. Audited (`agency.application.rejected`). ' +
      MOVE_NOTE,
  })
  @ApplicationId()
  @ApiOkResponse({ type: ApplicationDetailView, description: 'The application, `rejected`.' })
  @ApiProblems({ 409: ['stale-version', 'transition-not-allowed', 'transition-condition-unmet'] })
  reject(@Param('id', ParseUUIDPipe) id: string, @Body() dto: RejectApplicationDto, @CurrentActor() actor: Actor): Promise<ApplicationDetailView> {
    return this.applications.act(id, 'reject', { version: dto.version, note: dto.reasons }, actor);
  }
}
