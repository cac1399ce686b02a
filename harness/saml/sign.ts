/**
 * Enveloped XML signatures on SAML elements (assertions, responses, requests,
 * metadata) with xml-crypto: exclusive c14n, RSA-SHA256 unless SHA-1 is asked
 * for, the signature right after the element's Issuer.
 * @see SAML 2.0 Core §5.4, XML Signature 1.1 §4
 */
import { SignedXml } from 'xml-crypto';
import type { KeyPair } from './keys.js';
import { NS, allElements, childElements, parseXml } from './xml.js';

/** Signature algorithms the harness signs with. @see SAML 2.0 Core §5.4.1, RFC 6931 §2.3.2 */
export type SigningAlgorithm = 'rsa-sha256' | 'rsa-sha1';

/** SignatureMethod / SigAlg URI of each algorithm. @see RFC 6931 §2.3.2, XML Signature 1.1 §6.4.2 */
export const SIGNATURE_URI: Record<SigningAlgorithm, string> = {
  'rsa-sha256': 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
  'rsa-sha1': 'http://www.w3.org/2000/09/xmldsig#rsa-sha1',
};

/** DigestMethod URI that goes with each algorithm. @see XML Encryption §5.7.2, XML Signature 1.1 §6.2.1 */
export const DIGEST_URI: Record<SigningAlgorithm, string> = {
  'rsa-sha256': 'http://www.w3.org/2001/04/xmlenc#sha256',
  'rsa-sha1': 'http://www.w3.org/2000/09/xmldsig#sha1',
};

/** node:crypto digest name of each algorithm (for detached signatures). @see SAML 2.0 Bindings §3.4.4.1 */
export const HASH_NAME: Record<SigningAlgorithm, 'sha256' | 'sha1'> = {
  'rsa-sha256': 'sha256',
  'rsa-sha1': 'sha1',
};

/** Exclusive XML canonicalization. @see SAML 2.0 Core §5.4.3 */
export const EXCLUSIVE_C14N = 'http://www.w3.org/2001/10/xml-exc-c14n#';
/** The enveloped-signature transform. @see SAML 2.0 Core §5.4.4 */
export const ENVELOPED_SIGNATURE = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';

/** What a SAML ID (xs:ID, an NCName) looks like; checked before an ID goes into any XPath. @see SAML 2.0 Core §1.3.4 */
export const SAFE_ID = /^[A-Za-z_][\w.-]*$/;

/** XPath to the element whose ID attribute is `id`; only ever called with an ID that matched {@link SAFE_ID}. */
const ELEMENT_WITH_ID = (id: string): string => `//*[@ID='${id}']`;
/** XPath to the saml:Issuer child of that element. */
const ISSUER_OF_ELEMENT_WITH_ID = (id: string): string =>
  `${ELEMENT_WITH_ID(id)}/*[local-name(.)='Issuer' and namespace-uri(.)='${NS.saml}']`;

/** Options of {@link signXml}. @see SAML 2.0 Core §5.4 */
export interface SignXmlOptions {
  /**
   * Signature algorithm; the digest follows it (SHA-256, or SHA-1 for rsa-sha1).
   * @default 'rsa-sha256'
   */
  algorithm?: SigningAlgorithm;
  /**
   * Put the certificate in ds:KeyInfo/ds:X509Data/ds:X509Certificate.
   * @default true
   */
  includeKeyInfo?: boolean;
  /**
   * Namespace prefix of the signature elements.
   * @default 'ds'
   */
  prefix?: string;
}

/**
 * Enveloped signature over the element with this ID (exclusive c14n, digest sha256 unless rsa-sha1 asked),
 * inserted right after that element's saml:Issuer child (or first child if none), KeyInfo with X509Certificate.
 * @see SAML 2.0 Core §5.4.1–5.4.4, XML Signature 1.1 §6.6.4 (enveloped-signature transform)
 */
export function signXml(xml: string, elementId: string, key: KeyPair, options: SignXmlOptions = {}): string {
  const algorithm = options.algorithm ?? 'rsa-sha256';
  const prefix = options.prefix ?? 'ds';
  if (!(algorithm in SIGNATURE_URI)) {
    throw new TypeError(
      `signXml: algorithm must be one of ${Object.keys(SIGNATURE_URI).join(', ')}, got '${algorithm}'`,
    );
  }
  if (typeof elementId !== 'string' || !SAFE_ID.test(elementId)) {
    throw new TypeError(
      `signXml: element ID '${String(elementId)}' is not an xs:ID (expected ${String(SAFE_ID)})`,
    );
  }
  if (prefix !== '' && !SAFE_ID.test(prefix))
    throw new TypeError(`signXml: prefix '${prefix}' is not an NCName`);

  // Our own message, so generous limits: this parse is only to find the element and its Issuer.
  const doc = parseXml(xml, { maxBytes: 64 * 1024 * 1024, maxDepth: 1000 });
  const element = elementWithId(doc, elementId);
  if (childElements(element, NS.ds, 'Signature').length > 0) {
    throw new TypeError(`signXml: <${element.tagName} ID="${elementId}"> is already signed; sign it once`);
  }
  const hasIssuer = childElements(element, NS.saml, 'Issuer').length > 0;

  const signer = new SignedXml({
    privateKey: key.privateKey,
    // KeyInfo publishes the certificate (a verifier must never take its key from there). Built from the
    // base64 we already hold: xml-crypto would otherwise re-scan the PEM on every signature.
    ...(options.includeKeyInfo === false
      ? {}
      : {
          publicCert: key.certificatePem,
          getKeyInfoContent: ({ prefix: p }: { prefix?: string | null }) => {
            const ns = p ? `${p}:` : '';
            return `<${ns}X509Data><${ns}X509Certificate>${key.certificateBase64}</${ns}X509Certificate></${ns}X509Data>`;
          },
        }),
    signatureAlgorithm: SIGNATURE_URI[algorithm],
    canonicalizationAlgorithm: EXCLUSIVE_C14N,
  });
  signer.addReference({
    xpath: ELEMENT_WITH_ID(elementId),
    transforms: [ENVELOPED_SIGNATURE, EXCLUSIVE_C14N],
    digestAlgorithm: DIGEST_URI[algorithm],
  });
  signer.computeSignature(xml, {
    prefix,
    location: hasIssuer
      ? { reference: ISSUER_OF_ELEMENT_WITH_ID(elementId), action: 'after' }
      : { reference: ELEMENT_WITH_ID(elementId), action: 'prepend' },
  });
  return signer.getSignedXml();
}

/** The one element carrying `ID="id"`; anything else is a bug in the caller. */
function elementWithId(doc: Document, id: string): Element {
  const found = allElements(doc).filter((element) => element.getAttribute('ID') === id);
  if (found.length !== 1 || !found[0]) {
    throw new TypeError(
      `signXml: expected exactly one element with ID="${id}" in the XML, found ${found.length}`,
    );
  }
  return found[0];
}
