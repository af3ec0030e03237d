/** Who is signed in: the bearer token and the claims the API reads from it (API.md § Auth). */
export interface Claims {
  readonly sub: string;
  readonly name?: string;
  readonly dept?: string;
  readonly roles: readonly string[];
  readonly exp?: number;
}

export interface Session {
  readonly token: string;
  readonly claims: Claims;
}

// Per tab and gone with it: a token on a shared office computer should not outlive the window.
const KEY = 'lingchuan.session';

const decodePart = (part: string): unknown => {
  const base64 = part
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .padEnd(Math.ceil(part.length / 4) * 4, '=');
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes));
};

/** How the identity provider names the claims (config.json); ours until the console's config says otherwise. */
export interface ClaimNames {
  readonly dept: string;
  readonly roles: string;
  readonly name: string;
  readonly rolePrefix: string;
}
let claimNames: ClaimNames = { dept: 'dept', roles: 'roles', name: 'name', rolePrefix: '' };
export const setClaimNames = (names: ClaimNames) => {
  claimNames = names;
};

/**
 * The claims of a JWT under our names, read (not verified: the API verifies and refuses what it
 * does not accept; the console only shows them). A county's role list keeps the items carrying its
 * prefix, without it, as the API does.
 */
export const claimsOf = (token: string, names: ClaimNames = claimNames): Claims => {
  const payload = decodePart(token.split('.')[1] ?? '') as Record<string, unknown>;
  const roles = payload[names.roles];
  const name = payload[names.name];
  const dept = payload[names.dept];
  return {
    sub: String(payload.sub ?? ''),
    ...(typeof name === 'string' ? { name } : {}),
    ...(typeof dept === 'string' ? { dept } : {}),
    roles: Array.isArray(roles)
      ? roles.flatMap((role) =>
          typeof role === 'string' && role.startsWith(names.rolePrefix) ? [role.slice(names.rolePrefix.length)] : [],
        )
      : [],
    ...(typeof payload.exp === 'number' ? { exp: payload.exp } : {}),
  };
};

export const saveSession = (token: string): Session => {
  sessionStorage.setItem(KEY, token);
  return { token, claims: claimsOf(token) };
};

export const loadSession = (): Session | null => {
  const token = sessionStorage.getItem(KEY);
  if (!token) return null;
  try {
    const claims = claimsOf(token);
    if (claims.exp !== undefined && claims.exp * 1000 < Date.now()) return null;
    return { token, claims };
  } catch {
    return null;
  }
};

export const clearSession = () => sessionStorage.removeItem(KEY);

export const hasRole = (session: Session | null, ...roles: string[]) =>
  session?.claims.roles.some((role) => roles.includes(role)) ?? false;

/** Department roles act for their own department only (API.md § Roles). */
export const isDepartmentUser = (session: Session | null) => hasRole(session, 'dept-staff', 'dept-head');

/** Who may read the county's portfolio and export the register. */
export const COUNTY_WATCHERS = ['data-bureau', 'finance', 'audit', 'admin'];
/** Who decides reviews (the API's queue decides what each sees). */
export const REVIEWERS = ['data-bureau', 'approval-bureau', 'finance', 'drc'];
