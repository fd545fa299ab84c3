import { Injectable } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DataSource, EntityManager } from 'typeorm';

/** How audit_log's partitions stand: how far ahead the months have theirs, and what fell into the default one. */
export class AuditPartitionsStatus {
  @ApiProperty({
    example: true,
    description:
      'True when the default partition is empty and the current and the next UTC month have partitions of their own; false is an alert ' +
      '(the worker creates the partitions three months ahead every day and logs an error meanwhile: docs/audit.md).',
  })
  healthy: boolean;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    example: '2027-04-01T00:00:00.000Z',
    description: 'Where the newest monthly partition ends (excluded): entries dated from then on fall into the default partition. Null when there is none.',
  })
  partitionedUntil: string | null;

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    example: 0,
    description: 'Entries in the default partition: dated in a month without a partition of its own. Zero normally.',
  })
  defaultEntries: number;

  @ApiPropertyOptional({ format: 'date-time', description: 'Only when the default partition holds entries: the time of its oldest.' })
  defaultOldest?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Only when the default partition holds entries: the time of its newest.' })
  defaultNewest?: string;
}

// The newest monthly partition by its name (audit_log_y2026m12: the migration and
// audit_log_add_partition name them so), the default partition's contents, and the start of the
// month after next, all on the database's clock.
const STATUS = `
  SELECT (SELECT (to_date(substr(max(c.relname), 11), '"y"YYYY"m"MM') + interval '1 month') AT TIME ZONE 'UTC'
            FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
           WHERE i.inhparent = 'audit_log'::regclass AND c.relname ~ '^audit_log_y[0-9]{4}m[0-9]{2}$') AS partitioned_until,
         d.entries, d.oldest, d.newest,
         (date_trunc('month', now() AT TIME ZONE 'UTC') + interval '2 months') AT TIME ZONE 'UTC' AS wanted_until
    FROM (SELECT count(*)::int AS entries, min(occurred_at) AS oldest, max(occurred_at) AS newest FROM audit_log_default) d`;

interface StatusRow {
  partitioned_until: Date | null;
  entries: number;
  oldest: Date | null;
  newest: Date | null;
  wanted_until: Date;
}

/** Reads how audit_log's partitions stand now (the catalog and the default partition, which is empty normally). */
export async function readPartitionsStatus(source: DataSource | EntityManager): Promise<AuditPartitionsStatus> {
  const [r] = (await source.query(STATUS)) as StatusRow[];
  const until = r.partitioned_until ? new Date(r.partitioned_until) : null;
  return {
    healthy: r.entries === 0 && until !== null && until.getTime() >= new Date(r.wanted_until).getTime(),
    partitionedUntil: until ? until.toISOString() : null,
    defaultEntries: r.entries,
    ...(r.oldest ? { defaultOldest: new Date(r.oldest).toISOString() } : {}),
    ...(r.newest ? { defaultNewest: new Date(r.newest).toISOString() } : {}),
  };
}

/** For the API: how audit_log's partitions stand (GET /audit/chains). */
@Injectable()
export class AuditPartitionStatus {
  constructor(private readonly dataSource: DataSource) {}

  latest(): Promise<AuditPartitionsStatus> {
    return readPartitionsStatus(this.dataSource);
  }
}
