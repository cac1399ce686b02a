/**
 * What the SP sends the IdP: its metadata, and the AuthnRequest that starts an
 * SP-initiated login over HTTP-Redirect (detached signature) or HTTP-POST
 * (enveloped signature) as the profile says (SF-14).
 * @see SAML 2.0 Bindings §3.4 (HTTP-Redirect), §3.5 (HTTP-POST); Metadata §2.4.4
 */
import { deflateRawSync } from 'node:zlib';
import {
  BINDING,
  buildAuthnRequest,
  buildSpMetadata,
  encodePost,
  redirectUrl,
  signAuthnRequest,
  type AuthnRequestInput,
  type KeyPair,
  type SigningAlgorithm,
} from '#harness/saml';
import type { CoreResponse } from '../http.js';
import type { SamlProfile } from '../profile.js';
import { autoSubmitForm } from './html.js';
import type { IdpSettings } from './idp-settings.js';
import { messagePage } from './pages.js';

/** RelayState MUST NOT exceed 80 bytes (SAML 2.0 Bindings §3.4.3, §3.5.3). */
const MAX_RELAY_STATE_BYTES = 80;

/**
 * The SP's metadata: the POST ACS, its SingleLogoutService (both bindings) when it has Single
 * Logout, and its certificate for request signing and encryption where it uses them.
 */
export function spMetadata(
  saml: SamlProfile,
  entityId: string,
  urls: { acs: string; slo: string | undefined },
  key: KeyPair | undefined,
): CoreResponse {
  const body = buildSpMetadata({
    entityId,
    acs: [{ url: urls.acs, binding: BINDING.post, index: 0, isDefault: true }],
    ...(urls.slo === undefined
      ? {}
      : {
          singleLogout: [
            { url: urls.slo, binding: BINDING.redirect },
            { url: urls.slo, binding: BINDING.post },
          ],
        }),
    signingCertificates: saml.signAuthnRequests && key ? [key.certificatePem] : [],
    encryptionCertificates: saml.encryptAssertions && key ? [key.certificatePem] : [],
    authnRequestsSigned: saml.signAuthnRequests,
    wantAssertionsSigned: saml.requireSigned === 'assertion' || saml.requireSigned === 'both',
    nameIdFormats: saml.nameId ? [saml.nameId.format] : [],
  });
  return { status: 200, headers: { 'content-type': 'application/samlmetadata+xml; charset=utf-8' }, body };
}

/**
 * How the SP builds and sends its AuthnRequest: what the strict SP does, and what a SAML fault
 * (fault-seams.ts `authnRequest`) may change.
 */
export interface AuthnRequestPlan {
  input: AuthnRequestInput;
  /** Signed with the SP's request-signing key (when it has one). */
  sign: boolean;
  algorithm: SigningAlgorithm;
  /** HTTP-POST: DEFLATE the message before base64, which the binding does not do (Bindings §3.5.4). */
  deflatePost: boolean;
}

/** What starting a login reads of the SP. */
export interface LoginStart {
  appName: string;
  saml: SamlProfile;
  entityId: string;
  acsUrl: string;
  idp: IdpSettings | undefined;
  /** Real logins are on (OUT-04), as the ACS's 'sso-enabled' step answers. */
  ssoEnabled: boolean;
  now: Date;
  /** The request-signing key, when the profile signs (SF-14). */
  key: KeyPair | undefined;
  /** The SP's faults on its AuthnRequest. @default the strict plan */
  plan?: (strict: AuthnRequestPlan) => AuthnRequestPlan;
}

/**
 * The answer to GET /saml/login (or /saml/test-login): a 302 to the IdP with a
 * Redirect-binding AuthnRequest, or an auto-submitting form for the POST
 * binding; `requestId` is the AuthnRequest ID the SP now waits for.
 */
export function startLogin(
  ctx: LoginStart,
  url: URL,
  test: boolean,
): { response: CoreResponse; requestId?: string } {
  const { appName, saml, idp } = ctx;
  if (!saml.spInitiated && !test) {
    return {
      response: messagePage(404, 'Not found', `${appName} has no SP-initiated login; start from the IdP`),
    };
  }
  if (!idp) {
    return {
      response: messagePage(409, 'SSO not configured', `${appName} has no identity provider configured yet`),
    };
  }
  if (!test && !ctx.ssoEnabled) {
    const message = `SSO is not Enabled in ${appName}: only the Test login works (OUT-04)`;
    return { response: messagePage(403, 'SSO not enabled', message) };
  }
  const relayState = url.searchParams.get('RelayState') ?? undefined;
  if (relayState !== undefined && Buffer.byteLength(relayState) > MAX_RELAY_STATE_BYTES) {
    const message = `RelayState is over ${MAX_RELAY_STATE_BYTES} bytes (SAML Bindings §3.4.3)`;
    return { response: messagePage(400, 'Bad request', message) };
  }
  const binding = saml.spInitiated?.binding ?? 'redirect';
  const ssoUrl = idp.ssoUrls[binding] ?? idp.ssoUrls.redirect ?? idp.ssoUrls.post;
  if (ssoUrl === undefined) {
    const message = `${appName} has no IdP sign-in URL, so it cannot start a login`;
    return { response: messagePage(409, 'SSO not configured', message) };
  }
  const strict: AuthnRequestPlan = {
    input: {
      issuer: ctx.entityId,
      destination: ssoUrl,
      acsUrl: ctx.acsUrl,
      protocolBinding: BINDING.post,
      ...(saml.nameId ? { nameIdFormat: saml.nameId.format } : {}),
      now: ctx.now,
    },
    sign: ctx.key !== undefined,
    algorithm: 'rsa-sha256',
    deflatePost: false,
  };
  const plan = ctx.plan?.(strict) ?? strict;
  const { xml, id } = buildAuthnRequest(plan.input);
  const key = plan.sign ? ctx.key : undefined;
  if (binding === 'post') {
    const request = key ? signAuthnRequest(xml, id, key, plan.algorithm) : xml;
    const encoded = plan.deflatePost
      ? deflateRawSync(Buffer.from(request, 'utf8')).toString('base64')
      : encodePost(request);
    const fields = { SAMLRequest: encoded, RelayState: relayState };
    return { response: autoSubmitForm('Signing in', ssoUrl, fields), requestId: id };
  }
  const location = redirectUrl(ssoUrl, 'SAMLRequest', xml, {
    ...(relayState === undefined ? {} : { relayState }),
    ...(key ? { sign: { key, algorithm: plan.algorithm } } : {}),
  });
  return { response: { status: 302, headers: { location, 'cache-control': 'no-store' } }, requestId: id };
}
