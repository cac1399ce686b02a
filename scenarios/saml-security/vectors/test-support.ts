/**
 * Test fixtures for the vectors: a VectorContext whose `legit` is the reference IdP's buildResponse, and the
 * strict ACS policy of a careful SP that expects what that context signs.
 */
import {
  NAMEID_FORMAT,
  ReplayCache,
  buildResponse,
  sharedKeyPair,
  type KeyPair,
  type ResponsePolicy,
} from '#harness/saml';
import type { VectorContext } from './types.js';

export const IDP = 'https://idp.example/saml2/app';
export const SP = 'https://sp.example/saml/metadata';
export const ACS = 'https://sp.example/saml/acs';
export const NOW = new Date('2025-03-01T12:00:00.000Z');
export const REQUEST_ID = 'REQUEST0000000000000000000000000000000001';

/** How the IdP signs and how the SP was reached; each one is a target SP configuration. */
export interface Setup {
  name: string;
  signAssertion: boolean;
  signResponse: boolean;
  /** SP-initiated (an outstanding AuthnRequest) or IdP-initiated. */
  solicited: boolean;
}

export const SETUPS: readonly Setup[] = [
  {
    name: 'assertion signed, SP-initiated (JumpCloud default)',
    signAssertion: true,
    signResponse: false,
    solicited: true,
  },
  { name: 'both signed, IdP-initiated', signAssertion: true, signResponse: true, solicited: false },
  { name: 'response signed, SP-initiated', signAssertion: false, signResponse: true, solicited: true },
];

export interface Keys {
  idpKey: KeyPair;
  strangerKey: KeyPair;
  /** The SP's decryption key pair: its certificate is what assertions are encrypted to. */
  spKey: KeyPair;
}

export async function loadKeys(): Promise<Keys> {
  const [idpKey, strangerKey, spKey] = await Promise.all([
    sharedKeyPair('idp'),
    sharedKeyPair('saml-security-stranger', { commonName: 'Stranger' }),
    sharedKeyPair('saml-security-sp', { commonName: 'SP' }),
  ]);
  return { idpKey, strangerKey, spKey };
}

/** A context whose `legit` signs as `setup` says, with an email attribute repeating the NameID. */
export function contextFor(setup: Setup, keys: Keys): VectorContext {
  const inResponseTo = setup.solicited ? REQUEST_ID : undefined;
  return {
    legit: (nameId, overrides = {}) =>
      buildResponse(
        {
          issuer: IDP,
          destination: ACS,
          audience: SP,
          inResponseTo,
          nameId: { value: nameId, format: NAMEID_FORMAT.emailAddress },
          attributes: [{ name: 'email', values: [nameId] }],
          now: NOW,
          ...overrides,
        },
        { key: keys.idpKey, signAssertion: setup.signAssertion, signResponse: setup.signResponse },
      ),
    victim: 'victim@example.com',
    attacker: 'admin@example.com',
    idpEntityId: IDP,
    spEntityId: SP,
    acsUrl: ACS,
    now: NOW,
    idpKey: keys.idpKey,
    strangerKey: keys.strangerKey,
    encryptTo: keys.spKey.certificatePem,
    ...(inResponseTo ? { inResponseTo } : {}),
  };
}

/** The strict ACS policy of an SP that expects what `setup` signs (fresh replay cache each call). */
export function strictPolicy(
  setup: Setup,
  keys: Keys,
  overrides: Partial<ResponsePolicy> = {},
): ResponsePolicy {
  return {
    idpEntityId: IDP,
    trusted: [keys.idpKey.certificatePem],
    spEntityId: SP,
    acsUrl: ACS,
    now: () => NOW,
    requireSigned: setup.signAssertion ? (setup.signResponse ? 'both' : 'assertion') : 'response',
    ...(setup.solicited ? { outstandingRequests: new Set([REQUEST_ID]) } : { allowUnsolicited: true }),
    replayCache: new ReplayCache(() => NOW),
    ...overrides,
  };
}
