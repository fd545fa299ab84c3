import { ApiProperty } from '@nestjs/swagger';
import { PLACEMENT_FEE_ITEM } from '../assessment';
import { COST_ITEMS } from './cost-items';
import { OCCUPATION_CATEGORIES } from './occupation-categories';
import { ORIGIN_CURRENCIES } from './origin-currencies';

/** A cost-item code with its label for people. */
export class CostItemView {
  @ApiProperty({ example: 'medical-examination', description: 'The code rules and fee lines use (stable).' })
  code: string;

  @ApiProperty({ example: 'Pre-employment medical examination', description: 'What it is, in English (may be reworded).' })
  label: string;
}

/** The codes fee rules and fee lines use. */
export class FeeVocabulary {
  @ApiProperty({ example: PLACEMENT_FEE_ITEM, description: "The item code of the placement fee proper (capped by a rule's placementFeeCap; not a cost item)." })
  placementFeeItem: string;

  @ApiProperty({ type: [CostItemView], description: 'Every cost item a rule can allow or prohibit and a fee line can be charged under.' })
  costItems: CostItemView[];

  @ApiProperty({ type: [String], example: ['domestic-work', 'general'], description: 'The occupation categories rules are kept for.' })
  occupationCategories: readonly string[];

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string', pattern: '^[A-Z]{3}$' },
    example: { PH: 'PHP', NP: 'NPR' },
    description: 'A map from each origin country this system knows (ISO 3166 alpha-2) to its currency (ISO 4217), in which the calculator also states the cap.',
  })
  originCurrencies: Record<string, string>;
}

/** The vocabulary, as `GET /public/fees/vocabulary` answers it. */
export function feeVocabulary(): FeeVocabulary {
  return {
    placementFeeItem: PLACEMENT_FEE_ITEM,
    costItems: Object.entries(COST_ITEMS).map(([code, v]) => ({ code, label: v.label })),
    occupationCategories: OCCUPATION_CATEGORIES,
    originCurrencies: { ...ORIGIN_CURRENCIES },
  };
}
