/**
 * Salesforce's rules, by name: the checks and defaults an org applies to what SCIM and its
 * OAuth flow send. The hooks (quirks.ts, oauth.ts) call them; a Salesforce fault replaces
 * one (faults.ts).
 * @see README.md (the app's quirks and the guide sections behind them)
 */
import { ScimError, findKey, isJsonObject, scimErrors, type JsonObject } from '#harness/scim';
import type { OrgIdentity } from './oauth.js';

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

/** The rules of a Salesforce org. */
export interface SalesforceRules {
  /** SF-02: a username is in the form of an email address. */
  usernameIsEmail(userName: string): void;
  /** SF-02: an email-shaped username holds no special characters such as `+`. */
  usernameCharacters(userName: string): void;
  /** SF-02 **assumed**: a username is unique across every Salesforce org. */
  usernameUniqueAcrossOrgs(userName: string, takenElsewhere: ReadonlySet<string>): void;
  /** SF-06: one address and one phone number at most. */
  oneAddressOnePhone(resource: JsonObject): void;
  /** SF-07: no address country or state through SCIM while the picklists are on. */
  stateCountryPicklists(resource: JsonObject, picklistsOn: boolean): void;
  /** SF-03: a created user without an entitlement gets the default profile. */
  defaultEntitlement(resource: JsonObject): void;
  /** SF-05: a created user's locale and preferred language default to en_US. */
  languageDefaults(resource: JsonObject): void;
  /** SF-04: a new primary email waits for the user's confirmation; until then the old one stays. */
  emailChangeHeld(before: JsonObject, resource: JsonObject, local: JsonObject): void;
  /** SF-10, SF-11: SCIM never writes the Federation ID and the other admin-only fields. */
  federationIdAdminOnly(local: JsonObject, previous: JsonObject, resource: JsonObject): void;
  /** SF-01: an access token expires with the session timeout. */
  tokenExpiry(expiresAt: number, now: number): void;
  /** SF-01: refuses an access token the twin environment issued; production and Sandbox keep separate sessions. */
  tokenEnvironment(org: OrgIdentity): void;
  /** SF-01: whether the admin's decision on the consent page authorises the connected app. */
  consentGrants(decision: string | null): boolean;
}

/** The rules as Salesforce applies them. */
export const SALESFORCE_RULES: SalesforceRules = {
  usernameIsEmail(userName) {
    if (EMAIL_SHAPE.test(userName)) return;
    throw scimErrors.invalidValue(
      `userName '${userName}' is not an email address; a Salesforce username must be in the form of an email address (SF-02): send the user's email`,
    );
  },
  usernameCharacters(userName) {
    if (!EMAIL_SHAPE.test(userName) || USERNAME_CHARACTERS.test(userName)) return;
    const bad = [...userName].find((c) => !/[A-Za-z0-9._'@-]/.test(c)) ?? '';
    throw scimErrors.invalidValue(
      `userName '${userName}' contains '${bad}'; Salesforce usernames cannot hold special characters such as '+' (SF-02): use an address without them`,
    );
  },
  usernameUniqueAcrossOrgs(userName, takenElsewhere) {
    if (!takenElsewhere.has(userName.toLowerCase())) return;
    throw scimErrors.uniqueness(
      `DUPLICATE_USERNAME: '${userName}' already exists in this or another Salesforce organization; usernames are unique across all orgs (SF-02): choose another username`,
    );
  },
  oneAddressOnePhone(resource) {
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
  },
  stateCountryPicklists(resource, picklistsOn) {
    if (!picklistsOn) return;
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
  },
  defaultEntitlement(resource) {
    const entitlements = resource.entitlements;
    if (!Array.isArray(entitlements) || entitlements.length === 0)
      resource.entitlements = [{ ...DEFAULT_ENTITLEMENT }];
  },
  languageDefaults(resource) {
    resource.locale ??= DEFAULT_LANGUAGE;
    resource.preferredLanguage ??= DEFAULT_LANGUAGE;
  },
  emailChangeHeld(before, resource, local) {
    const was = primaryEmail(before.emails);
    const wanted = primaryEmail(resource.emails);
    if (was === undefined || wanted?.toLowerCase() === was.toLowerCase()) return;
    resource.emails = structuredClone(before.emails);
    if (wanted === undefined) delete local.pendingEmail;
    else local.pendingEmail = wanted;
  },
  federationIdAdminOnly(local, previous) {
    for (const key of ADMIN_ONLY_FIELDS) {
      if (previous[key] === undefined) delete local[key];
      else local[key] = previous[key];
    }
  },
  tokenExpiry(expiresAt, now) {
    if (now < expiresAt) return;
    throw new ScimError(
      401,
      undefined,
      'INVALID_SESSION_ID: Session expired or invalid. The access token outlived the session timeout; get a new one with the refresh token (SF-01)',
    );
  },
  tokenEnvironment(org) {
    const twin = org.environment === 'sandbox' ? 'the production org' : 'a Sandbox of this org';
    throw new ScimError(
      401,
      undefined,
      `INVALID_SESSION_ID: this access token was issued by ${twin}; production and Sandbox orgs keep separate sessions, so authorise the ${org.environment === 'sandbox' ? 'Salesforce Sandbox' : 'Salesforce'} connector against this org's own login (SF-01)`,
    );
  },
  consentGrants: (decision) => decision === 'allow',
};

function primaryEmail(emails: unknown): string | undefined {
  if (!Array.isArray(emails)) return undefined;
  const objects = emails.filter(isJsonObject);
  const chosen = objects.find((email) => email.primary === true) ?? objects[0];
  return typeof chosen?.value === 'string' ? chosen.value : undefined;
}
