/**
 * How an SP is graded when it accepts an attack message and signs in the identity the IdP's
 * signature vouches for, not the attacker's: one table, graded by what the acceptance costs
 * the customer (docs/decisions/0017-saml-verdicts-by-consequence.md). The attacker signed in
 * is always a critical bypass and needs no row; a refusal always passes.
 */
import type { Level } from '#harness/requirements';
import type { AttackVectorId } from './vectors/index.js';

export type AcceptedGrade = 'critical' | 'error' | 'warning' | 'note' | 'pass';

export interface Acceptance {
  grade: AcceptedGrade;
  /** What was accepted and why it matters (or why accepting it is right), for the report. */
  why: string;
}

/** What the signed-identity acceptance of a vector is judged on besides the vector itself. */
export interface AcceptanceFacts {
  /** Whether the Response element itself carried the IdP's signature. */
  responseSigned: boolean;
}

/** The level and security flag a grade fails at. */
export const GRADE_LEVEL: Record<Exclude<AcceptedGrade, 'pass'>, { level: Level; security: boolean }> = {
  critical: { level: 'MUST', security: true },
  error: { level: 'MUST', security: false },
  warning: { level: 'SHOULD', security: false },
  note: { level: 'MAY', security: false },
};

const INTEGRITY: Acceptance = {
  grade: 'error',
  why: 'The SP accepted a message altered after the IdP signed it. It signed in the identity the IdP signed, so nobody was impersonated this time, but it lets through messages the IdP never sent: one parser change away from a bypass.',
};

const WHEN_SIGNED_IDENTITY: Record<AttackVectorId, Acceptance | ((facts: AcceptanceFacts) => Acceptance)> = {
  xsw1: INTEGRITY,
  xsw2: INTEGRITY,
  xsw3: INTEGRITY,
  xsw4: INTEGRITY,
  xsw5: INTEGRITY,
  xsw6: INTEGRITY,
  xsw7: INTEGRITY,
  xsw8: INTEGRITY,
  'signature-stripped': INTEGRITY,
  'encrypted-assertion-wrapping': INTEGRITY,
  'stranger-key-keyinfo': INTEGRITY,
  'look-alike-certificate': INTEGRITY,
  'trusted-certificate-other-key': INTEGRITY,
  'two-signedinfo': INTEGRITY,
  'comment-in-digest': INTEGRITY,
  'two-assertions': INTEGRITY,
  'two-assertions-before': INTEGRITY,
  'two-roots': INTEGRITY,
  'two-roots-signed-last': INTEGRITY,
  'comment-split-nameid': {
    grade: 'pass',
    why: 'The SP read the signed NameID whole, across the comment, which is correct: the comment changes nothing the signature covers.',
  },
  'doctype-entities': {
    grade: 'warning',
    why: 'The SP parsed a DOCTYPE with internal entities and read the signed NameID whole, so nobody was impersonated; but a parser that processes DTDs is open to entity-expansion denial of service, and no SAML message carries a DTD.',
  },
  'doctype-external-entity': {
    grade: 'error',
    why: 'The SP parsed a message carrying a DOCTYPE with an external entity: DTD processing is the precondition for XXE (reading local files, reaching internal hosts).',
  },
  replay: {
    grade: 'critical',
    why: 'The same assertion was accepted twice: whoever captures one (a proxy log, browser history, a shared machine) signs in as that user again (Profiles §4.1.4.5).',
  },
  expired: {
    grade: 'critical',
    why: 'An assertion past its NotOnOrAfter was accepted: a stale assertion captured anywhere still signs its user in.',
  },
  'not-yet-valid': {
    grade: 'error',
    why: 'An assertion whose NotBefore lies in the future was accepted: the SP ignores the validity window it is given (Core §2.5.1.2).',
  },
  'wrong-audience': {
    grade: 'critical',
    why: 'An assertion issued for another SP was accepted: any SP trusted by the same IdP (or its operator) can sign its users in here (Core §2.5.1.4).',
  },
  'wrong-recipient': {
    grade: 'error',
    why: 'An assertion whose bearer Recipient names another ACS was accepted (Profiles §4.1.4.2 MUST); its Audience still names this SP, so it takes an assertion the IdP meant for another endpoint.',
  },
  'wrong-destination': ({ responseSigned }) =>
    responseSigned
      ? {
          grade: 'error',
          why: 'A signed Response addressed to another ACS was accepted (Bindings §3.5.5.2: the recipient of a signed message MUST verify its Destination).',
        }
      : {
          grade: 'note',
          why: 'A Response addressed to another ACS was accepted. It was not signed, so Bindings §3.5.5.2 does not require the check; the signed assertion’s Recipient is what ties it to this ACS.',
        },
  'wrong-issuer': {
    grade: 'warning',
    why: 'A message signed with the trusted key but naming another Issuer was accepted. With one trusted IdP nothing is forged; an SP that trusts several IdPs by key alone lets one speak for another.',
  },
  'in-response-to-unsolicited': {
    grade: 'warning',
    why: 'A Response to an AuthnRequest the SP never sent was accepted (Profiles §4.1.4.3). An SP that takes IdP-initiated logins gains little from the check; one that starts every login should tie each Response to its request.',
  },
  'in-response-to-mismatch': {
    grade: 'error',
    why: 'The SP had a login outstanding and accepted a Response to another request (Profiles §4.1.4.3 MUST): a Response from another browser session completes this one.',
  },
  'status-not-success': {
    grade: 'warning',
    why: 'A Response whose Status is not Success was read for its assertion (Core §3.2.2.2). The IdP signed it, so nothing is forged, but the SP signs users in where the IdP reported a failure.',
  },
  'missing-subject': {
    grade: 'error',
    why: 'An assertion without a Subject signed someone in: the SP takes the identity from somewhere the profile does not allow (Profiles §4.1.4.2).',
  },
  'missing-nameid': {
    grade: 'error',
    why: 'An assertion without a NameID signed someone in: the SP takes the identity from somewhere the profile does not allow (Profiles §4.1.4.2).',
  },
  'missing-subject-confirmation': {
    grade: 'warning',
    why: 'A signed assertion without a bearer SubjectConfirmation was accepted: an assertion the IdP issued for another purpose (no Recipient, no NotOnOrAfter) signs users in (Profiles §4.1.4.2).',
  },
  'missing-authn-statement': {
    grade: 'warning',
    why: 'A signed assertion without an AuthnStatement was accepted: the IdP never said the user authenticated (Profiles §4.1.4.2).',
  },
  'sha1-under-sha256': {
    grade: 'warning',
    why: 'A genuine IdP signature made with RSA-SHA1 was accepted. Nothing is forged; SHA-1 is deprecated for signatures (chosen-prefix collisions are practical), so this is a policy item.',
  },
  'unencrypted-assertion': {
    grade: 'warning',
    why: 'The SP takes encrypted assertions only, yet accepted the signed assertion in the clear. Nothing is forged, but the encryption it asked for protects nothing: the assertion and its attributes are readable in the browser, its history and any proxy on the way (Core §6.1).',
  },
  'unsigned-assertion-in-signed-response': {
    grade: 'note',
    why: 'The Response signature covers the assertion, so nothing unsigned was trusted; the SP asked for signed assertions and did not insist.',
  },
};

/** How the signed-identity acceptance of `vector` is graded. */
export function acceptanceOf(vector: AttackVectorId, facts: AcceptanceFacts): Acceptance {
  const row = WHEN_SIGNED_IDENTITY[vector];
  return typeof row === 'function' ? row(facts) : row;
}
