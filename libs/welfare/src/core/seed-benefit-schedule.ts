/**
 * Reference data seeded for the demo: a benefit schedule for a Philippine OWWA-style welfare fund,
 * in PHP, each entry naming where its figure comes from and how sure that figure is.
 *
 * These are a starting point, not the law. Figures marked 'published-figure' are the amounts OWWA
 * publishes for its programmes; 'approximation' means the real programme is shaped differently
 * from the rule kinds of this core (tiers, schedules of injuries, case rates), and the note says
 * how; 'placeholder' means no published per-claim figure was found and the amount must be set by
 * the ministry. Every figure must be checked against the current OWWA Board resolutions before use.
 * Amounts are bigint minor units (PHP 100,000.00 → 10_000_000n).
 */
import { BenefitScheduleEntry, ClaimType } from './benefit-schedule';
import { Money } from './money';

/**
 * The SPEC's default contribution: USD 25.00 per placement, covering the contract up to 2 years
 * (the OWWA membership contribution under RA 10801, the OWWA Act of 2016, and OWWA's rules).
 * Note: the fund's ledger keeps one currency (PHP in this seed); a USD contribution is converted at
 * the rate of its payment date before it is posted (see README, "Currencies").
 */
export const DEFAULT_CONTRIBUTION: Readonly<Money> = Object.freeze({ amountMinor: 2500n, currency: 'USD' });

export type SeedFigureStatus = 'published-figure' | 'approximation' | 'placeholder';

export interface SeedBenefitEntry extends BenefitScheduleEntry {
  source: string;
  status: SeedFigureStatus;
  /** What to verify, and where the seed simplifies. */
  note: string;
}

const FROM = '2024-01-01';
const php = (pesos: number): bigint => BigInt(pesos) * 100n;

const OWWA_DEATH_DISABILITY =
  'OWWA Death and Disability Benefit programme (owwa.gov.ph, "Death and Disability Benefit"), under the OWWA Omnibus Policies ' +
  '(OWWA Board of Trustees Resolution No. 038, s. 2003) as amended, and RA 10801 (OWWA Act of 2016)';

const entries: SeedBenefitEntry[] = [
  {
    type: 'death:natural',
    rule: { kind: 'fixed', amountMinor: php(100_000), currency: 'PHP' },
    validFrom: FROM,
    validTo: null,
    source: OWWA_DEATH_DISABILITY,
    status: 'published-figure',
    note: 'PHP 100,000 for death from natural causes of an active member.',
  },
  {
    type: 'death:accidental',
    rule: { kind: 'fixed', amountMinor: php(200_000), currency: 'PHP' },
    validFrom: FROM,
    validTo: null,
    source: OWWA_DEATH_DISABILITY,
    status: 'published-figure',
    note: 'PHP 200,000 for accidental death of an active member.',
  },
  {
    type: 'death:burial',
    rule: { kind: 'fixed', amountMinor: php(20_000), currency: 'PHP' },
    validFrom: FROM,
    validTo: null,
    source: `${OWWA_DEATH_DISABILITY}: burial (funeral) gratuity, paid on top of the death benefit`,
    status: 'published-figure',
    note: 'PHP 20,000 burial gratuity, in addition to the death benefit (it was PHP 10,000 under OWWA MOI No. 004-94).',
  },
  {
    type: 'disability:partial',
    rule: { kind: 'by-degree', maxAmountMinor: php(25_000), currency: 'PHP' },
    validFrom: FROM,
    validTo: null,
    source: `${OWWA_DEATH_DISABILITY}: partial disability PHP 2,500 to PHP 25,000`,
    status: 'approximation',
    note:
      'OWWA pays accident-related partial disability from a schedule of injuries, PHP 2,500 to 25,000; the seed models it as ' +
      'PHP 25,000 × degree %, which goes below the PHP 2,500 floor under 10%. Some OWWA posts publish PHP 50,000 for partial ' +
      'disability (e.g. POLO Rome\'s "OWWA social benefits"): verify which figure is current.',
  },
  {
    type: 'disability:total',
    rule: { kind: 'fixed', amountMinor: php(100_000), currency: 'PHP' },
    validFrom: FROM,
    validTo: null,
    source: `${OWWA_DEATH_DISABILITY}: total/permanent disability PHP 50,000 to PHP 100,000`,
    status: 'approximation',
    note: 'OWWA publishes a range for total/permanent disability (PHP 50,000 to 100,000, by the schedule of disabilities); the seed uses the top of the range as a fixed amount.',
  },
  {
    type: 'medical',
    rule: { kind: 'reimbursement', capMinor: php(50_000), currency: 'PHP' },
    validFrom: FROM,
    validTo: null,
    source:
      'OWWA Supplemental Medical Assistance (MEDplus), with PhilHealth since 2016: one-time assistance for a dreaded disease, not to exceed PHP 50,000 per member',
    status: 'approximation',
    note: 'MEDplus pays the PhilHealth case-rate equivalent up to PHP 50,000; the seed reimburses the amount claimed up to PHP 50,000. OWWA and PhilHealth said in February 2026 that they were studying a restructuring of MEDplus: verify.',
  },
  {
    type: 'repatriation',
    rule: { kind: 'reimbursement', capMinor: php(100_000), currency: 'PHP' },
    validFrom: FROM,
    validTo: null,
    source:
      'OWWA Repatriation Program and the DMW AKSYON Fund (RA 11641, Department of Migrant Workers Act, s. 14; DMW Department Order No. 04, s. 2023); ' +
      "under RA 8042 as amended by RA 10022 the repatriation cost is primarily the agency's and the employer's",
    status: 'placeholder',
    note: 'No published per-worker cap was found: OWWA/DMW pay the actual cost of repatriation. PHP 100,000 is a PLACEHOLDER cap to be set by the ministry.',
  },
  {
    type: 'legal-assistance',
    rule: { kind: 'reimbursement', capMinor: php(100_000), currency: 'PHP' },
    validFrom: FROM,
    validTo: null,
    source: 'DMW AKSYON Fund, legal assistance to OFWs in distress (RA 11641 s. 14; DMW Department Order No. 04, s. 2023)',
    status: 'placeholder',
    note: 'No published per-case ceiling was found; PHP 100,000 per claim is a PLACEHOLDER. Legal assistance is not one-time: each stage or invoice is a claim.',
  },
  {
    type: 'education-grant',
    rule: { kind: 'fixed', amountMinor: php(10_000), currency: 'PHP' },
    validFrom: FROM,
    validTo: null,
    source:
      'OWWA Education and Livelihood Assistance Program (ELAP) for dependents of deceased members: PHP 5,000 (elementary), 8,000 (high school), 10,000 (college) per school year',
    status: 'approximation',
    note:
      'The seed uses the college level (PHP 10,000 per school year); the lower tiers are not modelled (approve below schedule). ' +
      "OWWA's EDSP (up to PHP 60,000 a year) and ODSP (up to PHP 20,000 a year) are competitive scholarships, not claims. Instrument number of ELAP to verify.",
  },
  {
    type: 'livelihood-grant',
    rule: { kind: 'fixed', amountMinor: php(20_000), currency: 'PHP' },
    validFrom: FROM,
    validTo: null,
    source: 'OWWA Balik Pinas! Balik Hanapbuhay! (BPBH) livelihood grant for distressed or displaced returning members, raised from PHP 10,000 to PHP 20,000',
    status: 'published-figure',
    note: "PHP 20,000 starter grant. A secondary source names OWWA Board Resolution No. 14, s. 2020 for the increase: verify. ELAP's PHP 15,000 livelihood grant to families of deceased members is a separate programme.",
  },
];

/** The seeded schedule, one open-ended entry per claim type from 2024-01-01 (frozen). */
export const SEEDED_BENEFIT_SCHEDULE: readonly Readonly<SeedBenefitEntry>[] = Object.freeze(
  entries.map((e) => Object.freeze({ ...e, rule: Object.freeze({ ...e.rule }) })),
);

/** The seeded entry of a type (every type has exactly one). */
export function seededEntry(type: ClaimType): Readonly<SeedBenefitEntry> {
  const e = SEEDED_BENEFIT_SCHEDULE.find((x) => x.type === type);
  if (!e) throw new Error(`No seeded benefit entry for ${type}`);
  return e;
}
