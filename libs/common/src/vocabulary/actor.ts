import type { Language, Role } from './roles';

/** How the audit log names who acted: a user in the role they acted in, an anonymous caller (`{ role: 'anonymous' }`), or the system. */
export type AuditedAs = { id?: string; role: string } | 'system';

/**
 * Who is acting: the one shape services take to authorise, scope and audit an operation.
 * The API builds it from the request with `@CurrentActor()` (libs/auth) and passes it to one
 * service call; services never read the request.
 */
export interface Actor {
  /** The signed-in user; null for an anonymous caller or the system. */
  userId: string | null;
  /** Every role the user holds (none for an anonymous caller or the system). */
  roles: readonly Role[];
  /** An agency user's agency: what they act on must be theirs. */
  agencyId: string | null;
  /** What the audit log records as the actor: the user and the role the route let them act in. */
  auditActor: AuditedAs;
  /** The session the request was signed with (sign-out and password change end it or spare it). */
  sessionId: string | null;
  /** The request's id (or the job's): ties the audit entries and logs of one operation together. */
  correlationId: string;
  /** The caller's address, for the security log (null for the system). */
  ip: string | null;
  /** The signed-in user's preferred language, for what is mailed to them (null: the default). */
  language: Language | null;
}
