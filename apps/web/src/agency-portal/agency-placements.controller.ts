/**
 * The agency's placements and refund orders (issue 22):
 *
 *   GET      /agency/placements          the agency's placements, newest first (GET /placements)
 *   GET/POST /agency/placements/new      record one with every fee line (POST /placements)
 *   GET      /agency/placements/<id>     its fee lines and the assessment made at once: compliant,
 *                                        or each excess and the refund order it created; once
 *                                        amended (agency-placement-amend.controller.ts), every
 *                                        earlier version with its reason (GET /placements/{id}/revisions)
 *   GET      /agency/refund-orders       every refund order: amount, due date, state, and what
 *                                        escrow garnishment took (GET /refund-orders); under it, a
 *                                        "record your payment" form per open order
 *   POST     /agency/refund-orders/<id>/payment
 *                                        the agency declares its payment: reference and proof file
 *                                        (multipart; POST /agency/refund-orders/{id}/payment-declaration)
 *
 * The ministry then confirms the declaration (the order is paid) or rejects it with a reason (open
 * again; the page shows the reason and the form again).
 */
import { Body, Controller, Get, NotFoundException, Param, Post, Req, Res } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ApiClient, ApiSchemas } from '@app/api-client';
import { isProblem } from '@app/api-client';
import { Locale, MessageKey, formatDate, formatMoney, translator } from '@app/i18n';
import { parseAmount } from '../complaints/complaint-inputs';
import { MAX_FILE_BYTES } from '../complaints/complaint-evidence-store';
import { FeesApi } from '../fees/fees-api';
import { countryName, itemName, jobName } from '../fees/fees-names';
import { ROUTES } from '../routes';
import { ApiSessions } from '../session/api-sessions';
import { DeclarationTexts, declarationRefusal, readDeclaration } from './payment-declaration-form';
import { placementVersions } from './placement-amendment';
import { takeShownOnce } from '../session/shown-once';

type Placement = ApiSchemas['PlacementView'];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
export const FEE_ROWS = 4;
const PROOF_MULTIPART = { multipartOptions: { limits: { fileSize: MAX_FILE_BYTES + 1, files: 1 }, throwFileSizeLimit: false } };
/** The refusals of a refund order's payment declaration, in the refund orders page's words. */
const REFUND_TEXTS: DeclarationTexts = {
  reference: 'agencyPortal.refunds.errors.reference',
  referenceLong: 'agencyPortal.refunds.errors.referenceLong',
  file: 'agencyPortal.application.errors.file',
  fileType: 'agencyPortal.application.errors.fileType',
  notOpen: 'agencyPortal.refunds.errors.notOpen',
};

declare module 'fastify' {
  interface Session {
    /** Shown once on the placement's page after it was recorded. */
    agencyPlacementRecorded?: string;
    /** The reference of the refund order whose payment was just declared, shown once. */
    agencyRefundDeclared?: string;
  }
}

export interface PlacementValues {
  workerName: string;
  passport: string;
  workerEmail: string;
  employerName: string;
  destinationCountry: string;
  occupationCategory: string;
  salary: string;
  salaryCurrency: string;
  recruitedOn: string;
  contractStart: string;
  contractMonths: string;
  feeCurrency: string;
  fees: { item: string; amount: string; date: string; receipt: string }[];
}

const line = (v: unknown, max = 200) => (typeof v === 'string' ? v.replace(/\s+/g, ' ').trim().slice(0, max) : '');

export function placementValues(body: unknown): PlacementValues {
  const f = (body ?? {}) as Record<string, unknown>;
  return {
    workerName: line(f.workerName),
    passport: line(f.passport, 20).toUpperCase(),
    workerEmail: line(f.workerEmail, 254),
    employerName: line(f.employerName),
    destinationCountry: line(f.destinationCountry, 2).toUpperCase(),
    occupationCategory: line(f.occupationCategory, 64),
    salary: line(f.salary, 30),
    salaryCurrency: line(f.salaryCurrency, 3).toUpperCase(),
    recruitedOn: line(f.recruitedOn, 10),
    contractStart: line(f.contractStart, 10),
    contractMonths: line(f.contractMonths, 3),
    feeCurrency: line(f.feeCurrency, 3).toUpperCase() || 'PHP',
    fees: Array.from({ length: FEE_ROWS }, (_, i) => ({
      item: line(f[`fee-${i}-item`], 64),
      amount: line(f[`fee-${i}-amount`], 30),
      date: line(f[`fee-${i}-date`], 10),
      receipt: line(f[`fee-${i}-receipt`], 64),
    })),
  };
}

/** The form checked: the body of POST /placements, or the errors by field id; `rows` maps the API's fee index to the page's row. */
export function readPlacement(
  v: PlacementValues,
  locale: Locale,
): { errors: Record<string, MessageKey>; body: ApiSchemas['RecordPlacementDto'] | null; rows: number[] } {
  const errors: Record<string, MessageKey> = {};
  const need = (id: keyof PlacementValues) => {
    if (!v[id]) errors[id] = 'agencyPortal.register.errors.required';
  };
  (['workerName', 'passport', 'employerName', 'occupationCategory'] as const).forEach(need);
  if (!/^[A-Z]{2}$/.test(v.destinationCountry)) errors.destinationCountry = 'agencyPortal.register.errors.nationality';
  if (!/^[A-Z]{3}$/.test(v.salaryCurrency)) errors.salaryCurrency = 'agencyPortal.placements.errors.currency';
  if (!/^[A-Z]{3}$/.test(v.feeCurrency)) errors.feeCurrency = 'agencyPortal.placements.errors.currency';
  const salary = v.salary && !errors.salaryCurrency ? parseAmount(v.salary, v.salaryCurrency, locale) : null;
  if (!v.salary) errors.salary = 'agencyPortal.register.errors.required';
  else if (salary && !salary.ok) errors.salary = 'agencyPortal.placements.errors.amount';
  for (const id of ['recruitedOn', 'contractStart'] as const) if (!DATE.test(v[id])) errors[id] = 'agencyPortal.placements.errors.date';
  const months = Number(v.contractMonths);
  if (!/^\d{1,3}$/.test(v.contractMonths) || months < 1) errors.contractMonths = 'agencyPortal.placements.errors.months';
  const fees: ApiSchemas['FeeLineDto'][] = [];
  const rows: number[] = [];
  v.fees.forEach((f, i) => {
    if (!f.item && !f.amount && !f.date && !f.receipt) return;
    if (!f.item) errors[`fee-${i}-item`] = 'agencyPortal.placements.errors.item';
    const amount = f.amount && !errors.feeCurrency ? parseAmount(f.amount, v.feeCurrency, locale) : null;
    if (!amount || !amount.ok) errors[`fee-${i}-amount`] = 'agencyPortal.placements.errors.amount';
    if (!DATE.test(f.date)) errors[`fee-${i}-date`] = 'agencyPortal.placements.errors.date';
    if (!f.receipt) errors[`fee-${i}-receipt`] = 'agencyPortal.placements.errors.receipt';
    fees.push({ item: f.item, amountMinor: amount && amount.ok ? amount.minor : '0', currency: v.feeCurrency, date: f.date, receiptNumber: f.receipt });
    rows.push(i);
  });
  if (Object.keys(errors).length || !salary || !salary.ok) return { errors, body: null, rows };
  return {
    errors,
    rows,
    body: {
      workerName: v.workerName,
      workerPassportNumber: v.passport,
      ...(v.workerEmail ? { workerEmail: v.workerEmail } : {}),
      employerName: v.employerName,
      destinationCountry: v.destinationCountry,
      occupationCategory: v.occupationCategory,
      monthlySalaryMinor: salary.minor,
      salaryCurrency: v.salaryCurrency,
      recruitedOn: v.recruitedOn,
      contractStart: v.contractStart,
      contractMonths: months,
      fees,
    } as ApiSchemas['RecordPlacementDto'],
  };
}

const API_FIELDS: Record<string, string> = {
  workerName: 'workerName',
  workerPassportNumber: 'passport',
  workerEmail: 'workerEmail',
  employerName: 'employerName',
  destinationCountry: 'destinationCountry',
  occupationCategory: 'occupationCategory',
  monthlySalaryMinor: 'salary',
  salaryCurrency: 'salaryCurrency',
  recruitedOn: 'recruitedOn',
  contractStart: 'contractStart',
  contractMonths: 'contractMonths',
};
const FEE_FIELDS: Record<string, string> = { item: 'item', amountMinor: 'amount', currency: 'amount', date: 'date', receiptNumber: 'receipt' };

@Controller()
export class AgencyPlacementsController {
  constructor(
    private readonly sessions: ApiSessions,
    private readonly fees: FeesApi,
  ) {}

  @Get(ROUTES.agencyPlacements)
  async list(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const api = this.sessions.forRequest(request).client;
    const { data, response } = await api.GET('/placements', { params: { query: { pageSize: 100 } } });
    if (!response.ok || !data) throw new Error(`GET /placements answered ${response.status}`);
    const locale = request.locale;
    reply.view('agency-portal/placements.njk', {
      placements: data.items.map((p) => ({
        href: `${ROUTES.agencyPlacements}/${p.id}`,
        reference: p.reference,
        worker: p.workerName ?? '',
        destination: countryName(locale, p.destinationCountry),
        contractStart: formatDate(p.contractStart, locale, 'date'),
      })),
    });
  }

  @Get(ROUTES.agencyPlacementNew)
  async newForm(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    this.sessions.forRequest(request);
    await this.renderForm(request, reply, 200, placementValues({ feeCurrency: 'PHP' }), {});
  }

  @Post(ROUTES.agencyPlacementNew)
  async record(@Body() body: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const api = this.sessions.forRequest(request).client;
    const values = placementValues(body);
    const form = readPlacement(values, request.locale);
    if (!form.body) return this.renderForm(request, reply, 400, values, form.errors);
    const answer = await api.POST('/placements', { body: form.body });
    if (answer.response.ok && answer.data) {
      request.session.agencyPlacementRecorded = answer.data.id;
      await request.session.save();
      return void reply.redirect(`${ROUTES.agencyPlacements}/${answer.data.id}`, 303);
    }
    const problem = isProblem(answer.error) ? answer.error : null;
    if (answer.response.status === 400 || answer.response.status === 409 || answer.response.status === 422) {
      const errors: Record<string, MessageKey> = {};
      for (const e of problem?.errors ?? []) {
        const m = /^fees\[(\d+)\]\.(\w+)$/.exec(e.field);
        const id = m
          ? `fee-${form.rows[Number(m[1])] ?? 0}-${FEE_FIELDS[m[2]] ?? 'item'}`
          : e.field === 'fees'
            ? 'fee-0-item'
            : API_FIELDS[e.field.split(/[.[]/)[0]];
        if (id && !errors[id]) errors[id] = 'agencyPortal.register.errors.invalid';
      }
      if (!Object.keys(errors).length)
        errors.workerName = problem?.code === 'agency-may-not-place' ? 'agencyPortal.placements.errors.notAllowed' : 'agencyPortal.register.errors.invalid';
      return this.renderForm(request, reply, 400, values, errors);
    }
    throw new Error(`POST /placements answered ${answer.response.status}${problem ? ` (${problem.code})` : ''}`);
  }

  @Get(`${ROUTES.agencyPlacements}/:id`)
  async show(@Param('id') id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    if (!UUID.test(id)) throw new NotFoundException();
    const api = this.sessions.forRequest(request).client;
    const p = await this.placement(api, id.toLowerCase());
    const shown = await takeShownOnce(request, 'agencyPlacementRecorded', 'agencyPlacementAmended');
    const recorded = shown.agencyPlacementRecorded === p.id;
    const amended = shown.agencyPlacementAmended === p.id;
    const revisions = await api.GET('/placements/{id}/revisions', { params: { path: { id: p.id } } });
    if (!revisions.response.ok || !revisions.data) throw new Error(`GET /placements/{id}/revisions answered ${revisions.response.status}`);
    const locale = request.locale;
    const t = translator(locale);
    const money = (minor: string, currency: string) => formatMoney(minor, currency, locale);
    const a = p.assessment;
    reply.view('agency-portal/placement.njk', {
      recorded,
      amended,
      amendHref: `${ROUTES.agencyPlacements}/${p.id}/amend`,
      // Every version kept, newest first (placement-amendment.ts); shown once there is more than one.
      versions: revisions.data.length > 1 ? placementVersions(revisions.data, locale) : [],
      p: {
        reference: p.reference,
        rows: [
          { key: t('agencyPortal.placements.worker'), value: p.workerName ?? '' },
          { key: t('agencyPortal.placements.employer'), value: p.employerName },
          { key: t('agencyPortal.placements.destination'), value: countryName(locale, p.destinationCountry) },
          { key: t('agencyPortal.placements.job'), value: jobName(locale, p.occupationCategory) },
          { key: t('agencyPortal.placements.salary'), value: money(p.monthlySalaryMinor, p.salaryCurrency) },
          { key: t('agencyPortal.placements.contractStart'), value: formatDate(p.contractStart, locale, 'date') },
        ],
        fees: p.fees.map((f) => ({
          item: itemName(locale, f.item),
          amount: money(f.amountMinor, f.currency),
          date: formatDate(f.date, locale, 'date'),
          receipt: f.receiptNumber ?? '',
        })),
        assessment: a
          ? {
              outcome: a.outcome,
              text: t(`agencyPortal.placements.outcomes.${a.outcome}`),
              excess: a.violations.map((v) =>
                t('agencyPortal.placements.excess', { item: itemName(locale, v.item), amount: money(v.excessMinor, v.currency) }),
              ),
            }
          : null,
        refunds: p.refundOrders.map((o) => ({
          reference: o.reference,
          amount: money(o.amountMinor, o.currency),
          state: t(`agencyPortal.refunds.states.${o.state}`),
          due: formatDate(o.dueAt, locale, 'date'),
        })),
      },
    });
  }

  @Get(ROUTES.agencyRefundOrders)
  async refunds(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const api = this.sessions.forRequest(request).client;
    const declared = (await takeShownOnce(request, 'agencyRefundDeclared')).agencyRefundDeclared ?? null;
    await this.renderRefunds(request, reply, api, 200, {}, {}, declared);
  }

  /** The agency declares its payment of one open order: a payment reference and one proof file. */
  @Post(`${ROUTES.agencyRefundOrders}/:id/payment`)
  @RouteConfig(PROOF_MULTIPART)
  async declarePayment(@Param('id') id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    if (!UUID.test(id)) throw new NotFoundException();
    const orderId = id.toLowerCase();
    const api = this.sessions.forRequest(request).client;
    const order = await api.GET('/refund-orders/{id}', { params: { path: { id: orderId } } });
    if (order.response.status === 404 || order.response.status === 400) throw new NotFoundException();
    if (!order.response.ok || !order.data) throw new Error(`GET /refund-orders/{id} answered ${order.response.status}`);
    const form = readDeclaration(orderId, request.body, REFUND_TEXTS);
    if (!form.ok) return this.renderRefunds(request, reply, api, 400, form.errors, form.values);
    const answer = await api.POST('/agency/refund-orders/{id}/payment-declaration', {
      params: { path: { id: orderId } },
      body: form.body as unknown as ApiSchemas['DeclareRefundPaymentBody'],
    });
    if (answer.response.ok) {
      request.session.agencyRefundDeclared = order.data.reference;
      await request.session.save();
      return void reply.redirect(ROUTES.agencyRefundOrders, 303);
    }
    if (answer.response.status === 404) throw new NotFoundException();
    const problem = isProblem(answer.error) ? answer.error : null;
    const refusal = declarationRefusal(
      orderId,
      answer.response.status,
      (problem?.errors ?? []).map((e) => e.field),
      REFUND_TEXTS,
    );
    if (refusal) return this.renderRefunds(request, reply, api, answer.response.status === 409 ? 409 : 400, refusal, form.values);
    throw new Error(`POST /agency/refund-orders/{id}/payment-declaration answered ${answer.response.status}${problem ? ` (${problem.code})` : ''}`);
  }

  private async renderRefunds(
    request: FastifyRequest,
    reply: FastifyReply,
    api: ApiClient,
    status: number,
    errors: Record<string, MessageKey>,
    values: Record<string, string>,
    declared: string | null = null,
  ): Promise<void> {
    const { data, response } = await api.GET('/refund-orders', { params: { query: { pageSize: 100 } } });
    if (!response.ok || !data) throw new Error(`GET /refund-orders answered ${response.status}`);
    const locale = request.locale;
    const t = translator(locale);
    const detail = (o: (typeof data.items)[number]): string => {
      if (o.state === 'open') return t('agencyPortal.refunds.due', { date: formatDate(o.dueAt, locale, 'date') });
      if (o.state === 'payment-declared') return t('agencyPortal.refunds.declared', { reference: o.declaredReference ?? '' });
      if (o.state === 'paid') return t('agencyPortal.refunds.paid', { reference: o.paidReference ?? '' });
      if (o.state === 'garnished') return t('agencyPortal.refunds.garnished');
      return o.cancelReason ?? '';
    };
    const fieldOrder = data.items.filter((o) => o.state === 'open').flatMap((o) => [`paymentReference-${o.id}`, `proof-${o.id}`]);
    void reply.status(status);
    reply.view('agency-portal/refund-orders.njk', {
      notice: declared ? t('agencyPortal.refunds.declaredNotice', { reference: declared }) : null,
      // An order no longer open has no form: its refusal links to the table, which shows its state.
      errorList: Object.keys(errors)
        .sort((a, b) => fieldOrder.indexOf(a) - fieldOrder.indexOf(b))
        .map((k) => ({ text: t(errors[k]), href: fieldOrder.includes(k) ? `#${k}` : '#orders' })),
      orders: data.items.map((o) => ({
        reference: o.reference,
        placement: o.placementReference ?? o.caseReference ?? '',
        placementHref: o.placementId ? `${ROUTES.agencyPlacements}/${o.placementId}` : null,
        amount: formatMoney(o.amountMinor, o.currency, locale),
        state: t(`agencyPortal.refunds.states.${o.state}`),
        detail: detail(o),
      })),
      payable: data.items
        .filter((o) => o.state === 'open')
        .map((o) => ({
          id: o.id,
          reference: o.reference,
          amount: formatMoney(o.amountMinor, o.currency, locale),
          due: formatDate(o.dueAt, locale, 'date'),
          action: `${ROUTES.agencyRefundOrders}/${o.id}/payment`,
          rejected: o.declarationRejectedReason
            ? t('agencyPortal.refunds.rejected', { reference: o.declaredReference ?? '', reason: o.declarationRejectedReason })
            : null,
          referenceValue: values[`paymentReference-${o.id}`] ?? '',
          referenceError: errors[`paymentReference-${o.id}`] ? t(errors[`paymentReference-${o.id}`]) : null,
          proofError: errors[`proof-${o.id}`] ? t(errors[`proof-${o.id}`]) : null,
        })),
    });
  }

  private async placement(api: ApiClient, id: string): Promise<Placement> {
    const { data, response } = await api.GET('/placements/{id}', { params: { path: { id } } });
    if (response.status === 404 || response.status === 400) throw new NotFoundException();
    if (!response.ok || !data) throw new Error(`GET /placements/{id} answered ${response.status}`);
    return data;
  }

  private async renderForm(
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    v: PlacementValues,
    errors: Record<string, MessageKey>,
  ): Promise<void> {
    const locale = request.locale;
    const t = translator(locale);
    const vocabulary = await this.fees.vocabulary(request);
    const items = [vocabulary.placementFeeItem, ...vocabulary.costItems.map((c) => c.code)];
    const order = [
      'workerName',
      'passport',
      'workerEmail',
      'employerName',
      'destinationCountry',
      'occupationCategory',
      'salary',
      'salaryCurrency',
      'recruitedOn',
      'contractStart',
      'contractMonths',
      'feeCurrency',
      ...Array.from({ length: FEE_ROWS }, (_, i) => ['item', 'amount', 'date', 'receipt'].map((f) => `fee-${i}-${f}`)).flat(),
    ];
    void reply.status(status);
    reply.view('agency-portal/placement-new.njk', {
      v,
      err: Object.fromEntries(Object.entries(errors).map(([k, key]) => [k, t(key)])),
      errorList: order.filter((k) => errors[k]).map((k) => ({ text: t(errors[k]), href: `#${k}` })),
      jobs: [
        { value: '', text: t('agencyPortal.placements.chooseJob') },
        ...vocabulary.occupationCategories.map((c) => ({ value: c, text: jobName(locale, c), selected: c === v.occupationCategory })),
      ],
      feeRows: v.fees.map((f, i) => ({
        i,
        f,
        items: [
          { value: '', text: t('agencyPortal.placements.chooseItem') },
          ...items.map((c) => ({ value: c, text: itemName(locale, c), selected: c === f.item })),
        ],
      })),
    });
  }
}
