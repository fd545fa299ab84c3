import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentActor, Role, Roles } from '@app/auth';
import { Actor, ROLES } from '@app/common';
import { FINE_LIFECYCLE, FineView, Fines } from '@app/complaints';
import { DocumentsService, sendDocument, withSingleFileUpload } from '@app/documents';
import { DOCUMENT_DOWNLOAD } from '../documents/documents.dto';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { PaymentDeclarationFields } from '../fees/fees.dto';
import { DeclareFinePaymentBody, RejectFineDeclarationDto } from './complaints.dto';
import { FinePaymentDeclarations } from './fine-payment-declarations.service';

/** Who may make a move: the roles the fine table names for it. */
const OFFICERS: Role[] = FINE_LIFECYCLE.whoAmong('reject-declaration', ROLES);
const AGENCY: Role[] = FINE_LIFECYCLE.whoAmong('declare-payment', ROLES);
const READERS: Role[] = [...AGENCY, ...OFFICERS, 'admin'];
/** The ministry's side of an agency's declared payment of a fine: the proof, and rejecting it (confirming is POST /fines/{id}/payment). */
@ApiTags('complaints: fines')
@ApiBearerAuth()
@Controller('fines')
export class FineDeclarationsController {
  constructor(
    private readonly fines: Fines,
    private readonly declarations: FinePaymentDeclarations,
  ) {}

  @Post(':id/reject-declaration')
  @Roles(...OFFICERS)
  @HttpCode(200)
  @ApiOperation({
    summary: "Reject an agency's payment declaration of a fine",
    description:
      "Rejects the payment the agency declared (`payment-declared`) with a `reason`, which the agency's admins are mailed (`complaint.fine-declaration-rejected`): the fine is open again, still owed by its due date, and still blocks the license clearance. " +
      'A fine without a pending declaration is refused (409 `fine-not-declared`). Audited (`complaint.fine.declaration-rejected`).',
  })
  @ApiParam({ name: 'id', format: 'uuid', description: 'The fine.' })
  @ApiOkResponse({ type: FineView, description: 'The fine, open again.' })
  @ApiProblems({ 400: ['bad-request'], 409: ['fine-not-declared'] })
  reject(@Param('id', ParseUUIDPipe) id: string, @Body() dto: RejectFineDeclarationDto, @CurrentActor() actor: Actor): Promise<FineView> {
    return this.fines.rejectDeclaration(id, dto.reason, actor);
  }

  @Get(':id/payment-proof')
  @Roles(...READERS)
  @ApiOperation({
    summary: "Download the proof of an agency's payment declaration of a fine",
    description:
      "The file the agency uploaded with its latest payment declaration of the fine, as an attachment. Not found when it never declared one, or for another agency's fine.",
  })
  @ApiParam({ name: 'id', format: 'uuid', description: 'The fine.' })
  @ApiOkResponse(DOCUMENT_DOWNLOAD)
  @ApiProblems({ 400: ['bad-request'] })
  async proof(@Param('id', ParseUUIDPipe) id: string, @CurrentActor() actor: Actor, @Res() reply: FastifyReply): Promise<void> {
    sendDocument(reply, await this.declarations.openProof(id, actor));
  }
}

/** An agency declares its own payment of a fine, with proof; the ministry then confirms or rejects it. */
@ApiTags('complaints: fines')
@ApiBearerAuth()
@Roles(...AGENCY)
@Controller('agency/fines')
export class AgencyFinePaymentsController {
  constructor(
    private readonly declarations: FinePaymentDeclarations,
    private readonly documents: DocumentsService,
  ) {}

  @Post(':id/payment-declaration')
  @HttpCode(200)
  @ApiOperation({
    summary: "Declare my agency's payment of a fine",
    description:
      'The agency declares that it paid a fine: `multipart/form-data` with `paymentReference` (the bank or treasury reference) and exactly one proof file in `file` ' +
      '(a receipt or bank slip, recognised by its content; at most DOCUMENTS_MAX_BYTES). The open fine becomes `payment-declared` and waits for the ministry, which confirms it ' +
      '(POST /fines/{id}/payment, `paidReference` omitted) or rejects it with a reason (POST /fines/{id}/reject-declaration; the fine is open again). Until confirmed it still blocks the license clearance. ' +
      "The fine is checked before the file is read: another agency's fine is 404; a fine that is not open (already declared, paid or cancelled) is 409 `fine-not-open`, so declaring twice is refused. " +
      'Nothing is stored when any check fails. Audited (`complaint.fine.payment-declared`, and `document.uploaded` for the proof).',
  })
  @ApiParam({ name: 'id', format: 'uuid', description: 'The fine.' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: DeclareFinePaymentBody })
  @ApiOkResponse({ type: FineView, description: 'The fine, now payment-declared.' })
  @ApiProblems({ 400: ['file-missing', 'too-many-files', 'malformed-multipart'], 409: ['fine-not-open'] })
  async declare(@Param('id', ParseUUIDPipe) id: string, @Req() req: FastifyRequest, @CurrentActor() actor: Actor): Promise<FineView> {
    // Checked before the file is read (404, 409); checked again under the lock.
    await this.declarations.check(id, actor);
    return withSingleFileUpload(req, this.documents, { fields: PaymentDeclarationFields }, ({ staged, fields }) =>
      this.declarations.declare(id, fields.paymentReference.trim(), staged, actor),
    );
  }
}
