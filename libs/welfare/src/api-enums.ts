import { CLAIM_TYPES, DOCUMENT_CODES } from './core';
import { CLAIM_ACTIONS, CLAIM_STATES } from './lifecycle/claim-transitions';

/**
 * The welfare enums as named OpenAPI schemas, for `@ApiProperty({ ...WELFARE_CLAIM_TYPE, description })`
 * in the views here and the request DTOs of apps/api: one shared schema each, described once
 * (`enumSchema`), whatever the description of the property that uses it.
 */
export const WELFARE_CLAIM_TYPE = {
  enum: CLAIM_TYPES,
  enumName: 'WelfareClaimType',
  enumSchema: { description: 'A type of welfare claim; each has its benefit schedule entries and its document checklist (docs/welfare.md).' },
} as const;

export const WELFARE_CLAIM_STATE = {
  enum: CLAIM_STATES,
  enumName: 'WelfareClaimState',
  enumSchema: { description: 'A state of the welfare claim lifecycle (docs/welfare.md, "Lifecycle").' },
} as const;

export const WELFARE_CLAIM_ACTION = {
  enum: CLAIM_ACTIONS,
  enumName: 'WelfareClaimAction',
  enumSchema: { description: 'A move of the welfare claim lifecycle (docs/welfare.md, "Lifecycle").' },
} as const;

export const WELFARE_DOCUMENT_CODE = {
  enum: DOCUMENT_CODES,
  enumName: 'WelfareDocumentCode',
  enumSchema: { description: 'A document of a welfare claim checklist, by its stable code.' },
} as const;
