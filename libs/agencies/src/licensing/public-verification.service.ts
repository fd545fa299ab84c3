import { Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ConfigService } from '@app/common';
import { BRANCH_STATES } from './entities/agency-branch.entity';
import { LICENSE_STATES, LICENSE_TYPES } from './entities/license.entity';
import { EMPTY_SCORECARD, Scorecard, ScorecardSource } from './extension-points';
import { PublicAnswerCache } from './public-answer-cache';
import { PUBLIC_BY_NUMBER_SQL, PUBLIC_BY_STATE_COUNT_SQL, PUBLIC_BY_STATE_SQL, PUBLIC_SEARCH_SQL } from './public-verification.sql';

/** An agency's license, as the public sees it. */
export class PublicLicenseView {
  @ApiProperty({ example: 'PH-LRA-2026-00042-7' })
  number: string;

  @ApiProperty({ enum: LICENSE_TYPES, enumName: 'LicenseType', example: 'regular' })
  type: string;

  @ApiProperty({
    enum: LICENSE_STATES,
    enumName: 'LicenseState',
    example: 'active',
    description: 'Only `active` allows the agency to recruit; `revoked`, `surrendered` and `expired` are final.',
  })
  state: string;

  @ApiProperty({ format: 'date', example: '2026-03-02', description: 'First day of validity.' })
  issuedOn: string;

  @ApiProperty({
    format: 'date',
    example: '2030-03-01',
    description: "Last day of validity (the license expires at the end of that day in the licensing jurisdiction's time zone).",
  })
  expiresOn: string;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    example: null,
    description: 'While suspended: when the suspension is to end. Null otherwise.',
  })
  suspendedUntil: string | null;
}

/** A branch office, as the public sees it: its address and status only. */
export class PublicBranchView {
  @ApiProperty({ example: '3 Session Road, Baguio City' })
  address: string;

  @ApiProperty({ enum: BRANCH_STATES, enumName: 'BranchState', example: 'active' })
  status: string;
}

/** When a license was revoked, and the ground the ministry gave: a public notice. */
export class PublicRevocationView {
  @ApiProperty({ type: String, format: 'date-time', example: '2026-05-02T03:00:00.000Z', description: 'When the license was revoked.' })
  at: string;

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'Retained the passports of three workers (case CMP-2026-000031).',
    description: 'The ground of the revocation, as the deciding officer recorded it.',
  })
  reason: string | null;
}

/** One suspension of the license, without its reasons. */
export class PublicSuspensionView {
  @ApiProperty({ format: 'date-time', example: '2026-02-01T01:00:00.000Z', description: 'When it was suspended.' })
  from: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2026-03-01T00:00:00.000Z', description: 'When the suspension was to end.' })
  until: string | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    example: '2026-02-15T01:00:00.000Z',
    description: 'When it actually ended (lifted at its end, reinstated early, revoked or expired); null while it lasts.',
  })
  endedAt: string | null;
}

/** What anyone may see about a licensed agency: public registry facts and counts, nothing personal. */
export class PublicAgencyView {
  @ApiProperty({ example: 'Kalayaan Overseas Manpower Services Inc.' })
  legalName: string;

  @ApiProperty({
    type: PublicLicenseView,
    nullable: true,
    description: "The license looked up by number; in a search, the agency's live license, else its latest. Null for an agency that never had one.",
  })
  license: PublicLicenseView | null;

  @ApiProperty({ type: [PublicBranchView], description: 'Every branch office, open and closed, oldest first.' })
  branches: PublicBranchView[];

  /** Every suspension of the license: when it started, when it was to end, when it ended (null: still on). */
  @ApiProperty({ type: [PublicSuspensionView], description: 'Every suspension of that license, oldest first (empty when none or no license).' })
  suspensions: PublicSuspensionView[];

  @ApiProperty({ type: PublicRevocationView, nullable: true, description: 'When the license shown is revoked: when, and on what ground; null otherwise.' })
  revocation: PublicRevocationView | null;

  @ApiProperty({ type: Scorecard })
  scorecard: Scorecard;
}

/** A page of a public list of licenses in one state. */
export class PublicLicenseListView {
  @ApiProperty({ type: [PublicAgencyView], description: 'The agencies whose license is in the state asked for, by legal name.' })
  items: PublicAgencyView[];

  @ApiProperty({ type: 'integer', minimum: 1, example: 1 })
  page: number;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 100, example: 25 })
  pageSize: number;

  @ApiProperty({ type: 'integer', minimum: 0, example: 3, description: 'How many licenses are in that state.' })
  total: number;
}

/** The answer of a public search by name. */
export class PublicAgencySearchView {
  @ApiProperty({
    type: [PublicAgencyView],
    description: 'The agencies whose legal name is like the query, best match first; at most 20 (LICENSING_PUBLIC_SEARCH_LIMIT), empty when none.',
  })
  items: PublicAgencyView[];
}

interface Row {
  agency_id: string;
  legal_name: string;
  number: string | null;
  type: string | null;
  state: string | null;
  issued_on: string | null;
  expires_on: string | null;
  suspended_until: string | null;
  branches: { address: string; status: string }[];
  suspensions: { from: string; until: string | null; endedAt: string | null }[];
  revocation: { at: string; reason: string | null } | null;
}

/**
 * Public verification (no sign-in): one indexed statement per answer, built into JSON text once
 * and kept briefly by PublicAnswerCache. The HTTP layer adds Cache-Control and the rate limit.
 */
@Injectable()
export class PublicVerificationService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: ConfigService,
    private readonly scorecards: ScorecardSource,
    private readonly cache: PublicAnswerCache,
  ) {}

  /** The JSON text of the answer for a (normalised, check-digit-valid) number, or null when no license has it. */
  async byNumber(number: string): Promise<string | null> {
    const key = `n:${number}`;
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit;
    const generation = this.cache.generation();
    const rows = await this.query(PUBLIC_BY_NUMBER_SQL, [number]);
    if (!rows.length) return null;
    const [view] = await this.views(rows);
    const body = JSON.stringify(view);
    this.cache.set(key, body, generation);
    return body;
  }

  /** The JSON text of `{ items }`: up to LICENSING_PUBLIC_SEARCH_LIMIT agencies whose name is like `q`, best first. */
  async search(q: string): Promise<string> {
    const needle = q.trim().toLowerCase().replace(/\s+/g, ' ');
    const key = `q:${needle}`;
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit;
    const generation = this.cache.generation();
    const like = `%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const rows = await this.query(PUBLIC_SEARCH_SQL, [needle, like, this.config.get('licensing').LICENSING_PUBLIC_SEARCH_LIMIT]);
    const answer: PublicAgencySearchView = { items: await this.views(rows) };
    const body = JSON.stringify(answer);
    this.cache.set(key, body, generation);
    return body;
  }

  /** The JSON text of a page of the public list of `suspended` or `revoked` licenses, by agency name. */
  async byState(state: 'suspended' | 'revoked', page: number, pageSize: number): Promise<string> {
    const key = `s:${state}:${page}:${pageSize}`;
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit;
    const generation = this.cache.generation();
    const [rows, [{ total }]] = await Promise.all([
      this.query(PUBLIC_BY_STATE_SQL, [state, pageSize, (page - 1) * pageSize]),
      this.query(PUBLIC_BY_STATE_COUNT_SQL, [state]) as unknown as Promise<{ total: number }[]>,
    ]);
    const answer: PublicLicenseListView = { items: await this.views(rows), page, pageSize, total };
    const body = JSON.stringify(answer);
    this.cache.set(key, body, generation);
    return body;
  }

  /**
   * Straight on the driver's pg pool (what TypeORM's query runner wraps): one pooled round trip,
   * no query runner or result mapping per request. Read-only, outside any transaction.
   */
  private async query(text: string, params: unknown[]): Promise<Row[]> {
    const pool = (this.db.driver as unknown as { master: { query(t: string, p: unknown[]): Promise<{ rows: Row[] }> } }).master;
    return (await pool.query(text, params)).rows;
  }

  private async views(rows: Row[]): Promise<PublicAgencyView[]> {
    const scorecards = rows.length ? await this.scorecards.forAgencies(rows.map((r) => r.agency_id)) : new Map<string, Scorecard>();
    return rows.map((r) => ({
      legalName: r.legal_name,
      license: r.number
        ? { number: r.number, type: r.type!, state: r.state!, issuedOn: r.issued_on!, expiresOn: r.expires_on!, suspendedUntil: r.suspended_until }
        : null,
      branches: r.branches,
      suspensions: r.suspensions,
      revocation: r.revocation,
      scorecard: { ...EMPTY_SCORECARD, ...scorecards.get(r.agency_id) },
    }));
  }
}
