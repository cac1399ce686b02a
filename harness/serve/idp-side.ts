/**
 * The reference IdP as serve runs it: its web side at a public base URL, a directory of seeded
 * demo users in one group bound to every application, and each mock SP wired to it the way their
 * admins would wire them: the application from the SP's metadata, the SP from the IdP's.
 */
import {
  IdpWeb,
  ReferenceIdp,
  type Application,
  type CatalogEntry,
  type DirectoryGroup,
  type SsoChanges,
} from '#harness/idp';
import { PersonFactory } from '#harness/people';
import { BINDING, parseSpMetadata, type KeyPair, type SpMetadata } from '#harness/saml';
import { SAML_PATHS, type MockSp } from '#mock-sps';
import { configureSp, type App } from '#scenarios';
import { EXTERNAL_SP_SLUG } from './options.js';

/** A directory user a person signs in as at the IdP's login page. */
export interface DemoUser {
  id: string;
  email: string;
  name: string;
  password: string;
}

/** The IdP Entity ID `sso-harness idp-metadata` writes, so an SP configured from it trusts this IdP. */
const EXTERNAL_IDP_ENTITY_ID = 'https://sso-harness.test/idp';

/** The catalogue entry of an SP the IdP knows only from its metadata (the generic SAML app). */
const EXTERNAL_ENTRY: CatalogEntry = {
  id: EXTERNAL_SP_SLUG,
  displayName: 'Your SAML SP',
  provisioning: false,
  groups: false,
  deleteUsers: false,
  mappings: [],
};

export interface IdpSideOptions {
  /** Where the IdP's web side is published (`http://127.0.0.1:8080/idp`). */
  baseUrl: string;
  keys: KeyPair | undefined;
  seed: number;
  people: number;
  password: string;
}

/** The SSO settings an admin reads off an SP's metadata (Entity ID, ACS, certificates, SLO). */
function ssoChanges(metadata: SpMetadata, signs: boolean, encrypts: boolean): SsoChanges {
  const slo = metadata.singleLogout?.find((endpoint) => endpoint.binding === BINDING.redirect)?.url;
  const certificate = metadata.signingCertificates[0] ?? metadata.encryptionCertificates[0];
  return {
    spEntityId: metadata.entityId,
    acsUrls: metadata.acs.map((acs) => ({ url: acs.url, index: acs.index })),
    ...(signs || encrypts ? { spCertificatePem: certificate ?? null } : {}),
    ...(encrypts
      ? { encryptionCertificatePem: metadata.encryptionCertificates[0] ?? certificate ?? null }
      : {}),
    ...(slo === undefined ? {} : { spSloUrl: slo }),
  };
}

export class IdpSide {
  readonly idp: ReferenceIdp;
  readonly web: IdpWeb;
  readonly users: readonly DemoUser[];
  readonly #group: DirectoryGroup;
  readonly #applications = new Map<string, Application>();

  private constructor(idp: ReferenceIdp, web: IdpWeb, users: DemoUser[], group: DirectoryGroup) {
    this.idp = idp;
    this.web = web;
    this.users = users;
    this.#group = group;
  }

  /** The IdP with its directory: `people` seeded users, each with `password`, in one group. */
  static async create(options: IdpSideOptions): Promise<IdpSide> {
    const idp = new ReferenceIdp(options.keys ? { keys: options.keys } : {});
    const web = new IdpWeb(idp, { baseUrl: options.baseUrl });
    const group = idp.directory.createGroup('Demo users');
    const factory = new PersonFactory(options.seed);
    const users: DemoUser[] = [];
    for (let n = 0; n < options.people; n++) {
      const person = factory.next({ password: options.password });
      const id = await idp.createUser(person);
      await idp.addToGroup(group.id, id);
      users.push({
        id,
        email: person.email,
        name: `${person.firstname} ${person.lastname}`,
        password: options.password,
      });
    }
    return new IdpSide(idp, web, users, group);
  }

  /** The IdP application of `appId` (a mock SP's id, or `sso-harness` for your own SP). */
  application(appId: string): Application | undefined {
    return this.#applications.get(appId);
  }

  /**
   * Wires a mock SP to the IdP: the application is created from the SP's metadata (or, for an SP
   * built again, updated from it) and bound to the demo group; then the SP is configured with the
   * IdP as its guide says, its demo users seeded where users must exist before they sign in.
   * An app without a SAML side or a catalogue entry is left alone.
   */
  async connect(app: App, sp: MockSp): Promise<void> {
    const saml = sp.profile.saml;
    if (!saml || !app.idp) return;
    const page = await sp.handleAsync({ method: 'GET', url: SAML_PATHS.metadata, headers: {} });
    const changes = ssoChanges(
      parseSpMetadata(page.body ?? ''),
      saml.signAuthnRequests,
      saml.encryptAssertions,
    );
    let application = this.#applications.get(app.id);
    if (application) application.sso.update(changes);
    else {
      application = this.idp.createApplication(app.idp, app.name, { slug: app.id, sso: changes });
      await this.idp.bindGroup(application, this.#group.id);
      this.#applications.set(app.id, application);
    }
    await configureSp(sp, this.web, application, this.users);
  }

  /** An application for your own SAML SP, at `/saml2/sso-harness`, as `idp-metadata` describes it. */
  async addExternalSp(metadata: SpMetadata): Promise<Application> {
    const application = this.idp.createApplication(EXTERNAL_ENTRY, EXTERNAL_ENTRY.displayName, {
      slug: EXTERNAL_SP_SLUG,
      sso: {
        idpEntityId: EXTERNAL_IDP_ENTITY_ID,
        ...ssoChanges(metadata, metadata.authnRequestsSigned, false),
      },
    });
    await this.idp.bindGroup(application, this.#group.id);
    this.#applications.set(EXTERNAL_SP_SLUG, application);
    return application;
  }
}
