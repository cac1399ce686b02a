/**
 * Verification of the enveloped signature on one SAML element, paranoid by
 * default: the structure of ds:Signature is checked before any cryptography,
 * the key only ever comes from the pinned certificates, and what is returned is
 * the element re-parsed from the bytes xml-crypto verified — never a node of the
 * original document, so wrapped or commented content cannot ride along.
 * @see SAML 2.0 Core §5.4, XML Signature 1.1 §3.2 (core validation), SPEC "SAML 2.0"
 */
import { X509Certificate } from 'node:crypto';
import { SignedXml } from 'xml-crypto';
import { base64ToPem, pemToBase64 } from './keys.js';
import type { SigningAlgorithm } from './sign.js';
import { checkSignatureStructure, checkedId } from './signature-structure.js';
import { NS, SamlError, childElements, parseXml, serialize } from './xml.js';

/** An element whose signature verified. @see XML Signature 1.1 §3.2 */
export interface VerifiedElement {
  /**
   * The signed element, re-parsed from xml-crypto's getSignedReferences() (the bytes that were verified):
   * canonical form, comments and its own enveloped ds:Signature removed. Read values from this, never from the input.
   */
  element: Element;
  algorithm: SigningAlgorithm;
}

/** What a verifier trusts. @see SAML 2.0 Core §5.4.5 (KeyInfo), SPEC OUT-02 */
export interface VerifyOptions {
  /** Pinned certificates (PEM). KeyInfo in the message is NEVER used to pick the key. */
  trusted: readonly string[];
  /**
   * Accept rsa-sha1 / sha1 digests; otherwise SamlError('weak-algorithm').
   * @default false
   */
  allowSha1?: boolean;
}

/** How xml-crypto reports a SignatureValue that the key does not verify. */
const WRONG_KEY_MESSAGE = 'invalid signature: the signature value';

/**
 * Verifies the one ds:Signature that is a direct child of `element`: exactly one (else signature-missing /
 * signature-multiple), one Reference whose URI is '#'+element's ID attribute, the ID unique in the document (else
 * signature-wrapping), no quote characters in the ID, xml-crypto checkSignature with the pinned cert, and returns the
 * element parsed from getSignedReferences()[0]. Throws SamlError('signature-invalid' | 'untrusted-certificate' |
 * 'digest-invalid' | 'weak-algorithm' …).
 * @see SAML 2.0 Core §5.4.1–5.4.5, XML Signature 1.1 §3.2, SPEC "SAML 2.0"
 */
export function verifyElementSignature(
  doc: Document,
  element: Element,
  options: VerifyOptions,
): VerifiedElement {
  if (element.ownerDocument !== doc) {
    throw new TypeError('verifyElementSignature: the element does not belong to the document passed with it');
  }
  const pinned = pinnedCertificates(options.trusted);
  const where = `<${element.tagName}>`;

  const signatures = childElements(element, NS.ds, 'Signature');
  if (signatures.length === 0) {
    throw new SamlError(
      'signature-missing',
      `${where} is not signed: it has no ds:Signature child (SAML Core §5.4.1)`,
    );
  }
  if (signatures.length > 1 || !signatures[0]) {
    throw new SamlError(
      'signature-multiple',
      `${where} has ${signatures.length} ds:Signature children; a signed SAML element carries exactly one`,
    );
  }
  const signature = signatures[0];
  const id = checkedId(doc, element, where);
  const algorithm = checkSignatureStructure(signature, id, where, options.allowSha1 ?? false);

  const fullXml = serialize(doc);
  let failure: string | undefined;
  for (const certificate of pinned) {
    const outcome = attempt(signature, fullXml, certificate.pem);
    if (outcome.kind === 'verified') {
      return { element: signedElement(outcome.reference, element, id), algorithm };
    }
    if (outcome.kind === 'reference-invalid') {
      throw new SamlError(
        'signature-invalid',
        `${where} was changed after it was signed: ${outcome.detail} (XML Signature 1.1 §3.2.1 reference validation)`,
      );
    }
    if (outcome.kind === 'error') failure = outcome.detail;
  }
  if (failure !== undefined) {
    throw new SamlError('signature-invalid', `${where} signature cannot be verified: ${failure}`);
  }

  // Only to name the problem: a signature that verifies with the KeyInfo certificate is valid but untrusted.
  const offered = keyInfoCertificate(signature);
  if (offered && !pinned.some((certificate) => certificate.base64 === offered.base64)) {
    if (attempt(signature, fullXml, offered.pem).kind === 'verified') {
      throw new SamlError(
        'untrusted-certificate',
        `${where} is signed by a certificate that is not pinned (KeyInfo subject ${offered.subject}); ` +
          'the SP trusts only the IdP certificate it was configured with — pin that certificate or sign with its key',
      );
    }
  }
  throw new SamlError(
    'signature-invalid',
    `${where} signature does not verify with any of the ${pinned.length} pinned certificate(s) (SignatureValue is wrong)`,
  );
}

interface PinnedCertificate {
  pem: string;
  base64: string;
  subject: string;
}

function pinnedCertificates(trusted: readonly string[]): PinnedCertificate[] {
  if (!Array.isArray(trusted))
    throw new TypeError('verifyElementSignature: options.trusted must be an array of PEM certificates');
  if (trusted.length === 0) {
    throw new SamlError(
      'untrusted-certificate',
      'No IdP certificate is pinned, so no signature can be trusted; configure the IdP signing certificate',
    );
  }
  // Pinned certificates often come from data (metadata, an admin form), so a bad one is a refusal, not a crash.
  return trusted.map((text, index) => {
    try {
      return describeCertificate(pemToBase64(text));
    } catch (error) {
      throw new SamlError(
        'untrusted-certificate',
        `Pinned certificate #${index + 1} cannot be read (${error instanceof Error ? error.message : String(error)}); ` +
          "fix the SP's IdP certificate configuration",
      );
    }
  });
}

function describeCertificate(base64: string): PinnedCertificate {
  const pem = base64ToPem(base64);
  return { pem, base64, subject: new X509Certificate(pem).subject.replace(/\n/g, ', ') };
}

type Attempt =
  | { kind: 'verified'; reference: string }
  | { kind: 'wrong-key' }
  | { kind: 'reference-invalid'; detail: string }
  | { kind: 'error'; detail: string };

/** One xml-crypto verification with one certificate as the only key source (getCertFromKeyInfo stays a no-op). */
function attempt(signature: Element, fullXml: string, certificatePem: string): Attempt {
  const verifier = new SignedXml({ publicCert: certificatePem });
  try {
    verifier.loadSignature(signature);
    if (!verifier.checkSignature(fullXml)) {
      const detail =
        verifier.getReferences()[0]?.validationError?.message ?? 'the reference did not validate';
      return { kind: 'reference-invalid', detail: detail.replace(/^invalid signature: /, '') };
    }
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return detail.startsWith(WRONG_KEY_MESSAGE) ? { kind: 'wrong-key' } : { kind: 'error', detail };
  }
  const references = verifier.getSignedReferences();
  if (references.length !== 1 || references[0] === undefined) {
    return {
      kind: 'error',
      detail: `expected one signed reference, xml-crypto verified ${references.length}`,
    };
  }
  return { kind: 'verified', reference: references[0] };
}

/** Re-parses the verified bytes and checks they are the element that was asked about. */
function signedElement(reference: string, original: Element, id: string): Element {
  // The bytes come from a document that passed parseXml; only their canonical form can be larger.
  const signed = parseXml(reference, {
    maxBytes: Number.MAX_SAFE_INTEGER,
    maxDepth: Number.MAX_SAFE_INTEGER,
  }).documentElement;
  if (
    !signed ||
    signed.namespaceURI !== original.namespaceURI ||
    signed.localName !== original.localName ||
    signed.getAttributeNode('ID')?.value !== id
  ) {
    throw new SamlError('signature-wrapping', `the signed reference is not <${original.tagName} ID="${id}">`);
  }
  return signed;
}

function keyInfoCertificate(signature: Element): PinnedCertificate | undefined {
  const text = childElements(signature, NS.ds, 'KeyInfo')
    .flatMap((keyInfo) => childElements(keyInfo, NS.ds, 'X509Data'))
    .flatMap((data) => childElements(data, NS.ds, 'X509Certificate'))[0]?.textContent;
  try {
    return text ? describeCertificate(text.replace(/\s+/g, '')) : undefined;
  } catch {
    return undefined;
  }
}
