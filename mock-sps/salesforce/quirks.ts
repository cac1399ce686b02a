/**
 * Salesforce's SCIM quirks that the profile's data cannot express: the OAuth consent
 * (SF-01), username rules (SF-02), creation defaults (SF-03, SF-05), emails that change
 * only once confirmed (SF-04), one address and one phone (SF-06), country/state picklists
 * (SF-07) and a Federation ID SCIM never sets (SF-10, SF-11).
 * @see README.md (the app's quirks and the guide sections behind them)
 */
import type { AppQuirks, StoredResource } from '#mock-sps';
import type { JsonObject } from '#harness/scim';
import { SalesforceOAuth, type OAuthGrantRecord, type OAuthLogEntry, type OrgIdentity } from './oauth.js';
import { SALESFORCE_RULES, type SalesforceRules } from './rules.js';

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

/** The hooks of one Salesforce org, on its rules. */
export const salesforceQuirks: AppQuirks<SalesforceRules> = {
  rules: SALESFORCE_RULES,
  build(env, rules) {
    const oauth = new SalesforceOAuth(env, orgOf(env.origin), rules);
    const takenElsewhere = new Set<string>();
    let picklists = false;

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
      rules.usernameIsEmail(name);
      rules.usernameCharacters(name);
      rules.usernameUniqueAcrossOrgs(name, takenElsewhere);
    };

    /** SF-06, SF-07: one address and one phone; no country/state while the picklists are on. */
    const checkContacts = (resource: JsonObject): void => {
      rules.oneAddressOnePhone(resource);
      rules.stateCountryPicklists(resource, picklists);
    };

    return {
      admin,
      authenticate: (header) => oauth.authenticate(header),
      route: (request, url) => oauth.route(request, url),
      createUser({ resource, local }) {
        dropNulls(resource);
        checkUserName(resource.userName);
        checkContacts(resource);
        rules.federationIdAdminOnly(local, {}, resource);
        rules.defaultEntitlement(resource);
        rules.languageDefaults(resource);
      },
      updateUser(previous: StoredResource, { resource, local }) {
        dropNulls(resource);
        const before = previous.resource;
        if (String(resource.userName).toLowerCase() !== String(before.userName).toLowerCase())
          checkUserName(resource.userName);
        checkContacts(resource);
        rules.federationIdAdminOnly(local, previous.local, resource);
        rules.emailChangeHeld(before, resource, local);
      },
    };
  },
};

/** RFC 7643 §2.5: null is unassigned, so a `nickName: null` at creation stores no nickname (SF-05). */
function dropNulls(resource: JsonObject): void {
  for (const [key, value] of Object.entries(resource)) if (value === null) delete resource[key];
}
