/**
 * The SP's AuthnRequest: built by the mock SPs, parsed (strictly) by the reference IdP.
 * @see SAML 2.0 Core §3.4.1 (AuthnRequest); IDP-SSO-05, SF-14
 */
import type { KeyPair } from './keys.js';
import { BINDING } from './metadata.js';
import { newSamlId, writeElement, type XmlAttributes, type XmlChild } from './response.js';
import { signXml, type SigningAlgorithm } from './sign.js';
import { NS, SamlError, childElements, optionalChild, parseXml, type XmlLimits } from './xml.js';

/** What the SP asks for. */
export interface AuthnRequestInput {
  /** SP entity ID. */
  issuer: string;
  /** IdP SSO URL. */
  destination: string;
  /** AssertionConsumerServiceURL; exclusive with `acsIndex`. */
  acsUrl?: string;
  /** AssertionConsumerServiceIndex; exclusive with `acsUrl` and `protocolBinding`. */
  acsIndex?: number;
  /** @default HTTP-POST unless `acsIndex` is given */
  protocolBinding?: string;
  /** NameIDPolicy Format; the policy carries only AllowCreate when absent. */
  nameIdFormat?: string;
  forceAuthn?: boolean;
  now: Date;
  /** @default newSamlId() */
  id?: string;
}

/** An AuthnRequest as the IdP reads it. */
export interface ParsedAuthnRequest {
  id: string;
  issuer: string;
  destination?: string;
  acsUrl?: string;
  acsIndex?: number;
  protocolBinding?: string;
  nameIdFormat?: string;
  issueInstant: string;
  /** A ds:Signature child is present; verifying it is the caller's job (verifyElementSignature). */
  signed: boolean;
}

/**
 * Builds an unsigned samlp:AuthnRequest (sign it with `signAuthnRequest` for the POST binding, or
 * through `encodeRedirect` for the Redirect binding).
 * @see SAML 2.0 Core §3.4.1, §3.2.1
 */
export function buildAuthnRequest(input: AuthnRequestInput): { xml: string; id: string } {
  if (input.acsIndex !== undefined && (input.acsUrl !== undefined || input.protocolBinding !== undefined)) {
    throw new TypeError(
      'AuthnRequestInput: acsIndex cannot be combined with acsUrl or protocolBinding (SAML Core §3.4.1); give one or the other',
    );
  }
  return protocolRequest(
    'samlp:AuthnRequest',
    input,
    {
      ForceAuthn: input.forceAuthn,
      AssertionConsumerServiceURL: input.acsUrl,
      AssertionConsumerServiceIndex: input.acsIndex,
      ProtocolBinding: input.acsIndex === undefined ? (input.protocolBinding ?? BINDING.post) : undefined,
    },
    writeElement('saml:Issuer', {}, input.issuer),
    writeElement('samlp:NameIDPolicy', { Format: input.nameIdFormat, AllowCreate: true }),
  );
}

/**
 * A samlp request or status response (RequestAbstractType, StatusResponseType: ID, Version,
 * IssueInstant, Destination) with the element's own attributes and children; its ID is
 * `input.id` or a new one.
 * @see SAML 2.0 Core §3.2.1, §3.2.2
 */
export function protocolRequest(
  name: string,
  input: { id?: string; now: Date; destination?: string },
  attributes: XmlAttributes,
  ...children: XmlChild[]
): { xml: string; id: string } {
  const id = input.id ?? newSamlId();
  const xml = writeElement(
    name,
    {
      'xmlns:samlp': NS.samlp,
      'xmlns:saml': NS.saml,
      ID: id,
      Version: '2.0',
      IssueInstant: input.now.toISOString(),
      Destination: input.destination,
      ...attributes,
    },
    ...children,
  ).xml;
  return { xml, id };
}

/**
 * Enveloped signature for the HTTP-POST binding, right after the Issuer.
 * @see SAML 2.0 Bindings §3.5.4
 */
export function signAuthnRequest(
  xml: string,
  id: string,
  key: KeyPair,
  algorithm?: SigningAlgorithm,
): string {
  return signXml(xml, id, key, { algorithm: algorithm ?? 'rsa-sha256' });
}

function requiredAttribute(element: Element, name: string): string {
  const value = optionalAttribute(element, name);
  if (value === undefined || value === '') {
    throw new SamlError('malformed', `AuthnRequest has no ${name} attribute (required by SAML Core §3.2.1)`);
  }
  return value;
}

// xmldom's getAttribute answers '' for an absent attribute, so presence is asked separately.
function optionalAttribute(element: Element, name: string): string | undefined {
  return element.hasAttribute(name) ? (element.getAttribute(name) ?? '') : undefined;
}

/**
 * Parses an AuthnRequest (DOCTYPE, size and depth refused by parseXml); the root must be one
 * samlp:AuthnRequest with an ID, Version 2.0, IssueInstant and an Issuer.
 * @see SAML 2.0 Core §3.4.1; IDP-SSO-05
 */
export function parseAuthnRequest(xml: string, limits?: XmlLimits): ParsedAuthnRequest {
  const root = parseXml(xml, limits).documentElement;
  if (root?.namespaceURI !== NS.samlp || root.localName !== 'AuthnRequest') {
    throw new SamlError(
      'wrong-root',
      `Expected a samlp:AuthnRequest (${NS.samlp}) root but found ${root ? `{${root.namespaceURI ?? ''}}${root.localName}` : 'nothing'}`,
    );
  }
  const version = requiredAttribute(root, 'Version');
  if (version !== '2.0')
    throw new SamlError('malformed', `AuthnRequest Version is '${version}' but must be '2.0'`);

  const issuer = optionalChild(root, NS.saml, 'Issuer')?.textContent?.trim();
  if (!issuer)
    throw new SamlError('malformed', 'AuthnRequest has no saml:Issuer (the SP entity ID is needed)');

  const indexText = optionalAttribute(root, 'AssertionConsumerServiceIndex');
  let acsIndex: number | undefined;
  if (indexText !== undefined) {
    acsIndex = Number(indexText);
    if (!/^\d+$/.test(indexText) || acsIndex > 65535) {
      throw new SamlError(
        'malformed',
        `AssertionConsumerServiceIndex is '${indexText}' but must be an unsigned short (0–65535)`,
      );
    }
  }
  const nameIdPolicy = optionalChild(root, NS.samlp, 'NameIDPolicy');
  return {
    id: requiredAttribute(root, 'ID'),
    issuer,
    destination: optionalAttribute(root, 'Destination'),
    acsUrl: optionalAttribute(root, 'AssertionConsumerServiceURL'),
    acsIndex,
    protocolBinding: optionalAttribute(root, 'ProtocolBinding'),
    nameIdFormat: nameIdPolicy ? optionalAttribute(nameIdPolicy, 'Format') : undefined,
    issueInstant: requiredAttribute(root, 'IssueInstant'),
    signed: childElements(root, NS.ds, 'Signature').length > 0,
  };
}
