/**
 * Fixtures the ACS-check tests share: a fixed clock, test keys, a valid Response
 * builder, and the table of refusals (each a minimal mutation of a valid Response).
 */
import { expect } from 'vitest';
import { sharedKeyPair, type KeyPair } from './keys.js';
import {
  NAMEID_FORMAT,
  STATUS_SUCCESS,
  buildResponse,
  type ResponseInput,
  type SigningPolicy,
} from './response.js';
import { signXml } from './sign.js';
import type { ResponsePolicy, ResponseSteps, ValidatedLogin } from './validate-response.js';
import {
  acceptSha1,
  anySubjectConfirmation,
  firstAssertionAnywhere,
  firstSignedAssertion,
  skipped,
  trustKeyInfo,
  unclockedConditions,
  unclockedConfirmation,
} from './vulnerable.js';
import type { SamlRefusal } from './xml.js';

export const IDP = 'https://idp.example/saml2/app';
export const SP = 'https://sp.example';
export const ACS = 'https://sp.example/saml/acs';
export const NOW = new Date('2025-03-01T12:00:00.000Z');

export let idpKey: KeyPair;
export let spKey: KeyPair;
export let attackerKey: KeyPair;

/** Loads the keys the helpers sign with; call it from a `beforeAll`. */
export async function loadTestKeys(): Promise<void> {
  [idpKey, spKey, attackerKey] = await Promise.all([
    sharedKeyPair('saml-test-idp'),
    sharedKeyPair('saml-test-sp'),
    sharedKeyPair('saml-test-attacker'),
  ]);
}

export function input(overrides: Partial<ResponseInput> = {}): ResponseInput {
  return {
    issuer: IDP,
    destination: ACS,
    audience: SP,
    inResponseTo: 'REQ-1',
    nameId: { value: 'ada@example.com', format: NAMEID_FORMAT.emailAddress },
    attributes: [
      { name: 'email', values: ['ada@example.com'] },
      { name: 'groups', values: ['eng', 'ops'] },
    ],
    sessionIndex: 'SESSION-1',
    now: NOW,
    ...overrides,
  };
}

export function policy(overrides: Partial<ResponsePolicy> = {}): ResponsePolicy {
  return {
    idpEntityId: IDP,
    trusted: [idpKey.certificatePem],
    spEntityId: SP,
    acsUrl: ACS,
    now: () => NOW,
    outstandingRequests: new Set(['REQ-1']),
    ...overrides,
  };
}

/** `seconds` after the response was issued. */
export function clock(seconds: number): () => Date {
  return () => new Date(NOW.getTime() + seconds * 1000);
}

export async function build(
  overrides: Partial<ResponseInput> = {},
  signing: Partial<SigningPolicy> = {},
  encryptTo?: string,
): Promise<string> {
  const policy = { key: idpKey, signAssertion: true, signResponse: false, ...signing };
  return (await buildResponse(input(overrides), policy, encryptTo)).xml;
}

/** A valid response edited as text before its assertion is signed: a signed assertion that lacks something. */
export async function signedAfter(edit: (xml: string) => string): Promise<string> {
  const { xml, assertionId } = await buildResponse(input(), {
    key: idpKey,
    signAssertion: false,
    signResponse: false,
  });
  const edited = edit(xml);
  expect(edited).not.toBe(xml);
  return signXml(edited, assertionId, idpKey);
}

export const ASSERTION = /<saml2:Assertion [\s\S]*<\/saml2:Assertion>/;

/** A valid response followed by a second, separately signed assertion for someone else. */
export async function twoAssertions(): Promise<string> {
  const first = await build();
  const second = (await build({ nameId: { value: 'mallory@example.com' } })).match(ASSERTION)![0];
  return first.replace('</saml2p:Response>', `${second}</saml2p:Response>`);
}

export const ADA: Omit<ValidatedLogin, 'assertionId'> = {
  nameId: 'ada@example.com',
  nameIdFormat: NAMEID_FORMAT.emailAddress,
  attributes: { email: ['ada@example.com'], groups: ['eng', 'ops'] },
  sessionIndex: 'SESSION-1',
  inResponseTo: 'REQ-1',
  issuer: IDP,
};

export interface Refusal {
  title: string;
  reason: SamlRefusal;
  /** The vulnerable steps that let it through. */
  vulnerable: Partial<ResponseSteps>;
  xml: () => Promise<string>;
  policy?: Partial<ResponsePolicy>;
}

const UNCLOCKED: Partial<ResponseSteps> = {
  'confirmation-time': unclockedConfirmation,
  'conditions-time': unclockedConditions,
};
const NO_SUBJECT_CHECK: Partial<ResponseSteps> = {
  subject: skipped,
  'subject-confirmation': anySubjectConfirmation,
};

export const refusals: Refusal[] = [
  {
    title: 'an Audience that is not this SP',
    reason: 'audience-mismatch',
    vulnerable: { audience: skipped },
    xml: () => build({ audience: 'https://evil.example' }),
  },
  {
    title: 'a Recipient that is not this ACS',
    reason: 'recipient-mismatch',
    vulnerable: { recipient: skipped },
    xml: () => build({ recipient: 'https://evil.example/acs' }),
  },
  {
    title: 'a Destination that is not this ACS',
    reason: 'destination-mismatch',
    vulnerable: { destination: skipped },
    xml: async () =>
      (await build()).replace(`Destination="${ACS}"`, 'Destination="https://evil.example/acs"'),
  },
  {
    title: 'an Issuer that is not the trusted IdP',
    reason: 'issuer-mismatch',
    vulnerable: { 'response-issuer': skipped, 'assertion-issuer': skipped },
    xml: () => build({ issuer: 'https://evil-idp.example' }),
  },
  {
    title: 'an assertion expired beyond the clock skew',
    reason: 'expired',
    vulnerable: UNCLOCKED,
    xml: () => build(),
    policy: { now: clock(300 + 60) },
  },
  {
    title: 'an assertion not yet valid beyond the clock skew',
    reason: 'not-yet-valid',
    vulnerable: UNCLOCKED,
    xml: () => build(),
    policy: { now: clock(-300 - 61) },
  },
  {
    title: 'an InResponseTo this SP never sent',
    reason: 'in-response-to-mismatch',
    vulnerable: { 'in-response-to': skipped },
    xml: () => build({ inResponseTo: 'REQ-FORGED' }),
  },
  {
    title: 'an unsolicited Response when IdP-initiated login is not allowed',
    reason: 'unsolicited',
    vulnerable: { 'in-response-to': skipped },
    xml: () => build({ inResponseTo: undefined }),
  },
  {
    title: 'a non-success Status',
    reason: 'status-not-success',
    vulnerable: { status: skipped },
    xml: async () => (await build()).replace(STATUS_SUCCESS, 'urn:oasis:names:tc:SAML:2.0:status:Responder'),
  },
  {
    title: 'an assertion without Subject',
    reason: 'subject-missing',
    vulnerable: NO_SUBJECT_CHECK,
    xml: () => signedAfter((xml) => xml.replace(/<saml2:Subject>.*<\/saml2:Subject>/, '')),
  },
  {
    title: 'a Subject without NameID',
    reason: 'name-id-missing',
    vulnerable: NO_SUBJECT_CHECK,
    xml: () => signedAfter((xml) => xml.replace(/<saml2:NameID .*<\/saml2:NameID>/, '')),
  },
  {
    title: 'a Subject without SubjectConfirmation',
    reason: 'subject-confirmation-missing',
    vulnerable: NO_SUBJECT_CHECK,
    xml: () =>
      signedAfter((xml) => xml.replace(/<saml2:SubjectConfirmation .*<\/saml2:SubjectConfirmation>/, '')),
  },
  {
    title: 'an assertion without AuthnStatement',
    reason: 'authn-statement-missing',
    vulnerable: { 'authn-statement': skipped },
    xml: () => signedAfter((xml) => xml.replace(/<saml2:AuthnStatement .*<\/saml2:AuthnStatement>/, '')),
  },
  {
    title: 'a Response with two assertions',
    reason: 'assertion-multiple',
    vulnerable: {
      'select-assertion': firstAssertionAnywhere,
      'select-signed-assertion': firstSignedAssertion,
    },
    xml: twoAssertions,
  },
  {
    title: 'a SHA-1 signature under a SHA-256 policy',
    reason: 'weak-algorithm',
    vulnerable: { 'signature-trust': acceptSha1 },
    xml: () => build({}, { algorithm: 'rsa-sha1' }),
  },
  {
    title: 'an unsigned assertion inside a signed Response where the assertion must be signed',
    reason: 'assertion-unsigned',
    vulnerable: { 'response-signature': skipped, 'assertion-signature': skipped },
    xml: () => build({}, { signAssertion: false, signResponse: true }),
  },
  {
    title: 'an assertion signed by a key that is not the pinned one',
    reason: 'untrusted-certificate',
    vulnerable: { 'signature-trust': trustKeyInfo },
    xml: () => build({}, { key: attackerKey }),
  },
];
