/**
 * What the vectors' self-checks look at: which parts of an attack document the IdP's signature
 * still vouches for, and what a naive SP would read from it.
 * @see docs/conformance.md "Verdicts" (the signed element intact, the element an SP would read carrying the attacker's NameID)
 */
import { createHash, verify as verifyRsa } from 'node:crypto';
import { ExclusiveCanonicalization } from 'xml-crypto';
import {
  NS,
  allElements,
  childElements,
  parseXml,
  serialize,
  verifyElementSignature,
  type KeyPair,
} from '#harness/saml';
import {
  ELEMENT_NODE,
  assertionOf,
  dsChild,
  elementsWithId,
  nameIdOf,
  parseOwn,
  signatureOf,
  textNodesIn,
} from './dom.js';
import { VectorCheckError } from './types.js';

/** Throws a VectorCheckError for `vector` unless `condition` holds. */
export function ensure(condition: unknown, vector: string, message: string): asserts condition {
  if (!condition) throw new VectorCheckError(vector, message);
}

/** The one saml:Assertion child of `response` in a built message; anything else is a check failure. */
export function assertionIn(vector: string, response: Element): Element {
  return assertionOf(response, (problem) => new VectorCheckError(vector, `the message has ${problem}`));
}

/** The one message of a single-send vector, parsed; anything else is a check failure. */
export function onlySend(vector: string, sends: readonly string[]): { xml: string; doc: Document } {
  ensure(
    sends.length === 1 && sends[0] !== undefined,
    vector,
    `expected one message to send, got ${sends.length}`,
  );
  return { xml: sends[0], doc: parseBuilt(vector, sends[0]) };
}

/** Parses a built message; a parse failure is a check failure. */
export function parseBuilt(vector: string, xml: string): Document {
  try {
    return parseOwn(xml);
  } catch (error) {
    throw new VectorCheckError(
      vector,
      `the message does not parse: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** Whether `node` is the element {ns}localName. */
export function isElement(node: Node | null | undefined, ns: string, localName: string): node is Element {
  const element = node as Element | null | undefined;
  return element?.nodeType === ELEMENT_NODE && element.namespaceURI === ns && element.localName === localName;
}

/** Verifies `element`'s own signature in place with the IdP key; the refusal message, or undefined when it verifies. */
export function refusalInPlace(doc: Document, element: Element, key: KeyPair): string | undefined {
  try {
    verifyElementSignature(doc, element, { trusted: [key.certificatePem], allowSha1: true });
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** An element of an attack document that a signature, put back where it belongs, still verifies. */
export interface SignedCopy {
  /** The element in the attack document (wherever the attack moved it). */
  element: Element;
  id: string;
  /** The ds:Signature vouching for it (wherever the attack moved that). */
  signature: Element;
}

/**
 * The elements the key's signatures still vouch for. For every ds:Signature anywhere and every SignedInfo in it,
 * each element carrying the referenced ID is put back together with that signature (in a document of its own:
 * its own signature, if any, replaced by this one after its Issuer; nothing but SignedInfo, SignatureValue and
 * KeyInfo kept) and verified with verifyElementSignature against `key` alone. That is what a verifier that
 * resolves the reference wherever it points would accept, so it is what a wrapping attack must preserve.
 */
export function signedCopies(doc: Document, key: KeyPair): SignedCopy[] {
  const found: SignedCopy[] = [];
  for (const signature of Array.from(doc.getElementsByTagNameNS(NS.ds, 'Signature'))) {
    for (const signedInfo of childElements(signature, NS.ds, 'SignedInfo')) {
      for (const reference of childElements(signedInfo, NS.ds, 'Reference')) {
        const uri = reference.getAttributeNode('URI')?.value ?? '';
        if (!uri.startsWith('#')) continue;
        const id = uri.slice(1);
        for (const element of elementsWithId(doc, id)) {
          if (verifiesReassembled(element, signature, signedInfo, key))
            found.push({ element, id, signature });
        }
      }
    }
  }
  return found;
}

function verifiesReassembled(
  element: Element,
  signature: Element,
  signedInfo: Element,
  key: KeyPair,
): boolean {
  const copy = element.cloneNode(true) as Element;
  for (const own of childElements(copy, NS.ds, 'Signature')) copy.removeChild(own);
  const restored = signature.cloneNode(false) as Element;
  restored.appendChild(signedInfo.cloneNode(true));
  for (const name of ['SignatureValue', 'KeyInfo']) {
    const part = dsChild(signature, name);
    if (part) restored.appendChild(part.cloneNode(true));
  }
  const issuer = childElements(copy, NS.saml, 'Issuer')[0];
  copy.insertBefore(restored, issuer ? issuer.nextSibling : copy.firstChild);
  try {
    const standalone = parseXml(serialize(copy), { maxBytes: 16 * 1024 * 1024, maxDepth: 500 });
    const root = standalone.documentElement;
    if (!root) return false;
    verifyElementSignature(standalone, root, { trusted: [key.certificatePem], allowSha1: true });
    return true;
  } catch {
    return false;
  }
}

/** An assertion's NameID as a careful SP reads it (textContent: comments ignored), trimmed. */
export function nameIdText(assertion: Element | undefined): string | undefined {
  const nameId = assertion && nameIdOf(assertion);
  return nameId ? (nameId.textContent ?? '').trim() : undefined;
}

/** Where a naive SP looks for the identity. */
export type NaiveRead =
  /** /Response/Assertion[1]/Subject/NameID: the root's first Assertion child */
  | 'root-assertion'
  /** (//Assertion)[1]/Subject/NameID: the first Assertion anywhere, in document order */
  | 'first-assertion'
  /** (//NameID)[1]: the first NameID anywhere, in document order */
  | 'first-nameid';

/** The NameID each naive reader gets from `doc` (undefined where it finds none). */
export function naiveRead(doc: Document, read: NaiveRead): string | undefined {
  const root = doc.documentElement;
  switch (read) {
    case 'root-assertion':
      return root ? nameIdText(childElements(root, NS.saml, 'Assertion')[0]) : undefined;
    case 'first-assertion':
      return nameIdText(doc.getElementsByTagNameNS(NS.saml, 'Assertion').item(0) ?? undefined);
    case 'first-nameid': {
      const nameId = doc.getElementsByTagNameNS(NS.saml, 'NameID').item(0);
      return nameId ? (nameId.textContent ?? '').trim() : undefined;
    }
  }
}

/** Fails unless every reader in `reads` gets `expected` from `doc`. */
export function ensureNaiveReads(
  vector: string,
  doc: Document,
  reads: readonly NaiveRead[],
  expected: string,
): void {
  for (const read of reads) {
    const got = naiveRead(doc, read);
    ensure(
      got === expected,
      vector,
      `a naive SP reading ${read} would get '${got ?? '(no NameID)'}', but the attack needs it to read '${expected}'`,
    );
  }
}

/**
 * The SHA-256 digest a Reference to `element` must carry: exclusive c14n without comments of the element
 * with its own enveloped ds:Signature removed. What an attacker computes to forge a reference.
 * @see XML Signature §6.6.4 (enveloped-signature), Exclusive XML Canonicalization §3
 */
export function digestOf(element: Element, hash: 'sha256' | 'sha1' = 'sha256'): string {
  const copy = element.cloneNode(true) as Element;
  for (const own of childElements(copy, NS.ds, 'Signature')) copy.removeChild(own);
  const canonical = new ExclusiveCanonicalization().process(copy, {});
  return createHash(hash).update(canonical, 'utf8').digest('base64');
}

/**
 * Whether the SignatureValue of `signature` verifies over `signedInfo` (exclusive c14n, comments removed) with
 * `key`: the part of a signature an attacker cannot forge, checked on its own (the references are not).
 * @see XML Signature §3.2.2 (signature validation)
 */
export function signedInfoVerifies(signature: Element, signedInfo: Element, key: KeyPair): boolean {
  const value = dsChild(signature, 'SignatureValue');
  const method = dsChild(signedInfo, 'SignatureMethod')?.getAttribute('Algorithm') ?? '';
  if (!value) return false;
  const canonical = new ExclusiveCanonicalization().process(signedInfo, {});
  const hash = method.endsWith('rsa-sha1') ? 'sha1' : 'sha256';
  const signatureBytes = Buffer.from((value.textContent ?? '').replace(/\s+/g, ''), 'base64');
  return verifyRsa(hash, Buffer.from(canonical, 'utf8'), key.publicKey, signatureBytes);
}

/** Text of `element` as a DTD-less, comment-ignoring canonicalizer sees it (all its text nodes, joined). */
export function canonicalText(element: Element): string {
  return textNodesIn(element)
    .map((text) => text.nodeValue ?? '')
    .join('');
}

/** Every ds:Signature anywhere in the document. */
export function allSignatures(doc: Document): Element[] {
  return allElements(doc).filter((element) => isElement(element, NS.ds, 'Signature'));
}

/** Fails unless the message is signed and every signature verifies in place with `key`; returns how many there are. */
export function ensureSignedInPlace(vector: string, doc: Document, key: KeyPair): number {
  const response = doc.documentElement!;
  const signed = [response, ...childElements(response, NS.saml, 'Assertion')].filter((element) =>
    signatureOf(element),
  );
  ensure(signed.length > 0, vector, 'neither the Response nor its Assertion is signed');
  for (const element of signed) {
    const refusal = refusalInPlace(doc, element, key);
    ensure(
      refusal === undefined,
      vector,
      `<${element.tagName}> does not verify with the IdP key: ${refusal ?? ''}`,
    );
  }
  return signed.length;
}

/** What a Web SSO assertion must carry. @see SAML 2.0 Profiles §4.1.4.2 */
export const ASSERTION_PARTS = ['Subject', 'NameID', 'SubjectConfirmation', 'AuthnStatement'] as const;
export type AssertionPart = (typeof ASSERTION_PARTS)[number];

/** Which of the required parts the assertion has. */
export function partsOf(assertion: Element): Set<AssertionPart> {
  const parts = new Set<AssertionPart>();
  const subject = childElements(assertion, NS.saml, 'Subject')[0];
  if (subject) parts.add('Subject');
  if (nameIdOf(assertion)) parts.add('NameID');
  if (subject && childElements(subject, NS.saml, 'SubjectConfirmation').length > 0)
    parts.add('SubjectConfirmation');
  if (childElements(assertion, NS.saml, 'AuthnStatement').length > 0) parts.add('AuthnStatement');
  return parts;
}

/** Fails unless the assertion has every part a Web SSO assertion needs. */
export function ensureComplete(vector: string, assertion: Element): void {
  const parts = partsOf(assertion);
  const lacking = ASSERTION_PARTS.filter((part) => !parts.has(part));
  ensure(
    lacking.length === 0,
    vector,
    `the assertion lacks ${lacking.map((part) => `saml:${part}`).join(', ')}`,
  );
}
