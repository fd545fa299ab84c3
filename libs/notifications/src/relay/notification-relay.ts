import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock, ConfigService, FieldEncryption } from '@app/common';
import type { Language } from '../languages';
import { StoredBody, openBody } from '../outbox-sealing';
import { Mailbox, RecipientDirectory } from '../recipients';
import { RELAY_BATCH_SIZE, RELAY_TICK_BUDGET_MS } from '../notifications.constants';
import { NotificationTemplateError, renderTemplate } from '../templates/render';
import { secretLinkOpener } from '../templates/secret-links';
import { backoffDelayMs } from './backoff';
import { MAIL_TRANSPORT, MailTransport } from './mail-transport';
import { SendFailure, describeSendError } from './send-error';

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
  /** Cut off by the process shutting down before the server took it: handed back at once, no attempt counted. */
  released: number;
}

/** What last_error says of a message whose account was disabled (or is gone) before it could be sent. */
export const RECIPIENT_INACTIVE = 'recipient-inactive: the account is disabled or gone; nothing was sent';

/** Out of SHUTDOWN_TIMEOUT_MS, what the relay keeps for recording its outcomes after cutting off unfinished sends. */
const SHUTDOWN_RECORD_RESERVE_MS = 2_000;
const CUT_OFF = new Error('send cut off: the process is shutting down');

/**
 * Sends what the outbox holds. Each round claims up to RELAY_BATCH_SIZE due rows in one short
 * statement (`FOR UPDATE SKIP LOCKED`, then next_attempt_at moves to now + MAIL_RELAY_LEASE_SECONDS: the
 * lease), sends them with no database lock held, then records each outcome with an UPDATE that
 * only applies while this relay's lease is still on the row. A relay that dies mid-round leaves
 * its rows leased; when the lease runs out any relay claims them again.
 *
 * Delivery is at least once: if the process dies after the SMTP server accepted a message and
 * before its row is marked sent, the message goes out again after the lease, with the same
 * Message-ID (`<outbox id@lcs>`) so receivers can recognise the duplicate.
 *
 * Shutdown: once the process stops, no new round starts; the round in hand finishes. Sends still
 * open shortly before SHUTDOWN_TIMEOUT_MS are cut off (the SMTP connections closed) and their rows
 * handed back (due at once, no attempt counted), so the outcome of every claimed row is written
 * before the process has to go: no row waits out its lease, and none is sent twice because its
 * "sent" went unrecorded.
 */
@Injectable()
export class NotificationRelay implements OnModuleDestroy {
  private readonly logger = new Logger('NotificationRelay');
  private stopping = false;
  /** How to abandon each send in flight (the shutdown's cut-off calls them all). */
  private readonly abandon = new Set<(reason: Error) => void>();
  private cutoffTimer?: NodeJS.Timeout;
  private cutOff = false;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(MAIL_TRANSPORT) private readonly transport: MailTransport,
    private readonly config: ConfigService,
    private readonly clock: Clock,
    private readonly crypto: FieldEncryption,
    private readonly directory: RecipientDirectory,
  ) {}

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

  /** Rounds of claim-and-send until nothing is due (or RELAY_TICK_BUDGET_MS is spent; the next tick goes on; or the process stops). */
  async relayDue(): Promise<RelayResult> {
    const started = Date.now();
    const total: RelayResult = { claimed: 0, sent: 0, retrying: 0, failed: 0, leaseLost: 0, unrecorded: 0, released: 0 };
    for (;;) {
      // A stopping process takes no new round: what it claimed is finished below, nothing more.
      if (this.stopping) break;
      const batch = await this.claimDue(RELAY_BATCH_SIZE);
      total.claimed += batch.length;
      // The accounts' addresses, in one read for the round (a failed read: each message reads its own, and retries).
      const mailboxes = await this.mailboxesOf(batch).catch(() => undefined);
      const outcomes = await Promise.all(batch.map((m) => this.deliver(m, mailboxes)));
      for (const outcome of outcomes) total[outcome] += 1;
      // Another round only while everything goes out: a failing server waits for the next tick
      // (and a retry whose jittered delay came out near zero is not hammered within this one).
      if (batch.length < RELAY_BATCH_SIZE || outcomes.some((o) => o !== 'sent') || Date.now() - started > RELAY_TICK_BUDGET_MS || this.stopping) break;
    }
    if (total.claimed) this.logger.log({ msg: 'notifications relayed', ...total });
    return total;
  }

  /**
   * Claims up to `limit` due pending rows for this relay: one statement, so the row locks last
   * only as long as it does. Public for tests, which simulate a relay that dies after claiming.
   */
  async claimDue(limit: number = RELAY_BATCH_SIZE): Promise<ClaimedMessage[]> {
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
   * Sends one claimed message and records the outcome, fenced by its lease. Called by
   * `relayDue` with the round's mailboxes; public for tests (a relay that outlived its lease).
   *
   * The address: the one the row holds (someone without an account, or a row enqueued before
   * mail was addressed to accounts), else the account's current one. An account disabled (or gone)
   * since the message was enqueued gets nothing: the message fails at once with
   * RECIPIENT_INACTIVE (an admin who re-enables the account may resend it).
   */
  async deliver(m: ClaimedMessage, mailboxes?: Map<string, Mailbox>): Promise<DeliveryOutcome> {
    let messageId: string;
    let recipient: string | null = null;
    try {
      const body = openBody(this.crypto, m);
      recipient = body.recipient;
      if (recipient === null && m.recipient_user_id !== null && body.data !== null) {
        const box = (mailboxes ?? (await this.directory.mailboxes(this.db.manager, [m.recipient_user_id]))).get(m.recipient_user_id);
        if (!box) return this.recordFailure(m, { message: RECIPIENT_INACTIVE, permanent: true });
        recipient = box.email;
      }
      if (recipient === null || body.data === null) throw new NotificationTemplateError('the message has no address or data (purged)');
      const rendered = renderTemplate(m.template, m.language, body.data, { unseal: secretLinkOpener(this.crypto, m.template) });
      const info = await this.untilCutoff(
        this.transport.sendMail({
          from: this.config.get('mail').MAIL_FROM,
          to: recipient,
          subject: rendered.subject,
          text: rendered.text,
          html: rendered.html,
          // The outbox id: a duplicate (the at-least-once edge) carries the same Message-ID.
          messageId: `<${m.id}@lcs>`,
          headers: { 'Auto-Submitted': 'auto-generated', 'Content-Language': m.language },
          disableFileAccess: true,
          disableUrlAccess: true,
        }),
      );
      messageId = info.messageId || `<${m.id}@lcs>`;
    } catch (e) {
      if (e === CUT_OFF || this.cutOff) return this.release(m);
      return this.recordFailure(m, describeSendError(e, recipient));
    }
    return this.recordSent(m, messageId);
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

  private async recordSent(m: ClaimedMessage, messageId: string): Promise<DeliveryOutcome> {
    try {
      const { affected } = await this.run(
        `UPDATE notification_outbox SET state = 'sent', sent_at = $3, attempts = attempts + 1, message_id = $4
          WHERE id = $1 AND state = 'pending' AND next_attempt_at = $2`,
        [m.id, m.lease, this.clock.now(), messageId],
      );
      if (affected === 0) {
        this.logger.warn({ msg: 'notification sent after its lease ran out; another relay may send it again', id: m.id });
        return 'leaseLost';
      }
      return 'sent';
    } catch (e) {
      this.logger.error({ msg: 'notification sent but not recorded; it will be sent again after its lease', id: m.id, err: (e as Error).message });
      return 'unrecorded';
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
