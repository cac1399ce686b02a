/**
 * Named SAML fault switches: each makes the SP's ACS misbehave the way a real
 * SP does when it has that bug, by skipping one named check of validateResponse
 * or by loosening one of the SP's own rules. Strict is the default; a fault is
 * opt-in only (docs/decisions/0006-fault-switches.md).
 * @see SPEC "SAML 2.0", STYLE.md "SAML code is defensive by default"
 */
import type { SamlCheck } from '#harness';

/** One switch: what it breaks, and the validateResponse checks it skips (none for an SP-rule fault). */
export interface SamlFaultSpec {
  description: string;
  skips: readonly SamlCheck[];
}

export const SAML_FAULTS = {
  'skip-signature-check': {
    description:
      'accepts an assertion without verifying any signature (Profiles §4.1.4.3: the assertion must be signed)',
    skips: ['signature'],
  },
  'trust-keyinfo-certificate': {
    description:
      'verifies the signature with the certificate in its own KeyInfo instead of the pinned IdP certificate (SPEC "SAML 2.0": a certificate in KeyInfo that is not the pinned one)',
    skips: ['pinned-certificate'],
  },
  'first-assertion': {
    description:
      'takes the first Assertion anywhere in the Response instead of refusing two assertions (SPEC "SAML 2.0": two assertions; XSW)',
    skips: ['single-assertion'],
  },
  'first-text-node': {
    description:
      'reads NameID and attributes from the first match in the posted document, first text node only, not from the verified element (SPEC "SAML 2.0": a comment inside NameID truncates it)',
    skips: ['read-verified-node'],
  },
  'xsw-vulnerable': {
    description:
      'verifies the first ds:Signature anywhere and reads the identity from the document, not from the element the signature covers (SPEC "SAML 2.0": signature wrapping, XSW1–8)',
    skips: ['signature-placement'],
  },
  'process-doctype': {
    description:
      'parses a DOCTYPE and expands its entities instead of refusing the message (SPEC "SAML 2.0": DOCTYPE and entities)',
    skips: ['doctype'],
  },
  'no-replay-cache': {
    description:
      'keeps no record of used assertion IDs, so a replayed assertion logs in again (Profiles §4.1.4.5)',
    skips: ['replay'],
  },
  'skip-audience-check': {
    description: 'accepts an assertion whose Audience is another SP (Core §2.5.1.4)',
    skips: ['audience'],
  },
  'skip-recipient-check': {
    description: 'accepts a SubjectConfirmationData Recipient that is not this ACS (Profiles §4.1.4.3)',
    skips: ['recipient'],
  },
  'skip-destination-check': {
    description: 'accepts a Response whose Destination is not this ACS (Bindings §3.5.5.2)',
    skips: ['destination'],
  },
  'skip-issuer-check': {
    description: 'accepts a Response or Assertion from an Issuer other than the configured IdP (OUT-02)',
    skips: ['issuer'],
  },
  'skip-time-check': {
    description: 'accepts an expired or not-yet-valid assertion (Core §2.5.1.2, Profiles §4.1.4.3)',
    skips: ['time-window'],
  },
  'ignore-in-response-to': {
    description: 'accepts an InResponseTo this SP never sent (Profiles §4.1.4.3)',
    skips: ['in-response-to'],
  },
  'ignore-status': {
    description: 'logs the user in from a Response whose Status is not Success (Core §3.2.2.2)',
    skips: ['status'],
  },
  'accept-sha1': {
    description:
      'accepts RSA-SHA1 signatures and SHA-1 digests where SHA-256 is required (PCO-01, SPEC "SAML 2.0")',
    skips: ['algorithm'],
  },
  'no-subject-check': {
    description:
      'accepts an assertion without Subject, NameID or bearer SubjectConfirmation (Profiles §4.1.4.2)',
    skips: ['subject'],
  },
  'no-authn-statement-check': {
    description: 'accepts an assertion without an AuthnStatement (Profiles §4.1.4.2)',
    skips: ['authn-statement'],
  },
  'jit-without-required-attributes': {
    description: 'JIT creates the user even when a required attribute is missing (OUT-05, SF-18)',
    skips: [],
  },
  'jit-ignores-subject-mismatch': {
    description: 'JIT accepts a FederationIdentifier attribute that differs from the subject (SF-18)',
    skips: [],
  },
  'placeholder-certificate-accepted': {
    description:
      'trusts the setup placeholder certificate as if it were the IdP certificate (SF-16: every assertion is refused until it is replaced)',
    skips: [],
  },
  'login-before-enable': {
    description: 'accepts real logins before SSO is Enabled (OUT-04: only the Test login works)',
    skips: [],
  },
  'unknown-user-created': {
    description:
      'creates an unknown SSO user instead of refusing the login (INT-03: users must already exist)',
    skips: [],
  },
  'any-name-id-format': {
    description: 'accepts a NameID of any format where the SP requires one (PCO-01: emailAddress)',
    skips: [],
  },
  'account-id-not-in-urls': {
    description: 'publishes an entity ID and ACS URL that do not carry the account ID (OUT-01)',
    skips: [],
  },
  'metadata-import-ignored': {
    description:
      'imports IdP metadata but keeps only its certificate and endpoint, not its URL or entity ID (INT-02, SPK-01)',
    skips: [],
  },
} as const satisfies Record<string, SamlFaultSpec>;

export type SamlFault = keyof typeof SAML_FAULTS;

export function isSamlFault(name: string): name is SamlFault {
  return Object.hasOwn(SAML_FAULTS, name);
}

/** The validateResponse checks the given faults switch off. */
export function skippedChecks(faults: Iterable<SamlFault>): Set<SamlCheck> {
  const skip = new Set<SamlCheck>();
  for (const fault of faults) for (const check of SAML_FAULTS[fault].skips) skip.add(check);
  return skip;
}
