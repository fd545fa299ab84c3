import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import { AuditLog } from '@app/audit';
import { Actor, ActorContext, Roles, assertInScope, auditActor } from '@app/auth';
import { NotFoundException, Page } from '@app/common';
import { DocumentView, DocumentsService, sendDocument, withSingleFileUpload } from '@app/documents';
import { AgencyDocumentsQuery, UploadAgencyDocumentBody, UploadAgencyDocumentFields } from './documents.dto';

/** Documents of the agency library are attached to the agency itself. */
export const AGENCY_OWNER_TYPE = 'agency';

/**
 * An agency's own document library (permits, clearances, statements). Another agency's
 * documents are "not found".
 */
@ApiTags('agency: documents')
@ApiBearerAuth()
@Roles('agency_admin', 'agency_staff')
@Controller('agency/documents')
export class AgencyDocumentsController {
  constructor(
    private readonly documents: DocumentsService,
    private readonly audit: AuditLog,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  /** Uploads one file (multipart/form-data: `kind`, `file`) to the caller's agency. Audited. */
  @Post()
  @HttpCode(201)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: UploadAgencyDocumentBody })
  upload(@Req() req: FastifyRequest, @Actor() actor: ActorContext): Promise<DocumentView> {
    const agencyId = actor.user!.agencyId!;
    return withSingleFileUpload(req, this.documents, { fields: UploadAgencyDocumentFields }, ({ staged, fields }) =>
      this.db.transaction(async (m) => {
        const document = await this.documents.commit(m, staged, {
          ownerType: AGENCY_OWNER_TYPE,
          ownerId: agencyId,
          agencyId,
          kind: fields.kind,
          uploadedBy: actor.user!.id,
          actor: auditActor(actor),
          correlationId: actor.correlationId,
        });
        return document;
      }),
    );
  }

  @Get()
  list(@Query() query: AgencyDocumentsQuery, @Actor() actor: ActorContext): Promise<Page<DocumentView>> {
    const agencyId = actor.user!.agencyId!;
    return this.documents.list(AGENCY_OWNER_TYPE, agencyId, query);
  }

  /** The file itself, as a download. */
  @Get(':id/content')
  @ApiProduces('application/pdf', 'image/jpeg', 'image/png')
  async content(@Param('id', ParseUUIDPipe) id: string, @Actor() actor: ActorContext, @Res() reply: FastifyReply): Promise<void> {
    const opened = await this.documents.open(undefined, id, (d) => {
      if (d.ownerType !== AGENCY_OWNER_TYPE) throw new NotFoundException('document');
      assertInScope(actor.user, { agencyId: d.agencyId }, 'document');
    });
    sendDocument(reply, opened);
  }
}
