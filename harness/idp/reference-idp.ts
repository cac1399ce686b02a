/**
 * The reference IdP: a directory, applications, the provisioner that turns
 * directory changes into connector calls for every bound application, and the
 * SSO side's keys and access rule (its web side is harness/idp/web).
 * @see IDP-IDM-01…07, -10, -11; IDP-SSO-01, -03, -08
 */
import { sharedKeyPair, type KeyPair } from '#harness/saml';
import type { FetchLike } from '#harness/scim';
import type { HttpExchange } from '#harness/evidence';
import { Application } from './application.js';
import type { CatalogEntry } from './catalog-entry.js';
import { ConnectorError, type Connector, type ConnectorContext } from './connector.js';
import { createConnectorContext } from './connector-context.js';
import { withDefaultEvents } from './connector-events.js';
import { Directory, type DirectoryGroup, type DirectoryUserFields } from './directory.js';
import { IdpError } from './errors.js';
import { InsightsLog, type IdpNotification } from './events.js';
import { applyIdpFaults, resolveIdpFaults, type IdpFault, type IdpFaultRecord } from './faults/index.js';
import type { IdpPolicies, IdpSteps } from './idp-steps.js';
import { referenceConnector } from './reference-connector.js';
import {
  activateIdm,
  deactivateIdm,
  updateIdm,
  type IdmActivation,
  type IdmChanges,
  type IdmHost,
} from './idm-integration.js';
import { Provisioner, type OwedWork, type RetryOutcome } from './provisioner.js';
import { ApplicationSso } from './sso.js';
import { slugFromName, type SsoChanges } from './sso-settings.js';

export { IdpError };
export type { IdmActivation, IdmChanges };

export interface ReferenceIdpOptions {
  /** The connector under test. @default the reference (JumpCloud) connector */
  connector?: Connector;
  /** How SCIM requests travel. @default globalThis.fetch */
  fetch?: FetchLike;
  /** Receives every SCIM exchange the provisioner makes. */
  record?: (exchange: HttpExchange) => void;
  /** @default () => new Date() */
  now?: () => Date;
  /**
   * Faults (ids or records) that make the IdP break a rule, to prove the checks catch it; they
   * wrap the connector under test and the IdP's named steps. An unknown id is a TypeError.
   * @default none
   */
  faults?: Iterable<IdpFault | IdpFaultRecord>;
  /**
   * The IdP's one signing key pair and certificate (docs/conformance.md "Response shape": self-signed,
   * sha256WithRSA, OU JumpCloudSAMLIdP, 5 years).
   * @default sharedKeyPair('idp', IDP_CERTIFICATE)
   */
  keys?: KeyPair | Promise<KeyPair>;
  /** The IdP Entity ID new applications start with, unless their catalogue entry names one. @default 'JumpCloud' */
  entityId?: string;
  /**
   * The connector's waits (IDP-IDM-12): tests and scenarios inject one that records, or advances
   * a virtual clock, instead of sleeping. @default setTimeout
   */
  sleep?: (ms: number) => Promise<void>;
}

/** What the IdP's default certificate says: docs/conformance.md "Response shape". */
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
  /** The named steps the IdP and its web side run (docs/decisions/0012-faults-wrap.md). */
  readonly steps: IdpSteps;
  /** The rules that are figures: retries (IDP-IDM-12) and import (IDP-IDM-08). */
  readonly policies: IdpPolicies;
  readonly #catalogEntry: (entry: CatalogEntry) => CatalogEntry;
  readonly #options: ReferenceIdpOptions;
  readonly #background: Promise<void>[] = [];
  readonly #provisioner: Provisioner;
  readonly #host: IdmHost;
  #keys: Promise<KeyPair> | undefined;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #now: () => number;

  constructor(options: ReferenceIdpOptions = {}) {
    this.#options = options;
    this.#sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    const now = options.now;
    this.#now = now ? () => now().getTime() : Date.now;
    const faults = applyIdpFaults(resolveIdpFaults(options.faults));
    this.connector = withDefaultEvents(faults.connector(options.connector ?? referenceConnector));
    this.steps = faults.steps;
    this.policies = faults.policies;
    this.#catalogEntry = faults.catalog;
    this.insights = new InsightsLog(options.now, this.steps);
    this.#provisioner = new Provisioner({
      directory: this.directory,
      connector: this.connector,
      steps: this.steps,
      contextOf: (app) => this.connectorContext(app),
      now: () => this.#now(),
    });
    this.#host = {
      insights: this.insights,
      steps: this.steps,
      connector: this.connector,
      provisioner: this.#provisioner,
      contextOf: (app, baseUrl, tokenSource) => this.connectorContext(app, baseUrl, tokenSource),
    };
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
      steps: this.steps,
      ...(this.#options.entityId === undefined ? {} : { idpEntityId: this.#options.entityId }),
      ...(options.sso ? { changes: options.sso } : {}),
    });
    const app = new Application(name, this.#catalogEntry(entry), sso, this.steps);
    this.applications.set(name, app);
    return app;
  }

  /**
   * IDP-SSO-08: removes the application from the IdP (its SSO URLs answer 404). The IdP makes
   * no SP call: users provisioned there stay as they are (SF-13).
   */
  deleteApplication(app: Application | string): void {
    const name = typeof app === 'string' ? app : app.name;
    const deleted = this.applications.get(name);
    if (!deleted) throw new IdpError(`No application named '${name}' to delete`);
    this.#background.push(this.steps.deleteApplication(this.applications, this.#provisioner, deleted));
  }

  /**
   * Resolves once the background work the IdP started has finished: whatever deleting an
   * application left running (the strict steps start none).
   */
  async settled(): Promise<void> {
    await Promise.all(this.#background.splice(0));
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
    return this.steps.mayUseSso(this, app, userId);
  }

  /**
   * IDP-IDM-01: tests the connection with a test user (and group) and saves the integration
   * as active only when the test passes. Without `config` it reactivates with the stored
   * settings (IDP-IDM-02); an active integration is refused (deactivate it first).
   */
  activateIdm(app: Application, config?: IdmActivation): Promise<void> {
    return activateIdm(this.#host, app, config);
  }

  /**
   * IDP-IDM-02: changes the integration's settings. Token and base URL only while it is
   * inactive (deactivate, update, reactivate); group management at any time (IDP-IDM-07).
   */
  updateIdm(app: Application, changes: IdmChanges): Promise<void> {
    return updateIdm(this.#host, app, changes);
  }

  /** IDP-IDM-11: deactivates the integration; no SP call, SP state left as it is, provisioning stops. */
  deactivateIdm(app: Application): void {
    deactivateIdm(this.#host, app);
  }

  /**
   * A provisioning pass over every user and bound group of `app`, as the IdP's next scheduled
   * cycle runs one: what an earlier pass left undone (an SP that failed it) is done now.
   */
  async resync(app: Application): Promise<void> {
    if (!app.provisioning)
      throw new IdpError(`${app.name} has no active identity management; activate it first`);
    await this.#provisioner.reconcileApp(app);
  }

  /**
   * What the last provisioning pass or retry of `app` failed (users, groups, why, and when they
   * are tried again), or undefined when nothing is owed.
   */
  failedProvisioning(app: Application): OwedWork | undefined {
    return this.#provisioner.owed(app);
  }

  /**
   * Tries again what the last pass of `app` failed, once it is due (a minute after, then with
   * back-off, FAILED_RETRY), and only that: the users and groups the pass provisioned are not
   * sent again. Call it as the IdP's provisioning queue would, or use {@link retryUntilDone}.
   */
  retryFailed(app: Application): Promise<RetryOutcome> {
    return this.#provisioner.retryOwed(app);
  }

  /**
   * Waits for each retry of what `app`'s last pass failed (through the IdP's sleep, so a virtual
   * clock costs no wall time) until nothing is owed or the retries are spent; answers the last outcome.
   */
  async retryUntilDone(app: Application): Promise<RetryOutcome> {
    for (;;) {
      const owed = this.#provisioner.owed(app);
      if (!owed) return { status: 'nothing-owed' };
      if (owed.dueAt === undefined) return { status: 'not-due', dueAt: undefined };
      await this.#sleep(Math.max(0, owed.dueAt - this.#now()));
      const outcome = await this.#provisioner.retryOwed(app);
      if (outcome.status !== 'failed') return outcome;
    }
  }

  async bindGroup(app: Application, groupId: string): Promise<void> {
    this.directory.group(groupId);
    app.boundGroups.add(groupId);
    await this.#provisioner.reconcileApp(app);
  }

  /**
   * IDP-IDM-07: the group stops syncing and stays as it is in the SP; its members are
   * deactivated unless another group bound to the app still holds them.
   */
  async unbindGroup(app: Application, groupId: string): Promise<void> {
    const group = this.#group(groupId);
    if (!app.boundGroups.has(groupId))
      throw new IdpError(`Group '${group.name}' is not bound to ${app.name}; nothing to unbind`);
    app.boundGroups.delete(groupId);
    await this.steps.unbindGroup(this.#provisioner, app, group);
    await this.#provisioner.releaseMembers(app, [...group.members]);
    await this.#provisioner.syncGroups(app);
  }

  /**
   * IDP-IDM-07: deletes a directory group. Every app that manages groups and holds it
   * deletes it in the SP; its members there are deactivated unless another bound group
   * still holds them.
   */
  async deleteGroup(groupId: string): Promise<void> {
    const group = this.#group(groupId);
    const members = [...group.members];
    this.directory.groups.delete(groupId);
    for (const app of this.applications.values()) {
      const link = app.groups.get(groupId);
      app.groups.delete(groupId);
      if (!app.boundGroups.delete(groupId)) continue;
      if (app.managesGroups && link?.spId !== undefined)
        await this.steps.removeDeletedGroup(this.#provisioner, app, group, link.spId);
      await this.#provisioner.releaseMembers(app, members);
      await this.#provisioner.syncGroups(app);
    }
  }

  /** IDP-IDM-07: renames a directory group and pushes the new displayName where it was pushed. */
  async renameGroup(groupId: string, name: string): Promise<void> {
    const group = this.#group(groupId);
    const next = name.trim();
    if (next === '') throw new IdpError(`A group name cannot be empty; give '${group.name}' a name`);
    // **assumed**: directory group names are unique (case-insensitively), as the SP's displayNames are.
    const holder = [...this.directory.groups.values()].find(
      (other) => other.id !== groupId && other.name.toLowerCase() === next.toLowerCase(),
    );
    if (holder) throw new IdpError(`Group name '${next}' is taken by group '${holder.id}'; choose another`);
    if (group.name === next) return;
    group.name = next;
    for (const app of this.applications.values())
      await this.steps.pushGroupName(this.#provisioner, app, group);
  }

  async createUser(fields: DirectoryUserFields): Promise<string> {
    return this.directory.createUser(fields).id;
  }

  async updateUser(userId: string, changes: Partial<DirectoryUserFields>): Promise<void> {
    if (this.directory.updateUser(userId, changes).length > 0)
      await this.#provisioner.reconcileUser(userId, this.applications.values());
  }

  async setSuspended(userId: string, suspended: boolean): Promise<void> {
    this.directory.setSuspended(userId, suspended);
    await this.#provisioner.reconcileUser(userId, this.applications.values());
  }

  async addToGroup(groupId: string, userId: string): Promise<void> {
    this.directory.addMember(groupId, userId);
    await this.#provisioner.reconcileUser(userId, this.applications.values());
  }

  async removeFromGroup(groupId: string, userId: string): Promise<void> {
    this.directory.removeMember(groupId, userId);
    await this.#provisioner.reconcileUser(userId, this.applications.values());
  }

  /**
   * IDP-IDM-05: deleting a directory user deletes it in every SP that has it; where the app
   * does not support DELETE (Salesforce, Profit.co: PCO-07), the user is deactivated instead.
   */
  async deleteUser(userId: string): Promise<void> {
    const user = this.directory.deleteUser(userId);
    for (const app of this.applications.values()) {
      const link = app.users.get(userId);
      if (!app.provisioning || link?.spId === undefined) continue;
      // Memberships first: once the SP has deleted the user, a removal naming it has no target (RFC 7644 §3.5.2.2).
      await this.#provisioner.syncGroups(app);
      await this.steps.removeDeletedUser(this.#provisioner, app, user, { ...link, spId: link.spId });
      app.users.delete(userId);
    }
  }

  /** Whether `userId` is a member of a group bound to `app`. */
  entitled(app: Application, userId: string): boolean {
    return this.#provisioner.entitled(app, userId);
  }

  #group(groupId: string): DirectoryGroup {
    const group = this.directory.groups.get(groupId);
    if (!group) throw new IdpError(`No group '${groupId}' in the directory; create it first`);
    return group;
  }

  /**
   * What a connector gets for `app`: the integration's base URL and token source, a plain SCIM
   * client on them, the raw transport, the IdP's clock and retry rules. The IdP itself neither
   * retries nor refreshes a token: the connector does (docs/decisions/0022-connector-contract.md).
   */
  connectorContext(
    app: Application,
    baseUrl = app.idm?.baseUrl,
    tokenSource = app.idm?.tokenSource,
  ): ConnectorContext {
    if (baseUrl === undefined || tokenSource === undefined)
      throw new ConnectorError(`${app.name} has no identity-management integration; activate it first`);
    return createConnectorContext({
      application: app.name,
      baseUrl,
      credentials: tokenSource,
      ...(this.#options.fetch ? { fetch: this.#options.fetch } : {}),
      ...(this.#options.record ? { record: this.#options.record } : {}),
      sleep: this.#sleep,
      now: this.#now,
      retryPolicy: this.policies.retry,
      retrySteps: this.steps,
      ...(app.catalog.maxMembersPerRequest === undefined
        ? {}
        : { maxMembersPerRequest: app.catalog.maxMembersPerRequest }),
      mappings: app.catalog.mappings,
      excluded: app.excluded,
      log: (event) => this.insights.record({ ...event, application: app.name }),
    });
  }
}
