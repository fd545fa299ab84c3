import type { DataSource } from 'typeorm';
import { readRankCursor, rankCursor } from './agency-ranking';
import { AgencyRankingCache, KEPT_PERIODS, KEPT_RANKS, type RankedAgency } from './agency-ranking-cache';

const id = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
const row = (i: number, ratePer100: number | null, complaints: number): RankedAgency => ({
  agencyId: id(i),
  legalName: `A${i}`,
  complaints,
  deployments: 1,
  ratePer100,
});
/** The cursor a page ending at `r` hands out. */
const after = (r: RankedAgency) => readRankCursor(rankCursor({ rate: r.ratePer100, complaints: r.complaints, agency_id: r.agencyId }));

describe('AgencyRankingCache', () => {
  const cache = () => new AgencyRankingCache({} as DataSource);
  const rows = [row(1, 66.67, 2), row(2, 50, 2), row(3, 0, 0), row(4, null, 2)];

  it('places a page after a cursor of the kept ranking; refuses a cursor whose agency is not kept or stands there with another key', () => {
    const kept = cache().keep('k', { snapshot: '1:1:', keptAt: new Date(0), rows, total: 4 });
    expect(AgencyRankingCache.startAfter(kept, null, 2)).toBe(0);
    expect(AgencyRankingCache.startAfter(kept, after(rows[0]), 2)).toBe(1);
    expect(AgencyRankingCache.startAfter(kept, after(rows[2]), 2)).toBe(3);
    // No rate (null) is the cursor's -100.
    expect(AgencyRankingCache.startAfter(kept, after(rows[3]), 2)).toBe(4);
    expect(AgencyRankingCache.startAfter(kept, after(row(9, 50, 2)), 2)).toBeUndefined();
    expect(AgencyRankingCache.startAfter(kept, after(row(2, 50, 3)), 2)).toBeUndefined();
    expect(AgencyRankingCache.startAfter(kept, after(row(2, 49.99, 2)), 2)).toBeUndefined();
    expect(AgencyRankingCache.startAfter(kept, after(row(4, 0, 2)), 2)).toBeUndefined();
    expect(AgencyRankingCache.startAfter(kept, after(row(3, null, 0)), 2)).toBeUndefined();
  });

  it('keeps the head of a longer ranking: a page reaching past it is not placed (Postgres answers it)', () => {
    const long = Array.from({ length: KEPT_RANKS + 10 }, (_, i) => row(i, 100 - i / 1000, 1));
    const kept = cache().keep('k', { snapshot: '1:1:', keptAt: new Date(0), rows: long, total: 17_000 });
    expect(kept.rows).toHaveLength(KEPT_RANKS);
    expect(AgencyRankingCache.startAfter(kept, null, 50)).toBe(0);
    expect(AgencyRankingCache.startAfter(kept, after(long[KEPT_RANKS - 51]), 50)).toBe(KEPT_RANKS - 50);
    expect(AgencyRankingCache.startAfter(kept, after(long[KEPT_RANKS - 50]), 50)).toBeUndefined();
    expect(AgencyRankingCache.startAfter(kept, after(long[KEPT_RANKS + 1]), 50)).toBeUndefined();
    // A ranking kept whole answers up to its end.
    const whole = cache().keep('k', { snapshot: '1:1:', keptAt: new Date(0), rows: long.slice(0, 20), total: 20 });
    expect(AgencyRankingCache.startAfter(whole, after(long[14]), 50)).toBe(15);
  });

  it(`keeps ${KEPT_PERIODS} periods, dropping the least recently asked; forgets a ranking only if it is still the kept one`, () => {
    const c = cache();
    for (let i = 0; i < KEPT_PERIODS; i++) c.keep(`p${i}`, { snapshot: '1:1:', keptAt: new Date(0), rows, total: 4 });
    expect(c.get('p0')).toBeDefined();
    c.keep('new', { snapshot: '1:1:', keptAt: new Date(0), rows, total: 4 });
    expect(c.get('p1')).toBeUndefined();
    expect(c.get('p0')).toBeDefined();
    const old = c.get('new')!;
    const fresh = c.keep('new', { snapshot: '2:2:', keptAt: new Date(0), rows, total: 4 });
    c.forget('new', old);
    expect(c.get('new')).toBe(fresh);
    c.forget('new', fresh);
    expect(c.get('new')).toBeUndefined();
  });
});
