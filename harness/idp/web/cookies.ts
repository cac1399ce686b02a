/**
 * Cookie headers for the IdP's login session (RFC 6265): parsing the `Cookie`
 * request header and writing one `Set-Cookie`.
 */

/** The name → value pairs of a `Cookie` header; the first of a repeated name wins (RFC 6265 §5.4). */
export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (name !== '' && !cookies.has(name)) cookies.set(name, value);
  }
  return cookies;
}

/** Attributes of the session cookie besides HttpOnly and Path=/ (always set). */
export interface CookieOptions {
  /** Seconds; 0 deletes the cookie. Absent: a browser-session cookie. */
  maxAge?: number;
  /** Sent over https only; required by browsers with SameSite=None. */
  secure: boolean;
  sameSite: 'Lax' | 'Strict' | 'None';
}

/** A `Set-Cookie` value: HttpOnly, Path=/ always. The value must be a cookie-octet token. */
export function serializeCookie(name: string, value: string, options: CookieOptions): string {
  if (!/^[\w.~-]*$/.test(value))
    throw new TypeError(`Cookie value for '${name}' must be base64url characters`);
  const parts = [`${name}=${value}`, 'Path=/', 'HttpOnly', `SameSite=${options.sameSite}`];
  if (options.secure) parts.push('Secure');
  if (options.maxAge !== undefined) parts.push(`Max-Age=${options.maxAge}`);
  return parts.join('; ');
}
