import { Body, Controller, Get, HttpCode, Post, Query, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@app/auth';
import { Page, PageOf } from '@app/common';
import { CalculatorAnswer, CheckAnswer, FeeCalculator, FeeRuleView, FeeSchedules, FeeVocabulary, feeVocabulary } from '@app/fees';
import { PublicThrottleGuard } from '../http/public-throttle.guard';
import { ApiProblems } from '../openapi/api-problems.decorator';
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
  @ApiOperation({
    summary: 'Ask what a worker may be charged',
    description:
      "For a job (destination country, occupation category) at a monthly salary, from an origin country (default: this installation's), on a day (default today): " +
      "the most a worker may be charged as the placement fee, in the cap's currency and in the origin currency at the exchange rate in force that day; " +
      'the other cost items allowed with their caps; the items prohibited; and the rule applied with its legal source. ' +
      'In a protected category (e.g. domestic work) no fee at all may be charged. 404 `no-fee-rule` when no rule covers the job that day; ' +
      '422 `missing-exchange-rate` when the conversion needs a rate nobody recorded. Nothing asked is stored. Rate limited per client address (429).',
  })
  @ApiOkResponse({ type: CalculatorAnswer })
  @ApiProblems({ 404: ['no-fee-rule'], 422: ['missing-exchange-rate'], 429: ['too-many-requests'] })
  quote(@Query() q: CalculatorQueryDto): Promise<CalculatorAnswer> {
    return this.calculator.quote(q);
  }

  /** Paste what you were charged: the verdict per fee, with the excess. */
  @Post('calculator/check')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Check what a worker was charged',
    description:
      "Paste the fees a worker was charged (item, amount, currency, optionally the day; default the question's day): each is checked against the rule in force on its day, " +
      "caps applying to the sum of an item's fees under one rule. The answer gives the verdict, each fee over what is allowed with its excess, the total excess per currency " +
      '(what the agency would have to pay back), and the rules applied. Fees that cannot be checked (no rule that day, no exchange rate) are listed as problems and make the outcome incomplete. ' +
      'Fee days may not be in the future (400). Nothing asked is stored. Rate limited per client address (429).',
  })
  @ApiOkResponse({ type: CheckAnswer })
  @ApiProblems({ 429: ['too-many-requests'] })
  check(@Body() dto: CalculatorCheckDto): Promise<CheckAnswer> {
    return this.calculator.check(dto);
  }

  /** The fee rules (filter by corridor, or in force on a date). */
  @Get('rules')
  @Public()
  @ApiOperation({
    summary: 'List the fee rules',
    description:
      'The effective-dated fee rules, past, present and future: filter by destination, occupation and origin, or keep those in force on a day (`inForceOn`). ' +
      'Ordered by destination, occupation, origin and newest first; a page at a time. Rate limited per client address (429).',
  })
  @ApiOkResponse({ type: PageOf(FeeRuleView) })
  @ApiProblems({ 429: ['too-many-requests'] })
  rules(@Query() q: FeeRuleQuery): Promise<Page<FeeRuleView>> {
    return this.schedules.list(q);
  }

  /** The codes rules and fees use: cost items with labels, occupation categories, origin currencies. */
  @Get('vocabulary')
  @Public()
  @ApiOperation({
    summary: 'List the codes fee rules and fees use',
    description:
      'The vocabulary of rules and fee lines: the item code of the placement fee proper, the cost items with their labels, the occupation categories, ' +
      'and the origin countries this system knows with their currencies. Fixed in code; it changes only with a new release. Rate limited per client address (429).',
  })
  @ApiOkResponse({ type: FeeVocabulary })
  @ApiProblems({ 429: ['too-many-requests'] })
  vocabulary(): FeeVocabulary {
    return feeVocabulary();
  }
}
