import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Role, Roles, CurrentActor } from '@app/auth';
import { Actor, Page, PageOf } from '@app/common';
import { ExchangeRateView, ExchangeRates, FeeRuleView, FeeSchedules } from '@app/fees';
import { CreateFeeRuleDto, EndFeeRuleDto, ExchangeRateParams, ExchangeRateQuery, RecordExchangeRateDto } from './fees.dto';
import { ApiProblems } from '../openapi/api-problems.decorator';

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
  ) {}

  /** A new effective-dated rule. 409 fee-rule-overlap when another rule for the same key is in force on any of its days. */
  @Post('admin/fee-rules')
  @Roles(...ADMIN)
  @ApiOperation({
    summary: 'Create an effective-dated fee rule',
    description:
      'Creates the rule for a corridor (destination country, occupation category, and one origin country or `*` for every origin without its own) from `validFrom`, ' +
      'open-ended or up to `validTo` (inclusive). Rules are never edited: to change one, end it (`POST /admin/fee-rules/{id}/end`) and create its successor from the next day. ' +
      'The occupation category and every cost item must be in the vocabulary (`GET /public/fees/vocabulary`), else 400 naming the field. ' +
      'Two rules for the same key may not be in force on the same day: 409 `fee-rule-overlap` names the rule in the way. ' +
      'Assessments made from its first day apply it; written to the audit log (`fees.rule.created`).',
  })
  @ApiCreatedResponse({ type: FeeRuleView })
  @ApiProblems({ 409: ['fee-rule-overlap'] })
  create(@Body() dto: CreateFeeRuleDto, @CurrentActor() actor: Actor): Promise<FeeRuleView> {
    return this.schedules.create({ ...dto, placementFeeCap: capOf(dto) }, actor);
  }

  /** Ends a rule on `validTo` (today or later), so that a new rule can follow it. */
  @Post('admin/fee-rules/:id/end')
  @Roles(...ADMIN)
  @HttpCode(200)
  @ApiOperation({
    summary: 'End a fee rule on a day',
    description:
      "Sets the rule's last day in force (`validTo`, inclusive) so that a new rule can follow it from the next day. Only today or later: the rule that applied to a day gone by stays the rule of that day (400). " +
      'A rule can only be ended earlier than it already ends: 409 `fee-rule-already-ended` when it already ends on or before that day (to extend it, create a new rule). ' +
      'Assessments already made are untouched. Written to the audit log (`fees.rule.ended`).',
  })
  @ApiParam({ name: 'id', format: 'uuid', description: 'The fee rule.' })
  @ApiOkResponse({ type: FeeRuleView, description: 'The rule with its new last day.' })
  @ApiProblems({ 409: ['fee-rule-already-ended'] })
  end(@Param('id', ParseUUIDPipe) id: string, @Body() dto: EndFeeRuleDto, @CurrentActor() actor: Actor): Promise<FeeRuleView> {
    return this.schedules.end(id, dto.validTo, actor);
  }

  /** Records the rate of a pair published on a date (201), or corrects it (200). */
  @Put('admin/exchange-rates/:base/:quote/:date')
  @Roles(...ADMIN)
  @ApiOperation({
    summary: 'Record or correct the exchange rate of a pair on a day',
    description:
      'Records the rate of `base` in `quote` published on `date` (201), or corrects the rate already recorded for that pair and day (200; the earlier figure is kept in the audit log). ' +
      'Safe to retry: sending the same rate again answers 200 (recorded as a correction to the same figure). Both currencies must be known ISO 4217 codes and differ (400). ' +
      'Conversions use the latest rate of the pair published on or before the fee date, no older than FEES_RATE_MAX_AGE_DAYS; never an inverse or cross rate. ' +
      'A correction does not re-assess fees already assessed. Written to the audit log (`fees.exchange-rate.recorded` or `.corrected`).',
  })
  @ApiCreatedResponse({ type: ExchangeRateView, description: 'The rate was recorded for the first time.' })
  @ApiOkResponse({ type: ExchangeRateView, description: 'The rate already recorded for that pair and day was corrected.' })
  async recordRate(
    @Param() p: ExchangeRateParams,
    @Body() dto: RecordExchangeRateDto,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ExchangeRateView> {
    const { rate, created } = await this.rates.record({ base: p.base, quote: p.quote, date: p.date, rate: dto.rate, source: dto.source }, actor);
    void reply.status(created ? 201 : 200);
    return rate;
  }

  /** Recorded rates, newest first per pair. */
  @Get('fees/exchange-rates')
  @Roles(...MINISTRY)
  @ApiOperation({
    summary: 'List recorded exchange rates',
    description:
      'The recorded rates, filtered by pair and by publication day (`from`, `to`, inclusive), ordered by base, quote and newest day first; a page at a time.',
  })
  @ApiOkResponse({ type: PageOf(ExchangeRateView) })
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
