/**
 * The shape of a ds:Signature on a SAML element, checked element by element
 * before any cryptography: one SignedInfo, one Reference to the element's own
 * (unique, XPath-safe) ID, only the algorithms and transforms SAML allows, and
 * nothing but base64 text in DigestValue and SignatureValue.
 * @see SAML 2.0 Core §5.4.1–5.4.4, XML Signature 1.1 §4
 */
import {
  ENVELOPED_SIGNATURE,
  EXCLUSIVE_C14N,
  SAFE_ID,
  SIGNATURE_URI,
  type SigningAlgorithm,
} from './sign.js';
import { NS, SamlError, allElements, type SamlRefusal } from './xml.js';

/** Canonicalizations SAML allows (exclusive recommended) and xml-crypto implements. @see SAML 2.0 Core §5.4.3 */
const CANONICALIZATIONS: ReadonlySet<string> = new Set([
  EXCLUSIVE_C14N,
  'http://www.w3.org/2001/10/xml-exc-c14n#WithComments',
  'http://www.w3.org/TR/2001/REC-xml-c14n-20010315',
  'http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments',
]);
/** Transforms SAML allows in a Reference: enveloped-signature plus a canonicalization. @see SAML 2.0 Core §5.4.4 */
const TRANSFORMS: ReadonlySet<string> = new Set([ENVELOPED_SIGNATURE, ...CANONICALIZATIONS]);
const SIGNATURE_ALGORITHMS: ReadonlyMap<string, SigningAlgorithm> = new Map(
  Object.entries(SIGNATURE_URI).map(([name, uri]) => [uri, name as SigningAlgorithm]),
);
const SHA1_DIGEST = 'http://www.w3.org/2000/09/xmldsig#sha1';
const STRONG_DIGESTS: ReadonlySet<string> = new Set([
  'http://www.w3.org/2001/04/xmlenc#sha256',
  'http://www.w3.org/2001/04/xmlenc#sha512',
]);
/** Attribute names xml-crypto resolves a same-document reference against (in any namespace). */
const ID_ATTRIBUTE_NAMES: ReadonlySet<string> = new Set(['ID', 'Id', 'id']);
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

/**
 * The element's ID: present, an xs:ID (so no quotes can reach an XPath), and on no other element.
 * @see SAML 2.0 Core §1.3.4, §5.4.2
 */
export function checkedId(doc: Document, element: Element, where: string): string {
  const id = element.getAttributeNode('ID')?.value;
  if (id === undefined || id === '') {
    throw new SamlError(
      'malformed',
      `${where} is signed but has no ID attribute for the signature to reference`,
    );
  }
  if (!SAFE_ID.test(id)) {
    throw new SamlError(
      'malformed',
      `${where} ID "${id}" is not an xs:ID (letters, digits, '_', '-', '.'); refusing it`,
    );
  }
  const holders = allElements(doc).filter((candidate) =>
    Array.from(candidate.attributes).some(
      (attribute) => ID_ATTRIBUTE_NAMES.has(attribute.localName) && attribute.value === id,
    ),
  );
  if (holders.length > 1) {
    throw new SamlError(
      'signature-wrapping',
      `ID "${id}" appears on ${holders.length} elements (${holders.map((holder) => `<${holder.tagName}>`).join(', ')}); ` +
        'a duplicated ID is how signature wrapping hides a forged element (SAML Core §1.3.4: IDs are unique)',
    );
  }
  return id;
}

/**
 * Checks ds:Signature element by element before any cryptography; returns the signature algorithm.
 * @see SAML 2.0 Core §5.4.1–5.4.4, XML Signature 1.1 §4.2–4.4
 */
export function checkSignatureStructure(
  signature: Element,
  id: string,
  where: string,
  allowSha1: boolean,
): SigningAlgorithm {
  const invalid = (reason: SamlRefusal, problem: string): SamlError =>
    new SamlError(reason, `${where} signature: ${problem}`);
  const [signedInfo, signatureValue, ...rest] = elementChildren(signature);
  if (!isDs(signedInfo, 'SignedInfo') || !isDs(signatureValue, 'SignatureValue')) {
    throw invalid(
      'signature-invalid',
      'ds:Signature must start with ds:SignedInfo then ds:SignatureValue (XML Signature 1.1 §4.2)',
    );
  }
  // A second SignedInfo beside the first is the xml-crypto CVE-2025-29774 shape.
  if (rest.some((child) => !isDs(child, 'KeyInfo')) || rest.length > 1) {
    const names = rest.map((child) => `<${child.tagName}>`).join(', ');
    throw invalid(
      'signature-invalid',
      `after ds:SignatureValue only one ds:KeyInfo is allowed, found ${names} (a second SignedInfo or an Object is refused)`,
    );
  }
  requireTextOnly(signatureValue, () =>
    invalid('signature-invalid', 'ds:SignatureValue must be base64 text only'),
  );

  const [c14n, method, reference, ...extra] = elementChildren(signedInfo);
  if (
    !isDs(c14n, 'CanonicalizationMethod') ||
    !isDs(method, 'SignatureMethod') ||
    !isDs(reference, 'Reference')
  ) {
    throw invalid(
      'signature-invalid',
      'ds:SignedInfo must hold CanonicalizationMethod, SignatureMethod and Reference, in that order (XML Signature 1.1 §4.4)',
    );
  }
  if (extra.length > 0) {
    throw invalid(
      'signature-wrapping',
      `ds:SignedInfo has ${extra.length + 1} children after SignatureMethod; exactly one Reference is allowed (SAML Core §5.4.2)`,
    );
  }
  const canonicalization = c14n.getAttribute('Algorithm') ?? '';
  if (!CANONICALIZATIONS.has(canonicalization)) {
    throw invalid(
      'signature-invalid',
      `CanonicalizationMethod '${canonicalization}' is not allowed; use ${EXCLUSIVE_C14N}`,
    );
  }
  const algorithm = SIGNATURE_ALGORITHMS.get(method.getAttribute('Algorithm') ?? '');
  if (!algorithm) {
    throw invalid(
      'signature-invalid',
      `SignatureMethod '${method.getAttribute('Algorithm')}' is not supported; sign with ${SIGNATURE_URI['rsa-sha256']}`,
    );
  }
  if (algorithm === 'rsa-sha1' && !allowSha1) {
    throw invalid(
      'weak-algorithm',
      `SignatureMethod is RSA-SHA1; this SP requires ${SIGNATURE_URI['rsa-sha256']}`,
    );
  }

  if (reference.getAttributeNode('URI')?.value !== `#${id}`) {
    throw invalid(
      'signature-wrapping',
      `ds:Reference URI is "${reference.getAttribute('URI')}" but must be "#${id}", the signed element's own ID (SAML Core §5.4.2)`,
    );
  }
  const referenceChildren = elementChildren(reference);
  const transforms = isDs(referenceChildren[0], 'Transforms') ? referenceChildren.shift() : undefined;
  const [digestMethod, digestValue, ...more] = referenceChildren;
  if (!isDs(digestMethod, 'DigestMethod') || !isDs(digestValue, 'DigestValue') || more.length > 0) {
    throw invalid(
      'signature-invalid',
      'ds:Reference must hold [Transforms,] DigestMethod and DigestValue, once each (XML Signature 1.1 §4.4.3)',
    );
  }
  for (const transform of transforms ? elementChildren(transforms) : []) {
    const name = transform.getAttribute('Algorithm') ?? '';
    if (!isDs(transform, 'Transform') || !TRANSFORMS.has(name)) {
      throw invalid(
        'signature-invalid',
        `Transform '${name}' is not allowed; only enveloped-signature and exclusive c14n (SAML Core §5.4.4)`,
      );
    }
  }
  if (transforms && elementChildren(transforms).length > 2) {
    throw invalid(
      'signature-invalid',
      'more than two Transforms; SAML uses enveloped-signature and one c14n (SAML Core §5.4.4)',
    );
  }
  const digest = digestMethod.getAttribute('Algorithm') ?? '';
  if (digest === SHA1_DIGEST && !allowSha1) {
    throw invalid(
      'weak-algorithm',
      'DigestMethod is SHA-1; this SP requires http://www.w3.org/2001/04/xmlenc#sha256',
    );
  }
  if (digest !== SHA1_DIGEST && !STRONG_DIGESTS.has(digest)) {
    throw invalid(
      'signature-invalid',
      `DigestMethod '${digest}' is not supported; use http://www.w3.org/2001/04/xmlenc#sha256`,
    );
  }
  // A comment (or any markup) inside DigestValue is the xml-crypto CVE-2025-29775 shape: refuse it outright.
  requireTextOnly(digestValue, () =>
    invalid('digest-invalid', 'ds:DigestValue must be base64 text only; it contains a comment or markup'),
  );
  return algorithm;
}

function elementChildren(parent: Element): Element[] {
  return Array.from(parent.childNodes).filter(isElement);
}

function isElement(node: Node | undefined): node is Element {
  return node?.nodeType === ELEMENT_NODE;
}

function isDs(node: Element | undefined, localName: string): node is Element {
  return node?.namespaceURI === NS.ds && node.localName === localName;
}

/** Only text nodes (no comments, CDATA, PIs or elements) and base64 once whitespace is removed. */
function requireTextOnly(element: Element, refusal: () => SamlError): void {
  const nodes = Array.from(element.childNodes);
  if (nodes.some((node) => node.nodeType !== TEXT_NODE)) throw refusal();
  const text = nodes.map((node) => node.nodeValue ?? '').join('');
  if (!BASE64.test(text.replace(/\s+/g, ''))) throw refusal();
}
