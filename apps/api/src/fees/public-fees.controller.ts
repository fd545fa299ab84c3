import { Body, Controller, Get, HttpCode, Post, Query, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '@app/auth';
import { Page } from '@app/common';
import { COST_ITEMS, CalculatorAnswer, CheckAnswer, FeeCalculator, FeeRuleView, FeeSchedules, OCCUPATION_CATEGORIES, ORIGIN_CURRENCIES, PLACEMENT_FEE_ITEM } from '@app/fees';
import { PublicThrottleGuard } from '../http/public-throttle.guard';
import { CalculatorCheckDto, CalculatorQueryDto, FeeRuleQuery } from './fees.dto';

/**
 * The public side of fees, no sign-in: the calculator (what may I be charged, and was I
 * overcharged?), the rules themselves and their vocabulary. Rate limited per client address;
 * nothing asked is stored.
 */
@ApiTags('public: fees')
@Controller('public/fees')
@UseGuards(PublicThrottleGuard)
export class PublicFeesController {
  constructor(
    private readonly calculator: FeeCalculator,
    private readonly schedules: FeeSchedules,
  ) {}

  /** For this job in this country at this salary, on this date: the most a worker may be charged as a placement fee (in the origin currency too), the items allowed with their caps, the items prohibited, and the rule's source. */
  @Get('calculator')
  @Public()
  quote(@Query() q: CalculatorQueryDto): Promise<CalculatorAnswer> {
    return this.calculator.quote(q);
  }

  /** Paste what you were charged: the verdict per fee, with the excess. */
  @Post('calculator/check')
  @Public()
  @HttpCode(200)
  check(@Body() dto: CalculatorCheckDto): Promise<CheckAnswer> {
    return this.calculator.check(dto);
  }

  /** The fee rules (filter by corridor, or in force on a date). */
  @Get('rules')
  @Public()
  rules(@Query() q: FeeRuleQuery): Promise<Page<FeeRuleView>> {
    return this.schedules.list(q);
  }

  /** The codes rules and fees use: cost items with labels, occupation categories, origin currencies. */
  @Get('vocabulary')
  @Public()
  vocabulary(): { placementFeeItem: string; costItems: { code: string; label: string }[]; occupationCategories: readonly string[]; originCurrencies: Record<string, string> } {
    return {
      placementFeeItem: PLACEMENT_FEE_ITEM,
      costItems: Object.entries(COST_ITEMS).map(([code, v]) => ({ code, label: v.label })),
      occupationCategories: OCCUPATION_CATEGORIES,
      originCurrencies: { ...ORIGIN_CURRENCIES },
    };
  }
}
