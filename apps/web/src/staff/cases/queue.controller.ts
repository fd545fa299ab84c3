/**
 * The case queues (GET /complaints with the officer's token):
 *
 *   GET /staff/cases               every case (the team's queue)
 *   GET /staff/cases/mine          the cases assigned to me
 *   GET /staff/cases/escalations   the supervisors' queue (escalated cases)
 *
 * Filters (query string, all optional): stage, priority, category, deadline (overdue, due-soon,
 * on-time), agency (an agency id: each row's agency links to its cases). The order: `sort`
 * (priority, the API's default: urgent first, then oldest first; deadline, filed, stage, agency)
 * and `order` (asc, desc), chosen by the column headers (links: MOJ sortable-table style, no
 * script). "Next page" and "Previous page" carry the API's keyset `cursor` (its `next` or
 * `previous`) with the page number, which counts the "from–to" line and nothing else: no page is
 * read by OFFSET. Each row carries its SLA badge (sla-badge.ts).
 */
import { Controller, ForbiddenException, Get, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ApiSchemas } from '@app/api-client';
import { Locale, Translate, formatDate, formatNumber, translator } from '@app/i18n';
import { ROUTES } from '../../routes';
import { StaffPages } from '../staff-home';
import { CATEGORIES, PRIORITIES, STAGES, categoryText, isCategory, isPriority, isStage, priorityText, stageText } from './case-vocabulary';
import { DEADLINE_STATES, isDeadlineState, slaBadge } from './sla-badge';

export const PAGE_SIZE = 25;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type QueueKind = 'team' | 'mine' | 'escalations';
const QUEUE_PATH: Record<QueueKind, string> = { team: ROUTES.staffCases, mine: ROUTES.staffMyCases, escalations: ROUTES.staffEscalations };

/** The orders the API serves (GET /complaints?sort=), the first its default. */
export const SORTS = ['priority', 'deadline', 'filed', 'stage', 'agency'] as const;
export type QueueSortKey = (typeof SORTS)[number];
const isSort = (v: unknown): v is QueueSortKey => typeof v === 'string' && (SORTS as readonly string[]).includes(v);
const CURSOR = /^[A-Za-z0-9_-]{1,200}$/;

export interface QueueFilters {
  stage?: string;
  priority?: string;
  category?: string;
  deadline?: string;
  agency?: string;
  sort?: QueueSortKey;
  order?: 'desc';
  /** The API's keyset cursor of this page (a "Next page" or "Previous page" link's). */
  cursor?: string;
  /** This page's number, for the "from–to" line only (1 without a cursor). */
  page: number;
}

/** The query string's filters, each kept only when it is a value the API knows. */
export function readFilters(q: Record<string, unknown>): QueueFilters {
  const page = Number(q.page);
  const cursor = typeof q.cursor === 'string' && CURSOR.test(q.cursor) ? q.cursor : undefined;
  return {
    stage: isStage(q.stage) ? q.stage : undefined,
    priority: isPriority(q.priority) ? q.priority : undefined,
    category: isCategory(q.category) ? q.category : undefined,
    deadline: isDeadlineState(q.deadline) ? q.deadline : undefined,
    agency: typeof q.agency === 'string' && UUID.test(q.agency) ? q.agency.toLowerCase() : undefined,
    sort: isSort(q.sort) && q.sort !== 'priority' ? q.sort : undefined,
    order: q.order === 'desc' ? 'desc' : undefined,
    cursor,
    // Without a cursor the page is the first, whatever the address says (the queue is never read by OFFSET).
    page: cursor && Number.isInteger(page) && page >= 1 && page <= 100_000 ? page : 1,
  };
}

/** The queue's address with these filters (page 1 unless given): links keep the other filters. */
export function queueHref(path: string, f: QueueFilters, change: Partial<QueueFilters> = {}): string {
  const all = { ...f, page: 1, cursor: undefined, ...change };
  const params = new URLSearchParams();
  for (const k of ['stage', 'priority', 'category', 'deadline', 'agency', 'sort', 'order'] as const) if (all[k]) params.set(k, all[k]!);
  if (all.page > 1) params.set('page', String(all.page));
  if (all.cursor) params.set('cursor', all.cursor);
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

/**
 * Next and previous page links (MOJ/GOV.UK pagination), null where there is none: each carries the
 * API's keyset cursor (`next`: after this page, null on the last; `previous`: before it, null on the
 * first), so either way the page is an index seek at any depth. The page number counts "from–to".
 */
export function paging(
  path: string,
  f: QueueFilters,
  list: { total: number; next?: string | null; previous?: string | null },
  pageSize = PAGE_SIZE,
): { previous: string | null; next: string | null; from: number; to: number; total: number } {
  const { total } = list;
  // The API knows where the first page is: a page without a `previous` is page 1, one with it at least page 2.
  const page = list.previous ? Math.max(2, f.page) : 1;
  return {
    previous: list.previous ? queueHref(path, f, { page: page - 1, cursor: list.previous }) : null,
    next: list.next ? queueHref(path, f, { page: page + 1, cursor: list.next }) : null,
    from: total ? Math.min(total, (page - 1) * pageSize + 1) : 0,
    to: Math.min(total, page * pageSize),
    total,
  };
}

/**
 * "12 cases", or, past the count the API stops at (`totalCapped`: it counts a queue to 1,000 at
 * most, the exact size of a backlog being the reports' job), "More than 1,000 cases".
 */
export function queueTotalText(list: { total: number; totalCapped?: boolean }, locale: Locale, t: Translate): string {
  const shown = formatNumber(list.total, locale);
  return list.totalCapped ? t('staff.queue.totalCapped', { shown }) : t('staff.queue.total', { count: list.total, shown });
}

/** The columns the queue sorts by, in the table's order, with their heading's message. */
const SORTABLE: { sort: QueueSortKey; text: string }[] = [
  { sort: 'priority', text: 'staff.queue.columns.priority' },
  { sort: 'stage', text: 'staff.queue.columns.stage' },
  { sort: 'agency', text: 'staff.queue.columns.agency' },
  { sort: 'filed', text: 'staff.queue.columns.filed' },
  { sort: 'deadline', text: 'staff.queue.columns.deadline' },
];

/**
 * The sortable headers (MOJ sortable table, as links): each says whether the queue is sorted by it
 * (`aria-sort`) and links to the queue sorted by it, ascending, or the other way when it already is.
 * The filters stay; paging starts again.
 */
export function sortHeaders(
  path: string,
  f: QueueFilters,
  t: Translate,
): Record<QueueSortKey, { text: string; href: string; ariaSort: 'ascending' | 'descending' | 'none'; state: string }> {
  const current = f.sort ?? 'priority';
  const headers = {} as Record<QueueSortKey, { text: string; href: string; ariaSort: 'ascending' | 'descending' | 'none'; state: string }>;
  for (const c of SORTABLE) {
    const sorted = c.sort === current;
    const ariaSort = !sorted ? 'none' : f.order === 'desc' ? 'descending' : 'ascending';
    const order = sorted && f.order !== 'desc' ? 'desc' : undefined;
    headers[c.sort] = {
      text: t(c.text),
      href: queueHref(path, f, { sort: c.sort === 'priority' ? undefined : c.sort, order }),
      ariaSort,
      state: ariaSort === 'none' ? '' : t(ariaSort === 'ascending' ? 'staff.queue.sortedAscending' : 'staff.queue.sortedDescending'),
    };
  }
  return headers;
}

const options = (t: Translate, values: readonly string[], selected: string | undefined, text: (t: Translate, v: string) => string) => [
  { value: '', text: t('staff.queue.filters.any'), selected: !selected },
  ...values.map((v) => ({ value: v, text: text(t, v), selected: v === selected })),
];

@Controller()
export class QueueController {
  constructor(private readonly pages: StaffPages) {}

  @Get(ROUTES.staffCases)
  team(@Query() q: Record<string, unknown>, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.render('team', q, request, reply);
  }

  @Get(ROUTES.staffMyCases)
  mine(@Query() q: Record<string, unknown>, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.render('mine', q, request, reply);
  }

  @Get(ROUTES.staffEscalations)
  escalations(@Query() q: Record<string, unknown>, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.render('escalations', q, request, reply);
  }

  private async render(kind: QueueKind, q: Record<string, unknown>, request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const api = this.pages.api(request);
    const f = readFilters(q);
    // No `page`: the API pages by the cursor alone (f.page only counts the "from–to" line).
    const query = {
      cursor: f.cursor,
      sort: f.sort,
      order: f.order,
      pageSize: PAGE_SIZE,
      stage: f.stage as ApiSchemas['ComplaintStage'] | undefined,
      priority: f.priority as ApiSchemas['ComplaintPriority'] | undefined,
      category: f.category as ApiSchemas['AllegationCategory'] | undefined,
      deadlineState: f.deadline as ApiSchemas['DeadlineState'] | undefined,
      agencyId: f.agency,
      assignedToMe: kind === 'mine' ? true : undefined,
      supervisorQueue: kind === 'escalations' ? true : undefined,
    };
    // The API decides who may list cases: a worker or an agency's user gets its 403 here.
    const [staff, list, loads] = await Promise.all([
      this.pages.frame(request),
      api.GET('/complaints', { params: { query } }),
      api.GET('/complaints/workloads'),
    ]);
    if (list.response.status === 403) throw forbidden();
    // A cursor the API does not take (edited, or of another order): the first page of this order.
    if (list.response.status === 400 && f.cursor) {
      void reply.redirect(queueHref(QUEUE_PATH[kind], f), 303);
      return;
    }
    if (!list.response.ok || !list.data) throw new Error(`GET /complaints answered ${list.response.status}`);
    const t = translator(request.locale);
    const names = new Map((loads.data ?? []).map((w) => [w.userId, w.displayName]));
    const now = new Date();
    const path = QUEUE_PATH[kind];
    const agencyName = f.agency ? (list.data.items.find((i) => i.agencyId === f.agency)?.agencyName ?? f.agency) : null;
    reply.view('staff/cases/queue.njk', {
      staff,
      kind,
      title: t(kind === 'mine' ? 'staff.queue.mine' : kind === 'escalations' ? 'staff.queue.escalations' : 'staff.queue.team'),
      action: path,
      subNav: [
        ...(staff.roles.includes('inspector') ? [{ text: t('staff.queue.mine'), href: ROUTES.staffMyCases, active: kind === 'mine' }] : []),
        { text: t('staff.queue.team'), href: ROUTES.staffCases, active: kind === 'team' },
        ...(staff.roles.includes('supervisor') ? [{ text: t('staff.queue.escalations'), href: ROUTES.staffEscalations, active: kind === 'escalations' }] : []),
      ],
      filters: {
        stage: options(t, STAGES, f.stage, stageText),
        priority: options(t, PRIORITIES, f.priority, priorityText),
        category: options(t, CATEGORIES, f.category, categoryText),
        deadline: options(t, DEADLINE_STATES, f.deadline, (tt, v) =>
          tt(v === 'overdue' ? 'staff.sla.overdue' : v === 'due-soon' ? 'staff.sla.dueSoon' : 'staff.sla.onTime'),
        ),
        agency: f.agency ? { id: f.agency, name: agencyName, clear: queueHref(path, f, { agency: undefined }) } : null,
        sort: f.sort,
        order: f.order,
        clear: path,
        any: Boolean(f.stage || f.priority || f.category || f.deadline || f.agency),
      },
      rows: list.data.items.map((c) => ({
        href: `${ROUTES.staffCases}/${c.id}`,
        reference: c.reference,
        stage: stageText(t, c.stage),
        urgent: c.priority === 'urgent',
        agency: c.agencyName ?? t('staff.queue.noAgency'),
        agencyHref: c.agencyId ? queueHref(path, f, { agency: c.agencyId }) : null,
        assignee: c.assignedTo ? (names.get(c.assignedTo) ?? t('staff.queue.unknownOfficer')) : t('staff.queue.unassigned'),
        escalated: c.inSupervisorQueue,
        filed: formatDate(c.createdAt, request.locale, 'date'),
        due: c.nextDueAt ? formatDate(c.nextDueAt, request.locale, 'dateTime') : null,
        badge: ((b) => ({ text: t(b.key), classes: b.classes, state: b.state }))(slaBadge(c.nextDueAt, now)),
      })),
      headers: sortHeaders(path, f, t),
      paging: paging(path, f, list.data),
      totalText: queueTotalText(list.data, request.locale, t),
    });
  }
}

/** The API refused the person's token for this page (not ministry staff, or not this role): its 403, as a page. */
export const forbidden = (): ForbiddenException => new ForbiddenException();
