/**
 * Why a SAML message was refused: one coded error class for the SAML domain,
 * its `reason` machine-readable (the SPs map reasons to their own names, SF-19),
 * its message saying what was wrong and the fix.
 * @see docs/conformance.md "Verdicts", SF-19
 */

/** Machine-readable reason a SAML message was refused; the SPs map these to their own names. @see SF-19 */
export type SamlRefusal =
  | 'too-large'
  | 'too-deep'
  | 'doctype'
  | 'not-well-formed'
  | 'multiple-roots'
  | 'wrong-root'
  | 'signature-missing'
  | 'signature-invalid'
  | 'signature-multiple'
  | 'signature-wrapping'
  | 'untrusted-certificate'
  | 'weak-algorithm'
  | 'digest-invalid'
  | 'assertion-missing'
  | 'assertion-multiple'
  | 'assertion-unsigned'
  | 'status-not-success'
  | 'issuer-mismatch'
  | 'audience-mismatch'
  | 'recipient-mismatch'
  | 'destination-mismatch'
  | 'expired'
  | 'not-yet-valid'
  | 'in-response-to-mismatch'
  | 'unsolicited'
  | 'replay'
  | 'subject-missing'
  | 'name-id-missing'
  | 'subject-confirmation-missing'
  | 'authn-statement-missing'
  | 'decryption-failed'
  | 'unknown-issuer'
  | 'acs-not-registered'
  | 'binding-mismatch'
  | 'malformed';

/**
 * Why a SAML message was refused; `reason` is machine-readable, `message` says what was wrong and the fix.
 * @see docs/conformance.md "Verdicts"
 */
export class SamlError extends Error {
  readonly code = 'SAML_REFUSED';
  override readonly name = 'SamlError';

  constructor(
    readonly reason: SamlRefusal,
    message: string,
  ) {
    super(message);
  }
}
