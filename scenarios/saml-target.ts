/**
 * Target mode for a vendor's SAML SP: its metadata gives the entity ID and ACS,
 * the reference IdP signs for it with a key pair kept in a file the vendor names
 * (so the SP's configuration survives across runs), and an identity check tells
 * who got logged in: a URL that answers with the signed-in user, or a header.
 */
import { readFile } from 'node:fs/promises';
import type { Target } from '#harness/runner';
import {
  buildIdpMetadata,
  loadOrCreateKeyPairFile,
  parseSpMetadata,
  readKeyPairFile,
  type KeyPair,
  type SpMetadata,
} from '#harness/saml';
import {
  DEFAULT_IDP_BASE_URL,
  ExternalSamlSp,
  IDP_CERTIFICATE_SUBJECT,
  SIGN_CHOICES,
  postAcs,
  type SignedParts,
} from './external-saml-sp.js';
import { proveBaseline } from './saml-baseline.js';
import { DEFAULT_REQUEST_TIMEOUT_MS, Watchdog } from './watchdog.js';
import type { IdentityCheck } from './saml-target-identity.js';
import { DEFAULT_PREFIX, TargetError, preflight } from './external-scim-target.js';
import { ScimClient } from '#harness/scim';

export {
  ExternalSamlSp,
  SIGN_CHOICES,
  type ExternalSamlSettings,
  type LoginSetup,
  type SignedParts,
} from './external-saml-sp.js';
export { proveBaseline } from './saml-baseline.js';
export { identityIn, jsonPathSteps, type IdentityCheck } from './saml-target-identity.js';

export interface ExternalSamlOptions {
  /** The SP's metadata: an http(s) URL or a file path. */
  metadata: string;
  /** How long one request to the SP (or the identity URL) may take. @default DEFAULT_REQUEST_TIMEOUT_MS */
  timeoutMs?: number;
  /** Told, with a one-line reason, when the SP stops answering mid-run (see Watchdog). */
  onStalled?: (reason: string) => void;
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
  /**
   * The SP's SCIM service: the deprovisioning checks create a user there, deactivate them and
   * delete them afterwards. Absent: those checks are not applicable.
   */
  scim?: { url: string; token: string };
  /** How long the SP may take to act on a deactivation over SCIM (ms). @default 3000 */
  deprovisionWaitMs?: number;
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

async function readMetadata(source: string, timeoutMs: number): Promise<string> {
  if (/^https?:\/\//.test(source)) {
    const response = await fetch(source, { signal: AbortSignal.timeout(timeoutMs) }).catch(
      (error: unknown) => {
        throw new TargetError(
          `cannot fetch the SP metadata at ${source} (${error instanceof Error ? error.message : String(error)}); check --sp-metadata`,
        );
      },
    );
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
    metadata = parseSpMetadata(
      await readMetadata(options.metadata, options.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS),
    );
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
    ...(options.deprovisionWaitMs === undefined ? {} : { deprovisionWaitMs: options.deprovisionWaitMs }),
    ...(options.nextKeyFile === undefined
      ? {}
      : { nextKey: await idpKeyPair(options.nextKeyFile, false, '--next-idp-keys') }),
    ...(options.retiredKeyFile === undefined
      ? {}
      : { retiredKey: await idpKeyPair(options.retiredKeyFile, false, '--retired-idp-keys') }),
  });
  // Any answer at all from the ACS's server shows it is up.
  const watchdog = new Watchdog({
    probeUrl: `${new URL(postAcs(metadata)!.url).origin}/`,
    option: '--sp-metadata',
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    ...(options.onStalled === undefined ? {} : { onStalled: options.onStalled }),
  });
  await proveBaseline(sp, watchdog.fetch);
  if (options.scim) await preflight(new ScimClient({ baseUrl: options.scim.url, token: options.scim.token }));
  return {
    sp: 'external',
    kind: 'external',
    transport: 'http',
    ...(options.scim ? { prefix: DEFAULT_PREFIX } : {}),
    capabilities: {
      scim: options.scim !== undefined,
      saml: true,
      groups: false,
      inspection: false,
      provisioning: false,
      advertised: { filter: false, patch: false, sort: false, etag: false, changePassword: false },
    },
    async open() {
      return {
        scimBaseUrl: options.scim?.url,
        token: options.scim?.token ?? '',
        fetch: watchdog.fetch,
        inspect: sp,
        close: async () => undefined,
      };
    },
  };
}
