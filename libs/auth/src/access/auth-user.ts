import type { Language, Role } from '../roles';

/** The caller as the guard found them: re-read from the database on every request. */
export interface AuthUser {
  id: string;
  sessionId: string;
  roles: Role[];
  agencyId: string | null;
  preferredLanguage: Language;
}
