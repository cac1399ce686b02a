/**
 * Single Logout messages: the LogoutRequest a session participant or the IdP sends to end a
 * principal's session, and the LogoutResponse that answers it; built, parsed strictly, and read
 * from either front-channel binding with the sender's signature verified. Signed for the POST
 * binding with `signXml`, for the Redirect binding through `encodeRedirect`.
 * @see SAML 2.0 Core §3.7 (Single Logout Protocol); SAML 2.0 Profiles §4.4 (Single Logout Profile);
 *   SAML 2.0 Bindings §3.4.4.1 (Redirect signature), §3.5 (POST)
 */
import { protocolRequest } from './authn-request.js';
import { decodeRedirect, verifyRedirectSignature } from './redirect-binding.js';
import { decodePost } from './post-binding.js';
import { NAMEID_FORMAT, STATUS_SUCCESS, writeElement } from './response.js';
import { verifyElementSignature } from './verify.js';
import { time } from './assertion-reading.js';
import { NS, SamlError, childElements, optionalChild, parseXml, type XmlLimits } from './xml.js';

/** What a LogoutRequest says. */
export interface LogoutRequestInput {
  /** The sender's entity ID. */
  issuer: string;
  /** The recipient's SingleLogoutService URL. */
  destination: string;
  /** The principal whose session ends, as the assertion named it. */
  nameId: { value: string; format?: string };
  /** The session of the assertion's AuthnStatement, when known. */
  sessionIndex?: string;
  now: Date;
  /** @default newSamlId() */
  id?: string;
}

/** An unsigned samlp:LogoutRequest and its ID. @see SAML 2.0 Core §3.7.1 */
export function buildLogoutRequest(input: LogoutRequestInput): { xml: string; id: string } {
  return protocolRequest(
    'samlp:LogoutRequest',
    input,
    {},
    writeElement('saml:Issuer', { Format: NAMEID_FORMAT.entity }, input.issuer),
    writeElement(
      'saml:NameID',
      { Format: input.nameId.format ?? NAMEID_FORMAT.unspecified },
      input.nameId.value,
    ),
    input.sessionIndex === undefined ? undefined : writeElement('samlp:SessionIndex', {}, input.sessionIndex),
  );
}

/** What a LogoutResponse says. */
export interface LogoutResponseInput {
  issuer: string;
  /** The requester's SingleLogoutService URL (its ResponseLocation when it has one). */
  destination: string;
  /** The ID of the LogoutRequest answered. */
  inResponseTo: string;
  /** @default STATUS_SUCCESS */
  status?: string;
  now: Date;
  /** @default newSamlId() */
  id?: string;
}

/** An unsigned samlp:LogoutResponse and its ID. @see SAML 2.0 Core §3.7.2, §3.2.2 */
export function buildLogoutResponse(input: LogoutResponseInput): { xml: string; id: string } {
  return protocolRequest(
    'samlp:LogoutResponse',
    input,
    { InResponseTo: input.inResponseTo },
    writeElement('saml:Issuer', { Format: NAMEID_FORMAT.entity }, input.issuer),
    writeElement(
      'samlp:Status',
      {},
      writeElement('samlp:StatusCode', { Value: input.status ?? STATUS_SUCCESS }),
    ),
  );
}

/** A LogoutRequest as its recipient reads it. */
export interface ParsedLogoutRequest {
  kind: 'LogoutRequest';
  id: string;
  issuer: string;
  destination?: string;
  nameId: { value: string; format?: string };
  /** Empty: every session of the principal (Core §3.7.3.2). */
  sessionIndexes: string[];
  /** ISO time after which the request must not be honoured (Core §3.7.1). */
  notOnOrAfter?: string;
}

/** A LogoutResponse as its recipient reads it. */
export interface ParsedLogoutResponse {
  kind: 'LogoutResponse';
  id: string;
  issuer: string;
  destination?: string;
  inResponseTo?: string;
  /** The top-level StatusCode Value. */
  status: string;
}

/**
 * Parses a LogoutRequest or LogoutResponse (DOCTYPE, size and depth refused by parseXml): the root
 * must be one of them with an ID, Version 2.0, IssueInstant and an Issuer; a request needs a
 * NameID (an EncryptedID or BaseID is refused as unsupported), a response a StatusCode.
 * @see SAML 2.0 Core §3.7.1, §3.7.2, §3.2.1, §3.2.2
 */
export function parseLogoutMessage(
  xml: string,
  limits?: XmlLimits,
): ParsedLogoutRequest | ParsedLogoutResponse {
  const root = parseXml(xml, limits).documentElement;
  const kind = root?.localName;
  if (root?.namespaceURI !== NS.samlp || (kind !== 'LogoutRequest' && kind !== 'LogoutResponse')) {
    throw new SamlError(
      'wrong-root',
      `Expected a samlp:LogoutRequest or samlp:LogoutResponse root but found ${root ? `{${root.namespaceURI ?? ''}}${root.localName}` : 'nothing'}`,
    );
  }
  const attribute = (name: string): string | undefined =>
    root.hasAttribute(name) ? (root.getAttribute(name) ?? '') : undefined;
  const required = (name: string): string => {
    const value = attribute(name);
    if (value === undefined || value === '')
      throw new SamlError('malformed', `${kind} has no ${name} attribute (required by SAML Core §3.2)`);
    return value;
  };
  if (required('Version') !== '2.0')
    throw new SamlError('malformed', `${kind} Version is '${attribute('Version')}' but must be '2.0'`);
  required('IssueInstant');
  const issuer = optionalChild(root, NS.saml, 'Issuer')?.textContent?.trim();
  if (!issuer)
    throw new SamlError('malformed', `${kind} has no Issuer (SAML Profiles §4.4.4.1 requires one)`);
  const common = {
    id: required('ID'),
    issuer,
    ...(attribute('Destination') === undefined ? {} : { destination: attribute('Destination')! }),
  };
  if (kind === 'LogoutResponse') {
    const status = optionalChild(root, NS.samlp, 'Status');
    const code = status && optionalChild(status, NS.samlp, 'StatusCode')?.getAttribute('Value');
    if (!code)
      throw new SamlError('malformed', 'LogoutResponse has no Status/StatusCode Value (SAML Core §3.2.2)');
    const inResponseTo = attribute('InResponseTo');
    return { kind, ...common, status: code, ...(inResponseTo ? { inResponseTo } : {}) };
  }
  const nameIds = childElements(root, NS.saml, 'NameID');
  if (nameIds.length !== 1 || !nameIds[0]?.textContent?.trim()) {
    throw new SamlError(
      'malformed',
      'LogoutRequest must name its principal in exactly one saml:NameID (EncryptedID and BaseID are not supported here)',
    );
  }
  const nameId = nameIds[0];
  const format = nameId.getAttribute('Format');
  const notOnOrAfter = attribute('NotOnOrAfter');
  // A time that does not read as one would never expire: refused, as the Assertion's are.
  if (notOnOrAfter) time(root, 'NotOnOrAfter');
  return {
    kind,
    ...common,
    nameId: { value: nameId.textContent!.trim(), ...(format ? { format } : {}) },
    sessionIndexes: childElements(root, NS.samlp, 'SessionIndex').map((element) =>
      (element.textContent ?? '').trim(),
    ),
    ...(notOnOrAfter ? { notOnOrAfter } : {}),
  };
}

/** An SLO message as it arrived at a SingleLogoutService endpoint. */
export interface SloArrival {
  method: string;
  /** The raw query string (Redirect binding), without '?'. */
  rawQuery: string;
  /** The decoded form fields (POST binding). */
  form?: URLSearchParams;
}

/**
 * An SLO endpoint's request as {@link receiveSloMessage} takes it: the query kept raw (the
 * Redirect signature covers it exactly as sent), the body read as a form on POST.
 */
export function sloArrivalOf(request: { method: string; url: string; body?: string }): SloArrival {
  const question = request.url.indexOf('?');
  const rawQuery = question < 0 ? '' : request.url.slice(question + 1).split('#')[0]!;
  const method = request.method.toUpperCase();
  return {
    method,
    rawQuery,
    ...(method === 'POST' ? { form: new URLSearchParams(request.body ?? '') } : {}),
  };
}

/** An SLO message read and its signature verified. */
export interface ReceivedSloMessage {
  binding: 'redirect' | 'post';
  message: ParsedLogoutRequest | ParsedLogoutResponse;
  relayState?: string;
}

/**
 * Reads a LogoutRequest or LogoutResponse from a front-channel binding (a GET with SAMLRequest or
 * SAMLResponse in the query, or a POSTed form) and verifies the sender's signature with the pinned
 * certificates: the detached query signature on HTTP-Redirect, the enveloped one on HTTP-POST. An
 * unsigned message is refused (`signature-missing`): Profiles §4.4.4.1 requires the requester, and
 * §4.4.4.2 the responder, to authenticate the message, which these bindings do by signing it.
 * @see SAML 2.0 Bindings §3.4.4.1, §3.5.4; SAML 2.0 Profiles §4.4.4
 */
export function receiveSloMessage(
  arrival: SloArrival,
  trusted: readonly string[],
  limits?: XmlLimits,
): ReceivedSloMessage {
  if (arrival.method === 'GET') {
    const decoded = decodeRedirect(arrival.rawQuery, limits);
    const message = parseLogoutMessage(decoded.xml, limits);
    verifyRedirectSignature(decoded, trusted);
    return { binding: 'redirect', message, ...relay(decoded.relayState) };
  }
  const field = arrival.form?.get('SAMLRequest') ?? arrival.form?.get('SAMLResponse');
  if (arrival.method !== 'POST' || field === undefined || field === null) {
    throw new SamlError(
      'malformed',
      'A Single Logout message comes as a GET with SAMLRequest or SAMLResponse in the query (HTTP-Redirect) or a POSTed form with one of them (HTTP-POST)',
    );
  }
  const xml = decodePost(field, limits);
  const message = parseLogoutMessage(xml, limits);
  const doc = parseXml(xml, limits);
  verifyElementSignature(doc, doc.documentElement!, { trusted });
  return { binding: 'post', message, ...relay(arrival.form?.get('RelayState') ?? undefined) };
}

function relay(relayState: string | undefined): { relayState?: string } {
  return relayState === undefined ? {} : { relayState };
}
