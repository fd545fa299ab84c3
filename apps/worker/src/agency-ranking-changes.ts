import { Injectable, Module } from '@nestjs/common';
import { ComplaintsModule } from '@app/complaints';
import { AgencyRankingCache } from '@app/complaints/reports';
import { PeriodicWork } from '@app/common';

/**
 * Keeps `agency_ranking_change` small (migration AgencyRankingChanges): every minute, rows of
 * transactions that are over are marked settled, and rows settled more than 15 minutes ago (no
 * kept per-agency ranking can still need them) are deleted. Safe to run from several workers at
 * once: each statement only marks or deletes what is already due.
 */
@Injectable()
export class AgencyRankingChangesPrune extends PeriodicWork<number> {
  readonly name = 'agency ranking changes pruned';
  readonly everyMs = 60_000;

  constructor(private readonly rankings: AgencyRankingCache) {
    super();
  }

  protected work(): Promise<number> {
    return this.rankings.prune();
  }

  protected override describe(deleted: number): string | undefined {
    return deleted ? `${deleted} deleted` : undefined;
  }
}

@Module({ imports: [ComplaintsModule], providers: [AgencyRankingChangesPrune] })
export class AgencyRankingChangesModule {}
