/**
 * Target mode for a vendor's SAML SP: its metadata gives the entity ID and ACS,
 * the reference IdP signs for it with a key pair kept in a file the vendor names
 * (so the SP's configuration survives across runs), and an identity check tells
 * who got logged in: a URL that answers with the signed-in user, or a header.
 */
import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { Browser, type BrowserPage } from '#harness/http';
import type { Target } from '#harness/runner';
import type { FetchLike } from '#harness/scim';
import {
  BINDING,
  buildIdpMetadata,
  buildLogoutRequest,
  encodeRedirect,
  newSamlId,
  signXml,
  buildResponse,
  encodePost,
  loadOrCreateKeyPairFile,
  parseSpMetadata,
  sealAssertions,
  readKeyPairFile,
  type KeyPair,
  type ResponseInput,
  type SpMetadata,
} from '#harness/saml';
import { catchAuthnRequest, NoAuthnRequest, type CaughtRequest } from './sp-login.js';
import { TargetError } from './targets.js';

/**
 * How to tell who is signed in at the SP after a post to its ACS: a URL that answers with the
 * signed-in user, or a header of the ACS answer. The name is read from the answer by a JSON
 * path (`data.user.email`, `$.users[0].name`), by the first capture group of a pattern, or else
 * as the plain text or the JSON keys user, nameId, nameID or email.
 */
export type IdentityCheck = ({ url: string; jsonPath?: string } | { header: string }) & { pattern?: RegExp };

/** The steps of a JSON path: `$.a.b[0].c` or `a.b.0.c`. */
export function jsonPathSteps(path: string): string[] {
  const steps = path
    .replace(/^\$\.?/, '')
    .split(/\.|\[(\d+)\]/)
    .filter((step): step is string => step !== undefined && step !== '');
  if (steps.length === 0)
    throw new TypeError(`the JSON path '${path}' names no key; write it as data.user.email or $.user.email`);
  return steps;
}

/** The name `identity` reads from an answer's text, or undefined (nobody). */
export function identityIn(identity: IdentityCheck, text: string): string | undefined {
  const trimmed = text.trim();
  if (identity.pattern) {
    const found = identity.pattern.exec(trimmed)?.[1]?.trim();
    return found ? found : undefined;
  }
  if ('jsonPath' in identity && identity.jsonPath !== undefined) {
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch {
      return undefined;
    }
    for (const step of jsonPathSteps(identity.jsonPath))
      value =
        value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[step] : undefined;
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  }
  if ('header' in identity) return trimmed === '' ? undefined : trimmed;
  try {
    const json = JSON.parse(trimmed) as Record<string, unknown>;
    const who = json.user ?? json.nameId ?? json.nameID ?? json.email;
    return typeof who === 'string' && who !== '' ? who : undefined;
  } catch {
    return trimmed === '' ? undefined : trimmed;
  }
}

export interface ExternalSamlOptions {
  /** The SP's metadata: an http(s) URL or a file path. */
  metadata: string;
  identity: IdentityCheck;
  /** File holding the reference IdP's key pair, as `sso-harness idp-metadata` wrote it. */
  idpKeyFile: string;
  /** Create the key pair when the file is missing (never replaces one). @default false */
  newKeys?: boolean;
  /** What the IdP signs, as the SP requires. @default { assertion: true, response: false } */
  sign?: SignedParts;
  /** @default 'https://sso-harness.test/idp' */
  idpEntityId?: string;
  /** Where the IdP's SSO URL points in its metadata. @default 'http://127.0.0.1:8943' */
  idpBaseUrl?: string;
  /** The account the IdP legitimately signs for. @default 'victim@example.com' */
  victim?: string;
  /** The account an attacker wants. @default 'attacker@example.com' */
  attacker?: string;
  /** The SP's URL that starts a login; every login then answers the AuthnRequest it sends. */
  spLoginUrl?: string;
  /** Encrypt assertions to the SP's encryption certificate from its metadata. @default false */
  encrypt?: boolean;
  /** Key pair file of the IdP's next key, as `idp-metadata --next-idp-keys` wrote it (rollover). */
  nextKeyFile?: string;
  /** Key pair file of a key the IdP retired (the SP's metadata no longer lists it). */
  retiredKeyFile?: string;
}

const DEFAULT_IDP_BASE_URL = 'http://127.0.0.1:8943';

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
  async logout(
    browser: Browser,
    request: { nameId: string; sessionIndex?: string; binding: 'redirect' | 'post'; signWith?: KeyPair },
  ): Promise<BrowserPage> {
    const url = this.sloUrl;
    if (url === undefined) throw new TypeError('logout: the SP metadata names no SingleLogoutService');
    const { xml, id } = buildLogoutRequest({
      issuer: this.idpEntityId,
      destination: url,
      nameId: { value: request.nameId },
      ...(request.sessionIndex === undefined ? {} : { sessionIndex: request.sessionIndex }),
      now: new Date(),
    });
    if (request.binding === 'redirect') {
      const query = encodeRedirect(
        'SAMLRequest',
        xml,
        request.signWith ? { sign: { key: request.signWith } } : {},
      );
      return browser.get(`${url}${url.includes('?') ? '&' : '?'}${query}`);
    }
    const signed = request.signWith ? signXml(xml, id, request.signWith) : xml;
    return browser.post(url, { SAMLRequest: encodePost(signed) });
  }
}

/** The metadata's HTTP-POST ACS (the default one first), or undefined: the Response goes by POST. */
function postAcs(metadata: SpMetadata): SpMetadata['acs'][number] | undefined {
  const post = metadata.acs.filter((endpoint) => endpoint.binding === BINDING.post);
  return post.find((endpoint) => endpoint.isDefault) ?? post[0];
}

const fingerprint = (pem: string): string => new X509Certificate(pem).fingerprint256;

/** The SP's answer, short, for a diagnosis. */
function answered(page: BrowserPage): string {
  const text = page.body.replace(/\s+/g, ' ').trim().slice(0, 160);
  const where = page.headers.location ? ` to ${page.headers.location.slice(0, 120)}` : '';
  return `${page.status}${where}${text ? ` "${text}"` : ''}`;
}

/**
 * The baseline every attack stands on: with nobody signed in the identity source names nobody,
 * and a legitimate login (the assertion signed by the key the SP trusts, the IdP entity ID it
 * expects) signs the victim in. Otherwise no verdict on an attack would mean anything, so the
 * run stops with a diagnosis of the likely cause instead of reporting passes.
 */
export async function proveBaseline(sp: ExternalSamlSp, fetchLike: FetchLike = fetch): Promise<void> {
  const source =
    'url' in sp.identity ? `--identity-url ${sp.identity.url}` : `--identity-header ${sp.identity.header}`;
  const attempt = async <T>(what: string, step: () => Promise<T>): Promise<T> => {
    try {
      return await step();
    } catch (error) {
      throw new TargetError(
        `the baseline ${what} failed (${error instanceof Error ? error.message : String(error)}); check that the SP is up and that --sp-metadata and ${source} point at it`,
      );
    }
  };
  if ('url' in sp.identity) {
    const url = sp.identity.url;
    const nobody = await attempt('probe of the identity source', () => sp.browser(fetchLike).peek(url));
    const named = nobody.status === 200 ? await sp.signedIn(sp.browser(fetchLike), nobody) : undefined;
    if (named !== undefined)
      throw new TargetError(
        `${source} names '${named.slice(0, 80)}' while nobody is signed in, so every attack would look like a login; point it at a page that answers the user of the session cookie only, and 401, an empty body or a redirect when there is none`,
      );
  }
  if (sp.spLoginUrl !== undefined) {
    const url = sp.spLoginUrl;
    let caught: CaughtRequest | undefined;
    try {
      caught = await sp.solicit(sp.browser(fetchLike));
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      throw new TargetError(
        error instanceof NoAuthnRequest
          ? `--sp-login-url ${url}: ${why}; point it at the SP page that starts a SAML login, with the SP's IdP SSO URL set to the one in 'sso-harness idp-metadata' (under --idp-base-url ${sp.idpBaseUrl})`
          : `the baseline could not start a login at --sp-login-url ${url} (${why}); check that the SP is up and sends a SAML AuthnRequest from there`,
      );
    }
    const binding = caught?.request.protocolBinding;
    if (binding !== undefined && binding !== BINDING.post)
      throw new TargetError(
        `the SP's AuthnRequest asks for the Response by ${binding} (ProtocolBinding); the reference IdP answers by HTTP-POST, so configure the SP's ACS binding as HTTP-POST`,
      );
  }
  const browser = sp.browser(fetchLike);
  const { page, signedIn } = await attempt('legitimate login', () => sp.login(browser, sp.victim));
  if (signedIn?.toLowerCase() === sp.victim.toLowerCase()) return;
  if (signedIn !== undefined)
    throw new TargetError(
      `a legitimate login as ${sp.victim} left ${source} naming '${signedIn.slice(0, 80)}': it does not report the user of this session; point it at the signed-in user (or pass --victim with the name the SP shows)`,
    );
  for (const setup of otherSetups(sp)) {
    const other = await attempt(`legitimate login with ${setupText(setup)}`, () =>
      sp.login(sp.browser(fetchLike), sp.victim, setup),
    );
    if (other.signedIn?.toLowerCase() === sp.victim.toLowerCase())
      throw new TargetError(
        `the SP signs ${sp.victim} in only with ${setupText(setup)}; pass ${setupFlags(setup)}`,
      );
  }
  // What the identity page said after the login, when it said something the run could not read as a user.
  const after = 'url' in sp.identity ? await browser.peek(sp.identity.url).catch(() => undefined) : undefined;
  const unread =
    after?.status === 200 && after.body.trim() !== ''
      ? `${source} answered 200 "${after.body.replace(/\s+/g, ' ').trim().slice(0, 100)}" and no user was read from it (pass --identity-json-path or --identity-pattern)`
      : `${source} does not name the signed-in user`;
  const toIdp =
    page.headers.location !== undefined &&
    new URL(page.headers.location, sp.acsUrl).origin === new URL(sp.idpBaseUrl).origin;
  // The likely causes, those the SP's answer speaks of first.
  const candidates: [RegExp, string][] = toIdp
    ? [
        [
          /$^/,
          sp.spLoginUrl === undefined
            ? `it sent the browser to the IdP to log in: it accepts only logins it started (SP-initiated); pass --sp-login-url with the SP page that starts a login`
            : `it sent the browser to the IdP again: it did not take the Response as the answer to its AuthnRequest (it keeps the request in a cookie this browser lost, or wants the RelayState it sent)`,
        ],
      ]
    : [
        [
          /cert|signature|fingerprint/i,
          `it does not trust the IdP's certificate (SHA-256 ${fingerprint(sp.idpKey.certificatePem)}: import certificate.pem from 'sso-harness idp-metadata' with the same --idp-keys)`,
        ],
        [/issuer|entity/i, `it expects another IdP entity ID than '${sp.idpEntityId}' (--idp-entity-id)`],
        ...(sp.spLoginUrl === undefined
          ? ([
              [
                /InResponseTo|solicit|request/i,
                'it accepts only logins it started (SP-initiated); pass --sp-login-url with the SP page that starts a login',
              ],
            ] as [RegExp, string][])
          : []),
        ...(!sp.encrypt && sp.metadata.encryptionCertificates.length > 0
          ? ([
              [
                /encrypt/i,
                'it accepts encrypted assertions only, and something else is wrong too (try --encrypt)',
              ],
            ] as [RegExp, string][])
          : []),
        [/$^/, unread],
      ];
  const said = page.body.slice(0, 2000);
  const causes = [
    ...candidates.filter(([hint]) => hint.test(said)),
    ...candidates.filter(([hint]) => !hint.test(said)),
  ].map(([, cause]) => cause);
  throw new TargetError(
    `a legitimate login as ${sp.victim} signed nobody in (the ACS answered ${answered(page)}), so no attack can be judged; likely ${causes.join('; or ')}`,
  );
}

/**
 * The other ways of signing and encrypting a legitimate login that the SP may be configured for:
 * the Response signed too, the assertion encrypted (when the metadata has a certificate), or both.
 */
function otherSetups(sp: ExternalSamlSp): LoginSetup[] {
  const signs = sp.sign.assertion && sp.sign.response ? [sp.sign] : [sp.sign, SIGN_CHOICES.both];
  const encrypts =
    sp.encrypt || sp.metadata.encryptionCertificates.length === 0 ? [sp.encrypt] : [false, true];
  return signs
    .flatMap((sign) => encrypts.map((encrypt) => ({ sign, encrypt })))
    .filter((setup) => setup.sign !== sp.sign || setup.encrypt !== sp.encrypt);
}

function setupText(setup: LoginSetup): string {
  const signed =
    setup.sign.assertion && setup.sign.response
      ? 'the Response and the assertion signed'
      : `the ${setup.sign.response ? 'Response' : 'assertion'} signed`;
  return `${signed}${setup.encrypt ? ' and the assertion encrypted' : ''}`;
}

function setupFlags(setup: LoginSetup): string {
  const flags = [
    ...(setup.sign.assertion && setup.sign.response ? ['--sign both'] : []),
    ...(setup.encrypt ? ['--encrypt'] : []),
  ];
  return flags.join(' ');
}

/** The reference IdP's metadata for the vendor to configure once (entity ID, SSO URL, signing certificate). */
export async function referenceIdpMetadata(options: {
  idpKeyFile: string;
  /** The next key's file (created on first use): the metadata lists its certificate after the current one. */
  nextKeyFile?: string;
  idpEntityId?: string;
  idpBaseUrl?: string;
}): Promise<{ xml: string; certificatePem: string; nextCertificatePem?: string }> {
  const key = await loadOrCreateKeyPairFile(options.idpKeyFile, IDP_CERTIFICATE_SUBJECT);
  const next =
    options.nextKeyFile === undefined
      ? undefined
      : await loadOrCreateKeyPairFile(options.nextKeyFile, IDP_CERTIFICATE_SUBJECT);
  const sso = `${(options.idpBaseUrl ?? DEFAULT_IDP_BASE_URL).replace(/\/+$/, '')}/saml2/sso-harness`;
  const xml = buildIdpMetadata({
    entityId: options.idpEntityId ?? 'https://sso-harness.test/idp',
    ssoUrls: { redirect: sso, post: sso },
    certificates: [key.certificatePem, ...(next ? [next.certificatePem] : [])],
  });
  return {
    xml,
    certificatePem: key.certificatePem,
    ...(next ? { nextCertificatePem: next.certificatePem } : {}),
  };
}

async function readMetadata(source: string): Promise<string> {
  if (/^https?:\/\//.test(source)) {
    const response = await fetch(source).catch((error: unknown) => {
      throw new TargetError(
        `cannot fetch the SP metadata at ${source} (${error instanceof Error ? error.message : String(error)}); check --sp-metadata`,
      );
    });
    if (!response.ok)
      throw new TargetError(`the SP metadata URL ${source} answered ${response.status}; check --sp-metadata`);
    return response.text();
  }
  return readFile(source, 'utf8').catch(() => {
    throw new TargetError(`cannot read the SP metadata file '${source}'; check --sp-metadata`);
  });
}

/**
 * The IdP's key pair for a run: the one the SP was given. A missing file is an error (a new key
 * the SP has never seen would only make every login fail) unless `create` says to make one.
 */
async function idpKeyPair(file: string, create: boolean, option = '--idp-keys'): Promise<KeyPair> {
  try {
    const key = create
      ? await loadOrCreateKeyPairFile(file, IDP_CERTIFICATE_SUBJECT)
      : await readKeyPairFile(file);
    if (key !== undefined) return key;
  } catch (error) {
    throw new TargetError(`${error instanceof Error ? error.message : String(error)} (${option})`);
  }
  if (option !== '--idp-keys')
    throw new TargetError(
      `no key pair at ${file} (${option}): pass the file 'sso-harness idp-metadata --next-idp-keys' wrote, whose certificate the SP imported`,
    );
  throw new TargetError(
    `no IdP key pair at ${file}: the SP trusts the certificate 'sso-harness idp-metadata' wrote with its key pair; pass --idp-keys with that file, or --new-keys to create one here (then import its certificate into the SP)`,
  );
}

/** A target for a SAML SP someone else runs. */
export async function externalSamlTarget(options: ExternalSamlOptions): Promise<Target> {
  let metadata: SpMetadata;
  try {
    metadata = parseSpMetadata(await readMetadata(options.metadata));
  } catch (error) {
    if (error instanceof TargetError) throw error;
    throw new TargetError(
      `the SP metadata is not usable: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (metadata.acs.length === 0)
    throw new TargetError('the SP metadata names no AssertionConsumerService; add one or fix --sp-metadata');
  if (postAcs(metadata) === undefined)
    throw new TargetError(
      `the SP metadata offers no AssertionConsumerService with the HTTP-POST binding (found ${[...new Set(metadata.acs.map((endpoint) => endpoint.binding))].join(', ')}); the reference IdP answers logins by POST (Web Browser SSO profile), so add an HTTP-POST ACS to the SP`,
    );
  const key = await idpKeyPair(options.idpKeyFile, options.newKeys ?? false);
  if (options.encrypt && metadata.encryptionCertificates.length === 0)
    throw new TargetError(
      'the SP metadata names no encryption certificate (a KeyDescriptor use="encryption"), so no assertion can be encrypted to it; drop --encrypt, or point --sp-metadata at metadata that has one',
    );
  const sp = new ExternalSamlSp({
    metadata,
    idpKey: key,
    idpEntityId: options.idpEntityId ?? 'https://sso-harness.test/idp',
    identity: options.identity,
    victim: options.victim ?? 'victim@example.com',
    attacker: options.attacker ?? 'attacker@example.com',
    idpBaseUrl: options.idpBaseUrl ?? DEFAULT_IDP_BASE_URL,
    sign: options.sign ?? SIGN_CHOICES.assertion,
    ...(options.spLoginUrl === undefined ? {} : { spLoginUrl: options.spLoginUrl }),
    encrypt: options.encrypt ?? false,
    ...(options.nextKeyFile === undefined
      ? {}
      : { nextKey: await idpKeyPair(options.nextKeyFile, false, '--next-idp-keys') }),
    ...(options.retiredKeyFile === undefined
      ? {}
      : { retiredKey: await idpKeyPair(options.retiredKeyFile, false, '--retired-idp-keys') }),
  });
  await proveBaseline(sp);
  return {
    sp: 'external',
    kind: 'external',
    transport: 'http',
    capabilities: {
      scim: false,
      saml: true,
      groups: false,
      inspection: false,
      provisioning: false,
      advertised: { filter: false, patch: false, sort: false, etag: false, changePassword: false },
    },
    async open() {
      return {
        scimBaseUrl: undefined,
        token: '',
        fetch: (input, init) => fetch(input, init),
        inspect: sp,
        close: async () => undefined,
      };
    },
  };
}
