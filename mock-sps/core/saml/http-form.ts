/**
 * What the SAML endpoints need of HTTP beyond the core request: form bodies and
 * cookies.
 */
import type { CoreRequest } from '../http.js';

const FORM_TYPE = 'application/x-www-form-urlencoded';

/**
 * The posted form fields; undefined when the body is not form-encoded. A body
 * without a content type is read as a form, as browsers only omit it for forms.
 * @see HTML Living Standard §4.10.21.7 (application/x-www-form-urlencoded)
 */
export function formFields(request: CoreRequest): URLSearchParams | undefined {
  const type = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  if (type !== undefined && type !== '' && type !== FORM_TYPE) return undefined;
  return new URLSearchParams(request.body ?? '');
}

/** The request's cookies by name. @see RFC 6265 §5.4 */
export function cookiesOf(request: CoreRequest): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const pair of (request.headers.cookie ?? '').split(';')) {
    const eq = pair.indexOf('=');
    if (eq <= 0) continue;
    const name = pair.slice(0, eq).trim();
    if (!cookies.has(name)) cookies.set(name, pair.slice(eq + 1).trim());
  }
  return cookies;
}

/** A session cookie: HttpOnly, SameSite=Lax (it must survive the IdP's cross-site POST redirect), Secure on https. */
export function sessionCookie(name: string, value: string, origin: string): string {
  const secure = origin.startsWith('https:') ? '; Secure' : '';
  return `${name}=${value}; Path=/; HttpOnly; SameSite=Lax${secure}`;
}

/** Clears a cookie set by {@link sessionCookie}. */
export function clearedCookie(name: string, origin: string): string {
  const secure = origin.startsWith('https:') ? '; Secure' : '';
  return `${name}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${secure}`;
}
