/**
 * The documents each claim type needs (SPEC section 4: "a document checklist per type; missing
 * documents are requested"). Codes are stable identifiers; DOCUMENT_LABELS says what each one is.
 * Modelled on OWWA's published checklists (membership record, passport, death certificate, proof
 * of relationship...). Pure data and one helper.
 */
import { CLAIM_TYPES, ClaimType, isClaimType } from './benefit-schedule';
import { InvalidWelfareInputError } from './errors';
import { describe } from './money';

export const DOCUMENT_CODES = Object.freeze([
  'membership-record',
  'passport-copy',
  'claimant-id',
  'proof-of-relationship',
  'death-certificate',
  'police-or-accident-report',
  'burial-permit',
  'funeral-receipt',
  'medical-report',
  'disability-assessment',
  'medical-receipts',
  'travel-receipts',
  'proof-of-return',
  'case-documents',
  'legal-fee-receipts',
  'enrollment-certificate',
  'school-grades',
  'business-plan',
  'training-certificate',
] as const);

export type DocumentCode = (typeof DOCUMENT_CODES)[number];

export const DOCUMENT_LABELS: Readonly<Record<DocumentCode, string>> = Object.freeze({
  'membership-record': "Proof of membership: the member's contribution / membership record",
  'passport-copy': "Copy of the worker's passport (or seafarer's identification record book)",
  'claimant-id': 'Valid identity document of the claimant',
  'proof-of-relationship': 'Proof of relationship to the worker (marriage certificate, birth certificate)',
  'death-certificate': 'Death certificate (local or foreign)',
  'police-or-accident-report': 'Police or accident report',
  'burial-permit': 'Burial permit',
  'funeral-receipt': 'Official receipt of the funeral expenses',
  'medical-report': 'Medical certificate or report: diagnosis and treatment',
  'disability-assessment': "Physician's assessment stating the kind and degree of disability",
  'medical-receipts': 'Official receipts and hospital bills',
  'travel-receipts': 'Ticket and receipts of the repatriation costs',
  'proof-of-return': 'Proof of return (travel document with arrival stamp)',
  'case-documents': 'Documents of the legal case (complaint, summons, court or labour-office papers)',
  'legal-fee-receipts': 'Receipts or invoices of legal fees and costs',
  'enrollment-certificate': 'Certificate of enrolment and assessment of school fees',
  'school-grades': 'Report card or grades of the last school year',
  'business-plan': 'Business plan of the livelihood project',
  'training-certificate': 'Certificate of the entrepreneurship or skills training attended',
});

const f = (...codes: DocumentCode[]): readonly DocumentCode[] => Object.freeze(codes);

/**
 * The checklist of each type when the worker claims. Death benefits are always claimed by a
 * beneficiary, so their lists include the claimant's ID and proof of relationship; for the other
 * types {@link requiredDocuments} adds those two when a named beneficiary claims.
 */
export const REQUIRED_DOCUMENTS: Readonly<Record<ClaimType, readonly DocumentCode[]>> = Object.freeze({
  'death:natural': f('membership-record', 'passport-copy', 'death-certificate', 'claimant-id', 'proof-of-relationship'),
  'death:accidental': f('membership-record', 'passport-copy', 'death-certificate', 'police-or-accident-report', 'claimant-id', 'proof-of-relationship'),
  'death:burial': f('membership-record', 'passport-copy', 'death-certificate', 'burial-permit', 'funeral-receipt', 'claimant-id', 'proof-of-relationship'),
  'disability:partial': f('membership-record', 'passport-copy', 'medical-report', 'disability-assessment', 'police-or-accident-report'),
  'disability:total': f('membership-record', 'passport-copy', 'medical-report', 'disability-assessment', 'police-or-accident-report'),
  medical: f('membership-record', 'passport-copy', 'medical-report', 'medical-receipts'),
  repatriation: f('membership-record', 'passport-copy', 'travel-receipts', 'proof-of-return'),
  'legal-assistance': f('membership-record', 'passport-copy', 'case-documents', 'legal-fee-receipts'),
  'education-grant': f('membership-record', 'proof-of-relationship', 'enrollment-certificate', 'school-grades'),
  'livelihood-grant': f('membership-record', 'passport-copy', 'proof-of-return', 'business-plan', 'training-certificate'),
});

export type Claimant = 'worker' | 'beneficiary';

/** The checklist of a claim: the type's list, plus the claimant's ID and proof of relationship when a beneficiary claims. */
export function requiredDocuments(type: ClaimType, claimant: Claimant = 'worker'): DocumentCode[] {
  if (!isClaimType(type)) throw new InvalidWelfareInputError('type', `must be one of ${CLAIM_TYPES.join(', ')}, got ${describe(type)}`);
  if (claimant !== 'worker' && claimant !== 'beneficiary')
    throw new InvalidWelfareInputError('claimant', `must be worker or beneficiary, got ${describe(claimant)}`);
  const list = [...REQUIRED_DOCUMENTS[type]];
  if (claimant === 'beneficiary') for (const extra of ['claimant-id', 'proof-of-relationship'] as const) if (!list.includes(extra)) list.push(extra);
  return list;
}

/** The documents of the checklist not yet provided, in checklist order (what to request; the claim's clock pauses meanwhile). */
export function missingDocuments(type: ClaimType, provided: readonly string[], claimant: Claimant = 'worker'): DocumentCode[] {
  if (!Array.isArray(provided as unknown)) throw new InvalidWelfareInputError('provided', 'must be an array of document codes');
  const have = new Set(provided);
  return requiredDocuments(type, claimant).filter((code) => !have.has(code));
}
