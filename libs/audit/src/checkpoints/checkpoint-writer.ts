import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { KeyObject } from 'node:crypto';
import { resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { Clock, ConfigService } from '@app/common';
import { signCheckpoint } from './checkpoint';
import { loadCheckpointSigningKey } from './checkpoint-keys';
import { appendCheckpointLines } from './checkpoint-store';

/**
 * The worker's half of the checkpoints: every AUDIT_CHECKPOINT_INTERVAL_SECONDS (and once at
 * start), signs the head of every chain that moved since its last checkpoint and appends it to
 * AUDIT_CHECKPOINT_DIR. Off unless both AUDIT_CHECKPOINT_DIR and AUDIT_CHECKPOINT_SIGNING_KEY are
 * set; a key that cannot be used stops the start-up, naming the setting. Runs never overlap.
 */
@Injectable()
export class AuditCheckpointWriter implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('AuditCheckpoints');
  private readonly key: KeyObject | null;
  private readonly dir: string | null;
  private readonly intervalMs: number;
  /** The hash last written per chain by this process. */
  private readonly written = new Map<string, string>();
  private timer?: NodeJS.Timeout;
  private running: Promise<number> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    config: ConfigService,
  ) {
    const audit = config.get('audit');
    this.dir = audit.AUDIT_CHECKPOINT_DIR ? resolve(audit.AUDIT_CHECKPOINT_DIR) : null;
    this.key = audit.AUDIT_CHECKPOINT_SIGNING_KEY ? loadCheckpointSigningKey(audit.AUDIT_CHECKPOINT_SIGNING_KEY) : null;
    this.intervalMs = audit.AUDIT_CHECKPOINT_INTERVAL_SECONDS * 1000;
  }

  get enabled(): boolean {
    return this.dir !== null && this.key !== null;
  }

  onApplicationBootstrap(): void {
    if (!this.enabled) return;
    this.timer = setInterval(() => void this.tick(), this.intervalMs);
    this.timer.unref();
    setImmediate(() => void this.tick());
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }

  /** Writes the checkpoints due now; resolves to how many were written. A run already going is joined, not doubled. */
  writeNow(): Promise<number> {
    if (!this.enabled) return Promise.resolve(0);
    this.running ??= this.write().finally(() => (this.running = null));
    return this.running;
  }

  private async tick(): Promise<void> {
    try {
      const n = await this.writeNow();
      if (n) this.logger.log(`audit checkpoints: ${n} signed`);
    } catch (e) {
      this.logger.error(`audit checkpoints not written: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  private async write(): Promise<number> {
    const heads = (await this.dataSource.query(`SELECT chain, seq::text AS seq, hash FROM audit_chain_head ORDER BY chain`)) as {
      chain: string;
      seq: string;
      hash: string;
    }[];
    const due = heads.filter((h) => this.written.get(h.chain) !== h.hash);
    if (!due.length) return 0;
    const at = this.clock.now();
    const lines = due.map((h) => signCheckpoint({ v: 1, chain: h.chain, seq: h.seq, hash: h.hash, at: at.toISOString() }, this.key!));
    await appendCheckpointLines(this.dir!, lines, at);
    for (const h of due) this.written.set(h.chain, h.hash);
    return due.length;
  }
}
