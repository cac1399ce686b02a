/**
 * The baseline every attack on a vendor's SP stands on: nobody named while nobody is signed in,
 * and a legitimate login signing the victim in. When it fails, the run stops with the likely cause.
 */
import { X509Certificate } from 'node:crypto';
import type { BrowserPage } from '#harness/http';
import type { FetchLike } from '#harness/scim';
import { BINDING } from '#harness/saml';
import type { ExternalSamlSp } from './external-saml-sp.js';
import { SIGN_CHOICES, type LoginSetup } from './external-saml-sp.js';
import { NoAuthnRequest, type CaughtRequest } from './sp-login.js';
import { TargetError } from './external-scim-target.js';

const fingerprint = (pem: string): string => new X509Certificate(pem).fingerprint256;

/** The SP's answer, short, for a diagnosis. */
function answered(page: BrowserPage): string {
  const text = page.body.replace(/\s+/g, ' ').trim().slice(0, 160);
  const where = page.headers.location ? ` to ${page.headers.location.slice(0, 120)}` : '';
  return `${page.status}${where}${text ? ` "${text}"` : ''}`;
}

/**
 * The baseline every attack stands on: with nobody signed in the identity source names nobody,
 * and a legitimate login (the assertion signed by the key the SP trusts, the IdP entity ID it
 * expects) signs the victim in. Otherwise no verdict on an attack would mean anything, so the
 * run stops with a diagnosis of the likely cause instead of reporting passes.
 */
export async function proveBaseline(sp: ExternalSamlSp, fetchLike: FetchLike = fetch): Promise<void> {
  const source =
    'url' in sp.identity ? `--identity-url ${sp.identity.url}` : `--identity-header ${sp.identity.header}`;
  const attempt = async <T>(what: string, step: () => Promise<T>): Promise<T> => {
    try {
      return await step();
    } catch (error) {
      throw new TargetError(
        `the baseline ${what} failed (${error instanceof Error ? error.message : String(error)}); check that the SP is up and that --sp-metadata and ${source} point at it`,
      );
    }
  };
  if ('url' in sp.identity) {
    const url = sp.identity.url;
    const nobody = await attempt('probe of the identity source', () => sp.browser(fetchLike).peek(url));
    const named = nobody.status === 200 ? await sp.signedIn(sp.browser(fetchLike), nobody) : undefined;
    if (named !== undefined)
      throw new TargetError(
        `${source} names '${named.slice(0, 80)}' while nobody is signed in, so every attack would look like a login; point it at a page that answers the user of the session cookie only, and 401, an empty body or a redirect when there is none`,
      );
  }
  if (sp.spLoginUrl !== undefined) {
    const url = sp.spLoginUrl;
    let caught: CaughtRequest | undefined;
    try {
      caught = await sp.solicit(sp.browser(fetchLike));
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      throw new TargetError(
        error instanceof NoAuthnRequest
          ? `--sp-login-url ${url}: ${why}; point it at the SP page that starts a SAML login, with the SP's IdP SSO URL set to the one in 'sso-harness idp-metadata' (under --idp-base-url ${sp.idpBaseUrl})`
          : `the baseline could not start a login at --sp-login-url ${url} (${why}); check that the SP is up and sends a SAML AuthnRequest from there`,
      );
    }
    const binding = caught?.request.protocolBinding;
    if (binding !== undefined && binding !== BINDING.post)
      throw new TargetError(
        `the SP's AuthnRequest asks for the Response by ${binding} (ProtocolBinding); the reference IdP answers by HTTP-POST, so configure the SP's ACS binding as HTTP-POST`,
      );
  }
  const browser = sp.browser(fetchLike);
  const { page, signedIn } = await attempt('legitimate login', () => sp.login(browser, sp.victim));
  if (signedIn?.toLowerCase() === sp.victim.toLowerCase()) return;
  if (signedIn !== undefined)
    throw new TargetError(
      `a legitimate login as ${sp.victim} left ${source} naming '${signedIn.slice(0, 80)}': it does not report the user of this session; point it at the signed-in user (or pass --victim with the name the SP shows)`,
    );
  for (const setup of otherSetups(sp)) {
    const other = await attempt(`legitimate login with ${setupText(setup)}`, () =>
      sp.login(sp.browser(fetchLike), sp.victim, setup),
    );
    if (other.signedIn?.toLowerCase() === sp.victim.toLowerCase())
      throw new TargetError(
        `the SP signs ${sp.victim} in only with ${setupText(setup)}; pass ${setupFlags(setup)}`,
      );
  }
  // What the identity page said after the login, when it said something the run could not read as a user.
  const after = 'url' in sp.identity ? await browser.peek(sp.identity.url).catch(() => undefined) : undefined;
  const unread =
    after?.status === 200 && after.body.trim() !== ''
      ? `${source} answered 200 "${after.body.replace(/\s+/g, ' ').trim().slice(0, 100)}" and no user was read from it (pass --identity-json-path or --identity-pattern)`
      : `${source} does not name the signed-in user`;
  const toIdp =
    page.headers.location !== undefined &&
    new URL(page.headers.location, sp.acsUrl).origin === new URL(sp.idpBaseUrl).origin;
  // The likely causes, those the SP's answer speaks of first; a cause without a hint is never named by it.
  const candidates: [RegExp | undefined, string][] = toIdp
    ? [
        [
          undefined,
          sp.spLoginUrl === undefined
            ? `it sent the browser to the IdP to log in: it accepts only logins it started (SP-initiated); pass --sp-login-url with the SP page that starts a login`
            : `it sent the browser to the IdP again: it did not take the Response as the answer to its AuthnRequest (it keeps the request in a cookie this browser lost, or wants the RelayState it sent)`,
        ],
      ]
    : [
        [
          /cert|signature|fingerprint/i,
          `it does not trust the IdP's certificate (SHA-256 ${fingerprint(sp.idpKey.certificatePem)}: import certificate.pem from 'sso-harness idp-metadata' with the same --idp-keys)`,
        ],
        [/issuer|entity/i, `it expects another IdP entity ID than '${sp.idpEntityId}' (--idp-entity-id)`],
        ...(sp.spLoginUrl === undefined
          ? ([
              [
                /InResponseTo|solicit|request/i,
                'it accepts only logins it started (SP-initiated); pass --sp-login-url with the SP page that starts a login',
              ],
            ] as [RegExp, string][])
          : []),
        ...(!sp.encrypt && sp.metadata.encryptionCertificates.length > 0
          ? ([
              [
                /encrypt/i,
                'it accepts encrypted assertions only, and something else is wrong too (try --encrypt)',
              ],
            ] as [RegExp, string][])
          : []),
        [undefined, unread],
      ];
  const said = page.body.slice(0, 2000);
  const causes = [
    ...candidates.filter(([hint]) => hint?.test(said) === true),
    ...candidates.filter(([hint]) => hint?.test(said) !== true),
  ].map(([, cause]) => cause);
  throw new TargetError(
    `a legitimate login as ${sp.victim} signed nobody in (the ACS answered ${answered(page)}), so no attack can be judged; likely ${causes.join('; or ')}`,
  );
}

/**
 * The other ways of signing and encrypting a legitimate login that the SP may be configured for:
 * the Response signed too, the assertion encrypted (when the metadata has a certificate), or both.
 */
function otherSetups(sp: ExternalSamlSp): LoginSetup[] {
  const signs = sp.sign.assertion && sp.sign.response ? [sp.sign] : [sp.sign, SIGN_CHOICES.both];
  const encrypts =
    sp.encrypt || sp.metadata.encryptionCertificates.length === 0 ? [sp.encrypt] : [false, true];
  return signs
    .flatMap((sign) => encrypts.map((encrypt) => ({ sign, encrypt })))
    .filter((setup) => setup.sign !== sp.sign || setup.encrypt !== sp.encrypt);
}

function setupText(setup: LoginSetup): string {
  const signed =
    setup.sign.assertion && setup.sign.response
      ? 'the Response and the assertion signed'
      : `the ${setup.sign.response ? 'Response' : 'assertion'} signed`;
  return `${signed}${setup.encrypt ? ' and the assertion encrypted' : ''}`;
}

function setupFlags(setup: LoginSetup): string {
  const flags = [
    ...(setup.sign.assertion && setup.sign.response ? ['--sign both'] : []),
    ...(setup.encrypt ? ['--encrypt'] : []),
  ];
  return flags.join(' ');
}
