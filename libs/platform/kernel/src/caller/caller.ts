export const ROLES = ['customer', 'admin'] as const;
/** What a caller may be allowed to do; decisions stay in the domains. */
export type Role = (typeof ROLES)[number];

/** Who is calling, as proven by a verified access token. */
export interface Caller {
  /** The user's id (the token's `sub`). */
  id: string;
  email: string;
  roles: Role[];
}
