import { FeeRule, PlacementFeeCap, Rational, parseDecimal } from '../assessment';
import { originCurrency } from './origin-currencies';

/**
 * Reference data seeded for the demo: fee rules for a few real corridors, each naming its legal
 * source, and demonstration exchange rates for the currencies those rules need.
 *
 * These are a starting point, not the law: a ministry must verify every rule against the current
 * text of the instruments named, and maintain its own through the admin API (see
 * docs/fee-corridors.md). Amounts are bigint minor units (PHP 1,200.00 → 120000n).
 */

// ---------------------------------------------------------------------------------------------
// Occupation categories
// ---------------------------------------------------------------------------------------------

/**
 * Occupation categories a rule is keyed by.
 * - general: any occupation of the corridor without a more specific rule of its own;
 * - domestic-work: work in a private household, live-in caregivers of a household included;
 * - caregiving: care work in institutions (nursing homes, hospitals);
 * - construction, manufacturing: workers admitted for those sectors;
 * - seafarer: sea-based workers (manning agencies).
 */
export const OCCUPATION_CATEGORIES = Object.freeze(['general', 'domestic-work', 'caregiving', 'construction', 'manufacturing', 'seafarer'] as const);

export type OccupationCategory = (typeof OCCUPATION_CATEGORIES)[number];

export function isOccupationCategory(code: string): code is OccupationCategory {
  return (OCCUPATION_CATEGORIES as readonly string[]).includes(code);
}

// ---------------------------------------------------------------------------------------------
// Fee rules
// ---------------------------------------------------------------------------------------------

export interface SeedFeeRule extends FeeRule {
  /** Stable key, `<origin>-<destination>-<occupation>`, e.g. 'PH-HK-general'. */
  key: string;
  /** First day in force, YYYY-MM-DD. */
  validFrom: string;
  /** Last day in force (inclusive), or null while open-ended. */
  validTo: string | null;
  /** The statute / circular the rule comes from, with a note where the seed simplifies. */
  source: string;
}

/** The currency in which wages are usually stated in the seeded destinations (the salary currency of a placement). */
export const DESTINATION_SALARY_CURRENCIES: Readonly<Record<string, string>> = Object.freeze({
  HK: 'HKD',
  SA: 'SAR',
  TW: 'TWD',
  MY: 'MYR',
  QA: 'QAR',
});

/** The usual salary currency of a destination, or undefined when the seed has none for it. */
export function destinationSalaryCurrency(country: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(DESTINATION_SALARY_CURRENCIES, country) ? DESTINATION_SALARY_CURRENCIES[country] : undefined;
}

const ONE_MONTH: PlacementFeeCap = { kind: 'salary-multiple', multiple: 1 };

/** Philippines: what the worker may be charged besides the placement fee (2016 Revised POEA Rules s.50, carried over by the 2023 DMW Rules). */
const phWorkerPaid = () => [
  { item: 'documentation' },
  { item: 'passport', cap: { amountMinor: 120000n, currency: 'PHP' } }, // PHP 1,200.00, DFA expedited processing
  { item: 'police-clearance', cap: { amountMinor: 15500n, currency: 'PHP' } }, // PHP 155.00, NBI clearance 130 + e-payment 25
  { item: 'medical-examination' },
  { item: 'trade-test' },
  { item: 'social-security-contribution' },
];

/** Philippines: costs that are the employer's or the agency's, never the worker's. */
const phEmployerPaid = () => [
  'visa',
  'work-permit',
  'airfare',
  'government-processing-fee',
  'welfare-fund-contribution',
  'insurance',
  'deployment-bond',
  'salary-deduction-loan',
];

const PH_RULES =
  "2023 DMW Rules and Regulations Governing the Recruitment and Employment of Landbased Overseas Filipino Workers (DMW Department Circular No. 01, s. 2023), carrying over Secs. 50-51 of the 2016 Revised POEA Rules: placement fee at most one month's basic salary; " +
  'the worker pays personal documents, passport, NBI/police clearance, the DOH-prescribed medical examination, the TESDA competency certificate and PhilHealth/Pag-IBIG/SSS; ' +
  "visa, work permit, airfare, the DMW processing fee and OWWA membership are the employer's. Compulsory insurance is at no cost to the worker: RA 8042 Sec. 37-A, added by RA 10022 (2010).";

const PH_CAPS_NOTE =
  'Note: caps are the passport fee (PHP 1,200, DFA expedited) and the NBI clearance (PHP 130 + PHP 25 e-payment charge); medical examination, documents and contributions are left uncapped.';

const PH_HSW =
  'Protected category: no placement fee or other charge may be collected from household service workers, before departure or on-site by salary deduction: POEA Governing Board Resolution No. 6, s. 2006 (HSW reform package), ' +
  '2016 Revised POEA Rules Sec. 51(a), continued by the 2023 DMW Rules (DMW Department Circular No. 01, s. 2023).';

const PH_HSW_NOTE =
  'Note: modelled as protected, so any worker-paid charge is a violation, including personal documents (passport, NBI clearance) a household worker may in practice pay herself; a ministry allowing those should use placementFeeCap none with those items allowed.';

const NP_FREE_VISA_FREE_TICKET =
  "Nepal 'free visa, free ticket' policy: Ministry of Labour and Employment decision published 9 June 2015 and applied from 6 July 2015 to Malaysia, Qatar, Saudi Arabia, the UAE, Kuwait, Bahrain and Oman, under Foreign Employment Act 2064 (2007) Sec. 24 (the Government fixes the maximum service fee): " +
  'the employer pays visa and air ticket, the agency may take at most NPR 10,000 service charge from the worker. The worker still pays medical examination, orientation training, the Foreign Employment Welfare Fund (NPR 1,500), ' +
  'the Social Security Fund (NPR 2,595) and term-life insurance (premium NPR 3,700 under 35, NPR 4,900 from 35; the cap uses the higher).';

const NP_NOTE =
  'Note: the policy is in force since 6 July 2015 but the seed starts on 2024-01-01 because the item amounts are 2024-25 figures; the medical fee changed in late 2025 (NPR 9,500 from 26 Nov 2025, reverted in Dec 2025), so it is left uncapped.';

/** Nepal: what the worker may pay besides the service charge (modelled as the placement fee). */
const npWorkerPaid = () => [
  { item: 'medical-examination' },
  { item: 'pre-departure-orientation' },
  { item: 'passport' },
  { item: 'training' },
  { item: 'welfare-fund-contribution', cap: { amountMinor: 150000n, currency: 'NPR' } }, // NPR 1,500.00
  { item: 'social-security-contribution', cap: { amountMinor: 259500n, currency: 'NPR' } }, // NPR 2,595.00
  { item: 'insurance', cap: { amountMinor: 490000n, currency: 'NPR' } }, // NPR 4,900.00
];

const NPR_10000: PlacementFeeCap = { kind: 'fixed', amountMinor: 1000000n, currency: 'NPR' }; // NPR 10,000.00

const RULES: SeedFeeRule[] = [
  // ------------------------------------------------------------------ Philippines → Hong Kong
  {
    key: 'PH-HK-general',
    originCountry: 'PH',
    destinationCountry: 'HK',
    occupationCategory: 'general',
    validFrom: '2024-01-01',
    validTo: null,
    placementFeeCap: { kind: 'salary-multiple', multiple: 0.1 },
    allowedItems: phWorkerPaid(),
    prohibitedItems: phEmployerPaid(),
    protected: false,
    source:
      "Placement fee capped at 10% of the first month's wages: Hong Kong Employment Ordinance (Cap. 57) Part XII and Employment Agency Regulations (Cap. 57A) Schedule 2 Part II (maximum commission from a job-seeker), " +
      "chosen over the Philippine ceiling of one month's basic salary because it is the stricter of the two. Other costs: " +
      PH_RULES +
      ' ' +
      PH_CAPS_NOTE,
  },
  {
    key: 'PH-HK-domestic-work',
    originCountry: 'PH',
    destinationCountry: 'HK',
    occupationCategory: 'domestic-work',
    validFrom: '2024-01-01',
    validTo: null,
    placementFeeCap: { kind: 'none' },
    allowedItems: [],
    prohibitedItems: [],
    protected: true,
    source:
      PH_HSW +
      " Hong Kong side: the Standard Employment Contract for domestic helpers recruited from abroad (ID 407) puts the helper's documentation costs (medical examination, visa, insurance) and passage on the employer; the 10% commission Cap. 57A would allow is superseded by the stricter Philippine rule. " +
      PH_HSW_NOTE,
  },
  // ------------------------------------------------------------------ Philippines → Saudi Arabia
  {
    key: 'PH-SA-general',
    originCountry: 'PH',
    destinationCountry: 'SA',
    occupationCategory: 'general',
    validFrom: '2024-01-01',
    validTo: null,
    placementFeeCap: ONE_MONTH,
    allowedItems: phWorkerPaid(),
    prohibitedItems: [...phEmployerPaid(), 'residence-permit'],
    protected: false,
    source:
      "Placement fee capped at one month's basic salary. " +
      PH_RULES +
      ' Saudi side: Labor Law (Royal Decree No. M/51 of 1426H, 2005) Art. 40(1) puts the fees of recruitment, residence permit (iqama), work permit, exit/re-entry visas and the return ticket on the employer. ' +
      PH_CAPS_NOTE +
      ' Art. 40 can be read as forbidding any worker-paid recruitment fee; the seed keeps the Philippine one-month cap, a ministry reading it so would set the cap to none.',
  },
  {
    key: 'PH-SA-domestic-work',
    originCountry: 'PH',
    destinationCountry: 'SA',
    occupationCategory: 'domestic-work',
    validFrom: '2024-01-01',
    validTo: null,
    placementFeeCap: { kind: 'none' },
    allowedItems: [],
    prohibitedItems: [],
    protected: true,
    source:
      PH_HSW + ' Saudi side: Regulation on Domestic Workers and Similar Categories (Council of Ministers Decision No. 310 of 1434H, 2013). ' + PH_HSW_NOTE,
  },
  // ------------------------------------------------------------------ Philippines → Taiwan
  {
    key: 'PH-TW-general',
    originCountry: 'PH',
    destinationCountry: 'TW',
    occupationCategory: 'general',
    validFrom: '2024-01-01',
    validTo: null,
    placementFeeCap: ONE_MONTH,
    allowedItems: [
      ...phWorkerPaid(),
      { item: 'service-fee', cap: { amountMinor: 6000000n, currency: 'TWD' } }, // TWD 60,000.00 = 12 × (1,800 + 1,700 + 1,500)
      { item: 'residence-permit', cap: { amountMinor: 300000n, currency: 'TWD' } }, // TWD 3,000.00 = 3 years × 1,000
    ],
    prohibitedItems: phEmployerPaid(),
    protected: false,
    source:
      "Placement fee capped at one month's basic salary. " +
      PH_RULES +
      ' Taiwan side: Standards for Fee-charging Items and Amounts of Private Employment Services Institutions (Ministry of Labor, under Employment Service Act Art. 35): a Taiwan broker may charge the worker only a monthly service fee of at most NT$1,800 / 1,700 / 1,500 in the first / second / third year, never in advance; the worker also pays the alien resident certificate (NT$1,000 a year). ' +
      PH_CAPS_NOTE +
      ' The monthly ceilings are modelled as one service-fee cap of TWD 60,000 over a 3-year contract and a residence-permit cap of TWD 3,000.',
  },
  {
    key: 'PH-TW-domestic-work',
    originCountry: 'PH',
    destinationCountry: 'TW',
    occupationCategory: 'domestic-work',
    validFrom: '2024-01-01',
    validTo: null,
    placementFeeCap: { kind: 'none' },
    allowedItems: [],
    prohibitedItems: [],
    protected: true,
    source:
      PH_HSW +
      ' Taiwan side: the fee standards under Employment Service Act Art. 35 would still let a Taiwan broker charge a monthly service fee (NT$1,800 / 1,700 / 1,500); under this protected rule that counts as a violation too. ' +
      PH_HSW_NOTE,
  },
  // ------------------------------------------------------------------ Nepal → Malaysia, Qatar
  {
    key: 'NP-MY-general',
    originCountry: 'NP',
    destinationCountry: 'MY',
    occupationCategory: 'general',
    validFrom: '2024-01-01',
    validTo: null,
    placementFeeCap: NPR_10000,
    allowedItems: npWorkerPaid(),
    prohibitedItems: ['visa', 'airfare', 'work-permit', 'foreign-worker-levy'],
    protected: false,
    source:
      NP_FREE_VISA_FREE_TICKET +
      " Malaysia side: the Nepal-Malaysia MoU on the Recruitment, Employment and Repatriation of Workers (29 October 2018) puts the recruitment service charge, air tickets, visa, medical check-up, security screening and levy on the Malaysian employer (the worker's medical and screening outlay refunded in the first month). " +
      NP_NOTE +
      ' The MoU is stricter than the 2015 ceiling seeded here; a ministry applying it would set the cap to none.',
  },
  {
    key: 'NP-QA-general',
    originCountry: 'NP',
    destinationCountry: 'QA',
    occupationCategory: 'general',
    validFrom: '2024-01-01',
    validTo: null,
    placementFeeCap: NPR_10000,
    allowedItems: npWorkerPaid(),
    prohibitedItems: ['visa', 'airfare', 'work-permit', 'residence-permit'],
    protected: false,
    source:
      NP_FREE_VISA_FREE_TICKET +
      " Qatar side: Labour Law No. 14 of 2004 Art. 33 forbids Qatar-licensed recruiters to take recruitment fees or costs from the worker; the seeded cap is Nepal's national ceiling for Nepali agencies. " +
      NP_NOTE,
  },
  // ------------------------------------------------------------------ Indonesia → Hong Kong
  {
    key: 'ID-HK-domestic-work',
    originCountry: 'ID',
    destinationCountry: 'HK',
    occupationCategory: 'domestic-work',
    validFrom: '2021-08-02',
    validTo: null,
    placementFeeCap: { kind: 'none' },
    allowedItems: [],
    prohibitedItems: [
      'airfare',
      'visa',
      'work-permit',
      'service-fee',
      'medical-examination',
      'passport',
      'police-clearance',
      'documentation',
      'social-security-contribution',
      'insurance',
      'training',
      'trade-test',
      'pre-departure-orientation',
      'accommodation',
      'salary-deduction-loan',
    ],
    protected: false,
    source:
      'Law No. 18 of 2017 on the Protection of Indonesian Migrant Workers, Art. 30 (placement costs may not be charged to the worker), and BP2MI Regulation No. 9 of 2020 on the Exemption of Placement Fees for Indonesian Migrant Workers, for ten occupations including domestic worker; ' +
      'in force 15 July 2021 after postponement and implemented for Hong Kong on 2 August 2021 (Hong Kong Labour Department notice). The employer bears ticket, visa, agency fees, medical check-up, passport, police certificate and BPJS social security; ' +
      "the worker's local government bears training and competency certification. Note: Hong Kong's Employment Agency Regulations (Cap. 57A) would allow a 10% first-month commission; the Indonesian zero-cost rule is stricter and is the one seeded. " +
      'Modelled as placementFeeCap none with nothing allowed (not as protected), so each violation names its item.',
  },
];

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** The seeded fee rules (deeply frozen). Every rule names its origin country. */
export const SEEDED_FEE_RULES: readonly SeedFeeRule[] = deepFreeze(RULES);

// ---------------------------------------------------------------------------------------------
// Exchange rates
// ---------------------------------------------------------------------------------------------

export interface SeedExchangeRate {
  base: string;
  quote: string;
  /** YYYY-MM-DD; the first day of a month. */
  date: string;
  /** Units of `quote` one unit of `base` buys, as a plain decimal string (8 significant digits). */
  rate: string;
}

export const EXCHANGE_RATE_SEED_SOURCE =
  'Demonstration figures, generated: they approximate the level of central-bank reference rates of early 2025 (BSP, HKMA, SAMA, CBC, BNM, NRB, QCB, Bank Indonesia) with an invented gentle monthly drift. ' +
  "They are not official rates and must not be used to decide a case: replace them with the ministry's official feed.";

/** First and last date of the seeded rates (a rate on the 1st of every month in between). */
export const EXCHANGE_RATE_SEED_FIRST_DATE = '2025-01-01';
export const EXCHANGE_RATE_SEED_LAST_DATE = '2027-06-01';

/**
 * Units of each currency per US dollar in January 2025 (decimal text), with a drift in parts per
 * million per month and the amplitude (ppm per step) of a gentle 12-month wave. Pegged currencies
 * (SAR, QAR) do not move; HKD stays well inside its 7.75-7.85 band.
 */
const USD_LEVELS: Readonly<Record<string, { level: string; driftPpm: number; wavePpm: number }>> = {
  USD: { level: '1', driftPpm: 0, wavePpm: 0 },
  PHP: { level: '58.10', driftPpm: -600, wavePpm: 500 },
  HKD: { level: '7.7800', driftPpm: 0, wavePpm: 150 },
  SAR: { level: '3.7500', driftPpm: 0, wavePpm: 0 },
  QAR: { level: '3.6400', driftPpm: 0, wavePpm: 0 },
  TWD: { level: '32.80', driftPpm: -1500, wavePpm: 700 },
  MYR: { level: '4.4700', driftPpm: -1200, wavePpm: 600 },
  NPR: { level: '137.40', driftPpm: 800, wavePpm: 300 },
  IDR: { level: '16250', driftPpm: 900, wavePpm: 800 },
};

/** One step of the wave per month: a 12-month cycle between −6 and +6. */
const WAVE = [0, 3, 5, 6, 5, 3, 0, -3, -5, -6, -5, -3] as const;

/** The month starts from EXCHANGE_RATE_SEED_FIRST_DATE through EXCHANGE_RATE_SEED_LAST_DATE. */
function monthStarts(): string[] {
  const [y0, m0] = EXCHANGE_RATE_SEED_FIRST_DATE.split('-').map(Number);
  const out: string[] = [];
  for (let i = 0; ; i++) {
    const y = y0 + Math.floor((m0 - 1 + i) / 12);
    const m = ((m0 - 1 + i) % 12) + 1;
    const date = `${y}-${String(m).padStart(2, '0')}-01`;
    out.push(date);
    if (date === EXCHANGE_RATE_SEED_LAST_DATE) return out;
  }
}

/** Units of `currency` per US dollar in month `i` (0 = January 2025), exact. */
function perUsd(currency: string, i: number): Rational {
  const l = USD_LEVELS[currency];
  if (!l) throw new Error(`No seed exchange-rate level for ${currency}: add it to USD_LEVELS`);
  const ppm = 1_000_000 + l.driftPpm * i + l.wavePpm * WAVE[i % 12];
  return parseDecimal(l.level).mul(Rational.of(BigInt(ppm), 1_000_000n));
}

/** A positive rational rounded (half-even) to `digits` significant digits, as a plain decimal string. */
export function toSignificantDecimal(r: Rational, digits = 8): string {
  if (r.num <= 0n) throw new RangeError('toSignificantDecimal needs a positive number');
  const lower = 10n ** BigInt(digits - 1);
  const upper = 10n ** BigInt(digits);
  const scaled = (k: number) => (k >= 0 ? Rational.of(r.num * 10n ** BigInt(k), r.den) : Rational.of(r.num, r.den * 10n ** BigInt(-k)));
  // k such that lower <= r·10^k < upper; start from the digit counts, then adjust.
  let k = digits - 1 - (r.num.toString().length - r.den.toString().length);
  while (scaled(k).cmp(Rational.of(lower)) < 0) k++;
  while (scaled(k).cmp(Rational.of(upper)) >= 0) k--;
  let q = scaled(k).roundHalfEven();
  if (q === upper) {
    q = lower;
    k--;
  }
  if (k <= 0) return (q * 10n ** BigInt(-k)).toString();
  const s = q.toString().padStart(k + 1, '0');
  const int = s.slice(0, s.length - k);
  const frac = s.slice(s.length - k).replace(/0+$/, '');
  return frac ? `${int}.${frac}` : int;
}

/** The inverse of a decimal rate: 1/rate rounded half-even to 8 significant digits. */
export function inverseRate(rate: string): string {
  const r = parseDecimal(rate);
  return toSignificantDecimal(Rational.of(r.den, r.num));
}

/** Every currency a rule can involve: its origin's, its destination's salary currency, USD, and the currencies of its caps. */
export function currenciesOfRule(rule: SeedFeeRule): string[] {
  const set = new Set<string>(['USD']);
  const origin = rule.originCountry ? originCurrency(rule.originCountry) : undefined;
  const salary = destinationSalaryCurrency(rule.destinationCountry);
  if (!origin) throw new Error(`Seed rule ${rule.key}: no currency for origin ${rule.originCountry}`);
  if (!salary) throw new Error(`Seed rule ${rule.key}: no salary currency for destination ${rule.destinationCountry}`);
  set.add(origin).add(salary);
  if (rule.placementFeeCap.kind === 'fixed') set.add(rule.placementFeeCap.currency);
  for (const a of rule.allowedItems) if (a.cap) set.add(a.cap.currency);
  return [...set].sort();
}

/**
 * The rates: for every rule, every pair among its currencies, in both directions, on the 1st of
 * every month. Each currency has a level per US dollar (above); the forward direction of a pair is
 * the one quoted ≥ 1 in January 2025 (e.g. HKD→PHP, USD→IDR) and is the cross of the two USD
 * levels rounded to 8 significant digits; the inverse is 1/forward rounded to 8 significant digits,
 * so forward × inverse = 1 within 1e-7 and cross rates agree with one another to the same precision.
 */
function generateRates(rules: readonly SeedFeeRule[]): SeedExchangeRate[] {
  const pairs = new Map<string, [string, string]>(); // forward base, quote
  for (const rule of rules) {
    const cs = currenciesOfRule(rule);
    for (const a of cs) {
      for (const b of cs) {
        if (a >= b) continue;
        // Forward: from the currency with fewer units per USD (the stronger) to the other.
        const [base, quote] = perUsd(a, 0).cmp(perUsd(b, 0)) <= 0 ? [a, b] : [b, a];
        pairs.set(`${base}/${quote}`, [base, quote]);
      }
    }
  }
  const ordered = [...pairs.values()].sort(([a1, b1], [a2, b2]) => (a1 + b1 < a2 + b2 ? -1 : a1 + b1 > a2 + b2 ? 1 : 0));
  const out: SeedExchangeRate[] = [];
  monthStarts().forEach((date, i) => {
    for (const [base, quote] of ordered) {
      const forward = toSignificantDecimal(perUsd(quote, i).div(perUsd(base, i)));
      out.push({ base, quote, date, rate: forward });
      out.push({ base: quote, quote: base, date, rate: inverseRate(forward) });
    }
  });
  return out;
}

/** Demonstration exchange rates (see EXCHANGE_RATE_SEED_SOURCE), deeply frozen. */
export const SEEDED_EXCHANGE_RATES: readonly SeedExchangeRate[] = deepFreeze(generateRates(SEEDED_FEE_RULES));
