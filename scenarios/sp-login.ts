/**
 * SP-initiated logins in target mode: the harness opens the SP's login URL as a browser would and
 * catches the AuthnRequest the SP sends to the reference IdP — in the Location of a redirect
 * (HTTP-Redirect binding) or in an auto-submitting form (HTTP-POST binding) — so the Response can
 * answer it, as an SP that accepts only solicited logins requires.
 * @see SAML 2.0 Profiles §4.1.3–4.1.4; SAML 2.0 Bindings §3.4.3, §3.5.3
 */
import { inflateRawSync } from 'node:zlib';
import { formsOf, type Browser, type BrowserPage } from '#harness/http';
import {
  decodePost,
  decodeRedirect,
  parseAuthnRequest,
  type DecodedRedirect,
  type ParsedAuthnRequest,
} from '#harness/saml';

/** The AuthnRequest an SP sent when a login started, as the IdP received it. */
export interface CaughtRequest {
  binding: 'redirect' | 'post';
  /** The AuthnRequest as sent (inflated for the Redirect binding). */
  xml: string;
  request: ParsedAuthnRequest;
  relayState?: string;
  /** The IdP URL the SP sent the browser to (its configured SSO URL, query stripped). */
  sentTo: string;
  /** HTTP-Redirect: the query's detached signature, when there is one. */
  redirect?: DecodedRedirect;
  /**
   * HTTP-POST: the SAMLRequest was DEFLATE-compressed before base64, which the POST binding does
   * not do (Bindings §3.5.4) but some SP libraries do; the IdP read it anyway.
   */
  deflated?: boolean;
}

/** What an SP's login URL did instead of sending an AuthnRequest to the IdP. */
export class NoAuthnRequest extends Error {
  override readonly name = 'NoAuthnRequest';
}

/** Inflated size limit for a DEFLATE-compressed POST SAMLRequest (an AuthnRequest is a few KB). */
const MAX_INFLATED = 256 * 1024;

/**
 * A POST-binding SAMLRequest: base64 of the AuthnRequest, or (tolerated, flagged) base64 of it
 * DEFLATE-compressed, as some SP libraries send it.
 */
function decodePostRequest(field: string): { xml: string; request: ParsedAuthnRequest; deflated: boolean } {
  try {
    const xml = decodePost(field);
    return { xml, request: parseAuthnRequest(xml), deflated: false };
  } catch (error) {
    let xml: string;
    try {
      xml = inflateRawSync(Buffer.from(field, 'base64'), { maxOutputLength: MAX_INFLATED }).toString('utf8');
    } catch {
      throw error;
    }
    return { xml, request: parseAuthnRequest(xml), deflated: true };
  }
}

function short(page: BrowserPage): string {
  const text = page.body.replace(/\s+/g, ' ').trim().slice(0, 120);
  return `${page.status}${page.headers.location ? ` to ${page.headers.location.slice(0, 120)}` : ''}${text ? ` "${text}"` : ''}`;
}

/**
 * Opens `loginUrl` in `browser` (which stops at the IdP's origin) and returns the AuthnRequest the
 * SP sent there. Throws NoAuthnRequest naming what the SP did instead, and a SamlError when the
 * message it sent does not parse as an AuthnRequest.
 */
export async function catchAuthnRequest(
  browser: Browser,
  loginUrl: string,
  idpOrigin: string,
): Promise<CaughtRequest> {
  const page = await browser.get(loginUrl);
  const location = page.headers.location;
  if (location !== undefined) {
    const url = new URL(location, page.url);
    if (url.origin === idpOrigin) {
      if (!url.searchParams.has('SAMLRequest'))
        throw new NoAuthnRequest(
          `the SP sent the browser to the IdP at ${url.origin}${url.pathname} without a SAMLRequest`,
        );
      const redirect = decodeRedirect(url.search.slice(1));
      return {
        binding: 'redirect',
        xml: redirect.xml,
        request: parseAuthnRequest(redirect.xml),
        ...(redirect.relayState === undefined ? {} : { relayState: redirect.relayState }),
        sentTo: `${url.origin}${url.pathname}`,
        redirect,
      };
    }
  }
  const form = formsOf(page.body, page.url).find(
    (candidate) =>
      candidate.fields.SAMLRequest !== undefined && new URL(candidate.action).origin === idpOrigin,
  );
  if (form) {
    const { xml, request, deflated } = decodePostRequest(form.fields.SAMLRequest!);
    const relayState = form.fields.RelayState;
    const action = new URL(form.action);
    return {
      binding: 'post',
      xml,
      request,
      ...(relayState === undefined ? {} : { relayState }),
      sentTo: `${action.origin}${action.pathname}`,
      ...(deflated ? { deflated } : {}),
    };
  }
  throw new NoAuthnRequest(
    `the SP's login URL answered ${short(page)} and sent no AuthnRequest to the IdP at ${idpOrigin}`,
  );
}
