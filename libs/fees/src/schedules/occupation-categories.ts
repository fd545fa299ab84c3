export { OCCUPATION_CATEGORIES, isOccupationCategory } from './seed-fee-rules';
export type { OccupationCategory } from './seed-fee-rules';
