import { Controller, Get, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles, CurrentActor } from '@app/auth';
import { Actor, Page, PageOf } from '@app/common';
import { DocumentView, sendDocument } from '@app/documents';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { AgencyLibrary } from './agency-library.service';
import { AgencyDocumentsQuery, AgencyIdParams, DOCUMENT_DOWNLOAD } from './documents.dto';

/** Ministry access to agencies' documents. Every download is audited. */
@ApiTags('licensing: documents')
@ApiBearerAuth()
@Roles('inspector', 'supervisor', 'admin')
@Controller('licensing')
export class LicensingDocumentsController {
  constructor(private readonly library: AgencyLibrary) {}

  /** An agency's document library; 404 for an unknown agency. */
  @Get('agencies/:agencyId/documents')
  @ApiOperation({
    summary: "List an agency's documents",
    description:
      "The agency's document library (what its users uploaded), newest first, a page at a time; `kind` keeps one kind only. 404 when there is no such agency.",
  })
  @ApiOkResponse({ type: PageOf(DocumentView) })
  list(@Param() { agencyId }: AgencyIdParams, @Query() query: AgencyDocumentsQuery): Promise<Page<DocumentView>> {
    return this.library.listOf(agencyId, query);
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
  async content(@Param('id', ParseUUIDPipe) id: string, @CurrentActor() actor: Actor, @Res() reply: FastifyReply): Promise<void> {
    sendDocument(reply, await this.library.openForLicensing(id, actor));
  }
}
