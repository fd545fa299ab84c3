/**
 * The fee pages' side of the API (through the typed client, as every page): the vocabulary, the
 * rules in force (for the destination countries and jobs a person can choose), the calculator and
 * its check. Answers come back sorted into what a page does with them:
 *
 *   ok        the answer
 *   invalid   400: the API's refused fields, each placed on the question page that asked it
 *             (`fieldTarget`), to be shown next to that field
 *   no-rule   404 no-fee-rule: no rule covers this job in this country today
 *   no-rate   422 missing-exchange-rate: a conversion the answer needs has no rate yet
 *
 * A 429 (the public rate limit) is the "service unavailable, try again" page; anything else
 * unexpected is the error page. The vocabulary is fixed in the API's code (it changes only with a
 * release) and is kept an hour; the rules in force a minute, so a new rule shows soon.
 */
import { Injectable, ServiceUnavailableException } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { ApiSchemas, Problem } from '@app/api-client';
import { isProblem } from '@app/api-client';
import { ApiClientFactory } from '../api/api-client.factory';
import type { FeesAnswers, FeesPage, PaidFee, PendingErrors } from './fees-session';

export type Vocabulary = ApiSchemas['FeeVocabulary'];
export type FeeRule = ApiSchemas['FeeRuleView'];
export type CalculatorAnswer = ApiSchemas['CalculatorAnswer'];
export type CheckAnswer = ApiSchemas['CheckAnswer'];

export type ApiOutcome<T> = { kind: 'ok'; answer: T } | { kind: 'invalid'; pending: PendingErrors } | { kind: 'no-rule' } | { kind: 'no-rate' };

const VOCABULARY_TTL_MS = 60 * 60 * 1000;
const RULES_TTL_MS = 60 * 1000;
const RULES_PAGE_SIZE = 100;
/** Enough pages for any real set of rules; a guard against a loop, not a limit anyone should meet. */
const RULES_MAX_PAGES = 20;

/** Where a field the API refused is asked: the page, its field there, and for a fee which one. */
export function fieldTarget(field: string): { page: FeesPage; field: string; index?: number } | null {
  switch (field) {
    case 'destinationCountry':
      return { page: 'country', field: 'destinationCountry' };
    case 'occupationCategory':
      return { page: 'job', field: 'occupationCategory' };
    case 'monthlySalaryMinor':
      return { page: 'salary', field: 'amount' };
    case 'salaryCurrency':
      return { page: 'salary', field: 'currency' };
    case 'fees':
      return { page: 'fees', field: 'fees' };
  }
  const m = /^fees\[(\d+)\]\.(item|amountMinor|currency|date)$/.exec(field);
  if (!m) return null;
  const fieldOf = { item: 'code', amountMinor: 'amount', currency: 'currency', date: 'paidOn' } as const;
  return { page: 'fee', index: Number(m[1]), field: fieldOf[m[2] as keyof typeof fieldOf] };
}

/**
 * The API's refused fields as errors for one page: the first refused field's page (a person
 * mends one page at a time), every error of that page with the catalogue's message for its field.
 * Null when a field belongs to no page (not something a person typed: a fault of ours).
 */
export function pendingErrorsOf(problem: Problem): PendingErrors | null {
  const targets = (problem.errors ?? []).map((e) => fieldTarget(e.field));
  if (!targets.length || targets.some((t) => t === null)) return null;
  const first = targets[0]!;
  const same = targets.filter((t) => t!.page === first.page && t!.index === first.index) as NonNullable<ReturnType<typeof fieldTarget>>[];
  const errors = [...new Map(same.map((t) => [t.field, { field: t.field, key: `fees.errors.api.${t.field}` }])).values()];
  return { page: first.page, ...(first.index !== undefined ? { index: first.index } : {}), errors };
}

class UnexpectedAnswerError extends Error {
  constructor(what: string, status: number, problem: unknown) {
    super(`${what} answered ${status}${isProblem(problem) ? ` ${problem.code}: ${problem.detail ?? ''}` : ''}`);
    this.name = 'UnexpectedAnswerError';
  }
}

function refuse(what: string, response: Response, error: unknown): never {
  // The public rate limit: the same page as an API that cannot answer (try again shortly).
  if (response.status === 429) throw new ServiceUnavailableException('the API rate-limited the fee pages');
  throw new UnexpectedAnswerError(what, response.status, error);
}

/** The job answers as the calculator's question (every answer must be there). */
export function questionOf(answers: FeesAnswers) {
  return {
    destinationCountry: answers.destinationCountry!,
    occupationCategory: answers.occupationCategory!,
    monthlySalaryMinor: answers.monthlySalaryMinor!,
    salaryCurrency: answers.salaryCurrency!,
  };
}

const feeLineOf = (fee: PaidFee) => ({ item: fee.code, amountMinor: fee.amountMinor, currency: fee.currency, ...(fee.paidOn ? { date: fee.paidOn } : {}) });

const utcToday = () => new Date().toISOString().slice(0, 10);

@Injectable()
export class FeesApi {
  private vocabularyCache: { until: number; value: Promise<Vocabulary> } | null = null;
  private rulesCache: { until: number; day: string; value: Promise<FeeRule[]> } | null = null;

  constructor(private readonly clients: ApiClientFactory) {}

  /** Items, occupation categories and origin currencies the API knows. */
  vocabulary(request: FastifyRequest): Promise<Vocabulary> {
    if (this.vocabularyCache && this.vocabularyCache.until > Date.now()) return this.vocabularyCache.value;
    const value = (async () => {
      const { data, error, response } = await this.clients.forRequest(request).GET('/public/fees/vocabulary');
      if (!data) refuse('GET /public/fees/vocabulary', response, error);
      return data;
    })();
    this.vocabularyCache = { until: Date.now() + VOCABULARY_TTL_MS, value };
    value.catch(() => (this.vocabularyCache = null));
    return value;
  }

  /** Every fee rule in force today (by the calendar date: the API's own day may differ by hours). */
  rulesInForce(request: FastifyRequest): Promise<FeeRule[]> {
    const day = utcToday();
    if (this.rulesCache && this.rulesCache.until > Date.now() && this.rulesCache.day === day) return this.rulesCache.value;
    const value = (async () => {
      const api = this.clients.forRequest(request);
      const rules: FeeRule[] = [];
      for (let page = 1; page <= RULES_MAX_PAGES; page++) {
        const { data, error, response } = await api.GET('/public/fees/rules', { params: { query: { inForceOn: day, page, pageSize: RULES_PAGE_SIZE } } });
        if (!data) refuse('GET /public/fees/rules', response, error);
        rules.push(...data.items);
        if (page * data.pageSize >= data.total || !data.items.length) break;
      }
      return rules;
    })();
    this.rulesCache = { until: Date.now() + RULES_TTL_MS, day, value };
    value.catch(() => (this.rulesCache = null));
    return value;
  }

  /** What may be charged for this job: GET /public/fees/calculator. */
  async quote(request: FastifyRequest, answers: FeesAnswers): Promise<ApiOutcome<CalculatorAnswer>> {
    const { data, error, response } = await this.clients.forRequest(request).GET('/public/fees/calculator', { params: { query: questionOf(answers) } });
    if (data) return { kind: 'ok', answer: data };
    return this.outcomeOfRefusal('GET /public/fees/calculator', response, error);
  }

  /** Whether what was paid is within the rules: POST /public/fees/calculator/check. */
  async check(request: FastifyRequest, answers: FeesAnswers): Promise<ApiOutcome<CheckAnswer>> {
    const body = { ...questionOf(answers), fees: (answers.fees ?? []).map(feeLineOf) };
    const { data, error, response } = await this.clients.forRequest(request).POST('/public/fees/calculator/check', { body });
    if (data) return { kind: 'ok', answer: data };
    return this.outcomeOfRefusal('POST /public/fees/calculator/check', response, error);
  }

  private outcomeOfRefusal(what: string, response: Response, error: unknown): ApiOutcome<never> {
    const code = isProblem(error) ? error.code : undefined;
    if (response.status === 400 && isProblem(error)) {
      const pending = pendingErrorsOf(error);
      if (pending) return { kind: 'invalid', pending };
    }
    if (response.status === 404 && code === 'no-fee-rule') return { kind: 'no-rule' };
    if (response.status === 422 && code === 'missing-exchange-rate') return { kind: 'no-rate' };
    refuse(what, response, error);
  }
}
