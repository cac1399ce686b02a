/**
 * What an ACS check is told (the policy, including the checks a fault switch
 * may skip) and what it returns.
 * @see SAML 2.0 Profiles §4.1.4.3
 */
import type { KeyPair } from './keys.js';
import type { ReplayCache } from './replay-cache.js';

/** A step of the ACS check that a fault switch may skip (each one models a known SP bug). */
export type SamlCheck =
  | 'signature'
  | 'single-assertion'
  | 'pinned-certificate'
  | 'algorithm'
  | 'issuer'
  | 'audience'
  | 'recipient'
  | 'destination'
  | 'time-window'
  | 'in-response-to'
  | 'replay'
  | 'status'
  | 'subject'
  | 'authn-statement'
  /** skipping it = read NameID/attributes from the original document, first match, first text node (vulnerable) */
  | 'read-verified-node'
  /** skipping it = verify the first signature anywhere and read from the document (XSW-vulnerable) */
  | 'signature-placement'
  /** skipping it = process a DOCTYPE's internal entities instead of refusing the message */
  | 'doctype';

/** What the SP expects of a Response. */
export interface ResponsePolicy {
  /** The IdP's entity ID (Response and Assertion Issuer). */
  idpEntityId: string;
  /** Pinned IdP certificates (PEM); KeyInfo in the message never picks the key. */
  trusted: readonly string[];
  /** This SP's entity ID (Audience). */
  spEntityId: string;
  /** This ACS's URL (Destination, Recipient). */
  acsUrl: string;
  /** Which element must carry a valid signature. @default 'assertion' */
  requireSigned?: 'assertion' | 'response' | 'either' | 'both';
  /** Accept rsa-sha1 / sha1. @default false */
  allowSha1?: boolean;
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
  /** Checks switched off; only ever set by a named SP fault switch. @default none */
  skip?: ReadonlySet<SamlCheck>;
  // There is deliberately no option to trust KeyInfo: the 'pinned-certificate' skip models that bug.
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
