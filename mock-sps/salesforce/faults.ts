/**
 * Salesforce's faults: each replaces one of the org's rules (rules.ts) or decorates its
 * hooks, so the check that judges the rule is proven able to fail.
 */
import { defineAppFaults, skipsRule, type ScimQuirks } from '#mock-sps';
import { ENTERPRISE_USER_SCHEMA as ENTERPRISE } from '#harness/scim';
import type { SalesforceRules } from './rules.js';

const CONSENT = 'provisioning/salesforce-oauth-consent';
const USERNAME = 'provisioning/salesforce-username-rules';
const FEDERATION = 'provisioning/salesforce-no-federation-id';

const skips = skipsRule<SalesforceRules>;

/** The user hooks followed by dropping the enterprise extension from what is stored. */
function dropEnterprise(strict: ScimQuirks): ScimQuirks {
  return {
    ...strict,
    createUser(user) {
      strict.createUser?.(user);
      delete user.resource[ENTERPRISE];
    },
    updateUser(previous, next) {
      strict.updateUser?.(previous, next);
      delete next.resource[ENTERPRISE];
    },
  };
}

/** Salesforce's SCIM faults (its profile's `faults`). */
export const SALESFORCE_SP_FAULTS = defineAppFaults<SalesforceRules>()([
  {
    id: 'token-never-expires',
    area: 'scim',
    app: 'salesforce',
    bug: 'accepts an OAuth access token after the session timeout',
    cites: ['SF-01'],
    caughtBy: [CONSENT],
    apply: skips('tokenExpiry'),
  },
  {
    id: 'deny-grants-access',
    area: 'scim',
    app: 'salesforce',
    bug: 'records an authorisation and issues a code when the admin clicks Deny',
    cites: ['SF-01'],
    caughtBy: [CONSENT],
    apply: { rules: (strict) => ({ ...strict, consentGrants: () => true }) },
  },
  {
    id: 'cross-environment-tokens',
    area: 'scim',
    app: 'salesforce',
    bug: 'accepts access tokens issued by its production or Sandbox twin, as if they shared sessions',
    cites: ['SF-01'],
    caughtBy: ['provisioning/salesforce-sandbox'],
    apply: skips('tokenEnvironment'),
  },
  {
    id: 'allow-non-email-username',
    area: 'scim',
    app: 'salesforce',
    bug: 'accepts a username that is not an email address',
    cites: ['SF-02'],
    caughtBy: [USERNAME],
    apply: skips('usernameIsEmail'),
  },
  {
    id: 'allow-plus-in-username',
    area: 'scim',
    app: 'salesforce',
    bug: 'accepts special characters such as + in a username',
    cites: ['SF-02'],
    caughtBy: [USERNAME],
    apply: skips('usernameCharacters'),
  },
  {
    id: 'no-cross-org-registry',
    area: 'scim',
    app: 'salesforce',
    bug: 'accepts a username already taken in another Salesforce org',
    cites: ['SF-02'],
    caughtBy: [USERNAME],
    apply: skips('usernameUniqueAcrossOrgs'),
  },
  {
    id: 'no-default-entitlement',
    area: 'scim',
    app: 'salesforce',
    bug: 'creates a user without the default profile entitlement "Standard User"',
    cites: ['SF-03'],
    caughtBy: ['provisioning/salesforce-entitlement'],
    apply: skips('defaultEntitlement'),
  },
  {
    id: 'apply-email-change',
    area: 'scim',
    app: 'salesforce',
    bug: 'applies an email change at once instead of waiting for the user to confirm it',
    cites: ['SF-04'],
    caughtBy: ['provisioning/salesforce-email-change'],
    apply: skips('emailChangeHeld'),
  },
  {
    id: 'no-language-default',
    area: 'scim',
    app: 'salesforce',
    bug: 'creates users without the en_US locale and preferred language defaults',
    cites: ['SF-05'],
    caughtBy: ['provisioning/salesforce-create-only-fields'],
    apply: skips('languageDefaults'),
  },
  {
    id: 'accept-many-addresses',
    area: 'scim',
    app: 'salesforce',
    bug: 'stores several addresses and phone numbers per user',
    cites: ['SF-06'],
    caughtBy: ['provisioning/salesforce-one-address-phone'],
    apply: skips('oneAddressOnePhone'),
  },
  {
    id: 'ignore-picklists',
    area: 'scim',
    app: 'salesforce',
    bug: 'accepts an address country/region although country/state picklists are on',
    cites: ['SF-07'],
    caughtBy: ['provisioning/salesforce-picklists'],
    apply: skips('stateCountryPicklists'),
  },
  {
    id: 'drop-enterprise-extension',
    area: 'scim',
    app: 'salesforce',
    bug: 'drops the enterprise extension (employeeNumber, department, organization)',
    cites: ['SF-09'],
    caughtBy: ['provisioning/salesforce-enterprise-extension'],
    apply: { hooks: dropEnterprise },
  },
  {
    id: 'federation-id-from-scim',
    area: 'scim',
    app: 'salesforce',
    bug: 'takes the Federation ID from SCIM externalId, so SCIM sets and clears it',
    cites: ['SF-10', 'SF-11'],
    caughtBy: [FEDERATION, 'provisioning/salesforce-jit-exclusive'],
    apply: {
      rules: (strict) => ({
        ...strict,
        federationIdAdminOnly(local, previous, resource) {
          strict.federationIdAdminOnly(local, previous, resource);
          if (typeof resource.externalId === 'string') local.federationId = resource.externalId;
          else delete local.federationId;
        },
      }),
    },
  },
]);
