/**
 * A vendor's SAML SP as target mode drives it: its metadata, the IdP key it trusts, how a
 * legitimate login is made (signed, encrypted, solicited) and who it says is signed in.
 */
import { Browser, type BrowserPage } from '#harness/http';
import type { FetchLike } from '#harness/scim';
import {
  BINDING,
  buildLogoutRequest,
  buildResponse,
  encodePost,
  redirectUrl,
  newSamlId,
  sealAssertions,
  signXml,
  type KeyPair,
  type ResponseInput,
  type SpMetadata,
} from '#harness/saml';
import { identityIn, type IdentityCheck } from './saml-target-identity.js';
import { catchAuthnRequest, type CaughtRequest } from './sp-login.js';

export const DEFAULT_IDP_BASE_URL = 'http://127.0.0.1:8943';

/** Which elements the IdP signs: the Assertion, the Response, or both. */
export interface SignedParts {
  assertion: boolean;
  response: boolean;
}

/** The `--sign` values and what each signs. */
export const SIGN_CHOICES: Readonly<Record<'assertion' | 'response' | 'both', SignedParts>> = {
  assertion: { assertion: true, response: false },
  response: { assertion: false, response: true },
  both: { assertion: true, response: true },
};

export const IDP_CERTIFICATE_SUBJECT = {
  commonName: 'sso-harness reference IdP',
  organizationalUnit: 'JumpCloudSAMLIdP',
  validDays: 1826,
};

/** What target mode resolved from the options: the SP, the IdP's key and how a login is made. */
export interface ExternalSamlSettings {
  metadata: SpMetadata;
  idpKey: KeyPair;
  idpEntityId: string;
  identity: IdentityCheck;
  /** The account the IdP legitimately signs for. */
  victim: string;
  /** The account an attacker wants. */
  attacker: string;
  /** Where the IdP's SSO URL points: a redirect there is the SP asking for a login, never followed. @default 'http://127.0.0.1:8943' */
  idpBaseUrl?: string;
  /** What the IdP signs in every legitimate message (the vectors start from those). @default the assertion */
  sign?: SignedParts;
  /** The SP's URL that starts a login (SP-initiated): every login answers the AuthnRequest it sends. */
  spLoginUrl?: string;
  /** Encrypt assertions to the SP's encryption certificate from its metadata. @default false */
  encrypt?: boolean;
  /** How long the SP may take to act on a deactivation over SCIM (ms). @default 3000 */
  deprovisionWaitMs?: number;
  /** The IdP's next key, published beside the current one in the metadata the SP imported (rollover). */
  nextKey?: KeyPair;
  /** A key the IdP retired: the metadata the SP imported no longer lists it. */
  retiredKey?: KeyPair;
}

/** How one login is made: what is signed, whether the assertion is encrypted. */
export interface LoginSetup {
  sign: SignedParts;
  encrypt: boolean;
}

/** The resolved settings a scenario reads (carried as the target instance's inspection object). */
export class ExternalSamlSp {
  readonly metadata: SpMetadata;
  readonly idpKey: KeyPair;
  readonly idpEntityId: string;
  readonly identity: IdentityCheck;
  readonly victim: string;
  readonly attacker: string;
  readonly idpBaseUrl: string;
  readonly sign: SignedParts;
  readonly spLoginUrl: string | undefined;
  readonly encrypt: boolean;
  readonly deprovisionWaitMs: number;
  readonly nextKey: KeyPair | undefined;
  readonly retiredKey: KeyPair | undefined;

  constructor(settings: ExternalSamlSettings) {
    this.metadata = settings.metadata;
    this.idpKey = settings.idpKey;
    this.idpEntityId = settings.idpEntityId;
    this.identity = settings.identity;
    this.victim = settings.victim;
    this.attacker = settings.attacker;
    this.idpBaseUrl = settings.idpBaseUrl ?? DEFAULT_IDP_BASE_URL;
    this.sign = settings.sign ?? SIGN_CHOICES.assertion;
    this.spLoginUrl = settings.spLoginUrl;
    this.encrypt = settings.encrypt ?? false;
    this.deprovisionWaitMs = settings.deprovisionWaitMs ?? 3000;
    this.nextKey = settings.nextKey;
    this.retiredKey = settings.retiredKey;
  }

  /** The ACS the Response goes to: the default HTTP-POST endpoint of the metadata, else its first. */
  get acsUrl(): string {
    return postAcs(this.metadata)!.url;
  }

  /** How every login of the run is made, as the options say. */
  get setup(): LoginSetup {
    return { sign: this.sign, encrypt: this.encrypt };
  }

  /** A browser for this SP: redirects to the reference IdP (where nothing listens) are answers, not hops. */
  browser(fetchLike: FetchLike, record?: ConstructorParameters<typeof Browser>[1]): Browser {
    const idpOrigin = new URL(this.idpBaseUrl).origin;
    return new Browser(fetchLike, record, { stopAt: (url) => url.origin === idpOrigin });
  }

  /** Starts a login at the SP when it starts its own (--sp-login-url): the AuthnRequest to answer. */
  async solicit(browser: Browser): Promise<CaughtRequest | undefined> {
    if (this.spLoginUrl === undefined) return undefined;
    return catchAuthnRequest(browser, this.spLoginUrl, new URL(this.idpBaseUrl).origin);
  }

  /**
   * Who the SP says is signed in after `page` (the answer to the ACS post), or undefined. The
   * identity URL is read without following redirects: a page that sends the browser away
   * (to a login page, to the IdP) names nobody.
   */
  async signedIn(browser: Browser, page: BrowserPage): Promise<string | undefined> {
    if ('header' in this.identity)
      return identityIn(this.identity, page.headers[this.identity.header.toLowerCase()] ?? '');
    return this.signedInNow(browser);
  }

  /** Who the identity URL names signed in in `browser` now (undefined with --identity-header, which only ACS answers carry). */
  async signedInNow(browser: Browser): Promise<string | undefined> {
    if ('header' in this.identity) return undefined;
    const answer = await browser.peek(this.identity.url);
    return answer.status === 200 ? identityIn(this.identity, answer.body) : undefined;
  }

  /** A fresh legitimate Response for `nameId` (new IDs), as the IdP issues it to this SP, signed as `sign` says. */
  response(
    nameId: string,
    now: Date,
    overrides: Partial<ResponseInput> = {},
    sign: SignedParts = this.sign,
    key: KeyPair = this.idpKey,
  ): ReturnType<typeof buildResponse> {
    return buildResponse(
      {
        issuer: this.idpEntityId,
        destination: this.acsUrl,
        audience: this.metadata.entityId,
        nameId: { value: nameId },
        attributes: [{ name: 'email', values: [nameId] }],
        now,
        sessionIndex: `S${Date.now().toString(36)}`,
        ...overrides,
      },
      { key, signAssertion: sign.assertion, signResponse: sign.response },
    );
  }

  /**
   * The message as it goes to the SP: with `encrypt`, each assertion encrypted to the SP's
   * certificate. Undefined when it must be encrypted but does not parse as one XML document (two
   * roots, a DOCTYPE): an SP that requires encryption would refuse it for that alone.
   */
  async seal(xml: string, encrypt: boolean = this.encrypt): Promise<string | undefined> {
    const certificate = this.metadata.encryptionCertificates[0];
    if (!encrypt || certificate === undefined) return xml;
    try {
      return await sealAssertions(xml, certificate, this.idpKey);
    } catch {
      return undefined;
    }
  }

  /** Posts a Response to the ACS as a browser would; the SP's answer and who it signed in. */
  async post(
    browser: Browser,
    xml: string,
    relayState?: string,
  ): Promise<{ page: BrowserPage; signedIn: string | undefined }> {
    const fields: Record<string, string> = { SAMLResponse: encodePost(xml) };
    if (relayState !== undefined) fields.RelayState = relayState;
    const page = await browser.post(this.acsUrl, fields);
    return { page, signedIn: await this.signedIn(browser, page) };
  }

  /**
   * A legitimate login as `nameId`: started at the SP when it starts its own (the Response
   * answers its AuthnRequest), signed and encrypted as `setup` says; the SP's answer and who it
   * signed in.
   */
  async login(
    browser: Browser,
    nameId: string,
    setup: LoginSetup = this.setup,
    key: KeyPair = this.idpKey,
  ): Promise<{ page: BrowserPage; signedIn: string | undefined; sessionIndex: string }> {
    const caught = await this.solicit(browser);
    const sessionIndex = newSamlId();
    const built = await this.response(
      nameId,
      new Date(),
      { sessionIndex, ...(caught ? { inResponseTo: caught.request.id } : {}) },
      setup.sign,
      key,
    );
    const sealed = await this.seal(built.xml, setup.encrypt);
    return { ...(await this.post(browser, sealed ?? built.xml, caught?.relayState)), sessionIndex };
  }

  /** The SP's SingleLogoutService URL from its metadata, or undefined when it takes no Single Logout. */
  get sloUrl(): string | undefined {
    return this.metadata.singleLogout?.[0]?.url;
  }

  /**
   * Sends the SP an IdP-initiated LogoutRequest for `nameId`'s session in `browser`, by `binding`:
   * signed with `signWith` (the IdP's key, or a forger's), or unsigned. Answers the SP's page.
   * @see SAML 2.0 Profiles §4.4.4.1; Bindings §3.4.4.1 (Redirect signature), §3.5 (POST)
   */
  async logout(browser: Browser, request: LogoutToSend): Promise<BrowserPage> {
    const url = this.sloUrl;
    if (url === undefined) throw new TypeError('logout: the SP metadata names no SingleLogoutService');
    return sendLogoutRequest(browser, url, this.idpEntityId, request);
  }
}

/** An IdP-initiated LogoutRequest to send: whose session, by which binding, signed by which key (or unsigned). */
export interface LogoutToSend {
  nameId: string;
  nameIdFormat?: string;
  sessionIndex?: string;
  binding: 'redirect' | 'post';
  signWith?: KeyPair;
}

/**
 * Sends an SP's SingleLogoutService `url` a LogoutRequest from `idpEntityId` in `browser`:
 * HTTP-Redirect with a detached query signature, or HTTP-POST with an enveloped one. Answers the SP's page.
 * @see SAML 2.0 Profiles §4.4.4.1; Bindings §3.4.4.1 (Redirect signature), §3.5 (POST)
 */
export async function sendLogoutRequest(
  browser: Browser,
  url: string,
  idpEntityId: string,
  request: LogoutToSend,
): Promise<BrowserPage> {
  const { xml, id } = buildLogoutRequest({
    issuer: idpEntityId,
    destination: url,
    nameId: { value: request.nameId, ...(request.nameIdFormat ? { format: request.nameIdFormat } : {}) },
    ...(request.sessionIndex === undefined ? {} : { sessionIndex: request.sessionIndex }),
    now: new Date(),
  });
  if (request.binding === 'redirect') {
    return browser.get(
      redirectUrl(url, 'SAMLRequest', xml, request.signWith ? { sign: { key: request.signWith } } : {}),
    );
  }
  const signed = request.signWith ? signXml(xml, id, request.signWith) : xml;
  return browser.post(url, { SAMLRequest: encodePost(signed) });
}

/** The metadata's HTTP-POST ACS (the default one first), or undefined: the Response goes by POST. */
export function postAcs(metadata: SpMetadata): SpMetadata['acs'][number] | undefined {
  const post = metadata.acs.filter((endpoint) => endpoint.binding === BINDING.post);
  return post.find((endpoint) => endpoint.isDefault) ?? post[0];
}
