// The roles and languages are the whole system's vocabulary (libs/common); auth re-exports them
// for the apps that take everything about identity from here.
export { AGENCY_ROLES, LANGUAGES, MINISTRY_ROLES, ROLES, roleSetProblem } from '@app/common';
export type { Language, Role } from '@app/common';
