/**
 * Manual import: the Identity Management tab's "Manual Import". The IdP lists the SP's
 * users over every page, marks each New or Imported, offers a New-only view, and creates
 * the selected ones in the directory: up to 100 at once, more in the background ending
 * with a completion notification. Imported users are not managed in the app until they
 * belong to a bound group; then the IdP looks them up and takes them over (IDP-IDM-03).
 * @see IDP-IDM-08, IDP-IDM-03, SPK-05
 */
import { isJsonObject, type JsonObject } from '#harness/scim';
import type { Application } from './application.js';
import type { DirectoryUserFields } from './directory.js';
import { IdpError } from './errors.js';
import type { ImportPage } from './import-steps.js';
import { mappedValue } from './mapping.js';
import type { ReferenceIdp } from './reference-idp.js';

/** Users asked for per page of the SP's list (`GET /Users?startIndex=…&count=100`). */
export const IMPORT_PAGE_SIZE = 100;

/** An SP user offered for import: New (no directory account yet) or Imported. */
export interface ImportCandidate {
  spId: string;
  userName: string;
  status: 'new' | 'imported';
  /** Whether the user is active in the SP. */
  active: boolean;
  /** The directory user it becomes, read back through the app's mapping. */
  fields: DirectoryUserFields;
  /** The directory user it matches, when Imported. */
  userId?: string;
}

/** The Manual Import list. */
export interface ImportListing {
  /** Every SP user offered, in the SP's order. */
  readonly users: readonly ImportCandidate[];
  /** The totalResults the SP reported. */
  readonly totalResults: number;
  /** How many pages were read. */
  readonly pages: number;
  /** The New Users-only filter: New users only. */
  newOnly(): ImportCandidate[];
  /** The guides' tip: the same list with New users moved to the top. */
  newFirst(): ImportCandidate[];
}

/** What became of one selected user. */
export interface ImportedUser {
  spId: string;
  userName: string;
  outcome: 'created' | 'skipped' | 'failed';
  /** The directory user (created, or the one that already had the account). */
  userId?: string;
  detail: string;
}

/** A started import: its results at once (up to 100 users) or a background run. */
export type ImportRun =
  | { mode: 'synchronous'; results: ImportedUser[] }
  | {
      mode: 'background';
      /** How many users the background run imports. */
      count: number;
      /** Settles once the run is over and its completion notification has been sent. */
      done: Promise<ImportedUser[]>;
    };

export interface ManualImportOptions {
  /** Timestamps of the completion notification. @default () => new Date() */
  now?: () => Date;
  /** Users asked for per page (an IdP dialect's import paging). @default IMPORT_PAGE_SIZE */
  pageSize?: number;
}

/** Manual import for one application of the reference IdP (IDP-IDM-08). */
export class ManualImport {
  readonly #now: () => Date;
  readonly #pageSize: number;

  constructor(
    readonly idp: ReferenceIdp,
    readonly app: Application,
    options: ManualImportOptions = {},
  ) {
    this.#now = options.now ?? (() => new Date());
    this.#pageSize = options.pageSize ?? IMPORT_PAGE_SIZE;
  }

  /** Lists the SP's users over every page, each marked New or Imported (IDP-IDM-08). */
  async list(): Promise<ImportListing> {
    if (!this.app.provisioning) {
      throw new IdpError(
        `Manual import of ${this.app.name} needs an active identity-management integration; activate it first`,
      );
    }
    const scim = this.idp.connectorContext(this.app).scim;
    const readPage = async (startIndex: number): Promise<ImportPage> => {
      const response = await scim.get('/Users', { query: { startIndex, count: this.#pageSize } });
      const body = response.body;
      if (response.status !== 200 || !isJsonObject(body) || !Array.isArray(body.Resources)) {
        throw new IdpError(
          `Listing ${this.app.name}'s users for import failed: GET /Users?startIndex=${startIndex} answered ${response.status}; check the integration and try again`,
        );
      }
      const resources = body.Resources.filter(isJsonObject);
      const totalResults =
        typeof body.totalResults === 'number' ? body.totalResults : startIndex - 1 + resources.length;
      return { resources, totalResults };
    };
    const { resources, totalResults, pages } = await this.idp.steps.listSpUsers(readPage);
    const listed = new Map<string, JsonObject>();
    for (const resource of resources) if (typeof resource.id === 'string') listed.set(resource.id, resource);
    // SPK-05: an app may leave users inactive in the SP out of the import.
    const skipInactive = this.app.catalog.importSkipsInactive === true;
    const users = [...listed.values()]
      .map((resource) => this.#candidate(resource))
      .filter((candidate) => candidate.active || !skipInactive);
    return {
      users,
      totalResults,
      pages,
      newOnly: () => users.filter((user) => user.status === 'new'),
      newFirst: () => [
        ...users.filter((user) => user.status === 'new'),
        ...users.filter((user) => user.status !== 'new'),
      ],
    };
  }

  /**
   * Imports the selected users into the directory. Up to the policy's synchronous limit the results
   * come back at once; above it the import runs in the background and ends with a completion
   * notification in `idp.notifications` (IDP-IDM-08: the guides' e-mail).
   */
  async import(selected: readonly ImportCandidate[]): Promise<ImportRun> {
    if (selected.length <= this.idp.policies.import.synchronousLimit)
      return { mode: 'synchronous', results: await this.#importAll(selected) };
    const done = (async () => {
      // The caller has its handle before any user is imported.
      await Promise.resolve();
      const results = await this.#importAll(selected);
      this.#notifyCompletion(results);
      return results;
    })();
    return { mode: 'background', count: selected.length, done };
  }

  async #importAll(selected: readonly ImportCandidate[]): Promise<ImportedUser[]> {
    const results: ImportedUser[] = [];
    for (const candidate of selected)
      results.push(await this.idp.steps.importOne(this.idp, this.app, candidate));
    return results;
  }

  #notifyCompletion(results: readonly ImportedUser[]): void {
    const count = (outcome: ImportedUser['outcome']): number =>
      results.filter((result) => result.outcome === outcome).length;
    this.idp.notifications.push({
      timestamp: this.#now().toISOString(),
      application: this.app.name,
      subject: `Your ${this.app.catalog.displayName} user import is complete`,
      detail: `${count('created')} of ${results.length} users imported from ${this.app.name}; ${count('skipped')} already had an account, ${count('failed')} failed`,
    });
  }

  #candidate(resource: JsonObject): ImportCandidate {
    const fields = directoryFields(resource, this.app);
    const userId = this.idp.steps.importedAs(this.idp.directory, fields);
    return {
      spId: resource.id as string,
      userName: String(resource.userName),
      status: userId === undefined ? 'new' : 'imported',
      active: resource.active !== false,
      fields,
      ...(userId === undefined ? {} : { userId }),
    };
  }
}

/** Manual import for `app` (IDP-IDM-08). */
export function manualImport(
  idp: ReferenceIdp,
  app: Application,
  options?: ManualImportOptions,
): ManualImport {
  return new ManualImport(idp, app, options);
}

/**
 * The directory user an SP user becomes: each row of the app's mapping read back from the
 * SP's representation (the password is write-only and never read); the username is the
 * SP userName and the email its first email unless the mapping says otherwise.
 */
export function directoryFields(resource: JsonObject, app: Application): DirectoryUserFields {
  const fields: Record<string, unknown> = {};
  const phones: Record<string, unknown>[] = [];
  const addresses: Record<string, unknown>[] = [];
  for (const row of app.catalog.mappings) {
    if (!('property' in row.source) || row.source.property === 'password') continue;
    const value = mappedValue(resource, row.scim);
    if (typeof value !== 'string' || value === '') continue;
    const type = /\[type eq "([^"]+)"\]/.exec(row.scim)?.[1] ?? 'work';
    if (row.source.from === 'phone') phones.push({ type, number: value });
    else if (row.source.from === 'address') {
      const address = addresses.find((item) => item.type === type) ?? { type };
      if (!addresses.includes(address)) addresses.push(address);
      address[row.source.property] = value;
    } else fields[row.source.property] ??= value;
  }
  const userName = String(resource.userName);
  const emails = Array.isArray(resource.emails) ? resource.emails.filter(isJsonObject) : [];
  const email = emails.find((item) => item.primary === true) ?? emails[0];
  return {
    ...(fields as Partial<DirectoryUserFields>),
    username: typeof fields.username === 'string' ? fields.username : userName,
    email:
      typeof fields.email === 'string'
        ? fields.email
        : typeof email?.value === 'string'
          ? email.value
          : userName,
    firstname: typeof fields.firstname === 'string' ? fields.firstname : '',
    lastname: typeof fields.lastname === 'string' ? fields.lastname : '',
    ...(phones.length > 0 ? { phoneNumbers: phones as unknown as DirectoryUserFields['phoneNumbers'] } : {}),
    ...(addresses.length > 0 ? { addresses: addresses as unknown as DirectoryUserFields['addresses'] } : {}),
  };
}
