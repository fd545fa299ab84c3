import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ConfigService } from '@app/common';
import { EMPTY_SCORECARD, Scorecard, ScorecardSource } from './extension-points';
import { PublicAnswerCache } from './public-answer-cache';
import { PUBLIC_BY_NUMBER_SQL, PUBLIC_SEARCH_SQL } from './public-verification.sql';

/** What anyone may see about a licensed agency: public registry facts and counts, nothing personal. */
export interface PublicAgencyView {
  legalName: string;
  license: {
    number: string;
    type: string;
    state: string;
    issuedOn: string;
    expiresOn: string;
    suspendedUntil: string | null;
  } | null;
  branches: { address: string; status: string }[];
  /** Every suspension of the license: when it started, when it was to end, when it ended (null: still on). */
  suspensions: { from: string; until: string | null; endedAt: string | null }[];
  scorecard: Scorecard;
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
    const rows = await this.query(PUBLIC_BY_NUMBER_SQL, [number]);
    if (!rows.length) return null;
    const [view] = await this.views(rows);
    const body = JSON.stringify(view);
    this.cache.set(key, body);
    return body;
  }

  /** The JSON text of `{ items }`: up to LICENSING_PUBLIC_SEARCH_LIMIT agencies whose name is like `q`, best first. */
  async search(q: string): Promise<string> {
    const needle = q.trim().toLowerCase().replace(/\s+/g, ' ');
    const key = `q:${needle}`;
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit;
    const like = `%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const rows = await this.query(PUBLIC_SEARCH_SQL, [needle, like, this.config.get('licensing').LICENSING_PUBLIC_SEARCH_LIMIT]);
    const body = JSON.stringify({ items: await this.views(rows) });
    this.cache.set(key, body);
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
      scorecard: { ...EMPTY_SCORECARD, ...scorecards.get(r.agency_id) },
    }));
  }
}
