/**
 * DOM surgery on the IdP's own responses for the attack vectors: find the parts, strip and re-sign
 * signatures, swap an identity. Every change is a DOM operation (cloneNode, importNode, insertBefore,
 * replaceChild); text edits are kept to the two places a DOM cannot express (a DTD, a second root).
 * @see docs/conformance.md "SAML 2.0" (attack catalogue), "Response shape of the reference IdP"
 */
import {
  NS,
  SIGNATURE_URI,
  allElements,
  childElements,
  parseXml,
  serialize,
  signXml,
  type KeyPair,
  type ResponseInput,
  type SigningAlgorithm,
} from '#harness/saml';
import type { LegitResponse, VectorContext } from './types.js';

export const ELEMENT_NODE = 1;
export const TEXT_NODE = 3;
export const COMMENT_NODE = 8;

/** Our own messages (and attack documents built from them): strict parsing, generous bounds. */
const OWN_LIMITS = { maxBytes: 16 * 1024 * 1024, maxDepth: 500 };

/** Parses a message the harness built (never one received from a target). */
export function parseOwn(xml: string): Document {
  return parseXml(xml, OWN_LIMITS);
}

/** The samlp:Response root, or a TypeError naming what `ctx.legit` returned instead. */
export function responseOf(doc: Document, what = 'ctx.legit'): Element {
  const root = doc.documentElement;
  if (root?.namespaceURI !== NS.samlp || root.localName !== 'Response') {
    throw new TypeError(`${what} must return a samlp:Response, got <${root?.tagName ?? 'nothing'}>`);
  }
  return root;
}

/** The Response's one saml:Assertion child; an EncryptedAssertion cannot be operated on. */
export function assertionOf(
  response: Element,
  fail: (problem: string) => Error = (problem) => new TypeError(`ctx.legit returned ${problem}`),
): Element {
  const assertions = childElements(response, NS.saml, 'Assertion');
  if (assertions.length !== 1 || !assertions[0]) {
    const encrypted = childElements(response, NS.saml, 'EncryptedAssertion').length > 0;
    throw fail(
      encrypted
        ? 'an EncryptedAssertion; the vectors need the plain saml:Assertion (encrypt the built message afterwards if the SP requires it)'
        : `a Response with ${assertions.length} saml:Assertion children instead of exactly one`,
    );
  }
  return assertions[0];
}

/** The ds:Signature that is a direct child of `element`, if any. */
export function signatureOf(element: Element): Element | undefined {
  return childElements(element, NS.ds, 'Signature')[0];
}

/** The ds child of `parent` named `localName` (first one). */
export function dsChild(parent: Element, localName: string): Element | undefined {
  return childElements(parent, NS.ds, localName)[0];
}

/** Subject/NameID of an assertion, if present. */
export function nameIdOf(assertion: Element): Element | undefined {
  const subject = childElements(assertion, NS.saml, 'Subject')[0];
  return subject && childElements(subject, NS.saml, 'NameID')[0];
}

/** Every element carrying `ID="id"`, in document order. */
export function elementsWithId(doc: Document, id: string): Element[] {
  return allElements(doc).filter((element) => element.getAttributeNode('ID')?.value === id);
}

/** Which elements of a Response carry a signature, and with which algorithm. */
export interface SigningPlan {
  response: boolean;
  assertion: boolean;
  algorithm: SigningAlgorithm;
}

const ALGORITHM_OF_URI: ReadonlyMap<string, SigningAlgorithm> = new Map(
  Object.entries(SIGNATURE_URI).map(([name, uri]) => [uri, name as SigningAlgorithm]),
);

/** How the IdP signed this response (SHA-256 when nothing is signed). */
export function signingPlanOf(doc: Document): SigningPlan {
  const response = responseOf(doc);
  const assertion = assertionOf(response);
  const signatures = [signatureOf(response), signatureOf(assertion)];
  const method = signatures
    .flatMap((signature) => (signature ? childElements(signature, NS.ds, 'SignedInfo') : []))
    .flatMap((signedInfo) => childElements(signedInfo, NS.ds, 'SignatureMethod'))[0];
  return {
    response: signatures[0] !== undefined,
    assertion: signatures[1] !== undefined,
    algorithm: ALGORITHM_OF_URI.get(method?.getAttribute('Algorithm') ?? '') ?? 'rsa-sha256',
  };
}

/** Removes the Response's and its Assertion's own signatures. */
export function stripSignatures(doc: Document): void {
  const response = responseOf(doc);
  for (const element of [response, ...childElements(response, NS.saml, 'Assertion')]) {
    for (const signature of childElements(element, NS.ds, 'Signature')) element.removeChild(signature);
  }
}

/**
 * Signs an unsigned Response as `plan` says: the assertion first, then the Response (whose signature then
 * covers the signed assertion), as the IdP does.
 * @see SAML 2.0 Core §5.4 (enveloped signatures), docs/conformance.md "Response shape"
 */
export function signAsPlanned(
  doc: Document,
  key: KeyPair,
  plan: Omit<SigningPlan, 'algorithm'> & { algorithm?: SigningAlgorithm },
): string {
  const response = responseOf(doc);
  const assertionId = assertionOf(response).getAttribute('ID') ?? '';
  const responseId = response.getAttribute('ID') ?? '';
  const options = { algorithm: plan.algorithm ?? 'rsa-sha256' } as const;
  let xml = serialize(doc);
  if (plan.assertion) xml = signXml(xml, assertionId, key, options);
  if (plan.response) xml = signXml(xml, responseId, key, options);
  return xml;
}

/** A legitimate response, parsed, and how it was signed. */
export interface Prepared {
  legit: LegitResponse;
  doc: Document;
  response: Element;
  assertion: Element;
  plan: SigningPlan;
}

/** How a vector wants the legitimate message signed (by the IdP key); unset fields stay as `ctx.legit` signed them. */
export interface Resigning {
  response?: boolean;
  assertion?: boolean;
  algorithm?: SigningAlgorithm;
}

/**
 * A fresh legitimate response for `nameId`, re-signed only if the vector needs other signatures than
 * `ctx.legit` made (XSW1/2 need a signed Response, XSW3–8 a signed Assertion and no Response signature).
 */
export async function prepare(
  ctx: VectorContext,
  nameId: string,
  resigning: Resigning = {},
  overrides?: Partial<ResponseInput>,
): Promise<Prepared> {
  const legit = await ctx.legit(nameId, overrides);
  let doc = parseOwn(legit.xml);
  const original = signingPlanOf(doc);
  const plan: SigningPlan = {
    response: resigning.response ?? original.response,
    assertion: resigning.assertion ?? original.assertion,
    algorithm: resigning.algorithm ?? original.algorithm,
  };
  const unchanged =
    plan.response === original.response &&
    plan.assertion === original.assertion &&
    (plan.algorithm === original.algorithm || (!plan.response && !plan.assertion));
  if (!unchanged) {
    stripSignatures(doc);
    doc = parseOwn(signAsPlanned(doc, ctx.idpKey, plan));
  }
  const response = responseOf(doc);
  return { legit, doc, response, assertion: assertionOf(response), plan };
}

/**
 * Edits an unsigned copy of a legitimate response, then signs it as it was signed: the IdP's valid signature
 * over a message that lacks (or carries) something.
 */
export function editThenSign(prepared: Prepared, key: KeyPair, edit: (doc: Document) => void): string {
  const doc = parseOwn(serialize(prepared.doc));
  stripSignatures(doc);
  edit(doc);
  return signAsPlanned(doc, key, prepared.plan);
}

/** Text nodes under `root`, in document order. */
export function textNodesIn(root: Node): Text[] {
  const found: Text[] = [];
  const stack: Node[] = [root];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.nodeType === TEXT_NODE) found.push(node as Text);
    for (let child = node.lastChild; child; child = child.previousSibling) stack.push(child);
  }
  return found;
}

/**
 * Replaces every text node under `root` whose value is exactly `from` (NameID, and attribute values such as
 * email that repeat it) by `to`, so an SP reading identity from an attribute is fooled too. Returns how many.
 */
export function retarget(root: Element, from: string, to: string): number {
  const doc = root.ownerDocument;
  const matches = textNodesIn(root).filter((text) => text.nodeValue === from);
  for (const text of matches) text.parentNode?.replaceChild(doc.createTextNode(to), text);
  if (matches.length === 0) {
    throw new TypeError(
      `expected <${root.tagName}> to carry the identity '${from}' (its NameID), found it nowhere`,
    );
  }
  return matches.length;
}

/** Removes the direct ds:Signature children of `element` (a copy about to be placed elsewhere). */
export function withoutSignature(element: Element): Element {
  for (const signature of childElements(element, NS.ds, 'Signature')) element.removeChild(signature);
  return element;
}

/** A deep copy in the same document. */
export function cloneElement(element: Element): Element {
  return element.cloneNode(true) as Element;
}

/** A new element in `namespace`, written with the prefix `prefixSource` uses (saml2p:Extensions, ds:Object…). */
export function createLike(
  doc: Document,
  namespace: string,
  prefixSource: Element,
  localName: string,
): Element {
  const prefix = prefixSource.prefix;
  return doc.createElementNS(namespace, prefix ? `${prefix}:${localName}` : localName);
}
