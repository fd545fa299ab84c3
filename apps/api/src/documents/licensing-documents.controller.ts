import { Controller, Get, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { Agency } from '@app/agencies';
import { AuditLog } from '@app/audit';
import { Actor, ActorContext, Roles, auditActor } from '@app/auth';
import { NotFoundException, Page, PageOf } from '@app/common';
import { DocumentView, DocumentsService, OpenedDocument, sendDocument } from '@app/documents';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { AGENCY_OWNER_TYPE } from './agency-documents.controller';
import { AgencyDocumentsQuery, AgencyIdParams, DOCUMENT_DOWNLOAD } from './documents.dto';

/** Owner types whose documents licensing staff read through these routes. */
const LICENSING_OWNER_TYPES = [AGENCY_OWNER_TYPE, 'license-application'];

/** Ministry access to agencies' documents. Every download is audited. */
@ApiTags('licensing: documents')
@ApiBearerAuth()
@Roles('inspector', 'supervisor', 'admin')
@Controller('licensing')
export class LicensingDocumentsController {
  constructor(
    private readonly documents: DocumentsService,
    private readonly audit: AuditLog,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  /** An agency's document library; 404 for an unknown agency. */
  @Get('agencies/:agencyId/documents')
  @ApiOperation({
    summary: "List an agency's documents",
    description: "The agency's document library (what its users uploaded), newest first, a page at a time; `kind` keeps one kind only. 404 when there is no such agency.",
  })
  @ApiOkResponse({ type: PageOf(DocumentView) })
  async list(@Param() { agencyId }: AgencyIdParams, @Query() query: AgencyDocumentsQuery): Promise<Page<DocumentView>> {
    if (!(await this.db.getRepository(Agency).existsBy({ id: agencyId }))) throw new NotFoundException('agency');
    return this.documents.list(AGENCY_OWNER_TYPE, agencyId, query);
  }

  /** The file itself, as a download; the access is written to the audit log first. */
  @Get('documents/:id/content')
  @ApiOperation({
    summary: "Download an agency's or an application's document",
    description:
      "The file itself, as an attachment in its recognised type: a document of an agency's library or one uploaded with a license application. " +
      'Documents attached to anything else (complaint evidence) are not found here. Each download is first written to the audit log (`document.downloaded`, with who read it); no file is sent if that fails.',
  })
  @ApiParam({ name: 'id', format: 'uuid', description: 'The document.' })
  @ApiOkResponse(DOCUMENT_DOWNLOAD)
  @ApiProblems({ 400: ['bad-request'] })
  async content(@Param('id', ParseUUIDPipe) id: string, @Actor() actor: ActorContext, @Res() reply: FastifyReply): Promise<void> {
    let opened: OpenedDocument | undefined;
    try {
      await this.db.transaction(async (m) => {
        opened = await this.documents.open(m, id, (d) => {
          if (!LICENSING_OWNER_TYPES.includes(d.ownerType)) throw new NotFoundException('document');
        });
        const d = opened.document;
        await this.audit.append(m, {
          actor: auditActor(actor),
          action: 'document.downloaded',
          subjectType: 'document',
          subjectId: d.id,
          changes: { ownerType: d.ownerType, ownerId: d.ownerId, agencyId: d.agencyId, kind: d.kind },
          correlationId: actor.correlationId,
        });
      });
    } catch (e) {
      opened?.stream.destroy();
      throw e;
    }
    sendDocument(reply, opened!);
  }
}
