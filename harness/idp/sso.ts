/**
 * An application's SAML SSO configuration at the reference IdP (the SSO tab of a
 * JumpCloud application), and the assertion it produces for a directory user.
 * @see IDP-SSO-01, IDP-SSO-06, IDP-SSO-07, IDP-SSO-08; docs/conformance.md "Response shape"
 */
import type { KeyPair } from '#harness/saml';
import { NAMEID_FORMAT, type SamlAttribute } from '#harness/saml';
import type { DirectoryUser } from './directory.js';
import { IdpError } from './errors.js';
import {
  applySsoChanges,
  assertValidSlug,
  type RegisteredAcs,
  type SsoAttributeRow,
  type SsoCatalogDefaults,
  type SsoChanges,
  type SsoSettings,
  type SsoSource,
} from './sso-settings.js';
import { SSO_STEPS, slugImmutable, valueOf, type SsoSteps } from './sso-steps.js';

export { assertValidSlug, slugFromName } from './sso-settings.js';

/** What one application's configuration asserts about one user. */
export interface AssertionContent {
  nameId: { value: string; format: string };
  attributes: SamlAttribute[];
}

/** A Response issued by the IdP, with what it asserted. */
export interface IssuedResponse extends AssertionContent {
  xml: string;
  responseId: string;
  assertionId: string;
  acsUrl: string;
  inResponseTo: string | undefined;
}

/**
 * The SSO side of one application. The slug is fixed at creation; every other field is
 * edited through `update` (atomically: a refused edit changes nothing).
 */
export class ApplicationSso {
  readonly #app: string;
  #slug: string;
  readonly #jit: ReadonlySet<string>;
  readonly #encryptToSpCertificate: boolean;
  /** Whether the catalogue says the SP signs its AuthnRequests (SF-14). */
  readonly signedRequests: boolean;
  #settings: SsoSettings;
  readonly #steps: SsoSteps;

  constructor(
    app: string,
    slug: string,
    defaults: SsoCatalogDefaults = {},
    options: {
      idpEntityId?: string;
      changes?: SsoChanges;
      /** @default SSO_STEPS */
      steps?: SsoSteps;
    } = {},
  ) {
    this.#steps = options.steps ?? SSO_STEPS;
    assertValidSlug(slug);
    this.#app = app;
    this.#slug = slug;
    this.#jit = new Set((defaults.attributes ?? []).filter((row) => row.jitRequired).map((row) => row.name));
    this.#encryptToSpCertificate = defaults.encryptToSpCertificate ?? false;
    this.signedRequests = defaults.signedRequests ?? false;
    this.#settings = {
      enabled: true,
      idpEntityId: 'JumpCloud',
      spEntityId: undefined,
      acsUrls: [],
      nameId: { source: { property: 'email' }, format: NAMEID_FORMAT.unspecified },
      attributes: [],
      signAssertion: true,
      signResponse: false,
      algorithm: 'rsa-sha256',
      spCertificatePem: undefined,
      encryptionCertificatePem: undefined,
      relayState: undefined,
      spSloUrl: undefined,
    };
    this.update({
      idpEntityId: defaults.idpEntityId ?? options.idpEntityId ?? 'JumpCloud',
      ...(defaults.spEntityId === undefined ? {} : { spEntityId: defaults.spEntityId }),
      acsUrls: defaults.acsUrls ?? [],
      ...(defaults.nameId ? { nameId: defaults.nameId } : {}),
      attributes: (defaults.attributes ?? []).map((row) => ({ ...row, enabled: row.enabled ?? true })),
      signAssertion: defaults.signAssertion ?? true,
      signResponse: defaults.signResponse ?? false,
      algorithm: defaults.algorithm ?? 'rsa-sha256',
    });
    if (options.changes) this.update(options.changes);
  }

  /** The IdP URL path segment: `<idp-base>/saml2/<slug>` (IDP-SSO-01). */
  get slug(): string {
    return this.#slug;
  }

  /** Always refused: the SSO IdP URL cannot be edited after creation (IDP-SSO-01). */
  set slug(value: string) {
    throw slugImmutable(this.#app, this.#slug, value);
  }

  /** The current configuration (frozen; edit through `update`). */
  get settings(): Readonly<SsoSettings> {
    return this.#settings;
  }

  get enabled(): boolean {
    return this.#settings.enabled;
  }

  /** Names of the JIT-required rows, fixed by the catalogue. */
  get jitRequired(): ReadonlySet<string> {
    return this.#jit;
  }

  /** Both flows work only once the SP Entity ID and an ACS URL are set; the list says what is missing. */
  missing(): string[] {
    const missing: string[] = [];
    if (this.#settings.spEntityId === undefined) missing.push('SP Entity ID');
    if (this.#settings.acsUrls.length === 0) missing.push('ACS URL');
    return missing;
  }

  /** "Deactivate SSO" (IDP-SSO-08) / "Activate". */
  deactivate(): void {
    this.update({ enabled: false });
  }

  activate(): void {
    this.update({ enabled: true });
  }

  /**
   * Applies an edit, or refuses it whole with an IdpError: the slug is immutable; JIT-required
   * rows are neither renamed nor removed (IDP-SSO-06); certificates must parse; at least one of
   * assertion and response is signed; RelayState fits 80 bytes.
   */
  update(changes: SsoChanges): void {
    if (changes.slug !== undefined && changes.slug !== this.#slug)
      this.#slug = this.#steps.changeSlug(this.#app, this.#slug, changes.slug);
    this.#settings = applySsoChanges(this.#settings, changes, {
      app: this.#app,
      jit: this.#jit,
      encryptToSpCertificate: this.#encryptToSpCertificate,
    });
  }

  /** Changes one attribute row: toggle, source, or (not for JIT-required rows) its name. */
  editAttribute(name: string, change: { name?: string; enabled?: boolean; source?: SsoSource }): void {
    if (!this.#settings.attributes.some((row) => row.name === name))
      throw new IdpError(`${this.#app} has no SSO attribute named '${name}'`);
    this.update({
      attributes: this.#settings.attributes.map((row) => (row.name === name ? { ...row, ...change } : row)),
    });
  }

  addAttribute(row: SsoAttributeRow): void {
    this.update({ attributes: [...this.#settings.attributes, row] });
  }

  removeAttribute(name: string): void {
    this.update({ attributes: this.#settings.attributes.filter((row) => row.name !== name) });
  }

  /** The ACS an AuthnRequest names (by URL or index), or the default one; undefined when not registered. */
  acs(requested: { url?: string; index?: number } = {}): RegisteredAcs | undefined {
    const { acsUrls } = this.#settings;
    if (requested.url !== undefined) return acsUrls.find((acs) => acs.url === requested.url);
    if (requested.index !== undefined) return acsUrls.find((acs) => acs.index === requested.index);
    return acsUrls.find((acs) => acs.isDefault);
  }

  /**
   * The NameID and attribute statement this configuration asserts for `user`; rows toggled off
   * and rows whose property is empty are left out. The NameID value is undefined when empty.
   * @see IDP-SSO-06
   */
  assertionFor(user: DirectoryUser): {
    nameId: { value: string | undefined; format: string };
    attributes: SamlAttribute[];
  } {
    const { nameId, attributes } = this.#settings;
    return {
      nameId: { value: valueOf(user, nameId.source), format: nameId.format },
      attributes: this.#steps.attributeStatement(attributes, user),
    };
  }

  /**
   * Builds the signed (and, when configured, encrypted) Response for `user` to `acs`:
   * solicited when `inResponseTo` is given, unsolicited otherwise (IDP-SSO-04, -05).
   */
  async issue(
    user: DirectoryUser,
    options: {
      acs: RegisteredAcs;
      inResponseTo?: string;
      now: Date;
      key: KeyPair;
      sessionIndex?: string;
      newId?: () => string;
    },
  ): Promise<IssuedResponse> {
    const settings = this.#settings;
    const audience = settings.spEntityId;
    if (audience === undefined)
      throw new IdpError(`${this.#app} has no SP Entity ID; set it before users sign in`);
    const content = this.assertionFor(user);
    const nameIdValue = content.nameId.value;
    if (nameIdValue === undefined) {
      throw new IdpError(
        `User ${user.email} has no value for the NameID source ${JSON.stringify(settings.nameId.source)} of ${this.#app}`,
      );
    }
    const built = await this.#steps.buildResponse(
      {
        issuer: settings.idpEntityId,
        destination: options.acs.url,
        audience,
        ...(options.inResponseTo === undefined ? {} : { inResponseTo: options.inResponseTo }),
        nameId: { value: nameIdValue, format: content.nameId.format },
        attributes: content.attributes,
        ...(options.sessionIndex === undefined ? {} : { sessionIndex: options.sessionIndex }),
        now: options.now,
        ...(options.newId ? { newId: options.newId } : {}),
      },
      {
        key: options.key,
        signAssertion: settings.signAssertion,
        signResponse: settings.signResponse,
        algorithm: settings.algorithm,
      },
      settings.encryptionCertificatePem,
    );
    return {
      ...built,
      nameId: { value: nameIdValue, format: content.nameId.format },
      attributes: content.attributes,
      acsUrl: options.acs.url,
      inResponseTo: options.inResponseTo,
    };
  }
}
