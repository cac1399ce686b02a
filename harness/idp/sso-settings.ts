/**
 * The SSO tab's data: the settings of one application's SAML SSO, the edits an admin
 * makes, the catalogue's defaults, and the rules every edit is checked against.
 * @see IDP-SSO-01, IDP-SSO-05, IDP-SSO-06, IDP-SSO-08
 */
import { x509Of, type SigningAlgorithm } from '#harness/saml';
import { IdpError } from './errors.js';

/** The directory properties an SSO row may read: the string-valued ones the seeds' tables name. */
export const SSO_PROPERTIES = [
  'id',
  'username',
  'email',
  'firstname',
  'lastname',
  'displayname',
  'employeeType',
  'employeeIdentifier',
  'jobTitle',
  'department',
  'company',
  'location',
  'costCenter',
  'preferredLanguage',
  'locale',
] as const;

export type SsoProperty = (typeof SSO_PROPERTIES)[number];

/** Where a NameID or attribute value comes from: a directory property or a constant. @see IDP-SSO-06 */
export type SsoSource = { property: SsoProperty } | { constant: string };

/** One row of the SSO tab's attribute table: the SP's attribute name and its JumpCloud source. */
export interface SsoAttributeRow {
  /** The attribute Name in the assertion (`User.Email`, `username`). */
  name: string;
  source: SsoSource;
  /** Sent in the assertion; a JIT-required row is toggled off with `false` (IDP-SSO-06). @default true */
  enabled?: boolean;
  /** Set from the catalogue only: the row's source can change and it can be toggled off, never renamed or removed. */
  jitRequired?: boolean;
  /** @default 'urn:oasis:names:tc:SAML:2.0:attrname-format:basic' */
  nameFormat?: string;
}

/** An attribute row as stored: `enabled` and `jitRequired` resolved. */
export interface ResolvedAttributeRow extends SsoAttributeRow {
  enabled: boolean;
  jitRequired: boolean;
}

/** A registered ACS URL, as the admin enters it: a URL, or a URL with its index. */
export type AcsUrlInput = string | { url: string; index?: number; isDefault?: boolean };

/** A registered ACS URL with its resolved index (AssertionConsumerServiceIndex) and default flag. */
export interface RegisteredAcs {
  url: string;
  index: number;
  isDefault: boolean;
}

/** The resolved SSO configuration of one application. */
export interface SsoSettings {
  /** "Deactivate SSO" sets this false: both flows are refused (IDP-SSO-08). */
  enabled: boolean;
  /** IdP Entity ID: the Issuer of every Response and Assertion. */
  idpEntityId: string;
  /** SP Entity ID: the Audience, and the Issuer an AuthnRequest must carry (IDP-SSO-05). */
  spEntityId: string | undefined;
  acsUrls: readonly RegisteredAcs[];
  nameId: { source: SsoSource; format: string };
  attributes: readonly ResolvedAttributeRow[];
  signAssertion: boolean;
  signResponse: boolean;
  algorithm: SigningAlgorithm;
  /** SP certificate: when set, AuthnRequests must be signed with its key and are verified (IDP-SSO-05). */
  spCertificatePem: string | undefined;
  /** When set, the assertion is encrypted to this certificate (IDP-SSO-06). */
  encryptionCertificatePem: string | undefined;
  /** RelayState of IdP-initiated launches (IDP-SSO-04). */
  relayState: string | undefined;
  /**
   * The SP's SingleLogoutService URL (HTTP-Redirect), from its metadata: where the IdP sends
   * LogoutRequests and LogoutResponses (IDP-SLO-01, **assumed**). Unset: the SP takes no Single Logout.
   */
  spSloUrl: string | undefined;
}

/**
 * An admin's edit of the SSO tab: every field optional; `null` clears an optional one.
 * `slug` is refused (IDP-SSO-01).
 */
export interface SsoChanges {
  slug?: string;
  enabled?: boolean;
  idpEntityId?: string;
  spEntityId?: string | null;
  acsUrls?: readonly AcsUrlInput[];
  nameId?: { source?: SsoSource; format?: string };
  attributes?: readonly SsoAttributeRow[];
  signAssertion?: boolean;
  signResponse?: boolean;
  algorithm?: SigningAlgorithm;
  spCertificatePem?: string | null;
  encryptionCertificatePem?: string | null;
  relayState?: string | null;
  spSloUrl?: string | null;
}

/** What the catalogue knows of an app's SSO side, from its integration guide (each field cites its source). */
export interface SsoCatalogDefaults {
  /** @default none: the admin enters it */
  spEntityId?: string;
  /** @default none: the admin enters them */
  acsUrls?: readonly AcsUrlInput[];
  /** @default { source: { property: 'email' }, format: '…:1.0:nameid-format:unspecified' } */
  nameId?: { source: SsoSource; format?: string };
  /** The attribute table; rows with `jitRequired` are fixed by name (IDP-SSO-06). @default [] */
  attributes?: readonly SsoAttributeRow[];
  /** @default true */
  signAssertion?: boolean;
  /** @default false */
  signResponse?: boolean;
  /** @default 'rsa-sha256' */
  algorithm?: SigningAlgorithm;
  /** @default the IdP's entity ID (ReferenceIdpOptions.entityId, 'JumpCloud') */
  idpEntityId?: string;
  /** The SP signs its AuthnRequests: upload its certificate (`spCertificatePem`) so they are verified. @default false */
  signedRequests?: boolean;
  /** The one uploaded SP certificate also encrypts the assertion. @default false */
  encryptToSpCertificate?: boolean;
}

const SLUG = /^[A-Za-z0-9][A-Za-z0-9._~-]{0,127}$/;
/** SAML Bindings §3.4.3 / §3.5.3: RelayState MUST NOT exceed 80 bytes. */
const RELAY_STATE_MAX_BYTES = 80;
const ALGORITHMS: readonly SigningAlgorithm[] = ['rsa-sha256', 'rsa-sha1'];

/** The slug a name gives when none is chosen: lower case, runs of other characters as '-'. @see IDP-SSO-01 */
export function slugFromName(name: string): string {
  const slug = name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9._~-]+/g, '-')
    .replace(/^[-._~]+|-+$/g, '');
  return slug === '' ? 'app' : slug.slice(0, 128);
}

/** Refuses a slug that is not a single URL path segment of safe characters. */
export function assertValidSlug(slug: string): void {
  if (!SLUG.test(slug)) {
    throw new IdpError(
      `The SSO IdP URL slug '${slug}' is not valid: use 1–128 letters, digits, '.', '_', '~' or '-', starting with a letter or digit (IDP-SSO-01)`,
    );
  }
}

function isProperty(value: string): value is SsoProperty {
  return (SSO_PROPERTIES as readonly string[]).includes(value);
}

function checkSource(source: SsoSource, where: string): SsoSource {
  if ('constant' in source && typeof source.constant === 'string') return { constant: source.constant };
  if ('property' in source && isProperty(source.property)) return { property: source.property };
  throw new IdpError(
    `${where}: the source must be { property } with one of ${SSO_PROPERTIES.join(', ')}, or { constant: string }; found ${JSON.stringify(source)}`,
  );
}

function checkCertificate(pem: string, field: string, app: string): string {
  try {
    x509Of(pem);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new IdpError(
      `The ${field} of ${app} is not a PEM X.509 certificate (${reason}): upload the certificate file (-----BEGIN CERTIFICATE-----)`,
    );
  }
  return pem;
}

function checkAcsUrls(inputs: readonly AcsUrlInput[], app: string): RegisteredAcs[] {
  const taken = new Set<number>();
  for (const input of inputs) {
    if (typeof input === 'string' || input.index === undefined) continue;
    if (!Number.isInteger(input.index) || input.index < 0 || input.index > 65535 || taken.has(input.index)) {
      throw new IdpError(
        `ACS URL index ${input.index} of ${app} is not a unique integer in 0–65535 (AssertionConsumerServiceIndex is an unsigned short)`,
      );
    }
    taken.add(input.index);
  }
  let next = 0;
  const resolved = inputs.map((input): RegisteredAcs => {
    const entry = typeof input === 'string' ? { url: input } : input;
    let url: URL;
    try {
      url = new URL(entry.url);
    } catch {
      throw new IdpError(`ACS URL '${entry.url}' of ${app} is not an absolute URL`);
    }
    if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.hash !== '') {
      throw new IdpError(`ACS URL '${entry.url}' of ${app} must be an http(s) URL without a fragment`);
    }
    let index = typeof input === 'string' ? undefined : input.index;
    if (index === undefined) {
      while (taken.has(next)) next += 1;
      index = next;
      taken.add(index);
    }
    return { url: entry.url, index, isDefault: typeof input !== 'string' && input.isDefault === true };
  });
  const defaults = resolved.filter((acs) => acs.isDefault);
  if (defaults.length > 1)
    throw new IdpError(`${app} marks ${defaults.length} ACS URLs as default; mark one`);
  if (defaults.length === 0 && resolved.length > 0) {
    const lowest = resolved.reduce((a, b) => (b.index < a.index ? b : a));
    lowest.isDefault = true;
  }
  return resolved;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** What an edit is checked against besides the settings themselves. */
export interface SsoRules {
  /** The application's name, for messages. */
  app: string;
  /** Names of the JIT-required rows (from the catalogue). */
  jit: ReadonlySet<string>;
  /** The uploaded SP certificate also encrypts (SsoCatalogDefaults.encryptToSpCertificate). */
  encryptToSpCertificate: boolean;
}

/**
 * The settings after `changes`, frozen, or an IdpError naming the rule broken: JIT-required rows
 * are neither renamed nor removed (IDP-SSO-06); certificates must parse; at least one of assertion
 * and response is signed; RelayState fits 80 bytes. The slug is the caller's (it is not a setting).
 */
export function applySsoChanges(current: SsoSettings, changes: SsoChanges, rules: SsoRules): SsoSettings {
  const { app } = rules;
  const next: SsoSettings = { ...current };
  if (changes.enabled !== undefined) next.enabled = changes.enabled;
  if (changes.idpEntityId !== undefined) {
    if (changes.idpEntityId.trim() === '') throw new IdpError(`The IdP Entity ID of ${app} cannot be empty`);
    next.idpEntityId = changes.idpEntityId;
  }
  if (changes.spEntityId !== undefined) {
    if (changes.spEntityId !== null && changes.spEntityId.trim() === '')
      throw new IdpError(`The SP Entity ID of ${app} cannot be empty; use null to clear it`);
    next.spEntityId = changes.spEntityId ?? undefined;
  }
  if (changes.acsUrls !== undefined) next.acsUrls = checkAcsUrls(changes.acsUrls, app);
  if (changes.nameId !== undefined) {
    next.nameId = {
      source: checkSource(changes.nameId.source ?? current.nameId.source, `The NameID of ${app}`),
      format: changes.nameId.format ?? current.nameId.format,
    };
    if (next.nameId.format.trim() === '') throw new IdpError(`The NameID format of ${app} cannot be empty`);
  }
  if (changes.attributes !== undefined) next.attributes = checkAttributes(changes.attributes, app, rules.jit);
  if (changes.signAssertion !== undefined) next.signAssertion = changes.signAssertion;
  if (changes.signResponse !== undefined) next.signResponse = changes.signResponse;
  if (!next.signAssertion && !next.signResponse) {
    throw new IdpError(
      `${app} would sign neither the assertion nor the response; sign one or both (IDP-SSO-06)`,
    );
  }
  if (changes.algorithm !== undefined) {
    if (!ALGORITHMS.includes(changes.algorithm))
      throw new IdpError(`Signature algorithm '${changes.algorithm}' is not one of ${ALGORITHMS.join(', ')}`);
    next.algorithm = changes.algorithm;
  }
  if (changes.spCertificatePem !== undefined) {
    next.spCertificatePem =
      changes.spCertificatePem === null
        ? undefined
        : checkCertificate(changes.spCertificatePem, 'SP certificate', app);
    if (rules.encryptToSpCertificate && changes.encryptionCertificatePem === undefined)
      next.encryptionCertificatePem = next.spCertificatePem;
  }
  if (changes.encryptionCertificatePem !== undefined) {
    next.encryptionCertificatePem =
      changes.encryptionCertificatePem === null
        ? undefined
        : checkCertificate(changes.encryptionCertificatePem, 'encryption certificate', app);
  }
  if (changes.relayState !== undefined) {
    if (changes.relayState !== null && Buffer.byteLength(changes.relayState) > RELAY_STATE_MAX_BYTES) {
      throw new IdpError(
        `The default RelayState of ${app} is ${Buffer.byteLength(changes.relayState)} bytes; SAML Bindings §3.5.3 allows at most 80`,
      );
    }
    next.relayState =
      changes.relayState === null || changes.relayState === '' ? undefined : changes.relayState;
  }
  if (changes.spSloUrl !== undefined)
    next.spSloUrl = changes.spSloUrl === null ? undefined : checkSloUrl(changes.spSloUrl, app);
  return deepFreeze(structuredClone(next));
}

function checkSloUrl(value: string, app: string): string {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.hash !== '')
    throw new IdpError(
      `The Single Logout URL '${value}' of ${app} must be an absolute http(s) URL without a fragment`,
    );
  return url.href;
}

function checkAttributes(
  rows: readonly SsoAttributeRow[],
  app: string,
  jit: ReadonlySet<string>,
): ResolvedAttributeRow[] {
  const names = new Set(rows.map((row) => row.name));
  for (const name of jit) {
    if (!names.has(name)) {
      throw new IdpError(
        `The JIT-required attribute '${name}' of ${app} can't be renamed or removed (IDP-SSO-06): toggle it off (enabled: false) or change its JumpCloud attribute or constant value instead`,
      );
    }
  }
  const seen = new Set<string>();
  return rows.map((row) => {
    // eslint-disable-next-line no-control-regex
    if (typeof row.name !== 'string' || row.name.trim() === '' || /[\u0000-\u001f]/.test(row.name))
      throw new IdpError(
        `An SSO attribute of ${app} has an empty or invalid name: ${JSON.stringify(row.name)}`,
      );
    if (seen.has(row.name)) throw new IdpError(`${app} has two SSO attributes named '${row.name}'`);
    seen.add(row.name);
    const jitRequired = jit.has(row.name);
    if (row.jitRequired === true && !jitRequired) {
      throw new IdpError(
        `'${row.name}' of ${app} cannot be made JIT-required: only the catalogue's rows are (IDP-SSO-06)`,
      );
    }
    return {
      name: row.name,
      source: checkSource(row.source, `SSO attribute '${row.name}' of ${app}`),
      enabled: row.enabled ?? true,
      jitRequired,
      ...(row.nameFormat ? { nameFormat: row.nameFormat } : {}),
    };
  });
}
