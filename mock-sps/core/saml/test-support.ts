/**
 * Shared set-up for the SAML side's tests: a fixed clock, the IdP's (and an
 * attacker's) shared keys, Responses built with buildResponse for an SP, and a
 * POST to its ACS. Not a test file itself, and not part of the build.
 */
import {
  buildResponse,
  encodePost,
  sharedKeyPair,
  type KeyPair,
  type ResponseInput,
  type SamlAttribute,
  type SigningPolicy,
} from '#harness/saml';
import { INSPECTION_PATH, MockSp, type MockSpOptions } from '../mock-sp.js';
import type { SamlProfile, SpProfile } from '../profile.js';
import type { SamlFault } from '../saml-faults.js';
import type { IdpSettingsInput } from './idp-settings.js';

export const NOW = new Date('2024-05-01T12:00:00.000Z');
export const IDP_ENTITY_ID = 'https://idp.sso-harness.test/saml2/app';
export const IDP_SSO_URL = 'https://idp.sso-harness.test/saml2/app';

/** The IdP's signing key, shaped like JumpCloud's certificate. */
export const idpKey = (): Promise<KeyPair> =>
  sharedKeyPair('test:idp', { commonName: 'JumpCloud', organizationalUnit: 'JumpCloudSAMLIdP' });

/** A key nobody trusts, with a certificate that looks the same. */
export const attackerKey = (): Promise<KeyPair> =>
  sharedKeyPair('test:attacker', { commonName: 'JumpCloud', organizationalUnit: 'JumpCloudSAMLIdP' });

/** A plain SAML SP: manual IdP settings, users must exist, both flows, Redirect binding. */
export const plainSamlProfile = {
  id: 'plain',
  name: 'Plain SP',
  requirementPrefix: 'PLAIN',
  saml: {
    host: 'plain.sso-harness.test',
    entityId: '{origin}/saml/metadata',
    acsPath: '/saml/acs',
    spInitiated: { binding: 'redirect' },
    idpInitiated: true,
    signAuthnRequests: false,
    encryptAssertions: false,
    requireEncryptedAssertion: false,
    requireSigned: 'assertion',
    identity: { source: { from: 'nameId' }, matches: 'email', caseInsensitive: true },
    users: 'must-exist',
    idpConfig: {
      methods: ['manual'],
      manual: { required: ['entityId', 'certificate'], optional: ['ssoUrl'] },
    },
    ssoEnabledFlag: false,
    testLogin: false,
    placeholderCertificate: false,
    signIn: { loginButton: true, autoLogin: true, loginForm: true },
  },
} as const satisfies SpProfile;

export interface SamlSetup {
  samlFaults?: SamlFault[];
  /** Manual IdP settings; false leaves the IdP unconfigured. @default entity ID, SSO URL, IdP certificate */
  idp?: IdpSettingsInput | false;
  options?: Omit<MockSpOptions, 'now' | 'samlFaults'>;
}

/** An SP on a fixed clock (moved by `tick`), with its IdP configured by hand unless told otherwise. */
export async function samlSp(profile: SpProfile, { samlFaults, idp, options }: SamlSetup = {}) {
  let clock = NOW.getTime();
  const sp = new MockSp(profile, { ...options, now: () => new Date(clock), samlFaults });
  if (idp !== false) {
    const key = await idpKey();
    await sp.configureIdp(
      idp ?? { entityId: IDP_ENTITY_ID, ssoUrl: IDP_SSO_URL, certificatePem: key.certificatePem },
    );
  }
  const tick = (seconds: number) => (clock += seconds * 1000);
  return { sp, saml: sp.saml!, tick, now: () => new Date(clock) };
}

export interface ResponseOptions {
  nameId?: string;
  nameIdFormat?: string;
  attributes?: Record<string, string | string[]>;
  /** Overrides of the ResponseInput (issuer, audience, destination, …). */
  input?: Partial<ResponseInput>;
  /** Overrides of the signing policy. @default assertion signed with the IdP key */
  signing?: Partial<SigningPolicy>;
  /** Encrypt to the SP's certificate. @default when the SP's profile encrypts */
  encrypt?: boolean;
}

/** A Response for `sp` as a correct IdP builds it. */
export async function responseFor(sp: MockSp, options: ResponseOptions = {}): Promise<string> {
  const saml = sp.saml!;
  const profile = sp.profile.saml as SamlProfile;
  const attributes: SamlAttribute[] = Object.entries(options.attributes ?? {}).map(([name, value]) => ({
    name,
    values: typeof value === 'string' ? [value] : value,
  }));
  const encrypt = options.encrypt ?? profile.encryptAssertions;
  const { xml } = await buildResponse(
    {
      issuer: sp.idpSettings()?.entityId ?? IDP_ENTITY_ID,
      destination: saml.acsUrl,
      audience: saml.entityId,
      nameId: {
        value: options.nameId ?? 'alice@example.com',
        ...(options.nameIdFormat === undefined ? {} : { format: options.nameIdFormat }),
      },
      attributes,
      now: NOW,
      ...options.input,
    },
    { key: await idpKey(), signAssertion: true, signResponse: false, ...options.signing },
    encrypt ? (await saml.keys()).certificatePem : undefined,
  );
  return xml;
}

/** POSTs `xml` to the SP's ACS as the HTTP-POST binding does. */
export function postAcs(sp: MockSp, xml: string, relayState?: string) {
  const body = new URLSearchParams({
    SAMLResponse: encodePost(xml),
    ...(relayState === undefined ? {} : { RelayState: relayState }),
  });
  return sp.handleAsync({
    method: 'POST',
    url: sp.saml!.acsUrl,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: body.toString(),
  });
}

/** GETs a path at the SP, with a cookie header when given. */
export function getAt(sp: MockSp, path: string, cookie?: string) {
  // The inspection API asks for its own token.
  const inspecting = path.startsWith(INSPECTION_PATH)
    ? { authorization: `Bearer ${sp.inspectionToken}` }
    : {};
  return sp.handleAsync({
    method: 'GET',
    url: path,
    headers: { ...inspecting, ...(cookie === undefined ? {} : { cookie }) },
  });
}

/** The `name=value` part of a Set-Cookie header. */
export function cookieOf(setCookie: string | undefined): string {
  return (setCookie ?? '').split(';')[0] ?? '';
}

/** The last login history entry. */
export function lastLogin(sp: MockSp) {
  return sp.loginHistory().at(-1);
}
