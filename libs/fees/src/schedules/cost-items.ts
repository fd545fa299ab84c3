/**
 * The controlled vocabulary of cost items: the codes fee rules list as allowed or prohibited and
 * fee lines are charged under. Codes are kebab-case and stable (they are stored in rules and fee
 * lines); labels are English and may be reworded.
 *
 * The placement fee proper is NOT in this list: it is `PLACEMENT_FEE_ITEM` ('placement-fee'),
 * governed by a rule's `placementFeeCap` and never listed in `allowedItems` / `prohibitedItems`.
 * A fee line may use either a code below or `PLACEMENT_FEE_ITEM`.
 */
export { PLACEMENT_FEE_ITEM } from '../assessment';

export interface CostItem {
  label: string;
}

export const COST_ITEMS: Readonly<Record<string, Readonly<CostItem>>> = Object.freeze({
  documentation: { label: 'Personal documents (birth certificate, school records, licences) and their authentication' },
  passport: { label: 'Passport issuance or renewal' },
  'police-clearance': { label: 'Police or national-bureau clearance certificate' },
  'medical-examination': { label: 'Pre-employment medical examination' },
  'trade-test': { label: 'Trade test, skills assessment or competency certificate' },
  training: { label: 'Skills or language training' },
  'pre-departure-orientation': { label: 'Pre-departure orientation seminar or training' },
  visa: { label: 'Entry or employment visa, including stamping' },
  'work-permit': { label: 'Work permit or employment pass of the destination' },
  'residence-permit': { label: 'Residence permit or resident card in the destination' },
  airfare: { label: 'Air ticket to or from the destination' },
  insurance: { label: 'Insurance cover for the worker (life, accident, repatriation)' },
  'welfare-fund-contribution': { label: 'Contribution to a state migrant-welfare fund (e.g. OWWA membership, Nepal Foreign Employment Welfare Fund)' },
  'social-security-contribution': {
    label: 'Social security or health insurance contribution (e.g. PhilHealth, Pag-IBIG, SSS, Nepal Social Security Fund, BPJS)',
  },
  'government-processing-fee': { label: 'Processing fee of the origin government (e.g. DMW processing fee, labour permit fee)' },
  'foreign-worker-levy': { label: 'Levy on employers of foreign workers in the destination' },
  accommodation: { label: 'Accommodation before departure or in the destination' },
  'service-fee': { label: 'Agency service fee other than the placement fee (e.g. Taiwan broker monthly service fee)' },
  'deployment-bond': { label: 'Bond or deposit taken as security for completing the contract' },
  'salary-deduction-loan': { label: 'Loan from a designated lender repaid by deductions from salary' },
} satisfies Record<string, CostItem>);

/** Whether `code` is a cost item of the vocabulary (false for 'placement-fee', which is not a cost item but the capped fee). */
export function isCostItem(code: string): boolean {
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(COST_ITEMS, code);
}
