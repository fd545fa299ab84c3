import type { EntityManager } from 'typeorm';
import { storedCapOf, storedItemsOf } from './fee-rule-mapping';
import { EXCHANGE_RATE_SEED_SOURCE, SEEDED_EXCHANGE_RATES, SEEDED_FEE_RULES } from './seed-fee-rules';

/**
 * Writes the seeded corridors' rules and the demonstration exchange rates (the demo seed and the
 * tests use it). Rules or rates already there are left alone (a clashing rule is skipped: the
 * exclusion constraint answers DO NOTHING). Returns how many rows were added.
 */
export async function seedFeeReferenceData(m: EntityManager): Promise<number> {
  let written = 0;
  for (const r of SEEDED_FEE_RULES) {
    const rows = (await m.query(
      `INSERT INTO fee_rule (destination_country, occupation_category, origin_country, valid_from, valid_to, placement_fee_cap, allowed_items, prohibited_items, protected, source, created_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, NULL, now()) ON CONFLICT DO NOTHING RETURNING id`,
      [
        r.destinationCountry,
        r.occupationCategory,
        r.originCountry ?? '*',
        r.validFrom,
        r.validTo,
        JSON.stringify(storedCapOf(r.placementFeeCap)),
        JSON.stringify(storedItemsOf(r)),
        JSON.stringify(r.prohibitedItems),
        r.protected,
        r.source,
      ],
    )) as unknown[];
    written += rows.length;
  }
  for (let i = 0; i < SEEDED_EXCHANGE_RATES.length; i += 500) {
    const chunk = SEEDED_EXCHANGE_RATES.slice(i, i + 500);
    const rows = (await m.query(
      `INSERT INTO exchange_rate (base, quote, rate_date, rate, source, recorded_by, recorded_at)
       SELECT b, q, d::date, r::numeric, $5, NULL, now() FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS t(b, q, d, r)
       ON CONFLICT (base, quote, rate_date) DO NOTHING RETURNING id`,
      [chunk.map((x) => x.base), chunk.map((x) => x.quote), chunk.map((x) => x.date), chunk.map((x) => x.rate), EXCHANGE_RATE_SEED_SOURCE],
    )) as unknown[];
    written += rows.length;
  }
  return written;
}
