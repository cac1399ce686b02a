/**
 * Bearer-token authentication of the SCIM surface.
 * @see RFC 7644 §2, RFC 6750 §3
 */
import { ScimError } from '#harness/scim';

/** The token the SP issued and whether the integration is active (INT-01). */
export interface TokenState {
  token: string;
  active: boolean;
}

/** Checks `Authorization: Bearer <token>`; throws a 401 SCIM error naming what is wrong. */
export function authenticate(header: string | undefined, state: TokenState): void {
  if (header === undefined || header === '') {
    throw new ScimError(401, undefined, 'Authorization header missing: send "Authorization: Bearer <token>"');
  }
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match)
    throw new ScimError(401, undefined, 'Authorization must use the Bearer scheme: "Bearer <token>"');
  if (match[1] !== state.token) {
    throw new ScimError(
      401,
      undefined,
      'The bearer token is not valid for this SCIM service; generate a new one in the SP',
    );
  }
  if (!state.active) {
    throw new ScimError(
      401,
      undefined,
      'The SCIM integration is not active in the SP; check "Active" on the profile source',
    );
  }
}
