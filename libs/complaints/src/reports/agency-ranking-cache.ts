import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AgencyRankKey } from './agency-ranking';

/**
 * The head of a period's per-agency ranking (its first {@link KEPT_RANKS} agencies and its total),
 * read once and served again for as long as nothing it was read from has changed (migration
 * AgencyRankingChanges: the transactions that wrote a complaint, a placement, an agency's name or
 * the home time zone are recorded, and a kept ranking is checked against them in the reader's own
 * snapshot, one index probe). Kept in this process: supervisors reading the same month, or paging
 * through its first pages, cost one ranking in Postgres. A page past the kept head is ranked, cut
 * and limited in Postgres, as every page was before. At most {@link KEPT_PERIODS} periods are
 * kept, the least recently asked dropped first.
 */

/**
 * How many agencies of a ranking are kept: the web's first five pages of 50. Reading more on a
 * miss costs more (at a million cases the head of 51 reads in 48 ms, of 201 in 53 ms, of 1,001 in
 * 58 ms, medians of 15), and a page past the head is still answered, from Postgres.
 */
export const KEPT_RANKS = 250;

/** How many periods' rankings a process keeps. */
export const KEPT_PERIODS = 8;

/** A ranked agency, as the report shows it (the shape of the report's AgencyRateRow). */
export interface RankedAgency {
  agencyId: string;
  legalName: string;
  complaints: number;
  deployments: number;
  ratePer100: number | null;
}

/** The head of a ranking as read, with the snapshot it was read in. */
export interface KeptRanking {
  /** `pg_current_snapshot()` of the statement that read it, as text. */
  snapshot: string;
  /** `clock_timestamp()` at that statement (the database's clock: the 5 minutes are counted there). */
  keptAt: string;
  /** The first KEPT_RANKS agencies, in ranking order. */
  rows: RankedAgency[];
  /** How many agencies the whole ranking holds. */
  total: number;
  /** Each kept agency's position in `rows`. */
  position: Map<string, number>;
}

/** Whether a transaction seen now, and not by a kept ranking's snapshot, changed its inputs (or the ranking is past its 5 minutes). */
export const RANKING_CHANGED_SQL = (snapshot: string, keptAt: string): string =>
  `agency_ranking_changed_since(${snapshot}::pg_snapshot, ${keptAt}::timestamptz)`;

/** The columns a ranking's statement adds to be kept: its snapshot and the database's clock. */
export const RANKING_SNAPSHOT_SQL = `pg_current_snapshot()::text AS snapshot, clock_timestamp() AS kept_at`;

@Injectable()
export class AgencyRankingCache {
  private readonly kept = new Map<string, KeptRanking>();

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The kept ranking of a period's key (not yet checked against changes), most recently asked moved last. */
  get(key: string): KeptRanking | undefined {
    const hit = this.kept.get(key);
    if (hit) {
      this.kept.delete(key);
      this.kept.set(key, hit);
    }
    return hit;
  }

  /** Keeps a ranking read with its snapshot; drops the least recently asked period past KEPT_PERIODS. */
  keep(key: string, read: { snapshot: string; keptAt: Date | string; rows: RankedAgency[]; total: number }): KeptRanking {
    const rows = read.rows.slice(0, KEPT_RANKS);
    const ranking: KeptRanking = {
      snapshot: read.snapshot,
      keptAt: read.keptAt instanceof Date ? read.keptAt.toISOString() : read.keptAt,
      rows,
      total: read.total,
      position: new Map(rows.map((r, i) => [r.agencyId, i])),
    };
    this.kept.delete(key);
    this.kept.set(key, ranking);
    while (this.kept.size > KEPT_PERIODS) this.kept.delete(this.kept.keys().next().value!);
    return ranking;
  }

  /** Forgets a period's ranking (it changed). */
  forget(key: string, ranking: KeptRanking): void {
    if (this.kept.get(key) === ranking) this.kept.delete(key);
  }

  /**
   * Where a page of `limit` after `cursor` starts in a kept ranking: the first row, or the row after
   * the cursor's agency when that agency stands there with the cursor's rate and complaints (the
   * cursor came from this ranking), and the whole page (or the ranking's end) is kept. Undefined
   * otherwise: the caller asks Postgres, which continues after any key.
   */
  static startAfter(ranking: KeptRanking, cursor: AgencyRankKey | null, limit: number): number | undefined {
    let start = 0;
    if (cursor) {
      const at = ranking.position.get(cursor.agencyId);
      if (at === undefined) return undefined;
      const { complaints, ratePer100 } = ranking.rows[at];
      const hundredths = ratePer100 === null ? null : Math.round(ratePer100 * 100);
      if (complaints !== cursor.complaints || (hundredths === null ? cursor.rate >= 0 : hundredths !== cursor.rate)) return undefined;
      start = at + 1;
    }
    return start + limit <= ranking.rows.length || ranking.rows.length === ranking.total ? start : undefined;
  }

  /** Settles and deletes what no kept ranking can still need (the worker, every minute): the rows deleted. */
  async prune(): Promise<number> {
    const [row] = (await this.db.query(`SELECT agency_ranking_change_prune() AS gone`)) as { gone: number }[];
    return Number(row?.gone ?? 0);
  }
}
