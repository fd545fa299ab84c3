import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { Actor, ActorContext, Role, Roles } from '@app/auth';
import { Page } from '@app/common';
import { ExchangeRateView, ExchangeRates, FeeRuleView, FeeSchedules } from '@app/fees';
import { CreateFeeRuleDto, EndFeeRuleDto, ExchangeRateParams, ExchangeRateQuery, RecordExchangeRateDto } from './fees.dto';
import { feesActor } from './fees-actor';

const ADMIN: Role[] = ['admin'];
const MINISTRY: Role[] = ['inspector', 'supervisor', 'welfare_officer', 'admin'];

/** Fee schedules and exchange rates, maintained by admins. (Reading the rules is public: /public/fees/rules.) */
@ApiTags('admin: fee schedules and exchange rates')
@ApiBearerAuth()
@Controller()
export class FeeRulesAdminController {
  constructor(
    private readonly schedules: FeeSchedules,
    private readonly rates: ExchangeRates,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  /** A new effective-dated rule. 409 fee-rule-overlap when another rule for the same key is in force on any of its days. */
  @Post('admin/fee-rules')
  @Roles(...ADMIN)
  create(@Body() dto: CreateFeeRuleDto, @Actor() actor: ActorContext): Promise<FeeRuleView> {
    const a = feesActor(actor, ADMIN);
    return this.db.transaction((m) => this.schedules.create(m, { ...dto, placementFeeCap: capOf(dto) }, { auditActor: a.auditActor, userId: a.userId, correlationId: a.correlationId }));
  }

  /** Ends a rule on `validTo` (today or later), so that a new rule can follow it. */
  @Post('admin/fee-rules/:id/end')
  @Roles(...ADMIN)
  @HttpCode(200)
  end(@Param('id', ParseUUIDPipe) id: string, @Body() dto: EndFeeRuleDto, @Actor() actor: ActorContext): Promise<FeeRuleView> {
    const a = feesActor(actor, ADMIN);
    return this.db.transaction((m) => this.schedules.end(m, id, dto.validTo, { auditActor: a.auditActor, correlationId: a.correlationId }));
  }

  /** Records the rate of a pair published on a date (201), or corrects it (200). */
  @Put('admin/exchange-rates/:base/:quote/:date')
  @Roles(...ADMIN)
  async recordRate(@Param() p: ExchangeRateParams, @Body() dto: RecordExchangeRateDto, @Actor() actor: ActorContext, @Res({ passthrough: true }) reply: FastifyReply): Promise<ExchangeRateView> {
    const a = feesActor(actor, ADMIN);
    const { rate, created } = await this.db.transaction((m) => this.rates.record(m, { base: p.base, quote: p.quote, date: p.date, rate: dto.rate, source: dto.source }, { auditActor: a.auditActor, userId: a.userId, correlationId: a.correlationId }));
    void reply.status(created ? 201 : 200);
    return rate;
  }

  /** Recorded rates, newest first per pair. */
  @Get('fees/exchange-rates')
  @Roles(...MINISTRY)
  listRates(@Query() q: ExchangeRateQuery): Promise<Page<ExchangeRateView>> {
    return this.rates.list(q);
  }
}

function capOf(dto: CreateFeeRuleDto) {
  const c = dto.placementFeeCap;
  if (c.kind === 'salary-multiple') return { kind: c.kind, multiple: c.multiple! };
  if (c.kind === 'fixed') return { kind: c.kind, amountMinor: c.amountMinor!, currency: c.currency! };
  return { kind: 'none' as const };
}
