/**
 * The fee pages (ROUTES.fees): two journeys on one set of job questions, one question a page.
 *
 *   /fees                                the start: "What may I be charged?" or "Check what I paid"
 *   /fees/:journey/country               where the job is (countries with a fee rule in force)
 *   /fees/:journey/job                   the type of job (occupation categories with a rule there)
 *   /fees/:journey/salary                the monthly basic salary and its currency
 *   /fees/:journey/not-listed            the country is not in the list: what that means
 *   /fees/calculator/answer              the legal maximum, in total and item by item, with its source
 *   /fees/check/fees                     the answers and the fees paid so far (check your answers)
 *   /fees/check/fees/add, /fees/check/fees/:n (and :n/remove)   one fee at a time
 *   /fees/check/result                   any overcharge, fee by fee; "Complain about this"
 *   POST /fees/check/complain            puts the checked fees in the session's complaint draft,
 *                                        then on to the complaint form (ROUTES.complaintNew)
 *
 * Answers live in the web session (fees-session.ts), never in the URL. Every form posts, then
 * redirects (Post/Redirect/Get); a form with mistakes is shown again (400) with each message next
 * to its field. Mistakes only the API can see (its 400 naming fields) are kept in the session and
 * shown on the page that asked for that field.
 */
import { Body, Controller, Get, NotFoundException, Param, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Locale, currencyExponent, formatDate, formatMoney, isKnownCurrency, translate } from '@app/i18n';
import { ROUTES } from '../routes';
import { FeesApi, FeeRule, Vocabulary, questionOf } from './fees-api';
import { USUAL_SALARY_CURRENCY, byName, countryName, currencyName, currencyOptions, jobHint, jobName } from './fees-names';
import { FeesAnswers, FeesJourney, MAX_FEES, PaidFee, PendingErrors, answersOf, isJourney, saveAnswers, storeComplaintDraft } from './fees-session';
import { calculatorView, checkView, feeItemName, jobSummary } from './fees-views';
import { MoneyInputError, exampleAmount, minorToInput, parseMoneyInput } from './money-input';

type Form = Record<string, unknown>;
type FieldErrors = Record<string, string>;

const NOT_LISTED = 'other';

const base = (j: FeesJourney) => (j === 'calculator' ? ROUTES.feesCalculator : ROUTES.feesCheck);

export const feesPath = {
  start: ROUTES.fees,
  country: (j: FeesJourney) => `${base(j)}/country`,
  job: (j: FeesJourney) => `${base(j)}/job`,
  salary: (j: FeesJourney) => `${base(j)}/salary`,
  notListed: (j: FeesJourney) => `${base(j)}/not-listed`,
  answer: `${ROUTES.feesCalculator}/answer`,
  fees: `${ROUTES.feesCheck}/fees`,
  addFee: `${ROUTES.feesCheck}/fees/add`,
  fee: (n: number) => `${ROUTES.feesCheck}/fees/${n}`,
  removeFee: (n: number) => `${ROUTES.feesCheck}/fees/${n}/remove`,
  result: `${ROUTES.feesCheck}/result`,
  complain: `${ROUTES.feesCheck}/complain`,
} as const;

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

/** The GOV.UK error summary's list: each message linking to its field. */
const errorList = (errors: FieldErrors, ids: Record<string, string> = {}) =>
  Object.entries(errors).map(([field, message]) => ({ text: message, href: `#${ids[field] ?? field}` }));

const utcToday = () => new Date().toISOString().slice(0, 10);
const DIGITS = (s: string) => s.replace(/[\u0966-\u096F]/g, (d) => String(d.charCodeAt(0) - 0x0966));

type DateInput = { ok: true; date?: string } | { ok: false; error: 'incomplete' | 'invalid' | 'future' };

/** A date typed as day, month and year (all empty: not given). */
export function parseDateInput(day: string, month: string, year: string, today = utcToday()): DateInput {
  const [d, m, y] = [day, month, year].map((v) => DIGITS(v.trim()));
  if (!d && !m && !y) return { ok: true };
  if (!d || !m || !y) return { ok: false, error: 'incomplete' };
  if (!/^\d{1,2}$/.test(d) || !/^\d{1,2}$/.test(m) || !/^\d{4}$/.test(y)) return { ok: false, error: 'invalid' };
  const date = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  const parsed = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== date || Number(y) < 1990) return { ok: false, error: 'invalid' };
  if (date > today) return { ok: false, error: 'future' };
  return { ok: true, date };
}

@Controller(ROUTES.fees)
export class FeesController {
  constructor(private readonly api: FeesApi) {}

  // ---------------------------------------------------------------- start

  @Get()
  start(@Res() reply: FastifyReply): void {
    reply.view('fees/start.njk', { calculatorHref: feesPath.country('calculator'), checkHref: feesPath.country('check') });
  }

  @Get(':journey')
  journeyStart(@Param('journey') journey: string, @Res() reply: FastifyReply): void {
    void reply.redirect(feesPath.country(this.journey(journey)), 303);
  }

  // ---------------------------------------------------------------- where the job is

  @Get(':journey/country')
  async country(@Param('journey') j: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const journey = this.journey(j);
    const answers = answersOf(request.session);
    const errors = this.takePending(request, 'country');
    await this.renderCountry(request, reply, journey, answers.destinationCountry, errors, errors ? 400 : 200);
  }

  @Post(':journey/country')
  async answerCountry(@Param('journey') j: string, @Body() body: Form, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const journey = this.journey(j);
    const chosen = text(body?.destinationCountry);
    if (chosen === NOT_LISTED) return void reply.redirect(feesPath.notListed(journey), 303);
    const countries = await this.destinations(request);
    if (!countries.includes(chosen)) {
      return this.renderCountry(request, reply, journey, undefined, { destinationCountry: translate(request.locale, 'fees.country.errors.required') }, 400);
    }
    const answers = answersOf(request.session);
    // Another country: another salary (and its currency) to give; the job is kept if it has a rule there.
    const salary = chosen === answers.destinationCountry ? {} : { salaryCurrency: undefined, monthlySalaryMinor: undefined };
    saveAnswers(request.session, { ...answers, ...salary, destinationCountry: chosen, pending: undefined });
    void reply.redirect(feesPath.job(journey), 303);
  }

  private async renderCountry(
    request: FastifyRequest,
    reply: FastifyReply,
    journey: FeesJourney,
    value: string | undefined,
    errors: FieldErrors | null,
    status: number,
  ): Promise<void> {
    const locale = request.locale;
    const countries = byName(locale, await this.destinations(request), (c) => countryName(locale, c));
    reply.status(status).view('fees/country.njk', {
      ...this.common(locale, journey),
      backHref: feesPath.start,
      action: feesPath.country(journey),
      options: countries.map((c) => ({ value: c, text: countryName(locale, c), checked: c === value })),
      notListed: NOT_LISTED,
      errors: errors ?? {},
      errorList: errorList(errors ?? {}, { destinationCountry: 'destinationCountry' }),
    });
  }

  @Get(':journey/not-listed')
  notListed(@Param('journey') j: string, @Res() reply: FastifyReply): void {
    const journey = this.journey(j);
    reply.view('fees/not-listed.njk', { backHref: feesPath.country(journey), countryHref: feesPath.country(journey), reason: 'country' });
  }

  // ---------------------------------------------------------------- the type of job

  @Get(':journey/job')
  async job(@Param('journey') j: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const journey = this.journey(j);
    const answers = answersOf(request.session);
    if (!answers.destinationCountry) return void reply.redirect(feesPath.country(journey), 303);
    const errors = this.takePending(request, 'job');
    await this.renderJob(request, reply, journey, answers, answers.occupationCategory, errors, errors ? 400 : 200);
  }

  @Post(':journey/job')
  async answerJob(@Param('journey') j: string, @Body() body: Form, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const journey = this.journey(j);
    const answers = answersOf(request.session);
    if (!answers.destinationCountry) return void reply.redirect(feesPath.country(journey), 303);
    const chosen = text(body?.occupationCategory);
    const offered = await this.jobsFor(request, answers.destinationCountry);
    if (!offered.includes(chosen)) {
      return this.renderJob(request, reply, journey, answers, undefined, { occupationCategory: translate(request.locale, 'fees.job.errors.required') }, 400);
    }
    saveAnswers(request.session, { ...answers, occupationCategory: chosen, pending: undefined });
    void reply.redirect(feesPath.salary(journey), 303);
  }

  private async renderJob(
    request: FastifyRequest,
    reply: FastifyReply,
    journey: FeesJourney,
    answers: FeesAnswers,
    value: string | undefined,
    errors: FieldErrors | null,
    status: number,
  ): Promise<void> {
    const locale = request.locale;
    const jobs = await this.jobsFor(request, answers.destinationCountry!);
    reply.status(status).view('fees/job.njk', {
      ...this.common(locale, journey),
      backHref: feesPath.country(journey),
      action: feesPath.job(journey),
      country: countryName(locale, answers.destinationCountry!),
      options: jobs.map((c) => ({ value: c, text: jobName(locale, c), hint: jobHint(locale, c), checked: c === value })),
      errors: errors ?? {},
      errorList: errorList(errors ?? {}),
    });
  }

  // ---------------------------------------------------------------- the salary

  @Get(':journey/salary')
  salary(@Param('journey') j: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    const journey = this.journey(j);
    const answers = answersOf(request.session);
    if (!answers.destinationCountry || !answers.occupationCategory) return void reply.redirect(feesPath.job(journey), 303);
    const errors = this.takePending(request, 'salary');
    const currency = answers.salaryCurrency ?? USUAL_SALARY_CURRENCY[answers.destinationCountry] ?? '';
    const amount = answers.monthlySalaryMinor && answers.salaryCurrency ? minorToInput(answers.monthlySalaryMinor, answers.salaryCurrency, request.locale) : '';
    this.renderSalary(request, reply, journey, { currency, amount }, errors, errors ? 400 : 200);
  }

  @Post(':journey/salary')
  answerSalary(@Param('journey') j: string, @Body() body: Form, @Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    const journey = this.journey(j);
    const answers = answersOf(request.session);
    if (!answers.destinationCountry || !answers.occupationCategory) return void reply.redirect(feesPath.job(journey), 303);
    const locale = request.locale;
    const currency = text(body?.currency);
    const amount = typeof body?.amount === 'string' ? body.amount : '';
    const errors: FieldErrors = {};
    const currencyOk = isKnownCurrency(currency);
    // Without a currency the amount is still checked as an amount (two decimals at most, as most are).
    const parsed = parseMoneyInput(amount, currencyOk ? currency : 'USD', locale);
    if (!currencyOk) errors.currency = translate(locale, 'fees.salary.errors.currency');
    if (!parsed.ok) errors.amount = this.moneyError(locale, parsed.error, currencyOk ? currency : 'USD', 'salary');
    if (!currencyOk || !parsed.ok) return this.renderSalary(request, reply, journey, { currency, amount }, errors, 400);
    saveAnswers(request.session, { ...answers, salaryCurrency: currency, monthlySalaryMinor: parsed.minor, pending: undefined });
    void reply.redirect(journey === 'calculator' ? feesPath.answer : feesPath.fees, 303);
  }

  private renderSalary(
    request: FastifyRequest,
    reply: FastifyReply,
    journey: FeesJourney,
    values: { currency: string; amount: string },
    errors: FieldErrors | null,
    status: number,
  ): void {
    const locale = request.locale;
    reply.status(status).view('fees/salary.njk', {
      ...this.common(locale, journey),
      backHref: feesPath.job(journey),
      action: feesPath.salary(journey),
      currencies: this.currencyItems(locale, values.currency),
      amount: values.amount,
      example: exampleAmount(locale),
      errors: errors ?? {},
      errorList: errorList(errors ?? {}),
    });
  }

  // ---------------------------------------------------------------- what may I be charged?

  @Get('calculator/answer')
  async answer(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const answers = answersOf(request.session);
    const missing = this.firstMissing('calculator', answers);
    if (missing) return void reply.redirect(missing, 303);
    const locale = request.locale;
    const outcome = await this.api.quote(request, answers);
    if (outcome.kind === 'invalid') return this.sendBackTo(request, reply, 'calculator', outcome.pending);
    const job = jobSummary(locale, answers);
    const common = {
      ...this.common(locale, 'calculator'),
      backHref: feesPath.salary('calculator'),
      job,
      changeHref: feesPath.country('calculator'),
      checkHref: feesPath.fees,
    };
    if (outcome.kind === 'no-rule') return void reply.view('fees/not-listed.njk', { ...common, reason: 'job', countryHref: feesPath.country('calculator') });
    if (outcome.kind === 'no-rate') return void reply.view('fees/no-rate.njk', { ...common, salaryHref: feesPath.salary('calculator') });
    const vocabulary = await this.api.vocabulary(request);
    reply.view('fees/answer.njk', { ...common, answer: calculatorView(locale, vocabulary, outcome.answer) });
  }

  // ---------------------------------------------------------------- check what I paid

  @Get('check/fees')
  async fees(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const answers = answersOf(request.session);
    const missing = this.firstMissing('check', answers, { fees: false });
    if (missing) return void reply.redirect(missing, 303);
    const fees = answers.fees ?? [];
    if (!fees.length) return void reply.redirect(feesPath.addFee, 303);
    const locale = request.locale;
    const errors = this.takePending(request, 'fees');
    const vocabulary = await this.api.vocabulary(request);
    reply.status(errors ? 400 : 200).view('fees/fees.njk', {
      ...this.common(locale, 'check'),
      backHref: feesPath.salary('check'),
      job: jobSummary(locale, answers),
      countryHref: feesPath.country('check'),
      jobHref: feesPath.job('check'),
      salaryHref: feesPath.salary('check'),
      fees: fees.map((fee, i) => ({
        name: feeItemName(locale, vocabulary, fee.code),
        amount: formatMoney(fee.amountMinor, fee.currency, locale),
        paidOn: fee.paidOn ? formatDate(fee.paidOn, locale) : null,
        href: feesPath.fee(i + 1),
      })),
      canAdd: fees.length < MAX_FEES,
      addHref: feesPath.addFee,
      resultHref: feesPath.result,
      errors: errors ?? {},
      errorList: errorList(errors ?? {}, { fees: 'fees-list' }),
    });
  }

  @Get('check/fees/add')
  async addFee(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const answers = answersOf(request.session);
    const missing = this.firstMissing('check', answers, { fees: false });
    if (missing) return void reply.redirect(missing, 303);
    if ((answers.fees ?? []).length >= MAX_FEES) return void reply.redirect(feesPath.fees, 303);
    const last = answers.fees?.at(-1);
    await this.renderFee(request, reply, answers, null, { code: '', amount: '', currency: last?.currency ?? '', day: '', month: '', year: '' }, null, 200);
  }

  @Post('check/fees/add')
  async saveNewFee(@Body() body: Form, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const answers = answersOf(request.session);
    const missing = this.firstMissing('check', answers, { fees: false });
    if (missing) return void reply.redirect(missing, 303);
    const fees = answers.fees ?? [];
    if (fees.length >= MAX_FEES) return void reply.redirect(feesPath.fees, 303);
    const read = await this.readFee(request, body);
    if (!read.ok) return this.renderFee(request, reply, answers, null, read.values, read.errors, 400);
    saveAnswers(request.session, { ...answers, fees: [...fees, read.fee], pending: undefined });
    void reply.redirect(feesPath.fees, 303);
  }

  @Get('check/fees/:n')
  async editFee(@Param('n') n: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const answers = answersOf(request.session);
    const index = this.feeIndex(answers, n);
    if (index === null) return void reply.redirect(feesPath.fees, 303);
    const fee = answers.fees![index];
    const errors = this.takePending(request, 'fee', index);
    const [year, month, day] = fee.paidOn ? fee.paidOn.split('-').map((v) => String(Number(v))) : ['', '', ''];
    const values = { code: fee.code, amount: minorToInput(fee.amountMinor, fee.currency, request.locale), currency: fee.currency, day, month, year };
    await this.renderFee(request, reply, answers, index, values, errors, errors ? 400 : 200);
  }

  @Post('check/fees/:n')
  async saveFee(@Param('n') n: string, @Body() body: Form, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const answers = answersOf(request.session);
    const index = this.feeIndex(answers, n);
    if (index === null) return void reply.redirect(feesPath.fees, 303);
    const read = await this.readFee(request, body);
    if (!read.ok) return this.renderFee(request, reply, answers, index, read.values, read.errors, 400);
    const fees = [...answers.fees!];
    fees[index] = read.fee;
    saveAnswers(request.session, { ...answers, fees, pending: undefined });
    void reply.redirect(feesPath.fees, 303);
  }

  @Post('check/fees/:n/remove')
  removeFee(@Param('n') n: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    const answers = answersOf(request.session);
    const index = this.feeIndex(answers, n);
    if (index !== null) saveAnswers(request.session, { ...answers, fees: answers.fees!.filter((_, i) => i !== index), pending: undefined });
    void reply.redirect(feesPath.fees, 303);
  }

  private feeIndex(answers: FeesAnswers, n: string): number | null {
    if (!/^\d{1,3}$/.test(n)) return null;
    const index = Number(n) - 1;
    return index >= 0 && index < (answers.fees ?? []).length ? index : null;
  }

  private async readFee(request: FastifyRequest, body: Form): Promise<{ ok: true; fee: PaidFee } | { ok: false; values: FeeValues; errors: FieldErrors }> {
    const locale = request.locale;
    const values: FeeValues = {
      code: text(body?.code),
      amount: typeof body?.amount === 'string' ? body.amount : '',
      currency: text(body?.currency),
      day: text(body?.['paidOn-day']),
      month: text(body?.['paidOn-month']),
      year: text(body?.['paidOn-year']),
    };
    const vocabulary = await this.api.vocabulary(request);
    const errors: FieldErrors = {};
    if (!itemCodes(vocabulary).includes(values.code)) errors.code = translate(locale, 'fees.fee.errors.code');
    const currencyOk = isKnownCurrency(values.currency);
    const parsed = parseMoneyInput(values.amount, currencyOk ? values.currency : 'USD', locale);
    if (!currencyOk) errors.currency = translate(locale, 'fees.fee.errors.currency');
    if (!parsed.ok) errors.amount = this.moneyError(locale, parsed.error, currencyOk ? values.currency : 'USD', 'fee');
    const date = parseDateInput(values.day, values.month, values.year);
    if (!date.ok) errors.paidOn = translate(locale, `fees.fee.errors.date.${date.error}`);
    if (Object.keys(errors).length || !parsed.ok || !date.ok) return { ok: false, values, errors };
    return { ok: true, fee: { code: values.code, amountMinor: parsed.minor, currency: values.currency, ...(date.date ? { paidOn: date.date } : {}) } };
  }

  private async renderFee(
    request: FastifyRequest,
    reply: FastifyReply,
    answers: FeesAnswers,
    index: number | null,
    values: FeeValues,
    errors: FieldErrors | null,
    status: number,
  ): Promise<void> {
    const locale = request.locale;
    const vocabulary = await this.api.vocabulary(request);
    const codes = itemCodes(vocabulary);
    const others = byName(locale, codes.slice(1), (c) => feeItemName(locale, vocabulary, c));
    const hasFees = (answers.fees ?? []).length > 0;
    reply.status(status).view('fees/fee.njk', {
      ...this.common(locale, 'check'),
      editing: index !== null,
      backHref: hasFees ? feesPath.fees : feesPath.salary('check'),
      action: index === null ? feesPath.addFee : feesPath.fee(index + 1),
      removeAction: index === null ? null : feesPath.removeFee(index + 1),
      items: [
        { value: '', text: translate(locale, 'fees.fee.code.choose') },
        ...[codes[0], ...others].map((c) => ({ value: c, text: feeItemName(locale, vocabulary, c), selected: c === values.code })),
      ],
      currencies: this.currencyItems(locale, values.currency),
      values,
      example: exampleAmount(locale),
      errors: errors ?? {},
      errorList: errorList(errors ?? {}, { paidOn: 'paidOn-day' }),
    });
  }

  @Get('check/result')
  async result(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const answers = answersOf(request.session);
    const missing = this.firstMissing('check', answers, { fees: true });
    if (missing) return void reply.redirect(missing, 303);
    const locale = request.locale;
    const outcome = await this.api.check(request, answers);
    if (outcome.kind === 'invalid') return this.sendBackTo(request, reply, 'check', outcome.pending);
    if (outcome.kind !== 'ok') throw new Error(`the fee check answered ${outcome.kind}, which it never should (it lists problems instead)`);
    const vocabulary = await this.api.vocabulary(request);
    reply.view('fees/result.njk', {
      ...this.common(locale, 'check'),
      backHref: feesPath.fees,
      job: jobSummary(locale, answers),
      result: checkView(locale, vocabulary, answers.fees!, outcome.answer),
      changeHref: feesPath.fees,
      complainAction: feesPath.complain,
      complaintHref: ROUTES.complaintNew,
    });
  }

  @Post('check/complain')
  complain(@Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    const answers = answersOf(request.session);
    const missing = this.firstMissing('check', answers, { fees: true });
    if (missing) return void reply.redirect(missing, 303);
    storeComplaintDraft(request.session, {
      allegationCategory: 'excess-fees',
      fees: { ...questionOf(answers), items: answers.fees!.map((f) => ({ ...f })) },
    });
    void reply.redirect(ROUTES.complaintNew, 303);
  }

  // ---------------------------------------------------------------- shared

  private journey(value: string): FeesJourney {
    if (!isJourney(value)) throw new NotFoundException();
    return value;
  }

  /** What every question page shows: the journey's name above the question. */
  private common(locale: Locale, journey: FeesJourney) {
    return { journey, caption: translate(locale, journey === 'calculator' ? 'fees.start.calculator.title' : 'fees.start.check.title') };
  }

  /** The first question not answered yet (its page), or null when all are. */
  private firstMissing(journey: FeesJourney, answers: FeesAnswers, options: { fees?: boolean } = {}): string | null {
    if (!answers.destinationCountry) return feesPath.country(journey);
    if (!answers.occupationCategory) return feesPath.job(journey);
    if (!answers.monthlySalaryMinor || !answers.salaryCurrency) return feesPath.salary(journey);
    if (options.fees && !(answers.fees ?? []).length) return feesPath.addFee;
    return null;
  }

  /** Errors the API found, kept for the page that asked (then forgotten), as messages by field. */
  private takePending(request: FastifyRequest, page: PendingErrors['page'], index?: number): FieldErrors | null {
    const answers = answersOf(request.session);
    const pending = answers.pending;
    if (!pending || pending.page !== page || (page === 'fee' && pending.index !== index)) return null;
    saveAnswers(request.session, { ...answers, pending: undefined });
    return Object.fromEntries(pending.errors.map((e) => [e.field, translate(request.locale, e.key)]));
  }

  /** The API refused a field: back to the page that asked for it, where the error is shown. */
  private sendBackTo(request: FastifyRequest, reply: FastifyReply, journey: FeesJourney, pending: PendingErrors): void {
    const answers = answersOf(request.session);
    saveAnswers(request.session, { ...answers, pending });
    const to = {
      country: feesPath.country(journey),
      job: feesPath.job(journey),
      salary: feesPath.salary(journey),
      fees: feesPath.fees,
      fee: feesPath.fee((pending.index ?? 0) + 1),
    }[pending.page];
    void reply.redirect(to, 303);
  }

  private moneyError(locale: Locale, error: MoneyInputError, currency: string, page: 'salary' | 'fee'): string {
    if (error === 'required') return translate(locale, `fees.${page}.errors.amountRequired`);
    if (error === 'decimals')
      return translate(locale, 'fees.money.errors.decimals', { currency: currencyName(locale, currency), count: currencyExponent(currency) });
    return translate(locale, `fees.money.errors.${error}`, { example: exampleAmount(locale) });
  }

  private currencyItems(locale: Locale, selected: string) {
    return [
      { value: '', text: translate(locale, 'fees.currency.choose') },
      ...currencyOptions(locale).map((c) => ({ value: c.code, text: c.label, selected: c.code === selected })),
    ];
  }

  /** Destination countries with a fee rule in force today. */
  private async destinations(request: FastifyRequest): Promise<string[]> {
    const rules = await this.api.rulesInForce(request);
    return [...new Set(rules.map((r) => r.destinationCountry))];
  }

  /** The vocabulary's occupation categories that have a rule in force in `country` (all of them if none has). */
  private async jobsFor(request: FastifyRequest, country: string): Promise<string[]> {
    const [vocabulary, rules] = await Promise.all([this.api.vocabulary(request), this.api.rulesInForce(request)]);
    const withRule = new Set(rules.filter((r: FeeRule) => r.destinationCountry === country).map((r) => r.occupationCategory));
    const jobs = vocabulary.occupationCategories.filter((c) => withRule.has(c));
    return jobs.length ? jobs : [...vocabulary.occupationCategories];
  }
}

interface FeeValues {
  code: string;
  amount: string;
  currency: string;
  day: string;
  month: string;
  year: string;
}

/** The placement fee first, then every cost item of the vocabulary. */
const itemCodes = (vocabulary: Vocabulary): string[] => [vocabulary.placementFeeItem, ...vocabulary.costItems.map((i) => i.code)];
