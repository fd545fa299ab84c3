/**
 * The worker's placements and fees, in their account (the API's /placements as a worker: only the
 * placements recorded with their verified address; another's is a 404 there, and so here):
 *
 *   GET  /account/placements                   the list, newest first
 *   GET  /account/placements/<id>              what the agency declared the worker paid, the
 *                                              assessment against the rule in force (compliant, or
 *                                              each excess), the refund orders owed and their state,
 *                                              and what the worker last said they paid
 *   GET/POST /account/placements/<id>/statement  "this is not what I paid": the amounts really paid
 *                                              (POST /placements/{id}/statements). The API compares
 *                                              them with the declared fees; a difference or an excess
 *                                              opens a case linked to the worker's account, which
 *                                              tells the agency neither who nor which placement.
 */
import { Body, Controller, Get, NotFoundException, Param, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ApiClient, ApiSchemas } from '@app/api-client';
import { isProblem } from '@app/api-client';
import { Locale, MessageKey, formatDate, formatMoney, translator } from '@app/i18n';
import { amountForInput, parseAmount } from '../complaints/complaint-inputs';
import { FeesApi } from '../fees/fees-api';
import { countryName, itemName, jobName } from '../fees/fees-names';
import { ROUTES } from '../routes';
import { ApiSessions } from '../session/api-sessions';
import { FormOnce } from './form-once';
import { takeShownOnce } from '../session/shown-once';

type Placement = ApiSchemas['PlacementView'];
type Assessment = ApiSchemas['AssessmentView'];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const REFUND_STATES = ['open', 'payment-declared', 'paid', 'garnished', 'cancelled'] as const;

/**
 * A refund order's state as the worker reads it: payment-declared (the agency says it paid, the
 * ministry is checking) has its own label, not "not paid yet"; an unknown state reads as open.
 * The due date shows while the order is not settled.
 */
export function workerRefundState(locale: Locale, o: { state: string; dueAt: string }): { state: string; due: string } {
  const t = translator(locale);
  const known = (REFUND_STATES as readonly string[]).includes(o.state) ? (o.state as (typeof REFUND_STATES)[number]) : 'open';
  return { state: t(`account.placements.states.${known}`), due: known === 'open' || known === 'payment-declared' ? formatDate(o.dueAt, locale, 'date') : '' };
}

declare module 'fastify' {
  interface Session {
    /** Shown once on the placement page after a statement: whether it was flagged. */
    placementNotice?: { id: string; flagged: boolean };
  }
}

const placementId = (id: string): string => {
  if (!UUID.test(id)) throw new NotFoundException();
  return id.toLowerCase();
};

const field = (body: unknown, name: string): string => {
  const v = (body as Record<string, unknown> | null)?.[name];
  return typeof v === 'string' ? v.trim() : '';
};

/** What the statement form holds: per declared fee what was paid, and one fee the agency did not declare. */
export interface StatementForm {
  paid: string[];
  extraItem: string;
  extraAmount: string;
  note: string;
}

export interface StatementLine {
  item: string;
  amountMinor: string;
  currency: string;
  date: string;
}

/**
 * The form read into statement lines: a declared fee with what the worker paid (0 or empty: not
 * paid, left out), and the extra fee, dated the day of recruitment (the API's earliest day) in the
 * currency of the declared fees. Errors by field id.
 */
export function readStatement(
  form: StatementForm,
  placement: Pick<Placement, 'fees' | 'recruitedOn' | 'salaryCurrency'>,
  locale: Locale,
): { lines: StatementLine[]; errors: Record<string, MessageKey> } {
  const errors: Record<string, MessageKey> = {};
  const lines: StatementLine[] = [];
  placement.fees.forEach((fee, i) => {
    const typed = form.paid[i] ?? '';
    if (!typed || /^0+([.,]0*)?$/.test(typed)) return;
    const amount = parseAmount(typed, fee.currency, locale);
    if (!amount.ok) errors[`paid-${i}`] = 'account.placements.statement.amountInvalid';
    else lines.push({ item: fee.item, amountMinor: amount.minor, currency: fee.currency, date: fee.date });
  });
  const currency = placement.fees[0]?.currency ?? placement.salaryCurrency;
  if (form.extraItem || form.extraAmount) {
    if (!form.extraItem) errors['extra-item'] = 'account.placements.statement.itemMissing';
    const amount = form.extraAmount ? parseAmount(form.extraAmount, currency, locale) : null;
    if (!amount) errors['extra-amount'] = 'account.placements.statement.amountMissing';
    else if (!amount.ok) errors['extra-amount'] = 'account.placements.statement.amountInvalid';
    else if (form.extraItem) lines.push({ item: form.extraItem, amountMinor: amount.minor, currency, date: placement.recruitedOn });
  }
  if (!lines.length && !Object.keys(errors).length) errors[placement.fees.length ? 'paid-0' : 'extra-amount'] = 'account.placements.statement.nothing';
  return { lines, errors };
}

@Controller(ROUTES.accountPlacements)
export class MyPlacementsController {
  constructor(
    private readonly sessions: ApiSessions,
    private readonly fees: FeesApi,
    private readonly once: FormOnce,
  ) {}

  @Get()
  async list(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const api = this.sessions.forRequest(request).client;
    const { data, response } = await api.GET('/placements', { params: { query: { pageSize: 100 } } });
    if (!response.ok || !data) throw new Error(`GET /placements answered ${response.status}`);
    const locale = request.locale;
    reply.view('account/placements.njk', {
      placements: data.items.map((p) => ({
        href: `${ROUTES.accountPlacements}/${p.id}`,
        reference: p.reference,
        agency: p.agencyName ?? '',
        destination: countryName(locale, p.destinationCountry),
        contractStart: formatDate(p.contractStart, locale, 'date'),
      })),
    });
  }

  @Get(':id')
  async show(@Param('id') id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const api = this.sessions.forRequest(request).client;
    id = placementId(id);
    const [placement, assessments] = await Promise.all([this.placement(api, id), this.assessments(api, id)]);
    const notice = (await takeShownOnce(request, 'placementNotice')).placementNotice;
    const locale = request.locale;
    const t = translator(locale);
    const money = (minor: string, currency: string) => formatMoney(minor, currency, locale);
    const a = placement.assessment;
    const statement = [...assessments].reverse().find((x) => x.basis === 'worker-statement') ?? null;
    reply.view('account/placement.njk', {
      notice:
        notice && notice.id === id
          ? {
              title: t('account.placements.statement.doneTitle'),
              text: t('account.placements.statement.sent'),
              flagged: notice.flagged ? t('account.placements.statement.flagged') : null,
            }
          : null,
      p: {
        reference: placement.reference,
        rows: [
          { key: t('account.placements.agency'), value: `${placement.agencyName ?? ''} (${placement.licenseNumber})` },
          { key: t('account.placements.employer'), value: placement.employerName },
          { key: t('account.placements.destination'), value: countryName(locale, placement.destinationCountry) },
          { key: t('account.placements.job'), value: jobName(locale, placement.occupationCategory) },
          { key: t('account.placements.contractStart'), value: formatDate(placement.contractStart, locale, 'date') },
        ],
        fees: placement.fees.map((f) => ({
          item: itemName(locale, f.item),
          amount: money(f.amountMinor, f.currency),
          date: formatDate(f.date, locale, 'date'),
          receipt: f.receiptNumber ?? '',
        })),
        assessment: a
          ? {
              outcome: a.outcome,
              text: t(
                a.outcome === 'compliant'
                  ? 'account.placements.compliant'
                  : a.outcome === 'violations'
                    ? 'account.placements.violations'
                    : 'account.placements.incomplete',
              ),
              excess: a.violations.map(
                (v) =>
                  `${t('account.placements.excess', { item: itemName(locale, v.item), amount: money(v.excessMinor, v.currency) })} ${t(`fees.result.kinds.${v.kind}`)}`,
              ),
            }
          : null,
        refunds: placement.refundOrders.map((o) => ({
          reference: o.reference,
          amount: money(o.amountMinor, o.currency),
          ...workerRefundState(locale, o),
        })),
        statement: statement
          ? {
              at: t('account.placements.stated', { date: formatDate(statement.assessedAt, locale, 'date') }),
              differences: (statement.discrepancies ?? [])
                .filter((d) => d.differenceMinor !== '0')
                .map((d) =>
                  t('account.placements.difference', {
                    item: itemName(locale, d.item),
                    declared: money(d.declaredMinor, d.currency),
                    stated: money(d.statedMinor, d.currency),
                  }),
                ),
              excess: statement.violations.map(
                (v) =>
                  `${t('account.placements.excess', { item: itemName(locale, v.item), amount: money(v.excessMinor, v.currency) })} ${t(`fees.result.kinds.${v.kind}`)}`,
              ),
            }
          : null,
        statementHref: `${ROUTES.accountPlacements}/${placement.id}/statement`,
      },
    });
  }

  @Get(':id/statement')
  async statementForm(@Param('id') id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const api = this.sessions.forRequest(request).client;
    const placement = await this.placement(api, placementId(id));
    const form: StatementForm = {
      paid: placement.fees.map((f) => amountForInput(f.amountMinor, f.currency, request.locale)),
      extraItem: '',
      extraAmount: '',
      note: '',
    };
    await this.renderStatement(request, reply, placement, form, {}, 200);
  }

  @Post(':id/statement')
  state(@Param('id') id: string, @Body() body: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    // Sent twice: one statement (form-once.ts); the repeat gets the first one's page.
    return this.once.run(request, reply, 'placementNotice', () => this.fileStatement(id, body, request, reply));
  }

  private async fileStatement(id: string, body: unknown, request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const api = this.sessions.forRequest(request).client;
    const placement = await this.placement(api, placementId(id));
    const form: StatementForm = {
      paid: placement.fees.map((_, i) => field(body, `paid-${i}`).slice(0, 40)),
      extraItem: field(body, 'extraItem').slice(0, 64),
      extraAmount: field(body, 'extraAmount').slice(0, 40),
      note: field(body, 'note').slice(0, 4000),
    };
    const { lines, errors } = readStatement(form, placement, request.locale);
    if (Object.keys(errors).length) return this.renderStatement(request, reply, placement, form, errors, 400);
    const answer = await api.POST('/placements/{id}/statements', {
      params: { path: { id: placement.id } },
      body: { lines, ...(form.note ? { note: form.note } : {}) },
    });
    if (answer.response.status === 404) throw new NotFoundException();
    if (!answer.response.ok || !answer.data) {
      if (answer.response.status === 400)
        return this.renderStatement(request, reply, placement, form, { 'paid-0': 'account.placements.statement.refused' }, 400);
      throw new Error(`POST /placements/{id}/statements answered ${answer.response.status}${isProblem(answer.error) ? ` (${answer.error.code})` : ''}`);
    }
    const flagged = answer.data.violations.length > 0 || (answer.data.discrepancies ?? []).some((d) => BigInt(d.differenceMinor) > 0n);
    request.session.placementNotice = { id: placement.id, flagged };
    await request.session.save();
    void reply.redirect(`${ROUTES.accountPlacements}/${placement.id}`, 303);
  }

  // ---------------------------------------------------------------------------------------------

  private async placement(api: ApiClient, id: string): Promise<Placement> {
    const { data, response } = await api.GET('/placements/{id}', { params: { path: { id } } });
    if (response.status === 404 || response.status === 400) throw new NotFoundException();
    if (!response.ok || !data) throw new Error(`GET /placements/{id} answered ${response.status}`);
    return data;
  }

  private async assessments(api: ApiClient, id: string): Promise<Assessment[]> {
    const { data, response } = await api.GET('/placements/{id}/assessments', { params: { path: { id } } });
    if (response.status === 404) throw new NotFoundException();
    if (!response.ok || !data) throw new Error(`GET /placements/{id}/assessments answered ${response.status}`);
    return data;
  }

  private async renderStatement(
    request: FastifyRequest,
    reply: FastifyReply,
    placement: Placement,
    form: StatementForm,
    errors: Record<string, MessageKey>,
    status: number,
  ): Promise<void> {
    const locale = request.locale;
    const t = translator(locale);
    const vocabulary = await this.fees.vocabulary(request);
    const currency = placement.fees[0]?.currency ?? placement.salaryCurrency;
    const errorText = (k: string) => (errors[k] ? t(errors[k]) : undefined);
    const items = [vocabulary.placementFeeItem, ...vocabulary.costItems.map((c) => c.code)];
    void reply.status(status);
    reply.view('account/statement.njk', {
      reference: placement.reference,
      action: `${ROUTES.accountPlacements}/${placement.id}/statement`,
      back: `${ROUTES.accountPlacements}/${placement.id}`,
      errorList: Object.keys(errors).map((k) => ({ text: t(errors[k]), href: `#${k}` })),
      paid: placement.fees.map((f, i) => ({
        id: `paid-${i}`,
        label: t('account.placements.statement.paidLabel', { item: itemName(locale, f.item), currency: f.currency }),
        hint: t('account.placements.statement.paidHint', { amount: formatMoney(f.amountMinor, f.currency, locale), date: formatDate(f.date, locale, 'date') }),
        value: form.paid[i] ?? '',
        error: errorText(`paid-${i}`),
      })),
      extra: {
        items: [
          { value: '', text: t('account.placements.statement.extraItemNone') },
          ...items.map((code) => ({ value: code, text: itemName(locale, code), selected: code === form.extraItem })),
        ],
        amountLabel: t('account.placements.statement.extraAmount', { currency }),
        amount: form.extraAmount,
        itemError: errorText('extra-item'),
        amountError: errorText('extra-amount'),
      },
      note: form.note,
    });
  }
}
