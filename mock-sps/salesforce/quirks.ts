/**
 * Salesforce's SCIM quirks that the profile's data cannot express: the OAuth consent
 * (SF-01), username rules (SF-02), creation defaults (SF-03, SF-05), emails that change
 * only once confirmed (SF-04), one address and one phone (SF-06), country/state picklists
 * (SF-07) and a Federation ID SCIM never sets (SF-10, SF-11).
 * @see ../../../shared/seeds/002_8d1fdbf62f0575d5.txt
 */
import { ScimError, findKey, isJsonObject, scimErrors, type JsonObject } from '#harness';
import type { QuirkEnv, ScimQuirks } from '../core/profile.js';
import type { StoredResource } from '../core/store.js';
import { SalesforceOAuth, type OAuthGrantRecord, type OAuthLogEntry, type OrgIdentity } from './oauth.js';
import { ENTERPRISE_USER_SCHEMA as ENTERPRISE } from '#harness';

/** SF-03: the profile every SCIM-created user gets unless another is sent. */
export const DEFAULT_ENTITLEMENT = { type: 'profile', primary: true, value: 'Standard User' } as const;
/** SF-05: "At this time, English is the only supported language": the creation default. */
export const DEFAULT_LANGUAGE = 'en_US';

/**
 * SP-local fields only the org's admin (Data Loader, Setup) or JIT sets, never SCIM (SF-10):
 * restored from the stored user whatever a SCIM write carries.
 */
const ADMIN_ONLY_FIELDS = ['federationId', 'profileId', 'samlSource'] as const;

/** **assumed** characters a Salesforce username may hold besides the `@`; the guide names `+` as refused. */
const USERNAME_CHARACTERS = /^[A-Za-z0-9._'-]+@[A-Za-z0-9.-]+$/;
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** **assumed** org ids and admin sign-in of the mock org and its Sandbox (SF-01). */
const PRODUCTION_ORG_ID = '00D5g000004ACME';
const SANDBOX_ORG_ID = '00D1x000000SBOX';
const ADMIN = { username: 'admin@acme.example.com', password: 'Salesforce-Admin-1!' };

/** What the org's System Administrator does outside SCIM, for scenarios. */
export interface SalesforceAdmin {
  /** Production, or a Sandbox with its own login and sessions (SF-01). */
  readonly environment: 'production' | 'sandbox';
  /** The admin's sign-in on the OAuth consent page (SF-01): a Sandbox appends `.sandbox`, as Salesforce does. */
  readonly signIn: { username: string; password: string };
  /** SF-01: connected-app authorisations the org holds (Setup → Connected Apps OAuth Usage). */
  grants(): OAuthGrantRecord[];
  /** SF-01: every request to the OAuth endpoints. */
  oauthLog(): OAuthLogEntry[];
  /** SF-02 **assumed**: marks a username as taken in another Salesforce org. */
  reserveUsername(userName: string): void;
  /** SF-07: Setup → State and Country/Territory Picklists. Off by default, as the guide requires. */
  setStateCountryPicklists(enabled: boolean): void;
  readonly stateCountryPicklists: boolean;
}

/** The org behind an origin: a `--<name>.sandbox.my.salesforce.com` host is a Sandbox. */
function orgOf(origin: string): OrgIdentity {
  const sandbox = /\.sandbox\.my\.salesforce\.com$/i.test(new URL(origin).hostname);
  return sandbox
    ? {
        environment: 'sandbox',
        orgId: SANDBOX_ORG_ID,
        twinOrgId: PRODUCTION_ORG_ID,
        admin: { ...ADMIN, username: `${ADMIN.username}.sandbox` },
      }
    : { environment: 'production', orgId: PRODUCTION_ORG_ID, twinOrgId: SANDBOX_ORG_ID, admin: ADMIN };
}

/** The quirk hooks of one Salesforce org. */
export function salesforceQuirks(env: QuirkEnv): ScimQuirks {
  const oauth = new SalesforceOAuth(env, orgOf(env.origin));
  const takenElsewhere = new Set<string>();
  let picklists = false;
  const faults = env.faults;

  const admin: SalesforceAdmin = {
    environment: oauth.org.environment,
    signIn: { ...oauth.org.admin },
    grants: () => oauth.grants(),
    oauthLog: () => oauth.log.map((entry) => ({ ...entry })),
    reserveUsername: (userName) => void takenElsewhere.add(userName.toLowerCase()),
    setStateCountryPicklists: (enabled) => void (picklists = enabled),
    get stateCountryPicklists() {
      return picklists;
    },
  };

  /** SF-02: an email-shaped username without special characters, not taken in another org. */
  const checkUserName = (userName: unknown): void => {
    const name = typeof userName === 'string' ? userName : '';
    if (!EMAIL_SHAPE.test(name) && !faults.has('allow-non-email-username')) {
      throw scimErrors.invalidValue(
        `userName '${name}' is not an email address; a Salesforce username must be in the form of an email address (SF-02): send the user's email`,
      );
    }
    if (EMAIL_SHAPE.test(name) && !USERNAME_CHARACTERS.test(name) && !faults.has('allow-plus-in-username')) {
      const bad = [...name].find((c) => !/[A-Za-z0-9._'@-]/.test(c)) ?? '';
      throw scimErrors.invalidValue(
        `userName '${name}' contains '${bad}'; Salesforce usernames cannot hold special characters such as '+' (SF-02): use an address without them`,
      );
    }
    if (takenElsewhere.has(name.toLowerCase()) && !faults.has('no-cross-org-registry')) {
      throw scimErrors.uniqueness(
        `DUPLICATE_USERNAME: '${name}' already exists in this or another Salesforce organization; usernames are unique across all orgs (SF-02): choose another username`,
      );
    }
  };

  /** SF-06, SF-07: one address and one phone; no country/state while the picklists are on. */
  const checkContacts = (resource: JsonObject): void => {
    if (!faults.has('accept-many-addresses')) {
      for (const [attribute, noun] of [
        ['addresses', 'address'],
        ['phoneNumbers', 'phone number'],
      ] as const) {
        const values = resource[findKey(resource, attribute) ?? attribute];
        if (Array.isArray(values) && values.length > 1) {
          throw scimErrors.invalidValue(
            `${attribute}: Salesforce keeps at most one ${noun} per user and this request has ${values.length} (SF-06); send one`,
          );
        }
      }
    }
    if (!picklists || faults.has('ignore-picklists')) return;
    const addresses = resource[findKey(resource, 'addresses') ?? 'addresses'];
    for (const address of Array.isArray(addresses) ? addresses.filter(isJsonObject) : []) {
      const set = ['country', 'region'].filter((key) => {
        const value = address[findKey(address, key) ?? key];
        return typeof value === 'string' && value !== '';
      });
      if (set.length > 0) {
        throw new ScimError(
          400,
          'invalidValue',
          `FIELD_INTEGRITY_EXCEPTION: State and Country/Territory Picklists are enabled in this org, so the address ${set.join(' and ')} cannot be set through SCIM (SF-07); turn the picklists off in Setup or send the address without ${set.join(' and ')}`,
        );
      }
    }
  };

  /** SF-10, SF-11: SCIM never writes the Federation ID (the fault lets externalId set it). */
  const keepAdminFields = (local: JsonObject, previous: JsonObject, resource: JsonObject): void => {
    for (const key of ADMIN_ONLY_FIELDS) {
      if (previous[key] === undefined) delete local[key];
      else local[key] = previous[key];
    }
    if (faults.has('federation-id-from-scim')) {
      const externalId = resource.externalId;
      if (typeof externalId === 'string') local.federationId = externalId;
      else delete local.federationId;
    }
  };

  return {
    admin,
    authenticate: (header) => oauth.authenticate(header),
    route: (request, url) => oauth.route(request, url),
    createUser({ resource, local }) {
      dropNulls(resource);
      checkUserName(resource.userName);
      checkContacts(resource);
      keepAdminFields(local, {}, resource);
      const entitlements = resource.entitlements;
      if (
        (!Array.isArray(entitlements) || entitlements.length === 0) &&
        !faults.has('no-default-entitlement')
      )
        resource.entitlements = [{ ...DEFAULT_ENTITLEMENT }];
      if (!faults.has('no-language-default')) {
        resource.locale ??= DEFAULT_LANGUAGE;
        resource.preferredLanguage ??= DEFAULT_LANGUAGE;
      }
      if (faults.has('drop-enterprise-extension')) delete resource[ENTERPRISE];
    },
    updateUser(previous: StoredResource, { resource, local }) {
      dropNulls(resource);
      const before = previous.resource;
      if (String(resource.userName).toLowerCase() !== String(before.userName).toLowerCase())
        checkUserName(resource.userName);
      checkContacts(resource);
      keepAdminFields(local, previous.local, resource);
      // SF-04: a new email waits for the user's confirmation; until then the old one stays.
      const was = primaryEmail(before.emails);
      const wanted = primaryEmail(resource.emails);
      if (
        was !== undefined &&
        wanted?.toLowerCase() !== was.toLowerCase() &&
        !faults.has('apply-email-change')
      ) {
        resource.emails = structuredClone(before.emails);
        if (wanted === undefined) delete local.pendingEmail;
        else local.pendingEmail = wanted;
      }
      if (faults.has('drop-enterprise-extension')) delete resource[ENTERPRISE];
    },
  };
}

/** RFC 7643 §2.5: null is unassigned, so a `nickName: null` at creation stores no nickname (SF-05). */
function dropNulls(resource: JsonObject): void {
  for (const [key, value] of Object.entries(resource)) if (value === null) delete resource[key];
}

function primaryEmail(emails: unknown): string | undefined {
  if (!Array.isArray(emails)) return undefined;
  const objects = emails.filter(isJsonObject);
  const chosen = objects.find((email) => email.primary === true) ?? objects[0];
  return typeof chosen?.value === 'string' ? chosen.value : undefined;
}
