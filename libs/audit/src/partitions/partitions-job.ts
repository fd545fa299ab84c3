import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PeriodicWork } from '@app/common';
import { AuditPartitionsStatus, readPartitionsStatus } from './partition-status';

/** The months after the current one whose partitions the worker keeps made. */
export const AUDIT_PARTITION_MONTHS_AHEAD = 3;
const DAY_MS = 86_400_000;

export type PartitionState = 'created' | 'present' | 'blocked';

export interface PartitionsRun {
  /** Each month from the current one to AUDIT_PARTITION_MONTHS_AHEAD after it: its partition and what became of it. */
  months: { partition: string; state: PartitionState }[];
  status: AuditPartitionsStatus;
}

/**
 * Makes the partitions of the current UTC month and the `months` after it that do not exist yet
 * (audit_log_ensure_partitions: the runtime role may not create tables, the function runs as the
 * tables' owner). A month is `blocked` when the default partition holds entries of it.
 */
export async function ensurePartitions(dataSource: DataSource, months: number): Promise<PartitionsRun['months']> {
  const rows = (await dataSource.query(`SELECT partition_name, state FROM audit_log_ensure_partitions($1)`, [months])) as {
    partition_name: string;
    state: PartitionState;
  }[];
  return rows.map((r) => ({ partition: r.partition_name, state: r.state }));
}

/**
 * The worker's upkeep of audit_log's monthly partitions: at start and daily, the partitions of the
 * current month and the three after it are made if missing, so that an entry always has its
 * month's partition. When the default partition holds entries (dated in a month without a
 * partition: a clock far off, or months the job could not make), it logs an error each run until
 * they are moved (docs/audit.md, audit_log_move_from_default); GET /audit/chains shows it too.
 */
@Injectable()
export class AuditPartitionsJob extends PeriodicWork<PartitionsRun> {
  readonly name = 'audit partitions';
  readonly everyMs = DAY_MS;
  protected override readonly runAtStart = true;

  constructor(private readonly dataSource: DataSource) {
    super();
  }

  protected async work(): Promise<PartitionsRun> {
    const months = await ensurePartitions(this.dataSource, AUDIT_PARTITION_MONTHS_AHEAD);
    return { months, status: await readPartitionsStatus(this.dataSource) };
  }

  protected override describe(run: PartitionsRun): string | undefined {
    const { status } = run;
    const blocked = run.months.filter((m) => m.state === 'blocked').map((m) => m.partition);
    if (status.defaultEntries > 0) {
      this.logger.error(
        `${this.name}: ALERT: the default partition holds ${status.defaultEntries} audit entries dated ${status.defaultOldest} to ${status.defaultNewest}, ` +
          `in months without a partition of their own${blocked.length ? ` (${blocked.join(', ')} cannot be created until they are moved)` : ''}: ` +
          'move them with audit_log_move_from_default (docs/audit.md)',
      );
    }
    const created = run.months.filter((m) => m.state === 'created').map((m) => m.partition);
    return created.length ? `created ${created.join(', ')}` : undefined;
  }
}
