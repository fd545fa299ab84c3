import { Injectable } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { CHAIN_BREAK_REASONS, ChainBreak, ChainBreakReason, ChainHead } from '../audit-verifier';

/** What the background verification last found about one chain (audit_verified_point). */
export class ChainVerificationStatus {
  @ApiProperty({ example: 'main' })
  chain: string;

  @ApiProperty({
    example: true,
    description: 'False once the verification met an entry that does not hold (`firstBroken`); true otherwise, also before the first run.',
  })
  valid: boolean;

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    example: 18342,
    description: "How many entries the current pass has verified, from the chain's first entry to `verifiedUpTo`.",
  })
  entries: number;

  @ApiPropertyOptional({
    type: ChainHead,
    description: 'The last entry verified: everything up to it links and hashes as it should. Absent before the first entry is verified.',
  })
  verifiedUpTo?: ChainHead;

  @ApiPropertyOptional({ type: ChainHead, description: "The chain's recorded head now (its newest entry). Absent for a chain that has none." })
  head?: ChainHead;

  @ApiProperty({ example: true, description: 'True when the verification has reached the recorded head (`verifiedUpTo` is `head`).' })
  upToDate: boolean;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    example: '2026-12-05T06:00:00.000Z',
    description: 'When a run last checked the chain; null when none has yet.',
  })
  checkedAt: string | null;

  @ApiProperty({
    format: 'date-time',
    example: '2026-12-01T00:00:00.000Z',
    description: "When the current pass began at the chain's first entry (a restart or the periodic full pass begins a new one).",
  })
  passStartedAt: string;

  @ApiPropertyOptional({ type: ChainBreak, description: 'Only when broken: the first entry that does not hold, and why.' })
  firstBroken?: ChainBreak;

  @ApiPropertyOptional({ format: 'date-time', description: 'Only when broken: when the break was found.' })
  brokenAt?: string;
}

interface StatusRow {
  chain: string;
  seq: string | null;
  hash: string | null;
  entries: string;
  pass_started_at: Date;
  checked_at: Date | null;
  valid: boolean;
  broken_seq: string | null;
  broken_reason: string | null;
  broken_expected: string | null;
  broken_found: string | null;
  broken_at: Date | null;
  head_seq: string | null;
  head_hash: string | null;
}

/** Reads what the background verification (AuditVerificationJob) last found, per chain: one small table, no walk of the log. */
@Injectable()
export class AuditVerificationStatus {
  constructor(private readonly dataSource: DataSource) {}

  async latest(): Promise<ChainVerificationStatus[]> {
    const rows = (await this.dataSource.query(
      `SELECT p.chain, p.seq::text AS seq, encode(p.hash, 'hex') AS hash, p.entries::text AS entries, p.pass_started_at, p.checked_at, p.valid,
              p.broken_seq::text AS broken_seq, p.broken_reason, p.broken_expected, p.broken_found, p.broken_at,
              h.seq::text AS head_seq, encode(h.hash, 'hex') AS head_hash
         FROM audit_verified_point p LEFT JOIN audit_chain_head h ON h.chain = p.chain
        ORDER BY p.chain`,
    )) as StatusRow[];
    return rows.map(toStatus);
  }
}

function toStatus(r: StatusRow): ChainVerificationStatus {
  const verifiedUpTo = r.seq !== null && r.hash !== null ? { seq: r.seq, hash: r.hash } : undefined;
  const head = r.head_seq !== null && r.head_hash !== null ? { seq: r.head_seq, hash: r.head_hash } : undefined;
  const broken =
    !r.valid && r.broken_seq !== null && CHAIN_BREAK_REASONS.includes(r.broken_reason as ChainBreakReason)
      ? { seq: r.broken_seq, reason: r.broken_reason as ChainBreakReason, expected: r.broken_expected ?? '', found: r.broken_found ?? '' }
      : undefined;
  return {
    chain: r.chain,
    valid: r.valid,
    entries: Number(r.entries),
    ...(verifiedUpTo ? { verifiedUpTo } : {}),
    ...(head ? { head } : {}),
    upToDate: head ? verifiedUpTo?.seq === head.seq && verifiedUpTo.hash === head.hash : !verifiedUpTo,
    checkedAt: r.checked_at ? new Date(r.checked_at).toISOString() : null,
    passStartedAt: new Date(r.pass_started_at).toISOString(),
    ...(broken ? { firstBroken: broken } : {}),
    ...(broken && r.broken_at ? { brokenAt: new Date(r.broken_at).toISOString() } : {}),
  };
}
