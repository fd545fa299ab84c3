import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Role, Roles, CurrentActor } from '@app/auth';
import { Actor, Page, PageOf, ROLES } from '@app/common';
import { DocumentsService, sendDocument, withSingleFileUpload } from '@app/documents';
import { REFUND_ORDER_LIFECYCLE, RefundOrderView, RefundOrders } from '@app/fees';
import {
  CancelRefundOrderDto,
  DeclareRefundPaymentBody,
  PaymentDeclarationFields,
  RecordRefundPaymentDto,
  RefundOrderQuery,
  RejectRefundDeclarationDto,
} from './fees.dto';
import { DOCUMENT_DOWNLOAD } from '../documents/documents.dto';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { RefundPaymentDeclarations } from './refund-payment-declarations.service';

const READERS: Role[] = ['agency_admin', 'agency_staff', 'inspector', 'supervisor', 'welfare_officer', 'admin'];
/** Who may make a move: the roles the refund-order table names for it. */
const PAYMENT_RECORDERS: Role[] = REFUND_ORDER_LIFECYCLE.whoAmong('record-payment', ROLES);
const CANCELLERS: Role[] = REFUND_ORDER_LIFECYCLE.whoAmong('cancel', ROLES);
const DECLARERS: Role[] = REFUND_ORDER_LIFECYCLE.whoAmong('declare-payment', ROLES);

/** Refund orders opened by fee assessments. An agency sees its own (another's: 404). */
@ApiTags('fees: refund orders')
@ApiBearerAuth()
@Controller('refund-orders')
export class RefundOrdersController {
  constructor(
    private readonly refunds: RefundOrders,
    private readonly declarations: RefundPaymentDeclarations,
  ) {}

  @Get()
  @Roles(...READERS)
  @ApiOperation({
    summary: 'List refund orders',
    description:
      "Refund orders, newest first, a page at a time: those opened by fee assessments and those ordered by complaint decisions. An agency user sees only its agency's; " +
      "the ministry all of them, or one agency's with `agencyId`. Filter by `state` and `placementId`.",
  })
  @ApiOkResponse({ type: PageOf(RefundOrderView) })
  list(@Query() q: RefundOrderQuery, @CurrentActor() actor: Actor): Promise<Page<RefundOrderView>> {
    return this.refunds.list(q, actor);
  }

  @Get(':id')
  @Roles(...READERS)
  @ApiOperation({
    summary: 'Read a refund order',
    description: "One refund order with its state, deadline and settlement. Another agency's order is not found.",
  })
  @ApiParam({ name: 'id', format: 'uuid', description: 'The refund order.' })
  @ApiOkResponse({ type: RefundOrderView })
  @ApiProblems({ 400: ['bad-request'] })
  get(@Param('id', ParseUUIDPipe) id: string, @CurrentActor() actor: Actor): Promise<RefundOrderView> {
    return this.refunds.get(id, actor);
  }

  /** Records the agency's proof that it paid the worker back: the order is paid and its deadline met. */
  @Post(':id/payment')
  @Roles(...PAYMENT_RECORDERS)
  @HttpCode(200)
  @ApiOperation({
    summary: "Record the agency's payment of a refund order",
    description:
      "Records the agency's proof that it paid the worker back (`paidReference`): the open order becomes paid and its payment deadline is met. " +
      "For an order whose payment the agency declared (`payment-declared`), this confirms the declaration: `paidReference` may be omitted to keep the agency's declared reference. " +
      'Send the `version` you read (409 `stale-version` when it changed meanwhile); an order that is no longer open is refused (409 `refund-order-transition`). Audited.',
  })
  @ApiParam({ name: 'id', format: 'uuid', description: 'The refund order.' })
  @ApiOkResponse({ type: RefundOrderView, description: 'The order, now paid.' })
  @ApiProblems({ 409: ['refund-order-transition', 'stale-version'] })
  pay(@Param('id', ParseUUIDPipe) id: string, @Body() dto: RecordRefundPaymentDto, @CurrentActor() actor: Actor): Promise<RefundOrderView> {
    return this.refunds.settle(id, 'record-payment', dto, actor);
  }

  /** Rejects the agency's declaration of its payment, with a reason the agency is mailed: the order is open again. */
  @Post(':id/reject-declaration')
  @Roles(...PAYMENT_RECORDERS)
  @HttpCode(200)
  @ApiOperation({
    summary: "Reject an agency's payment declaration",
    description:
      "Rejects the payment the agency declared (`payment-declared`) with a `reason`, which the agency's admins are mailed (`fees.refund-declaration-rejected`): the order is open again and still owed. " +
      "When its payment deadline has passed (it fired while the declaration waited and left the order alone), the order is garnished from the agency's escrow at once when the escrow can pay it. " +
      'Send the `version` you read (409 `stale-version` when it changed meanwhile); an order without a pending declaration is refused (409 `refund-order-transition`). Audited.',
  })
  @ApiParam({ name: 'id', format: 'uuid', description: 'The refund order.' })
  @ApiOkResponse({ type: RefundOrderView, description: 'The order, open again (or garnished when past due).' })
  @ApiProblems({ 409: ['refund-order-transition', 'stale-version'] })
  rejectDeclaration(@Param('id', ParseUUIDPipe) id: string, @Body() dto: RejectRefundDeclarationDto, @CurrentActor() actor: Actor): Promise<RefundOrderView> {
    return this.refunds.rejectDeclaration(id, dto, actor);
  }

  /** The proof the agency uploaded with its latest declaration. */
  @Get(':id/payment-proof')
  @Roles(...READERS)
  @ApiOperation({
    summary: "Download the proof of an agency's payment declaration",
    description:
      "The file the agency uploaded with its latest payment declaration, as an attachment. Not found when it never declared one, or for another agency's order.",
  })
  @ApiParam({ name: 'id', format: 'uuid', description: 'The refund order.' })
  @ApiOkResponse(DOCUMENT_DOWNLOAD)
  @ApiProblems({ 400: ['bad-request'] })
  async proof(@Param('id', ParseUUIDPipe) id: string, @CurrentActor() actor: Actor, @Res() reply: FastifyReply): Promise<void> {
    sendDocument(reply, await this.declarations.openProof(id, actor));
  }

  /** Cancels an open order, with a reason (e.g. an amendment showed the fee was declared wrongly). */
  @Post(':id/cancel')
  @Roles(...CANCELLERS)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Cancel a refund order',
    description:
      'Cancels an open order with a reason (e.g. an amendment showed the fee was declared wrongly); its payment deadline is cancelled and the money is no longer owed. ' +
      'Send the `version` you read (409 `stale-version` when it changed meanwhile); an order that is no longer open is refused (409 `refund-order-transition`). Audited.',
  })
  @ApiParam({ name: 'id', format: 'uuid', description: 'The refund order.' })
  @ApiOkResponse({ type: RefundOrderView, description: 'The order, now cancelled.' })
  @ApiProblems({ 409: ['refund-order-transition', 'stale-version'] })
  cancel(@Param('id', ParseUUIDPipe) id: string, @Body() dto: CancelRefundOrderDto, @CurrentActor() actor: Actor): Promise<RefundOrderView> {
    return this.refunds.settle(id, 'cancel', dto, actor);
  }
}

/** An agency declares its own payment of a refund order, with proof; the ministry then confirms or rejects it. */
@ApiTags('fees: refund orders')
@ApiBearerAuth()
@Roles(...DECLARERS)
@Controller('agency/refund-orders')
export class AgencyRefundOrdersController {
  constructor(
    private readonly declarations: RefundPaymentDeclarations,
    private readonly documents: DocumentsService,
  ) {}

  @Post(':id/payment-declaration')
  @HttpCode(200)
  @ApiOperation({
    summary: "Declare my agency's payment of a refund order",
    description:
      'The agency declares that it paid the worker back: `multipart/form-data` with `paymentReference` (the bank or remittance reference) and exactly one proof file in `file` ' +
      '(a receipt or bank slip, recognised by its content; at most DOCUMENTS_MAX_BYTES). The open order becomes `payment-declared` and waits for the ministry, which confirms it ' +
      '(POST /refund-orders/{id}/payment) or rejects it with a reason (POST /refund-orders/{id}/reject-declaration; the order is open again). While it waits, the order is not garnished. ' +
      "The order is checked before the file is read: another agency's order is 404; an order that is not open (already declared, paid, garnished or cancelled) is 409 `refund-order-transition`, so declaring twice is refused. " +
      'Nothing is stored when any check fails. Audited (`fees.refund-order.payment-declared`, and `document.uploaded` for the proof).',
  })
  @ApiParam({ name: 'id', format: 'uuid', description: 'The refund order.' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: DeclareRefundPaymentBody })
  @ApiOkResponse({ type: RefundOrderView, description: 'The order, now payment-declared.' })
  @ApiProblems({ 400: ['file-missing', 'too-many-files', 'malformed-multipart'], 409: ['refund-order-transition'] })
  async declare(@Param('id', ParseUUIDPipe) id: string, @Req() req: FastifyRequest, @CurrentActor() actor: Actor): Promise<RefundOrderView> {
    await this.declarations.check(id, actor);
    return withSingleFileUpload(req, this.documents, { fields: PaymentDeclarationFields }, ({ staged, fields }) =>
      this.declarations.declare(id, fields.paymentReference.trim(), staged, actor),
    );
  }
}
