/**
 * The IdP's checks on an SP-initiated AuthnRequest, in order: decode (size, depth,
 * DEFLATE bomb, DOCTYPE refused), signature against the SP certificate when one is
 * configured (read the request only from the verified bytes), Issuer, Destination,
 * ACS URL or index, ProtocolBinding, NameIDPolicy.
 * @see IDP-SSO-05; docs/conformance.md "SAML 2.0" (the reference IdP refuses…); SAML Core §3.4.1, Bindings §3.4.4.1, §3.5.4
 */
import { parseAuthnRequest, type ParsedAuthnRequest } from '#harness/saml';
import { BINDING } from '#harness/saml';
import { decodePost, decodeRedirect, verifyRedirectSignature } from '#harness/saml';
import { verifyElementSignature } from '#harness/saml';
import { SamlError, UNSPECIFIED_NAMEID_FORMATS, parseXml, serialize } from '#harness/saml';
import type { Application } from '../application.js';
import type { RegisteredAcs } from '../sso-settings.js';
import type { SsoRefusalReason } from './sso-log.js';

/** A request the IdP will not answer with an assertion: 400, the reason named on the page and in the log. */
export class SsoRefusal extends Error {
  readonly code = 'SSO_REFUSED';
  constructor(
    readonly reason: SsoRefusalReason,
    message: string,
    /** The AuthnRequest, when it could be decoded. */
    readonly requestXml?: string,
  ) {
    super(message);
    this.name = 'SsoRefusal';
  }
}

/** The AuthnRequest as it arrived, by binding. */
export type IncomingAuthnRequest =
  | { binding: 'redirect'; /** The raw query string, without '?', exactly as received. */ rawQuery: string }
  | { binding: 'post'; samlRequest: string | null; relayState: string | null };

/** A request that passed every check: what to answer, and where. */
export interface AcceptedAuthnRequest {
  request: ParsedAuthnRequest;
  acs: RegisteredAcs;
  relayState: string | undefined;
  xml: string;
}

/** RelayState over this is refused as malformed (Bindings §3.4.3 says 80 bytes; SPs send longer, so be lenient but bounded). */
const RELAY_STATE_LIMIT = 2048;

function refusalOf(error: unknown, xml: string | undefined): never {
  if (error instanceof SamlError) throw new SsoRefusal(error.reason, error.message, xml);
  throw error;
}

/** Decodes and verifies the message; returns the request XML to trust and the RelayState. */
function decode(
  app: Application,
  incoming: IncomingAuthnRequest,
): { xml: string; relayState: string | undefined } {
  const certificate = app.sso.settings.spCertificatePem;
  if (incoming.binding === 'redirect') {
    const decoded = decodeRedirect(incoming.rawQuery);
    if (decoded.kind !== 'SAMLRequest') {
      throw new SsoRefusal('malformed', `Expected a SAMLRequest on the SSO URL but found a ${decoded.kind}`);
    }
    if (certificate !== undefined) {
      if (decoded.signature === undefined) {
        throw new SsoRefusal(
          'signature-missing',
          `${app.name} has an SP certificate, so its AuthnRequests must be signed (Signature and SigAlg query parameters, SAML Bindings §3.4.4.1); this one is not`,
          decoded.xml,
        );
      }
      try {
        verifyRedirectSignature(decoded, [certificate]);
      } catch (error) {
        refusalOf(error, decoded.xml);
      }
    }
    return { xml: decoded.xml, relayState: decoded.relayState };
  }
  if (incoming.samlRequest === null || incoming.samlRequest === '') {
    throw new SsoRefusal('malformed', 'The POST carries no SAMLRequest form field');
  }
  const xml = decodePost(incoming.samlRequest);
  const relayState = incoming.relayState ?? undefined;
  if (certificate === undefined) return { xml, relayState };
  try {
    const doc = parseXml(xml);
    // Only what the signature covers is read from here on (the enveloped signature stripped).
    return {
      xml: serialize(verifyElementSignature(doc, doc.documentElement!, { trusted: [certificate] }).element),
      relayState,
    };
  } catch (error) {
    return refusalOf(error, xml);
  }
}

/**
 * Accepts an AuthnRequest for `app` at `ssoUrl`, or throws SsoRefusal naming the failed check.
 * @see IDP-SSO-05
 */
export function acceptAuthnRequest(
  app: Application,
  incoming: IncomingAuthnRequest,
  ssoUrl: string,
): AcceptedAuthnRequest {
  let decoded: { xml: string; relayState: string | undefined };
  try {
    decoded = decode(app, incoming);
  } catch (error) {
    return refusalOf(error, undefined);
  }
  const { xml, relayState } = decoded;
  let request: ParsedAuthnRequest;
  try {
    request = parseAuthnRequest(xml);
  } catch (error) {
    return refusalOf(error, xml);
  }
  const settings = app.sso.settings;
  const refuse = (reason: SsoRefusalReason, message: string): never => {
    throw new SsoRefusal(reason, message, xml);
  };
  if (relayState !== undefined && Buffer.byteLength(relayState) > RELAY_STATE_LIMIT)
    refuse(
      'malformed',
      `RelayState is ${Buffer.byteLength(relayState)} bytes; at most ${RELAY_STATE_LIMIT} are accepted`,
    );
  if (settings.spEntityId === undefined || request.issuer !== settings.spEntityId) {
    refuse(
      'unknown-issuer',
      `AuthnRequest Issuer '${request.issuer}' is not the SP Entity ID configured for ${app.name} (${settings.spEntityId ?? 'none configured'}) (IDP-SSO-05)`,
    );
  }
  if (request.destination !== undefined && request.destination !== ssoUrl) {
    refuse(
      'destination-mismatch',
      `AuthnRequest Destination '${request.destination}' is not this SSO URL '${ssoUrl}' (SAML Core §3.2.1)`,
    );
  }
  if (request.acsUrl !== undefined && request.acsIndex !== undefined) {
    refuse(
      'malformed',
      'AuthnRequest has both AssertionConsumerServiceURL and AssertionConsumerServiceIndex; SAML Core §3.4.1 allows one',
    );
  }
  const acs = app.sso.acs({
    ...(request.acsUrl === undefined ? {} : { url: request.acsUrl }),
    ...(request.acsIndex === undefined ? {} : { index: request.acsIndex }),
  });
  if (!acs) {
    const asked =
      request.acsUrl !== undefined
        ? `AssertionConsumerServiceURL '${request.acsUrl}'`
        : request.acsIndex !== undefined
          ? `AssertionConsumerServiceIndex ${request.acsIndex}`
          : 'a default ACS URL';
    return refuse(
      'acs-not-registered',
      `${asked} is not registered for ${app.name} (registered: ${settings.acsUrls.map((entry) => `${entry.index}=${entry.url}`).join(', ') || 'none'}) (IDP-SSO-05)`,
    );
  }
  if (request.protocolBinding !== undefined && request.protocolBinding !== BINDING.post) {
    refuse(
      'binding-mismatch',
      `ProtocolBinding '${request.protocolBinding}' is not supported: the IdP answers with HTTP-POST (${BINDING.post}) only`,
    );
  }
  if (
    request.nameIdFormat !== undefined &&
    !UNSPECIFIED_NAMEID_FORMATS.has(request.nameIdFormat) &&
    request.nameIdFormat !== settings.nameId.format
  ) {
    refuse(
      'name-id-policy-unsupported',
      `NameIDPolicy Format '${request.nameIdFormat}' cannot be honoured: ${app.name} issues NameIDs in '${settings.nameId.format}' (SAML Core §3.4.1.1, InvalidNameIDPolicy)`,
    );
  }
  return { request, acs, relayState, xml };
}
