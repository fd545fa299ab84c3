import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Actor, ActorContext, Role, Roles } from '@app/auth';
import { Page, PageOf } from '@app/common';
import { RefundOrderView, RefundOrders } from '@app/fees';
import { CancelRefundOrderDto, RecordRefundPaymentDto, RefundOrderQuery } from './fees.dto';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { feesActor } from './fees-actor';

const READERS: Role[] = ['agency_admin', 'agency_staff', 'inspector', 'supervisor', 'welfare_officer', 'admin'];
const PAYMENT_RECORDERS: Role[] = ['inspector', 'supervisor'];
const CANCELLERS: Role[] = ['supervisor'];

/** Refund orders opened by fee assessments. An agency sees its own (another's: 404). */
@ApiTags('fees: refund orders')
@ApiBearerAuth()
@Controller('refund-orders')
export class RefundOrdersController {
  constructor(
    private readonly refunds: RefundOrders,
    @InjectDataSource() private readonly db: DataSource,
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
  list(@Query() q: RefundOrderQuery, @Actor() actor: ActorContext): Promise<Page<RefundOrderView>> {
    return this.refunds.list(q, feesActor(actor, READERS));
  }

  @Get(':id')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Read a refund order', description: "One refund order with its state, deadline and settlement. Another agency's order is not found." })
  @ApiParam({ name: 'id', format: 'uuid', description: 'The refund order.' })
  @ApiOkResponse({ type: RefundOrderView })
  @ApiProblems({ 400: ['bad-request'] })
  get(@Param('id', ParseUUIDPipe) id: string, @Actor() actor: ActorContext): Promise<RefundOrderView> {
    return this.refunds.get(id, feesActor(actor, READERS));
  }

  /** Records the agency's proof that it paid the worker back: the order is paid and its deadline met. */
  @Post(':id/payment')
  @Roles(...PAYMENT_RECORDERS)
  @HttpCode(200)
  @ApiOperation({
    summary: "Record the agency's payment of a refund order",
    description:
      "Records the agency's proof that it paid the worker back (`paidReference`): the open order becomes paid and its payment deadline is met. " +
      'Send the `version` you read (409 `stale-version` when it changed meanwhile); an order that is no longer open is refused (409 `refund-order-transition`). Audited.',
  })
  @ApiParam({ name: 'id', format: 'uuid', description: 'The refund order.' })
  @ApiOkResponse({ type: RefundOrderView, description: 'The order, now paid.' })
  @ApiProblems({ 409: ['refund-order-transition', 'stale-version'] })
  pay(@Param('id', ParseUUIDPipe) id: string, @Body() dto: RecordRefundPaymentDto, @Actor() actor: ActorContext): Promise<RefundOrderView> {
    return this.db.transaction((m) => this.refunds.settle(m, id, 'record-payment', dto, feesActor(actor, PAYMENT_RECORDERS)));
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
  cancel(@Param('id', ParseUUIDPipe) id: string, @Body() dto: CancelRefundOrderDto, @Actor() actor: ActorContext): Promise<RefundOrderView> {
    return this.db.transaction((m) => this.refunds.settle(m, id, 'cancel', dto, feesActor(actor, CANCELLERS)));
  }
}
