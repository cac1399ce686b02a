/**
 * The contract between the attack vectors and the saml-security scenarios that send them:
 * what a vector needs from the scenario (a way to mint fresh legitimate responses, the
 * identities, the keys) and what it gives back (messages to post, a self-check, citations).
 * @see docs/conformance.md "Verdicts" (judge by who got logged in; vectors are fresh and check themselves), "SAML 2.0"
 */
import type { CoreRequirementId } from '#harness/requirements';
import type { KeyPair, ResponseInput } from '#harness/saml';

/** A Response as the IdP legitimately issues it, with the IDs it carries. */
export interface LegitResponse {
  xml: string;
  responseId: string;
  assertionId: string;
}

/** What a vector may use; the scenario builds one per target SP. */
export interface VectorContext {
  /**
   * Builds a FRESH valid response for `nameId` (new IDs every call, so a replay cache cannot hide the
   * verdict), signed as the target SP expects. The assertion must be a plain saml:Assertion (not
   * EncryptedAssertion): the vectors operate on it.
   */
  legit(nameId: string, overrides?: Partial<ResponseInput>): Promise<LegitResponse>;
  /** The identity the IdP legitimately signs for (a real user of the SP), e.g. 'victim@example.com'. */
  victim: string;
  /** The identity an attacker wants to log in as, e.g. 'admin@example.com'. */
  attacker: string;
  idpEntityId: string;
  spEntityId: string;
  acsUrl: string;
  now: Date;
  /** The IdP key: vectors that re-sign with the real key (SHA-1, a removed element, a moved signature) use it. */
  idpKey: KeyPair;
  /** A key the SP has never seen (createKeyPair), for forged signatures. */
  strangerKey: KeyPair;
  /** A solicited request ID the SP issued, when the scenario has one (needed by 'in-response-to-mismatch'). */
  inResponseTo?: string;
  /** The SP's encryption certificate (PEM), when it takes encrypted assertions only: what an attacker encrypts to. */
  encryptTo?: string;
  /**
   * Where 'doctype-external-entity' points its SYSTEM entity. A scenario that can observe fetches (an
   * in-process listener) passes its URL here to see the SP resolve it.
   * @default 'file:///dev/null' (inert: a DTD-processing parser reads nothing and carries on)
   */
  externalEntityUrl?: string;
}

/** The messages a vector posts, in order; the verdict is judged on the last one. */
export interface BuiltVector {
  sends: string[];
  /** What was built and what a vulnerable SP does with it, for the report. */
  description: string;
}

/** Which element of the built message carries a valid IdP signature (what the vector attacks). */
export type SignedElement = 'response' | 'assertion' | 'as-legit' | 'none' | 'stranger';

/** One attack of the docs/conformance.md "SAML 2.0" catalogue. */
export interface AttackVector {
  id: AttackVectorId;
  /** e.g. "XSW3: a forged assertion inserted before the signed one" */
  title: string;
  /**
   * What a careful SP must do: 'reject' for every attack. For 'replay' the first send is accepted as the
   * victim and the second must be rejected.
   */
  expect: 'reject';
  /**
   * Which identity a vulnerable SP would log in: the attacker's for wrapping/comment attacks, the victim's
   * for a validly signed but wrong message (expired, wrong audience…).
   */
  bypassIdentity: 'attacker' | 'victim';
  /**
   * The identity the IdP's valid signature vouches for, when it is not `ctx.victim`: comment-split-nameid and
   * doctype-entities have the IdP sign a longer value that the attacker owns (`admin@example.com.evil.example`),
   * which a careful SP reads whole; the truncated `ctx.attacker` is the bypass.
   */
  signedIdentity?(ctx: VectorContext): string;
  /**
   * Which element carries the valid IdP signature. 'response': the vector only means something to an SP
   * that accepts a Response-level signature (XSW1/2); 'assertion': to one that accepts an Assertion-level
   * signature (XSW3–8); 'as-legit': signed as `ctx.legit` signs.
   */
  signs: SignedElement;
  /**
   * When the vector applies. `inResponseTo`: the scenario must pass `ctx.inResponseTo` (else `build` throws a
   * TypeError). `signedAssertion`: only an SP that requires the Assertion itself signed must refuse it (for any
   * other SP the message is legitimate: record not-applicable). `encryption`: only an SP that takes encrypted
   * assertions only must refuse it.
   */
  requires?: { inResponseTo?: true; signedAssertion?: true; encryption?: true };
  /** Sent as built, never encrypted, even to an SP that takes encrypted assertions only. */
  plain?: true;
  /** Builds the malicious message(s), fresh each call (new IDs). */
  build(ctx: VectorContext): Promise<BuiltVector>;
  /**
   * Self-check before sending (docs/conformance.md "Verdicts"): throws a VectorCheckError explaining what is wrong when the
   * message is not the attack it claims to be (e.g. the signed element no longer verifies, or the element a
   * naive SP reads does not carry the attacker's NameID).
   */
  check(ctx: VectorContext, built: { sends: readonly string[] }): Promise<void>;
  /** Requirement IDs (harness/requirements/saml.ts) for the report. */
  cites: CoreRequirementId[];
  /** Where the attack comes from: specification clauses, papers, CVEs. */
  references: string[];
}

/** Every vector ID, in catalogue order. */
export const ATTACK_VECTOR_IDS = [
  'xsw1',
  'xsw2',
  'xsw3',
  'xsw4',
  'xsw5',
  'xsw6',
  'xsw7',
  'xsw8',
  'signature-stripped',
  'stranger-key-keyinfo',
  'look-alike-certificate',
  'trusted-certificate-other-key',
  'two-signedinfo',
  'comment-in-digest',
  'sha1-under-sha256',
  'unsigned-assertion-in-signed-response',
  'unencrypted-assertion',
  'encrypted-assertion-wrapping',
  'two-assertions',
  'two-assertions-before',
  'two-roots',
  'two-roots-signed-last',
  'comment-split-nameid',
  'doctype-entities',
  'doctype-external-entity',
  'replay',
  'expired',
  'not-yet-valid',
  'wrong-audience',
  'wrong-recipient',
  'wrong-destination',
  'wrong-issuer',
  'in-response-to-unsolicited',
  'in-response-to-mismatch',
  'status-not-success',
  'missing-subject',
  'missing-nameid',
  'missing-subject-confirmation',
  'missing-authn-statement',
] as const;

export type AttackVectorId = (typeof ATTACK_VECTOR_IDS)[number];

/**
 * A vector that is not the attack it claims to be; sending it would prove nothing.
 * @see docs/conformance.md "Verdicts" (every vector checks itself before it is sent)
 */
export class VectorCheckError extends Error {
  readonly code = 'SAML_VECTOR_INVALID';
  override readonly name = 'VectorCheckError';

  constructor(
    readonly vector: string,
    message: string,
  ) {
    super(`${vector}: ${message}`);
  }
}
