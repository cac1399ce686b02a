/**
 * The octets an enveloped SAML signature covers, computed on the document we already parsed and
 * checked: the referenced element after the Reference's transforms (enveloped-signature, then
 * exclusive c14n with any InclusiveNamespaces PrefixList), and SignedInfo after its
 * CanonicalizationMethod. The canonicalization itself is xml-crypto's own (its exported
 * `ExclusiveCanonicalization` classes), so the bytes are the ones xml-crypto's checkSignature
 * would digest; only what it would find by XPath in a re-parsed copy is taken from our nodes.
 * @see XML Signature 1.1 §4.4.3 (Reference processing), §6.6.4 (enveloped-signature),
 *   Exclusive XML Canonicalization 1.0 §3 (InclusiveNamespaces), SAML 2.0 Core §5.4.3–5.4.4
 */
import {
  ExclusiveCanonicalization,
  ExclusiveCanonicalizationWithComments,
  SignedXml,
  type CanonicalizationOrTransformationAlgorithmProcessOptions,
  type NamespacePrefix,
} from 'xml-crypto';
import { ENVELOPED_SIGNATURE, EXCLUSIVE_C14N } from './sign.js';
import { NS, SamlError } from './xml.js';

/** Exclusive c14n keeping comments; a same-document Reference drops them before any transform anyway. */
export const EXCLUSIVE_C14N_WITH_COMMENTS = 'http://www.w3.org/2001/10/xml-exc-c14n#WithComments';
/** Namespace of ec:InclusiveNamespaces (the exclusive c14n algorithm URI). */
const EXCLUSIVE_C14N_NS = EXCLUSIVE_C14N;
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';
const ELEMENT_NODE = 1;

/** The ds:Signature children a verifier reads, located once (their shape was checked before). */
export interface SignatureParts {
  signedInfo: Element;
  canonicalizationMethod: Element;
  reference: Element;
  transforms: Element[];
  digestMethod: Element;
  digestValue: Element;
  signatureValue: Element;
}

/** Locates the parts of a ds:Signature whose structure `checkSignatureStructure` accepted. */
export function signatureParts(signature: Element): SignatureParts {
  const [signedInfo, signatureValue] = elementChildren(signature);
  const [canonicalizationMethod, , reference] = elementChildren(signedInfo);
  const referenceChildren = elementChildren(reference);
  const transformsElement = isDs(referenceChildren[0], 'Transforms') ? referenceChildren.shift() : undefined;
  const [digestMethod, digestValue] = referenceChildren;
  return {
    signedInfo: required(signedInfo),
    canonicalizationMethod: required(canonicalizationMethod),
    reference: required(reference),
    transforms: transformsElement ? elementChildren(transformsElement) : [],
    digestMethod: required(digestMethod),
    digestValue: required(digestValue),
    signatureValue: required(signatureValue),
  };
}

/**
 * The referenced element as the Reference's transforms turn it into octets: its own enveloped
 * `signature` child left out, comments dropped (a same-document reference), exclusive c14n.
 * Only `[enveloped-signature, exclusive c14n]` is accepted: any other chain (no transforms, an
 * implied inclusive c14n, c14n before enveloped-signature) is refused, not interpreted.
 * @see XML Signature 1.1 §4.4.3.2–4.4.3.3, §6.6.4; SAML 2.0 Core §5.4.4
 */
export function canonicalReference(element: Element, signature: Element, transforms: Element[]): string {
  const [enveloped, c14n, ...more] = transforms;
  const envelopedName = enveloped?.getAttribute('Algorithm');
  const c14nName = c14n?.getAttribute('Algorithm') ?? '';
  if (
    !enveloped ||
    !c14n ||
    more.length > 0 ||
    envelopedName !== ENVELOPED_SIGNATURE ||
    !isExclusive(c14nName)
  ) {
    const found = transforms.map((transform) => transform.getAttribute('Algorithm')).join(', ') || 'none';
    throw new SamlError(
      'signature-invalid',
      `ds:Reference transforms are [${found}]; this verifier accepts exactly [${ENVELOPED_SIGNATURE}, ${EXCLUSIVE_C14N}] ` +
        '(SAML Core §5.4.4); sign with enveloped-signature then exclusive c14n',
    );
  }
  // enveloped-signature takes no parameters; what is inside it (xml-crypto's signer copies the
  // InclusiveNamespaces there too) is ignored, as xml-crypto ignores it.
  const prefixes = inclusivePrefixes(c14n, 'ds:Transform');
  const index = Array.prototype.indexOf.call(element.childNodes, signature);
  if (index < 0) throw new TypeError('canonicalReference: the signature must be a child of the element');

  // xml-crypto's canonicalizer declares PrefixList namespaces inherited from ancestors by setting them on
  // its input; only then does it get a copy, otherwise the document is only read, never changed.
  const inherited = inheritedNamespaces(element, prefixes);
  const input = inherited.length > 0 ? (element.cloneNode(true) as Element) : element;
  const skipped = input.childNodes.item(index);
  if (!skipped) throw new TypeError('canonicalReference: the copied element lost its signature');
  // The class without comments renders every comment as nothing, so #WithComments (whose comments a
  // same-document reference drops before any transform) gives the same octets.
  return new EnvelopedExclusiveCanonicalization(skipped).process(input, {
    ...C14N_DEFAULTS,
    inclusiveNamespacesPrefixList: prefixes,
    ancestorNamespaces: inherited,
  });
}

/**
 * SignedInfo after its CanonicalizationMethod, which must be exclusive c14n (with or without
 * comments); inclusive c14n, which drags the whole ancestry into the signed bytes, is refused.
 * @see XML Signature 1.1 §4.4.1, SAML 2.0 Core §5.4.3
 */
export function canonicalSignedInfo(signedInfo: Element, canonicalizationMethod: Element): string {
  const name = canonicalizationMethod.getAttribute('Algorithm') ?? '';
  if (!isExclusive(name)) {
    throw new SamlError(
      'signature-invalid',
      `CanonicalizationMethod '${name}' is not exclusive c14n; this verifier accepts only ${EXCLUSIVE_C14N} (SAML Core §5.4.3)`,
    );
  }
  const prefixes = inclusivePrefixes(canonicalizationMethod, 'ds:CanonicalizationMethod');
  const inherited = inheritedNamespaces(signedInfo, prefixes);
  const Canonicalization =
    name === EXCLUSIVE_C14N ? ExclusiveCanonicalization : ExclusiveCanonicalizationWithComments;
  return new Canonicalization().process(
    inherited.length > 0 ? (signedInfo.cloneNode(true) as Element) : signedInfo,
    { ...C14N_DEFAULTS, inclusiveNamespacesPrefixList: prefixes, ancestorNamespaces: inherited },
  );
}

/**
 * xml-crypto's exclusive c14n with the enveloped-signature transform folded in: the one ds:Signature
 * it would remove from a copy is rendered as nothing instead, so no copy is needed.
 * @see XML Signature 1.1 §6.6.4
 */
class EnvelopedExclusiveCanonicalization extends ExclusiveCanonicalization {
  readonly #signature: Node;

  constructor(signature: Node) {
    super();
    this.#signature = signature;
  }

  override processInner(
    node: unknown,
    prefixesInScope: unknown,
    defaultNs: unknown,
    defaultNsForPrefix: unknown,
    inclusiveNamespacesPrefixList: string[],
  ): string {
    if (node === this.#signature) return '';
    return super.processInner(
      node,
      prefixesInScope,
      defaultNs,
      defaultNsForPrefix,
      inclusiveNamespacesPrefixList,
    );
  }
}

/** What xml-crypto's SignedXml passes every canonicalizer (the `ds` prefix for an unbound ds: name). */
const C14N_DEFAULTS: CanonicalizationOrTransformationAlgorithmProcessOptions = {
  defaultNsForPrefix: SignedXml.defaultNsForPrefix,
};

function isExclusive(algorithm: string): boolean {
  return algorithm === EXCLUSIVE_C14N || algorithm === EXCLUSIVE_C14N_WITH_COMMENTS;
}

/**
 * The PrefixList of the one optional ec:InclusiveNamespaces child; any other child is refused, and
 * so is an empty list (the schema wants at least one prefix).
 * @see Exclusive XML Canonicalization 1.0 §3
 */
function inclusivePrefixes(method: Element, where: string): string[] {
  const children = elementChildren(method);
  if (children.length === 0) return [];
  const [inclusive, ...more] = children;
  const list = (inclusive?.getAttribute('PrefixList') ?? '').split(/\s+/).filter((prefix) => prefix !== '');
  if (
    more.length > 0 ||
    inclusive?.namespaceURI !== EXCLUSIVE_C14N_NS ||
    inclusive.localName !== 'InclusiveNamespaces' ||
    list.length === 0
  ) {
    throw new SamlError(
      'signature-invalid',
      `${where} may hold only one ec:InclusiveNamespaces (${EXCLUSIVE_C14N_NS}) with a non-empty PrefixList, ` +
        `found ${children.map((child) => `<${child.tagName}>`).join(', ')}`,
    );
  }
  return list;
}

/**
 * The PrefixList prefixes bound on the element's ancestors (nearest declaration wins), minus
 * undeclarations and prefixes the element declares itself: what xml-crypto's findAncestorNs
 * would hand the canonicalizer, restricted to the entries it reads, and found without XPath.
 * @see Exclusive XML Canonicalization 1.0 §3 (InclusiveNamespaces PrefixList)
 */
function inheritedNamespaces(element: Element, prefixes: readonly string[]): NamespacePrefix[] {
  if (prefixes.length === 0) return [];
  const own = new Set(declaredPrefixes(element).map((declaration) => declaration.prefix));
  const seen = new Set<string>();
  const found: NamespacePrefix[] = [];
  for (let parent = element.parentNode; parent?.nodeType === ELEMENT_NODE; parent = parent.parentNode) {
    for (const declaration of declaredPrefixes(parent as Element)) {
      if (seen.has(declaration.prefix)) continue;
      seen.add(declaration.prefix);
      if (
        declaration.namespaceURI !== '' &&
        !own.has(declaration.prefix) &&
        prefixes.includes(declaration.prefix)
      )
        found.push(declaration);
    }
  }
  return found;
}

function declaredPrefixes(element: Element): NamespacePrefix[] {
  const found: NamespacePrefix[] = [];
  for (const attribute of Array.from(element.attributes)) {
    if (attribute.namespaceURI !== XMLNS_NS) continue;
    found.push({
      prefix: attribute.name === 'xmlns' ? '' : attribute.localName,
      namespaceURI: attribute.value,
    });
  }
  return found;
}

function elementChildren(parent: Element | undefined): Element[] {
  const found: Element[] = [];
  for (let child = parent?.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === ELEMENT_NODE) found.push(child as Element);
  }
  return found;
}

function isDs(node: Element | undefined, localName: string): boolean {
  return node?.namespaceURI === NS.ds && node.localName === localName;
}

function required(element: Element | undefined): Element {
  if (!element) throw new TypeError('signatureParts: call checkSignatureStructure on the signature first');
  return element;
}
