/** Types of the pure fee-assessment core. Amounts are bigint minor units with an ISO 4217 code. */

/** The item name that is treated as the placement (recruitment) fee proper. */
export const PLACEMENT_FEE_ITEM = 'placement-fee';

export type PlacementFeeCap = { kind: 'none' } | { kind: 'salary-multiple'; multiple: number } | { kind: 'fixed'; amountMinor: bigint; currency: string };

export interface ItemCap {
  amountMinor: bigint;
  currency: string;
}

export interface AllowedCostItem {
  item: string;
  /** Cap on the total charged for this item in one placement; absent = no cap. */
  cap?: ItemCap;
}

export interface FeeRule {
  destinationCountry: string;
  occupationCategory: string;
  originCountry?: string;
  placementFeeCap: PlacementFeeCap;
  allowedItems: AllowedCostItem[];
  prohibitedItems: string[];
  /** A protected category (e.g. domestic work): any fee is a violation for its full amount. */
  protected: boolean;
  /** Where the rule comes from (statute, circular); informational. */
  source?: string;
}

export interface PlacementTerms {
  monthlyBasicSalaryMinor: bigint;
  salaryCurrency: string;
}

export interface FeeLine {
  item: string;
  amountMinor: bigint;
  currency: string;
  /** Date charged, YYYY-MM-DD; the exchange rate of this date is used. */
  date: string;
  receiptNumber: string;
}

export type ViolationKind = 'item-not-allowed' | 'item-over-cap' | 'placement-fee-over-cap' | 'protected-category';

export interface Violation {
  /** Index into the lines given to assess; null is reserved for violations not tied to a line (none today). */
  lineIndex: number | null;
  kind: ViolationKind;
  /** Excess in the fee line's currency, 0 < excess <= line amount. */
  excessMinor: bigint;
  currency: string;
}

export interface Assessment {
  compliant: boolean;
  violations: Violation[];
}
