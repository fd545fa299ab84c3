/**
 * Complaints for the "follow your complaint" pages, made as a complainant and the ministry make
 * them: filed through the public API (the reference and the secret from its answer), then moved
 * through the case's life by the demo supervisor (support/agencies-fixtures.ts seeds the demo data
 * and signs in through POST /auth/login). Nothing is written to the database here.
 */
import { Client } from 'pg';
import { ApiClient, ApiSchemas, createApiClient } from '@app/api-client';
import { DEV_ONLY_FIELD_ENCRYPTION_KEYS, DEV_ONLY_FIELD_INDEX_KEY, FieldEncryption } from '@app/common';
import { dedupDigest, openBody } from '@app/notifications';
import type { Locale } from '@app/i18n';
import { seedDemoData, signedInApi } from './agencies-fixtures';
import { stack } from './stack';

export const DEMO_PASSWORD = 'demo-pass-2026!';

export interface FiledComplaint {
  id: string;
  reference: string;
  trackingSecret: string;
}

export const publicApi = (): ApiClient => createApiClient({ baseUrl: stack().apiUrl });

function ok<T>(what: string, result: { data?: T; error?: unknown; response: Response }): T {
  if (result.data === undefined) throw new Error(`${what} answered ${result.response.status}: ${JSON.stringify(result.error)}`);
  return result.data;
}

/** A complaint filed without an account, as the public form files it. */
export async function fileComplaint(language: Locale, options: { email?: string } = {}): Promise<FiledComplaint> {
  const filed = ok(
    'file a complaint',
    await publicApi().POST('/public/complaints', {
      body: {
        recruiterDescription: 'A man at the bus station who said he recruits for Riyadh',
        destinationCountry: 'SA',
        allegations: [
          {
            category: 'excess-fees',
            facts: 'He took PHP 50,000 from me for the placement.',
            occurredOn: '2026-01-15',
            amountMinor: '5000000',
            currency: 'PHP',
          },
          { category: 'retained-documents', facts: 'He kept my passport.' },
        ],
        language,
        ...(options.email ? { email: options.email, complainantName: 'Maria Santos' } : { anonymous: true }),
      },
    }),
  );
  if (!filed.trackingSecret) throw new Error('the public filing answered no tracking secret');
  return { id: filed.id, reference: filed.reference, trackingSecret: filed.trackingSecret };
}

/** The case as its complainant sees it through the API (what the page must show). */
export async function trackedView(c: FiledComplaint): Promise<ApiSchemas['WorkerComplaintView']> {
  return ok(
    'follow',
    await publicApi().GET('/public/complaints/{reference}', {
      params: { path: { reference: c.reference }, header: { 'X-Tracking-Secret': c.trackingSecret } },
    }),
  );
}

export const SHARED_NOTE = 'We called the agency. They promised to answer by Friday.';
export const INTERNAL_NOTE = 'Internal only: the recruiter was rude on the phone.';
export const FAIL_REASON = 'The recruiter refused to give the money back.';
export const HEARING_PLACE = 'Room 4, Ministry building';
export const FINDING_NOTE = 'The receipt shows the fee was taken.';
export const HEARING_CANCELLED = 'Both sides asked for a decision on the papers.';

/**
 * A complaint taken through its life by the demo supervisor: accepted, a shared and an internal
 * note, conciliation failed (with its reason), a hearing arranged, the agency's answer recorded;
 * then, unless `until` is 'adjudication', the hearing called off and the case decided: a violation with a refund order on the fee,
 * the passport not proved.
 */
export async function movedComplaint(
  language: Locale,
  until: 'adjudication' | 'decided',
  options: { filed?: { id: string; reference: string }; supervisor?: ApiClient } = {},
): Promise<FiledComplaint> {
  await seedDemoData();
  const c = options.filed ? { trackingSecret: '', ...options.filed } : await fileComplaint(language);
  const supervisor = options.supervisor ?? (await signedInApi('supervisor@demo.lcs', DEMO_PASSWORD));
  const path = { id: c.id };
  const staffView = async () => ok('read the case', await supervisor.GET('/complaints/{id}', { params: { path } }));
  const act = async (action: ApiSchemas['ComplaintAction'], body: Record<string, unknown> = {}) => {
    const { version } = await staffView();
    ok(action, await supervisor.POST('/complaints/{id}/actions/{action}', { params: { path: { id: c.id, action } }, body: { version, ...body } }));
  };

  await act('accept');
  ok('a shared note', await supervisor.POST('/complaints/{id}/notes', { params: { path }, body: { body: SHARED_NOTE, visibility: 'shared' } }));
  ok('an internal note', await supervisor.POST('/complaints/{id}/notes', { params: { path }, body: { body: INTERNAL_NOTE, visibility: 'internal' } }));
  await act('fail-conciliation', { reason: FAIL_REASON });
  await act('schedule-hearing', { hearing: { at: new Date(Date.now() + 20 * 86_400_000).toISOString(), place: HEARING_PLACE } });
  await act('record-answer', { answer: 'We never took any money from this worker.' });
  if (until === 'adjudication') return c;
  // No decision while a hearing is still scheduled (issue 19): this one is called off first.
  await act('cancel-hearing', { reason: HEARING_CANCELLED });
  const [fee, passport] = (await staffView()).allegations;
  await act('decide', {
    findings: [
      {
        allegationId: fee.id,
        finding: 'violation',
        note: FINDING_NOTE,
        sanctions: [{ kind: 'refund-order', amountMinor: '5000000', currency: 'PHP' }],
        departureReason: 'The worker is owed the fee back.',
      },
      { allegationId: passport.id, finding: 'dismissed', note: 'Nothing shows the passport was kept.' },
    ],
  });
  return c;
}

/** The acknowledgement mail's variables, as queued for the complaint (read, never written). */
export async function acknowledgementData(c: FiledComplaint): Promise<Record<string, string>> {
  const db = new Client({ connectionString: stack().databaseUrl });
  await db.connect();
  try {
    // The outbox seals its data and digests its keys (issue 17): opened with the keys the stack runs with (the development ones unless set).
    const crypto = FieldEncryption.fromSettings({
      FIELD_ENCRYPTION_KEYS: process.env.FIELD_ENCRYPTION_KEYS || DEV_ONLY_FIELD_ENCRYPTION_KEYS,
      FIELD_INDEX_KEY: process.env.FIELD_INDEX_KEY || DEV_ONLY_FIELD_INDEX_KEY,
    });
    const { rows } = await db.query<{
      id: string;
      recipient_enc: string | null;
      recipient: string | null;
      data_enc: string | null;
      data: Record<string, unknown> | null;
    }>('SELECT id, recipient_enc, recipient, data_enc, data FROM notification_outbox WHERE dedup_key = $1', [dedupDigest(crypto, `case.received:${c.id}`)]);
    if (!rows[0]) throw new Error(`no acknowledgement queued for ${c.reference}`);
    return openBody(crypto, rows[0]).data as Record<string, string>;
  } finally {
    await db.end();
  }
}
