import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Req } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import { APPLICATION_OWNER_TYPE, ApplicationDetailView, ApplicationView, ApplicationsService } from '@app/agencies';
import { AuditLog } from '@app/audit';
import { Actor, ActorContext, Roles, auditActor } from '@app/auth';
import { Page } from '@app/common';
import { DocumentView, DocumentsService, withSingleFileUpload } from '@app/documents';
import { licensingActor } from './actor';
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

/** An agency's own license applications (new and renewal): another agency's are "not found". */
@ApiTags('agency: license applications')
@ApiBearerAuth()
@Controller('agency/applications')
export class AgencyApplicationsController {
  constructor(
    private readonly applications: ApplicationsService,
    private readonly documents: DocumentsService,
    private readonly audit: AuditLog,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  /** Opens a draft. A renewal is of the agency's live license, from the window's opening until its expiry (409 otherwise). */
  @Post()
  @Roles('agency_admin')
  create(@Body() dto: CreateApplicationDto, @Actor() actor: ActorContext): Promise<ApplicationDetailView> {
    return this.applications.create(actor.user!.agencyId!, dto.type, licensingActor(actor));
  }

  @Get()
  @Roles('agency_admin', 'agency_staff')
  list(@Query() query: AgencyApplicationsQuery, @Actor() actor: ActorContext): Promise<Page<ApplicationView>> {
    const { page, pageSize, state } = query;
    return this.applications.list({ agencyId: actor.user!.agencyId!, state }, { page, pageSize });
  }

  /** One application with its checklist of required documents, its documents and its events. */
  @Get(':id')
  @Roles('agency_admin', 'agency_staff')
  get(@Param('id', ParseUUIDPipe) id: string, @Actor() actor: ActorContext): Promise<ApplicationDetailView> {
    return this.applications.get(id, licensingActor(actor));
  }

  /** Uploads one document (multipart: `kind`, `file`) while the application is a draft or returned for correction. Audited. */
  @Post(':id/documents')
  @Roles('agency_admin', 'agency_staff')
  @HttpCode(201)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: UploadApplicationDocumentBody })
  upload(@Param('id', ParseUUIDPipe) id: string, @Req() req: FastifyRequest, @Actor() actor: ActorContext): Promise<DocumentView> {
    const la = licensingActor(actor);
    return withSingleFileUpload(req, this.documents, { fields: UploadApplicationDocumentFields }, ({ staged, fields }) =>
      this.db.transaction(async (m) => {
        const app = await this.applications.lockForUpload(m, id, la);
        const document = await this.documents.commit(m, staged, {
          ownerType: APPLICATION_OWNER_TYPE,
          ownerId: app.id,
          agencyId: app.agencyId,
          kind: fields.kind,
          uploadedBy: actor.user!.id,
          actor: auditActor(actor),
          correlationId: actor.correlationId,
        });
        await this.applications.documentAdded(m, app, document, la);
        return document;
      }),
    );
  }

  /** Files the application (or refiles it after correction). 409 naming the missing documents, or for a renewal outside its window. */
  @Post(':id/submit')
  @Roles('agency_admin')
  @HttpCode(200)
  submit(@Param('id', ParseUUIDPipe) id: string, @Body() dto: ApplicationMoveDto, @Actor() actor: ActorContext): Promise<ApplicationDetailView> {
    return this.applications.act(id, 'submit', { version: dto.version, note: dto.note ?? null }, licensingActor(actor));
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
  list(@Query() query: ApplicationsQuery): Promise<Page<ApplicationView>> {
    const { page, pageSize, ...filters } = query;
    return this.applications.list(filters, { page, pageSize });
  }

  /** One application with its checklist, documents, events and the clearance checks approval enforces. */
  @Get(':id')
  @Roles('inspector', 'supervisor')
  get(@Param('id', ParseUUIDPipe) id: string, @Actor() actor: ActorContext): Promise<ApplicationDetailView> {
    return this.applications.get(id, licensingActor(actor));
  }

  /** An inspector takes a submitted application for review. */
  @Post(':id/take')
  @Roles('inspector')
  @HttpCode(200)
  take(@Param('id', ParseUUIDPipe) id: string, @Body() dto: ApplicationMoveDto, @Actor() actor: ActorContext): Promise<ApplicationDetailView> {
    return this.applications.act(id, 'take', { version: dto.version, note: dto.note ?? null }, licensingActor(actor));
  }

  /** Returns it to the agency with the items to fix. */
  @Post(':id/return')
  @Roles('inspector')
  @HttpCode(200)
  return(@Param('id', ParseUUIDPipe) id: string, @Body() dto: ReturnApplicationDto, @Actor() actor: ActorContext): Promise<ApplicationDetailView> {
    return this.applications.act(id, 'return', { version: dto.version, items: dto.items }, licensingActor(actor));
  }

  @Post(':id/recommend')
  @Roles('inspector')
  @HttpCode(200)
  recommend(@Param('id', ParseUUIDPipe) id: string, @Body() dto: ApplicationMoveDto, @Actor() actor: ActorContext): Promise<ApplicationDetailView> {
    return this.applications.act(id, 'recommend', { version: dto.version, note: dto.note ?? null }, licensingActor(actor));
  }

  /** Approves: issues the license (new) or extends it (renewal), in the same transaction. 409 clearance-failed naming the failed checks. */
  @Post(':id/approve')
  @Roles('supervisor')
  @HttpCode(200)
  approve(@Param('id', ParseUUIDPipe) id: string, @Body() dto: ApplicationMoveDto, @Actor() actor: ActorContext): Promise<ApplicationDetailView> {
    return this.applications.act(id, 'approve', { version: dto.version, note: dto.note ?? null }, licensingActor(actor));
  }

  /** Rejects with reasons. A renewal rejected after the license's last day expires the license at once. */
  @Post(':id/reject')
  @Roles('supervisor')
  @HttpCode(200)
  reject(@Param('id', ParseUUIDPipe) id: string, @Body() dto: RejectApplicationDto, @Actor() actor: ActorContext): Promise<ApplicationDetailView> {
    return this.applications.act(id, 'reject', { version: dto.version, note: dto.reasons }, licensingActor(actor));
  }
}
