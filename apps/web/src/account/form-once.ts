/**
 * A form of the account pages sent twice does its work once.
 *
 * A double click, the browser retrying a POST, or "back" and send again would otherwise file two
 * claims, two statements, two pieces of information, two uploads, two registrations; or answer
 * the second appeal with "the case changed meanwhile" although it was this very form that moved it.
 * The API's routes behind these forms take no Idempotency-Key, so the web guards them, as it guards
 * the public complaint (complaint-submissions.ts):
 *
 *   - every such form carries a token of its own, made when the page is rendered
 *     (`lcsForm(action, { once: true })`: the hidden field `_once`, a random UUID);
 *   - the first send takes a Redis key for (session, token) with SET NX before calling the API;
 *   - when it succeeds (a 303, Post/Redirect/Get), the key keeps where it led and the notice it left
 *     in the session, for a day: a later send of the same form is answered the same redirect and
 *     notice, and calls nothing;
 *   - a send that arrives while the first is under way waits for it, then answers the same;
 *   - a send that did not succeed (the form's errors, the API's refusal, an error page) frees the
 *     key: sending it again is a new try, answered as the first was.
 *
 * The key is the session's: another session sending the token gets nothing from it. A form without
 * the field (a page rendered before this existed) is handled as before, unguarded. What it cannot
 * cover: the API doing the work but its answer never reaching the web (a timeout); the key is then
 * freed and a new send does it again.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Redis } from 'ioredis';

/** The form field holding the token (lcsForm's `once`). */
export const ONCE_FIELD = '_once';
const TOKEN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** A send under way holds its token this long at most (a crashed process frees it). */
const PENDING_TTL_SECONDS = 120;
/** A form that succeeded is remembered this long. */
export const DONE_TTL_SECONDS = 24 * 3600;
/** How long a second send waits for the first. */
const WAIT_MS = 45_000;
const WAIT_STEP_MS = 100;

type Marker = { state: 'pending' } | { state: 'done'; location: string; notice?: unknown };

/** The session field a form leaves its one-time notice in (replayed with the redirect). */
export type NoticeField = 'caseNotice' | 'welfareNotice' | 'placementNotice' | 'accountSentTo';

/** The token a form was sent with, if it carries a well-formed one. */
export function onceTokenOf(body: unknown): string | null {
  const v = (body as Record<string, unknown> | null)?.[ONCE_FIELD];
  return typeof v === 'string' && TOKEN.test(v) ? v : null;
}

export class FormOnce {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  key(sessionId: string, token: string): string {
    return `${this.prefix}:web:form-once:${sessionId}:${token}`;
  }

  /**
   * Runs `work` (a form handler that answers a 303 when it succeeds) at most once per form token:
   * a repeat is answered the first one's redirect and notice.
   */
  async run(request: FastifyRequest, reply: FastifyReply, notice: NoticeField | null, work: () => Promise<void>): Promise<void> {
    const token = onceTokenOf(request.body);
    const sessionId = request.session?.sessionId;
    if (!token || !sessionId) return work();
    const key = this.key(sessionId, token);
    for (let attempt = 0; attempt < 3; attempt++) {
      const taken = await this.redis.set(key, JSON.stringify({ state: 'pending' } satisfies Marker), 'EX', PENDING_TTL_SECONDS, 'NX');
      if (taken === 'OK') return this.first(request, reply, key, notice, work);
      const marker = await this.waitForFirst(key);
      if (marker?.state === 'done') return this.replay(request, reply, notice, marker);
      if (marker?.state === 'pending') throw new Error('a form sent twice: the first send is still under way');
      // The first did not succeed and freed the key: this send is a new try.
    }
    return work();
  }

  private async first(request: FastifyRequest, reply: FastifyReply, key: string, notice: NoticeField | null, work: () => Promise<void>): Promise<void> {
    let done = false;
    try {
      await work();
      const location = reply.getHeader('location');
      if (reply.statusCode === 303 && typeof location === 'string') {
        const left = notice ? (request.session as unknown as Record<string, unknown>)[notice] : undefined;
        await this.redis.set(
          key,
          JSON.stringify({ state: 'done', location, ...(left !== undefined ? { notice: left } : {}) } satisfies Marker),
          'EX',
          DONE_TTL_SECONDS,
        );
        done = true;
      }
    } finally {
      if (!done) await this.redis.del(key);
    }
  }

  private async replay(request: FastifyRequest, reply: FastifyReply, notice: NoticeField | null, marker: Extract<Marker, { state: 'done' }>): Promise<void> {
    if (notice && marker.notice !== undefined) {
      (request.session as unknown as Record<string, unknown>)[notice] = marker.notice;
      await request.session.save();
    }
    void reply.redirect(marker.location, 303);
  }

  /** The first send's marker once it is no longer pending (null: it failed and freed the key). */
  private async waitForFirst(key: string): Promise<Marker | null> {
    const until = Date.now() + WAIT_MS;
    let marker = await this.marker(key);
    while (marker?.state === 'pending' && Date.now() < until) {
      await new Promise((r) => setTimeout(r, WAIT_STEP_MS));
      marker = await this.marker(key);
    }
    return marker;
  }

  private async marker(key: string): Promise<Marker | null> {
    const raw = await this.redis.get(key);
    return raw ? (JSON.parse(raw) as Marker) : null;
  }
}
