/**
 * What an ACS check is told (the SP's policy) and what it returns. Nothing here weakens the
 * check: a mock SP's fault replaces one of its named steps instead (response-steps.ts).
 * @see SAML 2.0 Profiles §4.1.4.3
 */
import type { KeyPair } from './keys.js';
import type { ReplayCache } from './replay-cache.js';

/** What the SP expects of a Response. */
export interface ResponsePolicy {
  /**
   * The IdP's entity ID (Response and Assertion Issuer). Absent only where the SP's admin is never
   * asked for it, as node-saml without `idpIssuer`: then no Issuer is compared.
   */
  idpEntityId?: string;
  /** Pinned IdP certificates (PEM); KeyInfo in the message never picks the key. */
  trusted: readonly string[];
  /** This SP's entity ID (Audience). */
  spEntityId: string;
  /** This ACS's URL (Destination, Recipient). */
  acsUrl: string;
  /** Which element must carry a valid signature. @default 'assertion' */
  requireSigned?: 'assertion' | 'response' | 'either' | 'both';
  /** Tolerance on NotBefore / NotOnOrAfter. @default 60 */
  clockSkewSeconds?: number;
  now: () => Date;
  /** AuthnRequest IDs the SP sent and has not yet seen answered. @default none */
  outstandingRequests?: ReadonlySet<string>;
  /** Accept a Response without InResponseTo (IdP-initiated). @default false */
  allowUnsolicited?: boolean;
  /** Remembers accepted assertion IDs; no replay check without one. */
  replayCache?: ReplayCache;
  /** Key for EncryptedAssertion. */
  decryptionKey?: KeyPair;
  /** Refuse a plain Assertion. @default false */
  requireEncryptedAssertion?: boolean;
  // Deliberately no option to trust KeyInfo, accept SHA-1 or skip a check: those are fault steps.
}

/** What the SP may trust after the check. */
export interface ValidatedLogin {
  nameId: string;
  nameIdFormat?: string;
  attributes: Record<string, string[]>;
  sessionIndex?: string;
  assertionId: string;
  inResponseTo?: string;
  issuer: string;
}
