/**
 * Sending a complaint, once.
 *
 * POST /public/complaints is not idempotent (its contract says so, and it takes no
 * Idempotency-Key): sent twice, it files two cases. So the web guards it, by the draft's id (the
 * submission id, also in the check page's form):
 *
 *   - a Redis key per submission id, taken with SET NX before calling the API: a second send of
 *     the same draft (a double click, back and send again, the browser retrying the POST) finds it
 *     and does not call the API; it waits for the first to finish and shows its result;
 *   - once filed, the key holds the reference for a day, and the draft leaves the session: the
 *     form sent again from an old page finds the key and is shown the complaint already sent.
 *
 * What this cannot cover without the API's help: the API filing the case but its answer never
 * reaching the web (a timeout, the web process dying mid-call). The key is then released and a
 * new send files again. Only an Idempotency-Key on POST /public/complaints closes that.
 *
 * The reference and the tracking secret are kept for the confirmation page in a Redis key of the
 * session's own (`receipt`), never in a URL and never in a log line: the secret is shown until
 * the person says they wrote it down, or for RECEIPT_TTL_SECONDS at most, then forgotten. The
 * API keeps only its hash: nobody can show it again.
 *
 * After filing, the evidence files go to POST /public/complaints/{reference}/evidence with the
 * secret; a file the API refuses (or that expired) is listed on the confirmation page.
 *
 * A signed-in worker who gives their name files from their account instead (POST /me/complaints,
 * with their access token): the case is linked to the account, which opens it (no tracking secret
 * is made), and the files go to POST /me/complaints/{id}/evidence. An anonymous complaint is
 * always filed on the public path, account or not: the account would say who made it.
 */
import { Logger } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Redis } from 'ioredis';
import type { ApiClient, ApiSchemas, Problem } from '@app/api-client';
import { isProblem } from '@app/api-client';
import type { Locale } from '@app/i18n';
import { ComplaintDraft, EvidenceFile, StepErrors, fileComplaintBody } from './complaint-draft';
import { stepErrorsOf } from './complaint-api-errors';
import { ComplaintEvidenceStore, EXTENSIONS } from './complaint-evidence-store';

/** How long a second send waits for the first (the API's own time limit is shorter). */
const WAIT_FOR_FIRST_MS = 45_000;
const WAIT_STEP_MS = 200;
/** A send in flight holds the submission this long at most (a crashed process frees it). */
const PENDING_TTL_SECONDS = 120;
/** A sent draft's id is remembered this long (an old page sent again shows the complaint already sent). */
const SENT_TTL_SECONDS = 24 * 3600;
/** The confirmation (with the secret) stays this long at most. */
export const RECEIPT_TTL_SECONDS = 3600;

export interface EvidenceOutcome {
  sent: number;
  /** Files not added, by their kind and why (`refused`: the API's 4xx; `expired`; `unavailable`: try again). */
  failed: {
    id: string;
    kind: EvidenceFile['kind'];
    contentType: EvidenceFile['contentType'];
    sizeBytes: number;
    reason: 'refused' | 'expired' | 'unavailable';
  }[];
}

/** What the confirmation page shows. */
export interface Receipt {
  submissionId: string;
  id: string;
  reference: string;
  priority: ApiSchemas['FiledAnswer']['priority'];
  /** When it was filed (ISO instant). */
  filedAt: string;
  /** Present until the person confirms they wrote it down. */
  trackingSecret?: string;
  anonymous: boolean;
  email: boolean;
  /** The fees could not be checked against the rules (the API could not); the amounts were still sent. */
  feesNotChecked: boolean;
  evidence: EvidenceOutcome;
  /** The draft's id, for the files still waiting (a retry). */
  draftId: string;
  /** Filed from the signed-in worker's account: the case is theirs to open there. */
  account?: boolean;
}

/** Where a new case's files go: the public path with its secret, or the worker's account. */
type EvidenceDoor = { api: ApiClient; reference: string; secret: string } | { account: ApiClient; id: string };

type Marker = { state: 'pending' } | { state: 'filed' | 'complete'; reference: string };

export type SubmitOutcome =
  | { kind: 'filed' }
  /** The same draft was sent before: its complaint exists (its reference). */
  | { kind: 'already-sent'; reference: string }
  /** The API refused some answers: show them on their questions. */
  | { kind: 'refused'; steps: StepErrors[]; unplaced: string[] }
  /** The API refused the whole request (429 and the like): say so on the check page. */
  | { kind: 'failed'; problem: Problem | null; status: number };

export class ComplaintSubmissions {
  private readonly logger = new Logger('ComplaintSubmissions');

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly files: ComplaintEvidenceStore,
  ) {}

  markerKey(submissionId: string): string {
    return `${this.prefix}:web:complaint-submission:${submissionId}`;
  }

  receiptKey(sessionId: string): string {
    return `${this.prefix}:web:complaint-receipt:${sessionId}`;
  }

  /** The complaint a submission id filed (its reference), if it did. */
  async sentReference(submissionId: string): Promise<string | null> {
    const marker = await this.marker(submissionId);
    return marker && marker.state !== 'pending' ? marker.reference : null;
  }

  async receipt(sessionId: string): Promise<Receipt | null> {
    const raw = await this.redis.get(this.receiptKey(sessionId));
    return raw ? (JSON.parse(raw) as Receipt) : null;
  }

  private async saveReceipt(sessionId: string, receipt: Receipt): Promise<void> {
    await this.redis.set(this.receiptKey(sessionId), JSON.stringify(receipt), 'KEEPTTL');
  }

  /** The person wrote the secret down: it is forgotten (the reference stays for the page). */
  async forgetSecret(sessionId: string): Promise<void> {
    const receipt = await this.receipt(sessionId);
    if (!receipt) return;
    delete receipt.trackingSecret;
    await this.saveReceipt(sessionId, receipt);
  }

  private async marker(submissionId: string): Promise<Marker | null> {
    const raw = await this.redis.get(this.markerKey(submissionId));
    return raw ? (JSON.parse(raw) as Marker) : null;
  }

  /**
   * Sends the draft (complete: the check page was shown) as a complaint, unless this draft was
   * sent already or is being sent; then files the evidence.
   */
  async submit(api: ApiClient, request: FastifyRequest, draft: ComplaintDraft, locale: Locale, account: ApiClient | null = null): Promise<SubmitOutcome> {
    const mine = account && draft.who !== 'anonymous' ? account : null;
    const post = (body: ReturnType<typeof fileComplaintBody>) => (mine ? mine.POST('/me/complaints', { body }) : api.POST('/public/complaints', { body }));
    const key = this.markerKey(draft.id);
    const taken = await this.redis.set(key, JSON.stringify({ state: 'pending' } satisfies Marker), 'EX', PENDING_TTL_SECONDS, 'NX');
    if (taken !== 'OK') return this.waitForFirst(draft.id);

    let filed: ApiSchemas['FiledAnswer'];
    let feesNotChecked = false;
    try {
      let body = fileComplaintBody(draft, locale);
      let answer = await post(body);
      // The fee check needs a rule and exchange rates the API may not have: the complaint must not
      // fail for it. Sent again without the fee check (the total paid is on the allegation).
      if (!answer.response.ok && body.statedFees && isProblem(answer.error) && ['missing-exchange-rate', 'no-fee-rule'].includes(answer.error.code)) {
        this.logger.warn(`the fee check of a complaint failed (${answer.error.code}); filing it without the stated fees`);
        const { statedFees: _dropped, ...rest } = body;
        body = rest;
        feesNotChecked = true;
        answer = await post(body);
      }
      if (!answer.response.ok || !answer.data) {
        await this.redis.del(key);
        const problem = isProblem(answer.error) ? answer.error : null;
        if (problem?.code === 'validation-failed') {
          const { steps, unplaced } = stepErrorsOf(problem, draft);
          if (unplaced.length) this.logger.warn(`the API refused complaint fields no question asks: ${unplaced.join(', ')}`);
          return { kind: 'refused', steps, unplaced };
        }
        this.logger.warn(`POST /public/complaints answered ${answer.response.status}${problem ? ` (${problem.code})` : ''}`);
        return { kind: 'failed', problem, status: answer.response.status };
      }
      filed = answer.data;
    } catch (e) {
      // Unreachable or timed out: whether it was filed is unknown; the person may send again.
      await this.redis.del(key);
      throw e;
    }
    if (!mine && !filed.trackingSecret) throw new Error('POST /public/complaints answered no tracking secret');

    const receipt: Receipt = {
      submissionId: draft.id,
      draftId: draft.id,
      id: filed.id,
      reference: filed.reference,
      priority: filed.priority,
      filedAt: new Date().toISOString(),
      ...(filed.trackingSecret ? { trackingSecret: filed.trackingSecret } : {}),
      ...(mine ? { account: true } : {}),
      anonymous: draft.who === 'anonymous',
      email: draft.who !== 'anonymous' && Boolean(draft.contact?.email),
      feesNotChecked,
      evidence: { sent: 0, failed: [] },
    };
    await this.redis
      .multi()
      .set(this.receiptKey(request.session.sessionId), JSON.stringify(receipt), 'EX', RECEIPT_TTL_SECONDS)
      .set(key, JSON.stringify({ state: 'filed', reference: filed.reference } satisfies Marker), 'EX', SENT_TTL_SECONDS)
      .exec();

    try {
      const door: EvidenceDoor = mine ? { account: mine, id: filed.id } : { api, reference: filed.reference, secret: filed.trackingSecret! };
      receipt.evidence = await this.sendEvidence(door, draft.id, draft.evidence ?? []);
      await this.saveReceipt(request.session.sessionId, receipt);
    } finally {
      await this.redis.set(key, JSON.stringify({ state: 'complete', reference: filed.reference } satisfies Marker), 'EX', SENT_TTL_SECONDS);
    }
    return { kind: 'filed' };
  }

  /** A second send of a draft being sent: wait for the first, then show what it did. */
  private async waitForFirst(submissionId: string): Promise<SubmitOutcome> {
    const until = Date.now() + WAIT_FOR_FIRST_MS;
    let marker = await this.marker(submissionId);
    while (marker?.state !== 'complete' && Date.now() < until) {
      if (!marker) break; // the first failed: nothing was filed
      await new Promise((r) => setTimeout(r, WAIT_STEP_MS));
      marker = await this.marker(submissionId);
    }
    if (marker && marker.state !== 'pending') return { kind: 'already-sent', reference: marker.reference };
    if (!marker) return { kind: 'failed', problem: null, status: 409 };
    return { kind: 'failed', problem: null, status: 503 };
  }

  /** Sends the files that did not go yet (the confirmation page's "try again"). */
  async retryEvidence(api: ApiClient, sessionId: string, account: ApiClient | null = null): Promise<Receipt | null> {
    const receipt = await this.receipt(sessionId);
    if (!receipt) return receipt;
    const door: EvidenceDoor | null = receipt.account
      ? account
        ? { account, id: receipt.id }
        : null
      : receipt.trackingSecret
        ? { api, reference: receipt.reference, secret: receipt.trackingSecret }
        : null;
    if (!door) return receipt;
    const waiting = receipt.evidence.failed.filter((f) => f.reason === 'unavailable');
    if (!waiting.length) return receipt;
    const outcome = await this.sendEvidence(door, receipt.draftId, waiting);
    receipt.evidence = {
      sent: receipt.evidence.sent + outcome.sent,
      failed: [...receipt.evidence.failed.filter((f) => f.reason !== 'unavailable'), ...outcome.failed],
    };
    await this.saveReceipt(sessionId, receipt);
    return receipt;
  }

  private async sendEvidence(door: EvidenceDoor, draftId: string, files: readonly EvidenceFile[]): Promise<EvidenceOutcome> {
    const outcome: EvidenceOutcome = { sent: 0, failed: [] };
    for (const [i, file] of files.entries()) {
      const failed = (reason: EvidenceOutcome['failed'][number]['reason']) =>
        outcome.failed.push({ id: file.id, kind: file.kind, contentType: file.contentType, sizeBytes: file.sizeBytes, reason });
      const content = await this.files.read(draftId, file.id);
      if (!content) {
        failed('expired');
        continue;
      }
      const form = new FormData();
      form.append('kind', file.kind);
      // Our own name for it: a phone's file name can say who the person is, and tells staff nothing.
      form.append('file', new Blob([new Uint8Array(content)], { type: file.contentType }), `${file.kind}-${i + 1}.${EXTENSIONS[file.contentType]}`);
      try {
        // openapi-fetch sends FormData as it is (multipart, with its boundary).
        const body = form as unknown as ApiSchemas['UploadEvidenceBody'];
        const { response, error } =
          'account' in door
            ? await door.account.POST('/me/complaints/{id}/evidence', { params: { path: { id: door.id } }, body })
            : await door.api.POST('/public/complaints/{reference}/evidence', {
                params: { path: { reference: door.reference }, header: { 'X-Tracking-Secret': door.secret } },
                body,
              });
        if (response.ok) {
          outcome.sent++;
          await this.files.remove(draftId, [file.id]);
        } else {
          this.logger.warn(`adding evidence to a new complaint answered ${response.status}${isProblem(error) ? ` (${error.code})` : ''}`);
          failed(response.status === 429 ? 'unavailable' : 'refused');
        }
      } catch (e) {
        this.logger.warn(`adding evidence to a new complaint failed: ${e instanceof Error ? e.name : 'error'}`);
        failed('unavailable');
      }
    }
    return outcome;
  }
}
