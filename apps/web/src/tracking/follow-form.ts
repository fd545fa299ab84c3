/**
 * The "follow your complaint" form: what was typed, checked before the API is asked.
 *
 * A field left empty is an error next to it. A reference or secret that cannot be right (too
 * long, characters no reference or secret has) gets the same answer as a wrong one, without
 * asking the API: nothing tells a wrong reference from a wrong secret. The secret is never
 * written back into a page, a URL or a log line.
 */
/** A reference as people write it: CMP-2026-00042-7, with spaces or dashes, any case (the API's bounds). */
const REFERENCE = /^[A-Za-z0-9 -]{8,40}$/;
/** A secret as people type it: Crockford base32 in groups (the API forgives case, spaces, dashes, I/L/O). */
const SECRET = /^[A-Za-z0-9 -]{1,64}$/;

export type FollowField = 'reference' | 'secret';

export interface FollowAttempt {
  reference: string;
  secret: string;
}

export type FollowFormResult =
  /** Both fields are there and could be right: ask the API. */
  | { ok: true; attempt: FollowAttempt }
  /** Fields left empty: say which, next to each. */
  | { ok: false; missing: FollowField[]; reference: string }
  /** Typed, but no complaint could have them: the same answer as a wrong reference or secret. */
  | { ok: false; missing: []; reference: string; notFound: true };

const text = (value: unknown): string => (typeof value === 'string' ? value : '').replace(/\s+/g, ' ').trim();

export function readFollowForm(body: unknown): FollowFormResult {
  const fields = (body ?? {}) as Record<string, unknown>;
  const reference = text(fields.reference);
  const secret = text(fields.secret);
  const missing: FollowField[] = [];
  if (!reference) missing.push('reference');
  if (!secret) missing.push('secret');
  // The reference goes back into the form (it is not secret); a very long one is cut.
  const shown = reference.slice(0, 40);
  if (missing.length) return { ok: false, missing, reference: shown };
  if (!REFERENCE.test(reference) || !SECRET.test(secret)) return { ok: false, missing: [], reference: shown, notFound: true };
  return { ok: true, attempt: { reference, secret } };
}

/** `?reference=` of the mail's link, when it could be a reference; otherwise nothing is filled in. */
export function referenceFromLink(value: unknown): string {
  const reference = text(value);
  return REFERENCE.test(reference) ? reference.toUpperCase() : '';
}

/** The complaint this session follows: kept on the server (Redis), never sent to the browser. */
export interface FollowedComplaint {
  /** As the API writes it (CMP-2026-00042-7). */
  reference: string;
  secret: string;
}

declare module 'fastify' {
  interface Session {
    /** The complaint followed on this device (tracking/tracking.controller.ts). */
    followedComplaint?: FollowedComplaint;
    /** Shown once on the form: the device has just forgotten the complaint. */
    followedComplaintForgotten?: boolean;
  }
}
