/**
 * Following a complaint without an account ("Follow your complaint"):
 *
 *   GET  /complaints/follow            the form: reference and secret code (`?reference=` from the
 *                                      acknowledgement mail's link fills in the reference)
 *   POST /complaints/follow            asks the API (GET /public/complaints/{reference}, the secret
 *                                      in X-Tracking-Secret); found: the pair is kept in this
 *                                      session, then Post/Redirect/Get to the status page
 *   GET  /complaints/follow/status     the case as the API shows it to its complainant, from the
 *                                      pair in the session (asked again on every view)
 *   POST /complaints/follow/forget     this device forgets the pair
 *
 * The secret travels only in the form's body, the session (Redis, on the server) and the header
 * to the API: never in a URL, a page or a log line. A wrong reference and a wrong secret get the
 * same answer (as the API gives them). Too many tries (429) say when to try again.
 */
import { Body, Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isProblem } from '@app/api-client';
import { Translate, translator } from '@app/i18n';
import { ApiClientFactory } from '../api/api-client.factory';
import { ROUTES } from '../routes';
import { complaintStatusPage, WorkerComplaintView } from './complaint-status';
import { FollowField, FollowedComplaint, readFollowForm, referenceFromLink } from './follow-form';

type Lookup = { kind: 'found'; view: WorkerComplaintView } | { kind: 'not-found' } | { kind: 'too-many'; retryAfterSeconds: number | null };

interface FormState {
  reference?: string;
  missing?: FollowField[];
  notFound?: boolean;
  retryAfterSeconds?: number | null;
}

/** Seconds to wait, from Retry-After (seconds or an HTTP date), else the problem's `retryAfter`. */
export function retryAfterSeconds(header: string | null, problem: unknown, now = Date.now()): number | null {
  if (header) {
    if (/^\d+$/.test(header.trim())) return Number(header.trim());
    const at = Date.parse(header);
    if (!Number.isNaN(at)) return Math.max(0, Math.ceil((at - now) / 1000));
  }
  const fromBody = (problem as { retryAfter?: unknown } | null)?.retryAfter;
  return typeof fromBody === 'number' && fromBody >= 0 ? fromBody : null;
}

/** "Try again in 5 minutes" / "in 2 hours" / "later", in the reader's language. */
export function retryText(t: Translate, seconds: number | null): string {
  if (!seconds || seconds <= 0) return t('tracking.form.tooMany.later');
  const minutes = Math.ceil(seconds / 60);
  if (minutes <= 90) return t('tracking.form.tooMany.minutes', { count: minutes });
  return t('tracking.form.tooMany.hours', { count: Math.ceil(minutes / 60) });
}

@Controller()
export class TrackingController {
  constructor(private readonly clients: ApiClientFactory) {}

  @Get(ROUTES.complaintFollow)
  form(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Query('reference') reference?: unknown): void {
    const forgotten = Boolean(request.session?.followedComplaintForgotten);
    if (forgotten) request.session.followedComplaintForgotten = undefined;
    this.renderForm(request, reply, 200, { reference: referenceFromLink(reference) }, forgotten);
  }

  @Post(ROUTES.complaintFollow)
  async follow(@Body() body: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const form = readFollowForm(body);
    if (!form.ok) {
      this.renderForm(
        request,
        reply,
        400,
        'notFound' in form ? { reference: form.reference, notFound: true } : { reference: form.reference, missing: form.missing },
      );
      return;
    }
    const { reference, secret } = form.attempt;
    const found = await this.lookup(request, reference, secret);
    if (found.kind === 'not-found') return this.renderForm(request, reply, 400, { reference: reference.slice(0, 40), notFound: true });
    if (found.kind === 'too-many')
      return this.renderForm(request, reply, 429, { reference: reference.slice(0, 40), retryAfterSeconds: found.retryAfterSeconds });

    // A new session id for a session that now opens a case (a session id planted beforehand is
    // worth nothing after); a signed-in person's session was renewed at sign-in and keeps its id.
    if (!request.session.auth) await request.session.regenerate();
    request.session.followedComplaint = { reference: found.view.reference, secret } satisfies FollowedComplaint;
    await request.session.save();
    void reply.redirect(ROUTES.complaintFollowStatus, 303);
  }

  @Get(ROUTES.complaintFollowStatus)
  async status(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const followed = request.session?.followedComplaint;
    if (!followed) return void reply.redirect(ROUTES.complaintFollow, 303);
    const found = await this.lookup(request, followed.reference, followed.secret);
    if (found.kind === 'too-many') return this.renderForm(request, reply, 429, { reference: followed.reference, retryAfterSeconds: found.retryAfterSeconds });
    if (found.kind === 'not-found') {
      // The pair no longer opens the case: forget it, and ask again.
      request.session.followedComplaint = undefined;
      await request.session.save();
      return void reply.redirect(`${ROUTES.complaintFollow}?reference=${encodeURIComponent(followed.reference)}`, 303);
    }
    reply.view('tracking/status.njk', { complaint: complaintStatusPage(found.view, request.locale) });
  }

  @Post(ROUTES.complaintFollowForget)
  async forget(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    request.session.followedComplaint = undefined;
    request.session.followedComplaintForgotten = true;
    await request.session.save();
    void reply.redirect(ROUTES.complaintFollow, 303);
  }

  /** The API's answer for this pair. Nothing about the pair goes into an error or a log line. */
  private async lookup(request: FastifyRequest, reference: string, secret: string): Promise<Lookup> {
    const api = this.clients.forRequest(request);
    const { data, error, response } = await api.GET('/public/complaints/{reference}', {
      params: { path: { reference }, header: { 'X-Tracking-Secret': secret } },
    });
    if (response.ok && data) return { kind: 'found', view: data };
    // 400: a reference the API cannot read; for the person, the same as a wrong one.
    if (response.status === 404 || response.status === 400) return { kind: 'not-found' };
    if (response.status === 429) return { kind: 'too-many', retryAfterSeconds: retryAfterSeconds(response.headers.get('retry-after'), error) };
    throw new Error(`GET /public/complaints/{reference} answered ${response.status}${isProblem(error) ? ` (${error.code})` : ''}`);
  }

  private renderForm(request: FastifyRequest, reply: FastifyReply, status: number, state: FormState, forgotten = false): void {
    const t = translator(request.locale);
    const missing = new Set(state.missing ?? []);
    const errors: { reference?: string; secret?: string } = {};
    if (missing.has('reference')) errors.reference = t('tracking.form.reference.missing');
    if (missing.has('secret')) errors.secret = t('tracking.form.secret.missing');
    const errorList = [
      ...(errors.reference ? [{ text: errors.reference, href: '#reference' }] : []),
      ...(errors.secret ? [{ text: errors.secret, href: '#secret' }] : []),
      ...(state.notFound ? [{ text: t('tracking.form.notFound'), href: '#reference' }] : []),
    ];
    const tooMany = state.retryAfterSeconds !== undefined ? retryText(t, state.retryAfterSeconds) : null;
    void reply.status(status);
    if (tooMany && state.retryAfterSeconds) void reply.header('retry-after', String(state.retryAfterSeconds));
    reply.view('tracking/follow.njk', {
      reference: state.reference ?? '',
      errors,
      errorList,
      notFound: Boolean(state.notFound),
      tooMany,
      following: request.session?.followedComplaint?.reference ?? null,
      forgotten,
    });
  }
}
