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
  buildIdpMetadata,
  buildResponse,
  encodePost,
  loadOrCreateKeyPairFile,
  parseSpMetadata,
  readKeyPairFile,
  type KeyPair,
  type ResponseInput,
  type SpMetadata,
} from '#harness/saml';
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

/** The resolved settings a scenario reads (carried as the target instance's inspection object). */
export class ExternalSamlSp {
  constructor(
    readonly metadata: SpMetadata,
    readonly idpKey: KeyPair,
    readonly idpEntityId: string,
    readonly identity: IdentityCheck,
    readonly victim: string,
    readonly attacker: string,
    /** Where the IdP's SSO URL points: a redirect there is the SP asking for a login, never followed. */
    readonly idpBaseUrl: string = DEFAULT_IDP_BASE_URL,
    /** What the IdP signs in every legitimate message (the vectors start from those). */
    readonly sign: SignedParts = SIGN_CHOICES.assertion,
  ) {}

  get acsUrl(): string {
    const acs = this.metadata.acs.find((endpoint) => endpoint.isDefault) ?? this.metadata.acs[0];
    return acs!.url;
  }

  /** A browser for this SP: redirects to the reference IdP (where nothing listens) are answers, not hops. */
  browser(fetchLike: FetchLike, record?: ConstructorParameters<typeof Browser>[1]): Browser {
    const idpOrigin = new URL(this.idpBaseUrl).origin;
    return new Browser(fetchLike, record, { stopAt: (url) => url.origin === idpOrigin });
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
      { key: this.idpKey, signAssertion: sign.assertion, signResponse: sign.response },
    );
  }

  /** A legitimate login as `nameId`, signed as `sign` says; the SP's answer and who it signed in. */
  async login(
    browser: Browser,
    nameId: string,
    sign: SignedParts = this.sign,
  ): Promise<{ page: BrowserPage; signedIn: string | undefined }> {
    const built = await this.response(nameId, new Date(), {}, sign);
    const page = await browser.post(this.acsUrl, { SAMLResponse: encodePost(built.xml) });
    return { page, signedIn: await this.signedIn(browser, page) };
  }
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
  const browser = sp.browser(fetchLike);
  const { page, signedIn } = await attempt('legitimate login', () => sp.login(browser, sp.victim));
  if (signedIn?.toLowerCase() === sp.victim.toLowerCase()) return;
  if (signedIn !== undefined)
    throw new TargetError(
      `a legitimate login as ${sp.victim} left ${source} naming '${signedIn.slice(0, 80)}': it does not report the user of this session; point it at the signed-in user (or pass --victim with the name the SP shows)`,
    );
  if (!(sp.sign.assertion && sp.sign.response)) {
    const both = await attempt('legitimate login with the Response and the assertion signed', () =>
      sp.login(sp.browser(fetchLike), sp.victim, SIGN_CHOICES.both),
    );
    if (both.signedIn?.toLowerCase() === sp.victim.toLowerCase())
      throw new TargetError(
        `the SP signs ${sp.victim} in only when ${sp.sign.response ? 'the assertion' : 'the whole Response'} is signed too; pass --sign both`,
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
  const causes = toIdp
    ? [
        `it sent the browser to the IdP to log in, so it refuses logins it did not start (IdP-initiated) or lost the session`,
      ]
    : [
        `it does not trust the IdP's certificate (SHA-256 ${fingerprint(sp.idpKey.certificatePem)}: import certificate.pem from 'sso-harness idp-metadata' with the same --idp-keys)`,
        `it expects another IdP entity ID than '${sp.idpEntityId}' (--idp-entity-id)`,
        unread,
      ];
  throw new TargetError(
    `a legitimate login as ${sp.victim} signed nobody in (the ACS answered ${answered(page)}), so no attack can be judged; likely ${causes.join('; or ')}`,
  );
}

/** The reference IdP's metadata for the vendor to configure once (entity ID, SSO URL, signing certificate). */
export async function referenceIdpMetadata(options: {
  idpKeyFile: string;
  idpEntityId?: string;
  idpBaseUrl?: string;
}): Promise<{ xml: string; certificatePem: string }> {
  const key = await loadOrCreateKeyPairFile(options.idpKeyFile, IDP_CERTIFICATE_SUBJECT);
  const sso = `${(options.idpBaseUrl ?? DEFAULT_IDP_BASE_URL).replace(/\/+$/, '')}/saml2/sso-harness`;
  const xml = buildIdpMetadata({
    entityId: options.idpEntityId ?? 'https://sso-harness.test/idp',
    ssoUrls: { redirect: sso, post: sso },
    certificates: [key.certificatePem],
  });
  return { xml, certificatePem: key.certificatePem };
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
async function idpKeyPair(file: string, create: boolean): Promise<KeyPair> {
  try {
    const key = create
      ? await loadOrCreateKeyPairFile(file, IDP_CERTIFICATE_SUBJECT)
      : await readKeyPairFile(file);
    if (key !== undefined) return key;
  } catch (error) {
    throw new TargetError(`${error instanceof Error ? error.message : String(error)} (--idp-keys)`);
  }
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
  const key = await idpKeyPair(options.idpKeyFile, options.newKeys ?? false);
  const sp = new ExternalSamlSp(
    metadata,
    key,
    options.idpEntityId ?? 'https://sso-harness.test/idp',
    options.identity,
    options.victim ?? 'victim@example.com',
    options.attacker ?? 'attacker@example.com',
    options.idpBaseUrl ?? DEFAULT_IDP_BASE_URL,
    options.sign ?? SIGN_CHOICES.assertion,
  );
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
