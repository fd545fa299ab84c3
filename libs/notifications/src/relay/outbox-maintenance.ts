import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock, ConfigService, FieldEncryption } from '@app/common';
import { dedupDigest, sealBody } from '../outbox-sealing';

/** Rows sealed or purged per statement: short transactions, and the relay is never kept waiting long. */
export const OUTBOX_MAINTENANCE_BATCH = 500;

export interface OutboxMaintenanceResult {
  /** Legacy rows whose plaintext address and data were sealed. */
  sealed: number;
  /** Sent messages whose address and data were removed (past NOTIFICATION_BODY_RETENTION_DAYS). */
  purged: number;
}

const DAY_MS = 86_400_000;

/**
 * Keeps personal data in the outbox short-lived and sealed (worker process; the `outbox-maintenance`
 * job, at start-up and hourly):
 *
 * - **seal**: rows written before sealing hold their address, data and dedup key in plain text
 *   (the migration could not seal them: the keys are not in the database). Each is sealed with
 *   the field-encryption keys, its dedup key digested, its plaintext nulled, under
 *   `FOR UPDATE SKIP LOCKED`. A row the
 *   relay has claimed meanwhile is still sent: it reads either form.
 * - **purge**: a sent message's address and data are removed NOTIFICATION_BODY_RETENTION_DAYS
 *   after it was sent (`body_purged_at` says when). What stays is what the metrics and the admin
 *   list need: template, language, state, attempts, times, Message-ID. Failed and pending
 *   messages keep theirs: they still have to be sent.
 *
 * Idempotent, and safe with several workers (rows are locked and skipped, batch by batch). A
 * stopping process finishes the batch in hand and takes no other: the next run goes on.
 */
@Injectable()
export class OutboxMaintenance implements OnModuleDestroy {
  private readonly logger = new Logger('OutboxMaintenance');
  private stopping = false;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly crypto: FieldEncryption,
    private readonly config: ConfigService,
    private readonly clock: Clock,
  ) {}

  onModuleDestroy(): void {
    this.stopping = true;
  }

  async run(): Promise<OutboxMaintenanceResult> {
    const result = { sealed: await this.sealLegacyRows(), purged: await this.purgeSentBodies() };
    if (result.sealed || result.purged) this.logger.log({ msg: 'outbox maintenance', ...result });
    return result;
  }

  /** Seals every row that still holds plaintext; returns how many. */
  async sealLegacyRows(): Promise<number> {
    let total = 0;
    for (;;) {
      const sealed = await this.db.transaction(async (m) => {
        const rows = (await m.query(
          `SELECT id, recipient, data, dedup_key FROM notification_outbox
            WHERE recipient IS NOT NULL OR data IS NOT NULL
            ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
          [OUTBOX_MAINTENANCE_BATCH],
        )) as { id: string; recipient: string | null; data: Record<string, unknown> | null; dedup_key: string }[];
        for (const r of rows) {
          // A legacy row has both; a half-written one keeps what it has sealed and the rest empty.
          const sealed = sealBody(this.crypto, r.id, r.recipient ?? '', r.data ?? {});
          // Its plain dedup key becomes a digest too; if a newer message already holds that digest
          // (the same event enqueued again after the upgrade), this one keeps its own, suffixed.
          const digest = dedupDigest(this.crypto, r.dedup_key);
          await m.query(
            `UPDATE notification_outbox
                SET recipient_enc = COALESCE(recipient_enc, $2), data_enc = COALESCE(data_enc, $3), recipient = NULL, data = NULL,
                    dedup_key = CASE WHEN $4 = dedup_key OR NOT EXISTS (SELECT 1 FROM notification_outbox o WHERE o.dedup_key = $4) THEN $4 ELSE $4 || ':' || id::text END
              WHERE id = $1`,
            [r.id, r.recipient !== null ? sealed.recipientEnc : null, r.data !== null ? sealed.dataEnc : null, digest],
          );
        }
        return rows.length;
      });
      total += sealed;
      if (sealed < OUTBOX_MAINTENANCE_BATCH || this.stopping) return total;
    }
  }

  /** Removes the address and data of messages sent more than NOTIFICATION_BODY_RETENTION_DAYS ago; returns how many. */
  async purgeSentBodies(): Promise<number> {
    const now = this.clock.now();
    const cutoff = new Date(now.getTime() - this.config.get('mail').NOTIFICATION_BODY_RETENTION_DAYS * DAY_MS);
    let total = 0;
    for (;;) {
      const qr = this.db.createQueryRunner();
      let affected: number;
      try {
        const result = await qr.query(
          `WITH due AS (
             SELECT id FROM notification_outbox
              WHERE state = 'sent' AND sent_at <= $1 AND body_purged_at IS NULL
              LIMIT $3 FOR UPDATE SKIP LOCKED
           )
           UPDATE notification_outbox o
              SET recipient_enc = NULL, data_enc = NULL, recipient = NULL, data = NULL, body_purged_at = $2
             FROM due WHERE o.id = due.id`,
          [cutoff, now, OUTBOX_MAINTENANCE_BATCH],
          true,
        );
        affected = result.affected ?? 0;
      } finally {
        await qr.release();
      }
      total += affected;
      if (affected < OUTBOX_MAINTENANCE_BATCH || this.stopping) return total;
    }
  }
}
