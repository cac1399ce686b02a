/**
 * The reference IdP: a directory, applications, the provisioner that turns
 * directory changes into connector calls for every bound application, and the
 * SSO side's keys and access rule (its web side is harness/idp/web).
 * @see IDP-IDM-01, -03, -04, -05, -06, -07 (membership), -10; IDP-SSO-01, -03, -08
 */
import { sharedKeyPair, type KeyPair } from '../saml/keys.js';
import { ScimClient, type FetchLike } from '../scim/client.js';
import type { HttpExchange } from '../../reports/model.js';
import { Application } from './application.js';
import type { CatalogEntry } from './catalog/types.js';
import { ConnectorError, type Connector, type ConnectorContext } from './connector.js';
import { Directory, type DirectoryUserFields } from './directory.js';
import { IdpError } from './errors.js';
import { InsightsLog, type IdpNotification } from './events.js';
import { withConnectorFaults, type IdpFault } from './faults.js';
import { referenceConnector } from './reference-connector.js';
import { withRetries } from './retry.js';
import { authorizingFetch, pastedToken, type TokenSource } from './token-source.js';
import { ApplicationSso } from './sso.js';
import { slugFromName, type SsoChanges } from './sso-settings.js';

export { IdpError };

export interface ReferenceIdpOptions {
  /** The connector under test. @default the reference (JumpCloud) connector */
  connector?: Connector;
  /** How SCIM requests travel. @default globalThis.fetch */
  fetch?: FetchLike;
  /** Receives every SCIM exchange the provisioner makes. */
  record?: (exchange: HttpExchange) => void;
  /** @default () => new Date() */
  now?: () => Date;
  /** Fault switches that make the IdP break a rule, to prove the checks catch it. @default none */
  faults?: Iterable<IdpFault>;
  /**
   * The IdP's one signing key pair and certificate (SPEC "Response shape": self-signed,
   * sha256WithRSA, OU JumpCloudSAMLIdP, 5 years).
   * @default sharedKeyPair('idp', IDP_CERTIFICATE)
   */
  keys?: KeyPair | Promise<KeyPair>;
  /** The IdP Entity ID new applications start with, unless their catalogue entry names one. @default 'JumpCloud' */
  entityId?: string;
  /** Waits between retries (IDP-IDM-12); tests inject one that records instead of sleeping. @default setTimeout */
  sleep?: (ms: number) => Promise<void>;
}

/** What activating identity management takes (IDP-IDM-01): a base URL and a token, or an OAuth grant (SF-01). */
export interface IdmActivation {
  baseUrl: string;
  /** A pasted token. */
  token?: string;
  /** An OAuth grant (SF-01), for apps whose catalogue entry says `scimAuth: 'oauth'`. */
  tokenSource?: TokenSource;
  /** @default the app supports groups */
  groupManagement?: boolean;
}

/** What the IdP's default certificate says: SPEC "Response shape of the reference IdP". */
export const IDP_CERTIFICATE = {
  commonName: 'JumpCloud',
  organizationalUnit: 'JumpCloudSAMLIdP',
  organization: 'JumpCloud',
  validDays: 1826,
} as const;

/** Options of `createApplication` beyond the name. */
export interface CreateApplicationOptions {
  /** The SSO IdP URL slug, fixed for the application's life (IDP-SSO-01). @default the name, as a slug */
  slug?: string;
  /** SSO settings over the catalogue's defaults (SP Entity ID, ACS URLs, certificates…). */
  sso?: SsoChanges;
}

export class ReferenceIdp {
  readonly directory = new Directory();
  readonly insights: InsightsLog;
  /** What the admin is told outside the console: e-mails such as an import's completion (IDP-IDM-08). */
  readonly notifications: IdpNotification[] = [];
  readonly applications = new Map<string, Application>();
  readonly connector: Connector;
  readonly faults: ReadonlySet<IdpFault>;
  readonly #options: ReferenceIdpOptions;
  #keys: Promise<KeyPair> | undefined;

  constructor(options: ReferenceIdpOptions = {}) {
    this.#options = options;
    this.faults = new Set(options.faults ?? []);
    this.connector = withConnectorFaults(options.connector ?? referenceConnector, this.faults);
    this.insights = new InsightsLog(options.now, this.faults.has('skip-events'));
  }

  /**
   * Adds an application from the catalogue. The slug defaults to the name and must be unique
   * across applications (IDP-SSO-01); SSO starts enabled with the catalogue's defaults.
   */
  createApplication(
    entry: CatalogEntry,
    name = entry.id,
    options: CreateApplicationOptions = {},
  ): Application {
    if (this.applications.has(name))
      throw new IdpError(`An application named '${name}' exists; choose another name`);
    const slug = options.slug ?? slugFromName(name);
    const holder = this.applicationBySlug(slug, { ignoreCase: true });
    if (holder) {
      throw new IdpError(
        `The SSO IdP URL slug '${slug}' is used by application '${holder.name}'; slugs are unique across applications (IDP-SSO-01): choose another`,
      );
    }
    const sso = new ApplicationSso(name, slug, entry.sso, {
      faults: this.faults,
      ...(this.#options.entityId === undefined ? {} : { idpEntityId: this.#options.entityId }),
      ...(options.sso ? { changes: options.sso } : {}),
    });
    const app = new Application(name, entry, sso);
    this.applications.set(name, app);
    return app;
  }

  /**
   * IDP-SSO-08: removes the application from the IdP (its SSO URLs answer 404). The IdP makes
   * no SP call: users provisioned there stay as they are (SF-13).
   */
  deleteApplication(app: Application | string): void {
    const name = typeof app === 'string' ? app : app.name;
    if (!this.applications.has(name)) throw new IdpError(`No application named '${name}' to delete`);
    if (!this.faults.has('sso-keep-deleted-app')) this.applications.delete(name);
  }

  /** The application whose SSO IdP URL ends in `slug`. */
  applicationBySlug(slug: string, options: { ignoreCase?: boolean } = {}): Application | undefined {
    const wanted = options.ignoreCase ? slug.toLowerCase() : slug;
    for (const app of this.applications.values()) {
      if ((options.ignoreCase ? app.sso.slug.toLowerCase() : app.sso.slug) === wanted) return app;
    }
    return undefined;
  }

  /** The IdP's signing key pair: the injected one, or the process-wide shared 'idp' pair. */
  keys(): Promise<KeyPair> {
    this.#keys ??= Promise.resolve(this.#options.keys ?? sharedKeyPair('idp', IDP_CERTIFICATE));
    return this.#keys;
  }

  /**
   * IDP-SSO-03: users are implicitly denied; only an active (not suspended, password not
   * expired) member of a group bound to `app` may get an assertion.
   */
  authorizedForSso(app: Application, userId: string): boolean {
    if (this.faults.has('sso-ignore-access-control')) return this.directory.users.has(userId);
    const user = this.directory.users.get(userId);
    return (
      user !== undefined &&
      !user.suspended &&
      !user.passwordExpired &&
      this.applications.get(app.name) === app &&
      this.entitled(app, userId)
    );
  }

  /**
   * IDP-IDM-01: tests the connection with a test user (and group) and saves the
   * integration as active only when the test passes.
   */
  async activateIdm(app: Application, config: IdmActivation): Promise<void> {
    const refuse = (detail: string, fix: string): never => {
      this.insights.record({
        event_type: 'idm_integration_activate',
        application: app.name,
        outcome: 'failure',
        detail,
      });
      throw new IdpError(`Activation of ${app.name} refused: ${detail}; ${fix}`);
    };
    if (!app.catalog.provisioning)
      refuse(`${app.catalog.displayName} offers no identity management (SCIM) in the catalogue`, 'use SSO only');
    if (
      app.catalog.scimAuth === 'oauth' &&
      config.tokenSource === undefined &&
      !this.faults.has('oauth-accept-pasted-token')
    ) {
      refuse(
        `${app.catalog.displayName} is authorised through an OAuth consent, not a pasted token (SF-01)`,
        'sign in to the app as its admin and allow access',
      );
    }
    const tokenSource =
      config.tokenSource ?? (config.token === undefined ? undefined : pastedToken(config.token));
    if (tokenSource === undefined) return refuse('no token was given', 'paste the token the SP generated');
    const groupManagement = (config.groupManagement ?? app.catalog.groups) && app.catalog.groups;
    const ctx = this.connectorContext(app, config.baseUrl, tokenSource);
    try {
      await this.connector.testConnection(ctx, {
        groups: groupManagement,
        deleteUsers: app.catalog.deleteUsers,
      });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.insights.record({
        event_type: 'idm_integration_activate',
        application: app.name,
        outcome: 'failure',
        detail: reason,
      });
      throw new IdpError(
        `Activation of ${app.name} failed its connection test: ${reason}. Check the base URL and token, then activate again.`,
      );
    }
    app.idm = {
      baseUrl: config.baseUrl,
      token: config.token ?? tokenSource.description,
      tokenSource,
      groupManagement,
      active: true,
    };
    this.insights.record({
      event_type: 'idm_integration_activate',
      application: app.name,
      outcome: 'success',
      detail: `connected to ${config.baseUrl}`,
    });
    await this.#reconcileApp(app);
  }

  async bindGroup(app: Application, groupId: string): Promise<void> {
    this.directory.group(groupId);
    app.boundGroups.add(groupId);
    await this.#reconcileApp(app);
  }

  async createUser(fields: DirectoryUserFields): Promise<string> {
    return this.directory.createUser(fields).id;
  }

  async updateUser(userId: string, changes: Partial<DirectoryUserFields>): Promise<void> {
    if (this.directory.updateUser(userId, changes).length > 0) await this.#reconcileUser(userId);
  }

  async setSuspended(userId: string, suspended: boolean): Promise<void> {
    this.directory.setSuspended(userId, suspended);
    await this.#reconcileUser(userId);
  }

  async addToGroup(groupId: string, userId: string): Promise<void> {
    this.directory.addMember(groupId, userId);
    await this.#reconcileUser(userId);
  }

  async removeFromGroup(groupId: string, userId: string): Promise<void> {
    this.directory.removeMember(groupId, userId);
    await this.#reconcileUser(userId);
  }

  /** IDP-IDM-05: deleting a directory user deletes it in every SP that has it. */
  async deleteUser(userId: string): Promise<void> {
    const user = this.directory.deleteUser(userId);
    for (const app of this.applications.values()) {
      const link = app.users.get(userId);
      if (!app.provisioning || link?.spId === undefined) continue;
      await this.connector.deleteUser(this.connectorContext(app), user, link.spId);
      app.users.delete(userId);
      await this.#syncGroups(app);
    }
  }

  /** Whether `userId` is an active member of a group bound to `app`. */
  entitled(app: Application, userId: string): boolean {
    return [...app.boundGroups].some((groupId) => this.directory.groups.get(groupId)?.members.has(userId));
  }

  async #reconcileApp(app: Application): Promise<void> {
    for (const userId of this.directory.users.keys()) await this.#reconcileUserIn(app, userId);
    await this.#syncGroups(app);
  }

  async #reconcileUser(userId: string): Promise<void> {
    for (const app of this.applications.values()) {
      await this.#reconcileUserIn(app, userId);
      await this.#syncGroups(app);
    }
  }

  /** Brings one user's state in one app in line with the directory (IDP-IDM-03…06). */
  async #reconcileUserIn(app: Application, userId: string): Promise<void> {
    if (!app.provisioning) return;
    const user = this.directory.user(userId);
    const link = app.users.get(userId);
    const wantActive = this.entitled(app, userId) && !user.suspended;
    if (wantActive && link?.active === false && this.faults.has('never-reactivate')) return;
    if (wantActive) {
      const next = await this.connector.provisionUser(
        this.connectorContext(app),
        user,
        link?.active === false ? { ...link, lastSent: { ...link.lastSent, active: false } } : (link ?? {}),
      );
      app.users.set(userId, { ...next, active: true });
    } else if (link?.spId !== undefined && link.active) {
      await this.connector.deprovisionUser(this.connectorContext(app), user, link.spId);
      app.users.set(userId, { ...link, active: false });
    }
  }

  /** Pushes every bound group's membership (IDP-IDM-07); empty groups are not created. */
  async #syncGroups(app: Application): Promise<void> {
    if (!app.managesGroups) return;
    for (const groupId of app.boundGroups) {
      const group = this.directory.groups.get(groupId);
      if (!group) continue;
      const members = [...group.members].flatMap((userId) => {
        const link = app.users.get(userId);
        return link?.spId !== undefined && link.active ? [link.spId] : [];
      });
      const link = app.groups.get(groupId) ?? {};
      if (link.spId === undefined && members.length === 0 && !this.faults.has('create-empty-groups'))
        continue;
      if (link.spId !== undefined && sameMembers(link.lastMembers, members)) continue;
      app.groups.set(groupId, await this.connector.syncGroup(this.connectorContext(app), group, members, link));
    }
  }

  /**
   * What a connector gets for `app`: a SCIM client on the integration's base URL that sends
   * its token (refreshing an OAuth grant after a 401) and retries as IDP-IDM-12 says.
   */
  connectorContext(
    app: Application,
    baseUrl = app.idm?.baseUrl,
    tokenSource = app.idm?.tokenSource,
  ): ConnectorContext {
    if (baseUrl === undefined || tokenSource === undefined)
      throw new ConnectorError(`${app.name} has no identity-management integration; activate it first`);
    const base: FetchLike = this.#options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    const fetch = withRetries(authorizingFetch(base, tokenSource), {
      sleep: this.#options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
      faults: this.faults,
    });
    return {
      application: app.name,
      scim: new ScimClient({
        baseUrl,
        fetch,
        ...(this.#options.record ? { record: this.#options.record } : {}),
      }),
      mappings: app.catalog.mappings,
      excluded: app.excluded,
      log: (event) => this.insights.record({ ...event, application: app.name }),
    };
  }
}

function sameMembers(previous: readonly string[] | undefined, next: readonly string[]): boolean {
  return (
    previous !== undefined && previous.length === next.length && previous.every((id) => next.includes(id))
  );
}
