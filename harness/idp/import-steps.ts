/**
 * Manual import's named steps and policy: reading the SP's pages, matching a listed user to
 * the directory, importing one user, and how many come back at once. The strict code calls
 * them; a fault replaces or wraps one (docs/decisions/0012-faults-wrap.md).
 * @see IDP-IDM-08
 */
import type { JsonObject } from '#harness/scim';
import type { Application } from './application.js';
import type { Directory, DirectoryUserFields } from './directory.js';
import type { ImportCandidate, ImportedUser } from './import.js';
import type { ReferenceIdp } from './reference-idp.js';

/**
 * IDP-IDM-08: an import of up to this many users comes back at once; a larger one runs in
 * the background. The guides say "less than 100" and "more than 100", leaving exactly 100
 * open; IDP-IDM-08 says "up to 100", so exactly 100 comes back at once.
 */
export const SYNCHRONOUS_IMPORT_LIMIT = 100;

/** The import's rule that is a figure (IDP-IDM-08). */
export interface ImportPolicy {
  /** The largest import whose results come back at once; a larger one runs in the background. */
  synchronousLimit: number;
}

/** The strict import policy: up to SYNCHRONOUS_IMPORT_LIMIT users at once. */
export const IMPORT_POLICY: Readonly<ImportPolicy> = { synchronousLimit: SYNCHRONOUS_IMPORT_LIMIT };

/** One page of the SP's users, as the import reads it. */
export interface ImportPage {
  resources: JsonObject[];
  /** The totalResults the SP reported. */
  totalResults: number;
}

/** The import's steps a fault can replace or wrap (decision 0012). */
export interface ImportSteps {
  /** IDP-IDM-08: reads every page of the SP's users, following totalResults; an empty page ends the walk. */
  listSpUsers(readPage: (startIndex: number) => Promise<ImportPage>): Promise<ImportPage & { pages: number }>;
  /** IDP-IDM-08: the directory user an SP user already is (listed as Imported), if any. */
  importedAs(directory: Directory, fields: DirectoryUserFields): string | undefined;
  /** IDP-IDM-08: imports one selected user into the directory; it is not managed in the app until a bound group holds it. */
  importOne(idp: ReferenceIdp, app: Application, candidate: ImportCandidate): Promise<ImportedUser>;
}

/** The strict import steps. */
export const IMPORT_STEPS: ImportSteps = {
  async listSpUsers(readPage) {
    const resources: JsonObject[] = [];
    let startIndex = 1;
    let totalResults = 0;
    let pages = 0;
    do {
      const page = await readPage(startIndex);
      pages++;
      totalResults = page.totalResults;
      resources.push(...page.resources);
      if (page.resources.length === 0) break;
      startIndex += page.resources.length;
    } while (startIndex <= totalResults);
    return { resources, totalResults, pages };
  },
  importedAs: (directory, fields) => directoryMatch(directory, fields),
  async importOne(idp, _app, candidate) {
    const { spId, userName } = candidate;
    const existing = directoryMatch(idp.directory, candidate.fields);
    if (existing !== undefined)
      return {
        spId,
        userName,
        outcome: 'skipped',
        userId: existing,
        detail: 'already has a directory account',
      };
    try {
      const userId = await idp.createUser(candidate.fields);
      return { spId, userName, outcome: 'created', userId, detail: 'created in the directory' };
    } catch (error) {
      return {
        spId,
        userName,
        outcome: 'failed',
        detail: error instanceof Error ? error.message : String(error),
      };
    }
  },
};

/**
 * The directory user that already is this SP user: same username, or same email (case-insensitive);
 * the first in the directory's order when several are. Found through the directory's indexes.
 */
export function directoryMatch(directory: Directory, fields: DirectoryUserFields): string | undefined {
  return directory.findByUsernameOrEmail(fields.username, fields.email)?.id;
}
