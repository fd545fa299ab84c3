/**
 * The supervisors' reports as charts drawn on the server (charts.ts, no script), each with its
 * numbers in a table and its CSV beside it (the API's own `format=csv`, passed through):
 *
 *   GET /staff/reports?from=&to=&agenciesCursor=
 *                                         cases by stage and age, SLA compliance per deadline kind,
 *                                         complaints per 100 deployments per agency (GET
 *                                         /complaints/reports/*: a page of 50 agencies, the next
 *                                         page linked with the API's cursor), welfare decision times
 *                                         and the fund's balance (GET /welfare/reports/*)
 *   GET /staff/reports/<report>.csv?from=&to=   the same report as CSV
 *
 * The period is local dates of the home jurisdiction, as the API reads them; either end may be left
 * out. Who may see each report is the API's answer (supervisors; a 403 is the 403 page).
 */
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { Controller, ForbiddenException, Get, NotFoundException, Param, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ApiClient, ApiSchemas } from '@app/api-client';
import { Locale, MessageKey, Translate, currencyExponent, formatMoney, formatNumber, translator } from '@app/i18n';
import { ROUTES } from '../../routes';
import { StaffPages } from '../staff-home';
import { deadlineKindText, stageText } from '../cases/case-vocabulary';
import { Chart, barChart } from './charts';

export const REPORTS = ['stages', 'sla', 'agencies', 'decision-times', 'fund-balance'] as const;
export type ReportName = (typeof REPORTS)[number];
const API_PATH = {
  stages: '/complaints/reports/stages',
  sla: '/complaints/reports/sla',
  agencies: '/complaints/reports/agencies',
  'decision-times': '/welfare/reports/decision-times',
  'fund-balance': '/welfare/reports/fund-balance',
} as const satisfies Record<ReportName, string>;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface Period {
  from?: string;
  to?: string;
}

/** The period typed in the form: each end a real YYYY-MM-DD or left out; `to` not before `from`. */
export function readPeriod(q: Record<string, unknown>): {
  period: Period;
  errors: Partial<Record<'from' | 'to', MessageKey>>;
  typed: Record<'from' | 'to', string>;
} {
  const typed = { from: typeof q.from === 'string' ? q.from.trim().slice(0, 20) : '', to: typeof q.to === 'string' ? q.to.trim().slice(0, 20) : '' };
  const errors: Partial<Record<'from' | 'to', MessageKey>> = {};
  const valid = (s: string) => DATE.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);
  if (typed.from && !valid(typed.from)) errors.from = 'staff.reports.errors.date';
  if (typed.to && !valid(typed.to)) errors.to = 'staff.reports.errors.date';
  if (!errors.from && !errors.to && typed.from && typed.to && typed.to < typed.from) errors.to = 'staff.reports.errors.order';
  const period = Object.keys(errors).length ? {} : { ...(typed.from ? { from: typed.from } : {}), ...(typed.to ? { to: typed.to } : {}) };
  return { period, errors, typed };
}

/** The CSV link of a report for the period (the page's own route, which asks the API). */
export function csvHref(report: ReportName, period: Period): string {
  const params = new URLSearchParams();
  if (period.from) params.set('from', period.from);
  if (period.to) params.set('to', period.to);
  const qs = params.toString();
  return `${ROUTES.staffReports}/${report}.csv${qs ? `?${qs}` : ''}`;
}

/** The query parameter of the page that carries the per-agency ranking's cursor (the API's `next`). */
export const AGENCIES_CURSOR = 'agenciesCursor';
/** Agencies a page of the per-agency report shows (the API's default page). */
export const AGENCIES_PAGE = 50;

/** The ranking's cursor as typed in the address: the API's `next` (base64url), or nothing. */
export function readAgenciesCursor(q: Record<string, unknown>): string | undefined {
  const v = q[AGENCIES_CURSOR];
  return typeof v === 'string' && /^[A-Za-z0-9_-]{1,200}$/.test(v) ? v : undefined;
}

/** This page for the period, at the per-agency ranking's page after `cursor` (none: its top). */
export function agenciesHref(period: Period, cursor?: string): string {
  const params = new URLSearchParams();
  if (period.from) params.set('from', period.from);
  if (period.to) params.set('to', period.to);
  if (cursor) params.set(AGENCIES_CURSOR, cursor);
  const qs = params.toString();
  return `${ROUTES.staffReports}${qs ? `?${qs}` : ''}#report-agencies`;
}

interface ReportView {
  name: ReportName;
  title: string;
  description: string;
  csv: string;
  chart: Chart;
  /** Series names (the legend), when a bar has several segments. */
  legend: string[];
  table: { head: string[]; rows: string[][] };
  empty: boolean;
  /** A report shown a page at a time: how many in all, the next page's link, and the top's (when not on it). */
  paging?: { total: string; next: string | null; first: string | null };
}

/** A minor-unit amount as a number of major units, for drawing only (the text uses formatMoney). */
const major = (minor: string, currency: string) => Number(minor) / 10 ** currencyExponent(currency);

export function stagesReport(r: ApiSchemas['StageAgeReport'], t: Translate, locale: Locale, period: Period): ReportView {
  const buckets = ['days0To7', 'days8To30', 'days31To90', 'daysOver90'] as const;
  const label = (row: ApiSchemas['StageAgeRow']) =>
    row.outcome ? `${stageText(t, row.stage as string)} (${t(`staff.outcome.${row.outcome as 'referred'}`)})` : stageText(t, row.stage as string);
  return {
    name: 'stages',
    title: t('staff.reports.stages.title'),
    description: t('staff.reports.stages.description'),
    csv: csvHref('stages', period),
    chart: barChart(r.rows.map((row) => ({ label: label(row), values: buckets.map((b) => row[b]), valueText: formatNumber(row.total, locale) }))),
    legend: buckets.map((b) => t(`staff.reports.stages.${b}`)),
    table: {
      head: [t('staff.reports.stages.stage'), ...buckets.map((b) => t(`staff.reports.stages.${b}`)), t('staff.reports.total')],
      rows: [
        ...r.rows.map((row) => [label(row), ...buckets.map((b) => formatNumber(row[b], locale)), formatNumber(row.total, locale)]),
        [t('staff.reports.total'), ...buckets.map((b) => formatNumber(r.totals[b], locale)), formatNumber(r.totals.total, locale)],
      ],
    },
    empty: r.totals.total === 0,
  };
}

export function slaReport(r: ApiSchemas['SlaReport'], t: Translate, locale: Locale, period: Period): ReportView {
  const pct = (n: number | null) => (n === null ? '–' : `${formatNumber(Math.round(n * 10) / 10, locale)} %`);
  return {
    name: 'sla',
    title: t('staff.reports.sla.title'),
    description: t('staff.reports.sla.description'),
    csv: csvHref('sla', period),
    chart: barChart(
      r.rows.map((row) => ({ label: deadlineKindText(t, row.kind), values: [row.compliancePct ?? 0], valueText: pct(row.compliancePct) })),
      { max: 100, format: (n) => `${n}%` },
    ),
    legend: [],
    table: {
      head: [
        t('staff.reports.sla.kind'),
        t('staff.reports.sla.metOnTime'),
        t('staff.reports.sla.metLate'),
        t('staff.reports.sla.openOverdue'),
        t('staff.reports.sla.openOnTime'),
        t('staff.reports.sla.compliance'),
      ],
      rows: [...r.rows, { kind: t('staff.reports.total'), ...r.totals }].map((row, i) => [
        i < r.rows.length ? deadlineKindText(t, row.kind) : row.kind,
        formatNumber(row.metOnTime, locale),
        formatNumber(row.metLate, locale),
        formatNumber(row.openOverdue, locale),
        formatNumber(row.openOnTime, locale),
        pct(row.compliancePct),
      ]),
    },
    empty: r.rows.length === 0,
  };
}

/** A page of the per-agency ranking (the API's page: its rows in order, `total`, `next`); `cursor`: the page it was asked after. */
export function agenciesReport(r: ApiSchemas['AgencyRateReport'], t: Translate, locale: Locale, period: Period, cursor?: string): ReportView {
  const rows = r.rows;
  return {
    name: 'agencies',
    title: t('staff.reports.agencies.title'),
    description: t('staff.reports.agencies.description', { limit: formatNumber(AGENCIES_PAGE, locale) }),
    csv: csvHref('agencies', period),
    chart: barChart(
      rows.map((row) => ({
        label: row.legalName,
        values: [row.ratePer100 ?? 0],
        valueText: row.ratePer100 === null ? '–' : formatNumber(row.ratePer100, locale),
      })),
    ),
    legend: [],
    table: {
      head: [
        t('staff.reports.agencies.agency'),
        t('staff.reports.agencies.complaints'),
        t('staff.reports.agencies.deployments'),
        t('staff.reports.agencies.rate'),
      ],
      rows: rows.map((row) => [
        row.legalName,
        formatNumber(row.complaints, locale),
        formatNumber(row.deployments, locale),
        row.ratePer100 === null ? '–' : formatNumber(row.ratePer100, locale),
      ]),
    },
    empty: rows.length === 0,
    paging: {
      total: t('staff.reports.agencies.total', { count: r.total, shown: formatNumber(r.total, locale) }),
      next: r.next ? agenciesHref(period, r.next) : null,
      first: cursor ? agenciesHref(period) : null,
    },
  };
}

export function decisionTimesReport(r: ApiSchemas['DecisionTimesReport'], t: Translate, locale: Locale, period: Period): ReportView {
  return {
    name: 'decision-times',
    title: t('staff.reports.decisionTimes.title'),
    description: t('staff.reports.decisionTimes.description'),
    csv: csvHref('decision-times', period),
    chart: barChart(
      r.rows.map((row) => ({
        label: row.claimType,
        values: [row.medianDays ?? 0],
        valueText: row.medianDays === null ? '–' : formatNumber(row.medianDays, locale),
      })),
    ),
    legend: [],
    table: {
      head: [
        t('staff.reports.decisionTimes.type'),
        t('staff.reports.decisionTimes.decided'),
        t('staff.reports.decisionTimes.approved'),
        t('staff.reports.decisionTimes.rejected'),
        t('staff.reports.decisionTimes.median'),
      ],
      rows: r.rows.map((row) => [
        row.claimType,
        formatNumber(row.decided, locale),
        formatNumber(row.approved, locale),
        formatNumber(row.rejected, locale),
        row.medianDays === null ? '–' : formatNumber(row.medianDays, locale),
      ]),
    },
    empty: r.rows.length === 0,
  };
}

export function fundBalanceReport(r: ApiSchemas['FundBalanceReport'], t: Translate, locale: Locale, period: Period): ReportView {
  const rows = r.rows.slice(-24);
  return {
    name: 'fund-balance',
    title: t('staff.reports.fundBalance.title'),
    description: t('staff.reports.fundBalance.description', { currency: r.currency }),
    csv: csvHref('fund-balance', period),
    chart: barChart(
      rows.map((row) => ({
        label: row.bucket,
        values: [major(row.closingBalanceMinor, r.currency)],
        valueText: formatMoney(row.closingBalanceMinor, r.currency, locale),
      })),
      { labelWidth: 120, labelChars: 12 },
    ),
    legend: [],
    table: {
      head: [
        t('staff.reports.fundBalance.period'),
        t('staff.reports.fundBalance.in'),
        t('staff.reports.fundBalance.out'),
        t('staff.reports.fundBalance.closing'),
      ],
      rows: rows.map((row) => [
        row.bucket,
        formatMoney((BigInt(row.contributionsInMinor) + BigInt(row.incomeInMinor)).toString(), r.currency, locale),
        formatMoney(row.disbursementsOutMinor, r.currency, locale),
        formatMoney(row.closingBalanceMinor, r.currency, locale),
      ]),
    },
    empty: rows.length === 0,
  };
}

@Controller(ROUTES.staffReports)
export class ReportsController {
  constructor(private readonly pages: StaffPages) {}

  @Get()
  async page(@Query() q: Record<string, unknown>, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const api = this.pages.api(request);
    const { period, errors, typed } = readPeriod(q);
    const t = translator(request.locale);
    const locale = request.locale;
    const query = { query: period };
    let cursor = Object.keys(errors).length ? undefined : readAgenciesCursor(q);
    const agencyPage = (after?: string) => api.GET('/complaints/reports/agencies', { params: { query: { ...period, limit: AGENCIES_PAGE, cursor: after } } });
    const [staff, stages, sla, asked, times, fund] = await Promise.all([
      this.pages.frame(request),
      api.GET('/complaints/reports/stages', { params: query }),
      api.GET('/complaints/reports/sla', { params: query }),
      agencyPage(cursor),
      api.GET('/welfare/reports/decision-times', { params: query }),
      api.GET('/welfare/reports/fund-balance', { params: { query: { ...period, bucket: 'month' } } }),
    ]);
    if (stages.response.status === 403) throw new ForbiddenException();
    // A cursor the API refuses (an old link, edited by hand): the top of the ranking instead.
    let agencies = asked;
    if (cursor && agencies.response.status === 400) {
      cursor = undefined;
      agencies = await agencyPage();
    }
    const reports: ReportView[] = [];
    // The routes answer JSON here (no `format=csv`); the contract's type also allows their CSV.
    const json = <T>(d: T | string | undefined): T | undefined => (d && typeof d === 'object' ? d : undefined);
    const [s, l, a, d, b] = [json(stages.data), json(sla.data), json(agencies.data), json(times.data), json(fund.data)];
    if (s) reports.push(stagesReport(s, t, locale, period));
    if (l) reports.push(slaReport(l, t, locale, period));
    if (a) reports.push(agenciesReport(a, t, locale, period, cursor));
    // The welfare reports are the welfare officers' and the supervisors': shown when the API answers them.
    if (d) reports.push(decisionTimesReport(d, t, locale, period));
    if (b) reports.push(fundBalanceReport(b, t, locale, period));
    if (!stages.response.ok) throw new Error(`GET /complaints/reports/stages answered ${stages.response.status}`);
    void reply.status(Object.keys(errors).length ? 400 : 200);
    reply.view('staff/reports/reports.njk', {
      staff,
      reports,
      period: typed,
      errors: { from: errors.from ? t(errors.from) : null, to: errors.to ? t(errors.to) : null },
      errorList: Object.entries(errors).map(([field, key]) => ({ text: t(key!), href: `#${field}` })),
      asOf: s ? t('staff.reports.asOf', { date: s.asOfDate, zone: s.timeZone }) : null,
    });
  }

  @Get(':file')
  async csv(@Param('file') file: string, @Query() q: Record<string, unknown>, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const name = file.endsWith('.csv') ? file.slice(0, -4) : '';
    if (!(REPORTS as readonly string[]).includes(name)) throw new NotFoundException();
    const { period, errors } = readPeriod(q);
    if (Object.keys(errors).length) throw new NotFoundException();
    const api: ApiClient = this.pages.api(request);
    // Passed on as the API sends it (a stream), never held whole: the per-agency CSV lists every agency (issue 23).
    const { data, response } = await api.GET(API_PATH[name as ReportName], { params: { query: { ...period, format: 'csv' } }, parseAs: 'stream' });
    if (response.status === 403) throw new ForbiddenException();
    if (!response.ok || !data) throw new Error(`GET ${API_PATH[name as ReportName]} answered ${response.status}`);
    void reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', response.headers.get('content-disposition') ?? `attachment; filename="${name}.csv"`)
      .header('cache-control', 'private, no-store')
      .send(Readable.fromWeb(data as WebReadableStream<Uint8Array>));
  }
}
