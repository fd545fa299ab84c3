/**
 * The audit trail for supervisors (GET /audit/entries: the API says who may search it):
 *
 *   GET /staff/audit?subjectType=&subject=&actor=&action=&from=&to=&before=
 *
 * Every criterion optional; newest first, 50 a page, "Older entries" follows the API's keyset
 * (`nextBefore`). Days are UTC days (from the start of `from` to the end of `to`).
 */
import { Controller, ForbiddenException, Get, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';

import { MessageKey, formatDate, translator } from '@app/i18n';
import { ROUTES } from '../../routes';
import { StaffPages } from '../staff-home';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const PAGE = 50;

export type AuditField = 'subjectType' | 'subject' | 'actor' | 'action' | 'from' | 'to';
type AuditQuery = Record<string, string | number | undefined>;

const realDate = (s: string) => DATE.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

/** The search form's criteria as the API's query, or the errors to show beside the fields. */
export function readAuditSearch(q: Record<string, unknown>): {
  typed: Record<AuditField, string>;
  query: AuditQuery;
  errors: Partial<Record<AuditField, MessageKey>>;
  before: string | null;
} {
  const get = (k: string) => (typeof q[k] === 'string' ? (q[k] as string).trim().slice(0, 200) : '');
  const typed = { subjectType: get('subjectType'), subject: get('subject'), actor: get('actor'), action: get('action'), from: get('from'), to: get('to') };
  const errors: Partial<Record<AuditField, MessageKey>> = {};
  const query: AuditQuery = { limit: PAGE };
  if (typed.subjectType) {
    if (/^[a-z][a-z0-9_.-]{0,63}$/.test(typed.subjectType)) query.subjectType = typed.subjectType;
    else errors.subjectType = 'staff.audit.errors.subjectType';
  }
  if (typed.subject) {
    if (/^[A-Za-z0-9_.:-]{1,128}$/.test(typed.subject)) query.subjectId = typed.subject;
    else errors.subject = 'staff.audit.errors.subject';
  }
  if (typed.actor) {
    if (UUID.test(typed.actor)) query.actorId = typed.actor.toLowerCase();
    else errors.actor = 'staff.audit.errors.actor';
  }
  if (typed.action) {
    if (/^[a-z][a-z0-9_.-]{0,127}$/.test(typed.action)) query.action = typed.action;
    else errors.action = 'staff.audit.errors.action';
  }
  if (typed.from) {
    if (realDate(typed.from)) query.from = `${typed.from}T00:00:00.000Z`;
    else errors.from = 'staff.audit.errors.date';
  }
  if (typed.to) {
    if (realDate(typed.to)) query.to = new Date(Date.parse(`${typed.to}T00:00:00.000Z`) + 86_400_000).toISOString();
    else errors.to = 'staff.audit.errors.date';
  }
  if (!errors.from && !errors.to && typed.from && typed.to && typed.to < typed.from) errors.to = 'staff.audit.errors.order';
  const before = /^[1-9]\d{0,18}$/.test(get('before')) ? get('before') : null;
  if (before) query.before = before;
  return { typed, query, errors, before };
}

@Controller(ROUTES.staffAudit)
export class AuditTrailController {
  constructor(private readonly pages: StaffPages) {}

  @Get()
  async search(@Query() q: Record<string, unknown>, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const api = this.pages.api(request);
    const t = translator(request.locale);
    const { typed, query, errors } = readAuditSearch(q);
    const invalid = Object.keys(errors).length > 0;
    const [staff, found] = await Promise.all([this.pages.frame(request), invalid ? null : api.GET('/audit/entries', { params: { query: query as never } })]);
    if (found?.response.status === 403) throw new ForbiddenException();
    if (found && (!found.response.ok || !found.data)) throw new Error(`GET /audit/entries answered ${found.response.status}`);
    const next = found?.data?.nextBefore
      ? new URLSearchParams({ ...Object.fromEntries(Object.entries(typed).filter(([, v]) => v)), before: found.data.nextBefore }).toString()
      : null;
    void reply.status(invalid ? 400 : 200);
    reply.view('staff/audit/audit.njk', {
      staff,
      typed,
      errors: Object.fromEntries(Object.entries(errors).map(([k, key]) => [k, t(key!)])),
      errorList: Object.entries(errors).map(([k, key]) => ({ text: t(key!), href: `#${k}` })),
      searched: Boolean(found),
      entries: (found?.data?.items ?? []).map((e) => ({
        seq: e.seq,
        at: formatDate(e.occurredAt, request.locale, 'dateTime', 'UTC'),
        datetime: e.occurredAt,
        actor: e.actorId ? `${e.actorRole ?? ''} ${e.actorId}`.trim() : (e.actorRole ?? t('staff.audit.system')),
        actorHref: e.actorId ? `${ROUTES.staffAudit}?actor=${e.actorId}` : null,
        action: e.action,
        subject: `${e.subjectType}${e.subjectId ? ` ${e.subjectId}` : ''}`,
        subjectHref: e.subjectId ? `${ROUTES.staffAudit}?${new URLSearchParams({ subjectType: e.subjectType, subject: e.subjectId })}` : null,
        caseHref: e.subjectType === 'complaint' && e.subjectId && UUID.test(e.subjectId) ? `${ROUTES.staffCases}/${e.subjectId}` : null,
        changes: Object.keys(e.changes ?? {}).length ? JSON.stringify(e.changes) : '',
      })),
      older: next ? `${ROUTES.staffAudit}?${next}` : null,
      newest: q.before ? `${ROUTES.staffAudit}?${new URLSearchParams(Object.fromEntries(Object.entries(typed).filter(([, v]) => v)))}` : null,
    });
  }
}
