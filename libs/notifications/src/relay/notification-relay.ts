import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock, ConfigService, FieldEncryption } from '@app/common';
import type { Language } from '../languages';
import { StoredBody, openBody } from '../outbox-sealing';
import { Mailbox, RecipientDirectory } from '../recipients';
import { RELAY_TICK_BUDGET_MS } from '../notifications.constants';
import { NotificationTemplateError, renderTemplate } from '../templates/render';
import { secretLinkOpener } from '../templates/secret-links';
import { backoffDelayMs } from './backoff';
import { composeMail } from './compose-mail';
import { MAIL_TRANSPORT, MailTransport } from './mail-transport';
import { SendFailure, describeSendError } from './send-error';
import { SentRecord, SentRecords } from './sent-records';

/**
 * A row the relay has claimed: invisible to other relays until `lease`, which also fences its
 * updates. Its address (someone without an account) and data are still sealed (or legacy
 * plaintext): they are opened only when the message is sent. A message to an account holds no
 * address: the account's current one is read from the RecipientDirectory when it is sent.
 */
export interface ClaimedMessage extends StoredBody {
  recipient_user_id: string | null;
  template: string;
  language: Language;
  /** Completed attempts before this one. */
  attempts: number;
  lease: Date;
}

export type DeliveryOutcome = 'sent' | 'retrying' | 'failed' | 'leaseLost' | 'unrecorded' | 'released';

export interface RelayResult {
  claimed: number;
  sent: number;
  retrying: number;
  failed: number;
  /** Sent or failed, but another relay had claimed the row meanwhile (this round outlived its lease). */
  leaseLost: number;
  /** Sent or failed, but the outcome could not be written (database down): the lease brings the row back. */
  unrecorded: number;
  /**
   * Claimed but not sent, handed back at once (due now, no attempt counted): cut off by the
   * process shutting down before the server took it, or not started because the process was
   * stopping or a send had just failed.
   */
  released: number;
  /** The tick stopped claiming on its time budget (RELAY_TICK_BUDGET_MS) with mail still due: the next tick should follow at once. */
  budgetSpent: boolean;
}

/** What one send came to, before it is recorded. */
type Attempt = { messageId: string } | { failure: SendFailure } | 'cut-off';

/** A claimed row waiting for a free lane, with the mailboxes read for its batch. */
interface Ready {
  m: ClaimedMessage;
  mailboxes?: Map<string, Mailbox>;
  /** When it was claimed (the relay's clock): a row that waited past half its lease is handed back, not sent. */
  claimedAt: number;
}

/** What last_error says of a message whose account was disabled (or is gone) before it could be sent. */
export const RECIPIENT_INACTIVE = 'recipient-inactive: the account is disabled or gone; nothing was sent';

/** Out of SHUTDOWN_TIMEOUT_MS, what the relay keeps for recording its outcomes after cutting off unfinished sends. */
const SHUTDOWN_RECORD_RESERVE_MS = 2_000;
const CUT_OFF = new Error('send cut off: the process is shutting down');

/**
 * Sends what the outbox holds, many messages at once over a pool of SMTP connections.
 *
 * A tick runs MAIL_RELAY_CONCURRENCY lanes. Each takes the next claimed row, sends it and goes on
 * to the next; the rows come in batches of MAIL_RELAY_BATCH_SIZE, each claimed in one short
 * statement (`FOR UPDATE SKIP LOCKED`, then next_attempt_at moves to now +
 * MAIL_RELAY_LEASE_SECONDS: the lease), and the next batch is claimed while the lanes still have
 * the last one's rows in hand. No database lock is held while sending. Each outcome is recorded
 * with an UPDATE that only applies while this relay's lease is still on the row (sent rows in
 * batches, SentRecords); a relay that dies mid-round leaves its rows leased, and when the lease
 * runs out any relay claims them again. A claimed row still waiting when half its lease has
 * passed (a very slow server) is handed back rather than sent late.
 *
 * A send that fails with a retryable error stops the tick from claiming more (a failing server
 * waits for the next tick, and a retry whose jittered delay came out near zero is not hammered):
 * the sends in flight finish, the rows not yet started are handed back, due at once, no attempt
 * counted. A message refused for good (a bad address) does not stop the others.
 *
 * Delivery is at least once: if the process dies after the SMTP server accepted a message and
 * before its row is marked sent, the message goes out again after the lease, with the same
 * Message-ID (`<outbox id@lcs>`) so receivers can recognise the duplicate.
 *
 * Shutdown: once the process stops, no lane starts another message; the sends in flight finish
 * and the claimed rows not started are handed back. Sends still open shortly before
 * SHUTDOWN_TIMEOUT_MS are cut off (the SMTP connections closed) and their rows handed back too,
 * so the outcome of every claimed row is written before the process has to go: no row waits out
 * its lease, and none is sent twice because its "sent" went unrecorded.
 */
@Injectable()
export class NotificationRelay implements OnModuleDestroy {
  private readonly logger = new Logger('NotificationRelay');
  private stopping = false;
  /** How to abandon each send in flight (the shutdown's cut-off calls them all). */
  private readonly abandon = new Set<(reason: Error) => void>();
  private cutoffTimer?: NodeJS.Timeout;
  private cutOff = false;
  /** How long a tick claims new batches (RELAY_TICK_BUDGET_MS; tests shorten it). */
  tickBudgetMs = RELAY_TICK_BUDGET_MS;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(MAIL_TRANSPORT) private readonly transport: MailTransport,
    private readonly config: ConfigService,
    private readonly clock: Clock,
    private readonly crypto: FieldEncryption,
    private readonly directory: RecipientDirectory,
  ) {}

  /** Sent messages, marked in batches (one UPDATE for many). */
  private readonly sentRecords = new SentRecords(
    (records) => this.writeSent(records),
    (e, ids) => this.logger.error({ msg: 'notifications sent but not recorded; they will be sent again after their lease', ids, err: e.message }),
  );

  /** The process is stopping (the first of Nest's shutdown hooks): no new round; sends still open near the timeout are cut off. */
  onModuleDestroy(): void {
    if (this.stopping) return;
    this.stopping = true;
    const budget = Math.max(0, this.config.get('app').SHUTDOWN_TIMEOUT_MS - SHUTDOWN_RECORD_RESERVE_MS);
    this.cutoffTimer = setTimeout(() => {
      this.cutOff = true;
      if (!this.abandon.size) return;
      for (const give of [...this.abandon]) give(CUT_OFF);
      // Closing the pooled connections drops the messages the server has not acknowledged yet.
      this.transport.close();
    }, budget);
    this.cutoffTimer.unref();
  }

  /** Stops the cut-off timer once the round in hand is over (NotificationsProcessor, after its queue worker closed). */
  finishedStopping(): void {
    if (this.cutoffTimer) clearTimeout(this.cutoffTimer);
  }

  /**
   * Sends until nothing is due (or RELAY_TICK_BUDGET_MS is spent, and the next tick goes on; or a
   * send failed and may be retried; or the process stops): MAIL_RELAY_CONCURRENCY lanes over the
   * rows claimed batch by batch. Answers when every claimed row's outcome is written.
   */
  async relayDue(): Promise<RelayResult> {
    const started = Date.now();
    const { MAIL_RELAY_CONCURRENCY: lanes, MAIL_RELAY_BATCH_SIZE: batchSize, MAIL_RELAY_LEASE_SECONDS } = this.config.get('mail');
    const total: RelayResult = { claimed: 0, sent: 0, retrying: 0, failed: 0, leaseLost: 0, unrecorded: 0, released: 0, budgetSpent: false };
    const ready: Ready[] = [];
    const recording: Promise<void>[] = [];
    /** Whether to claim another batch: not once one came back short, the budget is spent, or a send failed. */
    let more = true;
    /** A send failed and may be retried: no lane starts another message this tick. */
    let halted = false;
    let claiming: Promise<void> | undefined;
    let claimError: unknown;

    const claimBatch = async (): Promise<void> => {
      try {
        if (more && !halted && !this.stopping && Date.now() - started > this.tickBudgetMs) total.budgetSpent = true;
        if (!more || halted || this.stopping || total.budgetSpent) {
          more = false;
          return;
        }
        const batch = await this.claimDue(batchSize);
        const claimedAt = this.clock.now().getTime();
        total.claimed += batch.length;
        if (batch.length < batchSize) more = false;
        if (!batch.length) return;
        // The accounts' addresses, in one read for the batch (a failed read: each message reads its own, and retries).
        const mailboxes = await this.mailboxesOf(batch).catch(() => undefined);
        for (const m of batch) ready.push({ m, mailboxes, claimedAt });
      } catch (e) {
        // The database is down: no more claims this tick; the lanes finish what they hold.
        claimError = e;
        more = false;
      }
    };
    // One claim at a time; `finally` clears it asynchronously, after the assignment (even when the claim returns at once).
    const claimNext = (): Promise<void> => (claiming ??= claimBatch().finally(() => (claiming = undefined)));

    const staleAfterMs = (MAIL_RELAY_LEASE_SECONDS * 1000) / 2;
    const stale: ClaimedMessage[] = [];
    const lane = async (): Promise<void> => {
      for (;;) {
        if (halted || this.stopping) return;
        // The next batch is claimed while this one still keeps every lane busy.
        if (more && !claiming && ready.length <= lanes) void claimNext();
        const next = ready.shift();
        if (!next) {
          if (!more && !claiming) return;
          await claimNext();
          continue;
        }
        if (this.clock.now().getTime() - next.claimedAt > staleAfterMs) {
          stale.push(next.m);
          continue;
        }
        const attempt = await this.attempt(next.m, next.mailboxes);
        if (typeof attempt === 'object' && 'failure' in attempt && !attempt.failure.permanent) halted = true;
        recording.push(
          this.record(next.m, attempt).then((outcome) => {
            total[outcome] += 1;
          }),
        );
      }
    };

    await Promise.all(Array.from({ length: lanes }, lane));
    // A claim still running when the lanes stopped: its rows are handed back below.
    while (claiming) await claiming;
    const unsent = [...stale, ...ready.splice(0).map((r) => r.m)];
    if (unsent.length) {
      recording.push(
        this.releaseAll(unsent).then((counts) => {
          for (const [outcome, n] of Object.entries(counts) as [keyof typeof counts, number][]) total[outcome] += n;
        }),
      );
    }
    this.sentRecords.flush();
    await Promise.all(recording);
    if (total.claimed) this.logger.log({ msg: 'notifications relayed', ...total });
    // Nothing claimed because the database is down: the job fails (and says why).
    if (claimError !== undefined && total.claimed === 0) throw claimError;
    return total;
  }

  /**
   * Claims up to `limit` due pending rows for this relay: one statement, so the row locks last
   * only as long as it does. Public for tests, which simulate a relay that dies after claiming.
   */
  async claimDue(limit: number = this.config.get('mail').MAIL_RELAY_BATCH_SIZE): Promise<ClaimedMessage[]> {
    const now = this.clock.now();
    const lease = new Date(now.getTime() + this.config.get('mail').MAIL_RELAY_LEASE_SECONDS * 1000);
    const { rows } = await this.run<Omit<ClaimedMessage, 'lease'>>(
      `WITH due AS (
         SELECT id FROM notification_outbox
          WHERE state = 'pending' AND next_attempt_at <= $1
          ORDER BY next_attempt_at, id
          LIMIT $2
          FOR UPDATE SKIP LOCKED
       )
       UPDATE notification_outbox o SET next_attempt_at = $3
         FROM due WHERE o.id = due.id
       RETURNING o.id, o.recipient_enc, o.recipient, o.recipient_user_id, o.template, o.language, o.data_enc, o.data, o.attempts`,
      [now, limit, lease],
    );
    return rows.map((r) => ({ ...r, lease }));
  }

  /** The current mailboxes of the accounts a batch's messages are addressed to (rows holding an address need none). */
  private async mailboxesOf(batch: ClaimedMessage[]): Promise<Map<string, Mailbox>> {
    const ids = [
      ...new Set(batch.filter((m) => m.recipient_enc === null && m.recipient === null && m.recipient_user_id !== null).map((m) => m.recipient_user_id!)),
    ];
    return ids.length ? this.directory.mailboxes(this.db.manager, ids) : new Map();
  }

  /**
   * Sends one claimed message and records the outcome, fenced by its lease. Public for tests (a
   * relay that outlived its lease); `relayDue` does the same in its lanes, with each batch's
   * mailboxes.
   */
  async deliver(m: ClaimedMessage, mailboxes?: Map<string, Mailbox>): Promise<DeliveryOutcome> {
    const attempt = await this.attempt(m, mailboxes);
    const outcome = this.record(m, attempt);
    this.sentRecords.flush();
    return outcome;
  }

  /**
   * Sends one claimed message. The address: the one the row holds (someone without an account,
   * or a row enqueued before mail was addressed to accounts), else the account's current one. An
   * account disabled (or gone) since the message was enqueued gets nothing: the message fails at
   * once with RECIPIENT_INACTIVE (an admin who re-enables the account may resend it).
   */
  private async attempt(m: ClaimedMessage, mailboxes?: Map<string, Mailbox>): Promise<Attempt> {
    let recipient: string | null = null;
    try {
      const body = openBody(this.crypto, m);
      recipient = body.recipient;
      if (recipient === null && m.recipient_user_id !== null && body.data !== null) {
        const box = (mailboxes ?? (await this.directory.mailboxes(this.db.manager, [m.recipient_user_id]))).get(m.recipient_user_id);
        if (!box) return { failure: { message: RECIPIENT_INACTIVE, permanent: true } };
        recipient = box.email;
      }
      if (recipient === null || body.data === null) throw new NotificationTemplateError('the message has no address or data (purged)');
      const rendered = renderTemplate(m.template, m.language, body.data, { unseal: secretLinkOpener(this.crypto, m.template) });
      const messageId = `<${m.id}@lcs>`;
      const composed = composeMail({
        from: this.config.get('mail').MAIL_FROM,
        to: recipient,
        subject: rendered.subject,
        text: rendered.text,
        html: rendered.html,
        // The outbox id: a duplicate (the at-least-once edge) carries the same Message-ID.
        messageId,
        headers: { 'Auto-Submitted': 'auto-generated', 'Content-Language': m.language },
        date: this.clock.now(),
      });
      await this.untilCutoff(this.transport.sendMail({ envelope: composed.envelope, raw: composed.raw }));
      return { messageId };
    } catch (e) {
      if (e === CUT_OFF || this.cutOff) return 'cut-off';
      return { failure: describeSendError(e, recipient) };
    }
  }

  /** Writes what an attempt came to (sent rows in a batch with others: SentRecords). */
  private record(m: ClaimedMessage, attempt: Attempt): Promise<DeliveryOutcome> {
    if (attempt === 'cut-off') return this.release(m);
    if ('failure' in attempt) return this.recordFailure(m, attempt.failure);
    return this.sentRecords.add({ id: m.id, lease: m.lease, messageId: attempt.messageId });
  }

  /** The send, or a rejection with CUT_OFF when the stopping process can wait no longer (the SMTP connections are closed then). */
  private untilCutoff<T>(send: Promise<T>): Promise<T> {
    if (this.cutOff) return Promise.reject(CUT_OFF);
    return new Promise<T>((resolve, reject) => {
      this.abandon.add(reject);
      send.then(resolve, reject).finally(() => this.abandon.delete(reject));
    });
  }

  /** Hands a claimed row back, due now, its attempt not counted: the send was cut off by the shutdown, not refused. */
  private async release(m: ClaimedMessage): Promise<DeliveryOutcome> {
    try {
      const { affected } = await this.run(`UPDATE notification_outbox SET next_attempt_at = $3 WHERE id = $1 AND state = 'pending' AND next_attempt_at = $2`, [
        m.id,
        m.lease,
        this.clock.now(),
      ]);
      if (affected === 0) return 'leaseLost';
      this.logger.warn({ msg: 'notification send cut off by shutdown; handed back for the next relay', id: m.id });
      return 'released';
    } catch (e) {
      this.logger.error({ msg: 'notification send cut off by shutdown and not handed back; it waits for its lease', id: m.id, err: (e as Error).message });
      return 'unrecorded';
    }
  }

  /** One UPDATE for a batch of sent messages, each fenced by its own lease; answers the ids it marked. */
  private async writeSent(records: SentRecord[]): Promise<Set<string>> {
    const { rows } = await this.run<{ id: string }>(
      `UPDATE notification_outbox o SET state = 'sent', sent_at = $4, attempts = o.attempts + 1, message_id = s.message_id
         FROM unnest($1::uuid[], $2::timestamptz[], $3::text[]) AS s(id, lease, message_id)
        WHERE o.id = s.id AND o.state = 'pending' AND o.next_attempt_at = s.lease
        RETURNING o.id`,
      [records.map((r) => r.id), records.map((r) => r.lease.toISOString()), records.map((r) => r.messageId), this.clock.now()],
    );
    const written = new Set(rows.map((r) => r.id));
    for (const r of records) {
      if (!written.has(r.id)) this.logger.warn({ msg: 'notification sent after its lease ran out; another relay may send it again', id: r.id });
    }
    return written;
  }

  /** Hands back claimed rows that were never sent (one UPDATE, each fenced by its lease): due now, no attempt counted. */
  private async releaseAll(rows: ClaimedMessage[]): Promise<Pick<RelayResult, 'released' | 'leaseLost' | 'unrecorded'>> {
    try {
      const { rows: back } = await this.run<{ id: string }>(
        `UPDATE notification_outbox o SET next_attempt_at = $3
           FROM unnest($1::uuid[], $2::timestamptz[]) AS r(id, lease)
          WHERE o.id = r.id AND o.state = 'pending' AND o.next_attempt_at = r.lease
          RETURNING o.id`,
        [rows.map((m) => m.id), rows.map((m) => m.lease.toISOString()), this.clock.now()],
      );
      return { released: back.length, leaseLost: rows.length - back.length, unrecorded: 0 };
    } catch (e) {
      this.logger.error({ msg: 'claimed notifications not handed back; they wait for their lease', count: rows.length, err: (e as Error).message });
      return { released: 0, leaseLost: 0, unrecorded: rows.length };
    }
  }

  private async recordFailure(m: ClaimedMessage, failure: SendFailure): Promise<DeliveryOutcome> {
    const { MAIL_MAX_ATTEMPTS, MAIL_BACKOFF_BASE_MS } = this.config.get('mail');
    const attempts = m.attempts + 1;
    const giveUp = failure.permanent || attempts >= MAIL_MAX_ATTEMPTS;
    const now = this.clock.now();
    try {
      const { affected } = giveUp
        ? await this.run(
            `UPDATE notification_outbox SET state = 'failed', failed_at = $3, attempts = $4, last_error = $5
              WHERE id = $1 AND state = 'pending' AND next_attempt_at = $2`,
            [m.id, m.lease, now, attempts, failure.message],
          )
        : await this.run(
            `UPDATE notification_outbox SET next_attempt_at = $3, attempts = $4, last_error = $5
              WHERE id = $1 AND state = 'pending' AND next_attempt_at = $2`,
            [m.id, m.lease, new Date(now.getTime() + backoffDelayMs(attempts, MAIL_BACKOFF_BASE_MS)), attempts, failure.message],
          );
      if (affected === 0) return 'leaseLost';
      // The reason only (SMTP code and stage): an SMTP reply may quote the address, which is personal data.
      const log = { id: m.id, template: m.template, attempts, reason: failure.message.split(':')[0] };
      if (giveUp) this.logger.warn({ msg: 'notification failed; an admin can resend it', permanent: failure.permanent, ...log });
      else this.logger.log({ msg: 'notification send failed; will retry', ...log });
      return giveUp ? 'failed' : 'retrying';
    } catch (e) {
      this.logger.error({ msg: 'notification failure not recorded; it will be retried after its lease', id: m.id, err: (e as Error).message });
      return 'unrecorded';
    }
  }

  /** A statement with its rows and affected-row count (TypeORM's plain query() shapes UPDATE results differently). */
  private async run<T = unknown>(sql: string, params: unknown[]): Promise<{ rows: T[]; affected: number }> {
    const qr = this.db.createQueryRunner();
    try {
      const result = await qr.query(sql, params, true);
      return { rows: (result.records ?? []) as T[], affected: result.affected ?? 0 };
    } finally {
      await qr.release();
    }
  }
}
