/**
 * SAML metadata: the reference IdP's EntityDescriptor (served at its metadata URL, downloadable)
 * and the mock SPs' own, built and parsed.
 * @see SAML 2.0 Metadata §2.3.2 (EntityDescriptor), §2.4.3 (IDPSSODescriptor), §2.4.4 (SPSSODescriptor);
 *   IDP-SSO-02, INT-02, SPK-01
 */
import { base64ToPem, pemToBase64, type KeyPair } from './keys.js';
import { NAMEID_FORMAT, newSamlId, writeElement, type Markup } from './response.js';
import { signXml } from './sign.js';
import { verifyElementSignature } from './verify.js';
import { NS, SamlError, childElements, onlyChild, optionalChild, parseXml } from './xml.js';

export const BINDING = {
  redirect: 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect',
  post: 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST',
} as const;

/** The IdP as an SP configures it. */
export interface IdpMetadata {
  entityId: string;
  ssoUrls: { redirect?: string; post?: string };
  /** Signing certificates (PEM). */
  certificates: string[];
  /** @default false */
  wantAuthnRequestsSigned?: boolean;
  /** SingleLogoutService endpoints, when the IdP takes Single Logout. */
  singleLogout?: { url: string; binding: string }[];
}

/** One AssertionConsumerService endpoint. */
export interface AcsEndpoint {
  url: string;
  binding: string;
  index: number;
  isDefault?: boolean;
}

/** The SP as the IdP configures it. */
export interface SpMetadata {
  entityId: string;
  acs: AcsEndpoint[];
  /** AuthnRequest signing certificates (PEM). */
  signingCertificates: string[];
  /** Certificates the IdP encrypts assertions to (PEM). */
  encryptionCertificates: string[];
  authnRequestsSigned: boolean;
  wantAssertionsSigned: boolean;
  nameIdFormats: string[];
  /** SingleLogoutService endpoints, when the SP takes Single Logout. */
  singleLogout?: { url: string; binding: string }[];
}

const PROTOCOL = NS.samlp;

function keyDescriptor(use: 'signing' | 'encryption', certificatePem: string): Markup {
  return writeElement(
    'md:KeyDescriptor',
    { use },
    writeElement(
      'ds:KeyInfo',
      {},
      writeElement('ds:X509Data', {}, writeElement('ds:X509Certificate', {}, pemToBase64(certificatePem))),
    ),
  );
}

function entityDescriptor(entityId: string, descriptor: Markup, sign: { key: KeyPair } | undefined): string {
  // An ID so the EntityDescriptor can carry an enveloped signature (Metadata §2.3.2).
  const id = newSamlId();
  const xml = writeElement(
    'md:EntityDescriptor',
    { 'xmlns:md': NS.md, 'xmlns:ds': NS.ds, entityID: entityId, ID: id },
    descriptor,
  ).xml;
  return sign ? signXml(xml, id, sign.key) : xml;
}

function singleLogoutServices(endpoints: readonly { url: string; binding: string }[] = []): Markup[] {
  return endpoints.map((endpoint) =>
    writeElement('md:SingleLogoutService', { Binding: endpoint.binding, Location: endpoint.url }),
  );
}

/** SingleLogoutService endpoints of an SSO descriptor, as `{ singleLogout }` when it has any. */
function singleLogoutOf(descriptor: Element): { singleLogout?: { url: string; binding: string }[] } {
  const singleLogout = childElements(descriptor, NS.md, 'SingleLogoutService').map((service) => ({
    url: required(service, 'Location'),
    binding: required(service, 'Binding'),
  }));
  return singleLogout.length === 0 ? {} : { singleLogout };
}

/**
 * IdP metadata: IDPSSODescriptor with the signing certificate(s), the NameID format and the
 * SingleSignOnService endpoints (HTTP-Redirect and HTTP-POST); signed when `sign` is given.
 * @see SAML 2.0 Metadata §2.4.3; IDP-SSO-02
 */
export function buildIdpMetadata(meta: IdpMetadata, sign?: { key: KeyPair }): string {
  const sso = (binding: string, url: string | undefined): Markup | undefined =>
    url === undefined
      ? undefined
      : writeElement('md:SingleSignOnService', { Binding: binding, Location: url });
  return entityDescriptor(
    meta.entityId,
    writeElement(
      'md:IDPSSODescriptor',
      {
        protocolSupportEnumeration: PROTOCOL,
        WantAuthnRequestsSigned: meta.wantAuthnRequestsSigned ?? false,
      },
      ...meta.certificates.map((pem) => keyDescriptor('signing', pem)),
      // Schema order: SingleLogoutService before NameIDFormat (Metadata §2.4.2 SSODescriptorType).
      ...singleLogoutServices(meta.singleLogout),
      writeElement('md:NameIDFormat', {}, NAMEID_FORMAT.unspecified),
      sso(BINDING.redirect, meta.ssoUrls.redirect),
      sso(BINDING.post, meta.ssoUrls.post),
    ),
    sign,
  );
}

/**
 * SP metadata: SPSSODescriptor with signing and encryption KeyDescriptors, NameID formats and
 * the indexed AssertionConsumerService endpoints; signed when `sign` is given.
 * @see SAML 2.0 Metadata §2.4.4
 */
export function buildSpMetadata(meta: SpMetadata, sign?: { key: KeyPair }): string {
  return entityDescriptor(
    meta.entityId,
    writeElement(
      'md:SPSSODescriptor',
      {
        protocolSupportEnumeration: PROTOCOL,
        AuthnRequestsSigned: meta.authnRequestsSigned,
        WantAssertionsSigned: meta.wantAssertionsSigned,
      },
      ...meta.signingCertificates.map((pem) => keyDescriptor('signing', pem)),
      ...meta.encryptionCertificates.map((pem) => keyDescriptor('encryption', pem)),
      // Schema order: SingleLogoutService before NameIDFormat (Metadata §2.4.2 SSODescriptorType).
      ...singleLogoutServices(meta.singleLogout),
      ...meta.nameIdFormats.map((format) => writeElement('md:NameIDFormat', {}, format)),
      ...meta.acs.map((endpoint) =>
        writeElement('md:AssertionConsumerService', {
          Binding: endpoint.binding,
          Location: endpoint.url,
          index: endpoint.index,
          isDefault: endpoint.isDefault,
        }),
      ),
    ),
    sign,
  );
}

// xmldom's getAttribute answers '' for an absent attribute, so presence is asked separately.
function attribute(element: Element, name: string): string | undefined {
  return element.hasAttribute(name) ? (element.getAttribute(name) ?? '') : undefined;
}

function required(element: Element, name: string): string {
  const value = attribute(element, name);
  if (!value) throw new SamlError('malformed', `md:${element.localName} has no ${name} attribute`);
  return value;
}

/** xs:boolean: 'true' or '1'. */
function flag(element: Element, name: string): boolean {
  const value = attribute(element, name)?.trim();
  return value === 'true' || value === '1';
}

function entityRoot(doc: Document): Element {
  const root = doc.documentElement;
  if (root?.namespaceURI !== NS.md || root.localName !== 'EntityDescriptor') {
    throw new SamlError(
      'wrong-root',
      `Expected an md:EntityDescriptor (${NS.md}) root but found ${root ? `{${root.namespaceURI ?? ''}}${root.localName}` : 'nothing'}`,
    );
  }
  return root;
}

/** Certificates (PEM) of the descriptor's KeyDescriptors for `use`; one without `use` counts for both. */
function certificates(descriptor: Element, use: 'signing' | 'encryption'): string[] {
  return childElements(descriptor, NS.md, 'KeyDescriptor')
    .filter((key) => (attribute(key, 'use') ?? use) === use)
    .flatMap((key) => {
      const keyInfo = optionalChild(key, NS.ds, 'KeyInfo');
      if (!keyInfo) return [];
      return childElements(keyInfo, NS.ds, 'X509Data')
        .flatMap((data) => childElements(data, NS.ds, 'X509Certificate'))
        .map((certificate) => certificatePem(certificate.textContent ?? ''));
    });
}

function certificatePem(base64: string): string {
  try {
    return base64ToPem(base64);
  } catch {
    throw new SamlError('malformed', 'A KeyDescriptor ds:X509Certificate is not base64 DER');
  }
}

/**
 * Parses IdP metadata. With `trusted` (pinned PEMs) the EntityDescriptor signature is verified
 * and only the verified element is read; without it any signature is ignored.
 * @see SAML 2.0 Metadata §2.4.3, §3 (signature processing); INT-02, SPK-01
 */
export function parseIdpMetadata(xml: string, options?: { trusted?: string[] }): IdpMetadata {
  const doc = parseXml(xml);
  let root = entityRoot(doc);
  if (options?.trusted) root = verifyElementSignature(doc, root, { trusted: options.trusted }).element;

  const descriptor = onlyChild(root, NS.md, 'IDPSSODescriptor', 'malformed');
  const ssoUrls: IdpMetadata['ssoUrls'] = {};
  for (const service of childElements(descriptor, NS.md, 'SingleSignOnService')) {
    const binding = attribute(service, 'Binding');
    if (binding === BINDING.redirect) ssoUrls.redirect ??= required(service, 'Location');
    if (binding === BINDING.post) ssoUrls.post ??= required(service, 'Location');
  }
  if (ssoUrls.redirect === undefined && ssoUrls.post === undefined) {
    throw new SamlError(
      'malformed',
      'IDPSSODescriptor has no SingleSignOnService for HTTP-Redirect or HTTP-POST: an SP cannot send users anywhere',
    );
  }
  const signing = certificates(descriptor, 'signing');
  if (signing.length === 0) {
    throw new SamlError(
      'malformed',
      'IDPSSODescriptor has no signing certificate (KeyDescriptor use="signing" with ds:X509Certificate)',
    );
  }
  return {
    entityId: required(root, 'entityID'),
    ssoUrls,
    certificates: signing,
    wantAuthnRequestsSigned: flag(descriptor, 'WantAuthnRequestsSigned'),
    ...singleLogoutOf(descriptor),
  };
}

/**
 * Parses SP metadata (signature, if any, not checked: the IdP admin uploads it by hand).
 * @see SAML 2.0 Metadata §2.4.4
 */
export function parseSpMetadata(xml: string): SpMetadata {
  const root = entityRoot(parseXml(xml));
  const descriptor = onlyChild(root, NS.md, 'SPSSODescriptor', 'malformed');
  const acs = childElements(descriptor, NS.md, 'AssertionConsumerService').map((service): AcsEndpoint => {
    const index = required(service, 'index');
    if (!/^\d+$/.test(index)) {
      throw new SamlError(
        'malformed',
        `AssertionConsumerService index is '${index}' but must be an unsigned short`,
      );
    }
    const isDefault = attribute(service, 'isDefault');
    return {
      url: required(service, 'Location'),
      binding: required(service, 'Binding'),
      index: Number(index),
      ...(isDefault === undefined ? {} : { isDefault: flag(service, 'isDefault') }),
    };
  });
  return {
    entityId: required(root, 'entityID'),
    acs,
    signingCertificates: certificates(descriptor, 'signing'),
    encryptionCertificates: certificates(descriptor, 'encryption'),
    authnRequestsSigned: flag(descriptor, 'AuthnRequestsSigned'),
    wantAssertionsSigned: flag(descriptor, 'WantAssertionsSigned'),
    nameIdFormats: childElements(descriptor, NS.md, 'NameIDFormat').map((format) =>
      (format.textContent ?? '').trim(),
    ),
    ...singleLogoutOf(descriptor),
  };
}
