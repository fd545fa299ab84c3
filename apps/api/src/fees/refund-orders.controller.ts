import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Actor, ActorContext, Role, Roles } from '@app/auth';
import { Page } from '@app/common';
import { RefundOrderView, RefundOrders } from '@app/fees';
import { CancelRefundOrderDto, RecordRefundPaymentDto, RefundOrderQuery } from './fees.dto';
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
  list(@Query() q: RefundOrderQuery, @Actor() actor: ActorContext): Promise<Page<RefundOrderView>> {
    return this.refunds.list(q, feesActor(actor, READERS));
  }

  @Get(':id')
  @Roles(...READERS)
  get(@Param('id', ParseUUIDPipe) id: string, @Actor() actor: ActorContext): Promise<RefundOrderView> {
    return this.refunds.get(id, feesActor(actor, READERS));
  }

  /** Records the agency's proof that it paid the worker back: the order is paid and its deadline met. */
  @Post(':id/payment')
  @Roles(...PAYMENT_RECORDERS)
  @HttpCode(200)
  pay(@Param('id', ParseUUIDPipe) id: string, @Body() dto: RecordRefundPaymentDto, @Actor() actor: ActorContext): Promise<RefundOrderView> {
    return this.db.transaction((m) => this.refunds.settle(m, id, 'record-payment', dto, feesActor(actor, PAYMENT_RECORDERS)));
  }

  /** Cancels an open order, with a reason (e.g. an amendment showed the fee was declared wrongly). */
  @Post(':id/cancel')
  @Roles(...CANCELLERS)
  @HttpCode(200)
  cancel(@Param('id', ParseUUIDPipe) id: string, @Body() dto: CancelRefundOrderDto, @Actor() actor: ActorContext): Promise<RefundOrderView> {
    return this.db.transaction((m) => this.refunds.settle(m, id, 'cancel', dto, feesActor(actor, CANCELLERS)));
  }
}
