/**
 * The SP side's ACS check, strict by default: each step is a named {@link SamlCheck} that only a
 * mock SP's named fault switch may skip, and identity is read only from the verified element.
 * @see SAML 2.0 Profiles §4.1.4.3 (Response processing rules), Core §2.4.1.2, §2.5.1, §3.2.2;
 *   SPEC "SAML 2.0", "Verdicts"
 */
import { decryptAssertion } from './encrypt.js';
import { base64ToPem } from './keys.js';
import { BEARER, STATUS_SUCCESS } from './response.js';
import { verifyElementSignature, type VerifiedElement } from './verify.js';
import { classicVerify, expandDoctype } from './unsafe.js';
import { NS, SamlError, childElements, optionalChild, parseXml } from './xml.js';

import {
  attribute,
  findAssertion,
  nameOf,
  readFirstMatch,
  readVerified,
  text,
  time,
} from './assertion-reading.js';
export { ReplayCache } from './replay-cache.js';

export type { ResponsePolicy, SamlCheck, ValidatedLogin } from './response-policy.js';
import type { ResponsePolicy, SamlCheck, ValidatedLogin } from './response-policy.js';

/** What a checked bearer SubjectConfirmationData contributes. */
interface Confirmed {
  inResponseTo?: string;
  notOnOrAfter?: Date;
}

const NO_CHECKS_SKIPPED: ReadonlySet<SamlCheck> = new Set();

class AcsCheck {
  readonly #policy: ResponsePolicy;
  readonly #skip: ReadonlySet<SamlCheck>;
  readonly #now: number;
  readonly #skewMs: number;

  constructor(policy: ResponsePolicy) {
    this.#policy = policy;
    this.#skip = policy.skip ?? NO_CHECKS_SKIPPED;
    this.#now = policy.now().getTime();
    this.#skewMs = (policy.clockSkewSeconds ?? 60) * 1000;
  }

  checking(check: SamlCheck): boolean {
    return !this.#skip.has(check);
  }

  status(response: Element): void {
    const status = optionalChild(response, NS.samlp, 'Status');
    const code = status && optionalChild(status, NS.samlp, 'StatusCode');
    const value = code ? attribute(code, 'Value') : undefined;
    if (value !== STATUS_SUCCESS) {
      throw new SamlError(
        'status-not-success',
        `Status is '${value ?? '(none)'}' but a login needs '${STATUS_SUCCESS}'`,
      );
    }
  }

  issuer(element: Element, required: boolean): void {
    const issuer = optionalChild(element, NS.saml, 'Issuer');
    if (!issuer && !required) return;
    const found = text(issuer);
    if (found !== this.#policy.idpEntityId) {
      throw new SamlError(
        'issuer-mismatch',
        `${element.localName} Issuer is '${found || '(none)'}' but this SP trusts the IdP '${this.#policy.idpEntityId}'`,
      );
    }
  }

  destination(response: Element): void {
    const destination = attribute(response, 'Destination');
    if (destination !== undefined && destination !== this.#policy.acsUrl) {
      throw new SamlError(
        'destination-mismatch',
        `Response Destination is '${destination}' but this ACS is '${this.#policy.acsUrl}'`,
      );
    }
  }

  async open(source: Element): Promise<{ assertion: Element; decrypted: boolean }> {
    if (source.localName === 'Assertion') {
      if (this.#policy.requireEncryptedAssertion) {
        throw new SamlError(
          'decryption-failed',
          'Expected a saml:EncryptedAssertion (this SP requires encrypted assertions) but found a plain saml:Assertion',
        );
      }
      return { assertion: source, decrypted: false };
    }
    const key = this.#policy.decryptionKey;
    if (!key) {
      throw new SamlError(
        'decryption-failed',
        'The Response carries a saml:EncryptedAssertion but this SP has no decryption key (ResponsePolicy.decryptionKey)',
      );
    }
    const assertion = parseXml(await decryptAssertion(source, key)).documentElement;
    if (assertion?.namespaceURI !== NS.saml || assertion.localName !== 'Assertion') {
      throw new SamlError(
        'wrong-root',
        `The EncryptedAssertion decrypts to ${nameOf(assertion)} but must hold a saml:Assertion`,
      );
    }
    return { assertion, decrypted: true };
  }

  /** Pinned certificates, or (the 'pinned-certificate' bug) whatever the signature's own KeyInfo carries. */
  verify(doc: Document, element: Element): VerifiedElement {
    let trusted = this.#policy.trusted;
    if (!this.checking('pinned-certificate')) {
      const keyInfo = childElements(element, NS.ds, 'Signature')
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
      if (keyInfo.length > 0) trusted = keyInfo;
    }
    return verifyElementSignature(doc, element, {
      trusted,
      allowSha1: this.#policy.allowSha1 === true || !this.checking('algorithm'),
    });
  }

  /** A bearer SubjectConfirmation that passes every check; the first one's refusal when none does. */
  confirmation(subject: Element | undefined): Confirmed | undefined {
    const bearers = subject
      ? childElements(subject, NS.saml, 'SubjectConfirmation').filter(
          (confirmation) => attribute(confirmation, 'Method') === BEARER,
        )
      : [];
    if (bearers.length === 0) {
      if (!this.checking('subject')) return undefined;
      throw new SamlError(
        'subject-confirmation-missing',
        `The Assertion has no SubjectConfirmation with Method '${BEARER}' (Profiles §4.1.4.2)`,
      );
    }
    let firstRefusal: unknown;
    for (const bearer of bearers) {
      try {
        return this.#bearer(bearer);
      } catch (error) {
        firstRefusal ??= error;
      }
    }
    throw firstRefusal;
  }

  #bearer(confirmation: Element): Confirmed | undefined {
    const data = optionalChild(confirmation, NS.saml, 'SubjectConfirmationData');
    if (!data) {
      if (!this.checking('subject')) return undefined;
      throw new SamlError(
        'subject-confirmation-missing',
        'The bearer SubjectConfirmation has no SubjectConfirmationData (Profiles §4.1.4.2)',
      );
    }
    if (this.checking('recipient')) {
      const recipient = attribute(data, 'Recipient');
      if (recipient !== this.#policy.acsUrl) {
        throw new SamlError(
          'recipient-mismatch',
          `SubjectConfirmationData Recipient is '${recipient ?? '(none)'}' but this ACS is '${this.#policy.acsUrl}'`,
        );
      }
    }
    const notOnOrAfter = time(data, 'NotOnOrAfter');
    if (this.checking('time-window')) {
      if (!notOnOrAfter) {
        throw new SamlError(
          'subject-confirmation-missing',
          'The bearer SubjectConfirmationData has no NotOnOrAfter (required by Profiles §4.1.4.2)',
        );
      }
      this.window('SubjectConfirmationData', time(data, 'NotBefore'), notOnOrAfter);
    }
    return { inResponseTo: attribute(data, 'InResponseTo'), notOnOrAfter };
  }

  window(where: string, notBefore: Date | undefined, notOnOrAfter: Date | undefined): void {
    const now = new Date(this.#now).toISOString();
    const skew = this.#skewMs / 1000;
    if (notBefore && this.#now + this.#skewMs < notBefore.getTime()) {
      throw new SamlError(
        'not-yet-valid',
        `${where} NotBefore is ${notBefore.toISOString()} but it is ${now} (clock skew allowed: ${skew} s)`,
      );
    }
    if (notOnOrAfter && this.#now - this.#skewMs >= notOnOrAfter.getTime()) {
      throw new SamlError(
        'expired',
        `${where} NotOnOrAfter is ${notOnOrAfter.toISOString()} but it is ${now} (clock skew allowed: ${skew} s)`,
      );
    }
  }

  inResponseTo(value: string | undefined, responseValue: string | undefined): void {
    if (responseValue !== undefined && responseValue !== value) {
      throw new SamlError(
        'in-response-to-mismatch',
        `Response InResponseTo is '${responseValue}' but the assertion's SubjectConfirmationData says '${value ?? '(none)'}'`,
      );
    }
    if (value === undefined) {
      if (this.#policy.allowUnsolicited) return;
      throw new SamlError(
        'unsolicited',
        'The Response has no InResponseTo (IdP-initiated) but this SP accepts only answers to its own AuthnRequests',
      );
    }
    if (!this.#policy.outstandingRequests?.has(value)) {
      throw new SamlError(
        'in-response-to-mismatch',
        `InResponseTo is '${value}' but this SP has no outstanding AuthnRequest with that ID`,
      );
    }
  }

  audience(conditions: Element | undefined): void {
    const restrictions = conditions ? childElements(conditions, NS.saml, 'AudienceRestriction') : [];
    const spEntityId = this.#policy.spEntityId;
    if (restrictions.length === 0) {
      throw new SamlError(
        'audience-mismatch',
        `The Assertion has no AudienceRestriction but must name this SP '${spEntityId}' (Profiles §4.1.4.2)`,
      );
    }
    // Every AudienceRestriction must hold; within one, any Audience will do (Core §2.5.1.4).
    for (const restriction of restrictions) {
      const audiences = childElements(restriction, NS.saml, 'Audience').map((audience) => text(audience));
      if (!audiences.includes(spEntityId)) {
        throw new SamlError(
          'audience-mismatch',
          `Audience is '${audiences.join("', '") || '(none)'}' but this SP is '${spEntityId}'`,
        );
      }
    }
  }

  replay(assertionId: string, expiries: readonly (Date | undefined)[]): void {
    const cache = this.#policy.replayCache;
    if (!cache) return;
    const latest = Math.max(this.#now, ...expiries.map((date) => date?.getTime() ?? this.#now));
    if (cache.seen(assertionId, new Date(latest + this.#skewMs))) {
      throw new SamlError('replay', `Assertion '${assertionId}' was already used for a login at this SP`);
    }
  }
}

/**
 * A NameID must be plain text in the message as sent: a comment or processing
 * instruction inside it is invisible to the signature (exclusive c14n drops it)
 * but splits the text for any reader that takes the first text node.
 * @see SPEC "SAML 2.0" (a comment inside NameID that would truncate it)
 */
function refuseSplitText(assertion: Element): void {
  const subject = optionalChild(assertion, NS.saml, 'Subject');
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
}

/**
 * Validates a Response posted to the ACS; throws SamlError with the refusal reason, returns only
 * what was read from the verified element.
 * @see SAML 2.0 Profiles §4.1.4.3, §4.1.4.5; SPEC "SAML 2.0"
 */
export async function validateResponse(xml: string, policy: ResponsePolicy): Promise<ValidatedLogin> {
  const check = new AcsCheck(policy);
  const doc = parseXml(check.checking('doctype') ? xml : expandDoctype(xml));
  const root = doc.documentElement;
  if (root?.namespaceURI !== NS.samlp || root.localName !== 'Response') {
    throw new SamlError(
      'wrong-root',
      `Expected a samlp:Response (${NS.samlp}) root but found ${nameOf(root)}`,
    );
  }
  if (check.checking('status')) check.status(root);
  if (check.checking('issuer')) check.issuer(root, false);
  if (check.checking('destination')) check.destination(root);
  const placed = check.checking('signature-placement');
  const strictAssertion = check.checking('single-assertion') && placed;
  const candidate = findAssertion(root, strictAssertion);
  if (!placed) classicVerify(check.checking('doctype') ? xml : expandDoctype(xml), policy.trusted);

  // Signatures. A verified Response covers the assertion inside it, so that copy is the one opened.
  const required = policy.requireSigned ?? 'assertion';
  const signatureOf = (element: Element): boolean => childElements(element, NS.ds, 'Signature').length > 0;
  let response: Element | undefined;
  if (
    placed &&
    check.checking('signature') &&
    (signatureOf(root) || required === 'response' || required === 'both')
  ) {
    if (!signatureOf(root)) {
      throw new SamlError(
        'signature-missing',
        `The Response is unsigned but this SP requires it signed ('${required}')`,
      );
    }
    response = check.verify(doc, root).element;
  }
  const opened = await check.open(response ? findAssertion(response, strictAssertion) : candidate);
  let assertion = opened.assertion;
  if (check.checking('read-verified-node')) refuseSplitText(opened.assertion);
  if (placed && check.checking('signature')) {
    if (signatureOf(assertion)) {
      assertion = check.verify(assertion.ownerDocument, assertion).element;
    } else if (required === 'assertion' || required === 'both') {
      throw new SamlError(
        'assertion-unsigned',
        `The Assertion is unsigned but this SP requires a signed Assertion ('${required}')`,
      );
    } else if (!response) {
      throw new SamlError('signature-missing', 'Neither the Response nor the Assertion is signed');
    }
  }
  // From here on only `assertion` (the verified element) and `response` (verified, if signed) are read.
  const assertionId = attribute(assertion, 'ID');
  if (!assertionId) throw new SamlError('malformed', 'The Assertion has no ID attribute (Core §2.3.3)');

  if (check.checking('issuer')) check.issuer(assertion, true);
  const subject = optionalChild(assertion, NS.saml, 'Subject');
  const nameId = subject && optionalChild(subject, NS.saml, 'NameID');
  if (check.checking('subject')) {
    if (!subject) throw new SamlError('subject-missing', 'The Assertion has no saml:Subject');
    if (!nameId) throw new SamlError('name-id-missing', 'The Assertion Subject has no saml:NameID');
  }
  const confirmation = check.confirmation(subject);
  // The signed confirmation's InResponseTo decides; the Response's is used only when no confirmation was checked.
  const responseInResponseTo = attribute(response ?? root, 'InResponseTo');
  const inResponseTo = confirmation ? confirmation.inResponseTo : responseInResponseTo;
  if (check.checking('in-response-to')) check.inResponseTo(inResponseTo, responseInResponseTo);

  const conditions = optionalChild(assertion, NS.saml, 'Conditions');
  const notOnOrAfter = conditions && time(conditions, 'NotOnOrAfter');
  if (check.checking('time-window') && conditions) {
    check.window('Conditions', time(conditions, 'NotBefore'), notOnOrAfter);
  }
  if (check.checking('audience')) check.audience(conditions);

  const authnStatement = childElements(assertion, NS.saml, 'AuthnStatement')[0];
  if (!authnStatement && check.checking('authn-statement')) {
    throw new SamlError(
      'authn-statement-missing',
      'The Assertion has no saml:AuthnStatement (Profiles §4.1.4.2)',
    );
  }
  if (check.checking('replay')) check.replay(assertionId, [notOnOrAfter, confirmation?.notOnOrAfter]);

  const identity =
    check.checking('read-verified-node') && placed
      ? readVerified(assertion, nameId)
      : readFirstMatch(opened.decrypted ? opened.assertion.ownerDocument : doc);
  return {
    ...identity,
    nameIdFormat: nameId ? attribute(nameId, 'Format') : undefined,
    sessionIndex: authnStatement ? attribute(authnStatement, 'SessionIndex') : undefined,
    assertionId,
    inResponseTo,
    issuer: text(optionalChild(assertion, NS.saml, 'Issuer')),
  };
}
