/** The roles of the SPEC and the languages the system speaks: the vocabulary every lib shares. */
export const ROLES = ['worker', 'agency_admin', 'agency_staff', 'inspector', 'supervisor', 'welfare_officer', 'finance_officer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Roles whose holder belongs to exactly one agency and sees only its records. */
export const AGENCY_ROLES: readonly Role[] = ['agency_admin', 'agency_staff'];
/** Ministry staff: they see records of every agency. */
export const MINISTRY_ROLES: readonly Role[] = ['inspector', 'supervisor', 'welfare_officer', 'finance_officer', 'admin'];

export const LANGUAGES = ['en', 'fil', 'id', 'ne'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Role sets an account may hold: agency roles never mix with ministry or worker roles. */
export function roleSetProblem(roles: readonly Role[]): string | null {
  if (roles.length === 0) return 'must hold at least one role';
  const agency = roles.some((r) => AGENCY_ROLES.includes(r));
  const other = roles.some((r) => !AGENCY_ROLES.includes(r));
  if (agency && other) return 'agency roles cannot be combined with ministry or worker roles';
  if (roles.includes('worker') && roles.length > 1) return 'a worker account holds no other role';
  return null;
}
