import { Injectable } from '@nestjs/common';
import { KeyObject } from 'node:crypto';
import { resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { Clock, ConfigService, PeriodicWork } from '@app/common';
import { signCheckpoint } from './checkpoint';
import { loadCheckpointSigningKey } from './checkpoint-keys';
import { appendCheckpointLines } from './checkpoint-store';

/**
 * The worker's half of the checkpoints: every AUDIT_CHECKPOINT_INTERVAL_SECONDS (and once at
 * start), signs the head of every chain that moved since its last checkpoint and appends it to
 * AUDIT_CHECKPOINT_DIR. Off unless both AUDIT_CHECKPOINT_DIR and AUDIT_CHECKPOINT_SIGNING_KEY are
 * set; a key that cannot be used stops the start-up, naming the setting. Runs never overlap
 * (PeriodicWork); shutdown waits for the run in progress.
 */
@Injectable()
export class AuditCheckpointWriter extends PeriodicWork<number> {
  readonly name = 'audit checkpoints';
  readonly everyMs: number;
  protected override readonly runAtStart = true;
  private readonly key: KeyObject | null;
  private readonly dir: string | null;
  /** The hash last written per chain by this process. */
  private readonly written = new Map<string, string>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    config: ConfigService,
  ) {
    super();
    const audit = config.get('audit');
    this.dir = audit.AUDIT_CHECKPOINT_DIR ? resolve(audit.AUDIT_CHECKPOINT_DIR) : null;
    this.key = audit.AUDIT_CHECKPOINT_SIGNING_KEY ? loadCheckpointSigningKey(audit.AUDIT_CHECKPOINT_SIGNING_KEY) : null;
    this.everyMs = audit.AUDIT_CHECKPOINT_INTERVAL_SECONDS * 1000;
  }

  override get enabled(): boolean {
    return this.dir !== null && this.key !== null;
  }

  /** Writes the checkpoints due now; resolves to how many were written. A run already going is joined, not doubled. */
  writeNow(): Promise<number> {
    return this.enabled ? this.runNow() : Promise.resolve(0);
  }

  protected work(): Promise<number> {
    return this.write();
  }

  protected override describe(n: number): string | undefined {
    return n ? `${n} signed` : undefined;
  }

  private async write(): Promise<number> {
    const heads = (await this.dataSource.query(`SELECT chain, seq::text AS seq, encode(hash, 'hex') AS hash FROM audit_chain_head ORDER BY chain`)) as {
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
