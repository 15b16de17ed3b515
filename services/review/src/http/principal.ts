/** Roles in rank order: each role may do what the ones before it may (a senior is also an analyst). */
export const ROLES = ['analyst', 'senior', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export function hasRole(have: Role, need: Role): boolean {
  return ROLES.indexOf(have) >= ROLES.indexOf(need);
}

/** Who is calling: set by the guard on `res.locals.principal` before a route's handler runs. */
export interface Principal {
  userId: string;
  username: string;
  role: Role;
  /** `session` (console, cookie + CSRF) or `token` (a per-account API token for scripts, no CSRF). */
  via: 'session' | 'token';
  /** The session's id (sessions only): re-authentication and logout act on it. */
  sessionId: string | null;
  /** When the session last proved the password and second factor again (admin actions need it recent). */
  reauthenticatedAt: Date | null;
}
