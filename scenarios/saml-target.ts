/**
 * Target mode for a vendor's SAML SP: its metadata gives the entity ID and ACS,
 * the reference IdP signs for it with a key pair kept in a file the vendor names
 * (so the SP's configuration survives across runs), and an identity check tells
 * who got logged in: a URL that answers with the signed-in user, or a header.
 */
import { readFile } from 'node:fs/promises';
import type { Browser, BrowserPage } from '#harness/http';
import type { Target } from '#harness/runner';
import {
  buildIdpMetadata,
  loadOrCreateKeyPairFile,
  parseSpMetadata,
  type KeyPair,
  type SpMetadata,
} from '#harness/saml';
import { TargetError } from './targets.js';

/** How to tell who is signed in at the SP after a post to its ACS. */
export type IdentityCheck = { url: string } | { header: string };

export interface ExternalSamlOptions {
  /** The SP's metadata: an http(s) URL or a file path. */
  metadata: string;
  identity: IdentityCheck;
  /** File holding the reference IdP's key pair; created on first use. */
  idpKeyFile: string;
  /** @default 'https://sso-harness.test/idp' */
  idpEntityId?: string;
  /** Where the IdP's SSO URL points in its metadata. @default 'http://127.0.0.1:8943' */
  idpBaseUrl?: string;
  /** The account the IdP legitimately signs for. @default 'victim@example.com' */
  victim?: string;
  /** The account an attacker wants. @default 'attacker@example.com' */
  attacker?: string;
}

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
  ) {}

  get acsUrl(): string {
    const acs = this.metadata.acs.find((endpoint) => endpoint.isDefault) ?? this.metadata.acs[0];
    return acs!.url;
  }

  /** Who the SP says is signed in after `page` (the answer to the ACS post), or undefined. */
  async signedIn(browser: Browser, page: BrowserPage): Promise<string | undefined> {
    if ('header' in this.identity) {
      const value = page.headers[this.identity.header.toLowerCase()];
      return value ? value.trim() : undefined;
    }
    const answer = await browser.get(this.identity.url);
    if (answer.status !== 200) return undefined;
    const text = answer.body.trim();
    try {
      const json = JSON.parse(text) as Record<string, unknown>;
      const who = json.user ?? json.nameId ?? json.nameID ?? json.email;
      return typeof who === 'string' && who !== '' ? who : undefined;
    } catch {
      return text === '' ? undefined : text;
    }
  }
}

/** The reference IdP's metadata for the vendor to configure once (entity ID, SSO URL, signing certificate). */
export async function referenceIdpMetadata(options: {
  idpKeyFile: string;
  idpEntityId?: string;
  idpBaseUrl?: string;
}): Promise<{ xml: string; certificatePem: string }> {
  const key = await loadOrCreateKeyPairFile(options.idpKeyFile, IDP_CERTIFICATE_SUBJECT);
  const sso = `${(options.idpBaseUrl ?? 'http://127.0.0.1:8943').replace(/\/+$/, '')}/saml2/sso-harness`;
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
  const key = await loadOrCreateKeyPairFile(options.idpKeyFile, IDP_CERTIFICATE_SUBJECT);
  const sp = new ExternalSamlSp(
    metadata,
    key,
    options.idpEntityId ?? 'https://sso-harness.test/idp',
    options.identity,
    options.victim ?? 'victim@example.com',
    options.attacker ?? 'attacker@example.com',
  );
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
