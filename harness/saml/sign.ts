/**
 * Enveloped XML signatures on SAML elements (assertions, responses, requests,
 * metadata) with xml-crypto: exclusive c14n, RSA-SHA256 unless SHA-1 is asked
 * for, the signature right after the element's Issuer.
 * @see SAML 2.0 Core §5.4, XML Signature 1.1 §4
 */
import { createHash, sign as cryptoSign } from 'node:crypto';
import {
  ExclusiveCanonicalization,
  SignedXml,
  type CanonicalizationOrTransformationAlgorithmProcessOptions,
} from 'xml-crypto';
import type { KeyPair } from './keys.js';
import { NS, allElements, childElements, parseXml, serialize } from './xml.js';

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

  // Written here rather than by xml-crypto's SignedXml, which parses the message a second time,
  // finds the element and its Issuer by XPath over the whole document (twice), and serializes it
  // twice: three quarters of its cost beside the RSA operation. The bytes are xml-crypto's own: its
  // ExclusiveCanonicalization digests the element and SignedInfo, the Signature has the shape its
  // signer writes, and sign.test.ts holds the output equal to SignedXml.computeSignature's.
  const ds = prefix === '' ? '' : `${prefix}:`;
  const canonical = new ExclusiveCanonicalization().process(element, C14N_OPTIONS);
  const digest = createHash(HASH_NAME[algorithm]).update(canonical).digest('base64');
  const keyInfo =
    options.includeKeyInfo === false
      ? ''
      : // KeyInfo publishes the certificate (a verifier must never take its key from there).
        `<${ds}KeyInfo><${ds}X509Data><${ds}X509Certificate>${key.certificateBase64}</${ds}X509Certificate></${ds}X509Data></${ds}KeyInfo>`;
  const signatureXml =
    `<${ds}Signature xmlns${prefix === '' ? '' : `:${prefix}`}="${NS.ds}">` +
    `<${ds}SignedInfo><${ds}CanonicalizationMethod Algorithm="${EXCLUSIVE_C14N}"/>` +
    `<${ds}SignatureMethod Algorithm="${SIGNATURE_URI[algorithm]}"/>` +
    `<${ds}Reference URI="#${elementId}"><${ds}Transforms>` +
    `<${ds}Transform Algorithm="${ENVELOPED_SIGNATURE}"/><${ds}Transform Algorithm="${EXCLUSIVE_C14N}"/>` +
    `</${ds}Transforms><${ds}DigestMethod Algorithm="${DIGEST_URI[algorithm]}"/>` +
    `<${ds}DigestValue>${digest}</${ds}DigestValue></${ds}Reference></${ds}SignedInfo>` +
    `<${ds}SignatureValue/>${keyInfo}</${ds}Signature>`;
  const signature = parseXml(signatureXml).documentElement!;
  const signedInfo = childElements(signature, NS.ds, 'SignedInfo')[0];
  const signatureValue = childElements(signature, NS.ds, 'SignatureValue')[0];
  const signedBytes = new ExclusiveCanonicalization().process(signedInfo!, C14N_OPTIONS);
  signatureValue!.appendChild(
    signature.ownerDocument.createTextNode(
      cryptoSign(HASH_NAME[algorithm], Buffer.from(signedBytes), key.privateKey).toString('base64'),
    ),
  );
  // Right after the element's Issuer, or as its first child (SAML Core §5.4.1).
  const placed = doc.importNode(signature, true);
  const issuer = childElements(element, NS.saml, 'Issuer')[0];
  element.insertBefore(placed, issuer ? issuer.nextSibling : element.firstChild);
  return serialize(doc);
}

/** What xml-crypto's SignedXml passes its canonicalizer (the `ds` prefix for an unbound ds: name). */
const C14N_OPTIONS: CanonicalizationOrTransformationAlgorithmProcessOptions = {
  defaultNsForPrefix: SignedXml.defaultNsForPrefix,
  inclusiveNamespacesPrefixList: [],
  ancestorNamespaces: [],
};

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
