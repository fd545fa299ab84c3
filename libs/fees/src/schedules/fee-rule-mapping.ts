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

/** A rule as the API shows it. */
export interface FeeRuleView extends FeeRuleInput {
  id: string;
  validTo: string | null;
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
export function toFeeRule(r: Pick<FeeRuleRecord, 'destinationCountry' | 'occupationCategory' | 'originCountry' | 'placementFeeCap' | 'allowedItems' | 'prohibitedItems' | 'protected' | 'source'>): FeeRule {
  return {
    destinationCountry: r.destinationCountry,
    occupationCategory: r.occupationCategory,
    originCountry: r.originCountry === '*' ? undefined : r.originCountry,
    placementFeeCap: capOf(r.placementFeeCap),
    allowedItems: r.allowedItems.map((a) => (a.cap ? { item: a.item, cap: { amountMinor: BigInt(a.cap.amountMinor), currency: a.cap.currency } } : { item: a.item })),
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
  return rule.allowedItems.map((a) => (a.cap ? { item: a.item, cap: { amountMinor: a.cap.amountMinor.toString(), currency: a.cap.currency } } : { item: a.item }));
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
