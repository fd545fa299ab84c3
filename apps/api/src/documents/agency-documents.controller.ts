import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Roles, CurrentActor } from '@app/auth';
import { Actor, Page, PageOf } from '@app/common';
import { ACCEPTED_TYPES_IN_WORDS, DocumentView, DocumentsService, sendDocument, withSingleFileUpload } from '@app/documents';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { AgencyLibrary } from './agency-library.service';
import { AgencyDocumentsQuery, DOCUMENT_DOWNLOAD, UploadAgencyDocumentBody, UploadAgencyDocumentFields } from './documents.dto';

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
    private readonly library: AgencyLibrary,
    private readonly documents: DocumentsService,
  ) {}

  /** Uploads one file (multipart/form-data: `kind`, `file`) to the caller's agency. Audited. */
  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: "Upload a document to the agency's library",
    description:
      "Stores one file in the caller's agency library, as `multipart/form-data` with a `kind` field and exactly one `file`. " +
      `The file must be a ${ACCEPTED_TYPES_IN_WORDS}, recognised by its content (a declared type or file name that contradicts the content is refused with 415), ` +
      'and at most DOCUMENTS_MAX_BYTES (413 beyond). The upload is written to the audit log (`document.uploaded`, without the file name). ' +
      'Nothing is stored when any check fails. Not idempotent: sending the same file twice stores it twice.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: UploadAgencyDocumentBody })
  @ApiCreatedResponse({ type: DocumentView, description: 'The stored document (its metadata; the bytes are at `GET /agency/documents/{id}/content`).' })
  @ApiProblems({ 400: ['file-missing', 'too-many-files', 'malformed-multipart'], 413: ['payload-too-large'], 415: ['unsupported-media-type'] })
  upload(@Req() req: FastifyRequest, @CurrentActor() actor: Actor): Promise<DocumentView> {
    return withSingleFileUpload(req, this.documents, { fields: UploadAgencyDocumentFields }, ({ staged, fields }) =>
      this.library.upload(staged, fields.kind, actor),
    );
  }

  @Get()
  @ApiOperation({
    summary: "List the agency's documents",
    description: "The documents of the caller's agency library, newest first, a page at a time; `kind` keeps one kind only.",
  })
  @ApiOkResponse({ type: PageOf(DocumentView) })
  list(@Query() query: AgencyDocumentsQuery, @CurrentActor() actor: Actor): Promise<Page<DocumentView>> {
    return this.library.listOwn(query, actor);
  }

  /** The file itself, as a download. */
  @Get(':id/content')
  @ApiOperation({
    summary: 'Download a document of the agency',
    description:
      "The file itself, as an attachment in its recognised type. Only documents of the caller's own agency library: any other document (another agency's, or one attached to something else) is not found.",
  })
  @ApiParam({ name: 'id', format: 'uuid', description: 'The document.' })
  @ApiOkResponse(DOCUMENT_DOWNLOAD)
  @ApiProblems({ 400: ['bad-request'] })
  async content(@Param('id', ParseUUIDPipe) id: string, @CurrentActor() actor: Actor, @Res() reply: FastifyReply): Promise<void> {
    sendDocument(reply, await this.library.openOwn(id, actor));
  }
}
