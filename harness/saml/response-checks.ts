/**
 * The ACS steps on the Response and its signatures, strict: the message parsed with any DOCTYPE
 * refused, Status, Issuer and Destination checked, the one assertion chosen, each signature
 * verified with the pinned certificates only, and from then on only the verified elements read.
 * @see SAML 2.0 Profiles §4.1.4.3, Core §3.2.2, §5.4; Bindings §3.5.5.2; docs/conformance.md "SAML 2.0"
 */
import { decryptAssertion } from './encrypt.js';
import { STATUS_SUCCESS } from './response.js';
import type { ResponseState, ResponseStep } from './response-state.js';
import { verifyElementSignature } from './verify.js';
import { NS, SamlError, childElements, optionalChild, parseXml } from './xml.js';
import { attribute, nameOf, onlyAssertion, text } from './assertion-reading.js';

/**
 * Parses the message, refusing any DOCTYPE before anything reads it; the root must be samlp:Response.
 * @see docs/conformance.md "SAML 2.0" (XML handling)
 */
export const parse: ResponseStep = (state) => {
  const doc = parseXml(state.xml);
  const root = doc.documentElement;
  if (root?.namespaceURI !== NS.samlp || root.localName !== 'Response') {
    throw new SamlError(
      'wrong-root',
      `Expected a samlp:Response (${NS.samlp}) root but found ${nameOf(root)}`,
    );
  }
  // SAML 2.0 only: a responder's major version this SP does not support is not read (Core §3.2.2, §4.1.2).
  const version = attribute(root, 'Version');
  if (version !== '2.0')
    throw new SamlError(
      'malformed',
      `The Response has Version '${version ?? '(none)'}'; this SP reads SAML 2.0 only`,
    );
  state.set('doc', doc);
  state.set('root', root);
};

/** Refuses a Response whose top-level StatusCode is not Success. @see SAML 2.0 Core §3.2.2.2 */
export const status: ResponseStep = (state) => {
  const status = optionalChild(state.found('root'), NS.samlp, 'Status');
  const code = status && optionalChild(status, NS.samlp, 'StatusCode');
  const value = code ? attribute(code, 'Value') : undefined;
  if (value !== STATUS_SUCCESS) {
    throw new SamlError(
      'status-not-success',
      `Status is '${value ?? '(none)'}' but a login needs '${STATUS_SUCCESS}'`,
    );
  }
};

/**
 * Refuses an Issuer that is not the configured IdP (the Response's may be absent).
 * @see SAML 2.0 Profiles §4.1.4.2
 */
export function checkIssuer(state: ResponseState, element: Element, required: boolean): void {
  const expected = state.policy.idpEntityId;
  if (expected === undefined) return;
  const issuer = optionalChild(element, NS.saml, 'Issuer');
  if (!issuer && !required) return;
  const found = text(issuer);
  if (found !== expected) {
    throw new SamlError(
      'issuer-mismatch',
      `${element.localName} Issuer is '${found || '(none)'}' but this SP trusts the IdP '${expected}'`,
    );
  }
}

/** The Response's Issuer, when it has one, is the configured IdP. @see SAML 2.0 Profiles §4.1.4.2 */
export const responseIssuer: ResponseStep = (state) => checkIssuer(state, state.found('root'), false);

/**
 * A Destination, when present, is this ACS; a signed Response must carry one (an unsigned Response
 * with a signed Assertion need not).
 * @see SAML 2.0 Bindings §3.5.5.2
 */
export const destination: ResponseStep = (state) => {
  const root = state.found('root');
  const destination = attribute(root, 'Destination');
  if (destination === undefined && childElements(root, NS.ds, 'Signature').length > 0) {
    throw new SamlError(
      'destination-mismatch',
      'The Response is signed but has no Destination; a signed message must name the URL it is sent to (Bindings §3.5.5.2)',
    );
  }
  if (destination !== undefined && destination !== state.policy.acsUrl) {
    throw new SamlError(
      'destination-mismatch',
      `Response Destination is '${destination}' but this ACS is '${state.policy.acsUrl}'`,
    );
  }
};

/** Exactly one assertion, a direct child of the Response. @see SAML 2.0 Profiles §4.1.4.2 */
export const selectAssertion: ResponseStep = (state) => {
  state.set('selected', onlyAssertion(state.found('root')));
};

/**
 * Signatures verify with the pinned certificates only, SHA-256 family only.
 * @see SAML 2.0 Core §5.4.5, docs/conformance.md "SAML 2.0"
 */
export const signatureTrust: ResponseStep = (state) => {
  state.set('trust', () => ({ trusted: state.policy.trusted }));
};

/** The verified copy of `element` (its own one signature), read from here on instead of the element. */
function verified(state: ResponseState, element: Element): Element {
  return verifyElementSignature(element.ownerDocument, element, state.found('trust')(element)).element;
}

function signed(element: Element): boolean {
  return childElements(element, NS.ds, 'Signature').length > 0;
}

function requiredSignature(state: ResponseState): NonNullable<ResponseState['policy']['requireSigned']> {
  return state.policy.requireSigned ?? 'assertion';
}

/** A signed Response (or one the policy wants signed) is verified. @see SAML 2.0 Profiles §4.1.4.3 */
export const responseSignature: ResponseStep = (state) => {
  const root = state.found('root');
  const required = requiredSignature(state);
  if (!signed(root) && required !== 'response' && required !== 'both') return;
  if (!signed(root)) {
    throw new SamlError(
      'signature-missing',
      `The Response is unsigned but this SP requires it signed ('${required}')`,
    );
  }
  state.signedResponse = verified(state, root);
};

/**
 * A verified Response covers the assertion inside it, so that copy is the one opened.
 * @see SAML 2.0 Core §5.4
 */
export const selectSignedAssertion: ResponseStep = (state) => {
  if (state.signedResponse) state.set('selected', onlyAssertion(state.signedResponse));
};

/**
 * The assertion in clear: decrypted with the SP's key, or refused where encryption is required.
 * @see SAML 2.0 Core §2.3.4
 */
export const decrypt: ResponseStep = async (state) => {
  const source = state.found('selected');
  const { decryptionKey, requireEncryptedAssertion } = state.policy;
  let assertion: Element | null = source;
  if (source.localName === 'Assertion') {
    if (requireEncryptedAssertion) {
      throw new SamlError(
        'decryption-failed',
        'Expected a saml:EncryptedAssertion (this SP requires encrypted assertions) but found a plain saml:Assertion',
      );
    }
  } else if (!decryptionKey) {
    throw new SamlError(
      'decryption-failed',
      'The Response carries a saml:EncryptedAssertion but this SP has no decryption key (ResponsePolicy.decryptionKey)',
    );
  } else {
    assertion = parseXml(await decryptAssertion(source, decryptionKey)).documentElement;
    if (assertion?.namespaceURI !== NS.saml || assertion.localName !== 'Assertion') {
      throw new SamlError(
        'wrong-root',
        `The EncryptedAssertion decrypts to ${nameOf(assertion)} but must hold a saml:Assertion`,
      );
    }
    state.decrypted = true;
  }
  state.set('opened', assertion);
  state.set('assertion', assertion);
};

/**
 * A NameID must be plain text in the message as sent: a comment or processing instruction inside
 * it is invisible to the signature (exclusive c14n drops it) but splits the text for any reader
 * that takes the first text node.
 * @see docs/conformance.md "SAML 2.0" (a comment inside NameID that would truncate it)
 */
export const nameIdText: ResponseStep = (state) => {
  const subject = optionalChild(state.found('opened'), NS.saml, 'Subject');
  const nameId = subject && optionalChild(subject, NS.saml, 'NameID');
  if (!nameId) return;
  for (let node = nameId.firstChild; node; node = node.nextSibling) {
    if (node.nodeType !== node.TEXT_NODE && node.nodeType !== node.CDATA_SECTION_NODE) {
      throw new SamlError(
        'malformed',
        'The NameID contains a comment, processing instruction or element; a reader taking its first text node would see a truncated identity',
      );
    }
  }
};

/**
 * A signed assertion is verified and its verified copy read from here on; an unsigned one is
 * refused unless the policy lets a verified Response cover it.
 * @see SAML 2.0 Profiles §4.1.4.3
 */
export const assertionSignature: ResponseStep = (state) => {
  const assertion = state.found('opened');
  const required = requiredSignature(state);
  if (signed(assertion)) {
    state.set('assertion', verified(state, assertion));
  } else if (required === 'assertion' || required === 'both') {
    throw new SamlError(
      'assertion-unsigned',
      `The Assertion is unsigned but this SP requires a signed Assertion ('${required}')`,
    );
  } else if (!state.signedResponse) {
    throw new SamlError('signature-missing', 'Neither the Response nor the Assertion is signed');
  }
};
