import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { FeeRule, PlacementFeeCap } from '../assessment';
import type { FeeRuleRecord, StoredAllowedItem, StoredPlacementFeeCap } from '../entities';

/** What an admin sends (and the seed writes) to create a rule. Amounts are decimal strings of minor units. */
export interface FeeRuleInput {
  destinationCountry: string;
  occupationCategory: string;
  /** An origin country, or '*' for every origin that has no rule of its own. */
  originCountry: string;
  validFrom: string;
  validTo?: string | null;
  placementFeeCap: StoredPlacementFeeCap;
  allowedItems: StoredAllowedItem[];
  prohibitedItems: string[];
  protected: boolean;
  source: string;
}

const MINOR = '^[0-9]+$';

/** A cap in money: integer minor units (a decimal string) in a currency. */
export class MoneyCapView {
  @ApiProperty({ type: String, pattern: MINOR, example: '250000', description: 'Integer minor units, written as a decimal string.' })
  amountMinor: string;

  @ApiProperty({ pattern: '^[A-Z]{3}$', example: 'PHP', description: 'ISO 4217.' })
  currency: string;
}

/** The most a worker may be charged as the placement fee proper, under a rule. */
export class PlacementFeeCapView {
  @ApiProperty({
    enum: ['none', 'salary-multiple', 'fixed'],
    enumName: 'PlacementFeeCapKind',
    example: 'salary-multiple',
    description: 'none: no placement fee allowed; salary-multiple: at most `multiple` months of basic salary; fixed: at most `amountMinor` in `currency`.',
  })
  kind: 'none' | 'salary-multiple' | 'fixed';

  @ApiPropertyOptional({ example: '1', description: 'salary-multiple only: months of basic salary, a decimal such as 1 or 0.5.' })
  multiple?: string;

  @ApiPropertyOptional({ type: String, pattern: MINOR, example: '1000000', description: 'fixed only: integer minor units, written as a decimal string.' })
  amountMinor?: string;

  @ApiPropertyOptional({ pattern: '^[A-Z]{3}$', example: 'NPR', description: 'fixed only: ISO 4217.' })
  currency?: string;
}

/** A cost item a rule allows the agency to charge, with its cap if any. */
export class AllowedItemView {
  @ApiProperty({ example: 'medical-examination', description: 'A cost-item code (GET /public/fees/vocabulary).' })
  item: string;

  @ApiPropertyOptional({ type: MoneyCapView, description: 'Cap on the total charged for this item in one placement; absent: no cap.' })
  cap?: { amountMinor: string; currency: string };
}

/** A rule as the API shows it. */
export class FeeRuleView implements FeeRuleInput {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ pattern: '^[A-Z]{2}$', example: 'HK', description: 'ISO 3166 alpha-2 destination country.' })
  destinationCountry: string;

  @ApiProperty({ example: 'domestic-work', description: 'An occupation category (GET /public/fees/vocabulary).' })
  occupationCategory: string;

  /** An origin country, or '*' for every origin that has no rule of its own. */
  @ApiProperty({
    pattern: '^([A-Z]{2}|\\*)$',
    example: 'PH',
    description: "ISO 3166 alpha-2 origin country, or '*' for every origin without a rule of its own.",
  })
  originCountry: string;

  @ApiProperty({ format: 'date', example: '2026-01-01', description: 'First day in force.' })
  validFrom: string;

  @ApiProperty({ type: String, format: 'date', nullable: true, example: null, description: 'Last day in force (inclusive); null while open-ended.' })
  validTo: string | null;

  @ApiProperty({ type: PlacementFeeCapView })
  placementFeeCap: StoredPlacementFeeCap;

  @ApiProperty({ type: [AllowedItemView], description: 'The cost items the agency may charge, with their caps.' })
  allowedItems: StoredAllowedItem[];

  @ApiProperty({ type: [String], example: ['visa', 'airfare'], description: 'Cost items the agency may never charge the worker.' })
  prohibitedItems: string[];

  @ApiProperty({ description: 'A protected category (e.g. domestic work): any fee at all is a serious violation.' })
  protected: boolean;

  @ApiProperty({ example: 'DMW Department Circular No. 01, s. 2024, section 3', description: 'The statute or circular the rule comes from.' })
  source: string;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

export function capOf(stored: StoredPlacementFeeCap): PlacementFeeCap {
  switch (stored.kind) {
    case 'none':
      return { kind: 'none' };
    case 'salary-multiple':
      return { kind: 'salary-multiple', multiple: Number(stored.multiple) };
    case 'fixed':
      return { kind: 'fixed', amountMinor: BigInt(stored.amountMinor), currency: stored.currency };
  }
}

/** The pure core's rule from a stored one (or an admin's input). */
export function toFeeRule(
  r: Pick<
    FeeRuleRecord,
    'destinationCountry' | 'occupationCategory' | 'originCountry' | 'placementFeeCap' | 'allowedItems' | 'prohibitedItems' | 'protected' | 'source'
  >,
): FeeRule {
  return {
    destinationCountry: r.destinationCountry,
    occupationCategory: r.occupationCategory,
    originCountry: r.originCountry === '*' ? undefined : r.originCountry,
    placementFeeCap: capOf(r.placementFeeCap),
    allowedItems: r.allowedItems.map((a) =>
      a.cap ? { item: a.item, cap: { amountMinor: BigInt(a.cap.amountMinor), currency: a.cap.currency } } : { item: a.item },
    ),
    prohibitedItems: [...r.prohibitedItems],
    protected: r.protected,
    source: r.source,
  };
}

/** The stored form of a core rule (the seed's rules are written in the core's types). */
export function storedCapOf(cap: PlacementFeeCap): StoredPlacementFeeCap {
  switch (cap.kind) {
    case 'none':
      return { kind: 'none' };
    case 'salary-multiple':
      return { kind: 'salary-multiple', multiple: String(cap.multiple) };
    case 'fixed':
      return { kind: 'fixed', amountMinor: cap.amountMinor.toString(), currency: cap.currency };
  }
}

export function storedItemsOf(rule: FeeRule): StoredAllowedItem[] {
  return rule.allowedItems.map((a) =>
    a.cap ? { item: a.item, cap: { amountMinor: a.cap.amountMinor.toString(), currency: a.cap.currency } } : { item: a.item },
  );
}

export function viewOfRule(r: FeeRuleRecord): FeeRuleView {
  return {
    id: r.id,
    destinationCountry: r.destinationCountry,
    occupationCategory: r.occupationCategory,
    originCountry: r.originCountry,
    validFrom: r.validFrom,
    validTo: r.validTo,
    placementFeeCap: r.placementFeeCap,
    allowedItems: r.allowedItems,
    prohibitedItems: r.prohibitedItems,
    protected: r.protected,
    source: r.source,
    createdAt: r.createdAt.toISOString(),
  };
}
