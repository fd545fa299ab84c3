import { Check, Column, Entity, Exclusion, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { AllowedCostItem, PlacementFeeCap } from '../assessment';

/** JSON form of a placement-fee cap (amounts as decimal strings: JSON has no bigint). */
export type StoredPlacementFeeCap = { kind: 'none' } | { kind: 'salary-multiple'; multiple: string } | { kind: 'fixed'; amountMinor: string; currency: string };
export type StoredAllowedItem = { item: string; cap?: { amountMinor: string; currency: string } };

/**
 * One effective-dated fee rule for a corridor: destination country and occupation category, and
 * either one origin country or every origin (`origin_country` '*'). Rules are never edited: a
 * change is a new rule from a later date, after the old one is ended (valid_to, inclusive).
 * The exclusion constraint refuses two rules for one key whose validity overlaps.
 */
@Entity({ name: 'fee_rule' })
@Exclusion(
  'ex_fee_rule_overlap',
  `USING gist (destination_country WITH =, occupation_category WITH =, origin_country WITH =, daterange(valid_from, valid_to, '[]') WITH &&)`,
)
@Index('ix_fee_rule_key', ['destinationCountry', 'occupationCategory', 'originCountry', 'validFrom'])
@Check('ck_fee_rule_validity', `valid_to IS NULL OR valid_to >= valid_from`)
@Check('ck_fee_rule_destination', `destination_country ~ '^[A-Z]{2}$'`)
@Check('ck_fee_rule_origin', `origin_country ~ '^([A-Z]{2}|\\*)$'`)
export class FeeRuleRecord {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_fee_rule' })
  id: string;

  @Column({ type: 'text' })
  destinationCountry: string;

  @Column({ type: 'text' })
  occupationCategory: string;

  /** ISO 3166 alpha-2 of the origin, or '*' for a rule that applies to every origin without its own. */
  @Column({ type: 'text' })
  originCountry: string;

  @Column({ type: 'date' })
  validFrom: string;

  /** Last day in force (inclusive); null while open-ended. */
  @Column({ type: 'date', nullable: true })
  validTo: string | null;

  @Column({ type: 'jsonb' })
  placementFeeCap: StoredPlacementFeeCap;

  @Column({ type: 'jsonb' })
  allowedItems: StoredAllowedItem[];

  @Column({ type: 'jsonb' })
  prohibitedItems: string[];

  /** A protected category (e.g. domestic work): any fee at all is a serious violation. */
  @Column({ type: 'boolean' })
  protected: boolean;

  /** The statute or circular the rule comes from, shown by the public calculator. */
  @Column({ type: 'text' })
  source: string;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @Column({ type: 'timestamptz' })
  createdAt: Date;
}

export type { AllowedCostItem, PlacementFeeCap };
