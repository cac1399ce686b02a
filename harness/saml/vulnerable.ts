/**
 * Deliberately vulnerable SAML processing: the bugs real SPs shipped, each a replacement for one
 * named step of the ACS check (validate-response.ts) or for the POST binding's decoder. Used ONLY
 * by named mock SP fault records, so the saml-security suite can prove its checks catch real SP
 * bugs. No strict file imports this one, and the barrel does not export it: fault records import it by
 * its path, and lint allows nobody else.
 *
 * The checks the fault switches turned off before decision 0012, by the steps that replace them:
 * signature → response-signature, assertion-signature ({@link skipped}); pinned-certificate →
 * signature-trust ({@link trustKeyInfo}); algorithm → signature-trust ({@link acceptSha1});
 * single-assertion → select-assertion, select-signed-assertion ({@link firstAssertionAnywhere},
 * {@link firstSignedAssertion}); signature-placement → select-assertion, response-signature
 * ({@link verifyFirstSignature}), assertion-signature, read-identity; read-verified-node →
 * name-id-text, read-identity ({@link readFirstTextNodes}); doctype → parse
 * ({@link parseExpandingDoctype}) and the decoder ({@link decodeKeepingDoctype}); subject → subject,
 * subject-confirmation ({@link anySubjectConfirmation}); time-window → confirmation-time,
 * conditions-time ({@link unclockedConfirmation}, {@link unclockedConditions}); issuer →
 * response-issuer, assertion-issuer; status, destination, recipient, in-response-to, audience,
 * authn-statement and replay → the step of that name.
 * @see docs/decisions/0007-saml-verdicts.md, docs/decisions/0012-faults-wrap.md
 */
import { X509Certificate } from 'node:crypto';
import { DOMParser } from '@xmldom/xmldom';
import { SignedXml } from 'xml-crypto';
import { bearersOf } from './assertion-checks.js';
import { noAssertion, text, time } from './assertion-reading.js';
import { SamlError } from './errors.js';
import { base64ToPem } from './keys.js';
import { decryptAssertion } from './encrypt.js';
import { assertionSignature, decrypt, parse } from './response-checks.js';
import type { ValidatedLogin } from './response-policy.js';
import type { ResponseState, ResponseStep } from './response-state.js';
import { verifyElementSignature } from './verify.js';
import { NS, childElements, optionalChild, parseXml } from './xml.js';

/** A check the SP never runs. @see SAML 2.0 Profiles §4.1.4.3 (the rule it breaks) */
export const skipped: ResponseStep = () => undefined;

/**
 * The classic integration many SPs shipped: verify the first ds:Signature found
 * anywhere with xml-crypto against the pinned certificate, then read the identity
 * from the document as a whole. It falls for signature wrapping (XSW), because what
 * was verified and what is read are not tied together.
 */
export function classicVerify(xml: string, trusted: readonly string[]): Document {
  const doc = new DOMParser().parseFromString(xml, 'text/xml');
  const signature = doc.getElementsByTagNameNS(NS.ds, 'Signature').item(0);
  if (!signature) throw new SamlError('signature-missing', 'No ds:Signature in the message');
  for (const publicCert of trusted) {
    const signed = new SignedXml({ publicCert });
    signed.loadSignature(signature);
    try {
      if (signed.checkSignature(xml)) return doc;
    } catch {
      // Try the next pinned certificate, as the classic integration does with a list.
    }
  }
  throw new SamlError('signature-invalid', 'The first ds:Signature in the message does not verify');
}

/**
 * response-signature, XSW-vulnerable: {@link classicVerify} instead of each element's own signature.
 * @see docs/conformance.md "SAML 2.0" (XSW1–8)
 */
export const verifyFirstSignature: ResponseStep = (state) => {
  classicVerify(state.xml, state.policy.trusted);
};

/**
 * What a parser with DTD processing on does: drops the DOCTYPE and expands its
 * internal entities into the text. (XML external entities are not fetched.)
 */
export function expandDoctype(xml: string): string {
  const match = /<!DOCTYPE[^[>]*(\[([\s\S]*?)\])?\s*>/i.exec(xml);
  if (!match) return xml;
  const entities = new Map<string, string>();
  for (const entity of (match[2] ?? '').matchAll(/<!ENTITY\s+([\w.-]+)\s+"([^"]*)"\s*>/g)) {
    entities.set(entity[1]!, entity[2]!);
  }
  const body = xml.slice(0, match.index) + xml.slice(match.index + match[0].length);
  return body.replace(/&([\w.-]+);/g, (whole, name: string) => entities.get(name) ?? whole);
}

/**
 * parse, with DTD processing on: entities expanded before the parser sees the text.
 * @see docs/conformance.md "SAML 2.0" (DOCTYPE and entities)
 */
export const parseExpandingDoctype: ResponseStep = (state) => {
  state.xml = expandDoctype(state.xml);
  return parse(state);
};

/**
 * The POST binding's base64 decoding with nothing refused, so a DOCTYPE reaches the ACS.
 * @see SAML 2.0 Bindings §3.5.4
 */
export function decodeKeepingDoctype(samlResponse: string): string {
  return Buffer.from(samlResponse, 'base64').toString('utf8');
}

/**
 * The first Assertion anywhere under `response` (else the first EncryptedAssertion), however many there are.
 */
function firstAssertion(response: Element): Element {
  const first =
    response.getElementsByTagNameNS(NS.saml, 'Assertion').item(0) ??
    response.getElementsByTagNameNS(NS.saml, 'EncryptedAssertion').item(0);
  if (!first) throw noAssertion();
  return first;
}

/**
 * select-assertion, taking the first assertion anywhere instead of refusing two.
 * @see docs/conformance.md "SAML 2.0" (two assertions; XSW)
 */
export const firstAssertionAnywhere: ResponseStep = (state) => {
  state.set('selected', firstAssertion(state.found('root')));
};

/** select-signed-assertion, likewise in the verified Response. @see docs/conformance.md "SAML 2.0" (two assertions) */
export const firstSignedAssertion: ResponseStep = (state) => {
  if (state.signedResponse) state.set('selected', firstAssertion(state.signedResponse));
};

/**
 * The certificates in the KeyInfo of `signed`'s own signatures (what a KeyInfo-trusting SP verifies with).
 */
function keyInfoCertificates(signed: Element): string[] {
  return childElements(signed, NS.ds, 'Signature')
    .flatMap((signature) => childElements(signature, NS.ds, 'KeyInfo'))
    .flatMap((info) => childElements(info, NS.ds, 'X509Data'))
    .flatMap((data) => childElements(data, NS.ds, 'X509Certificate'))
    .flatMap((certificate) => {
      try {
        return [base64ToPem(text(certificate))];
      } catch {
        return []; // not base64: this buggy SP falls back to its pinned certificate
      }
    });
}

/**
 * signature-trust that verifies with the certificate the signature carries in KeyInfo.
 * @see docs/conformance.md "SAML 2.0" (a KeyInfo certificate that is not the pinned one)
 */
export const trustKeyInfo: ResponseStep = (state) => {
  state.set('trust', (signed) => {
    const offered = keyInfoCertificates(signed);
    return { trusted: offered.length > 0 ? offered : state.policy.trusted };
  });
};

/**
 * signature-trust that recognises the IdP's certificate by its names: a KeyInfo certificate
 * whose subject and issuer equal a pinned certificate's is trusted, whatever key it carries.
 * @see RFC 5280 §4.1.2.4, §4.1.2.6 (names identify, they do not authenticate)
 */
export const trustCertificateByName: ResponseStep = (state) => {
  const names = (pem: string) => {
    try {
      const certificate = new X509Certificate(pem);
      return `${certificate.subject}|${certificate.issuer}`;
    } catch {
      return undefined;
    }
  };
  const pinned = new Set(state.policy.trusted.map(names));
  state.set('trust', (signed) => {
    const alike = keyInfoCertificates(signed).filter((pem) => pinned.has(names(pem)));
    return { trusted: alike.length > 0 ? alike : state.policy.trusted };
  });
};

/**
 * signature-trust that also accepts RSA-SHA1 signatures and SHA-1 digests.
 * @see docs/conformance.md "SAML 2.0" (SHA-1 where SHA-256 is required)
 */
export const acceptSha1: ResponseStep = (state) => {
  state.set('trust', () => ({ trusted: state.policy.trusted, allowSha1: true }));
};

/**
 * subject-confirmation that accepts no bearer confirmation, or one without SubjectConfirmationData.
 * @see SAML 2.0 Profiles §4.1.4.2
 */
export const anySubjectConfirmation: ResponseStep = (state) => {
  state.bearers = bearersOf(state.found('assertion')).map((element) => ({
    element,
    data: optionalChild(element, NS.saml, 'SubjectConfirmationData'),
  }));
};

/**
 * confirmation-time that reads NotOnOrAfter but never compares it with the clock.
 * @see SAML 2.0 Profiles §4.1.4.3
 */
export const unclockedConfirmation: ResponseStep = (state) =>
  state.checkBearers((data) => {
    time(data, 'NotOnOrAfter');
  });

/**
 * conditions-time that reads NotOnOrAfter but never compares it with the clock.
 * @see SAML 2.0 Core §2.5.1.2
 */
export const unclockedConditions: ResponseStep = (state) => {
  const conditions = optionalChild(state.found('assertion'), NS.saml, 'Conditions');
  if (conditions) time(conditions, 'NotOnOrAfter');
};

/**
 * The vulnerable reader: first NameID / Attribute of each name anywhere in the original document,
 * and only the first text node of each (a comment truncates the value).
 */
export function readFirstMatch(scope: Document): Pick<ValidatedLogin, 'nameId' | 'attributes'> {
  const attributes: Record<string, string[]> = {};
  const all = scope.getElementsByTagNameNS(NS.saml, 'Attribute');
  for (let i = 0; i < all.length; i += 1) {
    const attribute = all.item(i);
    const name = attribute?.getAttribute('Name') ?? '';
    if (!attribute || name in attributes) continue;
    attributes[name] = childElements(attribute, NS.saml, 'AttributeValue').map(
      (value) => value.firstChild?.nodeValue ?? '',
    );
  }
  const nameId = scope.getElementsByTagNameNS(NS.saml, 'NameID').item(0);
  return { nameId: nameId?.firstChild?.nodeValue?.trim() ?? '', attributes };
}

/**
 * read-identity from the posted (or decrypted) document, not the verified element.
 * @see docs/conformance.md "SAML 2.0" (a comment inside NameID truncates it)
 */
export const readFirstTextNodes: ResponseStep = (state) => {
  const scope = state.decrypted ? state.found('opened').ownerDocument : state.found('doc');
  state.set('identity', readFirstMatch(scope));
};

/**
 * The SP that asked for encrypted assertions but only decrypts when it is given one: a plain
 * assertion is read as it is, whatever its policy says.
 * @see SAML 2.0 Core §6.1 (the rule it breaks: the SP's own requirement)
 */
export const decryptWhenEncrypted: ResponseStep = async (state) => {
  const source = state.found('selected');
  if (source.namespaceURI === NS.saml && source.localName === 'Assertion') {
    state.set('opened', source);
    state.set('assertion', source);
    return;
  }
  await decrypt(state);
};

/**
 * select-assertion reading `Response/(Encrypted)Assertion[1]`: the first direct child, whatever
 * else the message holds elsewhere.
 * @see docs/conformance.md "SAML 2.0" (wrapping around EncryptedAssertion)
 */
export const firstDirectAssertion: ResponseStep = (state) => {
  const root = state.found('root');
  const first = [
    ...childElements(root, NS.saml, 'Assertion'),
    ...childElements(root, NS.saml, 'EncryptedAssertion'),
  ][0];
  if (!first) throw noAssertion();
  state.set('selected', first);
};

/** Every assertion {@link decryptEverywhere} opened in a message, for {@link anyDecryptedSignature}. */
const openedEverywhere = new WeakMap<ResponseState, Element[]>();

/**
 * decrypt, the way an SP that "decrypts the document" does: every EncryptedAssertion anywhere in
 * the message is opened, and the one selected is the assertion read. With
 * {@link anyDecryptedSignature} it falls for a forged assertion encrypted beside a wrapped
 * legitimate one.
 * @see docs/conformance.md "SAML 2.0" (wrapping around EncryptedAssertion)
 */
export const decryptEverywhere: ResponseStep = async (state) => {
  const key = state.policy.decryptionKey;
  if (!key) return decrypt(state);
  const opened: Element[] = [];
  const all = state.found('root').getElementsByTagNameNS(NS.saml, 'EncryptedAssertion');
  for (let i = 0; i < all.length; i += 1)
    opened.push(parseXml(await decryptAssertion(all.item(i)!, key)).documentElement!);
  openedEverywhere.set(state, opened);
  await decrypt(state);
};

/**
 * assertion-signature satisfied by a valid signature on any assertion the message decrypted to,
 * not on the one read.
 * @see docs/conformance.md "SAML 2.0" (wrapping around EncryptedAssertion)
 */
export const anyDecryptedSignature: ResponseStep = async (state) => {
  try {
    await assertionSignature(state);
  } catch (error) {
    const verifies = (assertion: Element): boolean => {
      try {
        verifyElementSignature(assertion.ownerDocument, assertion, { trusted: state.policy.trusted });
        return true;
      } catch {
        return false;
      }
    };
    if (!(openedEverywhere.get(state) ?? []).some(verifies)) throw error;
  }
};
